import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import dictionaryFile from './jieba/dict.utf8';
import idfFile from './jieba/idf.utf8';

/**
 * Word segmentation (nodejieba). The native module and its dictionary load lazily on first use,
 * so rules that do not need words never pay for it. The dictionary is our cut-down copy of
 * jieba's (jieba/trim.ts: 0.16 s and 44 MB instead of 1.4 s and 255 MB), copied next to the
 * bundle; the HMM model for unknown words is nodejieba's own. The keyword-extraction tables
 * (idf, stop words) must be given but are never used: a one-line idf file stands in for 6 MB.
 * nodejieba stays external to the bundles: it finds its binary in its own folder.
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
    const ownDictionaries = join(dirname(require.resolve('nodejieba')), 'submodules', 'cppjieba', 'dict');
    loaded.load({
      dict: join(__dirname, dictionaryFile),
      hmmDict: join(ownDictionaries, 'hmm_model.utf8'),
      userDict: join(ownDictionaries, 'user.dict.utf8'),
      idfDict: join(__dirname, idfFile),
      stopWordDict: join(ownDictionaries, 'stop_words.utf8'),
    });
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
