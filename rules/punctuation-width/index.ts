import type { OffsetRange, Rule } from '../engine/types.js';
import { isHanCodePoint } from '../text/char-classes.js';
import { isAsciiDigit, isChineseContext, isHan, isInlineSpace, isLatinLetter, MentionIndex } from '../text/chinese.js';
import { findUrls, inRanges } from '../text/urls.js';

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  '.': '。',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};
const MARKS = /[,.:;?!()]/g;

export const punctuationWidth: Rule = {
  meta: {
    id: 'punctuation-width',
    description: {
      zh: '中文语境中误用半角标点（, . : ; ? ! ( )），应使用全角标点（GB/T 15834-2011）',
      en: 'Half-width punctuation inside Chinese text; use full-width marks (GB/T 15834-2011)',
    },
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    scope: 'paragraph',
    hasSuggestions: false,
    messages: {
      halfWidth: '中文语境中的半角标点“{mark}”应为全角“{full}”',
    },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    const urls = findUrls(text);
    const parenPairs = pairParentheses(text);
    const hanCount = parenPairs.size > 0 ? countHan(text) : undefined;
    const english = new MentionIndex(text, false);
    MARKS.lastIndex = 0;
    for (let m = MARKS.exec(text); m; m = MARKS.exec(text)) {
      const i = m.index;
      const mark = m[0];
      // A line of English quoting Chinese examples keeps its English punctuation.
      if (inRanges(urls, i) || english.has(i)) continue;
      const chinese = mark === '(' || mark === ')' ? parenIsChinese(text, i, parenPairs, hanCount!) : markIsChinese(text, i, mark);
      if (!chinese) continue;
      const range = widenOverSpaces(text, i, mark);
      const full = FULL_WIDTH[mark]!;
      context.report({
        messageId: 'halfWidth',
        data: { mark, full },
        range,
        fix: [{ range, text: full }],
      });
    }
  },
};

function markIsChinese(text: string, i: number, mark: string): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  // Numbers (1,234.5; 9:30), ellipses (...), and file names or versions (讲话.doc, v1.2).
  if (isAsciiDigit(before) && isAsciiDigit(after)) return false;
  if (mark === '.' && (before === '.' || after === '.' || isLatinLetter(after) || isAsciiDigit(after))) return false;
  if (mark === ':' && after === '/') return false;
  if (isChineseContext(before)) return true;
  if (mark === '.') return false;
  // "增长24%, 实现…", "2021年5月, 我们…": a number closes, Chinese text follows.
  if (isAsciiDigit(before) || before === '%' || before === '％') return isHan(nextNonSpace(text, i + 1));
  return false;
}

function parenIsChinese(text: string, i: number, pairs: Map<number, number>, hanCount: Int32Array): boolean {
  const partner = pairs.get(i);
  if (partner === undefined) {
    return text[i] === '(' ? isChineseContext(text[i - 1]) || isHan(text[i + 1]) : isChineseContext(text[i + 1]) || isHan(text[i - 1]);
  }
  const open = Math.min(i, partner);
  const close = Math.max(i, partner);
  if (hanCount[close]! > hanCount[open + 1]!) return true;
  return isChineseContext(previousNonSpace(text, open)) || isHan(nextNonSpace(text, close + 1));
}

/**
 * hanCount[i] = Han characters starting before offset i: whether a pair of parentheses holds a
 * Han character is then one subtraction (testing each pair's text was quadratic when nested).
 */
function countHan(text: string): Int32Array {
  // A loop over code units, not a global regex: one match object per Han character was most of this rule's garbage.
  const counts = new Int32Array(text.length + 1);
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    counts[i] = total;
    const c = text.charCodeAt(i);
    if (c < 0x2e80) continue;
    const codePoint = text.codePointAt(i)!; // a lone surrogate comes back as itself: not Han
    if (isHanCodePoint(codePoint)) total++;
    if (codePoint > 0xffff) counts[++i] = total;
  }
  counts[text.length] = total;
  return counts;
}

/** Matches ( with ) on the same line; maps each to its partner. */
function pairParentheses(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') stack.length = 0;
    else if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open !== undefined) {
        pairs.set(open, i);
        pairs.set(i, open);
      }
    }
  }
  return pairs;
}

/**
 * Full-width marks carry their own spacing, so the space typed after a half-width mark (or
 * before an opening parenthesis) goes with it: "伊始, 我们" → "伊始，我们".
 */
function widenOverSpaces(text: string, i: number, mark: string): OffsetRange {
  let start = i;
  let end = i + 1;
  if (mark === '(') {
    while (start > 0 && isInlineSpace(text[start - 1]) && text[start - 1] !== '\u3000') start--;
    if (!isChineseContext(text[start - 1])) start = i;
  } else {
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  }
  return { start, end };
}

function nextNonSpace(text: string, from: number): string | undefined {
  let i = from;
  while (i < text.length && isInlineSpace(text[i])) i++;
  return text[i];
}

function previousNonSpace(text: string, before: number): string | undefined {
  let i = before - 1;
  while (i >= 0 && isInlineSpace(text[i])) i--;
  return text[i];
}
