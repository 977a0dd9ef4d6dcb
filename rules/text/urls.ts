import type { OffsetRange } from '../engine/types.js';
import { firstIndex } from '../engine/sorted.js';

// What findUrls recognises, as the regular expression it once was (URL_CHARS is
// [A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%()]; TLDS the list below):
//
//   \b(?:https?|ftp)://URL_CHARS+
//   \bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/URL_CHARS*)?
//   \b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:TLDS)\b(?:/URL_CHARS*)?
//   \b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+
//
// A backtracking engine tries the bare-domain and e-mail alternatives from every word boundary
// of a long run such as "a-a-a-…" or "a.a.a.…" and rescans the run each time: quadratic. The
// scanner below finds the same matches (leftmost, alternatives in this order, greedy) in linear
// time from a few right-to-left tables. URLs are ASCII in practice; a Han character (or
// full-width punctuation) ends one, which matters in Chinese text where a URL is often followed
// by prose without a space.
const TLDS = ['com', 'cn', 'net', 'org', 'gov', 'edu', 'info', 'top', 'xyz', 'cc', 'co', 'io', 'me', 'tv', 'biz', 'site', 'vip', 'wang', 'club', 'online', 'shop', 'mil', 'int', 'hk', 'tw'];

const URL_CHAR = 1;
/** [A-Za-z0-9-]: a domain label. */
const LABEL = 2;
/** [A-Za-z0-9._%+-]: the local part of an e-mail address. */
const LOCAL = 4;
/** [A-Za-z0-9_]: what `\b` calls a word character. */
const WORD = 8;

const CLASS = new Uint8Array(128);
for (const c of "-._~:/?#[]@!$&'*+,;=%()") CLASS[c.charCodeAt(0)]! |= URL_CHAR;
for (const c of '-._%+') CLASS[c.charCodeAt(0)]! |= LOCAL;
CLASS['-'.charCodeAt(0)]! |= LABEL;
CLASS['_'.charCodeAt(0)]! |= WORD;
for (let code = 0; code < 128; code++) {
  const c = String.fromCharCode(code);
  if (/[A-Za-z0-9]/.test(c)) CLASS[code]! |= URL_CHAR | LABEL | LOCAL | WORD;
}

