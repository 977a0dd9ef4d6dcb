// Bad input for the CLI (issue 7): sizes, files that vanish or change during a run, folders and
// devices where files are expected, unreadable paths, symlink loops, line endings, and text
// that is hard on UTF-16 positions. Every case ends with a bilingual message and an exit code,
// never a crash, never a damaged file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodeFs from 'node:fs';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fix, lint, RULES, type Finding } from '../rules/index.js';
import { HELP } from '../server/cli/args.js';
import { DEFAULT_MAX_FILE_SIZE_MB, MB, readFileLimited, type CliFs } from '../server/cli/file-access.js';
import { expandPatterns } from '../server/cli/files.js';
import { stylish } from '../server/cli/formatters/stylish.js';
import { formatAll, type LintResult } from '../server/cli/formatters/index.js';
import { json } from '../server/cli/formatters/json.js';
import { cliHarness } from './cli-harness.js';

const ROOT = process.cwd();
const { work, cli, fixture } = cliHarness('speechlint-robust-');
const IS_ROOT = process.getuid?.() === 0;
const IS_WINDOWS = process.platform === 'win32';

interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  message: string;
  fix?: { range: [number, number]; text: string };
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
}
const parse = (stdout: string) => JSON.parse(stdout) as JsonResult[];
const byName = (results: JsonResult[], name: string) => results.find((r) => r.filePath.endsWith(name));

/** A node:fs with some calls replaced: the CLI's real code path, with the kernel's answer changed. */
function fsWith(overrides: Record<string, (...args: never[]) => unknown>): CliFs {
  return { ...nodeFs, ...overrides } as unknown as CliFs;
}

