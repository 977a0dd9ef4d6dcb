import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import { convertScript, detectMixedScript, detectScript, findOtherScript, type Script } from '../rules/text/script.js';

const seeds = readdirSync('seeds')
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join('seeds', name), 'utf8'));

/** Each span as 「text→replacement」, for compact assertions. */
function spans(text: string, main: Script): string[] {
  return findOtherScript(text, main).map((s) => {
    assert.equal(text.slice(s.start, s.end), s.text, 'span offsets must point at its text');
    return `${s.text}→${s.replacement}`;
  });
}

describe('convertScript', () => {
  it('equals the opencc-js cn → t and t → cn converters on the seeds', () => {
    const toTraditional = ConverterFactory([STPhrases, STCharacters]);
    const toSimplified = ConverterFactory([TSPhrases, TSCharacters]);
    for (const seed of seeds) {
      assert.equal(convertScript(seed, 'traditional'), toTraditional(seed));
      assert.equal(convertScript(seed, 'simplified'), toSimplified(seed));
    }
  });

  it('uses phrases for one-to-many characters', () => {
    assert.equal(convertScript('干部不要干涉头发的事', 'traditional'), '幹部不要干涉頭髮的事');
    assert.equal(convertScript('乾坤未定，乾燥的天氣', 'simplified'), '乾坤未定，干燥的天气');
  });
});

describe('detectScript', () => {
  it('finds the main script of every seed', () => {
    assert.deepEqual(
      seeds.map((seed) => detectScript(seed).script),
      ['simplified', 'simplified', 'simplified', 'traditional', 'simplified'],
    );
  });

  it('counts only characters that are unambiguous in context', () => {
    // 干 里 后 台 are traditional characters too; only the phrase 干部 decides one.
    assert.deepEqual(detectScript('干涉若干公里皇后台州'), { script: 'simplified', simplified: 0, traditional: 0 });
    assert.deepEqual(detectScript('干部'), { script: 'simplified', simplified: 1, traditional: 0 });
    assert.deepEqual(detectScript('發展經濟，关于'), { script: 'traditional', simplified: 2, traditional: 3 });
  });

  it('names the main script only of a text that mixes both (detectMixedScript)', () => {
    assert.equal(detectMixedScript('发展经济，关于'), undefined);
    assert.equal(detectMixedScript('發展經濟，關於'), undefined);
    assert.equal(detectMixedScript('發展經濟，关于'), 'traditional');
    assert.equal(detectMixedScript('发展经济，關於'), 'simplified');
    assert.deepEqual(
      seeds.map((seed) => detectMixedScript(seed)),
      [undefined, undefined, undefined, 'traditional', undefined],
    );
  });

  it('finds the same characters in Han runs cut by Latin, digits, surrogates and line breaks', () => {
    // Runs are examined one by one: a phrase never spans a non-Han character.
    const text = '實干x干部\n𠀀幹部2實干';
    assert.deepEqual(
      findOtherScript(text, 'traditional').map((s) => [s.start, s.text, s.replacement]),
      [[1, '干', '幹'], [3, '干', '幹'], [12, '干', '幹']],
    );
  });
});

describe('findOtherScript', () => {
  it('finds traditional characters in simplified text, one span per run', () => {
    assert.deepEqual(spans('三是干部人才隊伍不断壮大，實現廉洁自律，關於此事', 'simplified'), ['隊→队', '實現→实现', '關於→关于']);
  });

  it('leaves simplified text alone where traditional forms are standard there too', () => {
    assert.deepEqual(spans('乾隆年间的著名古桥，瞭望塔上，慰藉心灵，宫商角徵羽', 'simplified'), []);
  });

  it('flags ambiguous simplified characters in traditional text only inside a converting phrase', () => {
    assert.deepEqual(spans('政府不應干涉，若干問題，三百公里，皇后出席，于先生，人云亦云', 'traditional'), []);
    const found = findOtherScript('是我市干部苦干實干的體現，高于平均水平', 'traditional');
    assert.deepEqual(
      found.map((s) => [s.text, s.replacement, s.phrase]),
      [['干', '幹', '干部'], ['干', '幹', '苦干實干'], ['干', '幹', '苦干實干'], ['于', '於', '高于']],
    );
  });

  it('flags unambiguous simplified characters in traditional text alone', () => {
    assert.deepEqual(spans('這是发展，万人，冲鋒，党員', 'traditional'), ['发→發', '万→萬', '冲→衝', '党→黨']);
  });

  it('never flags characters that are the same in both scripts', () => {
    assert.deepEqual(spans('這個面只要十元，關系很好', 'traditional'), []);
  });

  it('accepts Taiwan and Hong Kong standard forms in traditional text', () => {
    assert.deepEqual(spans('台灣的小吃，群眾的力量，温度，恒生指數，衣服發霉了', 'traditional'), []);
  });

  it('writes replacements in the regional forms the text already uses', () => {
    assert.deepEqual(spans('這是為了發展，因为', 'traditional'), ['为→為']);
    assert.deepEqual(spans('這是發展，因为', 'traditional'), ['为→爲']);
  });

  it('keeps offsets right around characters outside the BMP', () => {
    const text = '𠀀這裡有𠀾字';
    const found = findOtherScript(text, 'traditional');
    assert.deepEqual(found.map((s) => [s.start, s.end, s.replacement]), [[5, 7, '𠁞']]);
    const simplified = findOtherScript('𠀀这裡', 'simplified');
    assert.deepEqual(simplified.map((s) => [s.start, s.end, s.replacement]), [[3, 4, '里']]);
  });

  it('finds nothing on seed texts converted wholly to either script', () => {
    for (const seed of seeds) {
      assert.deepEqual(spans(convertScript(seed, 'traditional'), 'traditional'), []);
      assert.deepEqual(spans(convertScript(seed, 'simplified'), 'simplified'), []);
    }
  });
});
