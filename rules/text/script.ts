/**
 * Simplified/Traditional script helpers over OpenCC (opencc-js): whole-text conversion, the main
 * script of a text, and the characters of the other script inside it.
 *
 * OpenCC dictionaries map a character to its first candidate only (干 → 幹), so a character that
 * is also an ordinary character of the target script (干涉, 公里, 皇后) cannot be judged alone.
 * Such characters are "ambiguous": they are reported only where a dictionary phrase converts
 * them (干部 → 幹部). Phrases are matched on the text converted to the other script first, so
 * that a careless conversion like 實干 still meets the phrase 实干 → 實幹.
 */
import { isHanCodePoint } from './char-classes.js';
import { Trie } from 'opencc-js/core';
import HKVariants from 'opencc-js/dict/HKVariants';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import { computeOnly } from '../engine/lint.js';
import type { Memo } from '../engine/types.js';
import { parseDict } from './opencc-dict.js';
import { readBundledText } from './bundled-data.js';
// 1.8 MB as JavaScript, parsed with the bundle on every run: a file beside it instead, read
// only when a text needs the phrases (simplified → traditional).
import stPhrasesFile from 'opencc-js/dict/STPhrases.utf8';

export type Script = 'simplified' | 'traditional';

/** A run of characters of the other script and its conversion to the main script. */
export interface ScriptSpan {
  /** UTF-16 offsets `[start, end)`. */
  start: number;
  end: number;
  text: string;
  replacement: string;
  /**
   * Set when the run holds a character that is also valid in the main script (干, 里, 于…) and
   * a dictionary phrase decided it: the phrase as written in the text, e.g. 實干.
   */
  phrase?: string;
}

/**
 * A simplified character kept unchanged in at least this many STPhrases entries is also an
 * ordinary traditional character (干 165, 里 867, 后 89, 台 22, 仆 16). Below that (万 3, 党 7,
 * 杠 10) the keeps are surnames and place names (万俟, 党项), which the phrases protect anyway.
 */
const MIN_KEPT_IN_PHRASES = 12;

/**
 * Reviewed additions to OpenCC's Taiwan and Hong Kong variant tables: OpenCC standard → a form
 * that Taiwan or Hong Kong also accept, so a traditional text using it is not mixing scripts
 * (發霉, 恒生, 凶手, 占領, 山岳, 岩石, 熏陶).
 */
const ACCEPTED_FORMS = '黴霉 恆恒 兇凶 佔占 嶽岳 巖岩 燻熏 薰熏';

/** Built on first use; `trie` and `ambiguous` only when a conversion or a foreign character needs them. */
interface Direction {
  /** Phrases, then the characters that are unambiguous: converts towards this script. */
  readonly trie: Trie;
  /** Characters of the other script: the only ones ever reported. */
  foreign: ReadonlySet<string>;
  /** Foreign characters also valid in this script, left out of the trie; full conversion maps them. */
  readonly ambiguous: ReadonlyMap<string, string>;
  /** Matches any foreign character (global): where the work is. */
  foreignPattern: RegExp;
}

let toTraditional: Direction | undefined;
let toSimplified: Direction | undefined;
let regional: Map<string, Set<string>> | undefined;

/** OpenCC standard character → its Taiwan and Hong Kong forms (爲 → 為, 羣 → 群, 臺 → 台). */
function regionalForms(): Map<string, Set<string>> {
  if (!regional) {
    regional = new Map();
    const reviewed = ACCEPTED_FORMS.split(' ').map((pair) => [...pair] as [string, string]);
    for (const [standard, form] of [...parseDict(TWVariants), ...parseDict(HKVariants), ...reviewed]) {
      if (!regional.has(standard)) regional.set(standard, new Set());
      regional.get(standard)!.add(form);
    }
  }
  return regional;
}

/** True when `char` is how Taiwan or Hong Kong write the OpenCC standard `standard`. */
function isRegionalForm(char: string, standard: string): boolean {
  return regionalForms().get(standard)?.has(char) ?? false;
}

