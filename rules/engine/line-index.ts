import type { Position } from './types.js';

/**
 * Maps UTF-16 offsets to 1-based line/column pairs. Line breaks are counted as in
 * LSP: `\n`, `\r\n` and a lone `\r` each end a line.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line containing `offset` (offsets inside a `\r\n` belong to the line it ends). */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line: line + 1, column: clamped - this.lineStarts[line]! + 1 };
  }

  /** Inverse of `positionAt`; columns past the line's end are clamped to it. */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line - 1, this.lineStarts.length - 1));
    const start = this.lineStarts[line]!;
    const end = this.lineEndAt(line);
    return Math.max(start, Math.min(start + position.column - 1, end));
  }

  /** Offset of the line break (or end of text) ending 0-based `line`. */
  lineEndAt(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of 0-based `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEndAt(line));
  }
}
