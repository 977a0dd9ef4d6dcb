// Character classes tested by code unit. The rules' whole-text passes look at every character
// of a document; `/\s/.test(text[i])` makes a one-character string per Han character (V8 caches
// only Latin-1 ones) and runs a regex on it, which was most of some rules' time.

/** Whether a UTF-16 code unit is white space as JavaScript's `\s` defines it. */
export function isWhiteSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** isWhiteSpaceCode for every code unit, built once and copied into each CodeSet that includes white space. */
let whiteSpaceCodes: Uint8Array | undefined;
function whiteSpaceTable(): Uint8Array {
  if (!whiteSpaceCodes) {
    whiteSpaceCodes = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (isWhiteSpaceCode(c)) whiteSpaceCodes[c] = 1;
  }
  return whiteSpaceCodes;
}

/** A membership test over the characters of `chars` (all in the Basic Multilingual Plane). */
export class CodeSet {
  private readonly table = new Uint8Array(0x10000);

  constructor(chars: string, whiteSpace = false) {
    if (whiteSpace) this.table.set(whiteSpaceTable());
    for (let i = 0; i < chars.length; i++) this.table[chars.charCodeAt(i)] = 1;
  }

  has(c: number): boolean {
    return this.table[c] === 1;
  }

  /** Whether `text[i]` is in the set (false past the end). */
  at(text: string, i: number): boolean {
    return this.table[text.charCodeAt(i)] === 1; // NaN past the end reads undefined
  }
}

const HAN = /\p{Script=Han}/u;
/** \p{Script=Han} for every BMP code unit, computed once from the regex itself (exact by construction). */
let hanTable: Uint8Array | undefined;

/** Whether a code point is Han (`\p{Script=Han}`), without making a string of it. */
export function isHanCodePoint(codePoint: number): boolean {
  if (codePoint > 0xffff) return HAN.test(String.fromCodePoint(codePoint));
  if (!hanTable) {
    // One scan of every BMP character (surrogates left out) by the regex itself, not 64K tests.
    hanTable = new Uint8Array(0x10000);
    let all = '';
    for (let c = 0; c < 0x10000; c++) all += c >= 0xd800 && c <= 0xdfff ? ' ' : String.fromCharCode(c);
    for (const m of all.matchAll(/\p{Script=Han}+/gu)) hanTable.fill(1, m.index, m.index + m[0].length);
  }
  return hanTable[codePoint] === 1;
}
