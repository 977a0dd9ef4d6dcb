/** Chinese numerals as they appear in enumerations and announcements ("三点", "十二个", "两项"). */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 貳: 2, 两: 2, 兩: 2, 俩: 2, 倆: 2, 三: 3, 叁: 3, 參: 3,
  四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 陸: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const FULL_WIDTH_ZERO = 0xff10;

/** Characters that may appear in a Chinese numeral (for building patterns). */
export const CHINESE_NUMERAL_CHARS = Object.keys(DIGITS).join('') + Object.keys(UNITS).join('');

/**
 * Parses a Chinese numeral below 10 000 ("三" → 3, "十二" → 12, "二十" → 20, "一百零五" → 105,
 * "两" → 2) or a run of ASCII/full-width digits ("12", "１２"). Returns undefined otherwise.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^[0-9０-９]+$/.test(text)) {
    return Number([...text].map((c) => (c >= '０' && c <= '９' ? String(c.charCodeAt(0) - FULL_WIDTH_ZERO) : c)).join(''));
  }
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const char of text) {
    if (char in DIGITS) {
      if (digit !== undefined && digit !== 0 && DIGITS[char] !== 0) return undefined; // "三三" is not a number
      digit = DIGITS[char];
    } else if (char in UNITS) {
      const unit = UNITS[char]!;
      if (unit >= lastUnit) return undefined;
      total += (digit ?? (unit === 10 && total === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
      lastUnit = unit;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

const SIMPLE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Formats 0–9999 the way enumerations write it: 3 → "三", 12 → "十二", 20 → "二十". */
export function formatChineseNumber(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 9999) throw new RangeError(`cannot format ${value}`);
  if (value < 10) return SIMPLE_DIGITS[value]!;
  if (value < 20) return '十' + (value % 10 ? SIMPLE_DIGITS[value % 10] : '');
  const parts: string[] = [];
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let pendingZero = false;
  for (const [unit, name] of units) {
    const d = Math.floor(value / unit) % 10;
    if (d === 0) {
      if (parts.length > 0) pendingZero = true;
      continue;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    parts.push(SIMPLE_DIGITS[d]! + name);
  }
  return parts.join('');
}
