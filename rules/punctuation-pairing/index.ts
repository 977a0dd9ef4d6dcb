import type { OffsetRange, Rule, RuleContext } from '../engine/types.js';
import { isChineseContext, isHan, isLatinLetter, withoutEnglishMentions } from '../text/chinese.js';
import { isTraditionalText } from '../text/script.js';

/** Each pair's family: （ and ( are one (their width is punctuation-width's business). */
const OPENERS: Record<string, string> = { '“': 'double', '‘': 'single', '《': 'book', '〈': 'angle', '（': 'paren', '(': 'paren', '【': 'lenticular', '「': 'corner', '『': 'white-corner', '〔': 'tortoise', '〖': 'white-lenticular' };
const CLOSERS: Record<string, string> = { '”': 'double', '’': 'single', '》': 'book', '〉': 'angle', '）': 'paren', ')': 'paren', '】': 'lenticular', '」': 'corner', '』': 'white-corner', '〕': 'tortoise', '〗': 'white-lenticular' };
const CLOSER_OF: Record<string, string> = { double: '”', single: '’', book: '》', angle: '〉', paren: '）', lenticular: '】', corner: '」', 'white-corner': '』', tortoise: '〕', 'white-lenticular': '〗' };


const ELLIPSIS_ASCII = /\.{3,}|。{3,}/g;
const LONE_ELLIPSIS = /(?<!…)…(?!…)/g;
const WRONG_DASH = /―{1,2}|─{1,2}|(?<!-)--(?!-)/g;
const STACKED = /([。，、；：])([。，、；：])/g;
const HEADING_COMMA = /^([ \t\u3000]*（[一二三四五六七八九十]+）)、/gmu;
const HEADING_NUMBER_COMMA = /^([ \t\u3000]*[0-9]{1,2})、/gm;
/** Which of two stacked marks stays: the stronger pause. */
const STRENGTH = '、，：；。';

export const punctuationPairing: Rule = {
  meta: {
    id: 'punctuation-pairing',
    description: {
      zh: '成对标点不配对（“…无”、《…〉），以及误用的标点（...、――、。。、（一）、）（GB/T 15834-2011）',
      en: 'Unpaired or mismatched paired punctuation, and misused marks (... for ……, ―― for ——, stacked marks, （一）、) per GB/T 15834-2011',
    },
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    // A quotation may run over several paragraphs.
    scope: 'document',
    hasSuggestions: true,
    messages: {
      unclosed: '“{mark}”没有对应的“{closer}”',
      mismatched: '“{open}”与“{close}”不配对',
      wrongQuote: '引号方向有误：此处应为“{closer}”',
      ellipsis: '省略号应为“……”，不用“{mark}”',
      loneEllipsis: '省略号应为两个“…”（“……”）',
      dash: '破折号应为“——”，不用“{mark}”',
      stacked: '标点“{marks}”叠用',
      headingComma: '“{marker}”后不加顿号',
      headingDot: '三级标题序号一般写作“{number}.”（GB/T 9704），此处为“{number}、”',
      toEllipsis: '改为“……”',
      useCloser: '改为“{closer}”',
      keepMark: '只保留“{mark}”',
      toDot: '改为“{number}.”',
    },
    options: {
      headingDot: { type: 'boolean', description: '在有“一、”“（一）”两级标题的文件中，提示“1、”式三级标题应为“1.”（GB/T 9704；很多单位惯用“1、”，默认不提示）', default: false },
    },
  },
  check(context) {
    const text = context.document.prose;
    checkPairs(text, context);
    checkMarks(text, context);
    if (context.options.headingDot === true) checkHeadingNumbers(text, context);
  },
};

interface Open {
  char: string;
  family: string;
  at: number;
}

/** Lines a quoted passage may run over with one opening and one closing mark (a bill's article quoted in a record). */
const MAX_SPAN_LINES = 100;

