// What the fixtures cannot hold: line-break styles, long and pathological input, the real seed.
// First: it starts the block coverage that counts, before the code it counts is compiled.
import { workOf } from './work-count.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixUntilStable } from '../rules/engine/apply-fixes.js';
import { lintWith } from '../rules/engine/lint.js';
import { repeatedPhrase } from '../rules/repeated-phrase/index.js';
import { loadSegmenter } from '../rules/text/segmenter.js';

const lint = (text: string) => lintWith([repeatedPhrase], text);
/** JavaScript blocks plus characters scanned by built-ins, per character of the text. */
const WORK_PER_CHARACTER = 200;
const fixed = (text: string) => fixUntilStable(text, lint).output;
/** With the preferred suggestions applied too (`--fix-level suggestion`). */
const suggested = (text: string) => fixUntilStable(text, lint, { scope: 'suggestion' }).output;

describe('rule repeated-phrase', () => {
  it('finds the title pasted twice in seed 001', () => {
    const text = readFileSync('seeds/001_dec61c6e8abe713a.txt', 'utf8');
    const title = '在高新区2022年工作会议上的讲话范文';
    const findings = lint(text);
    assert.ok(findings.some((f) => text.slice(f.range.start, f.range.end) === title && f.message.includes(title)));
  });

  it('treats \\r\\n like \\n: a break inside a sentence stays, a pasted line goes with its break', () => {
    assert.equal(suggested('要坚持以改革创新为动力，不断推动\r\n推动产业转型升级。'), '要坚持以改革创新为动力，不断推动\r\n产业转型升级。');
    assert.equal(suggested('关于加快推进科技城建设的讲话\r\n关于加快推进科技城建设的讲话\r\n同志们：'), '关于加快推进科技城建设的讲话\r\n同志们：');
  });

  it('deletes unasked only a doubled function character; meant repetition is a suggestion', () => {
    assert.equal(fixed('这是大家的的责任。'), '这是大家的责任。');
    for (const meant of ['冲啊冲啊！', '“快跑快跑！”他喊道。', '安全第一安全第一安全第一', '出席\n出席\n缺席', '同上\n同上', '市民其实不甚了了。', '软趴趴的回应', '这的的确确是事实。']) {
      assert.equal(fixed(meant), meant, meant);
    }
  });

  it('does not join paragraphs separated by a blank line', () => {
    assert.deepEqual(lint('要坚持以改革创新为动力，不断推动\n\n推动产业转型升级。'), []);
  });

  it('quotes a long unit in part', () => {
    const unit = '坚持以人民为中心的发展思想不断增强人民群众的获得感幸福感安全感';
    const [finding] = lint(`我们要${unit}${unit}。`);
    assert.ok(finding);
    assert.match(finding.message, /^“坚持以人民为中心.{22}…”重复出现/);
  });

  it('has a clean list of allowed reduplications: one or two Han characters a line, no repeats', () => {
    const entries = readFileSync('rules/repeated-phrase/allowed.txt', 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    for (const entry of entries) assert.match(entry, /^\p{Script=Han}{1,2}$/u, entry);
    assert.equal(new Set(entries).size, entries.length, 'duplicate entries');
  });

  it('does a bounded amount of work per character on long and pathological text', () => {
    // Counted, not timed (test/work-count.ts): a time limit fails on a busy machine. A run of one
    // character used to be scanned again for every period up to MAX_UNIT, some 3,900 blocks per
    // character here; now about 65, and 50 on the seeds.
    loadSegmenter();
    const seeds = ['000_0ca60af3737e0165', '001_dec61c6e8abe713a', '002_d9e124108a59f07c'].map((n) => readFileSync(`seeds/${n}.txt`, 'utf8'));
    const long = seeds.join('\n').repeat(10);
    const runs = `${'哈'.repeat(3000)}\n${'——'.repeat(2000)}\n${'哈嘿'.repeat(1500)}\n${'='.repeat(4000)}`;
    for (const text of [long, runs]) {
      lint(`${text} `); // what is built once (the segmenter's first use) is not counted
      const { js, builtins } = workOf(() => lint(text));
      assert.ok(js + builtins <= WORK_PER_CHARACTER * text.length, `${js} blocks + ${builtins} characters scanned for ${text.length} characters`);
    }
  });
});
