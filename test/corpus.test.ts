// Fix safety on real documents: over every file of the development corpus (../shared/corpus,
// or SPEECHLINT_CORPUS), `--fix` (safe and residue fixes) is not refused by the damage net and
// removes no sentence of prose — every sentence ending in 。！？ keeps its Han text, in order.
// The corpus is not part of the project: without it the test is skipped with a message.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fix } from '../rules/index.js';
import { lostProse } from './prose-loss.js';

const CORPUS = resolve(process.env.SPEECHLINT_CORPUS ?? join('..', 'shared', 'corpus'));
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f)).sort() : [];

describe('fixing the real corpus', () => {
  if (files.length === 0) {
    it(`skipped: no corpus at ${CORPUS} (set SPEECHLINT_CORPUS to its folder)`, { skip: true }, () => {});
    return;
  }
  for (const name of files) {
    it(`${name}: --fix removes no sentence of prose`, () => {
      const text = readFileSync(join(CORPUS, name), 'utf8');
      const language = name.endsWith('.md') ? 'markdown' : 'plaintext';
      const result = fix(text, { language });
      assert.equal(result.refused, undefined, result.refused?.message);
      // Every sentence ending in 。！？ keeps its Han text: residue that --fix deletes is whole
      // lines of chrome; chrome inside a sentence is only a suggestion.
      assert.deepEqual(lostProse(text, result.output, []), [], 'sentences whose Han text is gone after fixing');
    });
  }
});
