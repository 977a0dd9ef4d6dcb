// The corpus review is current: every finding SpeechLint makes on ../shared/corpus has its line
// in test/corpus/review.tsv and every line there its finding, so a change in what the rules
// find shows up as a failing test until someone reads the new findings (`npm run corpus`).
// Residue findings are all reviewed real, the listed residue is found, and clean texts stay
// clean. Skipped with a message when the corpus is absent (a user's clone).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORPUS, corpusFiles, countListed, diffReview, keyOf, lintCorpus, readListed, readReview, REVIEW_FILE } from './corpus-review.js';

/** Notices, a summary, announcements and press items without page chrome (MANIFEST). */
const CLEAN_OF_RESIDUE = ['20', '21', '22', '23', '24', '25', '27', '28', '29'];
/** Laws and regulations: their only residue is the hidden `<!-- INFO END -->` comment. */
const LAWS = ['32', '33', '34', '35', '36', '37'];

describe('the reviewed findings on the real corpus', () => {
  if (corpusFiles().length === 0) {
    it(`skipped: no corpus at ${CORPUS} (set SPEECHLINT_CORPUS to its folder)`, { skip: true }, () => {});
    return;
  }
  const run = lintCorpus();
  const review = readReview();

  it(`every finding is in ${REVIEW_FILE} and every reviewed finding is still found`, () => {
    const diff = diffReview(run.findings, review);
    const show = (keys: string[]) => keys.slice(0, 20).join('\n') + (keys.length > 20 ? `\n… ${keys.length - 20} more` : '');
    assert.equal(diff.unreviewed.length, 0, `new findings, not reviewed (npm run corpus -- --update, then judge them):\n${show(diff.unreviewed.map(keyOf))}`);
    assert.equal(diff.vanished.length, 0, `reviewed findings no longer found (npm run corpus -- --update):\n${show(diff.vanished.map(keyOf))}`);
  });

  it('every residue and placeholder finding is reviewed, and none is false', () => {
    const rows = review.filter((r) => r.rule === 'template-residue' || r.rule === 'placeholder');
    assert.ok(rows.length > 0);
    assert.deepEqual(rows.filter((r) => r.verdict !== 'real').map(keyOf), []);
  });

  it('finds at least 90 % of the listed residue, and at least 80 % in each class that has any', () => {
    const classes = countListed(readListed(), run.findings, review);
    const listed = classes.reduce((n, c) => n + c.listed, 0);
    const found = classes.reduce((n, c) => n + c.found, 0);
    assert.ok(listed >= 100, `listed instances: ${listed}`);
    assert.ok(found / listed >= 0.9, `found ${found} of ${listed}`);
    for (const c of classes) if (c.listed > 0) assert.ok(c.found / c.listed >= 0.8, `${c.label}: ${c.found} of ${c.listed}`);
  });

  it('texts without page chrome get no residue finding; laws only their hidden CMS comment', () => {
    const residue = run.findings.filter((f) => f.rule === 'template-residue');
    assert.deepEqual(residue.filter((f) => CLEAN_OF_RESIDUE.includes(f.file)).map(keyOf), []);
    assert.deepEqual(residue.filter((f) => LAWS.includes(f.file) && f.messageId !== 'markup').map(keyOf), []);
    assert.deepEqual(LAWS.map((file) => residue.filter((f) => f.file === file).length), LAWS.map(() => 1));
  });
});
