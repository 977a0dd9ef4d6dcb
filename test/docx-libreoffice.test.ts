// Word documents written by a real word processor: LibreOffice headless converts the seeds and a
// small list document to .docx, and SpeechLint must read them as the text they hold. .ci/run
// installs LibreOffice (Debian's libreoffice-writer-nogui); without it these tests are skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lint, type Finding } from '../rules/index.js';
import { findingComments } from '../server/docx/annotate-docx.js';
import { readDocx } from '../server/docx/read-docx.js';
import { cliHarness } from './cli-harness.js';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const skip = soffice ? false : 'LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui';
// Debian's python3 has LibreOffice's UNO bridge (python3-uno); another python3 on PATH may not.
const unoPython = spawnSync('/usr/bin/python3', ['-c', 'import uno'], { encoding: 'utf8' }).status === 0;
const skipUno = skip || (unoPython ? false : "Debian's python3-uno is not installed: .ci/run installs it");
const { cli, fixture, work: cliWork } = cliHarness('speechlint-libreoffice-cli-');

interface OpenedInLibreOffice {
  file: string;
  error?: string;
  redlines: number;
  authors: string[];
  remaining?: number;
  comments: { content: string; anchor: string; author: string }[];
}

/** Opens each document in LibreOffice (test/libreoffice/accept-changes.py): 'accept' accepts every tracked change; both save the text to `out`. */
function openInLibreOffice(jobs: [mode: 'accept' | 'comments', docx: string, out: string][]): OpenedInLibreOffice[] {
  const ran = spawnSync('/usr/bin/python3', ['test/libreoffice/accept-changes.py', join(work, 'uno-profile'), ...jobs.flat()], { encoding: 'utf8', timeout: 600_000, env: { ...process.env, HOME: work } });
  assert.equal(ran.status, 0, `accept-changes.py failed: ${ran.stderr}`);
  const results = ran.stdout.trim().split('\n').map((line) => JSON.parse(line) as OpenedInLibreOffice);
  assert.equal(results.length, jobs.length, ran.stdout);
  for (const result of results) assert.equal(result.error, undefined, result.file);
  return results;
}

