import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatChineseNumber, parseChineseNumber } from '../rules/text/numerals.js';
import { splitParagraphs, splitSentences } from '../rules/text/paragraphs.js';
import { findUrls } from '../rules/text/urls.js';
import { foldToSimplified } from '../rules/text/fold.js';
import { isHan } from '../rules/text/chinese.js';
import { isSegmenterLoaded, loadSegmenter, segmentWords } from '../rules/text/segmenter.js';

describe('Chinese numerals', () => {
  it('parses announcement numerals', () => {
    const cases: [string, number][] = [['三', 3], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十一', 21], ['一百零五', 105], ['12', 12], ['１２', 12], ['兩', 2]];
    for (const [text, value] of cases) assert.equal(parseChineseNumber(text), value, text);
    for (const text of ['', '三三', '几', '十十', 'abc']) assert.equal(parseChineseNumber(text), undefined, text);
  });

  it('formats numbers the way enumerations write them and round-trips', () => {
    assert.equal(formatChineseNumber(4), '四');
    assert.equal(formatChineseNumber(12), '十二');
    assert.equal(formatChineseNumber(20), '二十');
    assert.equal(formatChineseNumber(105), '一百零五');
    for (let n = 0; n <= 300; n++) assert.equal(parseChineseNumber(formatChineseNumber(n)), n);
  });
});

describe('paragraphs and sentences', () => {
  it('splits paragraphs on blank lines and sentences on terminal marks', () => {
    const text = '第一段。\n续行！\n\n第二段？结束';
    assert.deepEqual(splitParagraphs(text).map((p) => p.text), ['第一段。\n续行！', '第二段？结束']);
    assert.deepEqual(splitSentences('他说：“好！”我们走。还有', 0).map((s) => s.text), ['他说：“好！”', '我们走。', '还有']);
  });
});

describe('URLs', () => {
  it('finds URLs, bare domains and e-mail addresses; a Han character ends them', () => {
    const text = '请在taowenge.com淘文阁网搜索，见http://www.hancun.net省略，或写信到a@b.cn。';
    assert.deepEqual(findUrls(text).map((r) => text.slice(r.start, r.end)), ['taowenge.com', 'http://www.hancun.net', 'a@b.cn']);
  });
});

describe('script folding and character classes', () => {
  it('folds traditional to simplified without moving offsets', () => {
    const text = '正式會員可完整閱讀𠀀';
    const folded = foldToSimplified(text);
    assert.equal(folded, '正式会员可完整阅读𠀀');
    assert.equal(folded.length, text.length);
  });

  it('recognises Han characters including Extension B', () => {
    assert.ok(isHan('中'));
    assert.ok(isHan('𠀀'));
    assert.ok(!isHan('a') && !isHan('，'));
  });
});

describe('segmenter (nodejieba)', () => {
  it('loads its dictionaries offline and gives word offsets', () => {
    assert.equal(typeof loadSegmenter(), 'number');
    assert.ok(isSegmenterLoaded());
    const text = '我们推动高质量发展，进一步加强招商引资';
    const words = segmentWords(text);
    assert.ok(words.some((w) => w.word === '高质量'));
    assert.ok(words.some((w) => w.word === '招商引资'));
    for (const w of words) assert.equal(text.slice(w.start, w.end), w.word);
  });
});
