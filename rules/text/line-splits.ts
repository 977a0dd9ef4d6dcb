/**
 * Words and numbers cut by a converter: a hard wrap inside a number ("調升至1⏎  33元"), a
 * space inside a book title ("《福州市便民呼 叫中心》"), digits spaced out one by one. Hard wraps between ordinary words are
 * layout a reader does not hear; a number cut in two is read aloud as two numbers.
 */
import type { OffsetRange } from '../engine/types.js';
import { isAsciiDigit, isHan, isInlineSpace } from './chinese.js';

export interface LineSplit extends OffsetRange {
  kind: 'number' | 'title' | 'digits';
  /** The whitespace (and line break) to delete to join the parts. */
  gap: OffsetRange;
  /** Every gap, when there are several ("2 0 2 5 0 3 0 6"). */
  gaps?: OffsetRange[];
}

interface SplitLine {
  start: number;
  end: number;
}

/** Characters that continue a number across the break: "8,00⏎0", "1：3⏎59", "2016-⏎2017". */
const NUMBER_JOINER = ',.:：-';

export function findLineSplits(text: string, lines: readonly SplitLine[]): LineSplit[] {
  const found: LineSplit[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const split = numberSplit(text, lines[i]!, lines[i + 1]!);
    if (split) found.push(split);
  }
  const title = /《([^《》\n\s]{2,30})[ \u3000]([^《》\n\s]{2,30})》/g;
  for (let m = title.exec(text); m; m = title.exec(text)) {
    const gapStart = m.index + 1 + m[1]!.length;
    // Both sides of the space are Han or digits: "便民呼 叫中心"; a title spaced letter by
    // letter ("《国 务 院》") has one-character parts and does not match.
    if (!isHan(text[gapStart - 1]) || !(isHan(text[gapStart + 1]) || isAsciiDigit(text[gapStart + 1]))) continue;
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'title', gap: { start: gapStart, end: gapStart + 1 } });
  }
  // "2 0 2 5 0 3 0 6": a converter spaced out every digit; "3 000" (GB/T 15835 grouping) has
  // groups of three and is not matched.
  const spaced = /(?<![\d.,])\d(?: \d){5,}(?![\d.,])/g;
  for (let m = spaced.exec(text); m; m = spaced.exec(text)) {
    const gaps = [...m[0].matchAll(/ /g)].map((g) => ({ start: m!.index + g.index!, end: m!.index + g.index! + 1 }));
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'digits', gap: gaps[0]!, gaps });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A number cut at the end of `line` and continued at the start of `next`: the line ends in
 * digits glued to text (not a table cell after a space), the next line starts with digits
 * that run into a unit or a word (not an item number such as "2." or "3、").
 */
function numberSplit(text: string, line: SplitLine, next: SplitLine): LineSplit | undefined {
  let end = line.end;
  while (end > line.start && isInlineSpace(text[end - 1])) end--;
  let start = end;
  while (start > line.start && (isAsciiDigit(text[start - 1]) || NUMBER_JOINER.includes(text[start - 1]!))) start--;
  if (start === end || start === line.start) return undefined;
  if (!/\d/.test(text.slice(start, end))) return undefined;
  const before = text[start - 1]!;
  if (isInlineSpace(before) || /[\s\d]/.test(before)) return undefined;
  // A number that ends a sentence-like clause and is followed by a list item is no split.
  let digitsAt = next.start;
  while (digitsAt < next.end && isInlineSpace(text[digitsAt])) digitsAt++;
  let after = digitsAt;
  while (after < next.end && isAsciiDigit(text[after])) after++;
  if (after === digitsAt) return undefined;
  while (after < next.end && NUMBER_JOINER.includes(text[after]!) && isAsciiDigit(text[after + 1])) {
    after++;
    while (after < next.end && isAsciiDigit(text[after])) after++;
  }
  const following = text[after];
  // A unit, a word or the clause's punctuation; not "、" or "." after an item number.
  if (following === undefined || !(isHan(following) || '%％‰，。；：！？）'.includes(following))) return undefined;
  return { start, end: after, kind: 'number', gap: { start: end, end: digitsAt } };
}
