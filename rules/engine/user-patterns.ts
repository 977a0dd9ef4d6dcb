/**
 * Phrases users write in a config (the `allow` list). An entry is a literal phrase, matched as
 * written: "X光机" means exactly that, dots and brackets included. Only an entry written as
 * `/source/flags` is a regular expression, and it must pass `checkUserRegex` first: user
 * patterns run on every keystroke in the editor, so one that can backtrack catastrophically
 * would freeze it (JavaScript cannot interrupt a running regex).
 */
import type { OffsetRange } from './types.js';

const REGEX_ENTRY = /^\/(.+)\/([a-z]*)$/s;
const MAX_SOURCE_LENGTH = 200;
/** The product of (upper bound + 1) over a regex's quantifiers: how much it may try at one position. */
const MAX_WORK_PER_POSITION = 1000;

/** Whether a config entry is written as a regular expression (`/…/flags`). */
export function isRegexEntry(entry: string): boolean {
  return REGEX_ENTRY.test(entry);
}

/**
 * Why a `/source/flags` entry is refused, or undefined if it may be used: a syntax error, a
 * flag other than i/u/s (g and y are the engine's business), backreferences, a repeated group
 * that itself repeats or has alternatives ("(a+)+", "(a|a)*": exponential), or unbounded
 * repetition (`*`, `+`, `{n,}`: "a*a*b" and even "a*b" backtrack polynomially over a long run).
 * Bounded repetition is fine while the bounds multiply to at most MAX_WORK_PER_POSITION, so the
 * work per position of the text stays small and the whole search linear.
 */
export function checkUserRegex(entry: string): string | undefined {
  const [, source = '', flags = ''] = REGEX_ENTRY.exec(entry) ?? [];
  if (source.length > MAX_SOURCE_LENGTH) return `正则表达式过长（最多 ${MAX_SOURCE_LENGTH} 个字符）/ regular expression longer than ${MAX_SOURCE_LENGTH} characters`;
  if (/[^ius]/.test(flags)) return `不支持的标志“${flags}”，只可用 i、u、s / unsupported flags, use only i, u, s`;
  try {
    new RegExp(source, `${flags.replace('u', '')}u`);
  } catch (error) {
    return `正则表达式有误 / invalid regular expression: ${(error as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(source)) return '不支持反向引用 / backreferences are not allowed';
  const bounds = quantifierBounds(source);
  if (bounds.includes(Infinity)) return '不支持不限次数的重复（*、+、{n,}），请写明上限，如 {1,10} / unbounded repetition (*, +, {n,}) is not allowed: give an upper bound such as {1,10}';
  if (bounds.reduce((product, bound) => product * (bound + 1), 1) > MAX_WORK_PER_POSITION) {
    return `重复次数的上限相乘超过 ${MAX_WORK_PER_POSITION} / the repetition bounds multiply to more than ${MAX_WORK_PER_POSITION}`;
  }
  if (hasNestedRepetition(source)) return '重复的分组内不能再有重复或分支（如 (a+)+、(a|b)*），以免回溯失控 / a repeated group must not contain repetition or alternatives (catastrophic backtracking)';
  return undefined;
}

/** Compiles an entry: a literal phrase, or a checked `/…/` regex (undefined if refused). */
export function compileUserPattern(entry: string): string | RegExp | undefined {
  if (!isRegexEntry(entry)) return entry;
  // Checked and compiled once: the allow list is consulted on every lint (every keystroke).
  if (!compiled.has(entry)) {
    const [, source, flags] = REGEX_ENTRY.exec(entry)!;
    compiled.set(entry, checkUserRegex(entry) === undefined ? new RegExp(source!, `${flags!.replace('u', '')}gum`) : undefined);
  }
  return compiled.get(entry);
}

const compiled = new Map<string, RegExp | undefined>();

/** Every occurrence of a compiled pattern in `text`. */
export function findPattern(text: string, pattern: string | RegExp): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  if (typeof pattern === 'string') {
    if (!pattern) return ranges;
    for (let i = text.indexOf(pattern); i >= 0; i = text.indexOf(pattern, i + 1)) ranges.push({ start: i, end: i + pattern.length });
    return ranges;
  }
  for (const m of text.matchAll(pattern)) if (m[0]) ranges.push({ start: m.index!, end: m.index! + m[0].length });
  return ranges;
}

/** A group `(…)` that is followed by a quantifier and contains a quantifier or `|` of its own. */
function hasNestedRepetition(source: string): boolean {
  const open: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push({ risky: false });
    else if (c === '|' && open.length) open[open.length - 1]!.risky = true;
    else if (isQuantifier(source, i) && open.length) open[open.length - 1]!.risky = true;
    else if (c === ')') {
      const group = open.pop();
      const quantified = isQuantifier(source, i + 1);
      if (group?.risky && quantified) return true;
      // A quantified group makes the group around it risky too.
      if ((group?.risky || quantified) && open.length) open[open.length - 1]!.risky = true;
    }
  }
  return false;
}

/** The upper bound of every quantifier (`?` is 1, `*` `+` `{n,}` Infinity); lazy `?` and group syntax `(?` skipped. */
function quantifierBounds(source: string): number[] {
  const bounds: number[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '*' || c === '+') {
      bounds.push(Infinity);
      if (source[i + 1] === '?') i++;
    } else if (c === '?' && source[i - 1] !== '(') {
      bounds.push(1);
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (!m) continue;
      bounds.push(m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity);
      i += m[0].length - 1;
      if (source[i + 1] === '?') i++;
    }
  }
  return bounds;
}

function isQuantifier(source: string, i: number): boolean {
  const c = source[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') return /^\{\d+(,\d*)?\}/.test(source.slice(i));
  return false; // "?" repeats at most once: no blow-up
}
