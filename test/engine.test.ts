import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith } from '../rules/engine/lint.js';
import { LineIndex } from '../rules/engine/line-index.js';
import { SourceDocument } from '../rules/engine/document.js';
import { applyFixes, fixUntilStable } from '../rules/engine/apply-fixes.js';
import { IntervalSet } from '../rules/engine/intervals.js';
import { firstIndex } from '../rules/engine/sorted.js';
import { IncrementalLinter } from '../rules/engine/incremental.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkConfig, createIncrementalLinter, fix, lint, resolveConfig, RULES, type Finding, type Rule } from '../rules/index.js';

/** A tiny rule for engine tests: reports every "坏" and fixes it to "好". */
const badChar: Rule = {
  meta: {
    id: 'bad-char',
    description: { zh: '测试', en: 'test' },
    category: 'style',
    defaultSeverity: 'warning',
    fixable: true,
    hasSuggestions: false,
    messages: { bad: '“{text}”不好' },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    for (let i = text.indexOf('坏'); i >= 0; i = text.indexOf('坏', i + 1)) {
      context.report({ messageId: 'bad', data: { text: '坏' }, range: { start: i, end: i + 1 }, fix: [{ range: { start: i, end: i + 1 }, text: '好' }] });
    }
  },
};

const throwing: Rule = { ...badChar, meta: { ...badChar.meta, id: 'throws' }, check() { throw new Error('boom'); } };

describe('LineIndex', () => {
  it('counts \\n, \\r\\n and lone \\r as line breaks, like LSP', () => {
    const index = new LineIndex('一\r\n二\r三\n四');
    assert.deepEqual(index.lineStarts, [0, 3, 5, 7]);
    assert.deepEqual(index.positionAt(3), { line: 2, column: 1 });
    assert.deepEqual(index.positionAt(6), { line: 3, column: 2 });
    assert.deepEqual(index.positionAt(8), { line: 4, column: 2 });
    assert.equal(index.offsetAt({ line: 3, column: 1 }), 5);
    assert.equal(index.lineText(0), '一');
  });

  it('counts columns in UTF-16 units (an Extension B character is two)', () => {
    const text = '𠀀坏';
    const [finding] = lintWith([badChar], text);
    assert.deepEqual(finding!.start, { line: 1, column: 3 });
    assert.deepEqual(finding!.range, { start: 2, end: 3 });
  });
});