function direction(target: Script): Direction {
  if (target === 'traditional') return (toTraditional ??= buildToTraditional());
  return (toSimplified ??= buildToSimplified());
}

function buildToTraditional(): Direction {
  const characters = parseDict(STCharacters);
  const foreign = new Set(characters.map(([char]) => char));
  // The phrases (1 MB) are read and the trie built only once a text holds a foreign character.
  let split: { ambiguous: Map<string, string>; trie: Trie } | undefined;
  const splitCharacters = () => {
    if (split) return split;
    const phrases = readBundledText(stPhrasesFile);
    const kept = new Map<string, number>();
    for (const [source, target] of parseDict(phrases)) {
      const targetChars = [...target];
      [...source].forEach((char, i) => {
        if (targetChars[i] === char) kept.set(char, (kept.get(char) ?? 0) + 1);
      });
    }
    const ambiguous = new Map<string, string>();
    const unambiguous: [string, string][] = [];
    for (const [char, target] of characters) {
      const valid = (kept.get(char) ?? 0) >= MIN_KEPT_IN_PHRASES || isRegionalForm(char, target);
      if (valid) ambiguous.set(char, target);
      else unambiguous.push([char, target]);
    }
    const trie = new Trie();
    trie.loadDictGroup([phrases, unambiguous]);
    return (split = { ambiguous, trie });
  };
  return {
    get trie() {
      return splitCharacters().trie;
    },
    get ambiguous() {
      return splitCharacters().ambiguous;
    },
    foreign,
    foreignPattern: characterClass(foreign),
  };
}

function buildToSimplified(): Direction {
  // TSCharacters also lists some Extension B characters as mapping to themselves.
  const foreign = new Set(parseDict(TSCharacters).filter(([char, target]) => char !== target).map(([char]) => char));
  let trie: Trie | undefined;
  return {
    get trie() {
      if (!trie) {
        trie = new Trie();
        trie.loadDictGroup([TSPhrases, TSCharacters]);
      }
      return trie;
    },
    ambiguous: new Map(),
    foreign,
    foreignPattern: characterClass(foreign),
  };
}

/** A global pattern matching any one of `chars`. */
function characterClass(chars: Iterable<string>): RegExp {
  const escaped = [...chars].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
  return new RegExp(`[${escaped}]`, 'gu');
}

interface Segment {
  start: number;
  end: number;
  /** The dictionary replacement; undefined for a character no entry matches. */
  value?: string;
}

/** OpenCC's greedy longest-match segmentation; unmatched text comes one code point at a time. */
function* segments(trie: Trie, text: string): Generator<Segment> {
  for (let i = 0; i < text.length; ) {
    const match = trie.matchPrefix(text, i);
    if (match) {
      yield { start: i, end: match.end, value: match.value };
      i = match.end;
    } else {
      const end = i + (text.codePointAt(i)! > 0xffff ? 2 : 1);
      yield { start: i, end };
      i = end;
    }
  }
}

/** Converts the whole text to the target script (phrase-aware OpenCC: cn → t, or t → cn). */
export function convertScript(text: string, target: Script): string {
  const { trie, ambiguous } = direction(target);
  let out = '';
  for (const { start, end, value } of segments(trie, text)) {
    const source = text.slice(start, end);
    out += value ?? ambiguous.get(source) ?? source;
  }
  return out;
}

interface ForeignChar {
  start: number;
  end: number;
  replacement: string;
  /** The phrase that decided an ambiguous character, as offsets into the text. */
  phrase?: { start: number; end: number };
}

/**
 * Every character of the other script in a text whose main script is `main`. Dictionary keys
 * are all Han characters, so OpenCC's segmentation starts afresh after any other character:
 * only the runs of Han characters that hold a foreign character need looking at, which keeps
 * a text written in one script to a single regular-expression scan.
 */
