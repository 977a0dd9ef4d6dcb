import { CodeSet } from './char-classes.js';
import type { SourceDocument } from '../engine/document.js';
import { formatChineseNumber, parseChineseNumber } from './numerals.js';
import { findViewerChunks } from './viewer-chunks.js';
import { firstIndex } from '../engine/sorted.js';
import { MentionIndex } from './chinese.js';

/**
 * Enumeration markers of Chinese official writing and how they group into lists.
 *
 * Heading levels follow GB/T 9704-2012: 一、 then （一） then 1. then （1）. "第一，" is an
 * ordinal heading used at the third level (or at the top of short speeches); "一是"/"一要" are
 * inline markers inside a paragraph.
 */
export type MarkerStyle = 'l1' | 'l2' | 'l3' | 'l4' | 'ordinal' | 'inline';

export interface Marker {
  style: MarkerStyle;
  /** For inline markers the verb ("是", "要"); for headings the punctuation variant ("、", "."). */
  family: string;
  value: number;
  /** The whole marker, e.g. "（二）", "第三，", "二是". */
  start: number;
  end: number;
  /** Just the number inside it, for renumbering. */
  numberStart: number;
  numberEnd: number;
  /** Paragraph (viewer chunks joined) that holds it. */
  paragraph: number;
  /** The marker opens its paragraph. */
  opensParagraph: boolean;
  /** Only spaces before it on its line. */
  opensLine: boolean;
  /** "（⏎二）": the line break (with its spaces) inside the marker. */
  split?: { start: number; end: number };
  /** The text before it ends with a colon: a lead-in ("应当履行下列义务：") that opens a new list. */
  afterLeadIn: boolean;
}

/** Heading level: lower is higher in the hierarchy. Inline markers sit below every heading. */
export const LEVEL: Record<MarkerStyle, number> = { l1: 1, l2: 2, ordinal: 3, l3: 3, l4: 4, inline: 5 };

const CN = '[一二三四五六七八九十]{1,3}';
const MARKER = new RegExp(
  [
    `(?<l1>(?<l1n>${CN})、)`,
    // "（⏎二）": a marker split by a stray line break is still the marker (and reported as split).
    `(?<l2>[（(](?<l2split>[ \\t]*\\n[ \\t]*)?(?<l2n>${CN})[）)])`,
    `(?<l3>(?<l3n>\\d{1,2})(?<l3p>[.．、]))`,
    `(?<l4>[（(](?<l4n>\\d{1,2})[）)])`,
    `(?<ord>第(?<ordn>${CN})(?<ordu>点|条)?(?:[，,、：:]|是))`,
    `(?<inl>(?<inln>${CN})(?<inlv>是|要))`,
  ].join('|'),
  'g',
);

