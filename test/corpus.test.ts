// Fix safety on real documents: over every file of the development corpus (../shared/corpus,
// or SPEECHLINT_CORPUS), `--fix` (safe and residue fixes) is not refused by the damage net and
// removes no sentence of prose — every sentence ending in 。！？ keeps its Han text, in order.
// The corpus is not part of the project: without it the test is skipped with a message.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fix, lint, type Finding } from '../rules/index.js';
import { lostProse } from './prose-loss.js';

const CORPUS = resolve(process.env.SPEECHLINT_CORPUS ?? join('..', 'shared', 'corpus'));
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md').sort() : [];

/** `text` with the evidence of residue findings cut out (the evidence is what may go). */
function withoutEvidence(text: string, findings: readonly Finding[]): string {
  const spans = findings.flatMap((f) => f.evidence ?? []).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) out += text.slice(cursor, span.start);
    cursor = Math.max(cursor, span.end);
  }
  return out + text.slice(cursor);
}

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
      // Residue deletions remove their evidence (a banner line, the label "段落：" before an
      // item); every sentence of what is left must survive whole.
      const residue = lint(text, { language }).filter((f) => f.fixLevel === 'residue');
      assert.deepEqual(lostProse(withoutEvidence(text, residue), result.output, []), [], 'sentences whose Han text is gone after fixing');
    });
  }
});
