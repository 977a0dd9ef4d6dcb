import type { OffsetRange } from '../engine/types.js';
import { findUrls } from './urls.js';

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
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`') { i++; continue; }
    let j = i;
    while (line[j] === '`') j++;
    const ticks = line.slice(i, j);
    const close = findRun(line, ticks, j);
    if (close < 0) { i = j; continue; }
    codeSpans.push({ start: at(i), end: at(close + ticks.length) });
    i = close + ticks.length;
  }
  masked.push(...codeSpans);
  const inCode = (i: number) => codeSpans.some((s) => at(i) >= s.start && at(i) < s.end);

  // Links and images: mask `](destination "title")`, the `!` of images, and autolinks.
  const linkTail = /\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
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
  const emphasis = /(\*{1,3}|_{1,3})(?=\S)/g;
  for (let m = emphasis.exec(line); m; m = emphasis.exec(line)) {
    const run = m[1]!;
    if (inCode(m.index)) continue;
    // `_` inside a word is not emphasis in CommonMark (snake_case stays).
    if (run[0] === '_' && /[A-Za-z0-9]/.test(line[m.index - 1] ?? '')) continue;
    const close = findClosingEmphasis(line, run, m.index + run.length);
    if (close < 0) continue;
    masked.push({ start: at(m.index), end: at(m.index + run.length) });
    masked.push({ start: at(close), end: at(close + run.length) });
    emphasis.lastIndex = close + run.length;
  }
}

function findRun(line: string, run: string, from: number): number {
  for (let k = line.indexOf(run, from); k >= 0; k = line.indexOf(run, k + 1)) {
    const before = line[k - 1];
    const after = line[k + run.length];
    if (before !== run[0] && after !== run[0]) return k;
  }
  return -1;
}

function findClosingEmphasis(line: string, run: string, from: number): number {
  for (let k = line.indexOf(run, from); k >= 0; k = line.indexOf(run, k + 1)) {
    if (line[k + run.length] === run[0] || line[k - 1] === run[0]) continue;
    if (/\s/.test(line[k - 1] ?? ' ')) continue;
    if (run[0] === '_' && /[A-Za-z0-9]/.test(line[k + run.length] ?? '')) continue;
    return k;
  }
  return -1;
}

function maskHtmlComments(text: string, masked: OffsetRange[]): void {
  for (let start = text.indexOf('<!--'); start >= 0; start = text.indexOf('<!--', start + 4)) {
    const close = text.indexOf('-->', start + 4);
    const end = close < 0 ? text.length : close + 3;
    masked.push({ start, end });
    if (close < 0) break;
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
