import { MASK_CHAR } from '../engine/document.js';
import type { OffsetRange, Rule, RuleContext } from '../engine/types.js';
import { countHan } from '../text/chinese.js';
import { findNearDuplicates } from '../text/near-duplicates.js';
import { splitSentences } from '../text/paragraphs.js';

/** What the related location of a finding says. */
const FIRST_COPY = '首次出现';
const OTHER_VERSION = '另一版本';
/** Paragraphs compared for two versions of one need this many Han characters: short ones differ by a word and are different lines. */
const SIMILAR_MIN_HAN = 30;
/** Longest copy quoted in full in the message. */
const QUOTE_MAX = 24;

/**
 * A line that opens with a heading or list number: （一）, 1., 2.1, 一是, 第三条, ①, # …. A numbered
 * item pasted twice breaks its list's numbering (enumeration-sequence reports that); one that
 * recurs under another parent is structure: 「（一）主要成效」 under every section, a law's
 * 「（一）在本行政区域内……」 for each level of government, a table of contents before the text.
 */
const NUMBERED_LINE = new RegExp(
  [
    '^[ \\t\\u3000]*(?:',
    '#{1,6}[ \\t]',
    '|[-*+][ \\t]',
    '|[一二三四五六七八九十百]{1,3}(?:[、.．]|是|要|、)',
    '|[（(](?:[一二三四五六七八九十百\\d]{1,3}|[ivxlIVXL]{1,6}|[a-zA-Z])[）)]',
    '|\\d{1,3}(?:[.．]\\d{1,3}){0,3}(?:[、.．)）]|[ \\t\\u3000]|(?=\\p{Script=Han}))',
    '|[①-⑳⑴-⒇]',
    '|第[一二三四五六七八九十百千零〇\\d]{1,6}[章节条款部分篇点项，,、]',
    '|[壹贰叁肆伍陆柒捌玖拾][、.．]',
    ')',
  ].join(''),
  'u',
);
/** A line that opens with a speaker or a field label: 「主席：」「提案人：」「指标来源：」「正确：」. */
const LABELLED_LINE = /^[ \t\u3000]*[^，。；：:！？、\s]{1,12}[：:]/u;
/** Article lines of a statute; a text with several is a law or a set of rules. */
const ARTICLE_LINE = /^[ \t\u3000]*第[一二三四五六七八九十百千零〇\d]{1,6}条/u;
/** A statute needs this many articles before its provisions count as structure. */
const STATUTE_ARTICLES = 3;
/** A table row as converters and browsers write it: cells between |, or separated by tabs. */
const TABLE_ROW = /[|｜\t]/u;
/** A sentence for this rule ends with a full stop, not a semicolon: list items end with ；. */
const SENTENCE_FINAL = /[。！？!?][”’」』）)]*$/u;
/** Marks after a closing quote that still leave the passage one quotation. */
const TRAILING_MARKS = '。！？!?，；：';
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '《': '》', '‘': '’' };

interface Copy {
  /** Index of the line holding it, 0-based. */
  line: number;
  range: OffsetRange;
}

type Kind = 'paragraph' | 'sentence' | 'similar';

