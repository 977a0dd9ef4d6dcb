// Bundles dist/cli.js, dist/server.js (language server) and dist/client.js (VS Code extension);
// with --tests also every test file (out/test/*.test.js) and the extension-host suite
// (out/vscode-test/); with --generate runs scripts/generate.ts; with --corpus builds
// out/scripts/corpus.js (`npm run corpus`); --production minifies.
// Bundles are CommonJS (nodejieba is a native CommonJS addon; VS Code loads extensions with
// require), so each output folder gets a package.json saying so: the root one says "module".
// nodejieba stays external: it loads its native binary and dictionaries from its own folder.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openccDictionaryFiles } from './esbuild-plugins.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['nodejieba', 'vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.txt': 'text', '.utf8': 'file' },
  // The segmenter's dictionary lands beside each bundle under its own name.
  assetNames: '[name]',
  // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  plugins: [openccDictionaryFiles],
};

function markCommonJs(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, '{ "type": "commonjs" }\n');
}

function filesEndingWith(dir, suffix) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesEndingWith(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

await build({
  ...common,
  entryPoints: { server: 'server/server-main.ts', client: 'client/extension.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
});
// The CLI leaves iconv-lite out (a runtime dependency, required only for a GBK or Big5 file):
// its half megabyte of tables was parsed on every run. The VSIX has no node_modules, so the
// language server keeps it bundled.
await build({
  ...common,
  external: [...common.external, 'iconv-lite'],
  entryPoints: { cli: 'server/cli-main.ts' },
  outdir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
});
markCommonJs('dist');

if (args.has('--tests')) {
  rmSync('out', { recursive: true, force: true });
  const tests = filesEndingWith('test', '.test.ts').filter((t) => !t.startsWith(join('test', 'vscode')));
  await build({
    ...common,
    entryPoints: Object.fromEntries(tests.map((t) => [relative('test', t).replace(/\.ts$/, ''), t])),
    outdir: 'out/test',
    // Loaded from node_modules: recheck finds its native analyser beside itself, and the
    // TypeScript compiler is too large to bundle into a test.
    external: [...common.external, 'recheck', 'typescript'],
  });
  // The extension-host suite: mocha is bundled in, `vscode` comes from the host.
  if (existsSync('test/vscode/suite/index.ts')) {
    await build({
      ...common,
      entryPoints: { index: 'test/vscode/suite/index.ts' },
      outdir: 'out/vscode-test',
      logOverride: { 'require-resolve-not-external': 'silent' },
    });
  }
  markCommonJs('out');
}

if (args.has('--corpus')) {
  await build({ ...common, entryPoints: { corpus: 'scripts/corpus.ts' }, outdir: 'out/scripts' });
  markCommonJs('out');
}

if (args.has('--generate')) {
  await build({ ...common, entryPoints: { generate: 'scripts/generate.ts' }, outdir: 'out/scripts' });
  markCommonJs('out');
  execFileSync(process.execPath, ['out/scripts/generate.js'], { stdio: 'inherit' });
}
