import type { OffsetRange, Rule } from '../engine/types.js';
import { isInlineSpace, MentionIndex, quotedSpans } from '../text/chinese.js';
import { splitSentences } from '../text/paragraphs.js';
import { findViewerChunks } from '../text/viewer-chunks.js';
import { findUrls } from '../text/urls.js';
import markerList from './markers.txt';
import weakMarkerList from './weak-markers.txt';
import { firstIndex } from '../engine/sorted.js';
import { findPageChrome, PAGE_NUMBER_LINE, type ChromeKind } from '../text/page-chrome.js';
import { findLineSplits } from '../text/line-splits.js';

/** Patterns of markers.txt (residue wherever they stand) and weak-markers.txt (residue only on a fragment). */
const MARKERS = patterns(markerList);
const WEAK_MARKERS = patterns(weakMarkerList);

/** A fragment left on a banner line beside the marker sentences goes with them if at most this long. */
const MAX_FRAGMENT = 12;
/** A weak marker makes a line residue alone when the line is no sentence, has at most this many characters… */
const MAX_WEAK_LINE = 20;
/** …and the marker covers at least this share of them. */
const MIN_WEAK_SHARE = 1 / 3;

// "……(快文网http://…省略1393字,正式会员可完整阅读)……" and "……(未完，全文共15045字…)".
// The notice may hold pinyin annotations of its own: "调(diào)度". This is the part from the
// opening parenthesis; the ellipsis before it (`[ \t]*(?:…+|\.{3,})[ \t]*`) is taken by
// `truncationStart`, since a pattern starting with it would rescan a long run of dots or
// ellipses from each of its characters.
const TRUNCATION = /[（(](?:[^（）()\n]|\([a-z\u00c0-\u024f]{1,8}\)){0,200}?(?:省略\s*\d+\s*字|全文共\s*\d+\s*字|会员可完整阅读|当前(?:只|仅)显示|未完[，,）)待])(?:[^（）()\n]|\([a-z\u00c0-\u024f]{1,8}\)){0,300}?[）)](?:…+|\.{3,})?/y;
const NAVIGATION = /(?:上一篇|下一篇|相关(?:栏目|文章|推荐|阅读|范文|下载)|(?:热门|推荐)(?:推荐|阅读|文章))[:：]/g;
/** Navigation links that only a page has; 相关文章：/推荐阅读： alone may be a speaker's words. */
const NAVIGATION_LINE = /(?:上一篇|下一篇)[:：]/;
// `\s*(?:[,，/／]\s*)?` rather than `\s*[,，/／]?\s*`: two spaces-runs side by side backtrack quadratically.
const PAGE_COUNTER = /第\s*\d{1,4}\s*页\s*(?:[,，/／]\s*)?共\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页\s*(?:[,，/／]\s*)?第\s*\d{1,4}\s*页|\bPage\s+\d{1,4}\s+of\s+\d{1,4}\b/g;

type ResidueKind = 'banner' | 'truncation' | 'navigation' | 'page' | 'chunk' | ChromeKind;