describe('lint', () => {
  it('reports findings with message, severity, range and fix', () => {
    const findings = lintWith([badChar], '这是坏事\r\n又一件坏事');
    assert.equal(findings.length, 2);
    assert.equal(findings[1]!.message, '“坏”不好');
    assert.equal(findings[1]!.severity, 'warning');
    assert.deepEqual(findings[1]!.start, { line: 2, column: 4 });
    assert.deepEqual(findings[1]!.end, { line: 2, column: 5 });
  });

  it('contains a throwing rule: one internal-error finding, other rules still report', () => {
    const findings = lintWith([throwing, badChar], '坏');
    assert.equal(findings.length, 2);
    const internal = findings.find((f) => f.ruleId === 'throws')!;
    assert.equal(internal.messageId, 'internal-error');
    assert.match(internal.message, /boom/);
    assert.ok(findings.some((f) => f.ruleId === 'bad-char'));
  });

  it('refuses a fix from a rule not marked fixable, and a fix outside the finding', () => {
    const notFixable: Rule = { ...badChar, meta: { ...badChar.meta, id: 'not-fixable', fixable: false } };
    assert.equal(lintWith([notFixable], '坏')[0]!.messageId, 'internal-error');
    const outside: Rule = {
      ...badChar,
      meta: { ...badChar.meta, id: 'outside' },
      check(context) {
        context.report({ messageId: 'bad', range: { start: 0, end: 1 }, fix: [{ range: { start: 1, end: 2 }, text: '' }] });
      },
    };
    assert.equal(lintWith([outside], '坏坏')[0]!.messageId, 'internal-error');
  });

  it('applies severity overrides and turns rules off', () => {
    assert.equal(lintWith([badChar], '坏', { config: { rules: { 'bad-char': 'error' } } })[0]!.severity, 'error');
    assert.deepEqual(lintWith([badChar], '坏', { config: { rules: { 'bad-char': 'off' } } }), []);
  });

  it('drops findings inside an allowed phrase', () => {
    assert.equal(lintWith([badChar], '坏事和坏人', { config: { allow: ['坏人'] } }).length, 1);
  });

  it('never reports inside masked markdown (code, URLs, comments, front matter)', () => {
    const md = '---\ntitle: 坏\n---\n正文坏\n\n`坏` [链接](http://坏.com)\n\n```\n坏\n```\n<!-- 坏 -->\n';
    const findings = lintWith([badChar], md, { language: 'markdown' });
    assert.deepEqual(findings.map((f) => f.start.line), [4]);
  });

  it('honours speechlint-disable directives in markdown', () => {
    const md = '坏<!-- speechlint-disable-line bad-char -->\n<!-- speechlint-disable-next-line -->\n坏\n<!-- speechlint-disable -->\n坏\n<!-- speechlint-enable -->\n坏\n';
    assert.deepEqual(lintWith([badChar], md, { language: 'markdown' }).map((f) => f.start.line), [7]);
  });

  it('honours whole-line directives in plain text, masks them, and leaves <!-- inside prose alone', () => {
    const text = '<!-- speechlint-disable bad-char -->\n坏\n<!-- speechlint-enable bad-char -->\n坏<!-- speechlint-disable-line -->\n  <!-- speechlint-disable-next-line -->\n坏\n坏\n';
    // Line 4 carries its directive inside a line of prose: in plain text that is no directive.
    assert.deepEqual(lintWith([badChar], text).map((f) => f.start.line), [4, 7]);
    const document = new SourceDocument(text);
    assert.ok(!document.prose.includes('speechlint-disable bad-char'), 'the directive line is masked');
    assert.ok(document.prose.includes('坏<!-- speechlint-disable-line -->'), 'a comment inside prose is prose');
    // A directive line hides nothing of its own: a rule matching comment text finds nothing there.
    const comment: Rule = { ...badChar, meta: { ...badChar.meta, id: 'comment' }, check(context) {
      const i = context.document.prose.indexOf('<!--');
      if (i >= 0) context.report({ messageId: 'bad', range: { start: i, end: i + 4 } });
    } };
    assert.deepEqual(lintWith([comment], '<!-- speechlint-disable x -->\n正文\n'), []);
  });

  it('drops findings inside a file\'s speechlint-allow phrases, literally, in both languages', () => {
    const text = '<!-- speechlint-allow 坏人 -->\n坏人坏事\n';
    assert.deepEqual(lintWith([badChar], text).map((f) => f.start.column), [3]);
    assert.deepEqual(lintWith([badChar], text, { language: 'markdown' }).map((f) => f.start.column), [3]);
    // Written like a regex, still a literal phrase: a document cannot run patterns.
    assert.equal(lintWith([badChar], '<!-- speechlint-allow /坏./ -->\n坏人\n').length, 1);
    // Inside a sentence of plain text it is no directive.
    assert.equal(lintWith([badChar], '见<!-- speechlint-allow 坏人 -->坏人\n').length, 2);
  });

  it('treats a leading BOM as masked, keeping offsets into the given text', () => {
    const [finding] = lintWith([badChar], '\uFEFF坏');
    assert.deepEqual(finding!.range, { start: 1, end: 2 });
  });
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes and defers overlapping ones', () => {
    const findings = lintWith([badChar], '坏坏');
    const wide: Finding = { ...findings[0]!, range: { start: 0, end: 2 }, fix: [{ range: { start: 0, end: 2 }, text: 'x' }] };
    const result = applyFixes('坏坏', [wide, ...findings]);
    assert.equal(result.output, '好好');
    assert.deepEqual(result.deferred, [wide]);
    const insertion: Finding = { ...findings[0]!, fix: [{ range: { start: 1, end: 1 }, text: '又' }] };
    assert.deepEqual(applyFixes('坏坏', [findings[0]!, insertion]).deferred, [insertion]);
  });

  it('fixUntilStable reaches a fixed point and stops on cycles', () => {
    assert.equal(fixUntilStable('坏坏坏', (t) => lintWith([badChar], t)).output, '好好好');
    const flip: Rule = {
      ...badChar,
      meta: { ...badChar.meta, id: 'flip' },
      check(context) {
        const t = context.document.text;
        context.report({ messageId: 'bad', range: { start: 0, end: 1 }, fix: [{ range: { start: 0, end: 1 }, text: t[0] === 'a' ? 'b' : 'a' }] });
      },
    };
    const result = fixUntilStable('a', (t) => lintWith([flip], t));
    assert.ok(result.passes <= 2);
  });
});

describe('SourceDocument masking', () => {
  it('keeps the prose the same length as the text and line breaks in place', () => {
    const text = '正文`code`\n```\nx\n```\n';
    const doc = new SourceDocument(text, 'markdown');
    assert.equal(doc.prose.length, text.length);
    assert.equal(doc.prose.split('\n').length, text.split('\n').length);
    assert.ok(doc.touchesMask({ start: 2, end: 3 }));
    assert.ok(!doc.touchesMask({ start: 0, end: 2 }));
  });
});

