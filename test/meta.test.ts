// Keeps the registry, rule metadata, docs and the dependency direction honest.
import { derivedDictionary, DICTIONARY_PATH } from '../scripts/jieba-dictionary.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../rules/index.js';
import { rulesSettingSchema, speechlintrcSchema } from '../server/schema.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('rule registry and metadata', () => {
  it('is sorted by id, with unique kebab-case ids matching their folders', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(existsSync(join('rules', id, 'index.ts')), `rules/${id}/index.ts`);
    }
    const folders = readdirSync('rules').filter((n) => existsSync(join('rules', n, 'index.ts')) && n !== 'engine' && n !== 'text');
    assert.deepEqual(folders.sort(), ids, 'every rule folder is registered');
  });

  it('declares complete metadata, and the docs cover the rule', () => {
    for (const { meta } of RULES) {
      assert.ok(meta.description.zh && meta.description.en, `${meta.id}: description`);
      assert.ok(['template', 'script', 'punctuation', 'structure', 'style'].includes(meta.category));
      assert.ok(['error', 'warning', 'info', 'hint'].includes(meta.defaultSeverity));
      assert.equal(typeof meta.fixable, 'boolean');
      assert.equal(typeof meta.hasSuggestions, 'boolean');
      assert.ok(Object.keys(meta.messages).length > 0);
      for (const template of Object.values(meta.messages)) assert.match(template, /\p{Script=Han}/u, `${meta.id}: messages are Chinese`);
      for (const [name, schema] of Object.entries(meta.options)) {
        assert.ok(schema.description, `${meta.id}.${name}: option description`);
      }
      const doc = readFileSync(join('rules', meta.id, 'README.md'), 'utf8');
      assert.ok(doc.startsWith(`# ${meta.id}`), `${meta.id}: README.md starts with its id`);
      assert.match(doc, /## English/);
      for (const option of Object.keys(meta.options)) assert.ok(doc.includes(`\`${option}\``), `${meta.id}: README documents option ${option}`);
    }
  });

  it('lists every rule in the top-level README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const { meta } of RULES) assert.ok(readme.includes(`[\`${meta.id}\`](rules/${meta.id}/README.md)`), meta.id);
  });
});

describe('dependency direction', () => {
  it('rules/ imports no editor, protocol, file system or process modules', () => {
    const forbidden = /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|node:fs|fs|node:child_process|node:process|\.\.\/\.\.\/server[^'"]*|\.\.\/\.\.\/client[^'"]*)['"]/;
    // The one exception: the engine's own data files, shipped beside the bundle, read by path from __dirname.
    const bundledData = join('rules', 'text', 'bundled-data.ts');
    assert.match(readFileSync(bundledData, 'utf8'), /readFileSync\(join\(__dirname, pathFromBundle\), 'utf8'\)/);
    for (const file of sourceFiles('rules')) {
      const source = readFileSync(file, 'utf8');
      if (file === bundledData) continue;
      assert.doesNotMatch(source, forbidden, file);
      assert.doesNotMatch(source, /\bprocess\.(argv|stdout|exit)|console\./, file);
    }
  });

  it('server/ reaches the engine only through its public entry', () => {
    for (const file of sourceFiles('server')) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/from ['"]([^'"]*rules[^'"]*)['"]/g)) {
        assert.match(m[1]!, /\/rules\/index\.js$/, `${file} imports ${m[1]}`);
      }
    }
  });
});

describe('seeds', () => {
  it('are the five shared texts, unchanged where the originals are at hand', () => {
    const names = readdirSync('seeds').filter((n) => n.endsWith('.txt')).sort();
    assert.equal(names.length, 5);
    const shared = join('..', 'shared', 'seeds');
    if (!existsSync(shared)) return;
    for (const name of names) assert.ok(readFileSync(join('seeds', name)).equals(readFileSync(join(shared, name))), name);
  });
});

describe('generated files are in sync (npm run generate)', () => {
  it('schemas/speechlintrc.schema.json matches the rules', () => {
    const expected = JSON.stringify(speechlintrcSchema(RULES), null, 2) + '\n';
    assert.equal(readFileSync('schemas/speechlintrc.schema.json', 'utf8'), expected);
  });

  it('rules/text/jieba/dict.utf8 is the cut-down dictionary of the installed nodejieba', () => {
    assert.ok(readFileSync(DICTIONARY_PATH, 'utf8') === derivedDictionary(), 'run npm run generate');
  });

  it('package.json contributes one severity setting per rule, and the commands the client registers', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(properties['speechlint.rules'], rulesSettingSchema(RULES));
    for (const [key, value] of Object.entries(properties) as [string, { description?: string; markdownDescription?: string }][]) {
      assert.match(value.description ?? value.markdownDescription ?? '', /\p{Script=Han}/u, `${key} has a Chinese description`);
    }
    const client = sourceFiles('client').map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const { command } of manifest.contributes.commands as { command: string }[]) {
      assert.ok(client.includes(`'${command}'`), `client registers ${command}`);
    }
  });
});

describe('client dependencies', () => {
  it('client/ imports only vscode, vscode-languageclient and its own modules', () => {
    for (const file of sourceFiles('client')) {
      for (const m of readFileSync(file, 'utf8').matchAll(/from ['"]([^'"]+)['"]/g)) {
        assert.match(m[1]!, /^(vscode|vscode-languageclient(\/node)?|\.\/[\w-]+\.js)$/, `${file} imports ${m[1]}`);
      }
    }
  });
});
