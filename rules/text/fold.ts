import TSCharacters from 'opencc-js/dict/TSCharacters';
import { parseDict } from './opencc-dict.js';

let traditionalToSimplified: Map<string, string> | undefined;

/**
 * Folds traditional characters to simplified one character at a time, keeping every offset:
 * lets patterns written in simplified Chinese match traditional text ("會員" → "会员").
 * Only same-length (BMP → BMP) mappings are used, so `result.length === text.length`.
 */
export function foldToSimplified(text: string): string {
  if (!traditionalToSimplified) {
    traditionalToSimplified = new Map();
    for (const [from, to] of parseDict(TSCharacters)) {
      if (from && to && from.length === 1 && to.length === 1) traditionalToSimplified.set(from, to);
    }
  }
  const map = traditionalToSimplified;
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const folded = c.charCodeAt(0) >= 0x3400 ? map.get(c) : undefined;
    if (folded) changed = true;
    out += folded ?? c;
  }
  return changed ? out : text;
}
