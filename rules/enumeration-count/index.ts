import { CodeSet, isWhiteSpaceCode } from '../text/char-classes.js';
import type { OffsetRange, Rule, RuleContext } from '../engine/types.js';
import { findStructure, groupLists, type Marker, type MarkerList } from '../text/enumeration.js';
import { isHan } from '../text/chinese.js';
import { formatChineseNumber, parseChineseNumber } from '../text/numerals.js';
import sloganList from './slogans.txt';
import { firstIndex } from '../engine/sorted.js';

const SLOGANS = sloganList.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/**
 * "我讲三点意见", "强化三种精神", "“四个不允许”", "八个方面的工作", "抓好这八根支柱", "以下两点",
 * "三项举措": a numeral, a measure word, and what is counted. "几点" and "若干" announce no count.
 * With the u flag "what" counts characters, not UTF-16 units, so it never ends inside a
 * surrogate pair (an Extension B character).
 */
const ANNOUNCEMENT = /(?<num>[二两俩三四五六七八九十]|十[一二三四五六七八九]|二十|\d{1,2}|几|若干)(?<unit>个|点|项|条|种|大|根|件|类|句话|方面)(?<what>[^，,。.：:；;！!？?、\s“”"（）()《》]{0,8})|有(?<bare>[二两三四五六七八九十])[：:]/gu;
/** After these the numeral is not an announcement: an ordinal, a time span, a back-reference, "正反两方面". */
const NOT_BEFORE = /(?:第|前|近|后|每|约|这|那|上述|以上|其中|共|达|有近|多达|正反)$/;
/** What follows a numeral that counts time or quantity, not items: "三个月", "两个100分". */
const NOT_COUNTING = /^(?:月|年|小时|星期|季度|百分点|多|余|来|以上|以下|左右|[0-9０-９]|亿|万|千|百|倍|人|名|点钟|半)/;
/** What follows "十九大" as a congress: its spirit, since, its report. */
const CONGRESS_AFTER = /^(?:精神|以来|以后|报告|代表|召开|胜利|会议|期间|和|、)/;
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
    const folded = context.document.foldedProse;
    const { markers, breaks } = findStructure(context.document);
    const lists = groupLists(markers, breaks);
    const announcements = findAnnouncements(folded);
    const draft = new Draft(text, folded, lists);
    const countAll = (boundaries: number[]) => {
      const pass = new Pass(draft, boundaries);
      return announcements.map((a) => (a.retrospective ? draft.countBefore(a) : pass.countAfter(a)));
    };
    // A list runs until the next heading or marker, or the next announcement that has a list of its own.
    const markerStarts = markers.map((m) => m.start);
    const firstPass = countAll(markerStarts);
    const owners = announcements.filter((a, i) => firstPass[i] && !a.retrospective).map((a) => a.range.start);
    countAll([...markerStarts, ...owners]).forEach((counted, i) => {
      const a = announcements[i]!;
      // "滨江、临港等12条城市快速路": 等 + a total after examples names the total; only listing
      // more than it is a mismatch.
      if (!counted || counted.subtotal === a.count) return;
      // One item is no list: the rest of it lies past where the grouping can follow (another
      // speaker's turn, a later paragraph).
      if (!a.retrospective && counted.count === 1) return;
      if (a.retrospective ? counted.count > a.count : counted.count !== a.count) report(context, a, counted.count, counted.where);
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
    // "党的十九大精神", "十八大以来": a congress, not a count.
    if (g.unit === '大' && (count >= 10 || /(?:党的|中共)$/.test(folded.slice(Math.max(0, numeralStart - 3), numeralStart)) || CONGRESS_AFTER.test(g.what ?? ''))) continue;
    // "在“六个坚持”中讲了……": a named programme referred to, not a list announced.
    if (/^[”」』"](?:中|里|内|当中|之中|的|上)/.test(folded.slice(m.index + m[0].length, m.index + m[0].length + 3))) continue;
    const retrospective = folded[numeralStart - 1] === '等';
    const end = g.bare ? m.index + m[0].length - 1 : m.index + m[0].length;
    found.push({ range: { start: numeralStart, end }, count, numeral: { start: numeralStart, end: numeralStart + numeral.length }, what: g.what ?? '', retrospective });
  }
  return found;
}

interface Count {
  count: number;
  where: string;
  /** "14项…：(1)5项…(2)9项…": the items' own counts added up, when every item opens with one. */
  subtotal?: number;
}

const CLAUSE_MARK = new CodeSet('，,：:');
const CLAUSE_END = new CodeSet('，,。：:；;\n');
const SKIPPED = new CodeSet('“”"', true);
const CONJUNCTION = /[和及与]/;
const CONJUNCTION_CODES = new CodeSet('和及与');
const SENTENCE_END = new CodeSet('。！？!?；;');

/**
 * One document's text with the tables the counting needs, so that each announcement costs
 * O(log n) rather than a scan to the end of its sentence, clause or paragraph: a draft made of
 * thousands of announcements ("三点，三点，…") must not take quadratic time.
 */
class Draft {
  /** nextEnd[i]: just after the first sentence end at or after i (or the text's length). */
  private readonly nextEnd: Int32Array;
  /** fullStop[i]: just after the first 。！？ at or after i; built on first use. */
  private fullStop: Int32Array | undefined;
  /** skipped[i]: the first offset at or after i that is not a space or a quotation mark. */
  private readonly skipped: Int32Array;
  /** Offsets just after each sentence end, in order. */
  private readonly sentenceStarts: number[] = [];
  /** Clause marks (，,：:), in order, and the first list or 首先-sequence owned from each one on in its sentence. */
  private readonly clauseMarks: number[] = [];
  private ownedFromMark: (Count | undefined)[] | undefined;
  private readonly owned = new Map<number, Count | undefined>();
  private readonly firstLists: number[];
  private readonly occurrences = new Map<string, number[]>();
  private readonly sentencesByPrefix = new Map<number, Map<string, number[]>>();
  private before: EnumerationBefore | undefined;

  constructor(
    readonly text: string,
    readonly folded: string,
    private readonly lists: MarkerList[],
  ) {
    const n = folded.length;
    this.nextEnd = new Int32Array(n + 1);
    this.skipped = new Int32Array(n + 1);
    this.nextEnd[n] = this.skipped[n] = n;
    for (let i = n - 1; i >= 0; i--) {
      this.nextEnd[i] = isSentenceEnd(folded, i) ? i + 1 : this.nextEnd[i + 1]!;
      this.skipped[i] = SKIPPED.at(folded, i) ? this.skipped[i + 1]! : i;
    }
    for (let i = 0; i < n; i++) {
      if (isSentenceEnd(folded, i)) this.sentenceStarts.push(i + 1);
      if (CLAUSE_MARK.at(folded, i)) this.clauseMarks.push(i);
    }
    this.firstLists = lists.map((l) => l.markers[0]!.start);
  }

  nextSentenceEnd(from: number): number {
    return this.nextEnd[from]!;
  }

  /** Just after the first 。！？ at or after `from` (or the text's length). */
  nextFullStop(from: number): number {
    if (!this.fullStop) {
      const n = this.folded.length;
      this.fullStop = new Int32Array(n + 1);
      this.fullStop[n] = n;
      for (let i = n - 1; i >= 0; i--) this.fullStop[i] = '。！？!?'.includes(this.folded[i]!) ? i + 1 : this.fullStop[i + 1]!;
    }
    return this.fullStop[from]!;
  }

  skipSpace(from: number): number {
    return this.skipped[from]!;
  }

  /**
   * The list an announcement owns starts right after it: in a later clause of its own sentence
   * ("强化三种精神：一是…") or at the next sentence ("我讲三点意见。\n一、…"); here the first
   * such start from `from` on in the sentence ending at `sentenceEnd`.
   */
  ownedInClauses(from: number, sentenceEnd: number): Count | undefined {
    if (!this.ownedFromMark) {
      // Right to left: a mark inherits from the next mark of its sentence.
      const marks = this.clauseMarks;
      const owned: (Count | undefined)[] = new Array(marks.length);
      for (let k = marks.length - 1; k >= 0; k--) {
        const sameSentence = k + 1 < marks.length && marks[k + 1]! < this.nextEnd[marks[k]!]!;
        owned[k] = this.ownedAt(this.skipSpace(marks[k]! + 1)) ?? (sameSentence ? owned[k + 1] : undefined);
      }
      this.ownedFromMark = owned;
    }
    const k = lowerBound(this.clauseMarks, from);
    return k < this.clauseMarks.length && this.clauseMarks[k]! < sentenceEnd ? this.ownedFromMark[k] : undefined;
  }

  /** A numbered list whose first marker opens at `start`, or a 首先/其次/最后 sequence there. */
  ownedAt(start: number): Count | undefined {
    if (this.owned.has(start)) return this.owned.get(start);
    const bound = skipPrefix(this.folded, start);
    let result: Count | undefined;
    for (let i = lowerBound(this.firstLists, start); i < this.lists.length && this.firstLists[i]! <= bound; i++) {
      const list = this.lists[i]!;
      if (list.markers[0]!.value !== 1) continue;
      result = { count: list.markers.length, where: describe(this.text, list.markers), subtotal: subtotalOf(this.folded, list.markers) };
      break;
    }
    result ??= this.countFirstSecond(start);
    this.owned.set(start, result);
    return result;
  }

  /** 首先…其次…(再次…)最后: 再次 may be left out; 最后 ends the sequence; a blank line ends the search. */
  private countFirstSecond(start: number): Count | undefined {
    if (!this.folded.startsWith('首先', skipPrefix(this.folded, start))) return undefined;
    const paragraphEnd = this.next('\n\n', start) ?? this.folded.length;
    const found = ['首先'];
    let position = start;
    for (const word of FIRST_SECOND.slice(1)) {
      const at = this.next(word, position);
      if (at === undefined || at + word.length > paragraphEnd) continue;
      found.push(word);
      position = at;
      if (word === '最后') break;
    }
    return found.length >= 2 ? { count: found.length, where: found.map((w) => `“${w}”`).join('') } : undefined;
  }

  /** The first occurrence of `word` at or after `from` (occurrences may overlap, as indexOf finds them). */
  private next(word: string, from: number): number | undefined {
    let list = this.occurrences.get(word);
    if (!list) {
      list = [];
      for (let i = this.folded.indexOf(word); i >= 0; i = this.folded.indexOf(word, i + 1)) list.push(i);
      this.occurrences.set(word, list);
    }
    return list[lowerBound(list, from)];
  }

  /** Sentence starts (after the first) whose text, past spaces and an item prefix, opens with `keyword`. */
  sentencesOpeningWith(keyword: string): number[] {
    let byPrefix = this.sentencesByPrefix.get(keyword.length);
    if (!byPrefix) {
      byPrefix = new Map();
      for (const start of this.sentenceStarts) {
        const at = skipPrefix(this.folded, this.skipSpace(start));
        if (at + keyword.length > this.folded.length) continue;
        const prefix = this.folded.slice(at, at + keyword.length);
        const list = byPrefix.get(prefix);
        if (list) list.push(start);
        else byPrefix.set(prefix, [start]);
      }
      this.sentencesByPrefix.set(keyword.length, byPrefix);
    }
    return byPrefix.get(keyword) ?? [];
  }

  /** "…A、B、C等三个方面": the items of the enumeration closing the announcement's clause. */
  countBefore(a: Announcement): Count | undefined {
    this.before ??= new EnumerationBefore(this.text, this.folded);
    return this.before.count(a.range.start - 1, a.count);
  }
}

/** The counting with one set of list boundaries (a pass of `check`), memoised per start. */
class Pass {
  private readonly boundaries: number[];
  private readonly closedBy = new Map<string, Count | undefined>();
  private readonly parallel = new Map<string, Count | undefined>();

  constructor(
    private readonly draft: Draft,
    boundaries: number[],
  ) {
    this.boundaries = [...boundaries].sort((x, y) => x - y);
  }

  /**
   * Kinds of list: numbered markers, 首先/其次/最后, sentences opening with the counted phrase
   * ("四个不允许" → "不允许…"), or an enumeration with 、 closed by "等八个方面".
   */
  countAfter(a: Announcement): Count | undefined {
    const { draft } = this;
    const sentenceEnd = draft.nextSentenceEnd(a.range.end);
    const next = draft.skipSpace(sentenceEnd);
    const owned = draft.ownedInClauses(a.range.end, sentenceEnd) ?? draft.ownedAt(next);
    if (owned) return owned;
    const closedKey = `${next} ${a.count}`;
    if (!this.closedBy.has(closedKey)) this.closedBy.set(closedKey, countEnumerationClosedBy(draft.text, draft.folded, next, draft.nextSentenceEnd(next), a.count));
    const enumerated = this.closedBy.get(closedKey);
    if (enumerated) return enumerated;
    const cut = a.what.indexOf('的');
    const keyword = cut < 0 ? a.what : a.what.slice(0, cut);
    // "“三个突出”：突出创新驱动…；突出…；突出…。": the first item follows the colon, in the
    // announcement's own sentence.
    const colon = /^[”"」』]?[：:]/.exec(draft.folded.slice(a.range.end, a.range.end + 2));
    const from = colon ? draft.skipSpace(a.range.end + colon[0].length) : next;
    if (keyword.length >= 2 && draft.folded.startsWith(keyword, skipPrefix(draft.folded, from))) {
      const key = `${from} ${keyword}`;
      if (!this.parallel.has(key)) this.parallel.set(key, this.countParallel(from, keyword));
      return this.parallel.get(key);
    }
    return undefined;
  }

  /**
   * Sentences opening with the counted phrase, until the next heading, marker or announcement.
   * `start` opens with it (the caller checked).
   */
  private countParallel(start: number, keyword: string): Count | undefined {
    const { draft } = this;
    const { text, folded } = draft;
    let limit = this.boundaries[upperBound(this.boundaries, start)] ?? folded.length;
    // Items closed by "；" are clauses of one sentence: the list ends at its full stop, and a
    // later sentence opening with the same word ("突出问题要及时解决。") is not an item.
    const clauseEnd = draft.nextSentenceEnd(start);
    if (folded[clauseEnd - 1] === '；' || folded[clauseEnd - 1] === ';') limit = Math.min(limit, draft.nextFullStop(start));
    if (start >= limit) return undefined;
    const opening = draft.sentencesOpeningWith(keyword);
    const count = 1 + lowerBound(opening, limit) - upperBound(opening, start);
    const end = Math.min(draft.nextSentenceEnd(start), limit);
    const first = shorten(text.slice(draft.skipSpace(start), end));
    const at = skipPrefix(folded, draft.skipSpace(start));
    const written = text.slice(at, at + keyword.length);
    return count >= 2 ? { count, where: `以“${written}”开头的句子，从“${first}”起` } : undefined;
  }
}

/**
 * "…A、B、C等三个方面": the clause before 等 split at 、 into trimmed, non-empty items. Only the
 * number of items, the first, the last and whether the last holds 和/及/与 matter, and all of
 * them come from tables over the text, so that a long clause with many announcements in it
 * ("等三点等三点…") is not split again for each one.
 */
class EnumerationBefore {
  /** clauseStart[i]: just after the last clause end (，。：；\n …) before i. */
  private readonly clauseStart: Int32Array;
  /** nonSpace[i]: the first non-space at or after i; lastNonSpace[i]: just after the last non-space before i. */
  private readonly nonSpace: Int32Array;
  private readonly lastNonSpace: Int32Array;
  /** conjunctions[i]: how many of 和及与 come before i. */
  private readonly conjunctions: Int32Array;
  /** The 、 marks; for each, where the item it closes starts and whether that item is non-empty. */
  private readonly commas: number[] = [];
  private readonly itemStart: number[] = [];
  /** nonEmptyBefore[k]: non-empty items closed by commas[0..k-1]. */
  private readonly nonEmptyBefore: number[] = [0];
  /** nextNonEmpty[k] / previousNonEmpty[k]: the nearest comma at k or after / at k or before closing a non-empty item (-1: none). */
  private readonly nextNonEmpty: number[];
  private readonly previousNonEmpty: number[];

  constructor(
    private readonly text: string,
    folded: string,
  ) {
    const n = text.length;
    this.clauseStart = new Int32Array(n + 1);
    this.nonSpace = new Int32Array(n + 1);
    this.lastNonSpace = new Int32Array(n + 1);
    this.conjunctions = new Int32Array(n + 1);
    this.nonSpace[n] = n;
    for (let i = n - 1; i >= 0; i--) this.nonSpace[i] = isWhiteSpaceCode(text.charCodeAt(i)) ? this.nonSpace[i + 1]! : i;
    for (let i = 0; i < n; i++) {
      this.clauseStart[i + 1] = CLAUSE_END.at(folded, i) && !isHardWrap(folded, i) ? i + 1 : this.clauseStart[i]!;
      this.lastNonSpace[i + 1] = isWhiteSpaceCode(text.charCodeAt(i)) ? this.lastNonSpace[i]! : i + 1;
      this.conjunctions[i + 1] = this.conjunctions[i]! + (CONJUNCTION_CODES.at(text, i) ? 1 : 0);
      if (text.charCodeAt(i) === 0x3001 /* 、 */) {
        const start = Math.max(this.clauseStart[i]!, this.commas.length ? this.commas[this.commas.length - 1]! + 1 : 0);
        this.commas.push(i);
        this.itemStart.push(start);
        this.nonEmptyBefore.push(this.nonEmptyBefore[this.nonEmptyBefore.length - 1]! + (this.nonSpace[start]! < i ? 1 : 0));
      }
    }
    const m = this.commas.length;
    const nonEmpty = (k: number) => this.nonEmptyBefore[k + 1]! > this.nonEmptyBefore[k]!;
    this.nextNonEmpty = new Array(m);
    this.previousNonEmpty = new Array(m);
    for (let k = m - 1, next = -1; k >= 0; k--) this.nextNonEmpty[k] = next = nonEmpty(k) ? k : next;
    for (let k = 0, previous = -1; k < m; k++) this.previousNonEmpty[k] = previous = nonEmpty(k) ? k : previous;
  }

  /** Items of the clause ending at `end` (the offset of 等). */
  count(end: number, announced: number): Count | undefined {
    // The clause start is the same for `end` and for the offset before it: `end` holds 等.
    const start = this.clauseStart[end]!;
    const first = lowerBound(this.commas, start);
    const after = lowerBound(this.commas, end);
    const tailStart = after > first ? this.commas[after - 1]! + 1 : start;
    const tail = this.nonSpace[tailStart]! < end;
    const items = this.nonEmptyBefore[after]! - this.nonEmptyBefore[first]! + (tail ? 1 : 0);
    if (items < 2) return undefined;
    const firstComma = first < this.commas.length ? this.nextNonEmpty[first]! : -1;
    const [firstStart, firstEnd] = firstComma >= 0 && firstComma < after ? [this.itemStart[firstComma]!, this.commas[firstComma]!] : [tailStart, end];
    const lastComma = tail ? -1 : this.previousNonEmpty[after - 1]!;
    const [lastStart, lastEnd] = tail ? [tailStart, end] : [this.itemStart[lastComma]!, this.commas[lastComma]!];
    const conjunction = this.conjunctions[lastEnd]! > this.conjunctions[lastStart]!;
    return withConjunction(items, conjunction, announced, this.shortened(firstStart, firstEnd), this.shortened(lastStart, lastEnd));
  }

  /** shorten(text.slice(start, end)) without copying a long item. */
  private shortened(start: number, end: number): string {
    const from = this.nonSpace[start]!;
    const to = this.lastNonSpace[end]!;
    return shorten(this.text.slice(from, Math.min(to, from + 22)) + (to > from + 22 ? '……' : ''));
  }
}

/**
 * A line break inside a word of a hard-wrapped text ("原住民族教⏎  育课程"): a Han character
 * before it and the next line indented and continuing with a Han character.
 */
function isHardWrap(text: string, i: number): boolean {
  if (text[i] !== '\n' || !isHan(text[i - 1])) return false;
  const next = text[i + 1];
  if (next !== ' ' && next !== '\u3000') return false;
  let j = i + 1;
  while (j < text.length && j - i < 16 && (text[j] === ' ' || text[j] === '\u3000')) j++;
  return isHan(text[j]);
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
  return withConjunction(items.length, CONJUNCTION.test(last), count, shorten(items[0]!), shorten(last));
}

/** The counts that open each item ("(1)5项…"), added up; undefined unless every item has one. */
function subtotalOf(folded: string, markers: readonly Marker[]): number | undefined {
  let total = 0;
  for (const marker of markers) {
    const m = /^\s?(?:其余|其他|另外|另|其中)?(\d{1,4}|[一二两三四五六七八九十]{1,3})(?:项|个|条|件|类|种)/.exec(folded.slice(marker.end, marker.end + 8));
    const value = m ? (/\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!)) : undefined;
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}

function withConjunction(items: number, conjunction: boolean, count: number, first: string, last: string): Count {
  const alternative = conjunction ? items + 1 : items;
  return { count: alternative === count ? alternative : items, where: `“${first}”至“${last}”` };
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

/** The sentence ends of `nextSentenceEnd`: 。！？!?；; a full stop before a space or the end, a line break. */
function isSentenceEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2e /* . */) return i + 1 === text.length || isWhiteSpaceCode(text.charCodeAt(i + 1));
  return (c === 0x0a && !isHardWrap(text, i)) || SENTENCE_END.has(c);
}

/** First index of sorted `values` holding a value >= `value`. */
function lowerBound(values: readonly number[], value: number): number {
  return firstIndex(values, (v) => v >= value);
}

/** First index of sorted `values` holding a value > `value`. */
function upperBound(values: readonly number[], value: number): number {
  return lowerBound(values, value + 1);
}

function skipPrefix(text: string, from: number): number {
  const m = ITEM_PREFIX.exec(text.slice(from, from + 4));
  return m && !/^(一是|一要|首先|一方面)$/.test(m[0]) ? from + m[0].length : from;
}

function shorten(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= 10 ? chars.join('') : `${chars.slice(0, 9).join('')}…`;
}