describe('config', () => {
  it('validates and names the offending key', () => {
    const { problems } = checkConfig({ rules: { 'no-such-rule': 'error', placeholder: ['loud'] }, allow: 'X光', extra: 1 });
    const paths = problems.map((p) => p.path).sort();
    assert.deepEqual(paths, ['allow', 'extra', 'rules.no-such-rule', 'rules.placeholder']);
  });

  it('checks option types against the rule schema', () => {
    const { problems } = checkConfig({ rules: { placeholder: ['error', { extraWords: 'X光' }] } });
    assert.equal(problems[0]!.path, 'rules.placeholder.options.extraWords');
    const unknown = checkConfig({ rules: { placeholder: { severity: 'warning', options: { nope: true } } } });
    assert.equal(unknown.problems[0]!.path, 'rules.placeholder.options.nope');
  });

  it('merges layers: later severity wins, options merge key by key', () => {
    const merged = resolveConfig(
      { rules: { placeholder: ['warning', { extraWords: ['X因子'] }] } },
      { rules: { placeholder: 'error' } },
    );
    assert.equal(merged.rules.placeholder!.severity, 'error');
    assert.deepEqual(merged.rules.placeholder!.options, { extraWords: ['X因子'] });
    assert.equal(Object.keys(merged.rules).length, RULES.length);
  });

  it('lint() accepts a resolved config as a config file', () => {
    const config = resolveConfig({ rules: { 'punctuation-width': 'off' } });
    assert.deepEqual(lint('你好,世界', { config }).filter((f) => f.ruleId === 'punctuation-width'), []);
  });
});

describe('fixing the seeds', () => {
  const seeds = readdirSync('seeds').filter((n) => n.endsWith('.txt'));
  for (const name of seeds) {
    it(`${name}: one pass changes only fix ranges; fixing is idempotent`, () => {
      const text = readFileSync(join('seeds', name), 'utf8');
      const findings = lint(text);
      const pass = applyFixes(text, findings);
      // Rebuild the output from the untouched text between accepted edits: nothing else moved.
      const edits = pass.applied.flatMap((f) => f.fix!).sort((a, b) => a.range.start - b.range.start);
      let rebuilt = '';
      let cursor = 0;
      for (const edit of edits) {
        assert.ok(edit.range.start >= cursor, 'edits of one pass never overlap');
        rebuilt += text.slice(cursor, edit.range.start) + edit.text;
        cursor = edit.range.end;
      }
      assert.equal(pass.output, rebuilt + text.slice(cursor));
      const fixed = fix(text).output;
      assert.deepEqual(lint(fixed).filter((f) => f.fix), [], 'nothing fixable is left');
      assert.equal(fix(fixed).output, fixed, 'fixing again changes nothing');
    });
  }
});

describe('IncrementalLinter', () => {
  it('gives exactly what lint() gives, on every seed, before and after edits', async () => {
    const linter = createIncrementalLinter();
    for (const name of readdirSync('seeds').filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(join('seeds', name), 'utf8');
      assert.deepEqual(linter.lint(text), lint(text), name);
      const edited = text.slice(0, 200) + '的的X' + text.slice(200);
      assert.deepEqual(linter.lint(edited), lint(edited), `${name} edited`);
      assert.deepEqual(await linter.lintAsync(edited, {}, () => false), lint(edited), `${name} async`);
    }
  });

  it('gives up when a newer version makes the run stale', async () => {
    const linter = createIncrementalLinter();
    const text = readFileSync(join('seeds', '000_0ca60af3737e0165.txt'), 'utf8');
    assert.equal(await linter.lintAsync(text, {}, () => true), undefined);
  });

  it("keeps a rule's memo between runs, dropping what the latest run did not use; lint() keeps nothing", () => {
    const computed: string[] = [];
    const perLine: Rule = {
      ...badChar,
      meta: { ...badChar.meta, id: 'per-line' },
      check(context) {
        for (const line of context.document.prose.split('\n')) context.memo(line, () => computed.push(line));
      },
    };
    const linter = new IncrementalLinter([perLine]);
    linter.lint('甲\n乙');
    assert.deepEqual(computed, ['甲', '乙']);
    linter.lint('甲\n丙');
    assert.deepEqual(computed, ['甲', '乙', '丙'], 'only the changed line is computed again');
    linter.lint('乙\n丙');
    assert.deepEqual(computed, ['甲', '乙', '丙', '乙'], '乙 was dropped when a run did not use it');
    lintWith([perLine], '甲\n甲');
    assert.deepEqual(computed.slice(4), ['甲', '甲'], 'one-shot lint computes every time');
  });

  it('keys its cache by the configuration as well as the text', () => {
    const linter = createIncrementalLinter();
    const text = '新年伊始, 我们共聚一堂。';
    assert.equal(linter.lint(text).length, 1);
    assert.equal(linter.lint(text, { config: { rules: { 'punctuation-width': 'off' } } }).length, 0);
  });
});

