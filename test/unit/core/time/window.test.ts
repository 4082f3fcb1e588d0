// Windows in UTC: `Nw` is the N complete ISO weeks before the week that contains `now`,
// `Nd` is the rolling (now − N days, now]. Every window is half-open [start, end) inside.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  inWindow,
  isoWeekLabel,
  isoWeekStart,
  parseWindow,
  weekWindow,
  windowDates,
  windowEndingAt,
} from '../../../../src/core/time/window';
import { ms } from '../../helpers/tempRepo';
import { DAY_MS, WEEK_MS, isoDate } from '../../../../src/core/time/units';

describe('core/window', () => {
  it('parses days and weeks, 1 to 9999, and nothing else', () => {
    assert.equal(parseWindow('30d'), 30);
    assert.equal(parseWindow('4w'), 28);
    assert.equal(parseWindow('1d'), 1);
    assert.equal(parseWindow('9999d'), 9999);
    for (const bad of ['0d', '10000d', '4W', '4 w', 'w', '4', '', '04w', '-1d', '1.5w']) assert.equal(parseWindow(bad), undefined, bad);
  });

  describe('isoWeekStart', () => {
    it('gives Monday 00:00 UTC of the week that holds the instant', () => {
      const cases: [string, string][] = [
        ['2024-06-26T15:30:00Z', '2024-06-24T00:00:00Z'], // Wednesday
        ['2024-06-24T00:00:00Z', '2024-06-24T00:00:00Z'], // Monday 00:00 is its own week start
        ['2024-06-23T23:59:59.999Z', '2024-06-17T00:00:00Z'], // the last millisecond of a Sunday
        ['2024-06-30T00:00:00Z', '2024-06-24T00:00:00Z'], // Sunday
        ['2021-01-01T12:00:00Z', '2020-12-28T00:00:00Z'], // a week across the new year
        ['1970-01-01T00:00:00Z', '1969-12-29T00:00:00Z'], // epoch 0 was a Thursday
        ['1969-12-31T23:59:59Z', '1969-12-29T00:00:00Z'], // negative epoch
      ];
      for (const [at, monday] of cases) assert.equal(isoWeekStart(ms(at)), ms(monday), at);
    });

    it('is a Monday at or before the instant and less than a week before it', () => {
      const instant = fc.integer({ min: -4e12, max: 8e12 });
      fc.assert(
        fc.property(instant, (t) => {
          const s = isoWeekStart(t);
          return s <= t && t - s < WEEK_MS && new Date(s).getUTCDay() === 1 && s % DAY_MS === 0 && isoWeekStart(s) === s;
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('isoWeekLabel', () => {
    it('labels weeks as ISO 8601 year and week (checked against GNU date +%G-W%V)', () => {
      const cases: [string, string][] = [
        ['2024-06-24', '2024-W26'],
        ['2024-01-01', '2024-W01'],
        ['2024-12-30', '2025-W01'], // week 1 of 2025 starts in December 2024
        ['2025-12-29', '2026-W01'], // week 1 of 2026 starts on 2025-12-29
        ['2026-12-28', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
        ['2027-01-04', '2027-W01'],
        ['2020-12-28', '2020-W53'], // a leap year starting on Wednesday: 53 weeks
        ['2021-01-04', '2021-W01'],
        ['2015-12-28', '2015-W53'],
        ['2016-01-04', '2016-W01'],
        ['2009-12-28', '2009-W53'],
        ['2008-12-29', '2009-W01'],
        ['1969-12-29', '1970-W01'],
      ];
      for (const [monday, label] of cases) assert.equal(isoWeekLabel(ms(`${monday}T00:00:00Z`)), label, monday);
    });

    it('agrees with an independent computation (week of the year of the week Thursday)', () => {
      const monday = fc.integer({ min: -2000, max: 8000 }).map((n) => ms('1970-01-05T00:00:00Z') + n * WEEK_MS);
      fc.assert(
        fc.property(monday, (start) => {
          const thursday = new Date(start + 3 * DAY_MS);
          const year = thursday.getUTCFullYear();
          const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
          const expected = `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
          return isoWeekLabel(start) === expected;
        }),
        { numRuns: 2000 },
      );
    });
  });

  it('weekWindow is the week [Monday, next Monday) of 7 days', () => {
    const w = weekWindow(ms('2025-12-29T00:00:00Z'));
    assert.deepEqual(w, { start: ms('2025-12-29T00:00:00Z'), end: ms('2026-01-05T00:00:00Z'), days: 7 });
    assert.equal(inWindow(w, ms('2025-12-29T00:00:00Z')), true);
    assert.equal(inWindow(w, ms('2026-01-04T23:59:59.999Z')), true);
    assert.equal(inWindow(w, ms('2026-01-05T00:00:00Z')), false);
    assert.deepEqual(windowDates(w), { start: '2025-12-29', end: '2026-01-04' });
  });

  describe('Nw: complete ISO weeks before the week of now', () => {
    it('mid-week: 1w is last week, 4w the four weeks before this one', () => {
      const now = new Date('2024-06-26T15:30:00Z'); // Wednesday of 2024-W26
      assert.deepEqual(windowEndingAt(now, '1w'), { start: ms('2024-06-17T00:00:00Z'), end: ms('2024-06-24T00:00:00Z'), days: 7 });
      assert.deepEqual(windowEndingAt(now, '4w'), { start: ms('2024-05-27T00:00:00Z'), end: ms('2024-06-24T00:00:00Z'), days: 28 });
      assert.deepEqual(windowDates(windowEndingAt(now, '4w')), { start: '2024-05-27', end: '2024-06-23' });
    });

    it('on Monday 00:00 exactly, the week that starts at now is not yet complete', () => {
      const now = new Date('2024-06-24T00:00:00Z');
      const w = windowEndingAt(now, '1w');
      assert.deepEqual(w, { start: ms('2024-06-17T00:00:00Z'), end: ms('2024-06-24T00:00:00Z'), days: 7 });
      assert.equal(inWindow(w, now.getTime()), false);
      assert.equal(inWindow(w, now.getTime() - 1), true);
      assert.equal(inWindow(w, ms('2024-06-17T00:00:00Z')), true);
      assert.equal(inWindow(w, ms('2024-06-17T00:00:00Z') - 1), false);
    });

    it('one millisecond before Monday 00:00, the window is a week earlier', () => {
      const w = windowEndingAt(new Date('2024-06-23T23:59:59.999Z'), '1w');
      assert.deepEqual(w, { start: ms('2024-06-10T00:00:00Z'), end: ms('2024-06-17T00:00:00Z'), days: 7 });
      assert.deepEqual(windowDates(w), { start: '2024-06-10', end: '2024-06-16' });
    });

    it('stays the same for every instant of a week', () => {
      const a = windowEndingAt(new Date('2025-12-29T00:00:00Z'), '2w');
      const b = windowEndingAt(new Date('2026-01-04T23:59:59.999Z'), '2w');
      assert.deepEqual(a, b);
      assert.deepEqual(a, { start: ms('2025-12-15T00:00:00Z'), end: ms('2025-12-29T00:00:00Z'), days: 14 });
      assert.deepEqual([isoWeekLabel(a.start), isoWeekLabel(a.end - WEEK_MS)], ['2025-W51', '2025-W52']);
    });
  });

  describe('Nd: the rolling (now − N days, now]', () => {
    it('excludes the instant N days before now and includes now itself', () => {
      const now = new Date('2024-06-30T00:00:00Z');
      const w = windowEndingAt(now, '7d');
      assert.deepEqual(w, { start: ms('2024-06-23T00:00:00Z') + 1, end: now.getTime() + 1, days: 7 });
      assert.equal(inWindow(w, ms('2024-06-23T00:00:00Z')), false);
      assert.equal(inWindow(w, ms('2024-06-23T00:00:00Z') + 1), true);
      assert.equal(inWindow(w, now.getTime()), true);
      assert.equal(inWindow(w, now.getTime() + 1), false);
      assert.deepEqual(windowDates(w), { start: '2024-06-23', end: '2024-06-30' });
    });

    it('mid-day: the calendar days shown are the first and last days touched', () => {
      const w = windowEndingAt(new Date('2024-06-26T15:00:00Z'), '7d');
      assert.deepEqual(windowDates(w), { start: '2024-06-19', end: '2024-06-26' });
      const day = windowEndingAt(new Date('2024-06-24T00:00:00Z'), '1d'); // (06-23 00:00, 06-24 00:00]
      assert.deepEqual(windowDates(day), { start: '2024-06-23', end: '2024-06-24' });
    });

    it('falls back to 4w for a missing or unreadable window', () => {
      const now = new Date('2024-06-26T15:30:00Z');
      const fourWeeks = windowEndingAt(now, '4w');
      assert.deepEqual(windowEndingAt(now), fourWeeks);
      assert.deepEqual(windowEndingAt(now, 'nonsense'), fourWeeks);
      assert.equal(isoDate(fourWeeks.start), '2024-05-27');
    });
  });
});
