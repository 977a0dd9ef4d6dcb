// The segmenter's cut-down dictionary as derived from the installed nodejieba: written by
// `npm run generate`, compared with the committed rules/text/jieba/dict.utf8 by test/meta.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { STOP_WORDS, WATCHED_PHRASES } from '../rules/phrase-overuse/analysis.js';
import { trimDictionary } from '../rules/text/jieba/trim.js';

export const DICTIONARY_PATH = 'rules/text/jieba/dict.utf8';

export function derivedDictionary(): string {
  const require = createRequire(__filename);
  const full = readFileSync(join(dirname(require.resolve('nodejieba')), 'submodules/cppjieba/dict/jieba.dict.utf8'), 'utf8');
  return trimDictionary(full, new Set([...WATCHED_PHRASES, ...STOP_WORDS]));
}
