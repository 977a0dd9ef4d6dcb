// One harness for every rule's fixtures (rules/<id>/fixtures/):
//   <name>.txt | <name>.md   input; each expected finding's exact range is marked ⟦like this⟧
//   <name>.fixed.txt | .md   optional: the text after `--fix` with this rule alone (safe and residue fixes)
//   <name>.suggested.txt|.md optional: the text after `--fix-level suggestion` (preferred suggestions too)
//   <name>.config.json       optional: a config file (ConfigFile) for the case
// For every fixture: findings equal the marks (none missing, none extra); fixing yields the
// fixed file; re-linting the fixed text finds nothing fixable; fixing again changes nothing;
// only fixable rules produce fixes and every fix stays inside its finding; the damage net
// never refuses a fixture's fixes.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, fix, lint, RULES, type ConfigFile, type DocumentLanguage, type Finding } from '../rules/index.js';

const OPEN = '⟦';
const CLOSE = '⟧';

export function parseMarkedText(marked: string): { text: string; ranges: { start: number; end: number }[] } {
  let text = '';
  const ranges: { start: number; end: number }[] = [];
  const stack: number[] = [];
  for (const char of marked) {
    if (char === OPEN) stack.push(text.length);
    else if (char === CLOSE) {
      const start = stack.pop();
      if (start === undefined) throw new Error('unbalanced ⟧ in fixture');
      ranges.push({ start, end: text.length });
    } else text += char;
  }
  if (stack.length) throw new Error('unbalanced ⟦ in fixture');
  return { text, ranges: ranges.sort((a, b) => a.start - b.start || a.end - b.end) };
}

function describeRange(text: string, r: { start: number; end: number }): string {
  const line = text.slice(0, r.start).split(/\r\n|\r|\n/).length;
  return `line ${line} [${r.start},${r.end}) 「${text.slice(r.start, r.end)}」`;
}

for (const rule of RULES) {
  const id = rule.meta.id;
  const dir = join('rules', id, 'fixtures');
  describe(`rule ${id}: fixtures`, () => {
    it('has fixtures showing findings and clean text', () => {
      assert.ok(existsSync(dir), `${dir} is missing`);
      const inputs = readdirSync(dir).filter((n) => /^[^.]+\.(txt|md)$/.test(n));
      const marked = inputs.filter((n) => readFileSync(join(dir, n), 'utf8').includes(OPEN));
      assert.ok(marked.length > 0, 'no fixture marks an expected finding');
    });
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).filter((n) => /^[^.]+\.(txt|md)$/.test(n)).sort()) {
      it(name, () => {
        const base = name.replace(/\.(txt|md)$/, '');
        const extension = name.slice(base.length);
        const language: DocumentLanguage = extension === '.md' ? 'markdown' : 'plaintext';
        const { text, ranges } = parseMarkedText(readFileSync(join(dir, name), 'utf8'));
        const configPath = join(dir, `${base}.config.json`);
        const config: ConfigFile = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : {};
        const options = { language, config, onlyRules: [id] };

        const findings = lint(text, options);
        const actual = findings.map((f) => describeRange(text, f.range));
        const expected = ranges.map((r) => describeRange(text, r));
        assert.deepEqual(actual, expected, `findings of ${id} differ from the marks in ${name}`);
        for (const f of findings) {
          assert.equal(f.ruleId, id);
          assertFixInsideFinding(f);
          if (!rule.meta.fixable) assert.equal(f.fix, undefined, 'a rule not marked fixable produced a fix');
        }

        const fixedPath = join(dir, `${base}.fixed${extension}`);
        const result = fix(text, options);
        assert.equal(result.refused, undefined, `the damage net refused fixing ${name}`);
        const suggestedPath = join(dir, `${base}.suggested${extension}`);
        const suggested = fix(text, options, { scope: 'suggestion' });
        if (existsSync(suggestedPath)) {
          assert.equal(suggested.refused, undefined, `the damage net refused applying the suggestions of ${name}`);
          assert.equal(suggested.output, readFileSync(suggestedPath, 'utf8'), `applying preferred suggestions to ${name} differs from ${base}.suggested${extension}`);
        } else if (!suggested.refused) {
          assert.equal(suggested.output, result.output, `${name} has preferred suggestions but no ${base}.suggested${extension}`);
        }
        if (existsSync(fixedPath)) {
          assert.equal(result.output, readFileSync(fixedPath, 'utf8'), `fixing ${name} differs from ${base}.fixed${extension}`);
        } else if (rule.meta.fixable) {
          assert.equal(findings.filter((f) => f.fix).length, 0, `${name} has fixable findings but no ${base}.fixed${extension}`);
        }
        const again = lint(result.output, options);
        assert.deepEqual(again.filter((f) => f.fix).map((f) => describeRange(result.output, f.range)), [], 'fixable findings remain after fixing');
        assert.equal(applyFixes(result.output, again).output, result.output, 'fixing twice changed the text again');
      });
    }
  });
}

function assertFixInsideFinding(f: Finding): void {
  for (const edit of f.fix ?? []) {
    assert.ok(edit.range.start >= f.range.start && edit.range.end <= f.range.end, `fix of ${f.ruleId} leaves its range`);
  }
}