function checkPairs(text: string, context: RuleContext): void {
  // An unclosed quotation or title is the writer's slip. A parenthesis left open, and a closing
  // mark with no opening one, are on real documents the work of an excerpt or a converter far
  // more often (the opening mark lost before the text's start, a law's amendment note whose
  // "（" went missing): not reported.
  const reportUnclosed = (open: Open) => {
    if (open.family === 'paren') return;
    context.report({ messageId: 'unclosed', data: { mark: open.char, closer: CLOSER_OF[open.family]! }, range: { start: open.at, end: open.at + 1 } });
  };
  // Marks left over by their own paragraph, in order: a quotation or a parenthesis over several
  // paragraphs opens in one and closes in a later one.
  const leftOver: { open?: Open; close?: Open; line: number }[] = [];
  const stack: Open[] = [];
  let lineStart = 0;
  for (let line = 0; lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    for (let i = lineStart; i < lineEnd; i++) {
      const char = text[i]!;
      const opens = OPENERS[char];
      const closes = CLOSERS[char];
      if (opens === undefined && closes === undefined) continue;
      // ‘ ’ beside Latin letters are apostrophes (it’s), not quotation marks.
      if ((opens === 'single' || closes === 'single') && (isLatinLetter(text[i - 1]) || isLatinLetter(text[i + 1]))) continue;
      if (opens !== undefined) {
        const top = stack[stack.length - 1];
        // “甲“: a second opening double quote inside the first is the closing one typed the wrong
        // way (a quotation inside a quotation takes ‘’).
        if (opens === 'double' && top?.family === 'double' && !isOpeningContext(text, i)) {
          stack.pop();
          context.report({ messageId: 'wrongQuote', data: { closer: '”' }, range: { start: i, end: i + 1 }, suggestions: [{ message: '改为“””', edits: [{ range: { start: i, end: i + 1 }, text: '”' }], preferred: true }] });
          continue;
        }
        stack.push({ char, family: opens, at: i });
        continue;
      }
      const depth = findFamily(stack, closes!);
      if (depth >= 0) {
        // Marks opened inside this pair and never closed: each is unclosed.
        for (let k = depth + 1; k < stack.length; k++) reportUnclosed(stack[k]!);
        stack.length = depth;
        continue;
      }
      const top = stack[stack.length - 1];
      if (top && areLookalikes(top.family, closes!)) {
        // 《…〉: one pair, mistyped.
        stack.pop();
        context.report({ messageId: 'mismatched', data: { open: top.char, close: char }, range: { start: top.at, end: i + 1 } });
        continue;
      }
      leftOver.push({ close: { char, family: closes!, at: i }, line });
    }
    // A quotation over several paragraphs opens each with “ and closes only the last (GB/T 15834).
    const nextStart = newline + 1;
    const continues = newline >= 0 && /^[ \t\u3000]*“/u.test(text.slice(nextStart, nextStart + 8));
    for (const open of stack) if (!(continues && open.family === 'double')) leftOver.push({ open, line });
    stack.length = 0;
    if (newline < 0) break;
    lineStart = nextStart;
  }
  const waiting = new Map<string, { open: Open; line: number }[]>();
  for (const mark of leftOver) {
    if (mark.open) {
      const list = waiting.get(mark.open.family) ?? [];
      list.push({ open: mark.open, line: mark.line });
      waiting.set(mark.open.family, list);
      continue;
    }
    const close = mark.close!;
    const list = waiting.get(close.family);
    const open = list?.[list.length - 1];
    // A closing mark left over closes a passage opened in an earlier paragraph, or nothing (not reported).
    if (open && mark.line - open.line <= MAX_SPAN_LINES) list!.pop();
  }
  for (const list of waiting.values()) for (const { open } of list) reportUnclosed(open);
}

function findFamily(stack: readonly Open[], family: string): number {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.family === family) return i;
  return -1;
}

/** Pairs a hurried typist swaps: 《〉 〈》, 【〕 〔】, 「』 『」. */
function areLookalikes(open: string, close: string): boolean {
  const groups = [['book', 'angle'], ['lenticular', 'tortoise', 'white-lenticular'], ['corner', 'white-corner'], ['double', 'single']];
  return groups.some((g) => g.includes(open) && g.includes(close));
}