function foreignChars(text: string, main: Script, memo: Memo = computeOnly): ForeignChar[] {
  // The rule asks for the same text twice (to detect the main script, then to report).
  const cached = recentForeignChars.find((entry) => entry.main === main && entry.text === text);
  if (cached) return cached.found;
  const found: ForeignChar[] = [];
  for (const run of foreignCharsByRun(text, main, memo)) found.push(...run);
  remember(text, main, found);
  return found;
}

/** How many foreign characters the text holds, counting stopped as soon as there are more than `limit`. */
function countForeignChars(text: string, main: Script, limit: number, memo: Memo): number {
  const cached = recentForeignChars.find((entry) => entry.main === main && entry.text === text);
  if (cached) return cached.found.length;
  const found: ForeignChar[] = [];
  for (const run of foreignCharsByRun(text, main, memo)) {
    found.push(...run);
    if (found.length > limit) return found.length;
  }
  remember(text, main, found);
  return found.length;
}

function remember(text: string, main: Script, found: ForeignChar[]): void {
  recentForeignChars.unshift({ text, main, found });
  recentForeignChars.length = Math.min(recentForeignChars.length, 2);
}

/** Foreign characters run by run; `memo` keeps each run's (an editor re-examines only the runs an edit changed). */
function* foreignCharsByRun(text: string, main: Script, memo: Memo): Generator<ForeignChar[]> {
  const pattern = new RegExp(direction(main).foreignPattern); // own lastIndex: callers may stop early
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const [start, end] = hanRunAround(text, m.index, m.index + m[0].length);
    const run = text.slice(start, end);
    yield memo(`${main}\u0000${run}`, () => foreignCharsInRun(run, main)).map((char) => shiftChar(char, start));
    pattern.lastIndex = end;
  }
}

const recentForeignChars: { text: string; main: Script; found: ForeignChar[] }[] = [];

const isHan = isHanCodePoint;

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Widens `[start, end)` to the whole run of Han characters around it. */
function hanRunAround(text: string, start: number, end: number): [number, number] {
  while (start > 0) {
    const previous = start >= 2 && isSurrogatePair(text, start - 2) ? start - 2 : start - 1;
    if (!isHan(text.codePointAt(previous)!)) break;
    start = previous;
  }
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    if (!isHan(codePoint)) break;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return [start, end];
}

function shiftChar(char: ForeignChar, by: number): ForeignChar {
  const shifted: ForeignChar = { start: char.start + by, end: char.end + by, replacement: char.replacement };
  if (char.phrase) shifted.phrase = { start: char.phrase.start + by, end: char.phrase.end + by };
  return shifted;
}

/** The foreign characters of one run of Han characters. */
function foreignCharsInRun(text: string, main: Script): ForeignChar[] {
  const { trie, foreign, ambiguous } = direction(main);
  const chars = [...text];
  // Phrases are keyed in the other script, so match them on the text written wholly in it.
  const converted = convertScript(text, main === 'traditional' ? 'simplified' : 'traditional');
  const convertedChars = [...converted];
  const aligned = convertedChars.length === chars.length;
  const context = aligned ? converted : text;
  const contextChars = aligned ? convertedChars : chars;

  const offsets = [0];
  for (const char of chars) offsets.push(offsets[offsets.length - 1]! + char.length);

  const found: ForeignChar[] = [];
  let first = 0; // code point index of the segment, the same in text and context
  for (const segment of segments(trie, context)) {
    const sources = [...context.slice(segment.start, segment.end)];
    let values = segment.value === undefined ? undefined : [...segment.value];
    let isPhrase = sources.length > 1;
    if (values && values.length !== sources.length) {
      // A phrase that changes length cannot be aligned: judge its characters one by one.
      values = sources.map((char) => convertChar(trie, char));
      isPhrase = false;
    }
    values?.forEach((replacement, i) => {
      const k = first + i;
      const char = chars[k]!;
      // If converting away from the main script changed it, it is a main-script character (緼, 麽 are listed both ways).
      if (!foreign.has(char) || contextChars[k] !== char || replacement === char) return;
      // 台 for 臺, 群 for 羣: regional standards, not a mix of scripts.
      if (isRegionalForm(char, replacement)) return;
      const entry: ForeignChar = { start: offsets[k]!, end: offsets[k + 1]!, replacement };
      if (isPhrase && ambiguous.has(char)) entry.phrase = { start: offsets[first]!, end: offsets[first + sources.length]! };
      found.push(entry);
    });
    first += sources.length;
  }
  return found;
}