export const duplicatePassage: Rule = {
  meta: {
    id: 'duplicate-passage',
    description: {
      zh: '同一段落或长句在文中相隔两处出现（标题重复、开头的话在结尾又粘贴一遍、改稿后新旧两段并存），疑为重复粘贴',
      en: 'A paragraph or long sentence that occurs twice far apart (a repeated title, the opening pasted again at the end, two versions of a paragraph kept after an edit)',
    },
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    hasSuggestions: true,
    scope: 'document',
    messages: {
      paragraph: '此段与第 {line} 行的段落完全相同，疑为重复粘贴：“{text}”',
      sentence: '此句与第 {line} 行的句子完全相同，疑为重复粘贴：“{text}”',
      similar: '此段与第 {line} 行的段落大体相同（相似度 {percent}%），疑为改稿后新旧两段并存：“{text}”',
    },
    options: {
      minLength: {
        type: 'number',
        description: '段落（一行）至少含多少个汉字才检查是否重复',
        default: 12,
        minimum: 1,
      },
      similarity: {
        type: 'number',
        description: '两段（各至少 30 个汉字）相似到什么程度算作同一段的两个版本（0.5～1，按字的三元组计算；1 即只报告完全相同的段落）',
        default: 0.7,
        minimum: 0.5,
      },
      sentenceMinLength: {
        type: 'number',
        description: '段落中的一句（以。！？结尾）至少含多少个汉字才检查是否在别处重复',
        default: 20,
        minimum: 1,
      },
    },
  },
  check(context) {
    const minLength = context.options.minLength as number;
    const sentenceMinLength = context.options.sentenceMinLength as number;
    const similarity = Math.min(1, context.options.similarity as number);
    const { document } = context;
    const text = document.prose;
    const lines = [...document.proseLines()];
    const statuteFrom = statuteStart(lines);
    const paragraphs = new Map<string, Copy[]>();
    const long: { key: string; copy: Copy }[] = [];
    const sentences = new Map<string, Copy[]>();
    lines.forEach((line, index) => {
      if (!isEligibleLine(line.text, document.language) || index >= statuteFrom || continuesPrevious(lines, index)) return;
      const trimmed = trimRange(text, line.start, line.end);
      const key = compact(text, trimmed);
      const han = countHan(key, 0, key.length);
      if (han >= minLength && !isQuotation(key)) addCopy(paragraphs, key, { line: index, range: trimmed });
      if (han >= SIMILAR_MIN_HAN && !isQuotation(key)) long.push({ key, copy: { line: index, range: trimmed } });
      for (const s of splitSentences(text, line.start, line.end)) {
        const sentenceKey = compact(text, s);
        if (!SENTENCE_FINAL.test(sentenceKey) || countHan(sentenceKey, 0, sentenceKey.length) < sentenceMinLength || isQuotation(sentenceKey)) continue;
        addCopy(sentences, sentenceKey, { line: index, range: { start: s.start, end: s.end } });
      }
    });
    const reportedLines = new Set<number>();
    for (const copies of paragraphs.values()) {
      const pair = duplicatePair(copies);
      if (!pair) continue;
      reportedLines.add(pair[0].line).add(pair[1].line);
      report(context, 'paragraph', pair, lines);
    }
    if (similarity < 1) {
      for (const pair of similarPairs(long, similarity, reportedLines)) {
        reportedLines.add(pair.copies[0].line).add(pair.copies[1].line);
        report(context, 'similar', pair.copies, lines, Math.floor(pair.similarity * 100));
      }
    }
    for (const copies of sentences.values()) {
      const pair = duplicatePair(copies);
      // A sentence of a paragraph already reported goes with its paragraph.
      if (!pair || reportedLines.has(pair[0].line) || reportedLines.has(pair[1].line)) continue;
      report(context, 'sentence', pair, lines);
    }
  },
};

/**
 * Two versions of one paragraph: long paragraphs nearly the same, each like no other paragraph
 * (three alike are a pattern the document follows), not on neighbouring lines, neither already
 * reported as an exact copy.
 */
function similarPairs(long: readonly { key: string; copy: Copy }[], threshold: number, reported: ReadonlySet<number>): { copies: [Copy, Copy]; similarity: number }[] {
  const pairs = findNearDuplicates(long.map((p) => p.key), threshold);
  const matches = new Map<number, number>();
  for (const { first, second } of pairs) {
    matches.set(first, (matches.get(first) ?? 0) + 1);
    matches.set(second, (matches.get(second) ?? 0) + 1);
  }
  const found: { copies: [Copy, Copy]; similarity: number }[] = [];
  for (const { first, second, similarity } of pairs) {
    const [a, b] = [long[first]!.copy, long[second]!.copy];
    if (matches.get(first) !== 1 || matches.get(second) !== 1 || b.line - a.line <= 1) continue;
    if (reported.has(a.line) || reported.has(b.line)) continue;
    found.push({ copies: [a, b], similarity });
  }
  return found;
}

/**
 * The two copies of a passage that occurs exactly twice, not on neighbouring lines. Three or
 * more copies are a formula the document repeats on purpose (a record's 「主席：请……答复。」, a
 * law's penalty clause); a copy on the very next line is repeated-phrase's (a paste doubled in
 * place).
 */
function duplicatePair(copies: readonly Copy[]): [Copy, Copy] | undefined {
  if (copies.length !== 2) return undefined;
  const [first, second] = copies as [Copy, Copy];
  if (second.line - first.line <= 1 && first.line !== second.line) return undefined;
  if (first.line === second.line && first.range.end === second.range.start) return undefined;
  return [first, second];
}

function report(context: RuleContext, kind: Kind, [first, second]: [Copy, Copy], lines: readonly { start: number; end: number }[], percent?: number): void {
  const text = context.document.text;
  const quoted = [...text.slice(second.range.start, second.range.end)];
  const suggestions =
    kind === 'similar'
      ? // Which version is the edited one only the writer knows: either may go.
        [
          { message: '删除此段（保留另一版本）', edits: [{ range: deletionRange(context, 'paragraph', second, lines), text: '' }] },
          { message: `删除第 ${first.line + 1} 行的另一版本（保留此段）`, edits: [{ range: deletionRange(context, 'paragraph', first, lines), text: '' }] },
        ]
      : // Which copy to keep is the writer's choice (the later one may be the edited version), so
        // deleting it is offered, never applied by a fix run.
        [{ message: kind === 'paragraph' ? '删除后一处重复的段落' : '删除后一处重复的句子', edits: [{ range: deletionRange(context, kind, second, lines), text: '' }] }];
  context.report({
    messageId: kind,
    data: { line: first.line + 1, text: quoted.length > QUOTE_MAX ? `${quoted.slice(0, QUOTE_MAX - 1).join('')}…` : quoted.join(''), ...(percent !== undefined ? { percent } : {}) },
    range: second.range,
    related: [{ range: first.range, message: kind === 'similar' ? OTHER_VERSION : FIRST_COPY }],
    suggestions,
  });
}

