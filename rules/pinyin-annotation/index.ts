import type { Rule } from '../engine/types.js';
import { charBefore } from '../text/chinese.js';
import { splitParagraphs } from '../text/paragraphs.js';
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
    hasSuggestions: true,
    shadowsContained: true,
    messages: {
      annotation: '拼音注音“{text}”是转换网站的残留，应删除',
      lone: '拼音注音“{text}”疑为转换网站的残留；如果是有意给出的读音，可保留',
    },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    const found: { range: { start: number; end: number }; text: string; gloss: boolean }[] = [];
    ANNOTATION.lastIndex = 0;
    for (let m = ANNOTATION.exec(text); m; m = ANNOTATION.exec(text)) {
      // After a character, not after a Latin word, a number or a space ("abc(biāo)", "1(a)").
      const annotated = charBefore(text, m.index);
      if (!isAnnotatable(annotated)) continue;
      if (!m[1]!.split(/\s/).every(isMarkedPinyin)) continue;
      const range = { start: m.index, end: m.index + m[0].length };
      found.push({ range, text: m[0], gloss: isWritersGloss(text, m.index - annotated!.length, range.end) });
    }
    // Converters annotate in runs; one annotation alone in a paragraph may be the writer's
    // ("莘(shēn)莘学子"): deleting it is then a suggestion.
    const paragraphs = splitParagraphs(text);
    const inRun = new Set<number>();
    let p = 0;
    const perParagraph = new Map<number, number>();
    const paragraphOf = found.map((f) => {
      while (p < paragraphs.length - 1 && paragraphs[p]!.end <= f.range.start) p++;
      if (!f.gloss) perParagraph.set(p, (perParagraph.get(p) ?? 0) + 1);
      return p;
    });
    found.forEach((f, i) => {
      if ((perParagraph.get(paragraphOf[i]!) ?? 0) >= MIN_RUN) inRun.add(i);
    });
    found.forEach((f, i) => {
      if (f.gloss) return; // a pronunciation guide the writer gave: 念作“行(háng)”
      const edit = [{ range: f.range, text: '' }];
      context.report(
        inRun.has(i)
          ? { messageId: 'annotation', data: { text: f.text }, range: f.range, fix: edit }
          : { messageId: 'lone', data: { text: f.text }, range: f.range, suggestions: [{ message: `删除注音“${f.text}”`, edits: edit, preferred: true }] },
      );
    });
  },
};

/** Annotations in one paragraph that make a converter's run (their deletion is then a safe fix). */
const MIN_RUN = 2;
const GLOSS_BEFORE = /(?:念|读|[念读](?:作|成|音是?)|音为|注音为)[“「『‘]?$/;
const GLOSS_QUOTE_OPEN = /[“「『‘]$/;
const GLOSS_QUOTE_CLOSE = /^[”」』’]/;

/**
 * A pronunciation guide written on purpose: after 念/读/读作/音…, or the annotated character in
 * quotation marks ("不念“行(xíng)”").
 */
function isWritersGloss(text: string, annotatedStart: number, end: number): boolean {
  const before = text.slice(Math.max(0, annotatedStart - 4), annotatedStart);
  return GLOSS_BEFORE.test(before) || (GLOSS_QUOTE_OPEN.test(before) && GLOSS_QUOTE_CLOSE.test(text.slice(end, end + 1)));
}
