#!/usr/bin/env node
// Runs the extension suite against the packaged VSIX instead of the source tree: packages it
// (npm run package), unpacks its extension/ folder and hands that to run-tests.mjs as the
// extension under test. Proves the VSIX alone (bundles + staged nodejieba) installs and works.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(ROOT);
execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/package-vsix.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = readdirSync('.').find((n) => n.startsWith('speechlint-') && n.endsWith(`-${version}.vsix`));
if (!vsix) throw new Error('no VSIX was produced');

const unpacked = mkdtempSync(join(tmpdir(), 'speechlint-vsix-'));
try {
  // A VSIX is a zip; Python's zipfile is on every machine that builds nodejieba.
  execFileSync('python3', ['-m', 'zipfile', '-e', vsix, unpacked]);
  console.error(`[run-vsix] testing ${vsix} unpacked in ${unpacked}`);
  const result = spawnSync(process.execPath, ['test/vscode/run-tests.mjs', '--extensionDevelopmentPath', join(unpacked, 'extension')], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(unpacked, { recursive: true, force: true });
  // Leave dist/ as a development build for whatever runs next.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
