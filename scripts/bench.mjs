// `npm run bench`: builds dist/ and the helpers in scripts/bench/, generates fixed corpora from
// seeds/ in a temp dir, measures the CLI, the engine per rule, the language server over stdio
// and the segmenter alone, and prints one table (figures, targets, ✓/✗). Progress goes to stderr.
// Options: --skip-25mb (leave out the slow 25 MB CLI run), --cli25-timeout <s> (default 600),
// --skip-linearity (leave out the time growth n → 8n per rule on adversarial input, ≈ 30 s).
// Measures only: it changes nothing in the project.
import { build } from 'esbuild';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { openccDictionaryFiles } from './esbuild-plugins.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);
const args = process.argv.slice(2);
const skip25 = args.includes('--skip-25mb');
const skipLinearity = args.includes('--skip-linearity');
const timeoutArg = args.includes('--cli25-timeout') ? Number(args[args.indexOf('--cli25-timeout') + 1]) : NaN;
const cli25Timeout = timeoutArg > 0 ? timeoutArg : 600;

const MB = 1e6;
/** KB (KiB, as /proc and time report) → MB (10^6 bytes), the unit of the targets. */
const mb = (kb) => (kb * 1024) / MB;
const benchStarted = performance.now();
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadAtStart = loadavg();
const log = (message) => process.stderr.write(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

// ---- statistics ------------------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const range = (xs, digits = 0, unit = '') => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}${unit}`;

// ---- build -----------------------------------------------------------------------------

log('building dist/ (node scripts/build.mjs)');
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 2, 2] });

/** Bundles a helper right before it runs (another `build --tests` may have emptied out/). */
async function buildHelper(name) {
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['nodejieba', 'vscode'],
    sourcemap: false,
    logLevel: 'warning',
    loader: { '.txt': 'text', '.utf8': 'file' },
    assetNames: '[name]',
    plugins: [openccDictionaryFiles],
    entryPoints: { [name]: `scripts/bench/${name}.ts` },
    outdir: 'out/bench',
  });
  mkdirSync('out', { recursive: true });
  writeFileSync('out/package.json', '{ "type": "commonjs" }\n');
  return join(root, 'out', 'bench', `${name}.js`);
}

// ---- machine ---------------------------------------------------------------------------

const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
const machine = `${cpuModel}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}-${process.arch}`;

let revision = 'not a git checkout';
try {
  const head = execFileSync('git', ['log', '-1', '--format=%h %ci'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
  revision = `${head}${dirty ? ` + uncommitted changes in ${dirty} tracked files` : ''}`;
} catch {}

// ---- corpus ----------------------------------------------------------------------------

const seedDir = join(root, 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(seedDir, f));
const seedTexts = seeds.map((p) => readFileSync(p, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'speechlint-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/**
 * The 2.5 MB corpus: files made of whole rounds of the five seeds (each round starting at the
 * next seed, joined by blank lines), 2, 4 or 8 rounds per file in turn (≈123, 247, 493 KB),
 * until the total reaches 2.5 MB. The 25 MB corpus is the same set of files ten times, in ten
 * folders, so the two runs do exactly proportional work.
 */
function corpusFiles() {
  const files = [];
  let total = 0;
  for (let k = 0; total < 2.5 * MB; k++) {
    const rounds = [2, 4, 8][k % 3];
    const parts = [];
    for (let r = 0; r < rounds; r++) for (let s = 0; s < seedTexts.length; s++) parts.push(seedTexts[(s + k + r) % seedTexts.length].replace(/\s+$/, ''));
    const text = `${parts.join('\n\n')}\n`;
    files.push({ name: `draft-${String(k).padStart(3, '0')}.txt`, text });
    total += Buffer.byteLength(text);
  }
  return files;
}
const files = corpusFiles();
const smallDir = join(work, 'corpus-2.5mb');
const bigDir = join(work, 'corpus-25mb');
mkdirSync(smallDir);
for (const f of files) writeFileSync(join(smallDir, f.name), f.text);
const smallBytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const smallChars = files.reduce((n, f) => n + f.text.length, 0);
if (!skip25) {
  for (let copy = 0; copy < 10; copy++) {
    const dir = join(bigDir, `copy-${copy}`);
    mkdirSync(dir, { recursive: true });
    for (const f of files) writeFileSync(join(dir, f.name), f.text);
  }
}
const fileSizes = [...new Set(files.map((f) => Math.round(Buffer.byteLength(f.text) / 1000)))].sort((a, b) => a - b);
log(`corpus: ${files.length} files (${fileSizes.join('/')} KB), ${(smallBytes / MB).toFixed(2)} MB, ${smallChars} chars; 25 MB = 10 copies`);

// ---- child processes: wall time and peak RSS --------------------------------------------

const hasTime = spawnSync('sh', ['-c', 'command -v /usr/bin/time'], { encoding: 'utf8' }).status === 0;
const preload = join(work, 'vmhwm-preload.cjs');
writeFileSync(
  preload,
  `process.on('exit', () => { try { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); const c = process.cpuUsage(); require('fs').writeFileSync(process.env.BENCH_HWM_FILE, /VmHWM:\\s+(\\d+)/.exec(s)[1] + ' ' + c.user / 1e6 + ' ' + c.system / 1e6); } catch {} });\n`,
);
const rssMethod = hasTime ? 'maximum resident set size from GNU /usr/bin/time (%M)' : 'VmHWM from /proc/self/status at exit (preload)';

/** Runs `node <args>` (stdout to a file), returns wall ms, peak RSS in KB, exit code. */
function runNode(nodeArgs, { timeoutS = 0, stdoutFile = join(work, 'stdout.txt') } = {}) {
  return new Promise((resolvePromise, reject) => {
    const rssFile = join(work, `rss-${process.hrtime.bigint()}.txt`);
    const out = openSync(stdoutFile, 'w');
    const [cmd, cmdArgs] = hasTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs]] : [process.execPath, ['-r', preload, ...nodeArgs]];
    const errChunks = [];
    const started = performance.now();
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', out, 'pipe'], env: { ...process.env, NO_COLOR: '1', BENCH_HWM_FILE: rssFile } });
    child.stderr.on('data', (d) => errChunks.push(d));
    let timedOut = false;
    const timer = timeoutS ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutS * 1000) : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      closeSync(out);
      // Last line: "<peak RSS KB> <user s> <system s>" (GNU time puts a status line before it on exit ≠ 0).
      let rssKb = NaN;
      let cpuS = NaN;
      try {
        const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(rssFile, 'utf8'));
        if (m) [rssKb, cpuS] = [Number(m[1]), Number(m[2]) + Number(m[3])];
      } catch {}
      rmSync(rssFile, { force: true });
      resolvePromise({ ms, rssKb, cpuS, code, signal, timedOut, stderr: Buffer.concat(errChunks).toString(), outBytes: statSync(stdoutFile).size });
    });
  });
}

