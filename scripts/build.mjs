// Bundles the CLI (dist/cli.js) and, with --tests, every test file (out/test/*.test.js).
// Bundles are CommonJS (nodejieba is a native CommonJS addon; VS Code loads extensions with
// require), so each output folder gets a package.json saying so: the root one says "module".
// nodejieba stays external: it loads its native binary and dictionaries from its own folder.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const withTests = process.argv.includes('--tests');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['nodejieba'],
  sourcemap: true,
  logLevel: 'warning',
  loader: { '.txt': 'text' },
};

function markCommonJs(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, '{ "type": "commonjs" }\n');
}

await build({ ...common, entryPoints: { cli: 'server/cli-main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });
markCommonJs('dist');

if (withTests) {
  const tests = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) tests.push(path);
    }
  };
  walk('test');
  rmSync('out', { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: Object.fromEntries(tests.map((t) => [relative('test', t).replace(/\.ts$/, ''), t])),
    outdir: 'out/test',
  });
  markCommonJs('out');
}
