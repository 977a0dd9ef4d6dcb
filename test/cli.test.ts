import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import { fix, lint } from '../rules/index.js';
import { run } from '../server/cli/run.js';
import { loadConfigFile } from '../server/config-loader.js';
import { RULES } from '../rules/index.js';
import { cliHarness, type Ran } from './cli-harness.js';

const ROOT = process.cwd();
const SEED_001 = join(ROOT, 'seeds', '001_dec61c6e8abe713a.txt');
const { work, cli, fixture } = cliHarness('speechlint-cli-');

describe('exit codes', () => {
  it('0 for a clean draft', async () => {
    fixture('clean/ok.txt', '同志们：今天召开会议，我讲三点意见。\n');
    const ran = await cli(['clean/ok.txt']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stdout, '');
  });

  it('1 for lint errors', async () => {
    fixture('errors/x.txt', '紧紧围绕X科技城三大发展定位。\n');
    const ran = await cli(['errors/x.txt']);
    assert.equal(ran.code, 1);
    assert.match(ran.stdout, /placeholder/);
    assert.match(ran.stdout, /1:5/);
  });

  it('0 for warnings only, 1 once they exceed --max-warnings', async () => {
    fixture('warn/w.txt', '新年伊始, 我们共聚一堂。\n');
    assert.equal((await cli(['warn/w.txt'])).code, 0);
    assert.equal((await cli(['warn/w.txt', '--max-warnings', '1'])).code, 0);
    const over = await cli(['warn/w.txt', '--max-warnings', '0']);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /max-warnings/);
  });

  it('2 for usage errors, missing files, unknown rules and bad configs, naming the file', async () => {
    assert.equal((await cli(['--no-such-flag', 'x.txt'])).code, 2);
    assert.equal((await cli(['--format', 'xml', 'x.txt'])).code, 2);
    assert.equal((await cli(['--rule', 'no-such-rule=off', 'clean/ok.txt'])).code, 2);
    assert.equal((await cli([])).code, 2);
    const missing = await cli(['nowhere.txt']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.txt/);
    fixture('badcfg/.speechlintrc.json', '{ "rules": { "placeholder": "loud" }, ]');
    fixture('badcfg/a.txt', '你好。\n');
    const bad = await cli(['badcfg/a.txt']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.speechlintrc\.json/);
    assert.match(bad.stderr, /JSON/);
    fixture('badcfg2/.speechlintrc.json', '{ "rules": { "placeholder": ["error", { "extraWords": 3 }] } }');
    fixture('badcfg2/a.txt', '你好。\n');
    const wrongType = await cli(['badcfg2/a.txt']);
    assert.equal(wrongType.code, 2);
    assert.match(wrongType.stderr, /rules\.placeholder\.options\.extraWords/);
  });

  it('reads a config with comments and trailing commas; a syntax error names its line and column', async () => {
    fixture('jsonc/.speechlintrc.json', '{\n  // 项目配置\n  /* 占位符 */ "placeholders": { "X市": "杭州市", },\n  "rules": { "punctuation-width": "off", },\n}\n');
    const path = fixture('jsonc/a.txt', '来到X市考察, 调研。\n');
    const ran = await cli(['--fix', 'jsonc/a.txt']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(readFileSync(path, 'utf8'), '来到杭州市考察, 调研。\n');
    fixture('jsonc2/.speechlintrc.json', '{\n  // 注释\n  "rules": { "placeholder" "off" }\n}\n');
    fixture('jsonc2/a.txt', '你好。\n');
    const broken = await cli(['jsonc2/a.txt']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /第 3 行第 28 列 \(line 3\) 不是有效的 JSON \/ invalid JSON: ColonExpected/);
  });

  it('2 for a .speechlintrc.json that is not UTF-8 (GBK), naming the file; a UTF-8 BOM is fine', async () => {
    const iconv = (await import('iconv-lite')).default;
    fixture('gbkcfg/.speechlintrc.json', iconv.encode(JSON.stringify({ placeholders: { 'X市': '杭州市' } }), 'gbk'));
    const path = fixture('gbkcfg/a.txt', '来到X市考察。\n');
    const ran = await cli(['--fix', 'gbkcfg/a.txt']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /gbkcfg[\\/]\.speechlintrc\.json/);
    assert.match(ran.stderr, /配置文件不是有效的 UTF-8 编码 \/ config file is not valid UTF-8/);
    assert.equal(readFileSync(path, 'utf8'), '来到X市考察。\n', 'the draft is untouched');
    fixture('bomcfg/.speechlintrc.json', '\uFEFF' + JSON.stringify({ placeholders: { 'X市': '杭州市' } }));
    fixture('bomcfg/a.txt', '来到X市考察。\n');
    const withBom = await cli(['bomcfg/a.txt']);
    assert.notEqual(withBom.code, 2, withBom.stderr);
  });

  it('2, naming the key, for a config nested 100,000 deep, an object rule value with unknown keys, and 130,000 allow entries (no stack overflow)', async () => {
    const cases: [string, string, RegExp][] = [
      ['deepcfg', `{"rules":{"placeholder":${'['.repeat(100_000)}"error"${']'.repeat(100_000)}}}`, /rules\.placeholder: 嵌套超过 64 层/],
      ['objcfg', JSON.stringify({ rules: { placeholder: { level: 'off' } } }), /rules\.placeholder\.level: 未知的键/],
      ['bigcfg', JSON.stringify({ allow: Array.from({ length: 130_000 }, (_, i) => `短语${i}`) }), /allow: 最多 10000 条，现有 130000 条/],
    ];
    for (const [dir, config, problem] of cases) {
      fixture(`${dir}/.speechlintrc.json`, config);
      fixture(`${dir}/a.txt`, '围绕X科技城。\n');
      const ran = await cli([`${dir}/a.txt`]);
      assert.equal(ran.code, 2, dir);
      assert.match(ran.stderr, problem);
      assert.doesNotMatch(ran.stderr, /call stack|内部错误/);
    }
    // 10,000 entries, the most allowed, work.
    fixture('manycfg/.speechlintrc.json', JSON.stringify({ allow: [...Array.from({ length: 9_999 }, (_, i) => `短语${i}`), 'X科技城'] }));
    fixture('manycfg/a.txt', '围绕X科技城。\n');
    assert.equal((await cli(['manycfg/a.txt'])).code, 0);
  });

  it('2 for a placeholders value that contains its own key, naming the key', async () => {
    fixture('selfcfg/.speechlintrc.json', JSON.stringify({ placeholders: { 'X市': 'X市X市' } }));
    const path = fixture('selfcfg/a.txt', '来到X市考察。\n');
    const ran = await cli(['--fix', 'selfcfg/a.txt']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /\.speechlintrc\.json/);
    assert.match(ran.stderr, /placeholders\.X市/);
    assert.equal(readFileSync(path, 'utf8'), '来到X市考察。\n', 'the draft is untouched');
  });

  it('2 for a file that is not text (binary, undecodable bytes), still linting the others', async () => {
    fixture('mixed/bin.txt', Buffer.from([0x00, 0x01, 0x02, 0xff]));
    fixture('mixed/bad.txt', Buffer.concat([Buffer.from('正文', 'utf8'), Buffer.from([0xff, 0x41, 0x80])]));
    fixture('mixed/gbk.txt', iconv.encode('各位代表：新年伊始，我们共聚一堂，共商发展大计。X\n', 'gb18030'));
    fixture('mixed/ok.txt', '紧紧围绕X科技城。\n');
    const ran = await cli(['mixed', '--format', 'json']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /bin\.txt.*binary/);
    assert.match(ran.stderr, /bad\.txt.*byte 7/);
    assert.doesNotMatch(ran.stderr, /gbk\.txt/);
    const results = JSON.parse(ran.stdout) as { filePath: string; errorCount: number; fatalErrorCount: number }[];
    assert.equal(results.length, 4);
    assert.equal(results.find((r) => r.filePath.endsWith('ok.txt'))!.errorCount, 1);
    assert.equal(results.find((r) => r.filePath.endsWith('gbk.txt'))!.errorCount, 1, 'GBK is decoded and linted');
    assert.equal(results.filter((r) => r.fatalErrorCount === 1).length, 2);
  });
});

