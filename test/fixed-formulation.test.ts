// fixed-formulation beyond its fixtures: the registry keeps its promises (every entry cites
// the sentence it was read in, periods do not overlap), the messages, and user entries checked
// against the option's schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lint, RULES } from '../rules/index.js';
import { validateConfig } from '../rules/engine/config.js';
import { BUILT_IN, versionAt } from '../rules/fixed-formulation/index.js';

const only = { onlyRules: ['fixed-formulation'] };
const messages = (text: string) => lint(text, only).map((f) => f.message);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

describe('fixed-formulation registry', () => {
  it('cites, for every entry, a document, its date, where it was read and the sentence, which spells the items out in order', () => {
    assert.ok(BUILT_IN.length >= 10);
    for (const f of BUILT_IN) {
      const s = f.source!;
      assert.ok(s.document && s.where && s.quote, `${f.name}: source incomplete`);
      assert.match(s.date, DAY, f.name);
      assert.equal(f.from, s.date, `${f.name}: in force from the date of the document it cites`);
      let at = -1;
      for (const item of f.items) {
        const next = s.quote!.indexOf(item, at + 1);
        assert.ok(next > at, `${f.name}: “${item}” is not in its quote, in order`);
        at = next;
      }
      // The wording shown in suggestions is the items with separators between them, nothing else.
      const wording = f.wording ?? f.items.join('、');
      let rest = wording;
      for (const item of f.items) rest = rest.replace(item, '');
      assert.match(rest, /^[、，]*$/u, `${f.name}: wording holds more than its items`);
    }
  });

  it('is listed in the rule README, each entry with its wording and period', () => {
    const readme = readFileSync('rules/fixed-formulation/README.md', 'utf8');
    for (const f of BUILT_IN) {
      const period = `${f.from} 起${f.until ? `，至 ${f.until}` : ''}`;
      assert.ok(readme.includes(`| ${f.name} | ${f.wording ?? f.items.join('、')} |`) && readme.includes(period), `${f.name} missing from README`);
    }
  });

  it('gives each name at most one wording at any date', () => {
    const byName = new Map<string, typeof BUILT_IN[number][]>();
    for (const f of BUILT_IN) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
    for (const [name, versions] of byName) {
      for (const v of versions) if (v.until) assert.ok(v.from! <= v.until, name);
      for (const a of versions) for (const b of versions) {
        if (a === b) continue;
        const overlap = (a.from ?? '') <= (b.until ?? '9999') && (b.from ?? '') <= (a.until ?? '9999');
        assert.ok(!overlap, `${name}: two wordings in force at once`);
      }
    }
  });

  it('judges a document by the wording of its date; an undated one by the wording in force, none when it has ended', () => {
    const versions = [
      { name: 'x', items: ['甲', '乙'], until: '2020-10-28' },
      { name: 'x', items: ['丙', '乙'], from: '2020-10-29' },
    ];
    assert.equal(versionAt(versions, { year: 2019, month: 5, day: 1 }), versions[0]);
    assert.equal(versionAt(versions, { year: 2020, month: 10, day: 29 }), versions[1]);
    assert.equal(versionAt(versions, undefined), versions[1]);
    assert.equal(versionAt([versions[0]!], undefined), undefined);
    assert.equal(versionAt([versions[1]!], { year: 2019, month: 1, day: 1 }), undefined);
  });
});

describe('fixed-formulation', () => {
  it('names what is missing, extra, misspelt or out of order, and the wording it should be', () => {
    assert.deepEqual(messages('要增强“四个意识”，即政治意识、大局意识、看齐意识。'), ['“四个意识”缺少“核心意识”，应为：政治意识、大局意识、核心意识、看齐意识']);
    assert.deepEqual(messages('要增强“四个意识”：政治意识、大局意识、核心意识、看齐意识、责任意识。'), ['“四个意识”中没有“责任意识”，应为：政治意识、大局意识、核心意识、看齐意识']);
    assert.deepEqual(messages('要坚定道路自信、制度自信、理论自信、文化自信这“四个自信”。'), ['“四个自信”的顺序应为：道路自信、理论自信、制度自信、文化自信']);
    assert.deepEqual(messages('统筹推进“五位一体”总体布局，即经济建设、政治建设、文化建设、社会建设、生态文名建设。'), ['“五位一体”中的“生态文名建设”应为“生态文明建设”']);
  });

  it('reads Traditional drafts through their Simplified folding', () => {
    assert.deepEqual(messages('要增強“四個意識”，即政治意識、大局意識、看齊意識。'), ['“四个意识”缺少“核心意识”，应为：政治意识、大局意识、核心意识、看齐意识']);
  });

  it('says when a wording is another period’s', () => {
    const config = { rules: { 'fixed-formulation': ['warning', { formulations: [{ name: '四个全面', items: ['全面建设社会主义现代化国家', '全面深化改革', '全面依法治国', '全面从严治党'], from: '2020-10-29' }] }] } } as const;
    const text = '要协调推进“四个全面”战略布局，即全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。\n\n（2023年4月2日）\n';
    assert.deepEqual(lint(text, { ...only, config: config as never }).map((f) => f.message), [
      '“四个全面”在成文日期（2023年4月2日）的表述是：全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党；所写是2017年10月24日至2020年10月28日的表述',
    ]);
  });

  it('leaves alone names without items, items without their name, and lists that only pick some items out', () => {
    assert.deepEqual(messages('增强“四个意识”、坚定“四个自信”、做到“两个维护”。'), []);
    assert.deepEqual(messages('要增强政治意识、大局意识、看齐意识。'), []);
    assert.deepEqual(messages('要增强“四个意识”，特别是核心意识、看齐意识。'), []);
    // The list ends where a new clause begins, even one ending like the items.
    assert.deepEqual(messages('要增强“四个意识”，即政治意识、大局意识、核心意识、看齐意识，增强服务意识。'), []);
  });

  it('checks user entries against the option schema, naming the entry and the field', () => {
    const problems = (formulations: unknown) =>
      validateConfig({ rules: { 'fixed-formulation': ['warning', { formulations }] } }, RULES).problems.map((p) => p.message);
    assert.deepEqual(problems([{ name: '三个一流', items: ['一流大学', '一流学科', '一流人才'], from: '2024-01-01' }]), []);
    assert.match(problems([{ items: ['一流大学', '一流学科'] }])[0]!, /第 1 项缺少“name”/);
    assert.match(problems([{ name: '三个一流', items: ['一流大学'] }])[0]!, /“items”应为非空字符串数组，至少 2 项/);
    assert.match(problems([{ name: '三个一流', items: ['一流大学', '一流学科'], form: '2024' }])[0]!, /未知字段“form”/);
    assert.match(problems([{ name: '三个一流', items: ['一流大学', '一流学科'], from: '2024年1月' }])[0]!, /“from”应为非空字符串，格式/);
    assert.match(problems('三个一流')[0]!, /对象数组/);
  });
});
