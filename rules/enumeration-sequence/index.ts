import type { SourceDocument } from '../engine/document.js';
import type { Rule, RuleContext, TextEdit } from '../engine/types.js';
import { findStructure, groupLists, LEVEL, markerText, numberText, type Marker, type MarkerList, type MarkerStyle } from '../text/enumeration.js';

const LEVEL_NAME: Record<MarkerStyle, string> = { l1: '一级序号', l2: '二级序号', l3: '三级序号', l4: '四级序号', ordinal: '序号', inline: '序号' };
const LEVEL_EXAMPLE: Record<MarkerStyle, string> = { l1: '一、', l2: '（一）', l3: '1.', l4: '（1）', ordinal: '第一，', inline: '一是' };
/**
 * The renumbering suggestion is offered while it has at most this many edits. Every wrong
 * marker of a list offers it for the rest of the list, so a pasted list of thousands of
 * duplicates ("二是，二是，…") would otherwise produce a quadratic number of edits.
 */
const MAX_RENUMBER_EDITS = 200;
/** GB/T 9704-2012: each heading level's parent. */
const PARENT: Partial<Record<MarkerStyle, MarkerStyle>> = { l2: 'l1', l3: 'l2', l4: 'l3' };

export const enumerationSequence: Rule = {
  meta: {
    id: 'enumeration-sequence',
    description: {
      zh: '序号连续、不重复、不乱序、样式一致，层级符合 GB/T 9704-2012（一、→（一）→ 1. →（1））',
      en: 'Enumeration markers run in order without gaps, duplicates or style slips, at the right GB/T 9704-2012 level',
    },
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    messages: {
      start: '序号“{marker}”前面缺少“{expected}”，列表应从“{first}”开始',
      gap: '序号跳号：“{previous}”之后是“{marker}”，应为“{expected}”',
      duplicate: '序号重复：“{marker}”与上一项相同，应为“{expected}”',
      disorder: '序号乱序：“{previous}”之后是“{marker}”，应为“{expected}”',
      style: '序号样式不一致：前面用“{previous}”，这里用“{marker}”，应为“{expected}”',
      restart: '“{marker}”重新开始编号，但前面同级的“{previous}”列表还没有结束（中间没有更高一级的标题）',
      orphan: '{child}出现在{parent}之前：按 GB/T 9704-2012，下级序号应在上级标题之下',
      split: '序号“{marker}”被换行拆开，应连在一起',
    },
    options: {},
  },
  check(context) {
    const { markers, breaks } = findStructure(context.document);
    const { document } = context;
    const usable = document.language === 'markdown' ? markers.filter((m) => !isMarkdownListItem(document, m)) : markers;
    const lists = groupLists(usable, breaks);
    for (const marker of usable) {
      if (!marker.split) continue;
      const written = document.prose.slice(marker.start, marker.end);
      const joined = written.replace(/\s+/g, '');
      context.report({
        messageId: 'split',
        data: { marker: joined },
        range: { start: marker.start, end: marker.end },
        suggestions: [{ message: `连成“${joined}”`, edits: [{ range: marker.split, text: '' }], preferred: true }],
      });
    }
    for (const list of lists) checkList(context, list);
    checkLevels(context, usable);
  },
};

