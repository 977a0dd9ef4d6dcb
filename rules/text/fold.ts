import TSCharacters from 'opencc-js/dict/TSCharacters';
import { parseDict } from './opencc-dict.js';

let traditionalToSimplified: Map<string, string> | undefined;
let foldable: RegExp | undefined;

/**
 * Folds traditional characters to simplified one character at a time, keeping every offset:
 * lets patterns written in simplified Chinese match traditional text ("會員" → "会员").
 * Only same-length (BMP → BMP) mappings are used, so `result.length === text.length`.
 */
export function foldToSimplified(text: string): string {
  if (!traditionalToSimplified) {
    const map = new Map<string, string>();
    for (const [from, to] of parseDict(TSCharacters)) {
      if (from && to && from.length === 1 && to.length === 1 && from !== to) map.set(from, to);
    }
    traditionalToSimplified = map;
    foldable = new RegExp(`[${[...map.keys()].join('')}]`, 'g');
  }
  const map = traditionalToSimplified;
  // Simplified text, the usual case, comes back as it is after one scan.
  return text.replace(foldable!, (c) => map.get(c)!);
}
