#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches, on a
// machine where desktop VS Code cannot be downloaded: it runs the same extension tests in
// code-server (VS Code 1.100.3 with a real Node extension host), its workbench shown in headless
// Debian chromium driven by playwright-core. Only the executable differs from a desktop run.
//
// Arguments: whatever runTests() passes (see runTests in @vscode/test-electron/out/runTest.js):
//   --extensionDevelopmentPath=DIR (repeatable)  --extensionTestsPath=FILE  [folder | x.code-workspace]
// Desktop-only flags (--no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome,
// --skip-release-notes, --disable-workspace-trust, --user-data-dir, --extensions-dir,
// --disable-extensions, ...) are accepted and ignored: every run gets fresh profile folders, so no
// extension but the built-in ones and the one under development is there.
//
// Environment:
//   SPEECHLINT_CODE_SERVER_BIN  code-server executable (default .vscode-test/code-server/node_modules/.bin/code-server)
//   SPEECHLINT_CHROMIUM         browser (default /usr/bin/chromium)
//   SPEECHLINT_VSCODE_TIMEOUT   whole-run limit in seconds (default 300)
//   SPEECHLINT_VSCODE_VERBOSE=1 also print code-server's own log and the browser console
//   SPEECHLINT_VSCODE_KEEP=1    keep the temporary folders (printed) for inspection
// Exit code: the one the workbench reports through window.codeAutomationExit (0 = tests passed);
// 124 on timeout; 2 on a setup failure. On failure a screenshot and the workbench logs are saved
// under .vscode-test/failures/.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER = process.env.SPEECHLINT_CODE_SERVER_BIN || join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.SPEECHLINT_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_S = Number(process.env.SPEECHLINT_VSCODE_TIMEOUT || 300);
const VERBOSE = process.env.SPEECHLINT_VSCODE_VERBOSE === '1';
const KEEP = process.env.SPEECHLINT_VSCODE_KEEP === '1';
// Without the background-networking flags chromium keeps trying hosts this machine cannot reach.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// The workbench's own start-up chatter, which desktop VS Code keeps out of its output.
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|ChatSessionStore:)/;

const say = (msg) => process.stderr.write(`[code-server-electron] ${msg}\n`);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