function checkList(context: RuleContext, list: MarkerList): void {
  const text = context.document.prose;
  const markers = list.markers;
  const first = markers[0]!;
  if (list.restarted) {
    const previous = list.restarted.markers[list.restarted.markers.length - 1]!;
    context.report({ messageId: 'restart', data: { marker: slice(text, first), previous: slice(text, previous) }, range: first });
  }
  markers.forEach((marker, i) => {
    const previous = markers[i - 1];
    const expected = previous ? previous.value + 1 : 1;
    const restyled = marker.style !== list.style || marker.family !== list.family;
    if (marker.value === expected && !restyled) return;
    // "是。第二，…" in the middle of a spoken passage: the first point is often not numbered.
    if (!previous && marker.style === 'ordinal' && !marker.opensLine) return;
    const messageId = !previous ? 'start' : restyled && marker.value === expected ? 'style' : marker.value === previous.value ? 'duplicate' : marker.value < previous.value ? 'disorder' : 'gap';
    // A list that begins with "二" lacks its first item: report it, don't renumber what follows.
    const expectedText = markerText(list, expected, slice(text, marker));
    const data = {
      marker: slice(text, marker),
      expected: expectedText,
      previous: previous ? slice(text, previous) : '',
      first: markerText(list, 1, slice(text, marker)),
    };
    const fix = [edit(list, marker, expected, text)];
    const rest: TextEdit[] = [];
    for (let k = i; k < markers.length && rest.length <= MAX_RENUMBER_EDITS; k++) {
      const e = edit(list, markers[k]!, expected + k - i, text);
      if (e.text !== text.slice(e.range.start, e.range.end)) rest.push(e);
    }
    const renumber = rest.length > 1 && rest.length <= MAX_RENUMBER_EDITS;
    context.report({
      messageId,
      data,
      range: marker,
      // Renumbering is never automatic: a "gap" may be a deleted item, a rank, or a list the
      // recogniser misread. The writer picks.
      suggestions: [
        ...(messageId === 'start' ? [] : [{ message: `改为“${expectedText}”`, edits: fix, preferred: true }]),
        ...(renumber ? [{ message: `从这里起重新编号本列表（共 ${rest.length} 处）`, edits: rest }] : []),
      ],
    });
  });
}

/** Renumbering edit: only the number for a same-style marker, the whole marker for a style slip. */
function edit(list: MarkerList, marker: Marker, value: number, text: string): TextEdit {
  if (marker.style === list.style && marker.family === list.family) {
    return { range: { start: marker.numberStart, end: marker.numberEnd }, text: numberText(marker.style, value) };
  }
  return { range: { start: marker.start, end: marker.end }, text: markerText(list, value, text.slice(marker.start, marker.end)) };
}

/** A lower-level heading before the first heading of its parent level, when the document uses that level. */
function checkLevels(context: RuleContext, markers: readonly Marker[]): void {
  const text = context.document.prose;
  const firstOf = new Map<MarkerStyle, Marker>();
  // Only headings that open their line: a run-in list inside a sentence ("包括：(1)…(2)…") is
  // no heading of the document.
  // A level skipped under a heading ("二、…⏎1、…" without （一）) is common practice; only a
  // lower heading before every heading above it is out of place.
  const higherBefore = new Map<MarkerStyle, boolean>();
  let highest = Infinity;
  for (const m of markers) {
    if (!m.opensLine) continue;
    if (!firstOf.has(m.style)) {
      firstOf.set(m.style, m);
      higherBefore.set(m.style, highest < LEVEL[m.style]);
    }
    highest = Math.min(highest, LEVEL[m.style]);
  }
  for (const [style, parentStyle] of Object.entries(PARENT) as [MarkerStyle, MarkerStyle][]) {
    const child = firstOf.get(style);
    const parent = firstOf.get(parentStyle);
    if (!child || !parent || parent.start < child.start || higherBefore.get(style)) continue;
    if (LEVEL[style] <= LEVEL[parentStyle]) continue;
    context.report({
      messageId: 'orphan',
      data: { child: `${LEVEL_NAME[style]}“${slice(text, child)}”`, parent: `${LEVEL_NAME[parentStyle]}“${LEVEL_EXAMPLE[parentStyle]}”` },
      range: child,
    });
  }
}

function isMarkdownListItem(document: SourceDocument, marker: Marker): boolean {
  // Markdown renumbers "1. 1. 1." itself; the source numbers are not what readers see.
  if (marker.style !== 'l3' || marker.family !== '.') return false;
  const text = document.prose;
  if (text[marker.end] !== ' ') return false;
  // Only spaces between the line's start and the marker (searched backwards from the marker, so
  // that many markers on one long line do not each rescan it from the start).
  const lineStart = document.lines.lineStarts[document.lines.lineAt(marker.start)]!;
  for (let i = marker.start - 1; i >= lineStart; i--) if (!/\s/.test(text[i]!)) return false;
  return true;
}

function slice(text: string, range: { start: number; end: number }): string {
  return text.slice(range.start, range.end);
}
