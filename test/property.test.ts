// Property-based tests (fast-check) over generated drafts: pieces of the seed speeches mixed with
// noise (any Unicode, surrogate pairs and lone halves, Extension B, combining marks, zero-width
// and bidi controls, full-width Latin, lone \r and \r\n, runs of punctuation, placeholders,
// brackets, digits, markdown syntax, directives, enumerations, website residue). For plain text
// and markdown: lint never throws; every range lies in the text and splits no surrogate pair (nor
// a \r\n); the fixes applied in one pass never overlap and change nothing outside their ranges;
// fixing is idempotent; the incremental linter agrees with lint(). And the CLI's --fix writes the
// engine's result back in the file's encoding, BOM and line endings, or leaves the file untouched.
//
// Runs are bounded: a fixed number each, cut short after a time limit (the whole file stays
// under about 20 s). The seed is fixed so that a failure reproduces; set SPEECHLINT_FUZZ_SEED to
// explore others (a failure prints the seed and fast-check's replay path), SPEECHLINT_FUZZ_SCALE
// to multiply the runs and time limits.
import assert from 'node:assert/strict';
import * as nodeFs from 'node:fs';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import {
  applyFixes,
  createIncrementalLinter,
  fix,
  INTERNAL_ERROR,
  LineIndex,
  lint,
  MAX_FIX_PASSES,
  type ConfigFile,
  type DocumentLanguage,
  type Finding,
  type LintOptions,
  type OffsetRange,
  type TextEdit,
} from '../rules/index.js';
import type { CliFs } from '../server/cli/file-access.js';
import { decodeText } from '../server/cli/text-file.js';
import { convertScript } from '../rules/text/script.js';
import { cliHarness } from './cli-harness.js';
import { lostProse } from './prose-loss.js';

const SEED = Number(process.env.SPEECHLINT_FUZZ_SEED ?? 20260611);
/** Multiplies every property's runs and time limit, for a longer search than CI's. */
const SCALE = Number(process.env.SPEECHLINT_FUZZ_SCALE ?? 1);

const SEEDS = readdirSync('seeds')
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join('seeds', f), 'utf8'));