const TRAILING = /[.,;:!?'")\]]/;

/** URLs, bare domains and e-mail addresses in `text`, trailing sentence punctuation excluded. */
export function findUrls(text: string): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  // Every match lies inside a run of URL characters, and the characters around a run are not
  // word characters, so each run can be scanned on its own.
  const runs = /[A-Za-z0-9\-._~:/?#[\]@!$&'*+,;=%()]+/g;
  for (let run = runs.exec(text); run; run = runs.exec(text)) {
    if (/[A-Za-z0-9]/.test(run[0])) scanRun(text, run.index, run.index + run[0].length, ranges);
  }
  return ranges;
}

/** True when `ranges` (sorted, disjoint, as findUrls returns them) has one containing `offset`. */
export function inRanges(ranges: readonly OffsetRange[], offset: number): boolean {
  const i = firstEndingAfter(ranges, offset);
  return i < ranges.length && ranges[i]!.start <= offset;
}

/** True when a range of `ranges` (sorted, disjoint) shares a character with `range`. */
export function overlapsRanges(ranges: readonly OffsetRange[], range: OffsetRange): boolean {
  const i = firstEndingAfter(ranges, range.start);
  return i < ranges.length && ranges[i]!.start < range.end;
}

/** Index of the first range whose end is greater than `offset`. */
function firstEndingAfter(ranges: readonly OffsetRange[], offset: number): number {
  return firstIndex(ranges, (r) => r.end > offset);
}

function scanRun(text: string, from: number, to: number, ranges: OffsetRange[]): void {
  const n = to - from;
  const kind = (i: number) => (i >= 0 && i < n ? CLASS[text.charCodeAt(from + i)]! : 0);
  const is = (i: number, flag: number) => (kind(i) & flag) !== 0;
  // Tables over the run, filled right to left (run-relative offsets; n means "the run's end").
  const urlEnd = new Int32Array(n + 1); // end of the URL characters starting at i
  const localEnd = new Int32Array(n + 1); // end of the e-mail local-part characters from i
  const labelEnd = new Int32Array(n + 1); // end of the label from i
  const chainEnd = new Int32Array(n + 1); // end of label(.label)* from i, taken greedily
  const multi = new Uint8Array(n + 1); // that chain has at least two labels
  const tldEnd = new Int32Array(n + 1); // bare domain from i: end of its last ".tld\b", or -1
  urlEnd[n] = localEnd[n] = labelEnd[n] = chainEnd[n] = n;
  tldEnd[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    urlEnd[i] = urlEnd[i + 1]!; // every character of the run is a URL character
    localEnd[i] = is(i, LOCAL) ? localEnd[i + 1]! : i;
    if (!is(i, LABEL)) {
      labelEnd[i] = chainEnd[i] = i;
      tldEnd[i] = -1;
    } else if (is(i + 1, LABEL)) {
      labelEnd[i] = labelEnd[i + 1]!;
      chainEnd[i] = chainEnd[i + 1]!;
      multi[i] = multi[i + 1]!;
      tldEnd[i] = tldEnd[i + 1]!;
    } else {
      labelEnd[i] = i + 1;
      const dot = i + 1;
      if (text[from + dot] === '.' && is(dot + 1, LABEL)) {
        chainEnd[i] = chainEnd[dot + 1]!;
        multi[i] = 1;
        // Greedy: the last dot of the chain that a TLD follows wins.
        tldEnd[i] = tldEnd[dot + 1]! >= 0 ? tldEnd[dot + 1]! : tldAt(dot + 1);
      } else {
        chainEnd[i] = i + 1;
        tldEnd[i] = -1;
      }
    }
  }

  function tldAt(i: number): number {
    for (const tld of TLDS) {
      // At most one TLD can match here followed by a word boundary (none is a prefix of another there).
      if (text.startsWith(tld, from + i) && i + tld.length <= n && !is(i + tld.length, WORD)) return i + tld.length;
    }
    return -1;
  }
  const startsWith = (s: string, i: number) => i + s.length <= n && text.startsWith(s, from + i);
  const withPath = (end: number) => (text[from + end] === '/' ? urlEnd[end]! : end);

  function matchAt(p: number): number {
    if (is(p - 1, WORD) === is(p, WORD)) return -1; // \b
    const c = text[from + p];
    if (c === 'h' || c === 'f') {
      const after = startsWith('https://', p) ? p + 8 : startsWith('http://', p) ? p + 7 : startsWith('ftp://', p) ? p + 6 : -1;
      if (after >= 0 && after < n) return urlEnd[after]!;
    }
    if (c === 'w' && startsWith('www.', p) && multi[p + 4]) return withPath(chainEnd[p + 4]!);
    if (tldEnd[p]! >= 0) return withPath(tldEnd[p]!);
    if (is(p, LOCAL)) {
      const at = localEnd[p]!;
      if (text[from + at] === '@' && at < n && multi[at + 1]) return chainEnd[at + 1]!;
    }
    return -1;
  }

  for (let p = 0; p < n; ) {
    const end = matchAt(p);
    if (end < 0) {
      p++;
      continue;
    }
    pushTrimmed(text, from + p, from + end, ranges);
    p = end;
  }
}

/** Drops trailing sentence punctuation, keeping a `)` that closes a `(` opened inside the URL. */
function pushTrimmed(text: string, start: number, end: number, ranges: OffsetRange[]): void {
  let opens = 0;
  let closes = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === '(') opens++;
    else if (text[i] === ')') closes++;
  }
  while (end > start && TRAILING.test(text[end - 1]!)) {
    if (text[end - 1] === ')') {
      if (opens >= closes) break;
      closes--;
    }
    end--;
  }
  if (end > start) ranges.push({ start, end });
}
