// Regenerates test/golden/seeds.json from the built CLI (run `npm run build` first), one
// message per line so that a diff reads finding by finding.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

let stdout;
try {
  stdout = execFileSync(process.execPath, ['dist/cli.js', '--format', 'json', 'seeds/'], { encoding: 'utf8', maxBuffer: 1 << 28 });
} catch (error) {
  stdout = error.stdout; // exit code 1: the seeds have errors, as they should
}
const results = JSON.parse(stdout).map((r) => ({ ...r, filePath: relative(process.cwd(), r.filePath) }));
const lines = ['['];
results.forEach((result, i) => {
  const { messages, ...rest } = result;
  lines.push(JSON.stringify(rest).replace(/\}$/, ',"messages":['));
  messages.forEach((m, j) => lines.push('  ' + JSON.stringify(m) + (j < messages.length - 1 ? ',' : '')));
  lines.push(']}' + (i < results.length - 1 ? ',' : ''));
});
lines.push(']');
writeFileSync('test/golden/seeds.json', lines.join('\n') + '\n');
console.log(`wrote test/golden/seeds.json: ${results.reduce((n, r) => n + r.messages.length, 0)} findings`);