/** Where a heading may start: at a line start, after a sentence end, or after spaces between Chinese text (lost line breaks). */
const HEADING_BEFORE = /[。！？!?；;：:…\s”」』】]|^$/;
/** Where an inline marker may start: also after a comma or an enumeration comma. */
const INLINE_BEFORE = /[，,、。！？!?；;：:…\s（(“「]|^$/;
const INLINE_AFTER_WORD = /(?:即|就是|主要是|分别是|包括)$/;

/** A sentence announcing a list: "下面，我再强调几个问题", "现将有关事项通知如下", "讲以下三点意见". */
const LEAD_IN = /(?:几|以下|如下|下列|下面).{0,8}(?:问题|意见|要求|方面|工作|措施|事项|几点|建议)|(?:通知|报告|说明|安排|明确)如下/;
const MAX_LEAD_IN = 60;

/** After "三、": a second numeral that makes a range ("四月份", "二等奖", "四季度"). */
const RANGE_AFTER = /^[一二三四五六七八九十两](?:月|季度|年级|等奖|个月|、|至|到)/;

export interface Structure {
  markers: Marker[];
  /**
   * Starts of lines that open a new part of the document: a markdown heading, 第N章/节/条, a
   * decimal section heading (4.2　…), a 壹、 heading, a speaker's turn in a record (财政司司长：),
   * an attachment (附件1), a title line. A list may start again at 1 after one; sorted.
   */
  breaks: number[];
  /** Paragraph spans (lines joined where a viewer chunk continues the previous line). */
  paragraphs: { start: number; end: number }[];
}

export function findStructure(document: SourceDocument): Structure {
  const text = document.prose;
  const chunks = findViewerChunks(text, document.lines);
  const chunkLines = new Set(chunks.map((c) => c.line));
  const paragraphs: { start: number; end: number }[] = [];
  const paragraphOfLine: number[] = [];
  for (let line = 0; line < document.lines.lineCount; line++) {
    const start = document.lines.lineStarts[line]!;
    const end = document.lines.lineEndAt(line);
    const blank = text.slice(start, end).trim() === '';
    const last = paragraphs[paragraphs.length - 1];
    if (chunkLines.has(line) && last) last.end = end;
    else if (!blank) paragraphs.push({ start, end });
    paragraphOfLine.push(paragraphs.length - 1);
  }
  const chunkRanges = chunks.map((c) => ({ start: c.start, end: c.end })).sort((a, b) => a.start - b.start);
  const inChunk = (offset: number) => {
    const i = upperBound(chunkRanges, offset) - 1;
    return i >= 0 && offset < chunkRanges[i]!.end;
  };
  // The first non-space of each paragraph, for "does the marker open its paragraph" in O(1).
  const firstNonSpace = new Map<number, number>();
  const opens = (paragraphStart: number, start: number) => {
    let first = firstNonSpace.get(paragraphStart);
    if (first === undefined) {
      const found = /\S/g;
      found.lastIndex = paragraphStart;
      first = found.exec(text)?.index ?? text.length;
      firstNonSpace.set(paragraphStart, first);
    }
    return first >= start;
  };

  const paragraphStartAt = (offset: number) => paragraphs[paragraphOfLine[document.lines.lineAt(offset)]!]?.start ?? 0;

  const markers: Marker[] = [];
  const quotes = new QuotationTracker(text);
  const english = new MentionIndex(text, false);
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    if (inChunk(start)) continue;
    const before = text.slice(Math.max(0, start - 4), start);
    const after = text[end] ?? '';
    const style: MarkerStyle = g.l1 ? 'l1' : g.l2 ? 'l2' : g.l3 ? 'l3' : g.l4 ? 'l4' : g.ord ? 'ordinal' : 'inline';
    const numberText = g.l1n ?? g.l2n ?? g.l3n ?? g.l4n ?? g.ordn ?? g.inln!;
    const lastChar = before.slice(-1);
    // Not at a boundary: "统一是", "获得一、二等奖" (after a Han character), "增长5.2%".
    // "第三，" may also continue a sentence: "一是…，二是…，第三，…".
    const atBoundary =
      style === 'inline' || style === 'ordinal'
        ? INLINE_BEFORE.test(lastChar) || INLINE_AFTER_WORD.test(before)
        : HEADING_BEFORE.test(lastChar);
    if (!atBoundary) continue;
    // Inside a quotation (quoted bill text, "…之「⏎18.对退休…」") the numbers are the quoted text's;
    // on a line of English ("(22); communiqué page (17)") they are not Chinese headings.
    if (quotes.inside(start) || english.has(start)) continue;
    // "本条例第十四条、第十五条": a chain of article citations, not items.
    if (g.ordu === '条' && text[end - 1] === '、' && (text[start - 1] === '、' || /[例法定则]$/.test(before))) continue;
    // "三、四月份", "1.5倍", "1、2月": a number follows, so this is a range or a decimal —
    // unless the marker opens its paragraph as a heading: "一、2024年工作回顾",
    // "（三）一体化推进城乡建设", "6.六大工程" (a decimal or range never starts a line).
    if (/[0-9０-９一二三四五六七八九十两]/.test(after)) {
      const heading = style !== 'inline' && opensLine(text, document.lines.lineStarts[document.lines.lineAt(start)]!, start);
      const decimal = style === 'l3' && /[0-9０-９]/.test(after);
      // "三、四月份", "一、二等奖" at a line start are still ranges.
      const range = RANGE_AFTER.test(text.slice(end, end + 5));
      if (!heading || decimal || range) continue;
    }
    if (style === 'l3' && g.l3p === '.' && !/[\s\p{Script=Han}“（(]/u.test(after)) continue;
    const value = parseChineseNumber(numberText);
    if (value === undefined || value === 0) continue;
    const numberStart = start + m[0].indexOf(numberText);
    const paragraph = paragraphOfLine[document.lines.lineAt(start)]!;
    const paragraphStart = paragraphStartAt(start);
    markers.push({
      style,
      family: g.inlv ?? g.l3p ?? (style === 'l1' ? '、' : ''),
      value,
      start,
      end,
      numberStart,
      numberEnd: numberStart + numberText.length,
      paragraph,
      opensParagraph: opens(paragraphStart, start),
      opensLine: opensLine(text, document.lines.lineStarts[document.lines.lineAt(start)]!, start),
      afterLeadIn: endsWithLeadIn(text, start),
      ...(g.l2split ? { split: { start: start + 1, end: start + 1 + g.l2split.length } } : {}),
    });
  }
  return { markers, paragraphs, breaks: findBreaks(document) };
}

/** Lines that open a new part: see `Structure.breaks`. */
const PART_HEADING = [
  /^第[一二三四五六七八九十百零〇两\d]{1,5}[章节條条编編篇部分](?:[\s\u3000]|$)/,
  /^\d{1,2}(?:[.．]\d{1,2}){1,3}[\s\u3000]/,
  /^\d{1,2}\u3000{1,2}\S/,
  /^[壹贰貳叁參肆伍陆陸柒捌玖拾]{1,3}[、.．]/,
  /^附件\s?\d{0,2}\s?[:：]?$/,
];
/** "财政司司长：", "潘部长文忠：", "甲案：" opening a line: a turn or part of a record. */
const SPEAKER = /^[^\s：:，,。、；;（()）“”「」]{2,12}[:：]/;
/** A short line with no punctuation and no marker: a title or a table header. */
const TITLE_LINE = /^[^，,。、；;：:！!？?（()）“”「」\d一二三四五六七八九十第]{2,30}$/;

function findBreaks(document: SourceDocument): number[] {
  const text = document.prose;
  const breaks: number[] = [];
  for (let line = 0; line < document.lines.lineCount; line++) {
    const start = document.lines.lineStarts[line]!;
    const content = text.slice(start, document.lines.lineEndAt(line)).trim();
    if (content === '') continue;
    const isBreak =
      (document.language === 'markdown' && /^#{1,6}\s/.test(content)) ||
      PART_HEADING.some((p) => p.test(content)) ||
      SPEAKER.test(content) ||
      (TITLE_LINE.test(content) && /\p{Script=Han}/u.test(content));
    if (isBreak) breaks.push(start);
  }
  return breaks;
}

/** A quotation left open longer than this is taken as unbalanced, not as quoting what follows. */
const MAX_QUOTATION = 1500;
const OPENING_QUOTE = new CodeSet('「『“');
const CLOSING_QUOTE = new CodeSet('」』”');

/**
 * Whether offsets (asked in increasing order) lie inside a quotation: 「」『』“” counted from
 * the text's start in one pass, an opening mark unclosed after MAX_QUOTATION characters
 * dropped so that one stray mark cannot silence the rest of a document.
 */
class QuotationTracker {
  private at = 0;
  private depth = 0;
  private openedAt = -1;
  constructor(private readonly text: string) {}

  inside(offset: number): boolean {
    for (; this.at < offset; this.at++) {
      // By code unit: a one-character string per character of a long document was its cost.
      const c = this.text.charCodeAt(this.at);
      if (this.depth > 0 && this.at - this.openedAt > MAX_QUOTATION) this.depth = 0;
      if (c < 0x201c) continue;
      if (OPENING_QUOTE.has(c)) {
        if (this.depth === 0) this.openedAt = this.at;
        this.depth++;
      } else if (CLOSING_QUOTE.has(c) && this.depth > 0) this.depth--;
    }
    if (this.depth > 0 && offset - this.openedAt > MAX_QUOTATION) this.depth = 0;
    return this.depth > 0;
  }
}

/** Only spaces between `lineStart` and `offset`: searched backwards, so it stops at the first other character. */
function opensLine(text: string, lineStart: number, offset: number): boolean {
  for (let i = offset - 1; i >= lineStart; i--) if (!/\s/.test(text[i]!)) return false;
  return true;
}

/**
 * Whether the text before `offset` leads in a new list: it ends with a colon ("应当履行下列
 * 义务：") or with a sentence that announces what follows ("下面，我再强调几个问题。").
 */
function endsWithLeadIn(text: string, offset: number): boolean {
  let i = offset - 1;
  for (let spaces = 0; i >= 0 && /\s/.test(text[i]!) && spaces < 80; spaces++) i--;
  const last = text[i];
  if (last === '：' || last === ':') return true;
  if (last !== '。') return false;
  let start = i;
  while (start > 0 && i - start < MAX_LEAD_IN && !/[。！？!?\n]/.test(text[start - 1]!)) start--;
  return LEAD_IN.test(text.slice(start, i));
}

/** Index of the first range starting after `offset` (ranges sorted by start). */
function upperBound(ranges: readonly { start: number }[], offset: number): number {
  return firstIndex(ranges, (r) => r.start > offset);
}

export interface MarkerList {
  style: MarkerStyle;
  family: string;
  markers: Marker[];
  /** A heading list that restarted at 1 while this one of the same style was still open. */
  restarted?: MarkerList;
}

/**
 * Groups markers into lists. A heading list runs until a marker of a higher level (a lower
 * LEVEL number) closes it, or a marker of its own style restarts at 1. An inline list lives in
 * one paragraph, or runs on through the following paragraphs that each open with its next
 * marker. An inline marker of another family that continues the numbering ("一是…二是…三要")
 * joins the list: that is a style slip, not a new list.
 */
export function groupLists(markers: readonly Marker[], breaks: readonly number[] = []): MarkerList[] {
  const lists: MarkerList[] = [];
  const open = new Map<string, MarkerList>();
  // The last list of each style that a higher heading closed: numbering may run on across
  // sections ("（一）…（四）" under 一、, "（五）…" under 二、).
  const closed = new Map<string, MarkerList>();
  let lastInline: MarkerList | undefined;
  for (const marker of markers) {
    const level = LEVEL[marker.style];
    if (marker.style !== 'inline') {
      // A higher-level heading closes every open list below it.
      for (const [key, list] of open) {
        if (LEVEL[list.style] > level) {
          open.delete(key);
          closed.set(key, list);
        }
      }
    }
    if (lastInline && continuesInline(lastInline, marker)) {
      lastInline.markers.push(marker);
      continue;
    }
    const key = marker.style === 'inline' ? `inline:${marker.family}` : marker.style;
    const current = open.get(key);
    const runOn = closed.get(key);
    if (!current && runOn && marker.style !== 'inline' && marker.value > 1 && marker.value === runOn.markers[runOn.markers.length - 1]!.value + 1) {
      runOn.markers.push(marker);
      open.set(key, runOn);
      closed.delete(key);
      continue;
    }
    if (current && marker.value !== 1 && (marker.style !== 'inline' || sameOrNextParagraph(current, marker))) {
      current.markers.push(marker);
      if (marker.style === 'inline') lastInline = current;
      continue;
    }
    const list: MarkerList = { style: marker.style, family: marker.family, markers: [marker] };
    // A new list after its own lead-in ("…应当履行下列义务：（一）…") is no restart.
    if (current && marker.style !== 'inline' && marker.value === 1 && !marker.afterLeadIn && !breakBetween(breaks, current.markers[current.markers.length - 1]!.end, marker.start)) list.restarted = current;
    lists.push(list);
    open.set(key, list);
    if (marker.style === 'inline') lastInline = list;
  }
  return lists;
}

/** Whether a break (sorted line starts) lies in [from, to). */
function breakBetween(breaks: readonly number[], from: number, to: number): boolean {
  const i = firstIndex(breaks, (b) => b >= from);
  return i < breaks.length && breaks[i]! < to;
}

/** "一是…二是…第三，" or "…三要": another inline or ordinal style carrying on the count in the same paragraph. */
function continuesInline(list: MarkerList, marker: Marker): boolean {
  const last = list.markers[list.markers.length - 1]!;
  if (marker.paragraph !== last.paragraph || marker.value !== last.value + 1) return false;
  if (marker.style === 'inline') return marker.family !== list.family;
  return marker.style === 'ordinal' && !marker.opensParagraph;
}

/** Body paragraphs an inline list may have between two of its items ("一是…⏎项目建设方面，…⏎二是…"). */
const MAX_BODY_PARAGRAPHS = 3;

function sameOrNextParagraph(list: MarkerList, marker: Marker): boolean {
  const last = list.markers[list.markers.length - 1]!;
  if (marker.paragraph === last.paragraph) return true;
  // "一是…" opening one paragraph and "二是…" opening a following one, body paragraphs between.
  return marker.opensParagraph && list.markers[0]!.opensParagraph && marker.paragraph > last.paragraph && marker.paragraph - last.paragraph <= MAX_BODY_PARAGRAPHS + 1;
}

/** The marker text a list's style would use for `value`: "（三）", "三、", "3.", "三是". */
export function markerText(list: Pick<MarkerList, 'style' | 'family'>, value: number, like: string): string {
  const cn = formatChineseNumber(value);
  switch (list.style) {
    case 'l1':
      return `${cn}、`;
    case 'l2':
      return like.startsWith('(') ? `(${cn})` : `（${cn}）`;
    case 'l3':
      return `${value}${list.family}`;
    case 'l4':
      return like.startsWith('(') ? `(${value})` : `（${value}）`;
    case 'ordinal':
      return `第${cn}${like.slice(-1)}`;
    case 'inline':
      return `${cn}${list.family}`;
  }
}

/** The number as the style writes it: Chinese for 一、（一）第一 一是, digits for 1. （1）. */
export function numberText(style: MarkerStyle, value: number): string {
  return style === 'l3' || style === 'l4' ? String(value) : formatChineseNumber(value);
}
