import { LineIndex } from './line-index.js';
import type { DocumentLanguage, OffsetRange } from './types.js';
import { maskMarkdown } from '../text/prose.js';
import { foldToSimplified } from '../text/fold.js';
import { firstIndex } from './sorted.js';
import { plainTextDirectiveLines } from './directives.js';

/**
 * Stands in for every masked character (code, URLs in markdown, comments, front matter, a BOM):
 * not Han, not Latin, not punctuation, not space, so rules treat it as a hard boundary.
 */
export const MASK_CHAR = '\uFFFC';

/**
 * The text a rule reads. `prose` has the same length as `text`: masked characters are
 * replaced by MASK_CHAR (line breaks are kept), so every offset means the same in both.
 */
export class SourceDocument {
  readonly lines: LineIndex;
  readonly prose: string;
  /** Sorted, disjoint ranges no finding may touch. */
  readonly masked: readonly OffsetRange[];

  constructor(
    readonly text: string,
    readonly language: DocumentLanguage = 'plaintext',
  ) {
    this.lines = new LineIndex(text);
    const masked: OffsetRange[] = [];
    if (text.charCodeAt(0) === 0xfeff) masked.push({ start: 0, end: 1 });
    if (language === 'markdown') masked.push(...maskMarkdown(text));
    else for (const line of plainTextDirectiveLines(text, this)) masked.push(line);
    this.masked = normalizeRanges(masked);
    this.prose = applyMask(text, this.masked);
  }

  private folded?: string;

  /** `prose` folded to simplified characters (same length), made once for all the rules that read it. */
  get foldedProse(): string {
    return (this.folded ??= foldToSimplified(this.prose));
  }

  /** True when `range` shares at least one character with a masked range. */
  touchesMask(range: OffsetRange): boolean {
    const candidate = this.masked[firstIndex(this.masked, (m) => m.end > range.start)];
    if (!candidate) return false;
    if (range.start === range.end) return candidate.start < range.start && range.start < candidate.end;
    return candidate.start < range.end;
  }

  /** Lines of the prose text as `[start, end)` ranges without their line breaks. */
  *proseLines(): Generator<{ start: number; end: number; text: string }> {
    for (let line = 0; line < this.lines.lineCount; line++) {
      const start = this.lines.lineStarts[line]!;
      const end = this.lines.lineEndAt(line);
      yield { start, end, text: this.prose.slice(start, end) };
    }
  }
}

function normalizeRanges(ranges: OffsetRange[]): OffsetRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: OffsetRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function applyMask(text: string, masked: readonly OffsetRange[]): string {
  if (masked.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const { start, end } of masked) {
    out += text.slice(cursor, start);
    // Keep line breaks so that line and paragraph structure survives masking.
    out += text.slice(start, end).replace(/[^\r\n]/g, MASK_CHAR);
    cursor = end;
  }
  return out + text.slice(cursor);
}
