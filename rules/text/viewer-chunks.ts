import type { LineIndex } from '../engine/line-index.js';

/**
 * Document viewers cut a text into numbered chunks ("1、…", "2、…") at fixed lengths, often
 * inside a word ("逐\n9、步向"). A run of lines numbered 1, 2, 3… where most breaks fall
 * mid-sentence is such a dump; a real numbered list ends its items with punctuation.
 */
export interface ViewerChunk {
  /** 0-based line that the chunk number opens. */
  line: number;
  /** The number with the spaces after it: `[start, end)`. */
  start: number;
  end: number;
  /** Whether the chunk splits a sentence (the line break before it is residue too). */
  splitsSentence: boolean;
}

const CHUNK_NUMBER = /^(\d{1,3})、[ \t]*/;
/** A line that ends like this ends a sentence. */
export const SENTENCE_FINAL = /[。！？!?；;…”’）)》】：:.]\s*$/;
const MIN_CHUNKS = 3;

export function findViewerChunks(text: string, lines: LineIndex): ViewerChunk[] {
  const found: ViewerChunk[] = [];
  let run: { line: number; length: number }[] = [];
  const lineText = (i: number) => text.slice(lines.lineStarts[i], lines.lineEndAt(i));
  const previousNonBlank = (i: number): string | undefined => {
    for (let j = i - 1; j >= 0; j--) if (lineText(j).trim() !== '') return lineText(j);
    return undefined;
  };
  const flush = () => {
    if (run.length >= MIN_CHUNKS) {
      const midSentence = run.slice(1).filter(({ line }) => !SENTENCE_FINAL.test(previousNonBlank(line) ?? '。')).length;
      if (midSentence * 2 >= run.length - 1) {
        run.forEach(({ line, length }, i) => {
          const previous = line > 0 ? lineText(line - 1) : '';
          const start = lines.lineStarts[line]!;
          found.push({ line, start, end: start + length, splitsSentence: i > 0 && previous.trim() !== '' && !SENTENCE_FINAL.test(previous) });
        });
      }
    }
    run = [];
  };
  for (let i = 0; i < lines.lineCount; i++) {
    const m = CHUNK_NUMBER.exec(lineText(i));
    if (!m) continue;
    if (Number(m[1]) !== run.length + 1) {
      flush();
      if (Number(m[1]) !== 1) continue;
    }
    run.push({ line: i, length: m[0].length });
  }
  flush();
  return found;
}
