import { CMS_MARKER_COMMENT } from './page-chrome.js';
import type { OffsetRange } from '../engine/types.js';
import { findUrls } from './urls.js';
import { firstIndex } from '../engine/sorted.js';

/**
 * Finds what is not prose in a markdown document: front matter, fenced and indented code,
 * inline code, HTML comments and tags, link destinations, autolinks and bare URLs, image
 * markers and emphasis delimiters. Returns ranges (unsorted, possibly overlapping).
 *
 * This is a line scanner, not a full CommonMark parser: it errs on the side of masking
 * syntax so that no finding or fix can touch it.
 */
export function maskMarkdown(text: string): OffsetRange[] {
  const masked: OffsetRange[] = [];
  const lines = splitLinesWithOffsets(text);
  let index = 0;

  // Front matter: YAML (---) or TOML (+++) at the very start.
  const first = lines[0];
  if (first && /^(---|\+\+\+)\s*$/.test(first.text)) {
    const fence = first.text.trim();
    for (let j = 1; j < lines.length; j++) {
      const t = lines[j]!.text.trim();
      if (t === fence || (fence === '---' && t === '...')) {
        masked.push({ start: 0, end: lines[j]!.end });
        index = j + 1;
        break;
      }
    }
  }

  maskWrongExamples(lines, index, masked);

  let fence: { char: string; length: number } | null = null;
  let previousBlank = true;
  let inList = false;
  const proseRanges: OffsetRange[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const t = line.text;
    if (fence) {
      masked.push({ start: line.start, end: line.end });
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(t);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(t);
    if (open) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      masked.push({ start: line.start, end: line.end });
      continue;
    }
    const blank = t.trim() === '';
    if (!blank && /^( {4,}|\t)/.test(t) && previousBlank && !inList) {
      // Indented code block (only after a blank line and outside lists, as in CommonMark).
      masked.push({ start: line.start, end: line.end });
      continue;
    }
    if (/^ {0,3}\[[^\]]+\]:\s*\S/.test(t)) {
      // Link reference definition: `[id]: url "title"`.
      masked.push({ start: line.start, end: line.end });
      previousBlank = false;
      continue;
    }
    if (/^ {0,3}([-*+]|\d{1,9}[.)])\s/.test(t)) inList = true;
    else if (blank) {
      // A list ends at a blank line followed by a non-indented line; decided on that line.
    } else if (!/^\s/.test(t)) inList = false;
    previousBlank = blank;
    proseRanges.push({ start: line.start, end: line.end });
  }

  for (const range of proseRanges) maskInline(text, range, masked);
  maskHtmlComments(text, masked);
  return masked;
}

