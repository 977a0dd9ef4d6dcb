import type { ReportDescriptor, Rule } from '../engine/types.js';
import { isHan, withoutEnglishMentions } from '../text/chinese.js';
import { isTraditionalText } from '../text/script.js';

/** Characters typed for 〇 in a Chinese numeral: a circle (○ ◯), a letter O, a digit 0. */
const ZERO_LOOKALIKES = '○◯OＯ0０';
const CIRCLES = '○◯';
const NUMERAL_DIGITS = '一二三四五六七八九';
const NUMERAL_RUN = new RegExp(`[${NUMERAL_DIGITS}〇${ZERO_LOOKALIKES}]{2,}`, 'gu');

const FULL_WIDTH_DIGITS = /[０-９]+/g;
const FULL_WIDTH_PERCENT = /(?<=[0-9][ ]?)％/g;
/** Single digits separated by single spaces, three or more: 1 9 7 5 (never 3 000, the standard's grouping). */
const SPACED_DIGITS = /(?<![0-9.,])[0-9](?: [0-9]){2,}(?![0-9.,])/g;
/** 三、四个人: two neighbouring numerals joined by 、 before a measure word or a power of ten. */
const APPROXIMATE = /(?<![第0-9一二三四五六七八九十百千万、])([一二三四五六七八九])、([一二三四五六七八九])(?=[十百千万个人天年次名岁月日种位家项条件倍])(?!.、)/gu;
const ARABIC_YEAR = /(?<![0-9０-９.])(?:1[89]|20)[0-9]{2}年/g;
const CHINESE_YEAR = /(?<![〇一二三四五六七八九十])[一二][〇○零九一二三四五六七八]{3}年/gu;
const DATE_ONLY_LINE = /^[\s\u00a0\u3000（(]*[一二][〇○零九一二三四五六七八]{3}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日[）)\s\u00a0\u3000]*$/u;

export const numeralUsage: Rule = {
  meta: {
    id: 'numeral-usage',
    description: {
      zh: '数字用法（GB/T 15835-2011）：误作“〇”的字符，全角数字与百分号混用，概数间的顿号，数字中的空格，同段年份写法不一',
      en: 'Numeral usage (GB/T 15835-2011): wrong characters for 〇, mixed digit and percent widths, 、 in approximate numbers, spaced digits, mixed year forms',
    },
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    // Full-width digits are judged against the whole document's digits.
    scope: 'document',
    hasSuggestions: true,
    messages: {
      wrongZero: '汉字数字中的“{char}”应为“〇”（U+3007）',
      percentWidth: '半角数字后的百分号应为半角“%”',
      fullWidthDigits: '全角数字“{digits}”与本文其他数字（半角）不一致',
      toHalfWidth: '改为半角“{digits}”',
      spacedDigits: '数字中间有空格：“{digits}”',
      joinDigits: '改为“{joined}”',
      approximate: '相邻数字连用表示概数，中间不用顿号：“{text}”',
      dropComma: '改为“{joined}”',
      mixedYears: '同一段中年份写法不一：“{chinese}”与“{arabic}”',
      toArabicYear: '改为“{arabic}”',
    },
    options: {},
  },
  check(ruleContext) {
    const context = withoutEnglishMentions(ruleContext);
    const text = context.document.prose;
    const isTraditional = () => isTraditionalText(text);
    checkZeros(text, context.report.bind(context));
    FULL_WIDTH_PERCENT.lastIndex = 0;
    for (let m = FULL_WIDTH_PERCENT.exec(text); m; m = FULL_WIDTH_PERCENT.exec(text)) {
      const range = { start: m.index, end: m.index + 1 };
      context.report({ messageId: 'percentWidth', range, fix: [{ range, text: '%' }] });
    }
    // Full-width digits only matter beside half-width ones: one form throughout is consistent.
    if (/[0-9]/.test(text)) {
      FULL_WIDTH_DIGITS.lastIndex = 0;
      for (let m = FULL_WIDTH_DIGITS.exec(text); m; m = FULL_WIDTH_DIGITS.exec(text)) {
        const digits = m[0];
        const half = [...digits].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join('');
        const range = { start: m.index, end: m.index + digits.length };
        context.report({ messageId: 'fullWidthDigits', data: { digits }, range, suggestions: [{ message: `改为半角“${half}”`, edits: [{ range, text: half }] }] });
      }
    }
    SPACED_DIGITS.lastIndex = 0;
    for (let m = SPACED_DIGITS.exec(text); m; m = SPACED_DIGITS.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      // Only a number inside Chinese text: a row of a flattened table is columns, not one number.
      if (!isHan(nearest(text, start, -1)) && !isHan(nearest(text, end, 1))) continue;
      const joined = m[0].replace(/ /g, '');
      context.report({ messageId: 'spacedDigits', data: { digits: m[0] }, range: { start, end }, suggestions: [{ message: `改为“${joined}”`, edits: [{ range: { start, end }, text: joined }] }] });
    }
    // Hong Kong and Taiwan write 二、三十年 by their own usage (as they write ○ for zero): mainland texts only.
    APPROXIMATE.lastIndex = 0;
    for (let m = APPROXIMATE.exec(text); m && !isTraditional(); m = APPROXIMATE.exec(text)) {
      if (NUMERAL_DIGITS.indexOf(m[2]!) !== NUMERAL_DIGITS.indexOf(m[1]!) + 1) continue;
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      if (/^[\s\u3000]*$/.test(text.slice(lineStart, m.index))) continue; // 一、二… heading numbers
      const start = m.index;
      const comma = start + 1;
      context.report({
        messageId: 'approximate',
        data: { text: m[0] },
        range: { start, end: start + 3 },
        suggestions: [{ message: `改为“${m[1]}${m[2]}”`, edits: [{ range: { start: comma, end: comma + 1 }, text: '' }] }],
      });
    }
    checkYearForms(text, context.report.bind(context));
  },
};

