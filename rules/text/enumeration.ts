import type { SourceDocument } from '../engine/document.js';
import { formatChineseNumber, parseChineseNumber } from './numerals.js';
import { findViewerChunks } from './viewer-chunks.js';
import { firstIndex } from '../engine/sorted.js';

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
}

/** Heading level: lower is higher in the hierarchy. Inline markers sit below every heading. */
export const LEVEL: Record<MarkerStyle, number> = { l1: 1, l2: 2, ordinal: 3, l3: 3, l4: 4, inline: 5 };

const CN = '[一二三四五六七八九十]{1,3}';
const MARKER = new RegExp(
  [
    `(?<l1>(?<l1n>${CN})、)`,
    `(?<l2>[（(](?<l2n>${CN})[）)])`,
    `(?<l3>(?<l3n>\\d{1,2})(?<l3p>[.．、]))`,
    `(?<l4>[（(](?<l4n>\\d{1,2})[）)])`,
    `(?<ord>第(?<ordn>${CN})(?:点|条)?[，,、：:])`,
    `(?<inl>(?<inln>${CN})(?<inlv>是|要))`,
  ].join('|'),
  'g',
);

/** Where a heading may start: at a line start, after a sentence end, or after spaces between Chinese text (lost line breaks). */
const HEADING_BEFORE = /[。！？!?；;：:…\s”」』】]|^$/;
/** Where an inline marker may start: also after a comma or an enumeration comma. */
const INLINE_BEFORE = /[，,、。！？!?；;：:…\s（(“「]|^$/;
const INLINE_AFTER_WORD = /(?:即|就是|主要是|分别是|包括)$/;

export interface Structure {
  markers: Marker[];
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

  const markers: Marker[] = [];
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
    // "三、四月份", "1.5倍", "1、2月": a number follows, so this is a range or a decimal.
    if (/[0-9０-９一二三四五六七八九十两]/.test(after)) continue;
    if (style === 'l3' && g.l3p === '.' && !/[\s\p{Script=Han}“（(]/u.test(after)) continue;
    const value = parseChineseNumber(numberText);
    if (value === undefined || value === 0) continue;
    const numberStart = start + m[0].indexOf(numberText);
    const line = document.lines.lineAt(start);
    const paragraph = paragraphOfLine[line]!;
    const paragraphStart = paragraphs[paragraph]?.start ?? 0;
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
    });
  }
  return { markers, paragraphs };
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
export function groupLists(markers: readonly Marker[]): MarkerList[] {
  const lists: MarkerList[] = [];
  const open = new Map<string, MarkerList>();
  let lastInline: MarkerList | undefined;
  for (const marker of markers) {
    const level = LEVEL[marker.style];
    if (marker.style !== 'inline') {
      // A higher-level heading closes every open list below it.
      for (const [key, list] of open) if (LEVEL[list.style] > level) open.delete(key);
    }
    if (lastInline && continuesInline(lastInline, marker)) {
      lastInline.markers.push(marker);
      continue;
    }
    const key = marker.style === 'inline' ? `inline:${marker.family}` : marker.style;
    const current = open.get(key);
    if (current && marker.value !== 1 && (marker.style !== 'inline' || sameOrNextParagraph(current, marker))) {
      current.markers.push(marker);
      if (marker.style === 'inline') lastInline = current;
      continue;
    }
    const list: MarkerList = { style: marker.style, family: marker.family, markers: [marker] };
    if (current && marker.style !== 'inline' && marker.value === 1) list.restarted = current;
    lists.push(list);
    open.set(key, list);
    if (marker.style === 'inline') lastInline = list;
  }
  return lists;
}

/** "一是…二是…第三，" or "…三要": another inline or ordinal style carrying on the count in the same paragraph. */
function continuesInline(list: MarkerList, marker: Marker): boolean {
  const last = list.markers[list.markers.length - 1]!;
  if (marker.paragraph !== last.paragraph || marker.value !== last.value + 1) return false;
  if (marker.style === 'inline') return marker.family !== list.family;
  return marker.style === 'ordinal' && !marker.opensParagraph;
}

function sameOrNextParagraph(list: MarkerList, marker: Marker): boolean {
  const last = list.markers[list.markers.length - 1]!;
  if (marker.paragraph === last.paragraph) return true;
  // "一是…" opening one paragraph and "二是…" opening the next.
  return marker.opensParagraph && marker.paragraph === last.paragraph + 1 && list.markers[0]!.opensParagraph;
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