/** Text LibreOffice saved: a byte-order mark first and a line break after every paragraph, the last one too. */
function savedText(path: string): string {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  assert.ok(text.endsWith('\n'), path);
  return text.slice(0, -1);
}
const work = mkdtempSync(join(tmpdir(), 'speechlint-libreoffice-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Converts `files` to .docx in `work` with one soffice run (its own profile under `work`). */
function convert(files: string[], inputFilter: string): void {
  const ran = spawnSync(soffice, ['--headless', `--infilter=${inputFilter}`, '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, ...files], {
    env: { ...process.env, HOME: work },
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(ran.status, 0, `soffice failed: ${ran.stderr}`);
}

const seedFiles = () => readdirSync('seeds').filter((n) => n.endsWith('.txt')).sort();
let seedsConverted = false;
/** The seeds as .docx saved by LibreOffice, in `work` (converted once); their paths. */
function convertSeeds(): string[] {
  const seeds = seedFiles().map((n) => join(process.cwd(), 'seeds', n));
  if (!seedsConverted) convert(seeds, 'Text (encoded):UTF8,LF,,,');
  seedsConverted = true;
  return seeds;
}

describe('Word documents saved by LibreOffice', { skip }, () => {
  it('reads each seed converted to .docx as exactly the seed\'s text, and finds the same problems in it', () => {
    const seeds = convertSeeds();
    for (const seed of seeds) {
      const text = readFileSync(seed, 'utf8');
      const docx = readDocx(readFileSync(join(work, seed.split('/').pop()!.replace(/\.txt$/, '.docx'))));
      assert.equal(docx.text, text.replace(/\n$/, ''), seed);
      assert.ok(docx.paragraphs.every((p) => p.part === 'body'));
      const key = (f: { ruleId: string; message: string; start: { line: number; column: number } }) => `${f.ruleId} ${f.start.line}:${f.start.column} ${f.message}`;
      assert.deepEqual(lint(docx.text).map(key), lint(text).map(key), seed);
    }
  });

  it('reads a numbered list as Word numbers it, so a count announced before it is checked; table cells in place', () => {
    const html = join(work, 'list.html');
    writeFileSync(
      html,
      '<html><head><meta charset="utf-8"></head><body><p>同志们：</p><p>今天我讲两点意见。</p><ol><li>统一思想</li><li>狠抓落实</li><li>加强领导</li></ol>' +
        '<table><tr><td>单元格甲</td><td>单元格乙</td></tr></table><p>谢谢大家！</p></body></html>',
    );
    convert([html], 'HTML (StarWriter)');
    const docx = readDocx(readFileSync(join(work, 'list.docx')));
    const lines = docx.text.split('\n');
    assert.deepEqual(lines.slice(0, 5), ['同志们：', '今天我讲两点意见。', '1. 统一思想', '2. 狠抓落实', '3. 加强领导']);
    assert.deepEqual(docx.paragraphs.filter((p) => p.part === 'table').map((p) => lines[docx.paragraphs.indexOf(p)]), ['单元格甲', '单元格乙']);
    const counted = lint(docx.text).filter((f) => f.ruleId === 'enumeration-count');
    assert.equal(counted.length, 1);
    assert.equal(counted[0]!.start.line, 2);
  });

  it('a seed .docx fixed by --fix opens in LibreOffice with SpeechLint\'s tracked changes, and accepting them all there gives exactly --fix on the .txt', { skip: skipUno }, async () => {
    convertSeeds();
    const names = seedFiles();
    for (const name of names) {
      fixture(`fix/${name}`, readFileSync(join('seeds', name)));
      fixture(`fix/${name.replace(/\.txt$/, '.docx')}`, readFileSync(join(work, name.replace(/\.txt$/, '.docx'))));
    }
    const fixed = await cli(['fix', '--fix']);
    assert.ok(fixed.code <= 1, fixed.stderr);
    const jobs = names.map((name): [ 'accept', string, string ] => ['accept', join(cliWork, 'fix', name.replace(/\.txt$/, '.docx')), join(work, name.replace(/\.txt$/, '.accepted.txt'))]);
    const opened = openInLibreOffice(jobs);
    names.forEach((name, i) => {
      const docxName = name.replace(/\.txt$/, '.docx');
      const report = new RegExp(`${docxName}: 已以修订写入 (\\d+) 处修改（作者 SpeechLint），请在 Word 或 WPS 中逐条接受或拒绝 /`).exec(fixed.stderr);
      assert.ok(report && Number(report[1]) > 0, `${name}: ${fixed.stderr}`);
      assert.ok(opened[i]!.redlines >= Number(report[1]), `${name}: LibreOffice reads the tracked changes`);
      assert.deepEqual(opened[i]!.authors, ['SpeechLint']);
      assert.equal(opened[i]!.remaining, 0);
      const original = readFileSync(join('seeds', name), 'utf8');
      const fixedText = readFileSync(join(cliWork, 'fix', name), 'utf8');
      assert.notEqual(fixedText, original, `${name} has fixes`);
      // A .txt's final line break is no paragraph of its own in Word.
      const expected = original.endsWith('\n') ? fixedText.replace(/\n$/, '') : fixedText;
      assert.equal(savedText(jobs[i]![2]), expected, name);
    });
    assert.doesNotMatch(fixed.stderr, /无法以修订写入/);
  });

  it('a seed .docx annotated by --annotate opens in LibreOffice with one comment per finding, anchored on the finding\'s text, the text itself unchanged', { skip: skipUno }, async () => {
    convertSeeds();
    const names = seedFiles();
    for (const name of names) fixture(`annotate/${name.replace(/\.txt$/, '.docx')}`, readFileSync(join(work, name.replace(/\.txt$/, '.docx'))));
    const annotated = await cli(['annotate', '--annotate', '--format', 'json']);
    assert.ok(annotated.code <= 1, annotated.stderr);
    const results = JSON.parse(annotated.stdout) as { filePath: string; messages: unknown[] }[];
    const jobs = names.map((name): ['comments', string, string] => ['comments', join(cliWork, 'annotate', name.replace(/\.txt$/, '.批注.docx')), join(work, name.replace(/\.txt$/, '.annotated.txt'))]);
    const opened = openInLibreOffice(jobs);
    names.forEach((name, i) => {
      const original = readDocx(readFileSync(join(work, name.replace(/\.txt$/, '.docx')))).text;
      assert.equal(savedText(jobs[i]![2]), original, `${name}: the text is unchanged`);
      const findings: Finding[] = lint(original);
      assert.equal(results.find((r) => r.filePath.endsWith(name.replace(/\.txt$/, '.docx')))!.messages.length, findings.length);
      const comments = opened[i]!.comments;
      assert.equal(comments.length, findings.length, name);
      assert.ok(comments.every((c) => c.author === 'SpeechLint'));
      // Each finding with text inside one paragraph has a comment saying what it says, anchored on that text.
      const wanted = findingComments(findings, original);
      findings.forEach((finding, k) => {
        const anchor = original.slice(finding.range.start, finding.range.end);
        if (anchor === '' || anchor.includes('\n')) return;
        const content = wanted[k]!.paragraphs.join('\n');
        assert.ok(comments.some((c) => c.content === content && c.anchor === anchor), `${name}: no comment “${content}” on “${anchor}”`);
      });
    });
  });
});
