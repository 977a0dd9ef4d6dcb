// duplicate-passage beyond its fixtures: both places named (the finding on the later copy, the
// first as its related location), the deletion it suggests, its thresholds. (Its work on long
// and hostile drafts is counted with every rule's in redos.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lint } from '../rules/index.js';

const only = { onlyRules: ['duplicate-passage'] };
const TITLE = '在全县优化营商环境工作推进会上的讲话';
const SENTENCE = '今天召开全县优化营商环境工作推进会，主要任务是总结前一阶段工作，部署下一步任务。';

describe('duplicate-passage', () => {
  it('reports the later copy and points at the first', () => {
    const text = `${TITLE}\n\n同志们：\n\n${SENTENCE}\n\n谢谢大家！\n\n${TITLE}\n`;
    const [finding, ...rest] = lint(text, only);
    assert.equal(rest.length, 0);
    assert.equal(text.slice(finding!.range.start, finding!.range.end), TITLE);
    assert.equal(finding!.start.line, 9);
    assert.equal(finding!.message, `此段与第 1 行的段落完全相同，疑为重复粘贴：“${TITLE}”`);
    assert.deepEqual(finding!.related, [{ range: { start: 0, end: TITLE.length }, start: { line: 1, column: 1 }, end: { line: 1, column: TITLE.length + 1 }, message: '首次出现' }]);
  });

  it('suggests deleting the later paragraph with its line break (and one of the blank lines around it), or a sentence with its spaces; never as a fix', () => {
    const paragraph = `${TITLE}\n\n${SENTENCE}\n\n${TITLE}\n\n谢谢大家！\n`;
    const [p] = lint(paragraph, only);
    assert.equal(p!.fix, undefined);
    assert.equal(p!.suggestions!.length, 1);
    assert.equal(p!.suggestions![0]!.preferred, undefined);
    assert.equal(applyEdits(paragraph, p!.suggestions![0]!.edits), `${TITLE}\n\n${SENTENCE}\n\n谢谢大家！\n`);
    // Paragraphs on consecutive lines (as a Word document reads): the line and its break.
    const packed = `${TITLE}\n${SENTENCE}\n${TITLE}\n谢谢大家！`;
    const [k] = lint(packed, only);
    assert.equal(applyEdits(packed, k!.suggestions![0]!.edits), `${TITLE}\n${SENTENCE}\n谢谢大家！`);
    // The last line has no line break after it: the one before it goes.
    const last = `${TITLE}\n\n${SENTENCE}\n${TITLE}`;
    const [l] = lint(last, only);
    assert.equal(applyEdits(last, l!.suggestions![0]!.edits), `${TITLE}\n\n${SENTENCE}`);
    const sentence = `${SENTENCE}\n\n各部门要抓好落实。${SENTENCE}　我们要清醒看到差距。\n`;
    const [s] = lint(sentence, only);
    assert.equal(s!.messageId, 'sentence');
    assert.equal(s!.start.line, 3);
    assert.equal(applyEdits(sentence, s!.suggestions![0]!.edits), `${SENTENCE}\n\n各部门要抓好落实。我们要清醒看到差距。\n`);
  });

  it('compares text, not spacing; one character more is another passage', () => {
    assert.equal(lint(`${TITLE}\n\n${SENTENCE}\n\n${[...TITLE].join(' ')}\n`, only).length, 1);
    assert.equal(lint(`${TITLE}\n\n${SENTENCE}\n\n${TITLE}（摘要）\n`, only).length, 0);
  });

  it('takes its thresholds from the options', () => {
    const text = `全面加强安全生产工作\n\n${SENTENCE}\n\n全面加强安全生产工作\n`; // 9 Han characters
    assert.equal(lint(text, only).length, 0);
    assert.equal(lint(text, { ...only, config: { rules: { 'duplicate-passage': ['warning', { minLength: 9 }] } } }).length, 1);
    const sentences = `这是第一句话。${'今年要全力抓好项目建设。'}\n\n${SENTENCE}\n\n结尾再讲一句。今年要全力抓好项目建设。\n`;
    assert.equal(lint(sentences, only).length, 0);
    assert.equal(lint(sentences, { ...only, config: { rules: { 'duplicate-passage': ['warning', { sentenceMinLength: 10 }] } } }).length, 1);
  });
});