/** Runs `property`, at most `numRuns` times and for about `seconds`; a failure names the seed. */
async function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, numRuns: number, seconds: number): Promise<void> {
  try {
    await fc.assert(property, { seed: SEED, numRuns: numRuns * SCALE, interruptAfterTimeLimit: seconds * 1000 * SCALE, markInterruptAsFailure: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`fast-check seed ${SEED} (rerun with SPEECHLINT_FUZZ_SEED=${SEED}):\n${message}`, { cause: error });
  }
}

// --- Generated drafts ---------------------------------------------------------------------

const seedFragment = fc
  .record({ file: fc.nat(SEEDS.length - 1), at: fc.nat(), length: fc.integer({ min: 1, max: 160 }) })
  .map(({ file, at, length }) => {
    const seed = SEEDS[file]!;
    const start = at % seed.length;
    return seed.slice(start, start + length);
  });

const codePoints = (min: number, max: number, maxLength = 3) =>
  fc.array(fc.integer({ min, max }), { minLength: 1, maxLength }).map((cps) => String.fromCodePoint(...cps));

const oneOf = (text: string) => fc.constantFrom(...[...text]);

/** Noise that stays well-formed UTF-16 (files and the CLI need that). */
const wellFormedNoise = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }), // any code point, astral ones as surrogate pairs
  codePoints(0x20000, 0x2a6df), // CJK Extension B
  codePoints(0x4e00, 0x9fff, 4), // common Han
  codePoints(0x0300, 0x036f, 2), // combining marks
  oneOf('\u200b\u200c\u200d\u2060\ufeff'), // zero-width characters (a BOM inside the text too)
  oneOf('\u200e\u200f\u202a\u202b\u202e\u2066\u2069'), // bidi controls
  codePoints(0xff01, 0xff5e, 4), // full-width ASCII: Ｘ, ｘ, ＡＢ, １２, （）
  fc.constantFrom('\r', '\n', '\r\n', '\n\n', '\r\n\r\n', '\u2028', '\t', ' ', '\u3000', '\u00a0'),
  fc.array(oneOf('，。、；：？！…—～·“”‘’（）【】《》〔〕,.;:?!()[]\'"-'), { minLength: 1, maxLength: 8 }).map((a) => a.join('')),
  fc.constantFrom('X', 'XX', 'x', 'Ｘ', 'ｘ', '××', '某某', '○○', '〇〇', '□□', '___', '＿＿', '【请填写单位名称】', '（此处插入图表）', '{{姓名}}', '[待定]', '<单位名称>', 'X光机', '20XX年', 'X科技城', 'XX亿元'),
  fc.constantFrom('(', ')', '（', '）', '【', '】', '[', ']', '{', '}', '<', '>', '〔', '〕', '《', '》'),
  fc.oneof(fc.nat(100_000).map(String), fc.constantFrom('2021年5月24日', '1.5', '3x4', '1920x1080', '24%', '9:30', '1,234', '第3页')),
  fc.constantFrom('*', '**', '***', '_', '__', '`', '``', '```\n', '~~~\n', '# ', '## ', '> ', '- ', '1. ', '    ', '---\n', '+++\n', '[链接](http://a.cn/x "t")', '![图](x.png)', '<b>', '</b>', '<http://a.cn>', '\\*'),
  fc.constantFrom('<!-- speechlint-disable -->', '<!-- speechlint-enable -->', '<!-- speechlint-disable placeholder -->', '<!-- speechlint-disable-line -->', '<!-- speechlint-disable-next-line punctuation-width -->', '<!--', '-->', '<!-- 注释 -->'),
  fc.constantFrom('http://www.hancun.net/a_b?c=1', 'https://a.cn/x(1)', 'www.a.com', 'taowenge.com', 'a@b.cn', 'a-a-a', 'a.a.a', 'ftp://x'),
  fc.constantFrom('一是', '二是', '三是', '一要', '一、', '二、', '四、', '（一）', '（二）', '(三)', '1.', '2.', '3、', '（1）', '第一，', '第三，', '首先', '其次', '最后', '我讲三点意见：', '四个不允许', '等三个方面', '两项'),
  fc.constantFrom('下面是小编为大家整理的', '第 16 页 共 16 页', '……(未完，全文共15045字)', '（省略1393字，正式会员可完整阅读）', '上一篇：', '相关文章：', '- 3 -', '1、在高新区', '標(biāo)題', '调(diào)度', 'biāo'),
  fc.constantFrom('幹部', '實干', '發展', '臺灣', '为人民服务', '干部', '里程'),
  fc.constantFrom('的的', '我们我们', '进一步', '进一步加强', '加油加油', '推动高质量发展。推动高质量发展。'),
  fc.constantFrom('新年伊始, 我们', '增长24%, 实现', '(X个)', '讲话.doc', 'v1.2', '...', '……'),
  // Prose that looks like residue, lists and records that look like repeats (the fix-safety cases).
  fc.constantFrom(
    '大家可以扫码关注“政务服务”小程序，随时办理业务。',
    '市民可在线阅读电子图书，也可到馆借阅纸质图书。',
    '请各位点击下载会议材料，提前做好准备。',
    '对于网上发布的不实信息，我们已联系网站删除。',
    '晚会还有更多精彩内容，敬请期待！',
    '本文由市委党史研究室整理，供各单位学习参考。',
    '参会人员：\n1、张三\n2、李四\n3、王五\n',
    '出席\n出席\n缺席\n',
    '冲啊冲啊！',
    '这个字念作“行(háng)”，不念“行(xíng)”。',
    '“後”和“后”是两个不同的字。',
    '个人项目：第三，第五，第二。',
    '联系人：王敏，电话：0812-1234567\n市绿化委员会办公室\n2025年3月1日\n',
  ),
);

/** Lone surrogate halves: an editor buffer may hold them, a file cannot. */
const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '𠀀'.slice(0, 1), '𠀀'.slice(1));

const draftOf = (noise: fc.Arbitrary<string>) =>
  fc
    .array(fc.oneof({ weight: 2, arbitrary: seedFragment }, { weight: 5, arbitrary: noise }), { maxLength: 40 })
    .map((pieces) => pieces.join(''));

const draft = draftOf(fc.oneof({ weight: 20, arbitrary: wellFormedNoise }, { weight: 1, arbitrary: loneSurrogate }));

/** Both languages, and a config that makes more findings fixable (placeholder values, counts). */
const FIXING: ConfigFile = {
  rules: { 'enumeration-count': ['error', { fixCount: true }], 'phrase-overuse': 'warning' },
  placeholders: { X科技城: '攀枝花科技城', XX亿元: '12亿元', x同志: '张三同志' },
  allow: ['X光机'],
};
const lintOptions: fc.Arbitrary<LintOptions> = fc.record({
  language: fc.constantFrom<DocumentLanguage>('plaintext', 'markdown'),
  config: fc.constantFrom<ConfigFile | undefined>(undefined, FIXING),
});