/** An error shaped like the ones node:fs throws. */
function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, ${syscall} '${path}'`), { code, syscall, path, errno: code === 'EACCES' ? -13 : -1 });
}

const tempFilesIn = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('size', () => {
  it('an empty file: no findings, exit 0; --fix leaves it empty', async () => {
    const path = fixture('size/empty.txt', '');
    const ran = await cli(['size/empty.txt', '--format', 'json']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(ran.stderr, '');
    const [result] = parse(ran.stdout);
    assert.deepEqual(result!.messages, []);
    assert.equal((await cli(['--fix', 'size/empty.txt'])).code, 0);
    assert.equal(readFileSync(path).length, 0);
  });

  it('a file over --max-file-size is refused without being read, naming the limit; the others are linted', async () => {
    const big = fixture('size/limit/big.txt', Buffer.alloc(Math.floor(1.5 * MB), '会议，'));
    fixture('size/limit/small.txt', '围绕X科技城。\n');
    const readsOfBig: number[] = [];
    const bigFds = new Set<number>();
    let opened = 0;
    const fs = fsWith({
      openSync: ((path: string, ...rest: never[]) => {
        const fd = (nodeFs.openSync as (...a: unknown[]) => number)(path, ...rest);
        if (path === big) {
          bigFds.add(fd);
          opened++;
        }
        return fd;
      }) as never,
      readSync: ((fd: number, ...rest: never[]) => {
        if (bigFds.has(fd)) readsOfBig.push(fd);
        return (nodeFs.readSync as (...a: unknown[]) => number)(fd, ...rest);
      }) as never,
      closeSync: ((fd: number) => {
        bigFds.delete(fd); // descriptors are reused
        nodeFs.closeSync(fd);
      }) as never,
    });
    const ran = await cli(['size/limit', '--format', 'json', '--max-file-size', '1'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /size\/limit\/big\.txt: 太大，超过 --max-file-size 限制 1 MB（实为 1\.5 MB）.* \/ too large: over the --max-file-size limit of 1 MB \(1\.5 MB\)/);
    assert.ok(opened > 0, 'the big file was opened (to fstat it)');
    assert.deepEqual(readsOfBig, [], 'but never read');
    const results = parse(ran.stdout);
    assert.equal(byName(results, 'big.txt')!.fatalErrorCount, 1);
    assert.equal(byName(results, 'small.txt')!.messages[0]!.ruleId, 'placeholder');
  });

  it('the limit is inclusive and fractional MB are accepted', async () => {
    const limit = Math.floor(0.001 * MB); // 1048 bytes
    fixture('size/edge/at.txt', Buffer.alloc(limit, 'a'));
    fixture('size/edge/over.txt', Buffer.alloc(limit + 1, 'a'));
    const ran = await cli(['size/edge', '--max-file-size', '0.001', '--format', 'json']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /over\.txt: 太大/);
    assert.doesNotMatch(ran.stderr, /at\.txt/);
  });

  it(`the default limit is ${DEFAULT_MAX_FILE_SIZE_MB} MB: one byte more is refused`, async () => {
    const path = fixture('size/default/huge.txt', Buffer.alloc(DEFAULT_MAX_FILE_SIZE_MB * MB + 1, 'a'));
    let read = 0;
    const fs = fsWith({ readSync: ((...args: never[]) => (read++, (nodeFs.readSync as (...a: unknown[]) => number)(...args))) as never });
    const ran = await cli([path], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, new RegExp(`超过 --max-file-size 限制 ${DEFAULT_MAX_FILE_SIZE_MB} MB`));
    assert.equal(read, 0);
  });

  it('--max-file-size 0 lifts the limit', async () => {
    fixture('size/nolimit/big.txt', Buffer.alloc(Math.floor(1.5 * MB), '\n'));
    const ran = await cli(['size/nolimit/big.txt', '--max-file-size', '0']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(readFileLimited(join(work, 'size/nolimit/big.txt'), 0).bytes.length, Math.floor(1.5 * MB));
  });

  it('a bad --max-file-size is a usage error; --help documents the flag', async () => {
    for (const value of ['-1', 'ten', '', '1e3', '5MB']) {
      const ran = await cli([`--max-file-size=${value}`, 'size/empty.txt']);
      assert.equal(ran.code, 2, value);
      assert.match(ran.stderr, /--max-file-size 应为以 MB 计的非负数.* \/ expected a size in MB/, value);
    }
    assert.match(HELP, new RegExp(`--max-file-size <MB> +跳过大于此大小的文件和标准输入，默认 ${DEFAULT_MAX_FILE_SIZE_MB}，0 为不限\\n +skip files \\(and stdin\\) larger than this`));
  });

  it('standard input has the same limit: the reader is told it and a longer input is refused', async () => {
    let told: number | undefined;
    const ran = await cli(['-', '--max-file-size', '1', '--format', 'json'], {
      readStdin: async (maxBytes) => {
        told = maxBytes;
        return Buffer.alloc(Math.floor(1.5 * MB), '会');
      },
    });
    assert.equal(told, MB);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^speechlint: <stdin>: 太大，超过 --max-file-size 限制 1 MB，已跳过.* \/ too large/m);
    assert.equal(parse(ran.stdout)[0]!.fatalErrorCount, 1);
  });

  it('the bin stops reading standard input at the limit', () => {
    // The writer gets EPIPE only if the CLI exits without draining its input.
    const input = Buffer.alloc((DEFAULT_MAX_FILE_SIZE_MB + 1) * MB, '会议, ');
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json'], { input, encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /<stdin>: 太大/);
    assert.equal((result.error as NodeJS.ErrnoException | undefined)?.code, 'EPIPE');
  });

  it('stylish survives a one-line file with a quarter of a million findings (no spread into Math.max, bounded excerpts)', { timeout: 120_000 }, () => {
    // Synthetic findings: this is about the formatter, not the engine. The old formatter threw
    // "Maximum call stack size exceeded" here, and scanned the whole line for every excerpt.
    const source = '中,'.repeat(250_000);
    const findings: Finding[] = [];
    for (let i = 0; i < 250_000; i++) {
      findings.push({
        ruleId: 'punctuation-width',
        severity: 'warning',
        message: '半角',
        messageId: 'halfWidth',
        range: { start: 2 * i + 1, end: 2 * i + 2 },
        start: { line: 1, column: 2 * i + 2 },
        end: { line: 1, column: 2 * i + 3 },
      } as Finding);
    }
    const result: LintResult = { filePath: '/x.txt', displayPath: 'x.txt', source, findings };
    const out = formatAll(stylish, [result], { cwd: '/', color: false, version: '0', rules: RULES });
    const lines = out.split('\n');
    assert.ok(lines.length > 750_000);
    assert.ok(lines.every((line) => line.length < 200), 'excerpts stay short');
    assert.ok(out.includes('1:500000  警告  半角'));
    assert.ok(out.includes(`    …${',中'.repeat(6)},${'中,'.repeat(6)}…\n`), 'twelve characters either side');
  });

  it('json writes a file with many findings in pieces, with the same bytes as one JSON.stringify', () => {
    const source = '中,中,';
    const finding = (start: number): Finding =>
      ({ ruleId: 'punctuation-width', severity: 'warning', message: '半角', messageId: 'halfWidth', range: { start, end: start + 1 }, start: { line: 1, column: start + 1 }, end: { line: 1, column: start + 2 }, fix: [{ range: { start, end: start + 1 }, text: '，' }] }) as Finding;
    const results: LintResult[] = [
      { filePath: '/a"messages":[].txt', displayPath: 'a', source, findings: [finding(1), finding(3)] },
      { filePath: '/b.txt', displayPath: 'b', source: '', findings: [], fatal: '坏 / bad' },
    ];
    const stream = json({ cwd: '/', color: false, version: '0', rules: RULES });
    const pieces: string[] = [];
    stream.file(results[0]!, (t) => pieces.push(t));
    assert.ok(pieces.length >= 3, 'one piece per message at least');
    stream.file(results[1]!, (t) => pieces.push(t));
    const text = pieces.join('') + stream.end();
    const parsed = JSON.parse(text);
    assert.equal(text, `${JSON.stringify(parsed)}\n`);
    assert.equal(parsed[0].filePath, '/a"messages":[].txt');
    assert.equal(parsed[0].messages.length, 2);
    assert.equal(parsed[1].messages[0].fatal, true);
  });
});

describe('files that vanish, change or are not files', () => {
  it('a listed file deleted before it is read: "文件已不存在", exit 2, the others linted', async () => {
    const a = fixture('vanish/a.txt', '围绕X科技城。\n');
    const b = fixture('vanish/b.txt', '围绕X科技城。\n');
    fixture('vanish/c.txt', '围绕X科技城。\n');
    const fs = fsWith({
      openSync: ((path: string, ...rest: never[]) => {
        if (path === a && existsSync(b)) unlinkSync(b); // another program deletes b meanwhile
        return (nodeFs.openSync as (...x: unknown[]) => number)(path, ...rest);
      }) as never,
    });
    const ran = await cli(['vanish', '--format', 'json'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^speechlint: vanish\/b\.txt: 无法读取：文件已不存在（检查期间被删除或移走） \/ cannot read: file vanished \(deleted or moved during the run\) \(ENOENT\)$/m);
    const results = parse(ran.stdout);
    assert.equal(results.length, 3);
    assert.equal(byName(results, 'b.txt')!.messages[0]!.fatal, true);
    assert.equal(byName(results, 'a.txt')!.messages[0]!.ruleId, 'placeholder');
    assert.equal(byName(results, 'c.txt')!.messages[0]!.ruleId, 'placeholder');
  });

  it('a listed file replaced by a folder before it is read: "这是目录，不是文件"', async () => {
    const a = fixture('turned/a.txt', '你好。\n');
    const b = fixture('turned/b.txt', '你好。\n');
    const fs = fsWith({
      openSync: ((path: string, ...rest: never[]) => {
        if (path === a && !nodeFs.statSync(b).isDirectory()) {
          unlinkSync(b);
          mkdirSync(b);
        }
        return (nodeFs.openSync as (...x: unknown[]) => number)(path, ...rest);
      }) as never,
    });
    const ran = await cli(['turned'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /turned\/b\.txt: 无法读取：这是目录，不是文件 \/ cannot read: is a directory, not a file/);
  });

  it('a folder given as the config file, and a device given as a draft', async () => {
    fixture('notfile/a.txt', '你好。\n');
    mkdirSync(join(work, 'notfile', 'cfgdir'), { recursive: true });
    const config = await cli(['notfile/a.txt', '--config', 'notfile/cfgdir']);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /cfgdir\n {2}\(文件\): 无法读取：这是目录，不是文件 \/ cannot read: is a directory, not a file \(EISDIR\)/);
    if (!IS_WINDOWS) {
      const device = await cli(['/dev/null', 'notfile/a.txt']);
      assert.equal(device.code, 2);
      assert.match(device.stderr, /\/dev\/null: 无法读取：不是普通文件（设备、管道或套接字） \/ cannot read: not a regular file/);
    }
  });

  it('EACCES on reading (simulated at the fs boundary, so it also runs as root): named, exit 2, the others linted', async () => {
    const secret = fixture('perm/secret.txt', '你好。\n');
    fixture('perm/open.txt', '围绕X科技城。\n');
    let refused = 0;
    const fs = fsWith({
      openSync: ((path: string, ...rest: never[]) => {
        if (path === secret) {
          refused++;
          throw errnoError('EACCES', 'open', path);
        }
        return (nodeFs.openSync as (...x: unknown[]) => number)(path, ...rest);
      }) as never,
    });
    const ran = await cli(['perm', '--format', 'json'], { fs });
    assert.equal(refused, 1);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^speechlint: perm\/secret\.txt: 无法读取：没有权限 \/ cannot read: permission denied \(EACCES\)$/m);
    assert.equal(byName(parse(ran.stdout), 'open.txt')!.messages[0]!.ruleId, 'placeholder');
  });

  it('EACCES on reading, for real (chmod 000)', { skip: IS_ROOT || IS_WINDOWS ? 'root (or Windows): chmod 000 does not stop this user reading; the simulated test covers the path' : false }, async () => {
    const path = fixture('perm-real/secret.txt', '你好。\n');
    chmodSync(path, 0o000);
    try {
      const ran = await cli(['perm-real/secret.txt']);
      assert.equal(ran.code, 2);
      assert.match(ran.stderr, /无法读取：没有权限 \/ cannot read: permission denied \(EACCES\)/);
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('an unreadable folder met while walking: named, exit 2, the rest linted', async () => {
    fixture('walkperm/locked/a.txt', '你好。\n');
    fixture('walkperm/b.txt', '围绕X科技城。\n');
    const locked = join(work, 'walkperm', 'locked');
    const fs = fsWith({
      readdirSync: ((path: string, ...rest: never[]) => {
        if (path === locked) throw errnoError('EACCES', 'scandir', path);
        return (nodeFs.readdirSync as (...x: unknown[]) => unknown)(path, ...rest);
      }) as never,
    });
    const ran = await cli(['walkperm', '--format', 'json'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /walkperm\/locked: 无法读取：没有权限 \/ cannot read: permission denied \(EACCES\)/);
    assert.equal(parse(ran.stdout).length, 1);
  });

  it('EACCES on writing the fixes: named, exit 2, the file untouched and no temporary file left', async () => {
    const path = fixture('wperm/a.txt', '新年伊始, 我们\n');
    const fs = fsWith({
      openSync: ((file: string, flags: string, ...rest: never[]) => {
        if (flags === 'wx') throw errnoError('EACCES', 'open', file);
        return (nodeFs.openSync as (...x: unknown[]) => number)(file, flags, ...rest);
      }) as never,
    });
    const ran = await cli(['--fix', 'wperm/a.txt'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /wperm\/a\.txt: 无法写回：没有权限 \/ cannot write: permission denied \(EACCES\)/);
    assert.equal(readFileSync(path, 'utf8'), '新年伊始, 我们\n');
    assert.deepEqual(tempFilesIn(join(work, 'wperm')), []);
  });

  it('--fix does not overwrite a file saved by another program after it was read', async () => {
    const path = fixture('race/a.txt', '新年伊始, 我们\n');
    const newer = '新年伊始, 他们\n'; // same length in bytes: only the content tells
    let saved = false;
    const fs = fsWith({
      openSync: ((file: string, flags: string, ...rest: never[]) => {
        if (flags === 'wx' && !saved) {
          saved = true;
          writeFileSync(path, newer); // the editor saves while SpeechLint is fixing
        }
        return (nodeFs.openSync as (...x: unknown[]) => number)(file, flags, ...rest);
      }) as never,
    });
    const ran = await cli(['--fix', 'race/a.txt'], { fs });
    assert.ok(saved);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /race\/a\.txt: 文件在检查期间被其他程序修改，为免覆盖新内容，修复未写回；请重新运行 \/ file changed on disk during the run; fixes not written/);
    assert.equal(readFileSync(path, 'utf8'), newer);
    assert.deepEqual(tempFilesIn(join(work, 'race')), []);
    // Run again: now it is fixed.
    assert.equal((await cli(['--fix', 'race/a.txt'])).code, 0);
    assert.equal(readFileSync(path, 'utf8'), '新年伊始，他们\n');
  });

  it('--fix still writes when the file was only touched (same bytes, new mtime)', async () => {
    const path = fixture('touch/a.txt', '新年伊始, 我们\n');
    const fs = fsWith({
      openSync: ((file: string, flags: string, ...rest: never[]) => {
        if (flags === 'wx') utimesSync(path, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
        return (nodeFs.openSync as (...x: unknown[]) => number)(file, flags, ...rest);
      }) as never,
    });
    const ran = await cli(['--fix', 'touch/a.txt'], { fs });
    assert.equal(ran.code, 0, ran.stderr);
    assert.equal(readFileSync(path, 'utf8'), '新年伊始，我们\n');
  });

  it('--fix on a file deleted after it was read does not bring it back', async () => {
    const path = fixture('gone/a.txt', '新年伊始, 我们\n');
    const fs = fsWith({
      openSync: ((file: string, flags: string, ...rest: never[]) => {
        if (flags === 'wx' && existsSync(path)) unlinkSync(path);
        return (nodeFs.openSync as (...x: unknown[]) => number)(file, flags, ...rest);
      }) as never,
    });
    const ran = await cli(['--fix', 'gone/a.txt'], { fs });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /gone\/a\.txt: 文件在检查期间已被删除或移走，修复未写回 \/ file vanished during the run; fixes not written/);
    assert.equal(existsSync(path), false);
    assert.deepEqual(tempFilesIn(join(work, 'gone')), []);
  });

  it('--convert-to with standard input and --stdin-filename never writes to that file', async () => {
    const path = fixture('stdinname/a.txt', '原来的内容。\n');
    const ran = await cli(['-', '--stdin-filename', 'stdinname/a.txt', '--convert-to', 'traditional'], { stdin: '干部队伍。' });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /标准输入不能用 --convert-to 写回，请加上 --fix-dry-run \/ --convert-to cannot write back standard input/);
    assert.equal(readFileSync(path, 'utf8'), '原来的内容。\n');
    const dry = await cli(['-', '--stdin-filename', 'stdinname/a.txt', '--convert-to', 'traditional', '--fix-dry-run'], { stdin: '干部队伍。' });
    assert.match(dry.stdout, /^\+幹部隊伍。$/m);
    assert.equal(readFileSync(path, 'utf8'), '原来的内容。\n');
  });
});

describe('symbolic links', () => {
  it('folder loops (a → b → a, a link to its own parent) end, and each real file is listed once', async () => {
    fixture('links/a/one.txt', 'X名同志。\n');
    fixture('links/b/two.txt', 'X名同志。\n');
    const dir = join(work, 'links');
    symlinkSync(join(dir, 'b'), join(dir, 'a', 'to-b'));
    symlinkSync(join(dir, 'a'), join(dir, 'b', 'to-a'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'self')); // points at its own parent folder
    symlinkSync(join(dir, 'a', 'one.txt'), join(dir, 'alias.txt')); // a second name for one.txt
    const listed = expandPatterns(['links', 'links/a'], { cwd: work, extensions: ['.txt'] });
    assert.deepEqual(listed.files.map((f) => realpathSync(f)).sort(), [realpathSync(join(dir, 'a', 'one.txt')), realpathSync(join(dir, 'b', 'two.txt'))]);
    assert.equal(new Set(listed.files).size, listed.files.length);
    const ran = await cli(['links', '--format', 'json']);
    assert.equal(ran.code, 1, ran.stderr);
    assert.equal(parse(ran.stdout).length, 2);
  });

  it('links that loop onto each other (x → y → x) and dangling links get a message; the run goes on', async () => {
    fixture('broken/ok.txt', 'X名同志。\n');
    const dir = join(work, 'broken');
    symlinkSync(join(dir, 'y.txt'), join(dir, 'x.txt'));
    symlinkSync(join(dir, 'x.txt'), join(dir, 'y.txt'));
    symlinkSync(join(dir, 'missing.txt'), join(dir, 'dangling.txt'));
    symlinkSync(join(dir, 'missing-folder'), join(dir, 'dangling-folder'));
    const ran = await cli(['broken', '--format', 'json']);
    assert.equal(ran.code, 1, 'warnings only: the lint result decides');
    assert.match(ran.stderr, /broken\/dangling\.txt: 符号链接的目标不存在，已跳过 \/ dangling symbolic link \(its target does not exist\); skipped/);
    assert.match(ran.stderr, /broken\/x\.txt: 符号链接循环（链接最终指回自身），已跳过 \/ symbolic link loop; skipped/);
    assert.match(ran.stderr, /broken\/y\.txt: 符号链接循环/);
    assert.doesNotMatch(ran.stderr, /dangling-folder/, 'not named like a draft');
    assert.equal(parse(ran.stdout).length, 1);
    // Named on the command line, a broken link is an error.
    const named = await cli(['broken/dangling.txt']);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /broken\/dangling\.txt: 符号链接的目标不存在/);
  });
});

describe('line endings', () => {
  const lines = ['新年伊始, 我们', '围绕X科技城.', '第三行, 好', '第四行X名'];
  const fixedLines = ['新年伊始，我们', '围绕X科技城。', '第三行，好', '第四行X名'];
  const expected = [
    ['punctuation-width', 1, 5, 1, 7],
    ['placeholder', 2, 3, 2, 4],
    ['punctuation-width', 2, 7, 2, 8],
    ['punctuation-width', 3, 4, 3, 6],
    ['placeholder', 4, 4, 4, 5],
  ];
  const variants: Record<string, string[]> = {
    LF: ['\n', '\n', '\n', '\n'],
    CRLF: ['\r\n', '\r\n', '\r\n', '\r\n'],
    CR: ['\r', '\r', '\r', '\r'],
    mixed: ['\r\n', '\r', '\n', '\r\n'],
    'mixed, no final break': ['\r', '\n', '\r\n', ''],
  };
  const join4 = (parts: string[], endings: string[]) => parts.map((line, i) => line + endings[i]).join('');

  for (const [name, endings] of Object.entries(variants)) {
    it(`${name}: positions in json and stylish; --fix keeps every line ending byte for byte`, async () => {
      const file = `eol/${name.replace(/\W+/g, '-')}.txt`;
      const text = join4(lines, endings);
      const path = fixture(file, text);
      const ran = await cli([file, '--format', 'json']);
      const messages = parse(ran.stdout)[0]!.messages;
      assert.deepEqual(messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn]), expected);
      for (const m of messages.filter((x) => x.fix)) assert.match(text.slice(m.fix!.range[0], m.fix!.range[1]), /^[,.] ?$/);
      const plain = await cli([file, '--no-color']);
      for (const [, line, column] of expected) assert.match(plain.stdout, new RegExp(`^ {2}${line}:${column} `, 'm'));
      assert.doesNotMatch(plain.stdout, /↵/, 'excerpts stop at the line end');
      await cli(['--fix', file]);
      assert.deepEqual(readFileSync(path), Buffer.from(join4(fixedLines, endings), 'utf8'));
    });
  }
});

describe('text edge cases', () => {
  const cases: Record<string, string> = {
    'CJK Extension B': '𠀀𠀁我们, 好\n𠀀\r\n𠀀X科技城.\n',
    'emoji (surrogate pairs)': '😀😀我们, 好😀\n',
    'combining marks': '会议e\u0301, 我们\u0301X科技城\n',
    'full-width Latin': 'ＡＢＣ会议, 我们Ｘ科技城\n',
    'zero-width spaces': '会议\u200b, 我们\u200b围绕X科技城\u200b.\n',
    'right-to-left marks': '会议\u200f围绕\u202eX科技城\u202c, 我们\n',
    'lines of only punctuation': '，。！？\n,.,.!?\n……——\n:::\n。。。\n',
    'only \\r\\n\\r\\n': '\r\n\r\n',
    'a BOM and nothing else': '\uFEFF',
  };
  const INVISIBLE = /[\u0301\u200b\u200f\u202c\u202e\uFEFF]/g;
  const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
  const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: engine findings are whole characters; fixes stay in their own range; CLI agrees`, async () => {
      const body = text.replace(/^\uFEFF/, '');
      const findings = lint(body);
      for (const f of findings) {
        assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= body.length, `${f.ruleId} in range`);
        for (const at of [f.range.start, f.range.end]) {
          assert.ok(!(isHigh(body.charCodeAt(at - 1)) && isLow(body.charCodeAt(at))), `${f.ruleId} does not split a surrogate pair at ${at}`);
          assert.ok(!(body[at - 1] === '\r' && body[at] === '\n'), `${f.ruleId} does not split \\r\\n at ${at}`);
        }
        for (const edit of f.fix ?? []) {
          assert.ok(edit.range.start >= f.range.start && edit.range.end <= f.range.end, `${f.ruleId}'s fix ${JSON.stringify(edit)} inside ${JSON.stringify(f.range)}`);
        }
      }
      const { output } = fix(body);
      assert.deepEqual(output.match(INVISIBLE) ?? [], body.match(INVISIBLE) ?? [], 'fixes never drop invisible characters');
      assert.equal(fix(output).output, output, 'fixing twice changes nothing');

      const file = `edge/${name.replace(/\W+/g, '-')}.txt`;
      const path = fixture(file, text);
      const ran = await cli([file, '--format', 'json']);
      assert.ok(ran.code === 0 || ran.code === 1, ran.stderr);
      const messages = parse(ran.stdout)[0]!.messages;
      assert.deepEqual(messages.map((m) => [m.line, m.column]), findings.map((f) => [f.start.line, f.start.column]));
      await cli(['--fix', file]);
      assert.deepEqual(readFileSync(path), Buffer.from((text.startsWith('\uFEFF') ? '\uFEFF' : '') + output, 'utf8'));
    });
  }

  it('columns after an Extension B character are UTF-16 code units in json, sarif and stylish', async () => {
    fixture('extb/a.txt', '𠀀𠀁我们, 好\n');
    const [result] = parse((await cli(['extb/a.txt', '--format', 'json'])).stdout);
    assert.deepEqual(result!.messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn, m.fix?.range]), [['punctuation-width', 1, 7, 9, [6, 8]]]);
    const sarif = JSON.parse((await cli(['extb/a.txt', '--format', 'sarif'])).stdout);
    const region = sarif.runs[0].results[0].locations[0].physicalLocation.region;
    assert.deepEqual([region.startColumn, region.endColumn, region.charOffset, region.charLength], [7, 9, 6, 2]);
    const plain = await cli(['extb/a.txt', '--no-color']);
    assert.match(plain.stdout, /^ {2}1:7 {2}警告/m);
    // Excerpt indented by 7; the caret under ", " after 𠀀𠀁我们 (four characters two columns wide each).
    assert.match(plain.stdout, /\n {7}𠀀𠀁我们, 好\n {15}\^\^\n/);
  });

  it('NUL bytes mean binary: refused, exit 2, and --fix leaves the file alone', async () => {
    const bytes = Buffer.from('会议\0, 我们\n', 'utf8');
    const path = fixture('nul/a.txt', bytes);
    const ran = await cli(['--fix', 'nul/a.txt']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /nul\/a\.txt: 看起来是二进制文件，已跳过 \/ looks like a binary file; skipped/);
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('UTF-16 with a BOM: a NUL character means binary; an odd byte count is refused, not truncated', async () => {
    const withNul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会议\0, 我们', 'utf16le')]);
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('会议, 我们', 'utf16le'), Buffer.from([0x41])]);
    const oddBe = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('会议, 我们', 'utf16le').swap16(), Buffer.from([0x41])]);
    const paths = [fixture('u16/nul.txt', withNul), fixture('u16/odd.txt', odd), fixture('u16/odd-be.txt', oddBe)];
    const ran = await cli(['--fix', 'u16']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /u16\/nul\.txt: 看起来是二进制文件/);
    assert.match(ran.stderr, /u16\/odd\.txt: 有字节序标记却不是完整的 UTF-16 文本（字节数 15 为奇数） \/ byte-order mark but not whole UTF-16 text \(odd length, 15 bytes\); skipped/);
    assert.match(ran.stderr, /u16\/odd-be\.txt: 有字节序标记却不是完整的 UTF-16 文本/);
    assert.deepEqual(paths.map((p) => readFileSync(p)), [withNul, odd, oddBe]);
  });
});

describe('clean-up', () => {
  it('no temporary files are left anywhere in the work folder', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const path = join(dir, e.name);
        if (e.isSymbolicLink()) return [];
        return e.isDirectory() ? walk(path) : e.name.endsWith('.tmp') ? [path] : [];
      });
    assert.deepEqual(walk(work), []);
  });
});
