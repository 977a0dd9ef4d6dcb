import type { LineIndex } from '../engine/line-index.js';

/**
 * Document viewers cut a text into numbered chunks ("1、…", "2、…") at fixed lengths, often
 * inside a word ("逐\n9、步向"). The evidence is the cut itself: a run of long lines numbered
 * 1, 2, 3… where most breaks fall between two characters of running text (no punctuation on
 * either side). A real numbered list — a name list, an agenda, items without end punctuation —
 * has short items, or breaks after an item's last word, and is never taken for one.
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
/** Viewers cut every few hundred characters; list items are rarely this long without a stop. */
const MIN_CHUNK_LENGTH = 80;
/** Running text on both sides of a cut: Han, letters or digits (not punctuation or space). */
const RUNNING_TEXT = /[\p{Script=Han}\p{L}\p{N}]/u;

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
      // Every chunk but the last is cut at the viewer's length.
      const long = run.slice(0, -1).every(({ line }) => [...lineText(line).trim()].length >= MIN_CHUNK_LENGTH);
      const cuts = run.slice(1).filter(({ line, length }) => splitsWord(previousNonBlank(line) ?? '', lineText(line).slice(length))).length;
      if (long && cuts * 2 >= run.length - 1) {
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

/** Whether a break between `before` (a line's text) and `after` (the next chunk's text) cuts running text. */
function splitsWord(before: string, after: string): boolean {
  const last = [...before.trimEnd()].pop();
  const first = [...after.trimStart()][0];
  return last !== undefined && first !== undefined && RUNNING_TEXT.test(last) && RUNNING_TEXT.test(first);
}
