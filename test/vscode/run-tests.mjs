#!/usr/bin/env node
// Runs the extension's mocha suite inside a real VS Code extension host through
// @vscode/test-electron's runTests(). Builds nothing: compile the suite first.
//
//   node test/vscode/run-tests.mjs [--extensionDevelopmentPath DIR] [--extensionTestsPath FILE] [--workspace DIR]
//
// Defaults: the repo root, out/vscode-test/index.js, test/vscode/workspace. The same settings can
// come from SPEECHLINT_VSCODE_DEV_PATH, SPEECHLINT_VSCODE_TESTS and SPEECHLINT_VSCODE_WORKSPACE.
// The workspace is copied to a temporary folder for each run (tests may edit and save its files);
// SPEECHLINT_VSCODE_WORKSPACE_COPY=0 opens it in place.
//
// Which VS Code (SPEECHLINT_VSCODE):
//   code-server  test/vscode/code-server-electron.mjs: code-server + headless chromium, installed
//                by scripts/install-code-server.sh (for machines without internet, e.g. CI here)
//   download     desktop VS Code downloaded by test-electron (SPEECHLINT_VSCODE_VERSION, default
//                stable); on Linux it needs a display (xvfb-run)
//   unset        code-server on Linux without a display; elsewhere try the download and fall back
//                to code-server if it fails
// Exit code: 0 when the suite passed, the VS Code/wrapper exit code otherwise.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WRAPPER = join(ROOT, 'test/vscode/code-server-electron.mjs');
const say = (msg) => console.error(`[run-tests] ${msg}`);

function option(flag, envName, fallback) {
  const i = process.argv.indexOf(flag);
  if (i >= 0 && process.argv[i + 1]) return resolve(process.argv[i + 1]);
  const eq = process.argv.find((a) => a.startsWith(`${flag}=`));
  if (eq) return resolve(eq.slice(flag.length + 1));
  return resolve(process.env[envName] || fallback);
}

const extensionDevelopmentPath = option('--extensionDevelopmentPath', 'SPEECHLINT_VSCODE_DEV_PATH', ROOT);
const extensionTestsPath = option('--extensionTestsPath', 'SPEECHLINT_VSCODE_TESTS', join(ROOT, 'out/vscode-test/index.js'));
const workspace = option('--workspace', 'SPEECHLINT_VSCODE_WORKSPACE', join(ROOT, 'test/vscode/workspace'));

for (const [what, p] of [['extension tests entry', extensionTestsPath], ['extension', join(extensionDevelopmentPath, 'package.json')], ['workspace', workspace]]) {
  if (!existsSync(p)) {
    say(`${what} not found: ${p}${what.startsWith('extension tests') ? ' (build the suite first)' : ''}`);
    process.exit(2);
  }
}

// test-electron keeps its download and desktop profile under ./.vscode-test.
process.chdir(ROOT);

// Makes code-server ready and returns the wrapper that stands in for the VS Code executable.
function codeServerExecutable() {
  const install = spawnSync('bash', [join(ROOT, 'scripts/install-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (install.status !== 0) {
    say('installing code-server failed');
    process.exit(2);
  }
  process.env.SPEECHLINT_CODE_SERVER_BIN = install.stdout.trim().split('\n').pop();
  // runTests() spawns the executable directly: make sure a checkout kept its exec bit.
  try { accessSync(WRAPPER, constants.X_OK); } catch { chmodSync(WRAPPER, 0o755); }
  return WRAPPER;
}

async function chooseExecutable() {
  const mode = process.env.SPEECHLINT_VSCODE || '';
  const version = process.env.SPEECHLINT_VSCODE_VERSION || undefined;
  if (mode === 'code-server') return codeServerExecutable();
  if (mode === 'download') return downloadAndUnzipVSCode({ version });
  if (mode) {
    say(`SPEECHLINT_VSCODE=${mode}: expected code-server or download`);
    process.exit(2);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return codeServerExecutable(); // desktop VS Code could not open a window here anyway
  }
  try {
    return await downloadAndUnzipVSCode({ version });
  } catch (err) {
    say(`desktop VS Code could not be downloaded (${err.message}); using code-server`);
    return codeServerExecutable();
  }
}

const started = Date.now();
const vscodeExecutablePath = await chooseExecutable().catch((err) => {
  say(`could not get VS Code: ${err.message}`);
  process.exit(2);
});
say(`VS Code: ${vscodeExecutablePath}`);

const copy = process.env.SPEECHLINT_VSCODE_WORKSPACE_COPY !== '0';
const tmp = copy ? mkdtempSync(join(tmpdir(), 'speechlint-ws-')) : undefined;
const workspaceToOpen = copy ? join(tmp, 'workspace') : workspace;
if (copy) cpSync(workspace, workspaceToOpen, { recursive: true });

let exitCode;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    // --disable-extensions: only the extension under test (and built-ins) in desktop VS Code too.
    launchArgs: [workspaceToOpen, '--disable-extensions'],
  });
} catch (err) {
  // TestRunFailedError carries the exit code; anything else is a launch failure.
  exitCode = Number.isInteger(err?.code) && err.code !== 0 ? err.code : 1;
  say(`test run failed: ${err?.message || err}`);
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
say(`${exitCode === 0 ? 'passed' : `FAILED (exit ${exitCode})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(exitCode);