describe('formats', () => {
  for (const format of ['stylish', 'json', 'github'] as const) {
    it(`${format}: writes each file's report as soon as the file is linted (streams; holds no file's results)`, async () => {
      const dir = join(work, `stream-${format}`);
      const a = fixture(`stream-${format}/a.txt`, '新年伊始, 我们围绕X科技城。\n');
      const b = fixture(`stream-${format}/b.txt`, '我们围绕XX亿元。\n');
      const writes: string[] = [];
      await run({
        argv: ['--format', format, dir],
        cwd: work,
        env: {},
        stdout: { write: (s: string) => writes.push(s) },
        stderr: { write: () => undefined },
      });
      // a's report is a write of its own, before b's.
      const firstA = writes.findIndex((w) => w.includes(format === 'json' ? JSON.stringify(a) : 'a.txt'));
      const firstB = writes.findIndex((w) => w.includes(format === 'json' ? JSON.stringify(b) : 'b.txt'));
      assert.ok(firstA >= 0 && firstB > firstA, `writes: ${JSON.stringify(writes)}`);
      assert.ok(!writes[firstA]!.includes('b.txt'));
      if (format === 'json') assert.equal(JSON.parse(writes.join('')).length, 2);
    });
  }

  it('json has the ESLint formatter shape', async () => {
    const ran = await cli(['--format', 'json', SEED_001]);
    const [result] = JSON.parse(ran.stdout) as Record<string, unknown>[];
    assert.equal(result!.filePath, SEED_001);
    for (const key of ['messages', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']) assert.ok(key in result!, key);
    const messages = result!.messages as Record<string, unknown>[];
    assert.ok(messages.length > 0);
    for (const m of messages) {
      assert.equal(typeof m.ruleId, 'string');
      assert.ok(m.severity === 1 || m.severity === 2);
      for (const key of ['line', 'column', 'endLine', 'endColumn']) assert.equal(typeof m[key], 'number');
      if (m.fix) {
        const fixField = m.fix as { range: [number, number]; text: string };
        assert.ok(Array.isArray(fixField.range) && fixField.range.length === 2 && typeof fixField.text === 'string');
      }
    }
    const counted = messages.filter((m) => m.severity === 2).length;
    assert.equal(result!.errorCount, counted);
  });

  it('sarif is SARIF 2.1.0 with rules, results and UTF-16 columns', async () => {
    const ran = await cli(['--format', 'sarif', SEED_001]);
    const log = JSON.parse(ran.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const runEntry = log.runs[0];
    assert.equal(runEntry.tool.driver.name, 'speechlint');
    assert.equal(runEntry.columnKind, 'utf16CodeUnits');
    assert.ok(runEntry.tool.driver.rules.some((r: { id: string }) => r.id === 'placeholder'));
    assert.ok(runEntry.results.length > 0);
    for (const r of runEntry.results) {
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.equal(runEntry.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      const region = r.locations[0].physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1);
    }
  });

  it('github prints one workflow command per finding', async () => {
    const ran = await cli(['--format', 'github', SEED_001]);
    const lines = ran.stdout.trim().split('\n');
    assert.ok(lines.length > 10);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=speechlint\([a-z-]+\)::/);
  });

  it('stylish groups by file and shows message, rule id, position and excerpt; --no-color has no escapes', async () => {
    fixture('stylish/a.txt', '紧紧围绕X科技城三大发展定位。\n');
    const plain = await cli(['stylish/a.txt', '--no-color']);
    assert.match(plain.stdout, /^stylish\/a\.txt$/m);
    assert.match(plain.stdout, /1:5 {2}错误 {2}模板占位符“X”未替换.* {2}placeholder/);
    assert.match(plain.stdout, /紧紧围绕X科技城三大发展定位。\n\s+\^/);
    assert.ok(!plain.stdout.includes('\x1b['));
    const colored = await cli(['stylish/a.txt'], { env: { FORCE_COLOR: '1' } });
    assert.ok(colored.stdout.includes('\x1b['));
  });

  it('--quiet reports errors only', async () => {
    fixture('quiet/a.txt', '新年伊始, 我们围绕X科技城。\n');
    const ran = await cli(['quiet/a.txt', '--quiet', '--format', 'json']);
    const [result] = JSON.parse(ran.stdout);
    assert.deepEqual(result.messages.map((m: { ruleId: string }) => m.ruleId), ['placeholder']);
  });

  it('gitlab is a Code Quality array: fields, unique fingerprints stable when lines above move, [] when clean', async () => {
    const body = '围绕X科技城。新年伊始, 我们围绕X科技城。\n';
    fixture('gl/a.txt', body);
    const issues = JSON.parse((await cli(['--format', 'gitlab', 'gl/a.txt'])).stdout) as Record<string, any>[];
    assert.ok(issues.length >= 3);
    for (const i of issues) {
      assert.equal(typeof i.description, 'string');
      assert.match(i.check_name, /^[a-z-]+$/);
      assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
      assert.equal(i.location.path, 'gl/a.txt');
      assert.ok(i.location.lines.begin >= 1);
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'two identical placeholders still get two fingerprints');
    assert.ok(issues.some((i) => i.severity === 'major') && issues.some((i) => i.severity === 'minor'));
    fixture('gl/a.txt', '同志们：\n\n' + body);
    const moved = JSON.parse((await cli(['--format', 'gitlab', 'gl/a.txt'])).stdout) as Record<string, any>[];
    assert.deepEqual(moved.map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
    assert.deepEqual(moved.map((i) => i.location.lines.begin), issues.map((i) => i.location.lines.begin + 2));
    fixture('gl/clean.txt', '同志们：今天召开会议。\n');
    assert.equal((await cli(['--format', 'gitlab', 'gl/clean.txt'])).stdout, '[]\n');
  });

  it('junit is well-formed XML with one suite per file, failures counted, specials and control characters escaped', async () => {
    fixture('ju/a&b.txt', '围绕X科技城。新年伊始, 我们。\n');
    fixture('ju/clean.txt', '同志们：今天召开会议。\n');
    fixture('ju/bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    const ran = await cli(['--format', 'junit', 'ju']);
    const suites: { name: string; tests: number; failures: number; errors: number }[] = [];
    let failures = 0;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      const a = tag.attributes as Record<string, string>;
      if (tag.name === 'testsuite') suites.push({ name: a.name!, tests: Number(a.tests), failures: Number(a.failures), errors: Number(a.errors) });
      if (tag.name === 'failure') failures++;
    });
    parser.write(ran.stdout).close(); // throws on anything not well-formed
    assert.deepEqual(suites.map((s) => s.name).sort(), ['ju/a&b.txt', 'ju/bin.txt', 'ju/clean.txt']);
    const a = suites.find((s) => s.name === 'ju/a&b.txt')!;
    assert.ok(a.failures >= 2 && a.tests === a.failures);
    assert.equal(failures, a.failures);
    assert.deepEqual(suites.find((s) => s.name === 'ju/clean.txt'), { name: 'ju/clean.txt', tests: 1, failures: 0, errors: 0 });
    assert.equal(suites.find((s) => s.name === 'ju/bin.txt')!.errors, 1);
    const { xml } = await import('../server/cli/formatters/junit.js');
    const hostile = 'a\u0000b\u001b]]><x y="1">&\ud800';
    let text = '';
    const inner = new SaxesParser();
    inner.on('text', (t) => (text += t));
    inner.write(`<r>${xml(hostile)}</r>`).close();
    assert.equal(text, 'a\\u0000b\\u001b]]><x y="1">&\\ud800');
  });

  it('counts in English are singular for one', async () => {
    fixture('one/a.txt', '紧紧围绕X科技城三大发展定位。\n');
    const ran = await cli(['one/a.txt', '--no-color']);
    assert.match(ran.stdout, /1 problem \(1 error, 0 warnings\)/);
    assert.doesNotMatch(ran.stdout, /1 problems|1 errors/);
  });
});

describe('fixing', () => {
  it('--fix rewrites a copy of a seed to what the engine computes and leaves nothing fixable', async () => {
    const copy = join(work, 'fix', 'seed.txt');
    mkdirSync(join(work, 'fix'), { recursive: true });
    copyFileSync(SEED_001, copy);
    const original = readFileSync(copy, 'utf8');
    const ran = await cli(['--fix', copy]);
    assert.equal(ran.code, 1, 'placeholders without a value stay as errors');
    const fixed = readFileSync(copy, 'utf8');
    assert.notEqual(fixed, original);
    assert.equal(fixed, fix(original).output);
    assert.deepEqual(lint(fixed).filter((f) => f.fix), []);
    // Only what the rules fix changed: the placeholders' text is still there, in order.
    const placeholders = (t: string) => lint(t, { onlyRules: ['placeholder'] }).map((f) => t.slice(f.range.start, f.range.end));
    assert.deepEqual(placeholders(fixed), placeholders(original));
  });

  it('--fix keeps the BOM, CRLF line endings and UTF-16 encoding', async () => {
    const utf8 = fixture('fix/bom.txt', '\uFEFF新年伊始, 我们共聚一堂.\r\n共商发展, 谢谢!\r\n');
    await cli(['--fix', utf8]);
    assert.equal(readFileSync(utf8, 'utf8'), '\uFEFF新年伊始，我们共聚一堂。\r\n共商发展，谢谢！\r\n');
    const utf16 = fixture('fix/utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('伊始, 我们\r\n', 'utf16le')]));
    await cli(['--fix', utf16]);
    const bytes = readFileSync(utf16);
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(bytes.subarray(2).toString('utf16le'), '伊始，我们\r\n');
  });

  it('--fix writes a GB18030 file back in GB18030', async () => {
    const original = Buffer.from('d0c2c4ead2c1cabc2c20ced2c3c7b9b2bedbd2bbccc32e0d0a', 'hex'); // "新年伊始, 我们共聚一堂.\r\n" in GBK
    const path = fixture('fix/gbk.txt', original);
    await cli(['--fix', path]);
    const bytes = readFileSync(path);
    assert.equal(new TextDecoder('gb18030').decode(bytes), '新年伊始，我们共聚一堂。\r\n');
    assert.ok(!bytes.includes(Buffer.from('，', 'utf8')), 'not rewritten as UTF-8');
  });

  it('--fix writes a Big5 file back in Big5, never as GB18030 mojibake', async () => {
    const text = '各位議員，政府的施政報告, 今天向大會提出意見.\r\n';
    const original = iconv.encode(text, 'big5hkscs');
    // The trap: these bytes also decode without error as GB18030, into other characters.
    assert.notEqual(new TextDecoder('gb18030', { fatal: true }).decode(original), text);
    const path = fixture('fix/big5.txt', original);
    const ran = await cli(['--fix', path]);
    assert.ok(ran.code === 0 || ran.code === 1, ran.stderr);
    assert.equal(iconv.decode(readFileSync(path), 'big5hkscs'), '各位議員，政府的施政報告，今天向大會提出意見。\r\n');
  });

  it('refuses bytes that read as Chinese in both GB18030 and Big5 rather than guess (exit 2, file untouched)', async () => {
    // Lead bytes B0–C5 with trail bytes A1–FE are common characters in both standards: these
    // bytes are 堆啊你的 in GB18030 and 剽陛斕腔 in Big5.
    const ambiguous = Buffer.from('b6d1b0a1c4e3b5c4', 'hex');
    const gb = new TextDecoder('gb18030', { fatal: true }).decode(ambiguous);
    const big5 = iconv.decode(ambiguous, 'big5hkscs');
    assert.notEqual(gb, big5);
    const path = fixture('fix/ambiguous.txt', ambiguous);
    const ran = await cli(['--fix', path]);
    assert.equal(ran.code, 2, ran.stdout);
    assert.match(ran.stderr, /编码无法确定/);
    assert.deepEqual(readFileSync(path), ambiguous);
  });

  it('--fix-dry-run prints a diff and writes nothing; json gets `output`', async () => {
    const path = fixture('dry/a.txt', '新年伊始, 我们共聚一堂.\n');
    const ran = await cli(['--fix-dry-run', path]);
    assert.match(ran.stdout, /^-新年伊始, 我们共聚一堂\.$/m);
    assert.match(ran.stdout, /^\+新年伊始，我们共聚一堂。$/m);
    assert.equal(readFileSync(path, 'utf8'), '新年伊始, 我们共聚一堂.\n');
    const json = JSON.parse((await cli(['--fix-dry-run', '--format', 'json', path])).stdout);
    assert.equal(json[0].output, '新年伊始，我们共聚一堂。\n');
  });

  it('--convert-to converts the whole document', async () => {
    const path = fixture('convert/a.txt', '干部队伍建设。\n');
    await cli(['--convert-to', 'traditional', path]);
    assert.equal(readFileSync(path, 'utf8'), '幹部隊伍建設。\n');
  });

  it('--convert-to in markdown leaves code, link targets and comments alone', async () => {
    const text = '干部队伍 `干部` [干部](https://a.cn/干部) <!-- 干部 -->\n\n```\n干部\n```\n';
    const path = fixture('convert/b.md', text);
    await cli(['--convert-to', 'traditional', path]);
    assert.equal(readFileSync(path, 'utf8'), '幹部隊伍 `干部` [幹部](https://a.cn/干部) <!-- 干部 -->\n\n```\n干部\n```\n');
  });

  it('--fix ends with a summary per file on stderr, and never deletes the prose of short documents', async () => {
    const cases = [
      // A list without end punctuation is no document viewer's chunk numbers.
      '参会人员：\n1、张三\n2、李四\n3、王五\n',
      // A banner phrase inside a sentence of prose is no banner; a notice's footer stays.
      '关于开展植树活动的通知\n各单位：\n定于3月12日上午开展植树活动。\n大家可以扫码关注“政务服务”小程序，随时办理业务。\n联系人：王敏\n市绿化委员会办公室\n2025年3月1日\n',
      '晚会还有更多精彩内容，敬请期待！\n',
      '有的同志从百度文库下载材料拼凑讲话稿，这种做法要坚决纠正。\n',
      '本文由市委党史研究室整理，供各单位学习参考。\n',
      '市民可在线阅读电子图书，也可到馆借阅纸质图书。\n请各位点击下载会议材料，提前做好准备。\n对于网上发布的不实信息，我们已联系网站删除。\n工会要始终把会员群众的利益放在首位。\n',
      '我给大家推荐阅读：《之江新语》，这本书值得反复读。\n',
    ];
    for (const [i, text] of cases.entries()) {
      const path = fixture(`safe/${i}.txt`, text);
      const ran = await cli(['--fix', path]);
      assert.equal(readFileSync(path, 'utf8'), text, `case ${i} was changed: ${ran.stderr}`);
    }
    const path = fixture('safe/summary.txt', '新年伊始, 我们共聚一堂.\n');
    const ran = await cli(['--fix', path]);
    assert.match(ran.stderr, /safe\/summary\.txt: 已修复 2 处（punctuation-width 2）/);
  });

  it('a deletion is not followed by a renumbering that hides it', async () => {
    const text = '一、加强组织领导。\n二、下面是小编为大家整理的讲话稿，供大家参考。\n三、强化督促检查。\n';
    const path = fixture('renumber/a.txt', text);
    await cli(['--fix', path]);
    assert.equal(readFileSync(path, 'utf8'), '一、加强组织领导。\n三、强化督促检查。\n', 'the gap stays for the writer to see');
    assert.match((await cli(['--format', 'json', path])).stdout, /enumeration-sequence/);
  });

  it('--fix-level safe leaves residue; suggestion applies preferred suggestions; a bad level is a usage error', async () => {
    const text = '下面是小编为大家整理的讲话稿，供大家参考。\n新年伊始, 我们共聚一堂.\n一、总结。\n三、安排。\n';
    const safe = fixture('levels/safe.txt', text);
    await cli(['--fix', '--fix-level', 'safe', safe]);
    assert.equal(readFileSync(safe, 'utf8'), '下面是小编为大家整理的讲话稿，供大家参考。\n新年伊始，我们共聚一堂。\n一、总结。\n三、安排。\n');
    const all = fixture('levels/all.txt', text);
    await cli(['--fix', '--fix-level', 'suggestion', all]);
    assert.equal(readFileSync(all, 'utf8'), '新年伊始，我们共聚一堂。\n一、总结。\n二、安排。\n');
    const bad = await cli(['--fix', '--fix-level', 'everything', safe]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--fix-level/);
  });

  it('--quiet --fix fixes errors only', async () => {
    const path = fixture('quiet/a.txt', '下面是小编为大家整理的讲话稿，供大家参考。\n新年伊始, 我们共聚一堂.\n');
    await cli(['--fix', '--quiet', path]);
    assert.equal(readFileSync(path, 'utf8'), '新年伊始, 我们共聚一堂.\n', 'the residue (an error) goes, the half-width marks (warnings) stay');
  });

  it('piped standard input with --fix or --convert-to is a usage error, not a silent exit 0', async () => {
    for (const args of [['--fix'], ['--convert-to', 'traditional']]) {
      const ran = await cli(args, { stdin: '新年伊始, 我们共聚一堂.' });
      assert.equal(ran.code, 2, args.join(' '));
      assert.match(ran.stderr, /标准输入不能写回/);
    }
    const dry = await cli(['--fix-dry-run', '--format', 'json'], { stdin: '新年伊始, 我们共聚一堂.' });
    assert.equal(JSON.parse(dry.stdout)[0].output, '新年伊始，我们共聚一堂。');
  });

  it('a finding about two places carries both: "related" in json, relatedLocations in sarif', async () => {
    const title = '在全县优化营商环境工作推进会上的讲话';
    const path = fixture('related/draft.txt', `${title}\n\n同志们：\n\n今天召开推进会。\n\n${title}\n`);
    const json = JSON.parse((await cli(['--format', 'json', path])).stdout);
    const message = json[0].messages.find((m: { ruleId: string }) => m.ruleId === 'duplicate-passage');
    assert.equal(message.line, 7);
    assert.deepEqual(message.related, [{ message: '首次出现', line: 1, column: 1, endLine: 1, endColumn: title.length + 1 }]);
    const sarif = JSON.parse((await cli(['--format', 'sarif', path])).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'duplicate-passage');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 7);
    assert.equal(result.relatedLocations.length, 1);
    assert.equal(result.relatedLocations[0].message.text, '首次出现');
    assert.deepEqual(result.relatedLocations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: title.length + 1, charOffset: 0, charLength: title.length });
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.artifactLocation.uri);
  });

  it('stylish never writes a draft\'s control characters or bidi overrides raw; sarif escapes each path segment', async () => {
    const path = fixture('escape/a#1?.txt', '围绕X科技城\u001b[2J\u202e建设。\n');
    const ran = await cli(['--no-color', path]);
    assert.ok(!/[\u001b\u202e]/.test(ran.stdout), JSON.stringify(ran.stdout));
    assert.match(ran.stdout, /\\u001b\[2J/);
    const sarif = JSON.parse((await cli(['--format', 'sarif', path])).stdout);
    assert.match(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /a%231%3F\.txt$/);
  });

  it('--fix writes through a symbolic link and a hard link, and leaves a read-only file alone', async () => {
    const real = fixture('links/real.txt', '新年伊始, 我们共聚一堂.\n');
    symlinkSync(real, join(work, 'links', 'link.txt'));
    await cli(['--fix', join(work, 'links', 'link.txt')]);
    assert.ok(lstatSync(join(work, 'links', 'link.txt')).isSymbolicLink(), 'the link stays a link');
    assert.equal(readFileSync(real, 'utf8'), '新年伊始，我们共聚一堂。\n', 'the real file is fixed');
    const first = fixture('links/first.txt', '新年伊始, 我们共聚一堂.\n');
    linkSync(first, join(work, 'links', 'second.txt'));
    await cli(['--fix', first]);
    assert.equal(readFileSync(join(work, 'links', 'second.txt'), 'utf8'), '新年伊始，我们共聚一堂。\n', 'the hard link is not split');
    const readOnly = fixture('links/ro.txt', '新年伊始, 我们共聚一堂.\n');
    chmodSync(readOnly, 0o444);
    const ran = await cli(['--fix', readOnly]);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /只读/);
    assert.equal(readFileSync(readOnly, 'utf8'), '新年伊始, 我们共聚一堂.\n');
    assert.equal(statSync(readOnly).mode & 0o777, 0o444);
  });

  it('refuses a fix run that would delete too much, exit 2, file untouched', async () => {
    // A lone navigation link proves only itself: the title after it counts as prose removed,
    // more than the net allows in a draft this short.
    const text = '同志们：今天我们召开全市工作会议。\n上一篇：关于进一步加强和改进新时代基层党组织建设工作和深入推进全市营商环境优化提升的实施意见\n';
    const path = fixture('refuse/a.txt', text);
    const ran = await cli(['--fix', path]);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /修复将删除 \d+ 字正文（超过 24 字的上限），已拒绝，文件未改动/);
    assert.equal(readFileSync(path, 'utf8'), text);
  });
});

