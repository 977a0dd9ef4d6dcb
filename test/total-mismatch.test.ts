// total-mismatch beyond its fixtures: what the messages say (sums in the writer's own unit
// words, exact decimals), and the rounding a figure may carry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../rules/index.js';

const only = { onlyRules: ['total-mismatch'] };
const messages = (text: string) => lint(text, only).map((f) => f.message);

describe('total-mismatch', () => {
  it('states the computed and the stated figure, in the unit words the text uses', () => {
    assert.deepEqual(messages('全年完成投资460万元，其中A项目100万元、B项目200万元、C项目180万元。'), ['“其中”各项之和为480万元，超过总数460万元']);
    assert.deepEqual(messages('投资分别为100.5万元、200万元，合计310万元。'), ['各项之和为300.5万元，与合计310万元不符']);
    assert.deepEqual(messages('财政收入12.5亿元，其中税收9.8亿元，非税收入30000万元。'), ['“其中”各项之和为1280000000元，超过总数12.5亿元']);
    assert.deepEqual(messages('其中国有企业占35.2%，民营企业占58.1%，外资企业占12.0%。'), ['各项占比之和为105.3%，超过100%']);
  });

  it('allows what rounding explains and nothing more', () => {
    // Four figures rounded to 0.1 may be off by 0.05 each, the total too.
    assert.deepEqual(messages('总产量6.4万吨，其中甲5.2万吨，乙0.4万吨，丙0.9万吨。'), []);
    assert.equal(messages('总产量6.4万吨，其中甲5.2万吨，乙0.6万吨，丙0.9万吨。').length, 1);
    assert.deepEqual(messages('分别为33.3%、33.3%、33.4%的三项占比'), []);
  });

  it('never compares across sentences or across a semicolon', () => {
    assert.deepEqual(messages('全县毕业生17456人，其中高中7117人；在校学生102090人，其中高中16565人，初中85525人。'), []);
    assert.deepEqual(messages('投资100万元。其中A项目80万元。B项目70万元。'), []);
  });
});