function maskInline(text: string, range: OffsetRange, masked: OffsetRange[]): void {
  const line = text.slice(range.start, range.end);
  const at = (i: number) => range.start + i;

  // Inline code: a backtick run closed by a run of the same length.
  const codeSpans: OffsetRange[] = [];
  const tickRuns = new RunIndex(line, '`');
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`') { i++; continue; }
    let j = i;
    while (line[j] === '`') j++;
    const close = tickRuns.next(j - i, j);
    if (close < 0) { i = j; continue; }
    codeSpans.push({ start: at(i), end: at(close + j - i) });
    i = close + j - i;
  }
  masked.push(...codeSpans);
  const inCode = (i: number) => inSpans(codeSpans, at(i));

  // Links and images: mask `](destination "title")`, the `!` of images, and autolinks. As in
  // CommonMark, a <destination> holds no < or >, and a (title) no parenthesis: the scan for
  // its end then stops at the next "](<" or "](x (" rather than rescanning the line from each.
  const linkTail = /\]\((?:<[^<>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;
  for (let m = linkTail.exec(line); m; m = linkTail.exec(line)) {
    if (inCode(m.index)) continue;
    masked.push({ start: at(m.index), end: at(m.index + m[0].length) });
  }
  const image = /!\[/g;
  for (let m = image.exec(line); m; m = image.exec(line)) {
    if (!inCode(m.index)) masked.push({ start: at(m.index), end: at(m.index + 1) });
  }
  const autolink = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>/g;
  for (let m = autolink.exec(line); m; m = autolink.exec(line)) {
    masked.push({ start: at(m.index), end: at(m.index + m[0].length) });
  }
  // Inline HTML tags.
  const tag = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
  for (let m = tag.exec(line); m; m = tag.exec(line)) {
    if (!inCode(m.index)) masked.push({ start: at(m.index), end: at(m.index + m[0].length) });
  }
  for (const url of findUrls(line)) masked.push({ start: at(url.start), end: at(url.end) });

  // Emphasis delimiters: a run of * or _ closed later on the line by the same run.
  const closers = { '*': new RunIndex(line, '*', (k, n) => canCloseEmphasis(line, k, n)), _: new RunIndex(line, '_', (k, n) => canCloseEmphasis(line, k, n)) };
  const emphasis = /(\*{1,3}|_{1,3})(?=\S)/g;
  for (let m = emphasis.exec(line); m; m = emphasis.exec(line)) {
    const run = m[1]!;
    if (inCode(m.index)) continue;
    // `_` inside a word is not emphasis in CommonMark (snake_case stays).
    if (run[0] === '_' && /[A-Za-z0-9]/.test(line[m.index - 1] ?? '')) continue;
    const close = closers[run[0] as '*' | '_'].next(run.length, m.index + run.length);
    if (close < 0) continue;
    masked.push({ start: at(m.index), end: at(m.index + run.length) });
    masked.push({ start: at(close), end: at(close + run.length) });
    emphasis.lastIndex = close + run.length;
  }
}

/**
 * The maximal runs of one character on a line, by length, for finding "the next run of exactly
 * n" with a binary search: scanning forward from every opener is quadratic on lines such as
 * "*a *a *a …" where nothing closes.
 */
class RunIndex {
  private readonly starts = new Map<number, number[]>();

  constructor(line: string, char: string, accept: (start: number, length: number) => boolean = () => true) {
    for (let k = line.indexOf(char); k >= 0; ) {
      let end = k;
      while (line[end] === char) end++;
      if (accept(k, end - k)) {
        const list = this.starts.get(end - k);
        if (list) list.push(k);
        else this.starts.set(end - k, [k]);
      }
      k = line.indexOf(char, end);
    }
  }

  /** Start of the first accepted run of exactly `length` characters starting at or after `from`, or -1. */
  next(length: number, from: number): number {
    const list = this.starts.get(length);
    if (!list) return -1;
    return list[firstIndex(list, (start) => start >= from)] ?? -1;
  }
}

/** A closing emphasis run follows a non-space; a closing `_` does not run into a word. */
function canCloseEmphasis(line: string, k: number, length: number): boolean {
  if (/\s/.test(line[k - 1] ?? ' ')) return false;
  return !(line[k] === '_' && /[A-Za-z0-9]/.test(line[k + length] ?? ''));
}

/** Whether `offset` falls in one of `spans` (sorted, disjoint). */
function inSpans(spans: readonly OffsetRange[], offset: number): boolean {
  const span = spans[firstIndex(spans, (s) => s.end > offset)];
  return span !== undefined && span.start <= offset;
}

/** "错误：" / "錯誤：" / "反例：" alone on a line: the quoted lines after it are wrong on purpose. */
const WRONG_EXAMPLE_LABEL = /^\s*(?:[*_]{0,2})(?:错误|錯誤|反例|错误示例|錯誤示例|不正确|不正確|不推荐|不推薦)(?:[*_]{0,2})[:：]?(?:[*_]{0,2})\s*$/;

/**
 * A style guide's deliberately wrong examples: the blockquote right after a "错误：" label
 * (blank lines and ">" lines, up to the next other line). They show the slips the guide
 * warns against; no rule should report them as the guide's own.
 */
function maskWrongExamples(lines: readonly LineSpan[], from: number, masked: OffsetRange[]): void {
  for (let i = from; i < lines.length; i++) {
    if (!WRONG_EXAMPLE_LABEL.test(lines[i]!.text)) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.text.trim() === '') j++;
    while (j < lines.length && (/^\s{0,3}>/.test(lines[j]!.text) || lines[j]!.text.trim() === '')) {
      if (lines[j]!.text.trim() !== '') masked.push({ start: lines[j]!.start, end: lines[j]!.end });
      j++;
    }
    i = j - 1;
  }
}

function maskHtmlComments(text: string, masked: OffsetRange[]): void {
  for (let start = text.indexOf('<!--'); start >= 0; ) {
    const close = text.indexOf('-->', start + 4);
    const end = close < 0 ? text.length : close + 3;
    // A CMS marker ("<!-- INFO END -->") is scraper residue that template-residue reports.
    if (!CMS_MARKER_COMMENT.test(text.slice(start, end))) masked.push({ start, end });
    if (close < 0) break;
    // A "<!--" that starts before close - 3 ends at the same "-->", inside this range: skip those
    // rather than rescan up to the same close from each ("<!--<!--<!--…-->" was quadratic).
    start = text.indexOf('<!--', Math.max(start + 4, close - 3));
  }
}

export interface LineSpan {
  start: number;
  end: number;
  text: string;
}

/** Splits on `\n`, `\r\n` and lone `\r`; spans exclude the line break. */
export function splitLinesWithOffsets(text: string): LineSpan[] {
  const lines: LineSpan[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push({ start, end: m.index, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length, text: text.slice(start) });
  return lines;
}
