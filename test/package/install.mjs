// The CLI as its users install it: `npm pack`, then `npm i -g` of the tarball into an empty
// prefix and `npx` of it, from a folder outside the repo (no project .npmrc), stdin closed and
// no npm_* variables of the surrounding `npm test` — then lint the seeds with what was installed.
// Needs the npm registry (nodejieba and its build tools come from there; its prebuilt binary
// download fails offline and it builds from source). Run by `npm test`; exits non-zero on failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const work = mkdtempSync(join(tmpdir(), 'speechlint-pack-'));
const say = (text) => console.log(`[package] ${text}`);
// A user's shell: none of the npm_config_* that `npm test` exports (they would carry this repo's settings).
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: INSTALL_TIMEOUT_MS, ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result;
}

function fail(message, result) {
  console.error(`[package] FAILED: ${message}`);
  if (result) console.error(`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n'));
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

try {
  // 1. Pack (prepack makes a production build) and read what the tarball holds.
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
  if (packed.status !== 0) fail('npm pack', packed);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  const files = info.files.map((f) => f.path);
  const tarball = join(work, info.filename);
  say(`${info.filename}: ${(statSync(tarball).size / 1024 / 1024).toFixed(2)} MB packed, ${(info.unpackedSize / 1024 / 1024).toFixed(2)} MB unpacked, ${files.length} files`);
  const unwanted = files.filter((f) => /\.map$|\.ts$|^test\/|^seeds\/|^scripts\/|node_modules\//.test(f));
  if (unwanted.length > 0) fail(`the tarball ships what does not run: ${unwanted.slice(0, 10).join(', ')}`);
  for (const needed of ['dist/cli.js', 'dist/server.js', 'dist/dict.utf8', 'dist/STPhrases.utf8', 'dist/package.json', 'package.json', 'README.md', 'LICENSE']) {
    if (!files.includes(needed)) fail(`the tarball lacks ${needed}`);
  }

  // 2. npm i -g into an empty prefix, then the installed command on the seeds.
  const prefix = join(work, 'prefix');
  const started = Date.now();
  const installed = run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball]);
  if (installed.status !== 0) fail('npm install --global of the tarball', installed);
  say(`npm install --global: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const bin = process.platform === 'win32' ? join(prefix, 'speechlint.cmd') : join(prefix, 'bin', 'speechlint');
  const linted = run(bin, [join(ROOT, 'seeds')], { env: { ...env, NO_COLOR: '1' } });
  if (linted.status !== 1 || !/个问题/.test(linted.stdout)) fail(`the installed speechlint on seeds/ (exit ${linted.status}, expected 1 with findings)`, linted);
  say(`installed speechlint seeds/: ${linted.stdout.trim().split('\n').filter((l) => /个问题/.test(l))[0]}`);
  // A GBK draft needs iconv-lite, which the CLI bundle leaves to the installed dependencies.
  const gbk = join(work, 'gbk.txt');
  writeFileSync(gbk, Buffer.from('d6d0cec4b8e52c20b8e50a', 'hex')); // 中文稿, 稿 in GBK
  const gbkRun = run(bin, ['--fix-dry-run', '--format', 'json', gbk], { env });
  if (gbkRun.status !== 0 || !gbkRun.stdout.includes('中文稿，稿')) fail(`the installed speechlint on a GBK file (exit ${gbkRun.status})`, gbkRun);
  say('installed speechlint on a GBK file: decoded, and the fix shown');

  // 3. npx of the tarball, in a cache of its own (nothing reused from step 2). The tarball is the
  // positional spec, as `npx speechlint` names the registry package: `npx --package <tgz>` exports
  // npm_config_package to install scripts, and nodejieba's own `npx @mapbox/node-pre-gyp` then
  // waits forever on the outer npx's half-built install (npm 10/11).
  const npx = run('npx', ['--yes', `./${info.filename}`, '--version'], { env: { ...env, npm_config_cache: join(work, 'npx-cache') } });
  const version = JSON.parse(execFileSync(process.execPath, ['-p', 'JSON.stringify(require("./package.json").version)'], { cwd: ROOT, encoding: 'utf8' }));
  if (npx.status !== 0 || npx.stdout.trim() !== version) fail(`npx speechlint --version (exit ${npx.status})`, npx);
  say(`npx ./${info.filename} --version: ${npx.stdout.trim()}`);
  say('passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
