/** Character classes shared by the rules. All take one UTF-16 code unit or a full character. */

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

const QUOTE_PAIRS: Record<string, string> = { '「': '」', '『': '』', '“': '”' };

/**
 * The spans of `text` inside Chinese quotation marks (「…」, 『…』, “…”), marks included, in one
 * pass; an unclosed mark quotes nothing. Quoted words are mentioned, not used: text about page
 * chrome (“【返回顶部】”) is not page chrome.
 */
export function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  let close = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (open < 0) {
      if (c in QUOTE_PAIRS) {
        open = i;
        close = QUOTE_PAIRS[c]!;
      }
    } else if (c === close) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    } else if (c === '\n') open = -1;
  }
  return spans;
}
