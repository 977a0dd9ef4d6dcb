// date-weekday beyond its fixtures: the calendar arithmetic, and the two choices a wrong
// weekday offers (the weekday, or the day when it is one off).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../rules/index.js';
import { daysInMonth, weekdayOf } from '../rules/text/dates.js';

const only = { onlyRules: ['date-weekday'] };

describe('date-weekday', () => {
  it('computes weekdays and month lengths from the calendar', () => {
    // Known anchors: 1900-01-01 Monday, 2000-02-29 Tuesday, 1949-10-01 Saturday, 2100-03-01 Monday.
    assert.deepEqual([weekdayOf(1900, 1, 1), weekdayOf(2000, 2, 29), weekdayOf(1949, 10, 1), weekdayOf(2100, 3, 1)], [1, 2, 6, 1]);
    // Consecutive days step through the week.
    for (let day = 1; day < 365; day++) {
      const a = new Date(Date.UTC(2026, 0, day));
      const b = new Date(Date.UTC(2026, 0, day + 1));
      assert.equal((weekdayOf(2026, a.getUTCMonth() + 1, a.getUTCDate()) + 1) % 7, weekdayOf(2026, b.getUTCMonth() + 1, b.getUTCDate()));
    }
    assert.deepEqual([daysInMonth(2023, 2), daysInMonth(2024, 2), daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(undefined, 2), daysInMonth(2025, 4)], [28, 29, 28, 29, 29, 30]);
  });

  it('offers the right weekday first, and the day when the weekday fits the day before or after', () => {
    const [finding] = lint('会议定于2026年6月1日（星期二）召开。', only);
    assert.equal(finding!.message, '2026年6月1日是星期一，不是星期二');
    assert.deepEqual(finding!.suggestions!.map((s) => s.message), ['改为“星期一”', '日期改为“6月2日”（星期二）']);
    const [far] = lint('会议定于2026年6月1日（星期五）召开。', only);
    assert.deepEqual(far!.suggestions!.map((s) => s.message), ['改为“星期一”'], 'four days off: only the weekday');
  });

  it('reads the year from the line or the date line, and says so; stays silent without one', () => {
    assert.equal(lint('3月3日（周五）召开。', only).length, 0, 'no year anywhere');
    const [inferred] = lint('会议安排\n3月3日（周五）召开。\n2026年1月10日', only);
    assert.equal(inferred!.message, '按本文的年份（2026年），3月3日是星期二，不是周五');
  });
});
