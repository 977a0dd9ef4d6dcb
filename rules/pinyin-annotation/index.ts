import type { Rule } from '../engine/types.js';
import { charBefore } from '../text/chinese.js';
import syllableList from './syllables.txt';

const SYLLABLES = new Set(
  syllableList
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.trim().split(/\s+/))
    .filter(Boolean),
);

// A parenthesised run of Latin letters (with tone marks) right after a Han character.
const ANNOTATION = /[(（]([A-Za-z\u00c0-\u024f\u0300-\u036f]{1,7}(?:[1-5]|\s[A-Za-z\u00c0-\u024f\u0300-\u036f]{1,7}[1-5]?){0,3}[1-5]?)[)）]/g;

/** True for a pinyin syllable written with a tone mark, ü or a tone digit ("biāo", "lü", "biao1"). */
export function isMarkedPinyin(token: string): boolean {
  const decomposed = token.normalize('NFD').toLowerCase();
  const digit = /[1-5]$/.test(decomposed);
  const bare = decomposed.replace(/[1-5]$/, '').replace(/u\u0308/g, 'ü').replace(/[\u0300-\u036f]/g, '');
  const marked = digit || bare.includes('ü') || /[\u0300-\u036f]/.test(decomposed);
  return marked && SYLLABLES.has(bare);
}

/** Han, or a character garbled by the converter ("談?(wù)"): anything but Latin, digits and space. */
function isAnnotatable(char: string | undefined): boolean {
  return char !== undefined && !/[\p{Script=Latin}\p{N}\s\p{Ps}\p{Pe}\uFFFC]/u.test(char);
}

export const pinyinAnnotation: Rule = {
  meta: {
    id: 'pinyin-annotation',
    description: {
      zh: '转换网站留下的拼音注音，如“標(biāo)題”',
      en: 'Pinyin left after characters by converter sites, e.g. "標(biāo)題"',
    },
    category: 'template',
    defaultSeverity: 'error',
    fixable: true,
    scope: 'paragraph',
    hasSuggestions: false,
    shadowsContained: true,
    messages: {
      annotation: '拼音注音“{text}”是转换网站的残留，应删除',
    },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    ANNOTATION.lastIndex = 0;
    for (let m = ANNOTATION.exec(text); m; m = ANNOTATION.exec(text)) {
      // After a character, not after a Latin word, a number or a space ("abc(biāo)", "1(a)").
      if (!isAnnotatable(charBefore(text, m.index))) continue;
      if (!m[1]!.split(/\s/).every(isMarkedPinyin)) continue;
      const range = { start: m.index, end: m.index + m[0].length };
      context.report({ messageId: 'annotation', data: { text: m[0] }, range, fix: [{ range, text: '' }] });
    }
  },
};
