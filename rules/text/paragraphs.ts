import { splitLinesWithOffsets, type LineSpan } from './prose.js';

/**
 * Paragraphs: runs of non-blank lines. Speech drafts put one paragraph on a line, so for
 * plain text this is usually one line; markdown may wrap a paragraph over several lines.
 */
export function splitParagraphs(text: string): LineSpan[] {
  const paragraphs: LineSpan[] = [];
  let current: { start: number; end: number } | null = null;
  for (const line of splitLinesWithOffsets(text)) {
    if (line.text.trim() === '') {
      if (current) paragraphs.push({ ...current, text: text.slice(current.start, current.end) });
      current = null;
    } else if (current) {
      current.end = line.end;
    } else {
      current = { start: line.start, end: line.end };
    }
  }
  if (current) paragraphs.push({ ...current, text: text.slice(current.start, current.end) });
  return paragraphs;
}

/** Marks that end a sentence in Chinese text (half-width ones too: drafts contain them). */
const SENTENCE_END = /[。！？!?；;…]+[”’」』）)]*/g;

/** Sentences of `[start, end)` in `text`, ending after their terminal mark (and closing quotes). */
export function splitSentences(text: string, start = 0, end = text.length): LineSpan[] {
  const sentences: LineSpan[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(slice); m; m = SENTENCE_END.exec(slice)) {
    const to = m.index + m[0].length;
    pushTrimmed(sentences, text, start + from, start + to);
    from = to;
  }
  pushTrimmed(sentences, text, start + from, end);
  return sentences;
}

function pushTrimmed(into: LineSpan[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end, text: text.slice(start, end) });
}
