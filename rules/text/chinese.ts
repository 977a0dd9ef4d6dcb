/** Character classes shared by the rules. All take one UTF-16 code unit or a full character. */
import type { RuleContext } from '../engine/types.js';
import { CodeSet, isHanCodePoint } from './char-classes.js';

/** Han ideographs, including Extension A and the supplementary planes (Extension B+). */
export const HAN = /\p{Script=Han}/u;

export function isHan(char: string | undefined): boolean {
  if (!char) return false;
  const code = char.charCodeAt(0);
  // Fast path for the BMP blocks that make up nearly all real text.
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  if (code < 0x2e80) return false;
  return HAN.test(char);
}

/** Full-width CJK punctuation that belongs to Chinese text (GB/T 15834-2011). */
export const CJK_PUNCTUATION = '，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』…—～·';

export function isCjkPunctuation(char: string | undefined): boolean {
  return !!char && CJK_PUNCTUATION.includes(char);
}

/** Han or full-width punctuation: a neighbour that makes a mark "inside Chinese text". */
export function isChineseContext(char: string | undefined): boolean {
  return isHan(char) || isCjkPunctuation(char);
}

export function isAsciiLetter(char: string | undefined): boolean {
  return !!char && /^[A-Za-z]$/.test(char);
}

export function isAsciiDigit(char: string | undefined): boolean {
  return !!char && char >= '0' && char <= '9';
}

/** Latin letters including those with diacritics (pinyin tone marks, accented words). */
export function isLatinLetter(char: string | undefined): boolean {
  return !!char && /^\p{Script=Latin}$/u.test(char);
}

/** Spaces and tabs on a line (not line breaks), including the ideographic space. */
export function isInlineSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\u3000' || char === '\u00a0';
}

/** isInlineSpace by UTF-16 code unit, for whole-text passes. */
export function isInlineSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
}

/** The character (full code point) ending just before `offset`. */
export function charBefore(text: string, offset: number): string | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text[offset - 1];
}

/** The character (full code point) starting at `offset`. */
export function charAt(text: string, offset: number): string | undefined {
  if (offset >= text.length) return undefined;
  const code = text.codePointAt(offset)!;
  return String.fromCodePoint(code);
}

/** Opening mark → closing mark, as UTF-16 code units: 「」 『』 “”. */
const QUOTE_CLOSE = new Map<number, number>([
  [0x300c, 0x300d],
  [0x300e, 0x300f],
  [0x201c, 0x201d],
]);
/** The opening marks as a table: tested on every character, where a Map lookup was the cost. */
const QUOTE_OPEN = new CodeSet(String.fromCharCode(...QUOTE_CLOSE.keys()));

/**
 * The spans of `text` inside Chinese quotation marks (「…」, 『…』, “…”), marks included, in one
 * pass; an unclosed mark quotes nothing. Quoted words are mentioned, not used: text about page
 * chrome (“【返回顶部】”) is not page chrome. (Code units, not one-character strings: this runs
 * over every line of every document, several times.)
 */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  let close = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open < 0) {
      const closing = QUOTE_OPEN.has(c) ? QUOTE_CLOSE.get(c) : undefined;
      if (closing !== undefined) {
        open = i;
        close = closing;
      }
    } else if (c === close) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    } else if (c === 0x0a) open = -1;
  }
  return spans;
}

/** Whether Latin letters are more than half as many as Han characters (counted, not collected). */
function latinOutnumbersHan(content: string): boolean {
  let latin = 0;
  let han = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.codePointAt(i)!;
    if (code > 0xffff) i++;
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin++;
    else if (isHanCodePoint(code)) han++;
  }
  return latin * 2 > han;
}

/**
 * Where a text mentions Chinese rather than writing it: inside corner quotes (「…」『…』, the
 * marks of a verbatim citation) and on lines of English (an English note
 * quoting examples: "doublings such as 處處長, 局局長"). Lines are examined once, on first ask.
 */
export class MentionIndex {
  private readonly lines = new Map<number, { english: boolean; quotes: { start: number; end: number }[] }>();
  /** `cornerQuotes`: false where 「」 are the ordinary quotation marks (traditional text). */
  constructor(
    private readonly text: string,
    private readonly cornerQuotes = true,
  ) {}

  private current = { start: 0, end: -1 };

  has(offset: number): boolean {
    // Offsets come mostly in order: the line of the last question is looked up without a scan.
    if (offset < this.current.start || offset > this.current.end) {
      const start = this.text.lastIndexOf('\n', offset - 1) + 1;
      const end = this.text.indexOf('\n', offset);
      this.current = { start, end: end < 0 ? this.text.length : end };
    }
    const { start, end } = this.current;
    let line = this.lines.get(start);
    if (!line) {
      const content = this.text.slice(start, end);
      const quotes = quotedSpans(content)
        .filter((q) => content[q.start] !== '“')
        .map((q) => ({ start: start + q.start, end: start + q.end }));
      // English when an English word (two letters or more) comes before the first Han character
      // and Latin letters are not outnumbered two to one: "- Word-boundary doublings: 處處長" is;
      // "三十一、…小型IT（Information…）" and "X科技城" are not.
      const firstHan = content.search(HAN);
      const head = firstHan < 0 ? content : content.slice(0, firstHan);
      line = { english: /[A-Za-z]{2}/.test(head) && latinOutnumbersHan(content), quotes };
      this.lines.set(start, line);
    }
    return line.english || (this.cornerQuotes && line.quotes.some((q) => q.start <= offset && offset < q.end));
  }
}

/**
 * `context` reporting nothing on lines of English that quote Chinese (a note on 「二Ｏ一一年」
 * or "一是…三是" mentions the forms, it does not use them).
 */
export function withoutEnglishMentions(context: RuleContext): RuleContext {
  const english = new MentionIndex(context.document.prose, false);
  return { ...context, report: (descriptor) => void (english.has(descriptor.range.start) || context.report(descriptor)) };
}

/** Han characters in `[start, end)` of `text`, a surrogate pair (Extension B and beyond) counted once. */
export function countHan(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff) count++;
    else if (code >= 0x2e80 && (code < 0xdc00 || code > 0xdfff)) {
      // A surrogate pair is one character: test it whole, count it once.
      const char = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : text[i]!;
      if (isHan(char)) count++;
    }
  }
  return count;
}
