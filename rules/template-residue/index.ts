import type { OffsetRange, Rule } from '../engine/types.js';
import { isInlineSpace } from '../text/chinese.js';
import { foldToSimplified } from '../text/fold.js';
import { splitSentences } from '../text/paragraphs.js';
import { findViewerChunks } from '../text/viewer-chunks.js';
import { findUrls } from '../text/urls.js';
import markerList from './markers.txt';
import { firstIndex } from '../engine/sorted.js';

/** One pattern matching any banner marker (see markers.txt). */
const MARKER = new RegExp(
  markerList
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => `(?:${l})`)
    .join('|'),
);

/** A banner on a line of at most this many characters takes the whole line with it. */
const MAX_BANNER_LINE = 300;
/** Lines of a header or footer block swept along with a banner line are at most this long. */
const MAX_BLOCK_LINE = 60;

// "……(快文网http://…省略1393字,正式会员可完整阅读)……" and "……(未完，全文共15045字…)".
// The notice may hold pinyin annotations of its own: "调(diào)度". This is the part from the
// opening parenthesis; the ellipsis before it (`[ \t]*(?:…+|\.{3,})[ \t]*`) is taken by
// `truncationStart`, since a pattern starting with it would rescan a long run of dots or
// ellipses from each of its characters.
const TRUNCATION = /[（(](?:[^（）()\n]|\([a-z\u00c0-\u024f]{1,8}\)){0,200}?(?:省略\s*\d+\s*字|全文共\s*\d+\s*字|会员可完整阅读|当前(?:只|仅)显示|未完[，,）)待])(?:[^（）()\n]|\([a-z\u00c0-\u024f]{1,8}\)){0,300}?[）)](?:…+|\.{3,})?/y;
const NAVIGATION = /(?:上一篇|下一篇|相关(?:栏目|文章|推荐|阅读|范文|下载)|(?:热门|推荐)(?:推荐|阅读|文章))[:：]/g;
// `\s*(?:[,，/／]\s*)?` rather than `\s*[,，/／]?\s*`: two spaces-runs side by side backtrack quadratically.
const PAGE_COUNTER = /第\s*\d{1,4}\s*页\s*(?:[,，/／]\s*)?共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*(?:[,，/／]\s*)?第\s*\d{1,4}\s*页|\bPage\s+\d{1,4}\s+of\s+\d{1,4}\b/g;
const PAGE_NUMBER_LINE = /^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$/;

type ResidueKind = 'banner' | 'truncation' | 'navigation' | 'page' | 'chunk';

interface Residue extends OffsetRange {
  kind: ResidueKind;
}

interface Line {
  start: number;
  end: number;
  /** Offset after the line break (== end on the last line). */
  next: number;
  text: string;
  folded: string;
}

