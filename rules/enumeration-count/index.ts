import type { OffsetRange, Rule, RuleContext } from '../engine/types.js';
import { findStructure, groupLists, type Marker, type MarkerList } from '../text/enumeration.js';
import { foldToSimplified } from '../text/fold.js';
import { formatChineseNumber, parseChineseNumber } from '../text/numerals.js';
import sloganList from './slogans.txt';

const SLOGANS = sloganList.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/**
 * "我讲三点意见", "强化三种精神", "“四个不允许”", "八个方面的工作", "抓好这八根支柱", "以下两点",
 * "三项举措": a numeral, a measure word, and what is counted. "几点" and "若干" announce no count.
 */
const ANNOUNCEMENT = /(?<num>[二两俩三四五六七八九十]|十[一二三四五六七八九]|二十|\d{1,2}|几|若干)(?<unit>个|点|项|条|种|大|根|件|类|句话|方面)(?<what>[^，,。.：:；;！!？?、\s“”"（）()《》]{0,8})|有(?<bare>[二两三四五六七八九十])[：:]/g;
/** After these the numeral is not an announcement: an ordinal, a time span, a back-reference. */
const NOT_BEFORE = /(?:第|前|近|后|每|约|这|那|上述|以上|其中|共|达|有近|多达)$/;
/** What follows a numeral that counts time or quantity, not items: "三个月", "两个100分". */
const NOT_COUNTING = /^(?:月|年|小时|星期|季度|百分点|多|余|来|以上|以下|左右|[0-9０-９]|亿|万|千|百|倍|人|名|点钟|半)/;
const ITEM_PREFIX = /^(?:即|就是|一是|主要是|分别是|包括|一要|首先|一方面)/;
const FIRST_SECOND = ['首先', '其次', '再次', '最后'];

interface Announcement {
  range: OffsetRange;
  count: number;
  numeral: OffsetRange;
  what: string;
  /** "等八个方面": counts the list before it, not after. */
  retrospective: boolean;
}

export const enumerationCount: Rule = {
  meta: {
    id: 'enumeration-count',
    description: {
      zh: '宣布的条数与后面实际列出的条数不符，如“我讲三点意见”后面列了四点',
      en: 'The announced count does not match the items that follow, e.g. "三点意见" followed by four sections',
    },
    category: 'structure',
    defaultSeverity: 'error',
    fixable: true,
    hasSuggestions: true,
    messages: {
      mismatch: '宣布“{announced}”，但后面列了 {count} 项（{items}）',
      mismatchBefore: '说“{announced}”，但前面只列了 {count} 项（{items}）',
    },
    options: {
      fixCount: {
        type: 'boolean',
        description: '为 true 时，--fix 和“全部修复”也会把宣布的数字改为实际条数；默认只作为快速修复建议（作者也可能是漏写了一项）',
        default: false,
      },
    },
  },
  check(context) {
    const text = context.document.prose;
    const folded = foldToSimplified(text);
    const { markers } = findStructure(context.document);
    const lists = groupLists(markers);
    const announcements = findAnnouncements(folded);
    const countAll = (boundaries: number[]) =>
      announcements.map((a) => (a.retrospective ? countBefore(text, folded, a) : countAfter(text, folded, a, lists, boundaries)));
    // A list runs until the next heading or marker, or the next announcement that has a list of its own.
    const markerStarts = markers.map((m) => m.start);
    const firstPass = countAll(markerStarts);
    const owners = announcements.filter((a, i) => firstPass[i] && !a.retrospective).map((a) => a.range.start);
    countAll([...markerStarts, ...owners]).forEach((counted, i) => {
      const a = announcements[i]!;
      if (counted && counted.count !== a.count) report(context, a, counted.count, counted.where);
    });
  },
};

function findAnnouncements(folded: string): Announcement[] {
  const found: Announcement[] = [];
  ANNOUNCEMENT.lastIndex = 0;
  for (let m = ANNOUNCEMENT.exec(folded); m; m = ANNOUNCEMENT.exec(folded)) {
    const g = m.groups!;
    const numeral = g.num ?? g.bare!;
    const numeralStart = m.index + m[0].indexOf(numeral);
    if (NOT_BEFORE.test(folded.slice(Math.max(0, numeralStart - 4), numeralStart))) continue;
    if (/[一二两三四五六七八九十百千万零〇0-9]/.test(folded[numeralStart - 1] ?? '')) continue; // part of a bigger number
    if (g.unit && NOT_COUNTING.test(g.what ?? '')) continue;
    // "57个未开工" is a quantity; digits announce items only as "3点", "3项", "3个方面".
    if (/\d/.test(numeral) && !(/^(?:点|项|条|方面)$/.test(g.unit ?? '') || /^(?:方面|层面|部分)/.test(g.what ?? ''))) continue;
    if (SLOGANS.some((s) => folded.startsWith(s, numeralStart))) continue;
    const count = parseChineseNumber(numeral === '俩' ? '两' : numeral);
    if (count === undefined || count < 2) continue; // 几点, 若干: no count to check
    const retrospective = folded[numeralStart - 1] === '等';
    const end = g.bare ? m.index + m[0].length - 1 : m.index + m[0].length;
    found.push({ range: { start: numeralStart, end }, count, numeral: { start: numeralStart, end: numeralStart + numeral.length }, what: g.what ?? '', retrospective });
  }
  return found;
}

interface Count {
  count: number;
  where: string;
}

/**
 * The list an announcement owns starts right after it: in a later clause of its own sentence
 * ("强化三种精神：一是…") or at the next sentence ("我讲三点意见。\n一、…"). Kinds of list:
 * numbered markers, 首先/其次/最后, sentences opening with the counted phrase ("四个不允许"
 * → "不允许…"), or an enumeration with 、 closed by "等八个方面".
 */
function countAfter(text: string, folded: string, a: Announcement, lists: MarkerList[], boundaries: number[]): Count | undefined {
  const sentenceEnd = nextSentenceEnd(folded, a.range.end);
  const candidates = [...clauseStarts(folded, a.range.end, sentenceEnd), skipSpace(folded, sentenceEnd)];
  for (const start of candidates) {
    const list = lists.find((l) => l.markers[0]!.start >= start && l.markers[0]!.start <= skipPrefix(folded, start) && l.markers[0]!.value === 1);
    if (list) return { count: list.markers.length, where: describe(text, list.markers) };
    const sequence = countFirstSecond(folded, start);
    if (sequence) return sequence;
  }
  const next = skipSpace(folded, sentenceEnd);
  const enumerated = countEnumerationClosedBy(text, folded, next, nextSentenceEnd(folded, next), a.count);
  if (enumerated) return enumerated;
  const keyword = a.what.replace(/的.*$/, '');
  if (keyword.length >= 2 && folded.startsWith(keyword, skipPrefix(folded, next))) return countParallel(text, folded, next, keyword, boundaries);
  return undefined;
}

/** "…A、B、C等三个方面": the items of the enumeration closing the announcement's clause. */
function countBefore(text: string, folded: string, a: Announcement): Count | undefined {
  const clauseStart = Math.max(...['，', ',', '。', '：', ':', '；', ';', '\n'].map((d) => folded.lastIndexOf(d, a.range.start - 1))) + 1;
  const clause = text.slice(clauseStart, a.range.start - 1);
  const items = splitEnumeration(clause);
  if (items.length < 2) return undefined;
  return matchWithConjunction(items, a.count);
}

function countEnumerationClosedBy(text: string, folded: string, start: number, end: number, count: number): Count | undefined {
  const closing = new RegExp(`等(?:${formatChineseNumber(count)}|${count}|[二两三四五六七八九十]{1,2})(?:个|项|条|种|大|方面)`).exec(folded.slice(start, end));
  if (!closing) return undefined;
  const clause = text.slice(start, start + closing.index).split(/[，,：:；;]/).pop() ?? '';
  const items = splitEnumeration(clause);
  return items.length >= 2 ? matchWithConjunction(items, count) : undefined;
}

function splitEnumeration(clause: string): string[] {
  return clause.split('、').map((s) => s.trim()).filter(Boolean);
}

/** "A、B和C" may be two or three items: accept either reading before calling it a mismatch. */
function matchWithConjunction(items: string[], count: number): Count {
  const last = items[items.length - 1]!;
  const alternative = /[和及与]|以及/.test(last) ? items.length + 1 : items.length;
  const n = alternative === count ? alternative : items.length;
  return { count: n, where: `“${shorten(items[0]!)}”至“${shorten(last)}”` };
}

/** Sentences opening with the counted phrase, until the next heading, marker or announcement. */
function countParallel(text: string, folded: string, start: number, keyword: string, boundaries: number[]): Count | undefined {
  const limit = Math.min(folded.length, ...boundaries.filter((b) => b > start));
  let count = 0;
  let first = '';
  let position = start;
  while (position < limit) {
    const end = Math.min(nextSentenceEnd(folded, position), limit);
    if (folded.startsWith(keyword, skipPrefix(folded, skipSpace(folded, position)))) {
      count++;
      if (!first) first = shorten(text.slice(skipSpace(folded, position), end));
    }
    position = end;
  }
  const written = text.slice(skipPrefix(folded, skipSpace(folded, start)), skipPrefix(folded, skipSpace(folded, start)) + keyword.length);
  return count >= 2 ? { count, where: `以“${written}”开头的句子，从“${first}”起` } : undefined;
}

/** 首先…其次…(再次…)最后: 再次 may be left out; 最后 ends the sequence; a blank line ends the search. */
function countFirstSecond(folded: string, start: number): Count | undefined {
  if (!folded.startsWith('首先', skipPrefix(folded, start))) return undefined;
  const paragraphEnd = folded.indexOf('\n\n', start);
  const scope = folded.slice(start, paragraphEnd < 0 ? folded.length : paragraphEnd);
  const found = ['首先'];
  let position = 0;
  for (const word of FIRST_SECOND.slice(1)) {
    const at = scope.indexOf(word, position);
    if (at < 0) continue;
    found.push(word);
    position = at;
    if (word === '最后') break;
  }
  return found.length >= 2 ? { count: found.length, where: found.map((w) => `“${w}”`).join('') } : undefined;
}

function report(context: RuleContext, a: Announcement, count: number, where: string): void {
  const text = context.document.prose;
  const announced = text.slice(a.range.start, a.range.end);
  const numeralText = text.slice(a.numeral.start, a.numeral.end);
  // Before a measure word two is 两: "两点", "两种".
  const replacement = /\d/.test(numeralText) ? String(count) : count === 2 && !/^二/.test(numeralText) ? '两' : formatChineseNumber(count);
  const change = [{ range: a.numeral, text: replacement }];
  context.report({
    messageId: a.retrospective ? 'mismatchBefore' : 'mismatch',
    data: { announced, count, items: where },
    range: a.range,
    ...(context.options.fixCount === true ? { fix: change } : {}),
    suggestions: [{ message: `把“${numeralText}”改为“${replacement}”`, edits: change }],
  });
}

function describe(text: string, markers: Marker[]): string {
  const names = markers.map((m) => text.slice(m.start, m.end).replace(/[，,、：:]$/, ''));
  return names.length <= 6 ? names.join('、') : `${names.slice(0, 3).join('、')}……${names[names.length - 1]}`;
}

function nextSentenceEnd(text: string, from: number): number {
  const m = /[。！？!?；;]|\.(?=\s|$)|\n/g;
  m.lastIndex = from;
  const found = m.exec(text);
  return found ? found.index + 1 : text.length;
}

function clauseStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) if (/[，,：:]/.test(text[i]!)) starts.push(skipSpace(text, i + 1));
  return starts;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[\s“”"]/.test(text[i]!)) i++;
  return i;
}

function skipPrefix(text: string, from: number): number {
  const m = ITEM_PREFIX.exec(text.slice(from, from + 4));
  return m && !/^(一是|一要|首先|一方面)$/.test(m[0]) ? from + m[0].length : from;
}

function shorten(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= 10 ? chars.join('') : `${chars.slice(0, 9).join('')}…`;
}