function checkCliRun(r, what) {
  // Exit 1 = the seeds' errors were found (expected); anything else is a failure.
  if (r.timedOut) return;
  if (r.code !== 1) throw new Error(`${what}: CLI exited with ${r.code ?? r.signal}: ${r.stderr.slice(0, 2000)}`);
}

function clockTicks() {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout) > 0 ? Number(r.stdout) : 100;
}

/** Runs a helper that prints one JSON object. */
function runHelper(nodeArgs) {
  const r = spawnSync(process.execPath, nodeArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`helper ${nodeArgs.join(' ').slice(0, 200)} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// ---- 4. segmenter alone -----------------------------------------------------------------

log('segmenter backends alone (shipped, jieba-full, intl): warm-up + 5 runs each');
const segmenterJs = await buildHelper('segmenter');
const SEGMENTERS = ['shipped', 'jieba-full', 'intl'];
const seg = Object.fromEntries(
  SEGMENTERS.map((backend) => {
    runHelper([segmenterJs, backend, ...seeds]);
    return [backend, Array.from({ length: 5 }, () => runHelper([segmenterJs, backend, ...seeds]))];
  }),
);

// ---- 1. CLI ------------------------------------------------------------------------------

log('CLI on one seed (start-up): warm-up + 5 runs');
const cliArgs = (target) => [join(root, 'dist', 'cli.js'), '--format', 'json', target];
const startupRuns = [];
for (let i = 0; i < 6; i++) {
  const r = await runNode(cliArgs(seeds[0]));
  checkCliRun(r, 'CLI one seed');
  if (i > 0) startupRuns.push(r);
}

log('CLI on the 2.5 MB corpus: warm-up + 3 runs');
const smallRuns = [];
let smallFindings = 0;
for (let i = 0; i < 4; i++) {
  const r = await runNode(cliArgs(smallDir));
  checkCliRun(r, 'CLI 2.5 MB');
  if (i === 0) {
    const results = JSON.parse(readFileSync(join(work, 'stdout.txt'), 'utf8'));
    if (results.length !== files.length) throw new Error(`CLI 2.5 MB: ${results.length} results for ${files.length} files`);
    smallFindings = results.reduce((n, res) => n + res.messages.length, 0);
  } else smallRuns.push(r);
  log(`  run ${i === 0 ? 'warm-up' : i}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${mb(r.rssKb).toFixed(0)} MB`);
}
const smallOutBytes = smallRuns[0].outBytes;

// ---- 1b. side by side with AutoCorrect ---------------------------------------------------
// The same inputs, the two tools alternating run by run (so a busy moment hits both), medians
// of 5 after one warm-up each. AutoCorrect (autocorrect-node, a dev dependency) is the bar set
// in issue 15: --lint --format json, like speechlint --format json.

/**
 * AutoCorrect's npm build. Not a dev dependency: its lock entries miss the other platforms'
 * packages and `npm ci` refuses the lock file. Used from node_modules when installed by hand
 * (npm i --no-save autocorrect-node@2.14.0), else installed here into the temp folder.
 */
function findAutocorrect() {
  const installed = join(root, 'node_modules', 'autocorrect-node', 'cli.js');
  if (existsSync(installed)) return installed;
  const prefix = join(work, 'autocorrect');
  log('installing autocorrect-node@2.14.0 into the temp folder (npm registry) for the side-by-side runs');
  const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'autocorrect-node@2.14.0'], { encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const cli = join(prefix, 'node_modules', 'autocorrect-node', 'cli.js');
  if (r.status === 0 && existsSync(cli)) return cli;
  log(`AutoCorrect could not be installed (${r.error?.message ?? (r.stderr || '').trim().split('\n').pop()}): side by side skipped`);
  return undefined;
}
const autocorrectCli = findAutocorrect();
const oneFile = join(work, 'corpus-2.5mb-one-file.txt');
writeFileSync(oneFile, files.map((f) => f.text).join('\n'));
// The issue's "200 files": every seed 40 times, one per file (the same 2.47 MB as the one file).
const manyDir = join(work, 'corpus-200-files');
mkdirSync(manyDir);
for (let i = 0; i < 40 * seeds.length; i++) writeFileSync(join(manyDir, `seed-${String(i).padStart(3, '0')}.txt`), seedTexts[i % seeds.length]);
const SIDE_BY_SIDE = [
  ['one seed, cold', seeds[0]],
  ['2.5 MB as one file', oneFile],
  [`2.5 MB as ${40 * seeds.length} files (one seed each)`, manyDir],
];
const sideBySide = [];
for (const [what, target] of autocorrectCli ? SIDE_BY_SIDE : []) {
  log(`side by side with AutoCorrect: ${what}: warm-up + 5 runs each, alternating`);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < 6; i++) {
    const a = await runNode(cliArgs(target));
    checkCliRun(a, `CLI ${what}`);
    const b = await runNode([autocorrectCli, '--lint', '--format', 'json', target]);
    if (b.signal || (b.code !== 0 && b.code !== 1)) throw new Error(`AutoCorrect ${what}: exited with ${b.code ?? b.signal}: ${b.stderr.slice(0, 500)}`);
    if (i > 0) {
      ours.push(a);
      theirs.push(b);
    }
  }
  sideBySide.push({ what, ours, theirs });
}

// Worker threads (--concurrency auto = both cores) against one thread, on the 200 files.
log('CLI --concurrency auto vs off on the 200 files: warm-up + 5 runs each, alternating');
const threadRuns = { off: [], auto: [] };
for (let i = 0; i < 6; i++) {
  for (const mode of ['off', 'auto']) {
    const r = await runNode([join(root, 'dist', 'cli.js'), '--format', 'json', '--concurrency', mode, manyDir], { stdoutFile: join(work, `threads-${mode}.json`) });
    checkCliRun(r, `CLI --concurrency ${mode}`);
    if (i > 0) threadRuns[mode].push(r);
  }
}
const threadOutputsSame = readFileSync(join(work, 'threads-off.json')).equals(readFileSync(join(work, 'threads-auto.json')));

// ---- 2. engine per rule -----------------------------------------------------------------

log('engine per rule on the 2.5 MB corpus (in-process): warm-up + 3 runs');
const engineJs = await buildHelper('engine');
const engine = runHelper(['--expose-gc', engineJs, '3', ...files.map((f) => join(smallDir, f.name))]);

// ---- 3. language server ------------------------------------------------------------------

log('language server over stdio: cold starts (warm-up + 3), edits (3 servers × 20 warm-up + 200 edits)');
const lspJs = await buildHelper('lsp');
const lsp = runHelper([lspJs, JSON.stringify({ seeds, tmpDir: work, coldRuns: 3, editRuns: 3, edits: 200, warmupEdits: 20, draftChars: 20_000, clkTck: clockTicks() })]);

// ---- 5. linearity ---------------------------------------------------------------------------

const LINEARITY_N = 5000;
const LINEARITY_BUDGET_MS = 3000;
let linearity;
if (!skipLinearity) {
  log(`time growth n → 8n per rule on the adversarial inputs of test/redos.test.ts (n = ${LINEARITY_N}, up to ${LINEARITY_BUDGET_MS / 1000} s a rule)`);
  const linearityJs = await buildHelper('linearity');
  linearity = runHelper([linearityJs, String(LINEARITY_N), String(LINEARITY_BUDGET_MS)]);
}

// ---- 1b. CLI 25 MB (last: slowest) ---------------------------------------------------------

const bigRuns = [];
const BIG_MAX_RUNS = 3;
const BIG_SLOW_S = 120;
if (!skip25) {
  log(`CLI on the 25 MB corpus: up to ${BIG_MAX_RUNS} runs, no separate warm-up (the 2.5 MB runs warmed the caches); stops after one run slower than ${BIG_SLOW_S} s; timeout ${cli25Timeout} s`);
  for (let i = 0; i < BIG_MAX_RUNS; i++) {
    const r = await runNode(cliArgs(bigDir), { timeoutS: cli25Timeout });
    // Not thrown: a crash (e.g. out of memory) is a result to report.
    r.crashed = !r.timedOut && r.code !== 1;
    bigRuns.push(r);
    log(`  run ${i + 1}: ${r.timedOut ? 'killed at the timeout after' : r.crashed ? `crashed (exit ${r.code ?? r.signal}) after` : 'done in'} ${(r.ms / 1000).toFixed(1)} s, peak RSS ${mb(r.rssKb).toFixed(0)} MB`);
    if (r.timedOut || r.crashed || r.ms > BIG_SLOW_S * 1000) break;
  }
}

// 24.7 MB in one file (the 2.5 MB one file ×10), --max-file-size 0: memory when nothing streams.
const bigOneRuns = [];
if (!skip25) {
  const bigOneFile = join(work, 'corpus-25mb-one-file.txt');
  writeFileSync(bigOneFile, Array.from({ length: 10 }, () => readFileSync(oneFile, 'utf8')).join('\n'));
  log(`CLI on the 25 MB corpus as one file (--max-file-size 0): up to ${BIG_MAX_RUNS} runs; stops after one slower than ${BIG_SLOW_S} s`);
  for (let i = 0; i < BIG_MAX_RUNS; i++) {
    const r = await runNode([join(root, 'dist', 'cli.js'), '--format', 'json', '--max-file-size', '0', bigOneFile], { timeoutS: cli25Timeout });
    r.crashed = !r.timedOut && r.code !== 1;
    bigOneRuns.push(r);
    log(`  run ${i + 1}: ${r.timedOut ? 'killed at the timeout after' : r.crashed ? `crashed (exit ${r.code ?? r.signal}) after` : 'done in'} ${(r.ms / 1000).toFixed(1)} s, peak RSS ${mb(r.rssKb).toFixed(0)} MB`);
    if (r.timedOut || r.crashed || r.ms > BIG_SLOW_S * 1000) break;
  }
}

// ---- table ---------------------------------------------------------------------------------

const rows = [];
const section = (title) => rows.push([`**${title}**`, '', '', '', '']);
const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
/** ok: true/false/undefined (no target). */
const row = (measure, value, target = '—', ok = undefined, note = '') => rows.push([measure, value, target, ok === undefined ? '' : ok ? '✓' : '✗', note]);

section('1. CLI');
const startupMs = median(startupRuns.map((r) => r.ms));
row(`one seed (${(statSync(seeds[0]).size / 1000).toFixed(1)} KB): wall time`, `${fmt(startupMs)} ms`, '—', undefined, `start-up (+ the segmenter where a rule needs word boundaries in the text); 5 runs ${range(startupRuns.map((r) => r.ms), 0, ' ms')}; CPU (user+sys) ${fmt(median(startupRuns.map((r) => r.cpuS)), 2)} s`);
row('one seed: peak RSS', `${fmt(mb(median(startupRuns.map((r) => r.rssKb))))} MB`);
const smallMs = median(smallRuns.map((r) => r.ms));
const smallRate = smallBytes / MB / (smallMs / 1000);
row(`2.5 MB corpus: wall time`, `${fmt(smallMs / 1000, 2)} s`, '—', undefined, `3 runs ${range(smallRuns.map((r) => r.ms / 1000), 2, ' s')}; CPU (user+sys) ${fmt(median(smallRuns.map((r) => r.cpuS)), 2)} s; ${smallFindings} findings, ${(smallOutBytes / MB).toFixed(1)} MB of JSON`);
row('2.5 MB corpus: throughput', `${fmt(smallRate, 2)} MB/s`, '≥ 3 MB/s', smallRate >= 3);
row('  of which not the engine\'s lint (CPU): CLI − full lint (§2) − one-seed run', `${fmt(median(smallRuns.map((r) => r.cpuS)) - median(engine.cpuSamples['(all rules)']) / 1000 - median(startupRuns.map((r) => r.cpuS)), 2)} s`, '—', undefined, 'CPU seconds: reading files, JSON formatting and writing, GC under the larger heap');
row('2.5 MB corpus: peak RSS', `${fmt(mb(median(smallRuns.map((r) => r.rssKb))))} MB`, '—', undefined, `3 runs ${range(smallRuns.map((r) => mb(r.rssKb)), 0, ' MB')}`);
if (bigRuns.length) {
  const failed = bigRuns.find((r) => r.timedOut || r.crashed);
  const bigMs = failed ? failed.ms : median(bigRuns.map((r) => r.ms));
  const bigRss = failed ? failed.rssKb : median(bigRuns.map((r) => r.rssKb));
  const runsNote = bigRuns.length === 1 ? `1 run (slower than ${BIG_SLOW_S} s: no more)` : `${bigRuns.length} runs ${range(bigRuns.map((r) => r.ms / 1000), 1, ' s')}`;
  const failNote = !failed ? '' : failed.timedOut ? `; killed at the ${cli25Timeout} s timeout` : `; CRASHED (exit ${failed.code ?? failed.signal}): ${failed.stderr.trim().split('\n').slice(-3).join(' / ').slice(0, 300)}`;
  row('25 MB corpus: wall time', `${failed ? '> ' : ''}${fmt(bigMs / 1000, 1)} s`, '< 10 s', !failed && bigMs < 10_000, `${runsNote}, no warm-up; CPU (user+sys) ${fmt(median(bigRuns.map((r) => r.cpuS)), 1)} s${failNote}`);
  row('25 MB corpus: throughput', `${failed ? '< ' : ''}${fmt((10 * smallBytes) / MB / (bigMs / 1000), 2)} MB/s`);
  row('25 MB corpus: peak RSS', `${failed ? '≥ ' : ''}${fmt(mb(bigRss))} MB`, '< 400 MB', !failed && mb(bigRss) < 400, failed ? 'up to the kill/crash' : `runs ${range(bigRuns.map((r) => mb(r.rssKb)), 0, ' MB')}`);
  const ratio = bigMs / smallMs;
  row('time ratio 25 MB / 2.5 MB', `${failed ? '> ' : ''}${fmt(ratio, 2)}`, '≈ 10 (9–11)', !failed && ratio >= 9 && ratio <= 11, `25 MB = the 2.5 MB files × 10; both include one start-up (≈ the one-seed run); without it: ${fmt((bigMs - startupMs) / (smallMs - startupMs), 2)}`);
} else row('25 MB corpus', 'skipped (--skip-25mb)', '< 10 s, < 400 MB', false);

section('1b. Side by side with AutoCorrect (autocorrect-node, --lint --format json)');
for (const { what, ours, theirs } of sideBySide) {
  const [oursMs, theirsMs] = [median(ours.map((r) => r.ms)), median(theirs.map((r) => r.ms))];
  const ratio = oursMs / theirsMs;
  const figures = (runs) => `${fmt(median(runs.map((r) => r.ms)))} ms wall, CPU ${fmt(median(runs.map((r) => r.cpuS)), 2)} s, ${fmt(mb(median(runs.map((r) => r.rssKb))))} MB`;
  const target = what.startsWith('one seed') ? '≤ 200 ms' : 'ratio ≤ 1.0';
  const ok = what.startsWith('one seed') ? oursMs <= 200 : ratio <= 1;
  row(`${what}: speechlint / AutoCorrect`, `${fmt(ratio, 2)}×`, target, ok, `speechlint ${figures(ours)}; AutoCorrect ${figures(theirs)}; medians of 5, alternating`);
}

if (autocorrectCli === undefined) row('side by side', 'skipped: AutoCorrect could not be installed', 'ratio ≤ 1.0', false);
{
  const [offMs, autoMs] = [median(threadRuns.off.map((r) => r.ms)), median(threadRuns.auto.map((r) => r.ms))];
  const cpu = (runs) => fmt(median(runs.map((r) => r.cpuS)), 2);
  row(`200 files: --concurrency auto (${cpus().length} threads) / off`, `${fmt(autoMs / offMs, 2)}×`, '< 1 (faster)', autoMs < offMs, `auto ${fmt(autoMs)} ms wall, CPU ${cpu(threadRuns.auto)} s, ${fmt(mb(median(threadRuns.auto.map((r) => r.rssKb))))} MB; off ${fmt(offMs)} ms wall, CPU ${cpu(threadRuns.off)} s, ${fmt(mb(median(threadRuns.off.map((r) => r.rssKb))))} MB; outputs ${threadOutputsSame ? 'byte-identical' : 'DIFFER'}; medians of 5, alternating`);
}
if (bigOneRuns.length) {
  const failed = bigOneRuns.find((r) => r.timedOut || r.crashed);
  const ms = failed ? failed.ms : median(bigOneRuns.map((r) => r.ms));
  const rss = failed ? failed.rssKb : median(bigOneRuns.map((r) => r.rssKb));
  const oneMs = sideBySide.find((x) => x.what === '2.5 MB as one file');
  const base = oneMs ? median(oneMs.ours.map((r) => r.ms)) : NaN;
  row('25 MB as one file (--max-file-size 0): wall time', `${failed ? '> ' : ''}${fmt(ms / 1000, 1)} s`, '≤ 10.5 × the 2.5 MB one file', ms <= 10.5 * base, `${fmt(ms / base, 2)} × the one-file 2.5 MB run (${fmt(base)} ms); ${bigOneRuns.length} run(s); CPU ${fmt(median(bigOneRuns.map((r) => r.cpuS)), 1)} s`);
  row('25 MB as one file: peak RSS', `${failed ? '≥ ' : ''}${fmt(mb(rss))} MB`, '≤ 400 MB', !failed && mb(rss) <= 400);
}

section('2. Engine per rule, 2.5 MB corpus');
// Wall ms decide the figures (as asked); CPU ms (process.cpuUsage) are shown beside them, being
// steadier when other processes share the cores.
const ems = (key) => median(engine.samples[key]);
const cms = (key) => median(engine.cpuSamples[key]);
const totalMs = ems('(all rules)');
const totalCpu = cms('(all rules)');
const overheadMs = ems('(no rule: overhead)');
const overheadCpu = cms('(no rule: overhead)');
const pct = (part, whole) => `${fmt((100 * part) / whole, 1)} %`;
row('all rules (full `lint`)', `${fmt(totalMs)} ms`, '—', undefined, `CPU ${fmt(totalCpu)} ms; ${fmt(smallBytes / MB / (totalMs / 1000), 2)} MB/s engine only; ${engine.findings['(all rules)']} findings; 3 runs ${range(engine.samples['(all rules)'], 0, ' ms')}`);
row('no rule (document model, masking, finalize)', `${fmt(overheadMs)} ms`, '—', undefined, `${pct(overheadMs, totalMs)} of total; CPU ${fmt(overheadCpu)} ms`);
const ruleRows = engine.rules.map((r) => ({ ...r, net: ems(r.id) - overheadMs, cpu: cms(r.id) - overheadCpu })).sort((a, b) => b.net - a.net);
for (const r of ruleRows) {
  row(`  ${r.id}${r.needsSegmenter ? ' (segmenter)' : ''}`, `${fmt(r.net)} ms`, '—', undefined, `${pct(r.net, totalMs)} of total; CPU ${fmt(r.cpu)} ms = ${pct(r.cpu, totalCpu)}; ${engine.findings[r.id]} findings; ${r.scope} scope; 3 runs ${range(engine.samples[r.id].map((x) => x - overheadMs), 0, ' ms')}`);
}
const sumNet = ruleRows.reduce((n, r) => n + r.net, 0);
const sumCpu = ruleRows.reduce((n, r) => n + r.cpu, 0);
row('  sum of the rules alone + overhead', `${fmt(sumNet + overheadMs)} ms`, '—', undefined, `${pct(sumNet + overheadMs, totalMs)} of total; CPU ${pct(sumCpu + overheadCpu, totalCpu)}`);
row('  remainder: all rules together − sum', `${fmt(totalMs - sumNet - overheadMs)} ms`, '—', undefined, `${pct(totalMs - sumNet - overheadMs, totalMs)} of total; CPU ${fmt(totalCpu - sumCpu - overheadCpu)} ms: cross-rule work in finalize (shadowing / allow / directive filters over all findings together); near 0 or negative = within run-to-run noise`);

section('3. Language server');
const cold = (key) => median(lsp.cold.map((c) => c[key]));
const coldRange = (key) => range(lsp.cold.map((c) => c[key]), 0, ' ms');
row(`cold start: spawn → initialize result`, `${fmt(cold('spawnToInitializedMs'))} ms`, '—', undefined, `3 fresh servers (after 1 warm-up) ${coldRange('spawnToInitializedMs')}`);
row(`cold start: didOpen ${lsp.coldSeed} → first diagnostics (rules without segmentation)`, `${fmt(cold('openToFirstDiagnosticsMs'))} ms`, '≤ 300 ms', cold('openToFirstDiagnosticsMs') <= 300, `${coldRange('openToFirstDiagnosticsMs')}; ${cold('firstDiagnosticsCount')} diagnostics`);
row(`cold start: spawn → first diagnostics`, `${fmt(cold('spawnToFirstDiagnosticsMs'))} ms`, '≤ 300 ms (strict reading)', cold('spawnToFirstDiagnosticsMs') <= 300, coldRange('spawnToFirstDiagnosticsMs'));
row(`cold start: didOpen → 'ready' (all rules)`, `${fmt(cold('openToReadyMs'))} ms`, '≤ 1500 ms', cold('openToReadyMs') <= 1500, `${coldRange('openToReadyMs')}; ${cold('readyDiagnosticsCount')} diagnostics; segmenter load inside: ${fmt(cold('segmenterLoadInServerMs'))} ms`);
row(`cold start: spawn → 'ready' (all rules)`, `${fmt(cold('spawnToReadyMs'))} ms`, '≤ 1500 ms (strict reading)', cold('spawnToReadyMs') <= 1500, coldRange('spawnToReadyMs'));
const editMedians = lsp.editRuns.map((r) => median(r.diagnosticsMs));
const editP95s = lsp.editRuns.map((r) => percentile(r.diagnosticsMs, 95));
const editMedian = median(editMedians);
const editP95 = median(editP95s);
const editNote = `${lsp.draftChars}-char draft (${lsp.draftParagraphs} paragraphs), ${lsp.editKinds.inserts} inserts + ${lsp.editKinds.deletes} deletes (first 20 = warm-up) as incremental didChange; debounce 0; 3 servers`;
row(`edit → its diagnostics: median`, `${fmt(editMedian, 1)} ms`, '< 20 ms', editMedian < 20, `${editNote}; per-server medians ${editMedians.map((x) => fmt(x, 1)).join(', ')} ms`);
row(`edit → its diagnostics: p95`, `${fmt(editP95, 1)} ms`, '< 50 ms', editP95 < 50, `per-server p95 ${editP95s.map((x) => fmt(x, 1)).join(', ')} ms; max ${fmt(Math.max(...lsp.editRuns.flatMap((r) => r.diagnosticsMs)), 1)} ms`);
row(`  server CPU per edit (user+sys from /proc/<pid>/stat, averaged over the 200 edits)`, `${fmt(median(lsp.editRuns.map((r) => r.serverCpuMsPerEdit)), 1)} ms`, '—', undefined, `3 servers ${lsp.editRuns.map((r) => fmt(r.serverCpuMsPerEdit, 1)).join(', ')} ms; steadier than wall time on a shared machine`);
row(`  didOpen of the draft → 'ready' (fresh server, segmenter loads)`, `${fmt(median(lsp.editRuns.map((r) => r.initialReadyMs)))} ms`);
const local = lsp.local;
row(`  same edits in-process (IncrementalLinter.lint, no protocol): median / p95`, `${fmt(median(local.incrementalMs), 1)} / ${fmt(percentile(local.incrementalMs, 95), 1)} ms`, '—', undefined, 'the engine part of the edit latency');
const docRules = Object.entries(local.documentRuleMs).sort((a, b) => b[1] - a[1]);
row(`  document-scope rules, each alone on the whole draft (re-run on every edit)`, `${fmt(docRules.reduce((n, [, ms]) => n + ms, 0) - docRules.length * local.overheadMs, 1)} ms`, '—', undefined, docRules.map(([id, ms]) => `${id} ${fmt(ms - local.overheadMs, 1)}`).join(', ') + ` ms (overhead ${fmt(local.overheadMs, 1)} ms subtracted)`);
row(`  full lint of the draft (all rules, in-process)`, `${fmt(local.fullMs, 1)} ms`, '—', undefined, `${local.findings} findings; all rules together − (document rules + paragraph rules + overhead) = ${fmt(local.fullMs - docRules.reduce((n, [, ms]) => n + ms - local.overheadMs, 0) - (local.paragraphRulesFullMs - local.overheadMs) - local.overheadMs, 1)} ms cross-rule finalize (negative = noise)`);
row(`  paragraph-scope rules on the whole draft, uncached`, `${fmt(local.paragraphRulesFullMs - local.overheadMs, 1)} ms`, '—', undefined, 'cached per paragraph: an edit re-runs them on one paragraph');
const rssKb = median(lsp.cold.map((c) => c.rssAllSeedsKb));
row(`server RSS with all ${seeds.length} seeds open and ready`, `${fmt(mb(rssKb))} MB`, '< 200 MB', mb(rssKb) < 200, `VmRSS; 3 servers ${range(lsp.cold.map((c) => mb(c.rssAllSeedsKb)), 0, ' MB')}; peak (VmHWM) ${fmt(mb(median(lsp.cold.map((c) => c.hwmAllSeedsKb))))} MB`);

const rssDraftKb = median(lsp.editRuns.map((r) => r.rssWithDraftKb));
row(`server RSS with the ${seeds.length} seeds and the draft open, after the edits`, `${fmt(mb(rssDraftKb))} MB`, '≤ 200 MB', mb(rssDraftKb) <= 200, `VmRSS; 3 servers ${range(lsp.editRuns.map((r) => mb(r.rssWithDraftKb)), 0, ' MB')}; peak (VmHWM) ${fmt(mb(median(lsp.editRuns.map((r) => r.hwmWithDraftKb))))} MB`);
row('applying 30,000 fixes (applyFixes, in-process)', `${fmt(engine.applyFixes.ms30k, 1)} ms`, 'well under 1 s', engine.applyFixes.ms30k < 1000, `${engine.applyFixes.edits30k} edits; 60,000 fixes ${fmt(engine.applyFixes.ms60k, 1)} ms (${fmt(engine.applyFixes.ms60k / engine.applyFixes.ms30k, 2)}×: at most 2 is linear; the first size also carries the JIT warm-up); medians of 5`);

section('4. Segmenter alone (seeds\' sentences)');
/** Share of the reference's words (same text at the same offset) that a backend also gives. */
function sameWords(reference, other) {
  let same = 0;
  let total = 0;
  reference.forEach((words, i) => {
    const at = new Set();
    let offset = 0;
    for (const w of other[i]) at.add(`${offset}:${w}`), (offset += w.length);
    offset = 0;
    for (const w of words) (total++, at.has(`${offset}:${w}`) && same++), (offset += w.length);
  });
  return (100 * same) / total;
}
const reference = seg['jieba-full'][0].words;
const SEGMENTER_NAMES = { shipped: 'nodejieba, cut-down dictionary (shipped)', 'jieba-full': 'nodejieba, full dictionary (before)', intl: 'Intl.Segmenter (ICU, built in)' };
for (const backend of SEGMENTERS) {
  const runs = seg[backend];
  const m = (f) => median(runs.map(f));
  const rate = runs[0].chars / 1e6 / (m((x) => x.cutMs) / 1000);
  row(`${SEGMENTER_NAMES[backend]}: load`, `${fmt(m((x) => x.loadMs))} ms`, '—', undefined, `${range(runs.map((x) => x.loadMs), 0, ' ms')}`);
  row(`  RSS added by loading`, `${fmt(mb(m((x) => x.rssAfterLoad - x.rssBefore)))} MB`, '—', undefined, `process ${fmt(mb(m((x) => x.rssBefore)))} → ${fmt(mb(m((x) => x.rssAfterLoad)))} MB; share of server RSS ${fmt((100 * m((x) => x.rssAfterLoad - x.rssBefore)) / rssKb, 0)} %`);
  row(`  speed`, `${fmt(rate, 2)} M chars/s`, '—', undefined, `${runs[0].chars} chars in ${runs[0].words.length} sentences`);
  if (backend !== 'jieba-full') row(`  words identical to the full dictionary's`, `${fmt(sameWords(reference, runs[0].words), 1)} %`);
}

section(`5. Linearity: wall time n → ${linearity?.growth ?? 8}n characters per rule, adversarial inputs (printed, not asserted)`);
if (linearity) {
  for (const rule of linearity.rules) {
    const byRatio = [...rule.measured].sort((a, b) => b.ratio - a.ratio);
    const worst = byRatio.slice(0, 3).map((m) => `${m.input} ${fmt(m.smallMs, 2)} → ${fmt(m.largeMs, 2)} ms (${fmt(m.ratio, 1)}×)`).join('; ');
    const cut = rule.measured.length < rule.inputs ? ` (time budget: ${rule.inputs - rule.measured.length} left out)` : '';
    row(`  ${rule.id} (n = ${rule.n})`, `${fmt(median(rule.measured.map((m) => m.ratio)), 1)}× median`, '—', undefined, `highest: ${worst}; ${rule.measured.length}/${rule.inputs} inputs${cut}; linear ≈ 8×, quadratic ≈ 64×; the test (test/redos.test.ts) counts work instead`);
  }
} else row('linearity', 'skipped (--skip-linearity)');

const totalS = (performance.now() - benchStarted) / 1000;
const header = [
  `SpeechLint benchmark — ${new Date().toISOString()}`,
  `Machine: ${machine}`,
  `Tree: ${revision} (dist/ built at the start of the run)`,
  `Load average (1/5/15 min) at start: ${loadAtStart}; at end: ${loadavg()} (the bench itself keeps about one core busy; more means other processes shared the 2 cores and inflated wall times; CPU times are less sensitive)${Number(loadAtStart.split(' ')[0]) > 1 ? ' ⚠ machine busy at start' : ''}`,
  `Corpus: ${files.length} generated .txt files of ${fileSizes.join(' / ')} KB (2, 4 or 8 rounds of the ${seeds.length} seeds, rotated), ${(smallBytes / MB).toFixed(2)} MB = ${smallChars} chars; 25 MB corpus = the same files × 10 (${((10 * smallBytes) / MB).toFixed(1)} MB). MB = 10^6 bytes (sizes, MB/s and RSS alike, as in the targets).`,
  `CLI: \`node dist/cli.js --format json <dir>\`, stdout to a file, wall time spawn → exit (start-up included); exit code 1 is expected (the seeds contain errors); peak RSS = ${rssMethod}.`,
  `Engine: in-process \`lint(text, { onlyRules: [id] })\` on each corpus file; rule ms = that minus the no-rule run (overhead); share = of the full lint; segmenter loaded beforehand (${Math.round(engine.segmenterLoadMs)} ms, excluded); warm-up on one file, then 3 runs, GC before each pass.`,
  'Server: `node dist/server.js --stdio` over a real JSON-RPC stdio connection (test/lsp-client.ts); cold starts on fresh servers, default settings; edits with `speechlint.debounce` = 0 (via workspace/configuration), so the figures are lint latency without the 200 ms default debounce; time from sending didChange to the publishDiagnostics of that version.',
  'Segmenter: each backend in a fresh node child (scripts/bench/segmenter.ts) on the seeds split into sentences; load = first use ready; speed over 5 passes; RSS from /proc/self/status.',
  'Values are medians; ✓/✗ against the issue\'s targets.',
  '',
];
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['Measure', 'Median', 'Target', 'OK', 'Notes'], ...rows].map((r) => [...r[i]].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 4 ? c : c + ' '.repeat(Math.max(0, widths[i] - [...c].length)))).join(' | ')} |`;
const table = [line(['Measure', 'Median', 'Target', 'OK', 'Notes']), `|${widths.map((w, i) => '-'.repeat(i === 4 ? 7 : w + 2)).join('|')}|`, ...rows.map(line)];
process.stdout.write(`${header.join('\n')}\n${table.join('\n')}\n\nBench duration: ${(totalS / 60).toFixed(1)} min (${totalS.toFixed(0)} s)\n`);
log('done');