describe('inputs and configuration', () => {
  it('reads standard input with - and with piped input, markdown by --stdin-filename', async () => {
    const ran = await cli(['-', '--format', 'json'], { stdin: '围绕X科技城。' });
    assert.equal(JSON.parse(ran.stdout)[0].messages[0].ruleId, 'placeholder');
    const piped = await cli(['--format', 'json'], { stdin: '围绕X科技城。' });
    assert.equal(piped.code, 1);
    const md = await cli(['-', '--stdin-filename', 'a.md', '--format', 'json'], { stdin: '`围绕X科技城`' });
    assert.equal(JSON.parse(md.stdout)[0].messages.length, 0);
  });

  it('walks folders for .txt and .md, takes globs, skips node_modules and survives symlink loops', async () => {
    fixture('walk/a.txt', 'X名同志。\n');
    fixture('walk/sub/b.md', 'X名同志。\n');
    fixture('walk/sub/c.doc', 'X名同志。\n');
    fixture('walk/node_modules/d.txt', 'X名同志。\n');
    symlinkSync(join(work, 'walk'), join(work, 'walk', 'sub', 'loop'));
    const files = (r: Ran) => (JSON.parse(r.stdout) as { filePath: string }[]).map((x) => x.filePath.slice(work.length + 1)).sort();
    assert.deepEqual(files(await cli(['walk', '--format', 'json'])), ['walk/a.txt', 'walk/sub/b.md']);
    assert.deepEqual(files(await cli(['walk/**/*.md', '--format', 'json'])), ['walk/sub/b.md']);
    assert.deepEqual(files(await cli(['walk', '--ext', 'doc', '--format', 'json'])), ['walk/sub/c.doc']);
  });

  it('discovers .speechlintrc.json upward, and package.json "speechlint"; --rule overrides', async () => {
    fixture('proj/.speechlintrc.json', JSON.stringify({ rules: { 'punctuation-width': 'error' }, ignore: ['drafts/old/**'], allow: ['X光机'] }));
    fixture('proj/drafts/a.txt', '伊始, 我们购置了X光机。\n');
    fixture('proj/drafts/old/b.txt', 'X名同志。\n');
    const ran = await cli(['proj', '--format', 'json']);
    const results = JSON.parse(ran.stdout);
    assert.equal(results.length, 1, 'the ignored folder is skipped');
    assert.deepEqual(results[0].messages.map((m: { ruleId: string; severity: number }) => [m.ruleId, m.severity]), [['punctuation-width', 2]]);
    const overridden = JSON.parse((await cli(['proj', '--format', 'json', '--rule', 'punctuation-width=off'])).stdout);
    assert.equal(overridden[0].messages.length, 0);
    fixture('pkg/package.json', JSON.stringify({ name: 'x', speechlint: { rules: { placeholder: 'off' } } }));
    fixture('pkg/a.txt', 'X名同志。\n');
    assert.equal((await cli(['pkg/a.txt'])).code, 0);
    fixture('explicit.json', JSON.stringify({ rules: { placeholder: 'warning' } }));
    const explicit = JSON.parse((await cli(['pkg/a.txt', '--config', 'explicit.json', '--format', 'json'])).stdout);
    assert.equal(explicit[0].messages[0].severity, 1);
  });

  it('--list-rules, --version and --help', async () => {
    const rules = await cli(['--list-rules']);
    for (const id of ['placeholder', 'template-residue', 'pinyin-annotation', 'script-mix', 'punctuation-width']) assert.match(rules.stdout, new RegExp(id));
    assert.match((await cli(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--fix-dry-run/);
  });

  it('--init writes a commented starter config that loads as the defaults, and never overwrites one', async () => {
    const dir = join(work, 'init');
    mkdirSync(dir);
    const first = await cli(['--init'], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const written = readFileSync(join(dir, '.speechlintrc.json'), 'utf8');
    assert.match(written, /^\s*\/\//m, 'it carries comments');
    const loaded = loadConfigFile(join(dir, '.speechlintrc.json'));
    assert.equal(Object.keys(loaded.config.rules ?? {}).length, RULES.length);
    for (const rule of RULES) assert.equal(normalise(loaded.config.rules?.[rule.meta.id]), rule.meta.defaultSeverity, rule.meta.id);
    assert.deepEqual([loaded.config.ignore, loaded.config.allow, loaded.config.placeholders], [[], [], {}]);
    const again = await cli(['--init'], { cwd: dir });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /已有配置/);
    assert.equal(readFileSync(join(dir, '.speechlintrc.json'), 'utf8'), written);
    const pkgDir = join(work, 'init-pkg');
    fixture('init-pkg/package.json', JSON.stringify({ name: 'x', speechlint: {} }));
    const inPkg = await cli(['--init'], { cwd: pkgDir });
    assert.equal(inPkg.code, 2);
    assert.match(inPkg.stderr, /package\.json/);
    assert.throws(() => statSync(join(pkgDir, '.speechlintrc.json')));
    assert.equal((await cli(['--init', 'a.txt'], { cwd: pkgDir })).code, 2);
    assert.equal((await cli(['--init', '--fix'], { cwd: pkgDir })).code, 2);
  });

  it('with no files and empty piped input, prints the usage and exits 2', async () => {
    const ran = await cli([], { stdin: '' });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /speechlint \[选项\]|Usage|用法/);
    assert.match(ran.stderr, /--help/);
    const spawned = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js')], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    assert.equal(spawned.status, 2);
    assert.match(spawned.stderr, /--help/);
  });
});

describe('the bundled bin', () => {
  it('runs as a process: reads piped stdin and exits with the lint code', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json'], { input: '围绕X科技城。', encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(JSON.parse(result.stdout)[0].messages[0].ruleId, 'placeholder');
  });
});

/** A rule's configured severity, whether written "error" or ["error", { … }]. */
function normalise(entry: unknown): unknown {
  return Array.isArray(entry) ? entry[0] : entry;
}

describe('--concurrency (lint workers)', () => {
  const DIST_CLI = join(ROOT, 'dist', 'cli.js');

  it('gives the same output and exit code, byte for byte, as one thread: findings, fixes, unreadable files and bad configs, in input order', async () => {
    fixture('pool/a.txt', '紧紧围绕X科技城三大发展定位, 推进建设。\n');
    fixture('pool/b.md', '# 标题\n\n我们要发展发展经济。\n');
    fixture('pool/c.txt', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]));
    fixture('pool/d.txt', '同志们：今天召开会议，我讲三点意见。\n');
    fixture('pool/bad/.speechlintrc.json', '{ "rules": { "placeholder": "loud" } }');
    fixture('pool/bad/e.txt', '围绕X科技城。\n');
    fixture('pool/f.txt', '幹部隊伍建设, 要抓好。\n'.repeat(50));
    for (const args of [['pool', '--format', 'json'], ['pool'], ['pool', '--fix-dry-run', '--format', 'json'], ['pool', '--fix-dry-run']]) {
      const serial = await cli([...args, '--concurrency', 'off']);
      const pooled = await cli([...args, '--concurrency', '3'], { workerScript: DIST_CLI });
      assert.equal(serial.code, 2, 'the unreadable file and the bad config fail the run');
      assert.deepEqual(pooled, serial, args.join(' '));
    }
    const json = JSON.parse((await cli(['pool', '--format', 'json', '--concurrency', '2'], { workerScript: DIST_CLI })).stdout) as { filePath: string; messages: unknown[] }[];
    assert.deepEqual(json.map((r) => r.filePath.slice(work.length + 1)), ['pool/a.txt', 'pool/b.md', 'pool/bad/e.txt', 'pool/c.txt', 'pool/d.txt', 'pool/f.txt']);
    assert.ok(json[0]!.messages.length >= 2 && json[5]!.messages.length >= 50);
  });

  it('--fix through workers writes the same files as one thread', async () => {
    const text = '紧紧围绕科技城三大发展定位, 推进建设。\n';
    for (const dir of ['fix-serial', 'fix-pooled']) for (const name of ['a.txt', 'b.txt', 'c.txt']) fixture(`${dir}/${name}`, text);
    const serial = await cli(['fix-serial', '--fix', '--concurrency', 'off']);
    const pooled = await cli(['fix-pooled', '--fix', '--concurrency', '2'], { workerScript: DIST_CLI });
    assert.equal(pooled.stderr.replaceAll('fix-pooled', 'fix-serial'), serial.stderr);
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      assert.equal(readFileSync(join(work, 'fix-pooled', name), 'utf8'), '紧紧围绕科技城三大发展定位，推进建设。\n');
      assert.equal(readFileSync(join(work, 'fix-pooled', name), 'utf8'), readFileSync(join(work, 'fix-serial', name), 'utf8'));
    }
  });

  it('refuses a value that is not auto, off or a positive integer', async () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const ran = await cli(['pool', '--concurrency', bad]);
      assert.equal(ran.code, 2, bad);
      assert.match(ran.stderr, /--concurrency/);
    }
  });
});