describe('firstIndex (shared binary search)', () => {
  it('finds the first item past a point, like a linear scan', () => {
    const values = [1, 3, 3, 5, 8];
    for (let x = 0; x <= 9; x++) {
      assert.equal(firstIndex(values, (v) => v > x), values.findIndex((v) => v > x) === -1 ? values.length : values.findIndex((v) => v > x), `> ${x}`);
      assert.equal(firstIndex(values, (v) => v >= x), values.findIndex((v) => v >= x) === -1 ? values.length : values.findIndex((v) => v >= x), `>= ${x}`);
    }
    assert.equal(firstIndex([], () => true), 0);
  });
});

describe('IntervalSet', () => {
  it('answers overlap and collision queries like a linear scan', () => {
    const ranges = Array.from({ length: 300 }, (_, i) => ({ start: (i * 37) % 500, end: ((i * 37) % 500) + (i % 5) }));
    const set = new IntervalSet();
    const seen: { start: number; end: number }[] = [];
    for (const r of ranges) {
      const probe = { start: r.start, end: r.end + 1 };
      assert.equal(set.overlaps(probe), seen.some((s) => s.start < probe.end && probe.start < s.end));
      set.add(r);
      seen.push(r);
    }
    for (let x = 0; x < 510; x += 3) {
      const empty = { start: x, end: x };
      assert.equal(set.collides(empty), seen.some((s) => (s.start < x && x < s.end) || s.start <= x && x <= s.end));
    }
  });
});

describe('allow list: literal phrases, and checked /…/ regexes', () => {
  const withAllow = (allow: string[], text: string) => lint(text, { config: { allow } }).filter((f) => f.ruleId === 'placeholder').map((f) => text.slice(f.range.start, f.range.end));

  it('matches a plain entry literally: dots and brackets are characters', () => {
    assert.deepEqual(withAllow(['X.科技城'], '围绕XX科技城建设。'), withAllow([], '围绕XX科技城建设。'));
    assert.ok(withAllow([], '围绕XX科技城建设。').length > 0);
    assert.deepEqual(withAllow(['XX科技城'], '围绕XX科技城建设。'), []);
  });

  it('accepts the documented flags, u included', () => {
    for (const entry of ['/X{1,3}科技城/u', '/x{1,3}科技城/iu', '/X{1,3}科技城/su']) {
      assert.deepEqual(checkConfig({ allow: [entry] }).problems, [], entry);
    }
    assert.deepEqual(withAllow(['/x{1,3}科技城/iu'], '围绕XX科技城建设。'), []);
  });

  it('uses an entry written /…/ as a regular expression', () => {
    const text = '围绕XX科技城建设，X科技城发展。';
    assert.ok(withAllow([], text).length >= 2);
    assert.deepEqual(withAllow(['/X{1,3}科技城/'], text), []);
  });

  it('refuses regexes that could backtrack badly (exponential or polynomial), naming the entry', () => {
    for (const entry of ['/(a+)+$/', '/(a|a)*b/', '/((ab)*c)+/', '/(x{2,})*y/', '/(.)\\1/', '/[/', '/abc/g', `/${'a'.repeat(201)}/`, '/a*a*b/', '/.*.*x/', '/\\s*\\s*x/', '/X+科技城/', '/a{2,}/', '/.{0,99}.{0,99}x/', '/(a{1,3}){1,3}/']) {
      const { problems } = checkConfig({ allow: ['正常', entry] });
      assert.equal(problems.length, 1, entry);
      assert.equal(problems[0]!.path, 'allow[1]', entry);
    }
    for (const entry of ['/第[一二三]部分/', '/X{1,5}科技城/i', '/(甲|乙)科/', '/a{1,9}b{0,9}c?/', '/(ab)?c{1,4}/', '/(?:甲|乙)科/', '/[*+]{1,3}/']) {
      assert.deepEqual(checkConfig({ allow: [entry] }).problems, [], entry);
    }
  });

  it('never runs a refused regex (the input that would make it backtrack for ever is linted at once)', { timeout: 60_000 }, () => {
    const evil = `X科技城${'a'.repeat(40)}!`;
    assert.deepEqual(withAllow(['/(a+)+$/'], evil), ['X']);
  });
});