/** A repeated paragraph goes with its line break (and a blank line beside it); a sentence with the spaces after it. */
function deletionRange(context: RuleContext, kind: 'paragraph' | 'sentence', copy: Copy, lines: readonly { start: number; end: number }[]): OffsetRange {
  const text = context.document.text;
  if (kind === 'sentence') {
    let end = copy.range.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\u3000')) end++;
    return { start: copy.range.start, end };
  }
  const line = lines[copy.line]!;
  const next = lines[copy.line + 1];
  const previous = lines[copy.line - 1];
  const blank = (l: { start: number; end: number } | undefined) => l !== undefined && text.slice(l.start, l.end).trim() === '';
  // The paragraphs around stay one blank line apart: a blank line on one side goes with it.
  if (!next) {
    // The last line: take the line break before it (and the blank line before that).
    const before = blank(previous) ? lines[copy.line - 2] : previous;
    return { start: before ? before.end : line.start, end: line.end };
  }
  if (blank(previous)) return { start: previous!.start, end: next.start };
  const afterNext = lines[copy.line + 2];
  if (!previous && blank(next) && afterNext) return { start: line.start, end: afterNext.start };
  return { start: line.start, end: next.start };
}

function isEligibleLine(line: string, language: string): boolean {
  if (line.includes(MASK_CHAR) || TABLE_ROW.test(line)) return false;
  if (language === 'markdown' && /^[ \t]{0,3}>/.test(line)) return false;
  return !NUMBERED_LINE.test(line) && !LABELLED_LINE.test(line);
}

/**
 * The line goes on from the one before, cut mid-sentence by a hard wrap (a record converted at a
 * fixed width, 「……俟內政部⏎內政委員會提出專案報告並經同意後，始得動支。」): a piece of a
 * paragraph, not one. A line that ends a sentence, a title or a blank line comes before a
 * paragraph's first line.
 */
function continuesPrevious(lines: readonly { text: string }[], index: number): boolean {
  const previous = lines[index - 1]?.text.trimEnd();
  if (!previous) return false;
  return MID_SENTENCE_END.test(previous) && !isTitleLike(previous);
}

/** Where a line cut by a wrap ends: in running text or after a comma, an opening bracket. */
const MID_SENTENCE_END = /[\p{Script=Han}\p{L}\p{N}，、,“‘「『《（(]$/u;

/**
 * A short line standing alone: a title, a date line, a signature. A wrapped line runs to the
 * width of its neighbours; a title is shorter than the text below it.
 */
function isTitleLike(line: string): boolean {
  const title = line.replace(NUMBERED_LINE, '').trim();
  return [...title].length <= 20 && !/[，、,]/u.test(title);
}

/**
 * Where a statute's provisions begin (the first of several article lines), or Infinity. Laws and
 * rules restate provisions by design: each article stands alone, so 「质询案必须写明……」 recurs for
 * each level of congress and 「构成犯罪的，依法追究刑事责任」 closes many articles.
 */
function statuteStart(lines: readonly { text: string }[]): number {
  let first = -1;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!ARTICLE_LINE.test(lines[i]!.text)) continue;
    if (first < 0) first = i;
    if (++count >= STATUTE_ARTICLES) return first;
  }
  return Infinity;
}

/** A passage that is one quotation, 「“……”」 or 《……》: a cited formulation or title, quoted on purpose. */
function isQuotation(key: string): boolean {
  const closer = QUOTE_PAIRS[key[0]!];
  if (!closer) return false;
  let end = key.length;
  while (end > 0 && TRAILING_MARKS.includes(key[end - 1]!)) end--;
  const body = key.slice(0, end);
  return body.endsWith(closer) && body.indexOf(closer) === body.length - 1;
}

/** The text of `range` with every space removed: a re-typed copy differs in spacing only. */
function compact(text: string, range: OffsetRange): string {
  return text.slice(range.start, range.end).replace(/[\s\u00a0\u3000]+/gu, '');
}

function trimRange(text: string, start: number, end: number): OffsetRange {
  while (start < end && /[\s\u00a0\u3000]/u.test(text[start]!)) start++;
  while (end > start && /[\s\u00a0\u3000]/u.test(text[end - 1]!)) end--;
  return { start, end };
}


function addCopy(map: Map<string, Copy[]>, key: string, copy: Copy): void {
  const copies = map.get(key);
  if (!copies) map.set(key, [copy]);
  // Three copies are enough to know it is a formula; more are not kept.
  else if (copies.length < 3) copies.push(copy);
}