describe('json formatter', () => {
  it('writes each message as JSON.stringify would write the ESLint-shaped object, escapes and all', async () => {
    const { toEslintJson, messageJson } = await import('../server/cli/formatters/json.js');
    const source = readFileSync(SEED_001, 'utf8');
    const findings = lint(source);
    assert.ok(findings.some((f) => f.fix) && findings.some((f) => f.suggestions), 'the seed has fixes and suggestions');
    const odd = { ...findings[0]!, message: '引号"\\反斜杠\u2028\u0001\ud800', suggestions: [{ message: 'a"b', edits: [{ range: { start: 0, end: 1 }, text: '\n\t"' }], preferred: true as const }] };
    const all = [...findings, odd];
    const expected = toEslintJson({ filePath: SEED_001, displayPath: 'x', source, findings: all }).messages;
    assert.equal(all.length, expected.length);
    all.forEach((f, i) => assert.equal(messageJson(f, source), JSON.stringify(expected[i])));
  });
});

function unzipEntry(bytes: Uint8Array, name: string): string {
  const found = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  return found ? Buffer.from(found).toString('utf8') : '';
}

describe('Word documents (.docx)', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const wordFile = async (name: string, body: string, footnote?: string) => {
    const { zipSync, strToU8 } = await import('fflate');
    const parts: Record<string, Uint8Array> = { 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`) };
    if (footnote) parts['word/footnotes.xml'] = strToU8(`<?xml version="1.0"?><w:footnotes ${W}><w:footnote w:id="1">${paragraph(footnote)}</w:footnote></w:footnotes>`);
    return fixture(name, Buffer.from(zipSync(parts)));
  };

  it('lints a .docx: stylish names the paragraph and the part, json adds them to line and column', async () => {
    await wordFile('word/draft.docx', paragraph('同志们：') + paragraph('紧紧围绕X科技城定位, 推进建设。'), '脚注里也有X科技城。');
    const stylish = await cli(['word/draft.docx']);
    assert.equal(stylish.code, 1, stylish.stderr);
    assert.match(stylish.stdout, /正文第 2 段:5 +错误 +模板占位符“X”/);
    assert.match(stylish.stdout, /脚注第 1 段:6 /);
    const json = JSON.parse((await cli(['word/draft.docx', '--format', 'json'])).stdout) as { messages: { line: number; column: number; paragraph?: number; part?: string; ruleId: string }[] }[];
    const placeholder = json[0]!.messages.find((m) => m.ruleId === 'placeholder' && m.part === 'body')!;
    assert.deepEqual([placeholder.line, placeholder.column, placeholder.paragraph, placeholder.part], [2, 5, 2, 'body']);
    assert.ok(json[0]!.messages.some((m) => m.part === 'footnote' && m.paragraph === 1 && m.line === 3));
    // GitHub and SARIF: the file and the paragraph, never a line or a byte fix of the zip.
    const github = (await cli(['word/draft.docx', '--format', 'github'])).stdout.trim().split('\n');
    assert.ok(github.every((l) => /^::(error|warning) file=word\/draft\.docx,title=/.test(l)), github.join('\n'));
    assert.match(github[0]!, /::正文第 2 段:5 模板占位符/);
    const sarif = JSON.parse((await cli(['word/draft.docx', '--format', 'sarif'])).stdout) as { runs: { results: { locations: { physicalLocation: { region?: unknown }; logicalLocations?: { name: string }[] }[]; fixes?: unknown; properties?: { paragraph: number; part: string } }[] }[] };
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, 3);
    assert.ok(results.every((x) => x.locations[0]!.physicalLocation.region === undefined && x.fixes === undefined));
    assert.deepEqual(results.map((x) => x.locations[0]!.logicalLocations![0]!.name), ['正文第 2 段:5', '正文第 2 段:11', '脚注第 1 段:6']);
    assert.deepEqual(results[2]!.properties, { paragraph: 1, part: 'footnote', line: 3, column: 6 });
  });

  it('is found in folders by default; --fix writes its fixes as tracked changes, a plain run and --fix-dry-run leave it untouched; a broken one fails clearly', async () => {
    const path = await wordFile('word-dir/a.docx', paragraph('推进建设, 发展经济.'));
    const before = readFileSync(path);
    const dry = await cli(['word-dir', '--fix-dry-run']);
    assert.match(dry.stdout, /-推进建设, 发展经济\.\n[^]*\n\+推进建设，发展经济。/);
    assert.ok(readFileSync(path).equals(before), 'the dry run writes nothing');
    const fixed = await cli(['word-dir', '--fix']);
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fixed.stderr, /a\.docx: 已以修订写入 2 处修改（作者 SpeechLint）/);
    const { readDocx } = await import('../server/docx/read-docx.js');
    assert.equal(readDocx(readFileSync(path)).text, '推进建设，发展经济。');
    assert.match(unzipEntry(readFileSync(path), 'word/document.xml'), /<w:del [^>]*w:author="SpeechLint"[^>]*><w:r><w:delText xml:space="preserve">, <\/w:delText>/);
    assert.equal((await cli(['word-dir', '--fix'])).stderr, '', 'a second run has nothing left to change');
    fixture('word-dir/old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const broken = await cli(['word-dir/old.docx']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /old\.docx: 这是旧版 Word（\.doc）文件/);
  });

  it('--annotate writes a commented copy beside the document (or to --annotate=<file>), never over the document, and never annotates a copy again', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const body = `<?xml version="1.0"?><w:document ${W}><w:body>${paragraph('推进X科技城建设, 发展经济。')}</w:body></w:document>`;
    const path = fixture(
      'annotate/稿.docx',
      Buffer.from(
        zipSync({
          '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>'),
          'word/document.xml': strToU8(body),
        }),
      ),
    );
    const before = readFileSync(path);
    const run1 = await cli(['annotate', '--annotate']);
    assert.equal(run1.code, 1, run1.stderr);
    assert.match(run1.stderr, /稿\.docx: 已写入带 2 条批注的副本 annotate\/稿\.批注\.docx/);
    assert.ok(readFileSync(path).equals(before), 'the document itself is untouched');
    const copy = readFileSync(path.replace(/\.docx$/, '.批注.docx'));
    const comments = unzipEntry(copy, 'word/comments.xml');
    assert.match(comments, /错误：模板占位符“X”/);
    assert.match(unzipEntry(copy, '[Content_Types].xml'), /\/word\/comments\.xml/);
    // Run again over the folder: the copy is linted, but not annotated into a copy of a copy.
    const run2 = await cli(['annotate', '--annotate']);
    assert.doesNotMatch(run2.stderr, /批注\.批注/);
    assert.equal(readdirSync(path.replace(/\/[^/]+$/, '')).filter((n) => n.endsWith('.docx')).length, 2);
    const named = await cli(['annotate/稿.docx', '--annotate=annotate/out.docx']);
    assert.match(named.stderr, /副本 annotate\/out\.docx/);
    const self = await cli(['annotate/稿.docx', '--annotate=annotate/稿.docx']);
    assert.equal(self.code, 2);
    assert.match(self.stderr, /--annotate 不覆盖原文件/);
    assert.ok(readFileSync(path).equals(before));
    const wrong = await cli(['annotate/稿.docx', '--annotate=out.txt']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--annotate 的输出文件应以 \.docx 结尾/);
  });
});
