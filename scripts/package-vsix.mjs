// `npm run package`: builds the VSIX for this platform. nodejieba is a native addon, so the
// VSIX is platform-specific (vsce --target): its runtime files (index.js, the .node binary and
// the HMM model) are staged under dist/node_modules, where dist/server.js requires it from. The
// word dictionary is our cut-down one, beside the bundle (dist/dict.utf8): jieba's own full
// dictionary and keyword tables stay out.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TARGETS = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-arm64', 'darwin-x64': 'darwin-x64', 'darwin-arm64': 'darwin-arm64', 'win32-x64': 'win32-x64' };
const target = TARGETS[`${process.platform}-${process.arch}`];
if (!target) throw new Error(`no VSIX target for ${process.platform}-${process.arch}`);

const from = 'node_modules/nodejieba';
const to = 'dist/node_modules/nodejieba';
rmSync('dist/node_modules', { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const file of ['package.json', 'index.js', 'LICENSE', 'build/Release/nodejieba.node']) cpSync(join(from, file), join(to, file));
for (const dict of ['hmm_model.utf8', 'user.dict.utf8', 'stop_words.utf8']) {
  cpSync(join(from, 'submodules/cppjieba/dict', dict), join(to, 'submodules/cppjieba/dict', dict));
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `speechlint-${target}-${version}.vsix`;
try {
  execFileSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--target', target, '--out', out], { stdio: 'inherit' });
} finally {
  // Staged for the VSIX only: left in dist/, `npm pack` would ship this platform's binary,
  // which dist/server.js would then load before the one npm builds for the user's machine.
  rmSync('dist/node_modules', { recursive: true, force: true });
}
console.log(`${out}: ${(statSync(out).size / 1024 / 1024).toFixed(1)} MB`);
