// Word documents written by a real word processor: LibreOffice headless converts the seeds and a
// small list document to .docx, and SpeechLint must read them as the text they hold. .ci/run
// installs LibreOffice (Debian's libreoffice-writer-nogui); without it these tests are skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lint } from '../rules/index.js';
import { readDocx } from '../server/docx/read-docx.js';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const skip = soffice ? false : 'LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui';
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

describe('Word documents saved by LibreOffice', { skip }, () => {
  it('reads each seed converted to .docx as exactly the seed\'s text, and finds the same problems in it', () => {
    const seeds = readdirSync('seeds').filter((n) => n.endsWith('.txt')).map((n) => join(process.cwd(), 'seeds', n));
    convert(seeds, 'Text (encoded):UTF8,LF,,,');
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
});
