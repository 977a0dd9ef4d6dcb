import type { OffsetRange, Rule, RuleContext, Suggestion } from '../engine/types.js';
import { documentDate, type CalendarDate } from '../text/dates.js';
import registry from './formulations.json' with { type: 'json' };

/**
 * One fixed formulation: its name as drafts write it, its items in order, and when this wording
 * was in force. Built-in entries cite their source (formulations.json); a user's may.
 */
export interface Formulation {
  name: string;
  items: string[];
  /** How the items are written together (separators); default the items joined by 、. */
  wording?: string;
  /** Whether the order is part of the formulation (default true). */
  ordered?: boolean;
  /** First and last day of this wording, YYYY-MM-DD, both optional and inclusive. */
  from?: string;
  until?: string;
  source?: { document: string; issuer?: string; date: string; quote?: string; where?: string };
  note?: string;
}

export const BUILT_IN: readonly Formulation[] = (registry as { formulations: Formulation[] }).formulations;

/** Words between a formulation's name and the items it spells out after it. */
const AFTER_NAME = /^[”’」』]?(?:战略布局|总体布局|发展理念|重要思想)?[ \t\u3000]{0,2}(?:(?:[，,][ \t\u3000]{0,2})?(?:即|也就是|就是|是指|指的是|包括|分别是|分别为)[：:]?|[：:]|[（(](?:即|就是)?)/u;
/** Words between the items spelled out before a name and the name: 「……看齐意识这“四个意识”」. */
const BEFORE_NAME = /(?:[，,]?即|这|这个|这一|的|等|[（(]即?)[“‘「『]?$/u;
/** The longest AFTER_NAME can be. */
const AFTER_NAME_MAX = 16;
/** Where a list of items ends: the end of the sentence, or of its parenthesis. */
const LIST_END = /[。！？!?；;\n（(）)]/u;
const SEPARATOR = /[、，,]/u;
/** Joining words before a last item: 「政治意识、大局意识、核心意识和看齐意识」. */
const JOINER = /^(?:以及|和|与|及|还有)/u;
/** A formulation is only checked where at least this many of its items are written out exactly. */
const MIN_EXACT = 2;
const QUOTE_MAX = 40;

interface Piece {
  text: string;
  range: OffsetRange;
  /** Index of the item it is (exact) or was meant to be (misspelt); undefined for an extra item. */
  item?: number;
  exact: boolean;
}

export const fixedFormulation: Rule = {
  meta: {
    id: 'fixed-formulation',
    description: {
      zh: '固定提法写错：列出“四个意识”“四个自信”“五位一体”等的各项时漏项、多项、错字或顺序颠倒；按成文日期适用当时的表述',
      en: 'Fixed formulations (四个意识, 四个自信, 五位一体 …) spelt out with an item missing, extra, misspelt or out of order, judged by the wording in force at the document date',
    },
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    scope: 'document',
    messages: {
      misspelt: '“{name}”中的“{written}”应为“{item}”',
      missing: '“{name}”缺少{items}，应为：{wording}',
      extra: '“{name}”中没有{items}，应为：{wording}',
      order: '“{name}”的顺序应为：{wording}',
      outdated: '“{name}”{when}的表述是：{wording}；所写是{period}的表述',
    },
    options: {
      formulations: {
        type: 'object[]',
        description: '自定义的固定提法（与内置的合并），如本单位的“三个一流”',
        default: [],
        properties: {
          name: { type: 'string', description: '提法的名称，如“三个一流”', required: true },
          items: { type: 'string[]', description: '各项，按规定的顺序', required: true, minItems: 2 },
          wording: { type: 'string', description: '各项连写的规范写法（默认以顿号连接）' },
          ordered: { type: 'boolean', description: '顺序是否固定（默认是）' },
          from: { type: 'string', description: '这一表述的起始日期 YYYY-MM-DD', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          until: { type: 'string', description: '这一表述的终止日期 YYYY-MM-DD', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          source: { type: 'string', description: '出处（文件名称与日期）' },
        },
      },
      exclude: {
        type: 'string[]',
        description: '不检查的内置提法名称',
        default: [],
      },
    },
  },
  check(context) {
    const exclude = new Set(context.options.exclude as string[]);
    const own = (context.options.formulations as UserFormulation[]).filter(isUsable).map(fromUser);
    const all = [...BUILT_IN.filter((f) => !exclude.has(f.name)), ...own];
    const byName = new Map<string, Formulation[]>();
    for (const f of all) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    // Traditional drafts are matched on their Simplified folding (same offsets).
    const text = context.document.foldedProse;
    const date = documentDate(context.document.prose);
    const seen = new Set<string>(); // a list reached from two names (or twice) is checked once
    for (const [name, versions] of byName) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
        for (const pieces of [itemsAfter(text, at + name.length, versions), itemsBefore(text, at, versions)]) {
          if (!pieces) continue;
          const key = `${pieces[0]!.range.start}:${pieces[pieces.length - 1]!.range.end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          checkList(context, name, versions, pieces, date);
        }
      }
    }
  },
};

/** An entry of the `formulations` option: as a built-in one, its source a line of text. */
type UserFormulation = Omit<Formulation, 'source' | 'note'> & { source?: string };

function fromUser(user: UserFormulation): Formulation {
  const { source, wording, ...rest } = user;
  const f: Formulation = source ? { ...rest, source: { document: source, date: '' } } : rest;
  // A wording that does not write the items in order would put something else in the draft.
  if (wording && inOrder(wording, user.items)) f.wording = wording;
  return f;
}

function inOrder(text: string, items: readonly string[]): boolean {
  let at = 0;
  for (const item of items) {
    const found = text.indexOf(item, at);
    if (found < 0) return false;
    at = found + item.length;
  }
  return true;
}

/** Settings from an editor may skip the config file's validation: an entry must still make sense. */
function isUsable(f: UserFormulation): boolean {
  return typeof f.name === 'string' && f.name.length > 0 && Array.isArray(f.items) && f.items.length >= 2 && f.items.every((i) => typeof i === 'string' && i.length > 0);
}

function wordingOf(f: Formulation): string {
  return f.wording ?? f.items.join('、');
}

/**
 * The version of a formulation in force at `date` (the document's 成文日期), or the current one
 * when the document has no date; undefined when no version known here was in force then.
 */
export function versionAt(versions: readonly Formulation[], date: CalendarDate | undefined): Formulation | undefined {
  // Undated: a draft of today, judged by the wording still in force (none when every known one has ended).
  if (!date?.year) return versions.find((v) => !v.until);
  const day = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day ?? 1).padStart(2, '0')}`;
  return versions.find((v) => (!v.from || v.from <= day) && (!v.until || day <= v.until));
}

function checkList(context: RuleContext, name: string, versions: readonly Formulation[], pieces: Piece[], date: CalendarDate | undefined): void {
  const expected = versionAt(versions, date);
  if (!expected) return; // a document older than the formulation: nothing to judge by
  const written = context.document.text;
  const span = { start: pieces[0]!.range.start, end: pieces[pieces.length - 1]!.range.end };
  // Another version of the same name, written exactly: the wording of another period.
  const asWritten = pieces.map((p) => p.text);
  const other = versions.find((v) => v !== expected && sameItems(v.items, asWritten));
  if (other) {
    context.report({
      messageId: 'outdated',
      data: { name, when: date?.year ? `在成文日期（${dayText(date)}）` : '现行', wording: wordingOf(expected), period: periodOf(other) },
      range: span,
      suggestions: [replaceList(span, expected)],
    });
    return;
  }
  const classified = classify(pieces, expected);
  const missing = expected.items.filter((_, i) => !classified.some((p) => p.item === i));
  const extra = classified.filter((p) => p.item === undefined);
  const wording = wordingOf(expected);
  if (missing.length > 0 && extra.length === 0) {
    context.report({ messageId: 'missing', data: { name, items: quoteAll(missing), wording }, range: span, suggestions: [replaceList(span, expected)] });
    return;
  }
  if (extra.length > 0) {
    context.report({ messageId: 'extra', data: { name, items: quoteAll(extra.map((p) => written.slice(p.range.start, p.range.end))), wording }, range: span, suggestions: [replaceList(span, expected)] });
    return;
  }
  const order = classified.map((p) => p.item!);
  if (expected.ordered !== false && order.some((item, i) => i > 0 && item < order[i - 1]!)) {
    context.report({ messageId: 'order', data: { name, wording }, range: span, suggestions: [replaceList(span, expected)] });
    return;
  }
  for (const piece of classified) {
    if (piece.exact) continue;
    const item = expected.items[piece.item!]!;
    context.report({
      messageId: 'misspelt',
      data: { name, written: written.slice(piece.range.start, piece.range.end), item },
      range: piece.range,
      suggestions: [{ message: `改为“${item}”`, edits: [{ range: piece.range, text: item }], preferred: true }],
    });
  }
}

function replaceList(span: OffsetRange, f: Formulation): Suggestion {
  const wording = wordingOf(f);
  return { message: `改为“${[...wording].length > QUOTE_MAX ? `${[...wording].slice(0, QUOTE_MAX - 1).join('')}…` : wording}”`, edits: [{ range: span, text: wording }], preferred: true };
}

function dayText(date: CalendarDate): string {
  return `${date.year}年${date.month}月${date.day !== undefined ? `${date.day}日` : ''}`;
}

function periodOf(f: Formulation): string {
  const day = (d: string) => d.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/u, '$1年$2月$3日');
  if (f.from && f.until) return `${day(f.from)}至${day(f.until)}`;
  if (f.until) return `${day(f.until)}以前`;
  return f.from ? `${day(f.from)}以后` : '另一时期';
}

function quoteAll(items: readonly string[]): string {
  return items.map((i) => `“${i}”`).join('、');
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * Each piece as an item of `f`: exact, misspelt (one character off an item not yet matched), or
 * extra (shaped like the items, 「责任意识」 among the 意识, but none of them).
 */
function classify(pieces: readonly Piece[], f: Formulation): Piece[] {
  const taken = new Set<number>();
  const out = pieces.map((p): Piece => {
    const i = f.items.indexOf(p.text);
    if (i >= 0 && !taken.has(i)) {
      taken.add(i);
      return { ...p, item: i, exact: true };
    }
    return { ...p, item: undefined, exact: false };
  });
  for (const p of out) {
    if (p.item !== undefined) continue;
    const near = f.items.findIndex((item, i) => !taken.has(i) && isNear(p.text, item));
    if (near >= 0) {
      taken.add(near);
      p.item = near;
    }
  }
  return out;
}

/** One substitution, insertion or deletion apart, in an item long enough for that to be a slip. */
function isNear(written: string, item: string): boolean {
  const a = [...written];
  const b = [...item];
  if (b.length < 4 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/** What every item of the formulation starts or ends with (意识, 自信, 全面…), if two characters or more; computed once per formulation. */
function affixes(f: Formulation): { prefix: string; suffix: string } {
  let known = AFFIXES.get(f);
  if (!known) AFFIXES.set(f, (known = commonAffixes(f)));
  return known;
}

const AFFIXES = new WeakMap<Formulation, { prefix: string; suffix: string }>();

function commonAffixes(f: Formulation): { prefix: string; suffix: string } {
  const first = f.items[0]!;
  let prefix = first;
  let suffix = first;
  for (const item of f.items) {
    while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!item.endsWith(suffix)) suffix = suffix.slice(1);
  }
  return { prefix: prefix.length >= 2 ? prefix : '', suffix: suffix.length >= 2 ? suffix : '' };
}

/**
 * Whether `text` reads as an item of one of the versions: one of its items (or one character
 * off), or shaped like them (sharing their common prefix or suffix).
 */
function looksLikeItem(text: string, versions: readonly Formulation[]): 'exact' | 'like' | undefined {
  if (versions.some((v) => v.items.includes(text))) return 'exact';
  for (const v of versions) {
    if (v.items.some((item) => isNear(text, item))) return 'like';
    const { prefix, suffix } = affixes(v);
    if ((prefix && text.startsWith(prefix)) || (suffix && text.endsWith(suffix))) {
      // As long as the items, give or take one: 「责任意识」 among the 意识 is one, 「增强责任意识」 is a new clause.
      const lengths = v.items.map((i) => [...i].length);
      const length = [...text].length;
      if (length >= Math.min(...lengths) - 1 && length <= Math.max(...lengths) + 1) return 'like';
    }
  }
  return undefined;
}

/**
 * Pieces of `[start, end)`: an item of `versions` written out where it starts (an item may hold
 * a separator itself: 「务必不忘初心、牢记使命」), else the text up to the next separator; each
 * trimmed of spaces and a leading 和/与/及.
 */
function split(text: string, start: number, end: number, versions: readonly Formulation[]): Piece[] {
  const pieces: Piece[] = [];
  let at = start;
  while (at < end) {
    while (at < end && /\s/u.test(text[at]!)) at++;
    const joiner = JOINER.exec(text.slice(at, at + 2));
    if (joiner) at += joiner[0].length;
    if (at >= end) break;
    const item = itemAt(text, at, end, versions);
    let pieceEnd = item ? at + item.length : at;
    if (!item) while (pieceEnd < end && !SEPARATOR.test(text[pieceEnd]!)) pieceEnd++;
    let trimmed = pieceEnd;
    while (trimmed > at && /\s/u.test(text[trimmed - 1]!)) trimmed--;
    pieces.push({ text: text.slice(at, trimmed), range: { start: at, end: trimmed }, exact: false });
    at = pieceEnd;
    while (at < end && /\s/u.test(text[at]!)) at++;
    if (at < end && SEPARATOR.test(text[at]!)) at++;
    else if (item && at < end && !JOINER.test(text.slice(at, at + 2))) break; // an item running into other words ends the list
  }
  return pieces;
}

/** The longest item of `versions` written at `at` that a separator, joiner or the list's end follows. */
function itemAt(text: string, at: number, end: number, versions: readonly Formulation[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    for (const item of v.items) {
      if (at + item.length > end || !text.startsWith(item, at) || (best && best.length >= item.length)) continue;
      best = item;
    }
  }
  return best;
}

/** A piece "A和B" that is two items joined without a separator: 「核心意识和看齐意识」. */
function splitJoined(piece: Piece, versions: readonly Formulation[]): Piece[] {
  const text = piece.text;
  for (let i = 1; i < text.length - 1; i++) {
    const joiner = text.startsWith('以及', i) ? '以及' : '和与及'.includes(text[i]!) ? text[i]! : undefined;
    if (!joiner) continue;
    const first = text.slice(0, i);
    const second = text.slice(i + joiner.length);
    if (!second || !looksLikeItem(first, versions) || !looksLikeItem(second, versions)) continue;
    const start = piece.range.start;
    return [
      { text: first, range: { start, end: start + i }, exact: false },
      { text: second, range: { start: start + i + joiner.length, end: piece.range.end }, exact: false },
    ];
  }
  return [piece];
}

/** The list spelled out right after a name: 「“四个意识”，即政治意识、大局意识……」. */
function itemsAfter(text: string, from: number, versions: readonly Formulation[]): Piece[] | undefined {
  const connector = AFTER_NAME.exec(text.slice(from, from + AFTER_NAME_MAX));
  if (!connector) return undefined;
  const start = from + connector[0].length;
  const end = listEnd(text, start);
  const pieces: Piece[] = [];
  for (const raw of split(text, start, end, versions)) {
    for (const piece of splitJoined(raw, versions)) {
      if (looksLikeItem(piece.text, versions)) {
        pieces.push(piece);
        continue;
      }
      // The last item may run into the sentence: 「看齐意识的要求」 is 看齐意识 and more.
      const item = longestItemAt(piece.text, versions, 'start');
      if (item) pieces.push({ text: item, range: { start: piece.range.start, end: piece.range.start + item.length }, exact: false });
      return accepted(pieces, versions);
    }
  }
  return accepted(pieces, versions);
}

/** The list spelled out right before a name: 「创新、协调、绿色、开放、共享的新发展理念」. */
function itemsBefore(text: string, nameStart: number, versions: readonly Formulation[]): Piece[] | undefined {
  const head = text.slice(Math.max(0, nameStart - 6), nameStart);
  const connector = BEFORE_NAME.exec(head);
  if (!connector) return undefined;
  const end = nameStart - connector[0].length;
  const start = listStart(text, end);
  const pieces: Piece[] = [];
  const raw = split(text, start, end, versions).flatMap((p) => splitJoined(p, versions));
  for (let k = raw.length - 1; k >= 0; k--) {
    const piece = raw[k]!;
    if (looksLikeItem(piece.text, versions)) {
      pieces.unshift(piece);
      continue;
    }
    // The first item may follow a verb: 「增强政治意识」.
    const item = longestItemAt(piece.text, versions, 'end');
    if (item) pieces.unshift({ text: item, range: { start: piece.range.end - item.length, end: piece.range.end }, exact: false });
    break;
  }
  return accepted(pieces, versions);
}

function longestItemAt(text: string, versions: readonly Formulation[], side: 'start' | 'end'): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    for (const item of v.items) {
      const fits = side === 'start' ? text.startsWith(item) : text.endsWith(item);
      if (fits && (!best || item.length > best.length)) best = item;
    }
  }
  return best;
}

/** A list counts only when it writes out at least two items exactly: then it is the formulation spelled out. */
function accepted(pieces: Piece[], versions: readonly Formulation[]): Piece[] | undefined {
  const exact = pieces.filter((p) => looksLikeItem(p.text, versions) === 'exact').length;
  return exact >= MIN_EXACT ? pieces : undefined;
}

/** The longest list looked at: a formulation's items fit in a line; a sentence without end may not. */
const LIST_MAX = 300;

function listEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + LIST_MAX);
  let i = from;
  while (i < limit && !LIST_END.test(text[i]!)) i++;
  return i;
}

function listStart(text: string, to: number): number {
  const limit = Math.max(0, to - LIST_MAX);
  let i = to;
  while (i > limit && !LIST_END.test(text[i - 1]!)) i--;
  return i;
}
