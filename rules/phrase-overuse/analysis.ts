/**
 * The text analysis behind phrase-overuse, shared by the rule and by the derivation of its
 * defaults from the seeds: spoken sentences with their words, occurrences of watched phrases,
 * and the word each sentence opens with.
 */
import type { SourceDocument } from '../engine/document.js';
import { computeOnly } from '../engine/lint.js';
import type { Memo, OffsetRange } from '../engine/types.js';
import { CodeSet } from '../text/char-classes.js';
import { isChineseContext } from '../text/chinese.js';
import { foldToSimplified } from '../text/fold.js';
import { segmentWords } from '../text/segmenter.js';
import { findViewerChunks } from '../text/viewer-chunks.js';
import phraseList from './phrases.txt';
import stopWordList from './stop-words.txt';
import { firstIndex } from '../engine/sorted.js';

/** Phrases the density check counts (simplified forms). */
export const WATCHED_PHRASES: readonly string[] = dataLines(phraseList);
/** Function words an opening looks past. */
export const STOP_WORDS: ReadonlySet<string> = new Set(dataLines(stopWordList));

/** A word or phrase as `[start, end)` into its sentence's `folded` text. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * A spoken sentence. Its words are segmented on first use: the checks below look at words only
 * where cheaper tests leave a chance of a finding, so most sentences are never segmented.
 */
export class Sentence implements OffsetRange {
  #words: Span[] | undefined;

  constructor(
    readonly start: number,
    readonly end: number,
    /** The sentence as written, skipped spans left out. */
    readonly written: string,
    /** `written` folded to simplified: what is segmented and compared. */
    readonly folded: string,
    /** The prose offset of each code unit of `folded`; undefined when nothing was skipped (offset = start + index). */
    private readonly offsets: number[] | undefined,
    private readonly segment: (folded: string) => Span[],
  ) {}

  /** The prose offset of code unit `index` of `folded`. */
  proseOffset(index: number): number {
    return this.offsets ? this.offsets[index]! : this.start + index;
  }

  get words(): Span[] {
    this.#words ??= this.segment(this.folded);
    return this.#words;
  }

  /** Whether the words have been segmented (for tests of the laziness). */
  get isSegmented(): boolean {
    return this.#words !== undefined;
  }
}

/** An occurrence of a watched phrase as a prose range. */
export interface Occurrence extends OffsetRange {
  /** Simplified form. */
  phrase: string;
  written: string;
}

/** The content word a sentence opens with, after enumerators and function words. */
export interface Opening {
  sentence: Sentence;
  /** Index into `sentence.words` of the opening word. */
  word: number;
  /** Index of the first word after the enumerators (the opening word or a function word before it). */
  lead: number;
}

/** Maps `[start, end)` of a sentence's folded text back to the prose. */
export function toProse(sentence: Sentence, start: number, end: number): OffsetRange {
  return { start: sentence.proseOffset(start), end: sentence.proseOffset(end - 1) + 1 };
}

/** Full-width marks end a sentence wherever they stand. */
const FULL_WIDTH_END = '。！？；：…';
/** Half-width marks end one only after Chinese text: drafts type "伊始, 我们". ". " too (seed 001). */
const HALF_WIDTH_END = '!?;:.';
const CLOSERS = '”’」』）)》】';
const SENTENCE_END_FULL = new CodeSet(FULL_WIDTH_END);
const SENTENCE_END_HALF = new CodeSet(HALF_WIDTH_END);
const SENTENCE_CLOSERS = new CodeSet(CLOSERS);

/** Pinyin a converter put after a character, "標(biāo)題": not spoken, and it splits the word. */
const PINYIN = /(?<=\p{Script=Han})[(（][a-zü\u00e0-\u01dc\u0300-\u036f]{1,7}[)）]/gu;