// --- Checks ---------------------------------------------------------------------------------

/** Whether offset `i` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  const high = text.charCodeAt(i - 1);
  const low = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

function assertRange(text: string, range: OffsetRange, what: string): void {
  assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), `${what}: integer offsets`);
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `${what}: [${range.start}, ${range.end}) inside a text of ${text.length}`);
  assert.ok(!splitsPair(text, range.start) && !splitsPair(text, range.end), `${what}: [${range.start}, ${range.end}) splits a surrogate pair`);
  // Nor a CRLF: a fix that took half of one would leave a lone \r or \n in the file.
  for (const at of [range.start, range.end]) assert.ok(!(text[at - 1] === '\r' && text[at] === '\n'), `${what}: [${range.start}, ${range.end}) splits a \\r\\n`);
}

function assertFindings(text: string, findings: readonly Finding[]): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    const what = `${f.ruleId} ${JSON.stringify(text.slice(f.range.start, f.range.end))}`;
    assert.notEqual(f.messageId, INTERNAL_ERROR, `${f.ruleId} threw: ${f.message}`);
    assertRange(text, f.range, what);
    assert.deepEqual([f.start, f.end], [lines.positionAt(f.range.start), lines.positionAt(f.range.end)], `${what}: line and column`);
    for (const edit of f.fix ?? []) assertRange(text, edit.range, `${what} fix`);
    for (const s of f.suggestions ?? []) for (const edit of s.edits) assertRange(text, edit.range, `${what} suggestion`);
  }
}

/**
 * The edits are disjoint (an insertion may not share its point with another edit) and `output`
 * is `text` with exactly these edits made: every character outside them is where it was.
 */
function assertAppliedExactly(text: string, output: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  sorted.forEach((edit, i) => {
    const previous = sorted[i - 1];
    if (!previous) return;
    const touching = previous.range.end === edit.range.start && (previous.range.start === previous.range.end || edit.range.start === edit.range.end);
    assert.ok(previous.range.end < edit.range.start || (previous.range.end === edit.range.start && !touching), `applied fixes overlap: ${JSON.stringify([previous, edit])}`);
  });
  let at = 0; // in text
  let out = 0; // in output
  for (const edit of sorted) {
    const kept = edit.range.start - at;
    assert.equal(output.slice(out, out + kept), text.slice(at, edit.range.start), `text before offset ${edit.range.start} changed`);
    out += kept;
    assert.equal(output.slice(out, out + edit.text.length), edit.text, `fix at ${edit.range.start} not applied as given`);
    out += edit.text.length;
    at = edit.range.end;
  }
  assert.equal(output.slice(out), text.slice(at), `text after offset ${at} changed`);
}

// --- Properties -----------------------------------------------------------------------------

describe(`property-based: generated drafts (fast-check seed ${SEED})`, () => {
  it('lint never throws, no rule fails, and every range lies in the text without splitting a surrogate pair or a CRLF', async () => {
    await check(
      fc.property(draft, lintOptions, (text, options) => {
        assertFindings(text, lint(text, options));
      }),
      3000,
      5,
    );
  });

  it('each pass of fix applies non-overlapping fixes and changes nothing outside them', async () => {
    await check(
      fc.property(draft, lintOptions, (text, options) => {
        // fixUntilStable, pass by pass, checking each pass.
        const seen = new Set([text]);
        let current = text;
        for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
          const findings = lint(current, options);
          assertFindings(current, findings);
          const { output, applied, deferred } = applyFixes(current, findings);
          assert.equal(applied.length + deferred.length, findings.filter((f) => f.fix?.length).length, 'every fixable finding is applied or deferred');
          assertAppliedExactly(current, output, applied.flatMap((f) => f.fix!));
          if (applied.length === 0 || output === current || seen.has(output)) break;
          seen.add(output);
          current = output;
        }
        const result = fix(text, options);
        // Unless the damage net refused the run, which then changes nothing.
        assert.equal(result.output, result.refused ? text : current, 'fix() makes the same passes');
      }),
      1500,
      5,
    );
  });

  it('fixing never removes a sentence of prose that no finding touched', async () => {
    await check(
      fc.property(draft, lintOptions, (text, options) => {
        const { output } = fix(text, options);
        assert.deepEqual(lostProse(text, output, lint(text, options)), []);
      }),
      1000,
      4,
    );
  });

  it('fix is idempotent: fixing the fixed text changes nothing', async () => {
    await check(
      fc.property(draft, lintOptions, (text, options) => {
        const once = fix(text, options).output;
        assert.equal(fix(once, options).output, once);
      }),
      1000,
      3,
    );
  });

  it('the incremental linter agrees with lint() over a series of edits, sync and async', async () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat(40), insert: draftOf(wellFormedNoise).map((t) => t.slice(0, 60)) });
    await check(
      fc.asyncProperty(draft, fc.array(edit, { minLength: 1, maxLength: 4 }), lintOptions, async (text, edits, options) => {
        const linter = createIncrementalLinter();
        let current = text;
        assert.deepEqual(linter.lint(current, options), lint(current, options), 'first version');
        for (const { at, remove, insert } of edits) {
          const start = at % (current.length + 1);
          current = current.slice(0, start) + insert + current.slice(start + remove);
          assert.deepEqual(linter.lint(current, options), lint(current, options), `after an edit at ${start}`);
        }
        assert.deepEqual(await linter.lintAsync(current, options, () => false), lint(current, options), 'lintAsync');
      }),
      500,
      3,
    );
  });
});