/** Literal entities in plain text, replaced by the character they stand for. */
const ENTITIES: Record<string, string> = { nbsp: ' ', ensp: ' ', emsp: '\u3000', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", middot: '·', ldquo: '“', rdquo: '”', hellip: '…', mdash: '—' };

interface Residue extends OffsetRange {
  kind: ResidueKind;
  /** What proves it residue (see Finding.evidence); inside [start, end). */
  evidence: OffsetRange[];
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
      zh: '从网站复制带来的残留：分享横幅、截断提示、页码、网址、导航栏、网页信息栏和按钮、网站页脚、电讯头、图片说明、网页代码、转换残留、断开的数字',
      en: 'Website residue pasted with the text: share banners, truncation notices, page counters, URLs, navigation, page information bars and widgets, site footers, datelines, photo credits, markup, converter labels, split numbers',
    },
    category: 'template',
    defaultSeverity: 'error',
    fixable: true,
    fixLevel: 'residue',
    hasSuggestions: true,
    shadowsContained: true,
    messages: {
      banner: '网站横幅残留“{text}”，应删除',
      truncation: '网页截断提示“{text}”，正文不完整，应删除并补全',
      navigation: '网页导航残留“{text}”，应删除',
      page: '页码残留“{text}”，应删除',
      chunk: '文档预览的分段编号“{text}”打断了正文，应删除',
      url: '网址“{text}”疑为网页残留，讲话稿中一般不念网址',
      breadcrumb: '网页导航路径“{text}”，应删除',
      menu: '网站栏目菜单“{text}”，应删除',
      links: '网站链接列表“{text}”，应删除',
      meta: '网页信息栏“{text}”（来源、日期、索引号等），应删除',
      widget: '网页按钮“{text}”，应删除',
      footer: '网站页脚“{text}”，应删除',
      markup: '网页代码残留“{text}”，应删除',
      converter: '文档转换残留“{text}”，应删除',
      dateline: '电讯头“{text}”，讲话稿中应删除',
      caption: '图片说明“{text}”，讲话稿中应删除',
      byline: '记者署名“{text}”，讲话稿中应删除',
      trailer: '报刊出处或作者注“{text}”，讲话稿中应删除',
      licence: '版权声明“{text}”，应删除',
      header: '每页重复的页眉“{text}”，应删除',
      transcript: '会议记录的插话说明“{text}”，讲话稿中应删除',
      split: '“{text}”被换行或空格拆开，应连在一起',
      figure: '图的引用“{text}”，文中没有这张图，应删除',
    },
    options: {},
  },
  check(context) {
    const { document } = context;
    const text = document.prose;
    const folded = document.foldedProse;
    const lines: Line[] = [];
    for (let i = 0; i < document.lines.lineCount; i++) {
      const start = document.lines.lineStarts[i]!;
      const end = document.lines.lineEndAt(i);
      lines.push({ start, end, next: document.lines.lineStarts[i + 1] ?? end, text: text.slice(start, end), folded: folded.slice(start, end) });
    }

    const inline: Residue[] = [
      ...findTruncations(folded),
      ...findNavigation(folded, lines),
      ...findInline(folded, PAGE_COUNTER, 'page', (m) => m.index + m[0].length),
    ];
    const found: Residue[] = [
      ...inline,
      ...lines.filter((l) => PAGE_NUMBER_LINE.test(l.text.trim())).map((l): Residue => ({ start: l.start, end: l.next, kind: 'page', evidence: [{ start: l.start, end: l.end }] })),
      ...findViewerChunks(text, document.lines).map((c): Residue => {
        // Where the break is mid-sentence the line break goes too, rejoining the sentence.
        const start = c.splitsSentence ? document.lines.lineEndAt(c.line - 1) : c.start;
        return { start, end: c.end, kind: 'chunk', evidence: [{ start, end: c.end }] };
      }),
      ...findBanners(text, lines, inline, (offset) => document.lines.lineAt(offset)),
      ...findPageChrome(lines, { markdown: document.language === 'markdown' }),
    ];
    const residues = mergeResidues(found).map((r) => widenToWholeLine(r, lines, document.lines.lineAt(r.start), document.lines.lineAt(Math.max(r.start, r.end - 1))));
    const insideResidue = containmentTest(residues);

    for (const residue of residues) {
      const excerpt = shorten(text.slice(residue.start, residue.end).trim());
      const range = { start: residue.start, end: residue.end };
      const edit = { range, text: replacementOf(text, residue) };
      // Chrome cut out of a sentence of prose ("段落：一、…。", "新华社…电（记者…）外交部…。",
      // "图为…。李某 摄") changes what the sentence says: the writer chooses. Whole chrome lines
      // and the banner phrases of the 范文 sites are deleted by --fix.
      if (!OLD_KINDS.has(residue.kind) && touchesSentence(text, range)) {
        context.report({ messageId: residue.kind, data: { text: excerpt }, range, suggestions: [{ message: '删除', edits: [edit] }] });
      } else {
        context.report({ messageId: residue.kind, data: { text: excerpt }, range, fix: [edit], evidence: residue.evidence });
      }
    }
    const mentions = new MentionIndex(text);
    for (const split of findLineSplits(text, lines)) {
      if (insideResidue(split) || mentions.has(split.start)) continue;
      context.report({
        messageId: 'split',
        data: { text: shorten(text.slice(split.start, split.end)) },
        range: split,
        suggestions: [{ message: '连起来', edits: (split.gaps ?? [split.gap]).map((range) => ({ range, text: '' })), preferred: true }],
      });
    }
    for (const url of findUrls(text)) {
      if (!/^(?:https?|ftp):\/\//.test(text.slice(url.start, url.end))) continue;
      if (insideResidue(url) || inProse(text, url, document.lines.lineStarts[document.lines.lineAt(url.start)]!, document.lines.lineEndAt(document.lines.lineAt(url.start)))) continue;
      context.report({
        messageId: 'url',
        data: { text: text.slice(url.start, url.end) },
        range: url,
        suggestions: [{ message: '删除网址', edits: [{ range: url, text: '' }] }],
      });
    }
  },
};