/** Splits the prose into spoken sentences and segments each one (never the whole text at once). */
export function analyzeSentences(document: SourceDocument, memo: Memo = computeOnly): Sentence[] {
  const { prose } = document;
  const skipped = findSkipped(document);
  const segment = (folded: string) => memo(`words\u0000${folded}`, () => segmentSpans(folded));
  const sentences: Sentence[] = [];
  let start = 0;
  let nextSkipped = skipped.indexOf(1);
  const close = (end: number) => {
    while (nextSkipped !== -1 && nextSkipped < start) nextSkipped = skipped.indexOf(1, nextSkipped + 1);
    const sentence = segmentSentence(prose, start, end, nextSkipped !== -1 && nextSkipped < end ? skipped : undefined, segment);
    if (sentence) sentences.push(sentence);
    start = end;
  };
  for (let i = 0; i < prose.length; i++) {
    if (skipped[i]) continue;
    // By code unit (no one-character string per character).
    const c = prose.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) close(i + 1);
    else if (SENTENCE_END_FULL.has(c) || (SENTENCE_END_HALF.has(c) && endsChineseSentence(prose, i))) {
      let end = i + 1;
      while (end < prose.length && SENTENCE_CLOSERS.at(prose, end)) end++;
      i = end - 1;
      close(end);
    }
  }
  close(prose.length);
  return sentences;
}

function endsChineseSentence(text: string, i: number): boolean {
  if (!isChineseContext(text[i - 1])) return false;
  // "第1.2节", "v2.0" and the like: a digit or letter right after is not a sentence break.
  return !/[0-9A-Za-z]/.test(text[i + 1] ?? '');
}

/**
 * What the speaker does not say, left out before segmenting so that the words around it join
 * up: pinyin residue, and a document viewer's chunk numbers with, where a chunk cuts a sentence
 * ("逐\n9、步"), the line break before them.
 */
function findSkipped(document: SourceDocument): Uint8Array {
  const { prose, lines } = document;
  const skipped = new Uint8Array(prose.length);
  for (const m of prose.matchAll(PINYIN)) skipped.fill(1, m.index, m.index + m[0].length);
  for (const chunk of findViewerChunks(prose, lines)) {
    skipped.fill(1, chunk.splitsSentence ? lines.lineEndAt(chunk.line - 1) : chunk.start, chunk.end);
  }
  return skipped;
}

function segmentSpans(folded: string): Span[] {
  return segmentWords(folded).map((w) => ({ text: w.word, start: w.start, end: w.end }));
}

/** A sentence of the prose, leaving out `skipped` (absent: nothing in it is skipped). */
function segmentSentence(prose: string, start: number, end: number, skipped: Uint8Array | undefined, segment: (folded: string) => Span[]): Sentence | undefined {
  let text: string;
  let offsets: number[] | undefined;
  if (!skipped) {
    text = prose.slice(start, end);
  } else {
    text = '';
    offsets = [];
    for (let i = start; i < end; i++) {
      if (skipped[i]) continue;
      text += prose[i];
      offsets.push(i);
    }
  }
  if (!HAN.test(text)) return undefined;
  return new Sentence(start, end, text, foldToSimplified(text), offsets, segment);
}

const HAN = /\p{Script=Han}/u;