function checkZeros(text: string, report: (descriptor: ReportDescriptor) => void): void {
  NUMERAL_RUN.lastIndex = 0;
  for (let m = NUMERAL_RUN.exec(text); m; m = NUMERAL_RUN.exec(text)) {
    const run = m[0];
    const digits = [...run].filter((c) => NUMERAL_DIGITS.includes(c)).length;
    if (digits === 0 || ![...run].some((c) => ZERO_LOOKALIKES.includes(c))) continue;
    // A year (二O一一年), or a numeral long enough to be one (一○○): never "O一下" or "10一".
    const isYear = text[m.index + run.length] === '年';
    if (!isYear && (run.length < 3 || digits < 1)) continue;
    // Zeros must sit between numerals, not lead a Latin word or an Arabic number.
    if (/^[OＯ0０]/u.test(run) && !isYear) continue;
    for (let i = 0; i < run.length; i++) {
      const char = run[i]!;
      if (!ZERO_LOOKALIKES.includes(char)) continue;
      // A circle prints and reads as 〇, and respected texts publish it (gov.cn's 「二○○四年」, Taiwan's
      // 「一○○、」): only a letter or a digit, which look and read otherwise, is a slip.
      if (CIRCLES.includes(char)) continue;
      const range = { start: m.index + i, end: m.index + i + 1 };
      report({ messageId: 'wrongZero', data: { char }, range, fix: [{ range, text: '〇' }] });
    }
  }
}

/** A paragraph that writes a year both ways: the Chinese-numeral one is the odd one out in running text. */
function checkYearForms(text: string, report: (descriptor: ReportDescriptor) => void): void {
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd);
    ARABIC_YEAR.lastIndex = 0;
    const arabic = ARABIC_YEAR.exec(line);
    if (arabic && !DATE_ONLY_LINE.test(line)) {
      CHINESE_YEAR.lastIndex = 0;
      for (let m = CHINESE_YEAR.exec(line); m; m = CHINESE_YEAR.exec(line)) {
        const chinese = m[0];
        const value = [...chinese.slice(0, -1)].map((c) => ('〇○零'.includes(c) ? '0' : String(NUMERAL_DIGITS.indexOf(c) + 1))).join('');
        const start = lineStart + m.index;
        const range = { start, end: start + chinese.length - 1 };
        report({ messageId: 'mixedYears', data: { chinese, arabic: arabic[0] }, range, suggestions: [{ message: `改为“${value}年”`, edits: [{ range, text: value }] }] });
      }
    }
    lineStart = lineEnd + 1;
  }
}

/** The nearest character that is not a space, before (`step` -1) or at/after (1) `from`. */
function nearest(text: string, from: number, step: -1 | 1): string | undefined {
  let i = step < 0 ? from - 1 : from;
  while (i >= 0 && i < text.length && (text[i] === ' ' || text[i] === '\u3000')) i += step;
  return text[i];
}