/**
 * A URL inside a sentence ("请登录 https://… 查询") is part of what the text says — a notice
 * tells readers where to go; a URL alone on its line or after a label ("原文链接：") is left
 * by the page.
 */
function inProse(text: string, url: OffsetRange, lineStart: number, lineEnd: number): boolean {
  const rest = (text.slice(lineStart, url.start) + text.slice(url.end, lineEnd)).trim();
  return /[。！？，；]/.test(rest) || [...rest].length > 20;
}

/** The kinds whose markers occur only in residue (banner phrases, truncation notices, pages, chunks). */
const OLD_KINDS: ReadonlySet<ResidueKind> = new Set(['banner', 'truncation', 'navigation', 'page', 'chunk']);

/** Whether `range` overlaps a sentence ending in 。！？ on its lines. */
function touchesSentence(text: string, range: OffsetRange): boolean {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  let lineEnd = text.indexOf('\n', Math.max(range.start, range.end - 1));
  if (lineEnd < 0) lineEnd = text.length;
  return /[。！？]/.test(text.slice(lineStart, lineEnd));
}

/** A literal entity stands for a character; everything else residue is deleted. */
function replacementOf(text: string, residue: Residue): string {
  if (residue.kind !== 'markup') return '';
  const entity = /^&([a-z]+);$/.exec(text.slice(residue.start, residue.end));
  return (entity && ENTITIES[entity[1]!]) ?? '';
}

function findInline(folded: string, pattern: RegExp, kind: ResidueKind, endOf: (m: RegExpExecArray) => number): Residue[] {
  const found: Residue[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    const end = endOf(m);
    found.push({ start: backOverSpaces(folded, m.index, 0), end, kind, evidence: [{ start: m.index, end }] });
  }
  return found;
}

/**
 * Navigation bars: from 上一篇：/下一篇： to the end of the line. The bar is its own evidence
 * when the line holds two or more links (上一篇：… 下一篇：… 相关栏目：…) or the previous and
 * next links stand on lines of their own one after the other; a lone link proves only itself,
 * and the titles after it count as prose removed.
 */
