import TSCharacters from 'opencc-js/dict/TSCharacters';
import { parseDict } from './opencc-dict.js';

/** Code unit → its simplified code unit, 0 where nothing changes. */
let foldTable: Uint16Array | undefined;

/**
 * Folds traditional characters to simplified one character at a time, keeping every offset:
 * lets patterns written in simplified Chinese match traditional text ("會員" → "会员").
 * Only same-length (BMP → BMP) mappings are used, so `result.length === text.length`.
 */
export function foldToSimplified(text: string): string {
  const table = (foldTable ??= buildFoldTable());
  let first = 0;
  while (first < text.length && table[text.charCodeAt(first)] === 0) first++;
  if (first === text.length) return text; // simplified text, the usual case: nothing to build
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    codes[i] = table[code] || code;
  }
  // fromCharCode keeps lone surrogates as they are (a UTF-16 decoder would replace them).
  let folded = '';
  for (let i = 0; i < codes.length; i += 8192) folded += String.fromCharCode.apply(null, codes.subarray(i, i + 8192) as unknown as number[]);
  return folded;
}

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (const [from, to] of parseDict(TSCharacters)) {
    if (from && to && from.length === 1 && to.length === 1 && from !== to) table[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  return table;
}