// ---- arguments
function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, targets: [] };
  // Flags given as two words take their value from the next argument.
  const withValue = new Set(['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir',
    '--extensions-dir', '--locale', '--disable-extension', '--log', '--logsPath', '--crash-reporter-directory']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let name = a, value;
    if (a.startsWith('--') && a.includes('=')) [name, value] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    else if (withValue.has(a)) value = argv[++i];
    if (name === '--extensionDevelopmentPath') out.devPaths.push(resolve(value));
    else if (name === '--extensionTestsPath') out.testsPath = resolve(value);
    else if (!a.startsWith('-')) out.targets.push(resolve(a));
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (!args.testsPath || args.devPaths.length === 0) {
  say('usage: code-server-electron.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder|file.code-workspace]');
  process.exit(2);
}
if (!existsSync(CODE_SERVER)) {
  say(`code-server not found at ${CODE_SERVER}: run "bash scripts/install-code-server.sh" first`);
  process.exit(2);
}

// ---- state shared with cleanup
const tmp = mkdtempSync(join(tmpdir(), 'speechlint-code-server-'));
let server; // code-server child process (own process group, so its extension host dies with it)
let context; // playwright browser context
let page;
let finishing = false;

async function cleanup() {
  if (context) await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    const killed = await Promise.race([gone.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
    if (!killed) try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  }
  if (KEEP) say(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

// Saves what helps to see why a run failed: the workbench as it looked, and its logs.
async function saveFailureArtifacts(logs) {
  try {
    const dir = join(ROOT, '.vscode-test/failures', new Date().toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    if (page && !page.isClosed()) await page.screenshot({ path: join(dir, 'workbench.png'), timeout: 5000 }).catch(() => {});
    // The server side's logs (remote agent, Node extension host) live in its user-data folder.
    const serverLogs = join(tmp, 'user-data', 'logs');
    if (existsSync(serverLogs)) cpSync(serverLogs, join(dir, 'server-logs'), { recursive: true });
    for (const { relativePath, contents } of logs || []) {
      const file = join(dir, 'logs', relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
    }
    say(`screenshot and logs saved in ${dir}`);
  } catch (err) {
    say(`could not save failure artifacts: ${err.message}`);
  }
}

async function finish(code, logs) {
  if (finishing) return;
  finishing = true;
  clearTimeout(timer);
  if (code !== 0 && code !== 130 && code !== 143) await saveFailureArtifacts(logs);
  await cleanup();
  say(`exit ${code} after ${elapsed()}`);
  process.exit(code);
}

const timer = setTimeout(() => {
  say(`TIMEOUT: the tests did not finish within ${TIMEOUT_S} s (SPEECHLINT_VSCODE_TIMEOUT)`);
  finish(124);
}, TIMEOUT_S * 1000);
process.on('SIGINT', () => { say('interrupted'); finish(130); });
process.on('SIGTERM', () => { say('terminated'); finish(143); });

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

// Prefixes each line of a child's stream and forwards it.
function pipeLines(stream, out, prefix) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const l of lines) out.write(`${prefix}${l}\n`);
  });
}

async function main() {
  const dirs = Object.fromEntries(['config', 'data', 'cache', 'user-data', 'extensions', 'chromium'].map((d) => {
    mkdirSync(join(tmp, d), { recursive: true });
    return [d, join(tmp, d)];
  }));
  const port = await freePort();

  // The target decides what the workbench opens: a folder, a .code-workspace file, or nothing.
  const target = args.targets[0];
  const isWorkspaceFile = target && target.endsWith('.code-workspace');
  if (target && !existsSync(target)) throw new Error(`workspace ${target} does not exist`);

  // VSCODE_* variables of a surrounding VS Code (e.g. VSCODE_IPC_HOOK_CLI in its terminal) would
  // make code-server hand the request to that instance instead of starting.
  // EXTENSIONS_GALLERY={} switches the marketplace off: no lookups of open-vsx.org.
  const env = { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache,
    EXTENSIONS_GALLERY: '{}', SPEECHLINT_SCREENSHOTS: 'code-server' };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];

  // A small sh parent holds a pipe from this process: if this process dies without cleaning up
  // (SIGKILL), the pipe closes and the sh kills code-server's whole process group.
  // (sh gives background jobs /dev/null as stdin, hence fd 3.)
  const guard = 'exec 3<&0 </dev/null; "$@" & cs=$!; (cat <&3 >/dev/null; kill -TERM -$$ 2>/dev/null) & exec 3<&-; wait $cs';
  server = spawn('sh', ['-c', guard, 'sh', CODE_SERVER,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions,
    ...(target ? [target] : ['--ignore-last-opened']),
  ], { env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  // code-server's own log is noise in a passing run; the extension host's console comes through
  // the workbench (codeAutomationLog) below.
  pipeLines(server.stdout, VERBOSE ? process.stderr : { write() {} }, '[code-server] ');
  // vsda (signing, shipped with Microsoft's builds only) is looked for and missing: harmless; so
  // are the connection resets it reports while we shut the browser and it down.
  const serverErr = { write: (l) => (VERBOSE || !(finishing || /File not found: .*\/vsda\//.test(l))) && process.stderr.write(l) };
  pipeLines(server.stderr, serverErr, '[code-server] ');
  const serverExited = new Promise((r) => server.once('exit', (code, sig) => r(`code-server exited (${code ?? sig})`)));

  const base = `http://127.0.0.1:${port}`;
  for (let up = false; !up;) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(await serverExited);
    up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  say(`code-server up on ${base} after ${elapsed()}`);

  context = await chromium.launchPersistentContext(dirs.chromium, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 },
    // Playwright's own signal handlers would exit(130) before code-server is stopped.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  // Must exist before the workbench loads: it looks them up when the extension tests end/log.
  let reportExit;
  const exited = new Promise((res) => { reportExit = res; });
  await context.exposeFunction('codeAutomationExit', (code, logs) => { reportExit({ code, logs }); });
  // In extension-test mode the workbench sends its log, which carries the extension host's
  // console, here: (level, console.log-style arguments).
  await context.exposeFunction('codeAutomationLog', (type, message) => {
    const text = Array.isArray(message) ? format(...message) : String(message);
    // The suite asks for a picture of the workbench as it is (README's screenshots): the page
    // is this process's to capture. It waits for the file to appear.
    const shot = /^\[speechlint-screenshot\] (\S+\.png)$/.exec(text.trim());
    if (shot) {
      mkdirSync(dirname(shot[1]), { recursive: true });
      void page.screenshot({ path: `${shot[1]}.partial.png` }).then(
        () => renameSync(`${shot[1]}.partial.png`, shot[1]),
        (error) => say(`screenshot ${shot[1]} failed: ${error.message}`),
      );
      return;
    }
    if (!VERBOSE && WORKBENCH_NOISE.test(text)) return;
    (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
  });
  page = context.pages()[0] || await context.newPage();
  if (VERBOSE) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (err) => say(`page error: ${err.message}`));
  page.on('crash', () => { say('the workbench page crashed'); finish(1); });

  // code-server has no --extensionDevelopmentPath flag: the web workbench takes the same settings
  // from its "payload" URL parameter, as URIs. They must name the server's files
  // (vscode-remote://host:port/path): a plain path is read as file:// in the browser, and the
  // workbench then finds "no extension host that can launch the test runner".
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split('/').map(encodeURIComponent).join('/')}`;
  const payload = [
    ...args.devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(args.testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = new URL(base);
  if (target) url.searchParams.set(isWorkspaceFile ? 'workspace' : 'folder', target);
  else url.searchParams.set('ew', 'true');
  url.searchParams.set('payload', JSON.stringify(payload));
  await page.goto(url.href);
  say(`workbench opened after ${elapsed()}`);

  const result = await Promise.race([exited, serverExited.then((why) => { throw new Error(why); })]);
  await finish(Number.isInteger(result.code) ? result.code : 1, result.logs);
}

main().catch(async (err) => {
  if (finishing) return; // shutting down already (timeout, signal): code-server's exit is expected
  say(`FAILED: ${err && err.stack || err}`);
  await finish(2);
});