/** A quotation may open here: after a space, an opening mark or a pause (，：“…), not right after a word. */
function isOpeningContext(text: string, i: number): boolean {
  const before = text[i - 1];
  return before === undefined || /[\s：:，,。；、（(《]/u.test(before);
}

function checkMarks(text: string, ruleContext: RuleContext): void {
  // A line of English that quotes Chinese examples ("一是…三是") keeps its own punctuation.
  const context = withoutEnglishMentions(ruleContext);
  ELLIPSIS_ASCII.lastIndex = 0;
  for (let m = ELLIPSIS_ASCII.exec(text); m; m = ELLIPSIS_ASCII.exec(text)) {
    const range = { start: m.index, end: m.index + m[0].length };
    if (m[0][0] === '.' && !inChinese(text, range)) continue; // English: "and so on..."
    context.report({ messageId: 'ellipsis', data: { mark: m[0] }, range, fix: [{ range, text: '……' }] });
  }
  LONE_ELLIPSIS.lastIndex = 0;
  for (let m = LONE_ELLIPSIS.exec(text); m; m = LONE_ELLIPSIS.exec(text)) {
    const range = { start: m.index, end: m.index + 1 };
    if (!isHan(text[m.index - 1])) continue;
    context.report({ messageId: 'loneEllipsis', range, suggestions: [{ message: '改为“……”', edits: [{ range, text: '……' }] }] });
  }
  WRONG_DASH.lastIndex = 0;
  for (let m = WRONG_DASH.exec(text); m; m = WRONG_DASH.exec(text)) {
    const range = { start: m.index, end: m.index + m[0].length };
    // Between Chinese on both sides only: a box-drawing rule, a table border or a command-line -- is no dash.
    if (!isChineseContext(text[range.start - 1]) || !isChineseContext(text[range.end])) continue;
    // Taiwan's typesetting draws its dashes with ─ (「綜計表─非營業部分」 in Legislative Yuan records): its own usage.
    if (m[0].startsWith('─') && isTraditionalText(text)) continue;
    context.report({ messageId: 'dash', data: { mark: m[0] }, range, fix: [{ range, text: '——' }] });
  }
  STACKED.lastIndex = 0;
  for (let m = STACKED.exec(text); m; m = STACKED.exec(text)) {
    const [a, b] = [m[1]!, m[2]!];
    if (text[m.index + 2] === b || text[m.index - 1] === a) continue; // 。。。 is an ellipsis, reported above
    const range = { start: m.index, end: m.index + 2 };
    if (a === b) {
      context.report({ messageId: 'stacked', data: { marks: m[0] }, range, fix: [{ range: { start: m.index + 1, end: m.index + 2 }, text: '' }] });
    } else {
      const keep = STRENGTH.indexOf(a) >= STRENGTH.indexOf(b) ? a : b;
      const drop = keep === a ? m.index + 1 : m.index;
      context.report({ messageId: 'stacked', data: { marks: m[0] }, range, suggestions: [{ message: `只保留“${keep}”`, edits: [{ range: { start: drop, end: drop + 1 }, text: '' }], preferred: true }] });
    }
    STACKED.lastIndex = m.index + 1;
  }
  HEADING_COMMA.lastIndex = 0;
  for (let m = HEADING_COMMA.exec(text); m; m = HEADING_COMMA.exec(text)) {
    const at = m.index + m[1]!.length;
    const marker = m[1]!.trim();
    context.report({ messageId: 'headingComma', data: { marker }, range: { start: at - marker.length, end: at + 1 }, fix: [{ range: { start: at, end: at + 1 }, text: '' }] });
  }
}

/** 1、 as a third-level heading where the document numbers its first two levels 一、 and （一）. */
function checkHeadingNumbers(text: string, context: RuleContext): void {
  if (!/^[ \t\u3000]*[一二三四五六七八九十]+、/mu.test(text) || !/^[ \t\u3000]*（[一二三四五六七八九十]+）/mu.test(text)) return;
  HEADING_NUMBER_COMMA.lastIndex = 0;
  for (let m = HEADING_NUMBER_COMMA.exec(text); m; m = HEADING_NUMBER_COMMA.exec(text)) {
    const number = m[1]!.trim();
    const at = m.index + m[1]!.length;
    const range: OffsetRange = { start: at - number.length, end: at + 1 };
    context.report({ messageId: 'headingDot', data: { number }, range, suggestions: [{ message: `改为“${number}.”`, edits: [{ range: { start: at, end: at + 1 }, text: '.' }] }] });
  }
}

/** Chinese on one side of `range` (skipping spaces). */
function inChinese(text: string, range: OffsetRange): boolean {
  let before = range.start - 1;
  while (before >= 0 && text[before] === ' ') before--;
  let after = range.end;
  while (after < text.length && text[after] === ' ') after++;
  return isChineseContext(text[before]) || isHan(text[after]);
}
