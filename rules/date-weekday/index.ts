import type { Rule, Suggestion } from '../engine/types.js';
import { calendarDate, DATE_PATTERN, daysInMonth, documentDate, weekdayOf } from '../text/dates.js';
import { formatChineseNumber } from '../text/numerals.js';

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'];
/** The weekday written after a date: （星期五）, (周五), 礼拜天. */
const WEEKDAY_AFTER = /^[ \u3000]{0,2}([（(]?)(星期|周|礼拜)([一二三四五六日天])([）)]?)/;
/** A lunar date (农历二月三十) is no Gregorian date: neither checked for its weekday nor for its day. */
const LUNAR_BEFORE = /(农历|阴历|农曆|陰曆|夏历|正月|腊月|臘月|冬月)[^。；\n]{0,6}$/;

export const dateWeekday: Rule = {
  meta: {
    id: 'date-weekday',
    description: {
      zh: '日期与星期不符（2025年3月1日是星期六却写成星期五），以及不存在的日期（2月30日、13月）',
      en: 'A date whose stated weekday is wrong, and impossible dates (February 30th, month 13)',
    },
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    scope: 'document',
    hasSuggestions: true,
    messages: {
      wrongWeekday: '{date}是星期{actual}，不是{stated}',
      wrongWeekdayInferred: '按本文的年份（{year}年），{date}是星期{actual}，不是{stated}',
      impossibleDate: '不存在的日期：{date}（{reason}）',
      setWeekday: '改为“{weekday}”',
      setDay: '日期改为“{day}日”（{weekday}）',
    },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    const documentYear = documentDate(text)?.year;
    const yearMentions = mentionsOfYears(text);
    DATE_PATTERN.lastIndex = 0;
    for (let m = DATE_PATTERN.exec(text); m; m = DATE_PATTERN.exec(text)) {
      const date = calendarDate(m);
      if (!date) continue;
      const start = m.index;
      const end = start + m[0].length;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      if (LUNAR_BEFORE.test(text.slice(Math.max(lineStart, start - 12), start))) continue;
      const label = m[0];
      if (date.month < 1 || date.month > 12) {
        context.report({ messageId: 'impossibleDate', data: { date: label, reason: '一年只有 12 个月' }, range: { start, end } });
        continue;
      }
      if (date.day !== undefined && (date.day < 1 || date.day > daysInMonth(date.year, date.month))) {
        const reason = date.year === undefined ? `${date.month}月最多 ${daysInMonth(undefined, date.month)} 天` : `${date.year}年${date.month}月只有 ${daysInMonth(date.year, date.month)} 天`;
        context.report({ messageId: 'impossibleDate', data: { date: label, reason }, range: { start, end } });
        continue;
      }
      const weekday = WEEKDAY_AFTER.exec(text.slice(end, end + 8));
      if (!weekday || date.day === undefined) continue;
      // The year: the date's own; else one stated before it on the same line, else the document's
      // date line, and then a date near the turn of the year may belong to the next or the last
      // ("2026年元旦……12月31日（星期三）" is 2025's): it is reported only if no such year fits.
      const inferred = date.year === undefined ? (yearBefore(yearMentions, lineStart, start) ?? documentYear) : undefined;
      const years = date.year !== undefined ? [date.year] : inferred !== undefined ? [inferred, inferred + 1, inferred - 1] : [];
      if (years.length === 0) continue;
      const stated = WEEKDAY_NAMES.indexOf(weekday[3] === '天' ? '日' : weekday[3]!);
      if (years.some((year) => weekdayOf(year, date.month, date.day!) === stated)) continue;
      const year = years[0]!;
      const actual = weekdayOf(year, date.month, date.day);
      const weekdayStart = end + weekday[0].length - weekday[4]!.length - 1;
      const statedText = `${weekday[2]}${weekday[3]}`;
      const suggestions: Suggestion[] = [
        { message: `改为“${weekday[2]}${nameOf(actual, weekday[3]!)}”`, edits: [{ range: { start: weekdayStart, end: weekdayStart + 1 }, text: nameOf(actual, weekday[3]!) }], preferred: true },
      ];
      // The weekday may be right and the day one off: say both, let the writer choose.
      for (const delta of [-1, 1]) {
        const day = date.day + delta;
        if (day < 1 || day > daysInMonth(year, date.month) || weekdayOf(year, date.month, day) !== stated || !date.dayRange) continue;
        suggestions.push({ message: `日期改为“${date.month}月${day}日”（${statedText}）`, edits: [{ range: { start: start + date.dayRange.start, end: start + date.dayRange.end }, text: date.dayRange.chinese ? formatChineseNumber(day) : String(day) }] });
      }
      context.report({
        messageId: date.year === undefined ? 'wrongWeekdayInferred' : 'wrongWeekday',
        data: { date: label, actual: WEEKDAY_NAMES[actual]!, stated: statedText, year },
        range: { start, end: end + weekday[0].length },
        suggestions,
      });
    }
  },
};

/** 日 or 天 as the writer wrote Sunday. */
function nameOf(weekday: number, written: string): string {
  return weekday === 0 && written === '天' ? '天' : WEEKDAY_NAMES[weekday]!;
}

const YEAR_MENTION = /(?<![\d０-９])((?:19|20)\d\d)年/g;

/** Every "2018年" of the text, in order: one pass, searched for each date. */
function mentionsOfYears(text: string): { at: number; year: number }[] {
  const found: { at: number; year: number }[] = [];
  YEAR_MENTION.lastIndex = 0;
  for (let m = YEAR_MENTION.exec(text); m; m = YEAR_MENTION.exec(text)) found.push({ at: m.index, year: Number(m[1]) });
  return found;
}

/** The last year written on the line before `at` ("2018年12月30日至……12月29日（星期六）"). */
function yearBefore(mentions: readonly { at: number; year: number }[], lineStart: number, at: number): number | undefined {
  let low = 0;
  let high = mentions.length; // first mention at or after `at`
  while (low < high) {
    const mid = (low + high) >> 1;
    if (mentions[mid]!.at < at) low = mid + 1;
    else high = mid;
  }
  const last = mentions[low - 1];
  return last && last.at >= lineStart ? last.year : undefined;
}


