import type { OffsetRange } from '../engine/types.js';

// URLs are ASCII in practice; a Han character (or full-width punctuation) ends one, which
// matters in Chinese text where a URL is often followed by prose without a space.
const URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+,;=%()]";
const TLDS = 'com|cn|net|org|gov|edu|info|top|xyz|cc|co|io|me|tv|biz|site|vip|wang|club|online|shop|mil|int|hk|tw';
const URL_PATTERN = new RegExp(
  [
    `\\b(?:https?|ftp)://${URL_CHARS}+`,
    `\\bwww\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?:/${URL_CHARS}*)?`,
    `\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:${TLDS})\\b(?:/${URL_CHARS}*)?`,
    `\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+`,
  ].join('|'),
  'g',
);

/** URLs, bare domains and e-mail addresses in `text`, trailing sentence punctuation excluded. */
export function findUrls(text: string): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  URL_PATTERN.lastIndex = 0;
  for (let m = URL_PATTERN.exec(text); m; m = URL_PATTERN.exec(text)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?'")\]]/.test(text[end - 1]!)) {
      // Keep a closing parenthesis that closes one opened inside the URL.
      const body = text.slice(m.index, end);
      if (text[end - 1] === ')' && count(body, '(') >= count(body, ')')) break;
      end--;
    }
    if (end > m.index) ranges.push({ start: m.index, end });
  }
  return ranges;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
