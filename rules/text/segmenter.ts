import { createRequire } from 'node:module';

/**
 * Word segmentation (nodejieba). The native module and its dictionaries load lazily on first
 * use (about 1–2 s), so rules that do not need words never pay for it. nodejieba stays
 * external to the bundles: it finds its binary and dictionaries in its own folder.
 */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

interface Jieba {
  load(options?: Record<string, string>): void;
  cut(sentence: string, strict?: boolean): string[];
}

let jieba: Jieba | undefined;

function loadJieba(): Jieba {
  if (!jieba) {
    // A runtime require keeps the native addon out of esbuild's graph.
    const require = createRequire(__filename);
    const loaded = require('nodejieba') as Jieba;
    loaded.load();
    jieba = loaded;
  }
  return jieba;
}

/** Whether the dictionaries are loaded already (so segmentation is cheap now). */
export function isSegmenterLoaded(): boolean {
  return jieba !== undefined;
}

/** Loads the segmenter now; returns the time taken in milliseconds. */
export function loadSegmenter(): number {
  const started = performance.now();
  loadJieba();
  return performance.now() - started;
}

/** Splits `text` into words with their UTF-16 offsets. */
export function segmentWords(text: string): WordSpan[] {
  const words = loadJieba().cut(text, true);
  const spans: WordSpan[] = [];
  let cursor = 0;
  for (const word of words) {
    const start = text.indexOf(word, cursor);
    if (start < 0) continue; // jieba normalises nothing, but stay safe against surprises
    spans.push({ word, start, end: start + word.length });
    cursor = start + word.length;
  }
  return spans;
}
