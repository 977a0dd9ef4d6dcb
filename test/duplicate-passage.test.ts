// duplicate-passage beyond its fixtures: both places named (the finding on the later copy, the
// first as its related location), the deletion it suggests, its thresholds. (Its work on long
// and hostile drafts is counted with every rule's in redos.test.ts.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lint } from '../rules/index.js';
import { findNearDuplicates } from '../rules/text/near-duplicates.js';

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

  it('two versions of one paragraph: both places, either version may go, option similarity 1 turns it off', () => {
    const before = '今年入汛以来，全县累计降雨量较常年偏多三成，先后发生四次强降雨过程，部分乡镇出现内涝，我们及时启动应急响应，转移受威胁群众一千二百余人。';
    const after = '今年入汛以来，全县累计降雨量较常年偏多四成，先后发生五次强降雨过程，部分乡镇出现内涝，我们及时启动应急响应，转移受威胁群众一千五百余人。';
    const text = `${before}\n\n${SENTENCE}\n\n${after}\n`;
    const [f, ...rest] = lint(text, only);
    assert.equal(rest.length, 0);
    assert.equal(f!.messageId, 'similar');
    assert.match(f!.message, /^此段与第 1 行的段落大体相同（相似度 \d+%），疑为改稿后新旧两段并存/);
    assert.equal(f!.related![0]!.message, '另一版本');
    assert.deepEqual(f!.suggestions!.map((s) => s.message), ['删除此段（保留另一版本）', '删除第 1 行的另一版本（保留此段）']);
    assert.equal(applyEdits(text, f!.suggestions![0]!.edits), `${before}\n\n${SENTENCE}\n`);
    assert.equal(applyEdits(text, f!.suggestions![1]!.edits), `${SENTENCE}\n\n${after}\n`);
    assert.deepEqual(lint(text, { ...only, config: { rules: { 'duplicate-passage': ['warning', { similarity: 1 }] } } }), []);
  });

  it('finds near duplicates through sketches; three alike or more are a pattern the rule leaves alone', () => {
    const base = '各乡镇要压紧压实防汛责任，逐级落实包保责任人，对隐患点开展拉网式排查，发现问题立即整改到位。';
    const texts = [base, '完全不同的一段话，讲的是另外一件事情，和防汛没有关系，也不会被当作相似段落。', base.replace('立即', '马上')];
    assert.deepEqual(findNearDuplicates(texts, 0.7).map((p) => [p.first, p.second]), [[0, 2]]);
    const pattern = ['七月', '八月', '九月'].map((month) => `请各乡镇于${month}十日前将防汛物资储备情况、责任人名单和应急预案修订情况报县防汛办，逾期未报的予以通报。`);
    assert.ok(findNearDuplicates(pattern, 0.7).length >= 2);
    assert.deepEqual(lint(pattern.join('\n\n'), only), []);
  });
});