// --- The CLI's --fix ------------------------------------------------------------------------

const { work, cli } = cliHarness('speechlint-property-');

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'gb18030' | 'big5';
type LineEnding = '\n' | '\r\n' | '\r';

/** Independent of the CLI's own encoder. */
function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
    case 'big5':
      return iconv.encode(text, 'big5hkscs');
  }
}

/** Whether the CLI reads `bytes` as `text` in `encoding` (it refuses NUL bytes outside UTF-16, and takes GB18030 or Big5 only for Chinese text that is not UTF-8 and reads as Chinese in just one of them). */
function readsAs(bytes: Buffer, text: string, encoding: Encoding): boolean {
  try {
    const decoded = decodeText(bytes);
    const name = encoding === 'utf8-bom' ? 'utf8' : encoding;
    return decoded.text === text && decoded.encoding === name && decoded.bom === (encoding !== 'utf8' && encoding !== 'gb18030' && encoding !== 'big5');
  } catch {
    return false;
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** Generated files: their encoding, their one kind of line ending, and text the CLI reads as written. */
const fileCase = fc.oneof(
  fc.record({
    encoding: fc.constantFrom<Encoding>('utf8', 'utf8-bom', 'utf16le', 'utf16be'),
    ending: fc.constantFrom<LineEnding>('\n', '\r\n', '\r'),
    text: draftOf(wellFormedNoise),
  }),
  // GB18030 is taken for bytes that are not UTF-8 and read as Chinese: seed text with a little ASCII.
  fc.record({
    encoding: fc.constant<Encoding>('gb18030'),
    ending: fc.constantFrom<LineEnding>('\n', '\r\n', '\r'),
    text: fc.array(fc.oneof({ weight: 4, arbitrary: seedFragment }, { weight: 1, arbitrary: fc.constantFrom(', ', '.', '(X)', '\n', 'X同志', '20XX年') }), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  }),
  // Big5 (Taiwan, Hong Kong): the same in traditional characters.
  fc.record({
    encoding: fc.constant<Encoding>('big5'),
    ending: fc.constantFrom<LineEnding>('\n', '\r\n', '\r'),
    text: fc.array(fc.oneof({ weight: 4, arbitrary: seedFragment.map((f) => convertScript(f, 'traditional')) }, { weight: 1, arbitrary: fc.constantFrom(', ', '.', '(X)', '\n', 'X同志', '20XX年') }), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  }),
).map(({ encoding, ending, text }) => ({ encoding, ending, text: text.replace(/^\ufeff+/, '').replace(LINE_BREAK, ending) }));

/** A node:fs with one call replaced: the CLI's real code path, with the kernel's answer changed. */
function fsWith(name: 'renameSync' | 'writeSync', replacement: (...args: never[]) => unknown): CliFs {
  return { ...nodeFs, [name]: replacement } as unknown as CliFs;
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('CLI --fix', () => {
  it("writes the engine's fix back in the file's encoding, BOM and line endings", async () => {
    let written = 0;
    await check(
      fc.asyncProperty(fileCase, fc.constantFrom('txt', 'md'), async ({ encoding, ending, text }, ext) => {
        const bytes = encode(text, encoding);
        fc.pre(readsAs(bytes, text, encoding));
        const dir = mkdtempSync(join(work, 'enc-'));
        const path = join(dir, `draft.${ext}`);
        writeFileSync(path, bytes);
        const ran = await cli(['--fix', path]);
        const result = fix(text, { language: ext === 'md' ? 'markdown' : 'plaintext' });
        // A run the damage net refuses exits 2 and leaves the file as it was.
        if (result.refused) assert.equal(ran.code, 2, ran.stderr);
        else assert.ok(ran.code === 0 || ran.code === 1, ran.stderr);
        const expected = result.output;
        assert.deepEqual(readFileSync(path), encode(expected, encoding), `${encoding}: the file holds the engine's fix, encoded as before`);
        // Whatever the fixes removed, the line breaks left are the file's own.
        const endings = new Set(expected.match(LINE_BREAK) ?? []);
        assert.ok(endings.size === 0 || (endings.size === 1 && endings.has(ending)), `line endings ${JSON.stringify([...endings])} in a ${JSON.stringify(ending)} file`);
        assert.deepEqual(readdirSync(dir), [basename(path)], 'no temporary file left');
        if (expected !== text) written++;
      }),
      200,
      3,
    );
    assert.ok(written > 0, 'some generated files needed fixing');
  });

  /** A fixable file (UTF-8 with BOM and CRLF, mode 640) in a folder of its own. */
  function fixableFile(name: string): { path: string; bytes: Buffer; mode: number } {
    const dir = mkdtempSync(join(work, 'atomic-'));
    const path = join(dir, name);
    const bytes = encode('新年伊始, 我们共聚一堂.\r\n围绕X科技城, 谢谢!\r\n', 'utf8-bom');
    writeFileSync(path, bytes, { mode: 0o640 });
    return { path, bytes, mode: statSync(path).mode };
  }

  function assertUntouched(file: { path: string; bytes: Buffer; mode: number }): void {
    assert.deepEqual(readFileSync(file.path), file.bytes, 'the original file is intact');
    assert.equal(statSync(file.path).mode, file.mode, 'and keeps its mode');
    assert.deepEqual(readdirSync(dirname(file.path)), [basename(file.path)], 'no temporary file left');
  }

  it('leaves the file intact and no temporary file when the rename fails', async () => {
    const file = fixableFile('rename.txt');
    const ran = await cli(['--fix', file.path], {
      fs: fsWith('renameSync', () => {
        throw errnoError('EXDEV');
      }),
    });
    assert.equal(ran.code, 2, 'a file that could not be written is a failure');
    assert.match(ran.stderr, /rename\.txt: .*cannot write.*EXDEV/);
    assertUntouched(file);
  });

  it('leaves the file intact and no temporary file when the disk fills up half-way through writing', async () => {
    const file = fixableFile('full.txt');
    const ran = await cli(['--fix', file.path], {
      fs: fsWith('writeSync', ((fd: number, data: Buffer) => {
        nodeFs.writeSync(fd, data.subarray(0, 5));
        throw errnoError('ENOSPC');
      }) as never),
    });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /full\.txt: .*cannot write.*ENOSPC/);
    assertUntouched(file);
  });

  it('leaves the file intact when its folder is read-only', { skip: process.getuid?.() === 0 ? 'root may write into read-only folders (the simulated failures above cover the path)' : false }, async () => {
    const file = fixableFile('readonly.txt');
    const dir = dirname(file.path);
    chmodSync(dir, 0o555);
    try {
      const ran = await cli(['--fix', file.path]);
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /readonly\.txt: .*cannot write.*EACCES/);
    } finally {
      chmodSync(dir, 0o755);
    }
    assertUntouched(file);
  });

  it('replaces the file, keeping its mode, when nothing fails', async () => {
    const file = fixableFile('ok.txt');
    const ran = await cli(['--fix', file.path]);
    assert.equal(ran.code, 1, 'the placeholder stays an error');
    assert.deepEqual(readFileSync(file.path), encode('新年伊始，我们共聚一堂。\r\n围绕X科技城，谢谢！\r\n', 'utf8-bom'));
    assert.equal(statSync(file.path).mode, file.mode);
    assert.deepEqual(readdirSync(dirname(file.path)), [basename(file.path)]);
  });
});