function convertChar(trie: Trie, char: string): string {
  const match = trie.matchPrefix(char, 0);
  return match && match.end === char.length ? match.value : char;
}

/**
 * Main script of a text: counts of unambiguous simplified-only vs traditional-only Han characters
 * (an ambiguous one counts where a phrase decides it, as 干 in 干部). Ties go to simplified.
 */
export function detectScript(text: string): { script: Script; simplified: number; traditional: number } {
  const simplified = foreignChars(text, 'traditional').length;
  const traditional = foreignChars(text, 'simplified').length;
  return { script: traditional > simplified ? 'traditional' : 'simplified', simplified, traditional };
}

/**
 * Whether `text` is mainly Traditional: the question several rules ask to leave Taiwan's and
 * Hong Kong's own usage alone. The last answer is kept, so rules asking about the same text in
 * one lint pay for one count.
 */
export function isTraditionalText(text: string): boolean {
  if (lastScript?.text !== text) lastScript = { text, traditional: detectScript(text).script === 'traditional' };
  return lastScript.traditional;
}

let lastScript: { text: string; traditional: boolean } | undefined;

/**
 * The main script of a text that mixes both, or undefined for a text in one script only. Cheaper
 * than detectScript for the usual simplified text: its few traditional characters are counted
 * first, and the simplified ones only until they outnumber them.
 */
export function detectMixedScript(text: string, memo: Memo = computeOnly): Script | undefined {
  const traditional = foreignChars(text, 'simplified', memo).length;
  if (traditional === 0) return undefined;
  // Only whether there are more simplified characters matters: stop counting there.
  const simplified = countForeignChars(text, 'traditional', traditional, memo);
  if (simplified === 0) return undefined;
  return traditional > simplified ? 'traditional' : 'simplified';
}

/**
 * The runs of adjacent characters of the other script in a text whose main script is `main`,
 * each with its phrase-aware conversion. Traditional replacements follow the Taiwan or Hong Kong
 * forms the text already uses (為 rather than OpenCC's 爲).
 */
export function findOtherScript(text: string, main: Script, memo: Memo = computeOnly): ScriptSpan[] {
  const variants = main === 'traditional' ? preferredVariants(text) : new Map<string, string>();
  const spans: ScriptSpan[] = [];
  let phraseRange: { start: number; end: number } | undefined;
  for (const char of foreignChars(text, main, memo)) {
    const replacement = variants.get(char.replacement) ?? char.replacement;
    const last = spans[spans.length - 1];
    if (last && last.end === char.start) {
      last.end = char.end;
      last.text = text.slice(last.start, last.end);
      last.replacement += replacement;
    } else {
      spans.push({ start: char.start, end: char.end, text: text.slice(char.start, char.end), replacement });
      phraseRange = undefined;
    }
    if (char.phrase) {
      phraseRange = phraseRange
        ? { start: Math.min(phraseRange.start, char.phrase.start), end: Math.max(phraseRange.end, char.phrase.end) }
        : char.phrase;
      spans[spans.length - 1]!.phrase = text.slice(phraseRange.start, phraseRange.end);
    }
  }
  return spans;
}

/** OpenCC standard → regional form, for the forms the text uses and whose standard it does not. */
function preferredVariants(text: string): Map<string, string> {
  const preferred = new Map<string, string>();
  for (const [standard, forms] of regionalForms()) {
    if (text.includes(standard)) continue;
    for (const form of forms) if (text.includes(form)) preferred.set(standard, form);
  }
  return preferred;
}