function findNavigation(folded: string, lines: readonly Line[]): Residue[] {
  const found: Residue[] = [];
  // 上一篇：… and 下一篇：… on lines of their own, one after the other (blank lines between
  // allowed), prove each other like two links on one line.
  const isLink = (line: Line | undefined) => !!line && /^\s*(?:上一篇|下一篇)[:：]/.test(line.folded);
  const nearest = (index: number, step: -1 | 1) => {
    for (let i = index + step; i >= 0 && i < lines.length; i += step) if (lines[i]!.text.trim() !== '') return lines[i];
    return undefined;
  };
  lines.forEach((line, index) => {
    if (!NAVIGATION_LINE.test(line.folded)) return;
    const links: RegExpExecArray[] = [];
    NAVIGATION.lastIndex = 0;
    for (let m = NAVIGATION.exec(line.folded); m; m = NAVIGATION.exec(line.folded)) links.push(m);
    const first = links.find((m) => NAVIGATION_LINE.test(m[0]));
    if (!first) return;
    const start = line.start + first.index;
    const paired = isLink(line) && (isLink(nearest(index, -1)) || isLink(nearest(index, 1)));
    const evidence = links.length >= 2 || paired ? [{ start, end: line.end }] : [{ start, end: start + first[0].length }];
    found.push({ start: backOverSpaces(folded, start, line.start), end: line.end, kind: 'navigation', evidence });
  });
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
    const start = backOverSpaces(folded, truncationStart(folded, p.index, after), 0);
    const end = p.index + m[0].length;
    found.push({ start, end, kind: 'truncation', evidence: [{ start, end }] });
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
 * Banners: a line holding a marker of markers.txt, two different weak markers, or a weak
 * marker that dominates a short fragment ("【返回顶部】【关闭本页】"). On such a line the
 * sentences holding a marker go, and the whole line when what is left is only fragments
 * (a site name, "|"); a sentence of prose beside the banner stays. A weak marker in a
 * sentence of prose is nothing, and no neighbouring line is ever swept along.
 */
function findBanners(text: string, lines: Line[], inline: readonly Residue[], lineAt: (offset: number) => number): Residue[] {
  const found: Residue[] = [];
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
    const searched = blankOut(line.folded, line.start, inlineOnLine.get(index) ?? []);
    let strong = findAll(searched, MARKERS, line.start);
    let weak = findAll(searched, WEAK_MARKERS, line.start);
    if (strong.length === 0 && weak.length === 0) return;
    // A quoted marker is mentioned (a style guide, a defect list), not residue. Only lines
    // holding a marker pay for finding the quotes.
    const quoted = quotedSpans(line.folded).map(({ start, end }) => ({ start: line.start + start, end: line.start + end }));
    const unquoted = (m: OffsetRange) => !quoted.some((q) => q.start <= m.start && m.end <= q.end);
    strong = strong.filter(unquoted);
    weak = weak.filter(unquoted);
    if (strong.length === 0 && weak.length === 0) return;
    const content = line.text.trim();
    const weakDominates = weak.length > 0 && !/[。！？!?]/.test(content) && [...content].length <= MAX_WEAK_LINE && covered(weak) >= [...content].length * MIN_WEAK_SHARE;
    const distinctWeak = new Set(weak.map((m) => m.pattern)).size;
    if (strong.length === 0 && distinctWeak < 2 && !weakDominates) return;
    const markers = [...strong, ...weak].map(({ start, end }) => ({ start, end }));
    const sentences = splitSentences(text, line.start, line.end);
    const holds = (s: OffsetRange, spans: readonly OffsetRange[]) => spans.some((e) => e.start < s.end && s.start < e.end);
    const holding = sentences.filter((s) => holds(s, markers));
    // A marker of markers.txt occurs only in residue: the sentence holding it is residue whole.
    // A weak marker proves only itself.
    const evidence = [...holding.filter((s) => holds(s, strong)).map(({ start, end }) => ({ start, end })), ...weak].sort((a, b) => a.start - b.start);
    const rest = sentences.filter((s) => !holding.includes(s));
    if (rest.every((s) => [...s.text].length <= MAX_FRAGMENT && !/[。！？!?]/.test(s.text))) {
      found.push({ start: line.start, end: line.next, kind: 'banner', evidence });
      return;
    }
    for (const s of holding) found.push({ start: s.start, end: s.end, kind: 'banner', evidence: evidence.filter((e) => holds(s, [e])) });
  });
  return found;
}

interface MarkerMatch extends OffsetRange {
  pattern: number;
}

function patterns(list: string): RegExp[] {
  return list
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => new RegExp(l, 'g'));
}

/** Every match of every pattern in `text` (a line starting at `offset`). */
function findAll(text: string, list: readonly RegExp[], offset: number): MarkerMatch[] {
  const found: MarkerMatch[] = [];
  list.forEach((pattern, index) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      found.push({ start: offset + m.index, end: offset + m.index + m[0].length, pattern: index });
    }
  });
  return found;
}

/** Characters covered by the union of `spans`. */
function covered(spans: readonly OffsetRange[]): number {
  let total = 0;
  let reach = -Infinity;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, reach);
    if (span.end > start) total += span.end - start;
    reach = Math.max(reach, span.end);
  }
  return total;
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

/** Drops residues inside others and unites overlapping ones; a specific kind beats "banner". */
function mergeResidues(found: Residue[]): Residue[] {
  const sorted = found.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Residue[] = [];
  for (const residue of sorted) {
    const last = merged[merged.length - 1];
    if (last && residue.start < last.end) {
      last.end = Math.max(last.end, residue.end);
      for (const span of residue.evidence) last.evidence.push(span);
      if (last.kind === 'banner') last.kind = residue.kind;
    } else merged.push({ ...residue, evidence: [...residue.evidence] });
  }
  return merged;
}

/**
 * A residue that fills its lines up to the end takes the last line break too, so no blank line
 * is left. `first` and `last` are the lines holding the residue's start and its last character.
 */
function widenToWholeLine(residue: Residue, lines: Line[], first: number, last: number): Residue {
  const startLine = lines[first];
  const endLine = lines[last];
  if (!startLine || !endLine || residue.end !== endLine.end || endLine.next === endLine.end) return residue;
  if (startLine.text.slice(0, residue.start - startLine.start).trim() !== '') return residue;
  return { ...residue, start: startLine.start, end: endLine.next };
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
