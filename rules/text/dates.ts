// Gregorian dates as Chinese text writes them: 2025年3月1日, 二〇二五年三月一日, 3月1日, 2025年3月.
// Computed, not looked up: the weekday of any date comes from the calendar itself.
import { parseChineseNumber } from './numerals.js';

const CHINESE_DIGIT = '〇○零Ｏ一二三四五六七八九';
const YEAR = `[0-9０-９]{4}|[${CHINESE_DIGIT}]{4}`;
const MONTH = '[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九]';
const DAY = '[0-9０-９]{1,2}|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九]';

/**
 * Year (optional), month, day (optional); a run of digits or numerals before it would make it
 * part of a longer number. Groups: 1 year, 2 month, 3 day.
 */
export const DATE_PATTERN = new RegExp(`(?<![0-9０-９${CHINESE_DIGIT}十百千万])(?:(${YEAR})年)?(${MONTH})月(?:(${DAY})日)?`, 'gu');

export interface CalendarDate {
  year?: number;
  month: number;
  day?: number;
  /** Where the day's digits sit in the match, and whether they are Chinese numerals. */
  dayRange?: { start: number; end: number; chinese: boolean };
}

/**
 * The date a DATE_PATTERN match names (groups from `first`), or undefined for a bare month
 * ("3月": no year, no day) and a numeral that is no number.
 */
export function calendarDate(match: RegExpExecArray, first = 1): CalendarDate | undefined {
  const [yearText, monthText, dayText] = [match[first], match[first + 1], match[first + 2]];
  if (yearText === undefined && dayText === undefined) return undefined;
  const month = parseChineseNumber(monthText!);
  if (month === undefined) return undefined;
  const date: CalendarDate = { month };
  if (yearText !== undefined) {
    // Each character of a year is a digit: 二〇二五 is 2025, never 二千零二十五.
    const digits = [...yearText].map((c) => (/[〇○零Ｏ]/.test(c) ? 0 : (parseChineseNumber(c) ?? NaN)));
    if (digits.some(Number.isNaN)) return undefined;
    date.year = digits.reduce((n, d) => n * 10 + d, 0);
  }
  if (dayText !== undefined) {
    const day = parseChineseNumber(dayText);
    if (day === undefined) return undefined;
    date.day = day;
    const end = match[0].length - 1; // before 日
    date.dayRange = { start: end - dayText.length, end, chinese: !/^[0-9０-９]+$/.test(dayText) };
  }
  return date;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in the month; for February of an unknown year, 29. */
export function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 0 = Sunday … 6 = Saturday, proleptic Gregorian. */
export function weekdayOf(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCDay();
}

/**
 * The document's date: the last line that is only a date with its year (the 成文日期 under a
 * signature, a speech's 「（2023年1月5日）」 under its title) or 「成文日期：2018年12月04日」.
 */
export function documentDate(text: string): CalendarDate | undefined {
  let found: CalendarDate | undefined;
  DATE_LINE.lastIndex = 0;
  for (let m = DATE_LINE.exec(text); m; m = DATE_LINE.exec(text)) {
    const date = calendarDate(m, 1);
    if (date?.year !== undefined) found = date;
  }
  return found;
}

const DATE_LINE = new RegExp(`^[ \\t\\u3000\\u00a0]*(?:成文日期[：:][ \\t\\u3000]*|[（(])?${DATE_PATTERN.source}[）)]?[ \\t\\u3000\\u00a0]*$`, 'gmu');
