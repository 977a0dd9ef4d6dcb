// The fix model and the damage net (rules/engine/fix-safety.ts): levels decide what a run
// applies, the engine refuses residue fixes without evidence or beyond its lines, and the
// applier refuses a run that would delete a sentence of prose or too many Han characters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixUntilStable, selectedEdits } from '../rules/engine/apply-fixes.js';
import { HAN_LOSS_ALLOWANCE, MAX_HAN_LOSS_SHARE } from '../rules/engine/fix-safety.js';
import { INTERNAL_ERROR, lintWith } from '../rules/engine/lint.js';
import type { ReportDescriptor, Rule, RuleContext } from '../rules/engine/types.js';

/** A rule that reports whatever `reports` computes from the text. */
function ruleReporting(reports: (text: string) => ReportDescriptor[], fixLevel: 'safe' | 'residue' = 'safe'): Rule {
  return {
    meta: {
      id: 'test-rule',
      description: { zh: '测试', en: 'test' },
      category: 'template',
      defaultSeverity: 'error',
      fixable: true,
      fixLevel,
      hasSuggestions: true,
      messages: { found: '发现“{text}”' },
      options: {},
    },
    check(context: RuleContext) {
      for (const r of reports(context.document.text)) context.report(r);
    },
  };
}

const deleteRange = (start: number, end: number, evidence?: { start: number; end: number }[]): ReportDescriptor => ({
  messageId: 'found',
  range: { start, end },
  fix: [{ range: { start, end }, text: '' }],
  ...(evidence ? { evidence } : {}),
});

const run = (rule: Rule, text: string, scope?: 'safe' | 'residue' | 'suggestion') => fixUntilStable(text, (t) => lintWith([rule], t), scope ? { scope } : {});

describe('fix levels', () => {
  it('a residue fix without evidence, or deleting a line that holds none, is a rule error, not a deletion', () => {
    const text = '横幅短语在这里\n下一行是正文。\n';
    const noEvidence = ruleReporting(() => [deleteRange(0, 8)], 'residue');
    const [finding] = lintWith([noEvidence], text);
    assert.equal(finding!.messageId, INTERNAL_ERROR);
    const sweeping = ruleReporting(() => [deleteRange(0, text.length, [{ start: 0, end: 4 }])], 'residue');
    assert.equal(lintWith([sweeping], text)[0]!.messageId, INTERNAL_ERROR);
    assert.equal(run(sweeping, text).output, text);
  });

  it('safe scope applies safe fixes only; suggestion scope adds preferred suggestions', () => {
    const text = '甲乙丙';
    const rule = ruleReporting(() => [
      { messageId: 'found', range: { start: 0, end: 1 }, fix: [{ range: { start: 0, end: 1 }, text: '子' }] },
      { messageId: 'found', range: { start: 1, end: 2 }, fix: [{ range: { start: 1, end: 2 }, text: '丑' }], fixLevel: 'residue', evidence: [{ start: 1, end: 2 }] },
      { messageId: 'found', range: { start: 2, end: 3 }, suggestions: [{ message: '改', edits: [{ range: { start: 2, end: 3 }, text: '寅' }], preferred: true }] },
    ]);
    const findings = lintWith([rule], text);
    assert.deepEqual(findings.map((f) => f.fixLevel), ['safe', 'residue', undefined]);
    assert.equal(selectedEdits(findings[1]!, { scope: 'safe' }), undefined);
    assert.equal(run(rule, text, 'safe').output, '子乙丙');
    assert.equal(run(rule, text).output, '子丑丙');
    assert.equal(run(rule, text, 'suggestion').output, '子丑寅');
  });
});

describe('the damage net', () => {
  it('refuses a run that deletes a whole sentence of prose, and changes nothing', () => {
    const text = '第一句是正文。第二句也是正文。第三句还是正文。';
    const rule = ruleReporting((t) => (t === text ? [deleteRange(7, 15)] : []));
    const result = run(rule, text);
    assert.equal(result.output, text);
    assert.match(result.refused!.message, /修复将删除整句正文“第二句也是正文。”，已拒绝/);
    assert.deepEqual(result.fixed, []);
  });

  it('sees a sentence deleted in two pieces by two findings', () => {
    const text = '第一句是正文。第二句也是正文。第三句还是正文。';
    const rule = ruleReporting((t) => (t === text ? [deleteRange(7, 11), deleteRange(11, 15)] : []));
    assert.ok(run(rule, text).refused);
  });

  it('lets a residue fix delete the sentence that holds its evidence, not a neighbour', () => {
    const text = '下面是小编为大家整理的讲话。同志们好。\n';
    const banner = ruleReporting((t) => (t === text ? [deleteRange(0, 14, [{ start: 3, end: 5 }])] : []), 'residue');
    assert.equal(run(banner, text).output, '同志们好。\n');
    const greedy = ruleReporting((t) => (t === text ? [deleteRange(0, 19, [{ start: 3, end: 5 }])] : []), 'residue');
    assert.match(run(greedy, text).refused!.message, /同志们好/);
  });

  it('refuses a run removing more than the share of Han characters, outside evidence', () => {
    const prose = '我们要坚持以人民为中心的发展思想，'.repeat(20); // 320 Han, no sentence end
    const bound = Math.max(HAN_LOSS_ALLOWANCE, Math.floor(320 * MAX_HAN_LOSS_SHARE));
    const cut = (n: number) => ruleReporting((t) => (t === prose ? [deleteRange(0, n)] : []));
    const han = (n: number) => (prose.slice(0, n).match(/\p{Script=Han}/gu) ?? []).length;
    let n = 0;
    while (han(n + 1) <= bound) n++;
    assert.equal(run(cut(n), prose).refused, undefined, `${han(n)} Han characters may go`);
    assert.match(run(cut(n + 1), prose).refused!.message, new RegExp(`修复将删除 ${bound + 1} 字正文（超过 ${bound} 字的上限）`));
    // The same deletion proved residue by its evidence is not counted.
    const proved = ruleReporting((t) => (t === prose ? [deleteRange(0, n + 1, [{ start: 0, end: n + 1 }])] : []), 'residue');
    assert.equal(run(proved, prose).refused, undefined);
  });

  it('summarises what a run changed', () => {
    const text = '甲乙丙丁。';
    const rule = ruleReporting((t) => (t.includes('乙') ? [deleteRange(t.indexOf('乙'), t.indexOf('乙') + 1)] : []));
    const result = run(rule, text);
    assert.equal(result.output, '甲丙丁。');
    assert.deepEqual(result.summary, { byRule: { 'test-rule': 1 }, hanRemoved: 1, charsRemoved: 1 });
  });
});

describe('applyEdits', () => {
  it('applies 30,000 edits in one pass over the text, in any order', () => {
    const text = '中,'.repeat(30_000);
    const edits = Array.from({ length: 30_000 }, (_, i) => ({ range: { start: 2 * i + 1, end: 2 * i + 2 }, text: '，' })).reverse();
    const output = applyEdits(text, edits);
    assert.equal(output, '中，'.repeat(30_000));
    // One pass: the output is built from 2 × edits + 1 pieces, not by rebuilding the string per edit.
    let slices = 0;
    const original = String.prototype.slice;
    String.prototype.slice = function (this: string, ...args: [number?, number?]) {
      slices++;
      return original.apply(this, args);
    };
    try {
      applyEdits(text, edits);
    } finally {
      String.prototype.slice = original;
    }
    assert.equal(slices, edits.length + 1);
  });
});