/** Builds a matcher for watched phrases (simplified forms), longest first. */
export function phraseMatcher(phrases: Iterable<string>): RegExp | undefined {
  const list = [...new Set(phrases)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  return new RegExp(list.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
}

/** Where a density check reports: `minCount` occurrences of one phrase within `window` characters. */
export interface BurstOptions {
  window: number;
  minCount: number;
}

/**
 * Occurrences of watched phrases. A match must not cut through a word: it is a whole run of
 * words, or the head or tail of one word ("切实加强" holds 切实 and 加强; "安全面临" holds no 全面).
 * With `burst`, only matches that could belong to a burst are checked against the words (and
 * returned): a burst of occurrences is a burst of plain matches too, and plain matches are cheap.
 */
export function findOccurrences(sentences: readonly Sentence[], matcher: RegExp | undefined, burst?: BurstOptions): Occurrence[] {
  if (!matcher) return [];
  let matches: Match[] = [];
  for (const sentence of sentences) {
    matcher.lastIndex = 0;
    for (let m = matcher.exec(sentence.folded); m; m = matcher.exec(sentence.folded)) {
      const start = m.index;
      const end = start + m[0].length;
      matches.push({ sentence, at: start, phrase: m[0], written: sentence.written.slice(start, end), ...toProse(sentence, start, end) });
    }
  }
  if (burst) {
    const inBurst = new Set<Match>();
    for (const group of byPhrase(matches).values()) {
      for (const { from, to } of findBursts(group, burst.window, burst.minCount)) group.slice(from, to + 1).forEach((m) => inBurst.add(m));
    }
    matches = matches.filter((m) => inBurst.has(m));
  }
  return matches.filter(isWholeWords).map(({ phrase, written, start, end }) => ({ phrase, written, start, end }));
}

/** The word holding code unit `offset` (words are sorted and do not overlap): a binary search. */
function wordAt(words: readonly Span[], offset: number): Span | undefined {
  const word = words[firstIndex(words, (w) => w.end > offset)];
  return word && word.start <= offset ? word : undefined;
}

interface Match extends Occurrence {
  sentence: Sentence;
  /** Offset of the match in the sentence's folded text. */
  at: number;
}

function isWholeWords({ sentence, at, phrase }: Match): boolean {
  const end = at + phrase.length;
  const { words } = sentence;
  const first = wordAt(words, at);
  const last = wordAt(words, end - 1);
  if (!first || !last) return false;
  const whole = first.start === at && last.end === end;
  const headOrTail = first === last && (first.start === at || last.end === end);
  return whole || headOrTail;
}

/** Groups occurrences by phrase, each group in text order. */
export function byPhrase<T extends Occurrence>(occurrences: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const o of occurrences) {
    const list = groups.get(o.phrase);
    if (list) list.push(o);
    else groups.set(o.phrase, [o]);
  }
  return groups;
}

/** The most occurrences of one phrase inside any `window` characters. */
export function maxInWindow(occurrences: readonly Occurrence[], window: number): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < occurrences.length; to++) {
    while (occurrences[to]!.end - occurrences[from]!.start > window) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

/**
 * Bursts: windows of `window` characters holding at least `minCount` occurrences, merged
 * when they share occurrences so that one burst is reported once. Returns index ranges.
 */
export function findBursts(occurrences: readonly OffsetRange[], window: number, minCount: number): { from: number; to: number }[] {
  const bursts: { from: number; to: number }[] = [];
  let from = 0;
  for (let to = 0; to < occurrences.length; to++) {
    while (occurrences[to]!.end - occurrences[from]!.start > window) from++;
    if (to - from + 1 < minCount) continue;
    const last = bursts[bursts.length - 1];
    if (last && last.to >= from) last.to = to;
    else bursts.push({ from, to });
  }
  return bursts;
}

/**
 * Enumerators open parallel items; they are not what gets repeated: （一）, 一、, 1、, 第一，,
 * 一是, 二要, 首先，… Stripped repeatedly ("（一）一是…"), with markdown markers before them.
 */
const ENUMERATOR = /^[\s#>*+\-]*(?:[（(〔【][一二三四五六七八九十\d]{1,3}[）)〕】]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}[、.．)）](?!\d)|第[一二三四五六七八九十]{1,3}[，,、：:]|[一二三四五六七八九十]{1,3}[是要]|首先|其次|再次|最后|一方面|另一方面)?[\s，,、：:]*/u;
/** Where a sentence's text starts after its enumerators. */
function enumeratorEnd(folded: string): number {
  let from = 0;
  for (let m = ENUMERATOR.exec(folded.slice(from)); m && m[0]; m = ENUMERATOR.exec(folded.slice(from))) from += m[0].length;
  return from;
}

/** How many function or one-character words an opening may start with ("我们要…", "在…"). */
const MAX_LEADING_WORDS = 3;

/** How a sentence's opening word is chosen. */
export interface OpeningOptions {
  /** Words looked past: function words. */
  stopWords: ReadonlySet<string>;
  /** Shorter words are looked past too (2: "要加强" opens with 加强; 1: with 要). */
  minLength: number;
}

/** Openings as the rule compares them: the first content word ("我们要坚持…" → 坚持). */
export const CONTENT_OPENING: OpeningOptions = { stopWords: STOP_WORDS, minLength: 2 };
/** Openings as written: the first word, function word or not ("要坚持…" → 要). */
export const LITERAL_OPENING: OpeningOptions = { stopWords: new Set(), minLength: 1 };

/** The word a sentence opens with, after enumerators and (per `options`) function words. */
export function findOpening(sentence: Sentence, options: OpeningOptions): Opening | undefined {
  const from = enumeratorEnd(sentence.folded);
  const { words } = sentence;
  const first = words.findIndex((w) => w.start >= from);
  if (first < 0) return undefined;
  for (let i = first; i < words.length && i <= first + MAX_LEADING_WORDS; i++) {
    const word = words[i]!.text;
    if (!/^\p{Script=Han}+$/u.test(word)) return undefined;
    if (word.length >= options.minLength && !options.stopWords.has(word)) return { sentence, word: i, lead: first };
  }
  return undefined;
}

/**
 * Runs of consecutive sentences opening with the same word. With `minRun` (and openings of two
 * characters or more), only runs at least that long are sure to be complete: sentences that
 * cannot be in one are not segmented and count as having no opening.
 */
export function findOpeningRuns(sentences: readonly Sentence[], options: OpeningOptions, minRun = 1): Opening[][] {
  const candidates = minRun > 1 && options.minLength >= 2 ? runCandidates(sentences, minRun) : undefined;
  const runs: Opening[][] = [];
  let run: Opening[] = [];
  for (const [index, sentence] of sentences.entries()) {
    const opening = !candidates || candidates[index] ? findOpening(sentence, options) : undefined;
    if (opening && run[0] && openingWord(run[0]) === openingWord(opening)) {
      run.push(opening);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = opening ? [opening] : [];
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Up to MAX_LEADING_WORDS function words or one-character words can come before an opening. */
const LEADING_REACH = MAX_LEADING_WORDS * Math.max(1, ...[...STOP_WORDS].map((w) => w.length));
/**
 * An enumerator that ends in a character rather than a separator ("一是加强") may end inside a
 * word; the opening then starts after that word, which is rarely longer than this.
 */
const CUT_WORD_REACH = 8;

/** The offsets where a sentence's opening word can start, without segmenting it. */
function openingReach(folded: string): { from: number; to: number } {
  const from = enumeratorEnd(folded);
  const cut = from > 0 && !/[\s，,、：:]/u.test(folded[from - 1]!) ? CUT_WORD_REACH : 0;
  return { from, to: Math.min(folded.length - 2, from + cut + LEADING_REACH) };
}

/**
 * Marks the sentences that may belong to a run of `minRun` sentences with the same opening word
 * (two characters or more), without segmenting: such a run shares the word's first two
 * characters near the start of every sentence.
 */
function runCandidates(sentences: readonly Sentence[], minRun: number): Uint8Array {
  const marked = new Uint8Array(sentences.length);
  const runs = new Map<string, { first: number; last: number }>();
  sentences.forEach((sentence, index) => {
    const { folded } = sentence;
    const { from, to } = openingReach(folded);
    for (let i = from; i <= to; i++) {
      const pair = folded.slice(i, i + 2);
      const run = runs.get(pair);
      if (run?.last === index) continue;
      if (run && run.last === index - 1) run.last = index;
      else runs.set(pair, { first: index, last: index });
      const { first } = runs.get(pair)!;
      if (index - first + 1 >= minRun) marked.fill(1, Math.max(first, index - minRun + 1), index + 1);
    }
  });
  return marked;
}

export function openingWord({ sentence, word }: Opening): string {
  return sentence.words[word]!.text;
}

/**
 * What a run's sentences have in common from the opening word on ("进一步加强"), with the
 * function words before it when they are the same too ("要加强"); cut to whole words of the
 * first sentence. Returns the phrase's range in each sentence's folded text.
 */
export function commonOpening(run: readonly Opening[]): { start: number; end: number }[] {
  const at = (o: Opening, index: number) => o.sentence.words[index]!.start;
  const leadText = (o: Opening) => o.sentence.folded.slice(at(o, o.lead), at(o, o.word));
  const sameLead = run.every((o) => leadText(o) === leadText(run[0]!));
  const starts = run.map((o) => (sameLead ? at(o, o.lead) : at(o, o.word)));
  const rests = run.map((o, i) => o.sentence.folded.slice(starts[i]));
  let shared = rests[0]!.length;
  for (const rest of rests.slice(1)) {
    let k = 0;
    while (k < shared && rest[k] === rests[0]![k]) k++;
    shared = k;
  }
  const { sentence, word } = run[0]!;
  let end = sentence.words[word]!.end;
  for (const w of sentence.words.slice(word + 1)) {
    if (w.end - starts[0]! > shared || !/^\p{Script=Han}+$/u.test(w.text)) break;
    end = w.end;
  }
  return starts.map((start) => ({ start, end: start + end - starts[0]! }));
}

/** Reads a data file: one entry a line; lines starting with `#` are comments. */
function dataLines(data: string): string[] {
  return data.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}
