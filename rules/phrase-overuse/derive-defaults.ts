/**
 * Derives phrase-overuse's thresholds from a corpus (the seeds): each default is the first
 * value beyond what the corpus does. test/phrase-overuse.test.ts recomputes them from seeds/
 * and checks that the rule ships them; the figures are in the rule's README.
 */
import { SourceDocument } from '../engine/document.js';
import {
  analyzeSentences,
  byPhrase,
  CONTENT_OPENING,
  findOccurrences,
  findOpeningRuns,
  LITERAL_OPENING,
  maxInWindow,
  openingWord,
  phraseMatcher,
  WATCHED_PHRASES,
  type Opening,
} from './analysis.js';

/**
 * The window is chosen, not measured: about one paragraph of the seeds (the median paragraph
 * of seeds 000, 002 and 004 is 186, 319 and 213 characters) and a little over a minute of speech.
 */
export const WINDOW = 300;

/** The word: runs of 3–5 sentences opening alike are deliberate parallelism. */
export const NORMAL_PARALLEL_RUN = 5;

/** A measured maximum and where it occurs. */
export interface Peak {
  value: number;
  /** The phrase or opening word. */
  word: string;
  /** Index of the text in the corpus. */
  text: number;
}

export interface SeedFigures {
  /** Most occurrences of one watched phrase within WINDOW characters. */
  density: Peak;
  /** Frequency of those per-text, per-phrase maxima: count → how many (text, phrase) pairs. */
  densityHistogram: Record<number, number>;
  /** Longest run of sentences opening with the same content word (what the rule checks). */
  contentRun: Peak;
  /** Longest run of sentences opening with the same word as written ("要…要…要…"). */
  literalRun: Peak;
  /** Frequency of literal run lengths: length → how many runs. */
  literalRunHistogram: Record<number, number>;
}

export interface DerivedDefaults {
  window: number;
  minCount: number;
  minRun: number;
}

export function measureCorpus(texts: readonly string[], window = WINDOW): SeedFigures {
  const matcher = phraseMatcher(WATCHED_PHRASES);
  const figures: SeedFigures = {
    density: { value: 0, word: '', text: -1 },
    densityHistogram: {},
    contentRun: { value: 0, word: '', text: -1 },
    literalRun: { value: 0, word: '', text: -1 },
    literalRunHistogram: {},
  };
  texts.forEach((text, index) => {
    // The prose the rule reads (a BOM masked), so the figures match its findings.
    const sentences = analyzeSentences(new SourceDocument(text));
    for (const [phrase, occurrences] of byPhrase(findOccurrences(sentences, matcher))) {
      const value = maxInWindow(occurrences, window);
      figures.densityHistogram[value] = (figures.densityHistogram[value] ?? 0) + 1;
      if (value > figures.density.value) figures.density = { value, word: phrase, text: index };
    }
    figures.contentRun = longer(figures.contentRun, longestRun(findOpeningRuns(sentences, CONTENT_OPENING), index));
    const literalRuns = findOpeningRuns(sentences, LITERAL_OPENING);
    figures.literalRun = longer(figures.literalRun, longestRun(literalRuns, index));
    for (const run of literalRuns) figures.literalRunHistogram[run.length] = (figures.literalRunHistogram[run.length] ?? 0) + 1;
  });
  return figures;
}

/**
 * minCount: one more than the corpus's densest phrase. minRun: one more than the longest run
 * of sentences opening alike, in the rule's sense or as written, and than the normal
 * parallelism — whichever is longest.
 */
export function deriveDefaults(texts: readonly string[]): DerivedDefaults {
  const figures = measureCorpus(texts, WINDOW);
  return {
    window: WINDOW,
    minCount: figures.density.value + 1,
    minRun: Math.max(figures.contentRun.value, figures.literalRun.value, NORMAL_PARALLEL_RUN) + 1,
  };
}

function longestRun(runs: readonly Opening[][], text: number): Peak {
  let peak: Peak = { value: 0, word: '', text };
  for (const run of runs) {
    if (run.length > peak.value) peak = { value: run.length, word: openingWord(run[0]!), text };
  }
  return peak;
}

function longer(a: Peak, b: Peak): Peak {
  return b.value > a.value ? b : a;
}
