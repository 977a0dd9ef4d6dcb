// Bundles the CLI (dist/cli.cjs) and, with --tests, every test file (out/test/*.test.cjs).
// nodejieba stays external: it loads its native binary and dictionaries from its own folder.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
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
  outExtension: { '.js': '.cjs' },
};

await build({ ...common, entryPoints: { cli: 'server/cli-main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });

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
}
