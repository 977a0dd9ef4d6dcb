// `npm run corpus [-- <folder>] [-- --update]`: lints the development corpus and prints, per
// rule, the findings, how many the review judged real and false, and findings per 10,000
// characters; per residue class, the listed instances found. --update rewrites
// test/corpus/review.tsv to the current findings (verdicts kept, new findings "unreviewed").
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CORPUS, countByRule, countListed, diffReview, formatReview, lintCorpus, readListed, readReview, REVIEW_FILE, reviewPreamble, updatedReview } from '../test/corpus-review.js';

const args = process.argv.slice(2);
const update = args.includes('--update');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? CORPUS);

const run = lintCorpus(dir);
if (run.files === 0) {
  console.error(`speechlint corpus: no corpus texts (*.txt|md) in ${dir}; pass its folder or set SPEECHLINT_CORPUS`);
  process.exit(2);
}
let review = readReview();
if (update) {
  review = updatedReview(run.findings, review);
  writeFileSync(REVIEW_FILE, formatReview(review, reviewPreamble()));
}
const per10k = (n: number) => ((n * 10000) / run.chars).toFixed(2);
console.log(`Corpus: ${dir}, ${run.files} texts, ${run.chars.toLocaleString('en')} characters, ${run.findings.length} findings\n`);
console.log('| rule | findings | real | false | unreviewed | per 10k chars | false per 10k |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const c of countByRule(run.findings, review)) console.log(`| ${c.rule} | ${c.findings} | ${c.real} | ${c.false} | ${c.unreviewed} | ${per10k(c.findings)} | ${per10k(c.false)} |`);
console.log('\n| residue class | listed | found | share | false findings |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const classes = countListed(readListed(), run.findings, review);
for (const c of classes) console.log(`| ${c.label} | ${c.listed} | ${c.found} | ${c.listed ? ((100 * c.found) / c.listed).toFixed(0) + ' %' : '—'} | ${c.falseFindings} |`);
const listed = classes.reduce((n, c) => n + c.listed, 0);
const found = classes.reduce((n, c) => n + c.found, 0);
console.log(`| all | ${listed} | ${found} | ${listed ? ((100 * found) / listed).toFixed(0) + ' %' : '—'} | ${classes.reduce((n, c) => n + c.falseFindings, 0)} |`);
const missed = classes.flatMap((c) => c.missed);
if (missed.length > 0) console.log(`\nListed and not found:\n${missed.map((m) => `- ${m.file} line ${m.from}${m.to !== m.from ? `–${m.to}` : ''} (${m.kind}): ${m.what}`).join('\n')}`);
const diff = diffReview(run.findings, review);
if (diff.unreviewed.length + diff.vanished.length > 0) {
  console.log(`\nThe review is out of date: ${diff.unreviewed.length} findings not in ${REVIEW_FILE}, ${diff.vanished.length} reviewed findings gone. Run \`npm run corpus -- --update\`, then judge the "unreviewed" lines.`);
}
