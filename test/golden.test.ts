// Whole-corpus golden test: `speechlint --format json seeds/` must equal test/golden/seeds.json,
// which was reviewed finding by finding (see test/golden/REVIEW.md). After an intended change,
// regenerate with `npm run golden:update` and review the diff line by line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../server/cli/run.js';

const ROOT = process.cwd();

describe('golden: the seed corpus', () => {
  it('lints seeds/ exactly as reviewed', async () => {
    let stdout = '';
    const code = await run({ argv: ['--format', 'json', 'seeds/'], cwd: ROOT, env: {}, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
    assert.equal(code, 1);
    const actual = (JSON.parse(stdout) as { filePath: string }[]).map((r) => ({ ...r, filePath: relative(ROOT, r.filePath) }));
    const expected = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'seeds.json'), 'utf8'));
    assert.equal(actual.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      assert.deepEqual(actual[i], expected[i], `golden output differs for ${expected[i].filePath}; run npm run golden:update and review the diff`);
    }
  });
});