export const templateResidue: Rule = {
  meta: {
    id: 'template-residue',
    description: {
      zh: '从网站复制带来的残留：分享横幅、截断提示、页码、网址、导航栏、文档预览分段编号',
      en: 'Website residue pasted with the text: share banners, truncation notices, page counters, URLs, navigation, viewer chunk numbers',
    },
    category: 'template',
    defaultSeverity: 'error',
    fixable: true,
    hasSuggestions: true,
    shadowsContained: true,
    messages: {
      banner: '网站横幅残留“{text}”，应删除',
      truncation: '网页截断提示“{text}”，正文不完整，应删除并补全',
      navigation: '网页导航残留“{text}”，应删除',
      page: '页码残留“{text}”，应删除',
      chunk: '文档预览的分段编号“{text}”打断了正文，应删除',
      url: '网址“{text}”疑为网页残留，讲话稿中一般不念网址',
    },
    options: {},
  },
  check(context) {
    const { document } = context;
    const text = document.prose;
    const folded = foldToSimplified(text);
    const lines: Line[] = [];
    for (let i = 0; i < document.lines.lineCount; i++) {
      const start = document.lines.lineStarts[i]!;
      const end = document.lines.lineEndAt(i);
      lines.push({ start, end, next: document.lines.lineStarts[i + 1] ?? end, text: text.slice(start, end), folded: folded.slice(start, end) });
    }

    const inline: Residue[] = [
      ...findTruncations(folded),
      ...findInline(folded, NAVIGATION, 'navigation', (m) => document.lines.lineEndAt(document.lines.lineAt(m.index))),
      ...findInline(folded, PAGE_COUNTER, 'page', (m) => m.index + m[0].length),
    ];
    const found: Residue[] = [
      ...inline,
      ...lines.filter((l) => PAGE_NUMBER_LINE.test(l.text)).map((l): Residue => ({ start: l.start, end: l.next, kind: 'page' })),
      ...findViewerChunks(text, document.lines).map((c): Residue => ({
        // Where the break is mid-sentence the line break goes too, rejoining the sentence.
        start: c.splitsSentence ? document.lines.lineEndAt(c.line - 1) : c.start,
        end: c.end,
        kind: 'chunk',
      })),
      ...findBanners(text, lines, inline, (offset) => document.lines.lineAt(offset)),
    ];
    const residues = mergeResidues(found).map((r) => widenToWholeLine(r, lines, document.lines.lineAt(r.start)));
    const insideResidue = containmentTest(residues);

    for (const residue of residues) {
      const excerpt = shorten(text.slice(residue.start, residue.end).trim());
      context.report({ messageId: residue.kind, data: { text: excerpt }, range: residue, fix: [{ range: residue, text: '' }] });
    }
    for (const url of findUrls(text)) {
      if (!/^(?:https?|ftp):\/\//.test(text.slice(url.start, url.end))) continue;
      if (insideResidue(url)) continue;
      context.report({
        messageId: 'url',
        data: { text: text.slice(url.start, url.end) },
        range: url,
        suggestions: [{ message: '删除网址', edits: [{ range: url, text: '' }] }],
      });
    }
  },
};

function findInline(folded: string, pattern: RegExp, kind: ResidueKind, endOf: (m: RegExpExecArray) => number): Residue[] {
  const found: Residue[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    found.push({ start: backOverSpaces(folded, m.index, 0), end: endOf(m), kind });
  }
  return found;
}

function backOverSpaces(text: string, offset: number, limit: number): number {
  let start = offset;
  while (start > limit && isInlineSpace(text[start - 1])) start--;
  return start;
}

/** Truncation notices: TRUNCATION tried at each parenthesis, in order, without overlaps. */
function findTruncations(folded: string): Residue[] {
  const found: Residue[] = [];
  const paren = /[（(]/g;
  let after = 0;
  for (let p = paren.exec(folded); p; p = paren.exec(folded)) {
    TRUNCATION.lastIndex = p.index;
    const m = TRUNCATION.exec(folded);
    if (!m) continue;
    found.push({ start: backOverSpaces(folded, truncationStart(folded, p.index, after), 0), end: p.index + m[0].length, kind: 'truncation' });
    after = paren.lastIndex = p.index + m[0].length;
  }
  return found;
}

/**
 * Where a notice opening at `paren` starts: before `[ \t]*(?:…+|\.{3,})?[ \t]*` taken as far
 * back as it goes, but not before `limit` (the end of the previous notice) — the leftmost
 * start a regular expression with that prefix would find.
 */
function truncationStart(text: string, paren: number, limit: number): number {
  const blank = (i: number) => i > limit && (text[i - 1] === ' ' || text[i - 1] === '\t');
  let start = paren;
  while (blank(start)) start--;
  const beforeSpaces = start;
  const mark = text[start - 1];
  if (start <= limit || (mark !== '…' && mark !== '.')) return beforeSpaces;
  while (start > limit && text[start - 1] === mark) start--;
  if (mark === '.' && beforeSpaces - start < 3) return beforeSpaces;
  while (blank(start)) start--;
  return start;
}

/**
 * Lines with a banner marker. A short line goes whole; in a long paragraph only the sentence
 * holding the marker goes. In the document's first and last blocks (header and footer),
 * short lines next to a banner line are swept along: site names and slogans have no marker.
 */
function findBanners(text: string, lines: Line[], inline: readonly Residue[], lineAt: (offset: number) => number): Residue[] {
  const found: Residue[] = [];
  const bannerLines = new Set<number>();
  // The inline residues on each line (one may span lines: "第1页\n共2页").
  const inlineOnLine = new Map<number, Residue[]>();
  for (const residue of inline) {
    for (let line = lineAt(residue.start), last = lineAt(residue.end); line <= last; line++) {
      const list = inlineOnLine.get(line);
      if (list) list.push(residue);
      else inlineOnLine.set(line, [residue]);
    }
  }
  lines.forEach((line, index) => {
    // A marker inside a truncation notice or navigation bar does not make the line a banner.
    const m = MARKER.exec(blankOut(line.folded, line.start, inlineOnLine.get(index) ?? []));
    if (!m) return;
    if (line.text.trim().length <= MAX_BANNER_LINE) {
      bannerLines.add(index);
      return;
    }
    const sentence = splitSentences(text, line.start, line.end).find((s) => s.start <= line.start + m.index && line.start + m.index < s.end);
    if (sentence) found.push({ start: sentence.start, end: sentence.end, kind: 'banner' });
  });
  for (const block of [firstBlock(lines), lastBlock(lines)]) {
    if (!block || !block.some((i) => bannerLines.has(i))) continue;
    if (block.every((i) => bannerLines.has(i) || lines[i]!.text.trim().length <= MAX_BLOCK_LINE)) block.forEach((i) => bannerLines.add(i));
  }
  for (const index of bannerLines) {
    const line = lines[index]!;
    found.push({ start: line.start, end: line.next, kind: 'banner' });
  }
  return found;
}

/** `text` (which starts at `offset`) with the parts under `spans` replaced by spaces. */
function blankOut(text: string, offset: number, spans: readonly Residue[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(cursor, span.start - offset);
    const end = Math.min(text.length, span.end - offset);
    if (start >= end) continue;
    parts.push(text.slice(cursor, start), ' '.repeat(end - start));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

function firstBlock(lines: Line[]): number[] | undefined {
  const start = lines.findIndex((l) => l.text.trim() !== '');
  if (start < 0) return undefined;
  const block: number[] = [];
  for (let i = start; i < lines.length && lines[i]!.text.trim() !== ''; i++) block.push(i);
  return block;
}

function lastBlock(lines: Line[]): number[] | undefined {
  let end = lines.length - 1;
  while (end >= 0 && lines[end]!.text.trim() === '') end--;
  if (end < 0) return undefined;
  const block: number[] = [];
  // push and reverse: unshift moves the whole block each time (quadratic when every line is in it).
  for (let i = end; i >= 0 && lines[i]!.text.trim() !== ''; i--) block.push(i);
  return block.reverse();
}

/** Drops residues inside others and unites overlapping ones; a specific kind beats "banner". */
function mergeResidues(found: Residue[]): Residue[] {
  const sorted = found.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Residue[] = [];
  for (const residue of sorted) {
    const last = merged[merged.length - 1];
    if (last && residue.start < last.end) {
      last.end = Math.max(last.end, residue.end);
      if (last.kind === 'banner') last.kind = residue.kind;
    } else merged.push({ ...residue });
  }
  return merged;
}

/**
 * A residue that fills a line up to its end takes the line break too, so no blank line is left.
 * `index` is the line holding the residue's start.
 */
function widenToWholeLine(residue: Residue, lines: Line[], index: number): Residue {
  const line = lines[index];
  if (!line || residue.start > line.end || residue.end !== line.end || line.next === line.end) return residue;
  if (line.text.slice(0, residue.start - line.start).trim() !== '') return residue;
  return { ...residue, start: line.start, end: line.next };
}

/** Whether a range lies inside one of `ranges`: sorted by start, with the running maximum end. */
function containmentTest(ranges: readonly OffsetRange[]): (range: OffsetRange) => boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let max = -Infinity;
  const maxEnd = sorted.map((r) => (max = Math.max(max, r.end)));
  return (range) => {
    const after = firstIndex(sorted, (r) => r.start > range.start);
    return after > 0 && maxEnd[after - 1]! >= range.end;
  };
}

function shorten(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length <= 24 ? chars.join('') : `${chars.slice(0, 12).join('')}…${chars.slice(-8).join('')}`;
}
