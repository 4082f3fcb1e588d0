// Calendar arithmetic for time frames and review checkpoints: exact dates, UTC only.
import * as assert from 'node:assert/strict';
import {
  addDuration,
  addMonths,
  isCalendarDate,
  nextReview,
  parseDate,
  previousReview,
  timeframeBounds,
} from '../../../../src/core/time/calendar';
import type { Review, Timeframe } from '../../../../src/core/kpiJson/model';
import { isoDate } from '../../../../src/core/time/units';

const DAY = 86_400_000;
const d = (s: string): number => parseDate(s);
const at = (iso: string): Date => new Date(iso);

describe('core/calendar isCalendarDate', () => {
  it('accepts real dates, leap days of leap years included', () => {
    for (const s of ['2026-01-01', '2026-02-28', '2026-12-31', '2028-02-29', '2000-02-29', '2026-04-30', '1999-12-31']) {
      assert.equal(isCalendarDate(s), true, s);
    }
  });

  it('refuses impossible days, months and non-leap Feb 29 (2100 is not a leap year)', () => {
    for (const s of ['2026-02-30', '2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
      assert.equal(isCalendarDate(s), false, s);
    }
  });

  it('refuses anything that is not exactly YYYY-MM-DD', () => {
    for (const s of [
      '',
      '2026-1-01',
      '2026-01-1',
      ' 2026-01-01',
      '2026-01-01 ',
      '2026-01-01T00:00:00Z',
      '20260101',
      '2026/01/01',
      'yesterday',
    ]) {
      assert.equal(isCalendarDate(s), false, JSON.stringify(s));
    }
  });
});

describe('core/time parseDate and isoDate', () => {
  it('round-trips UTC midnight', () => {
    assert.equal(d('2026-03-01'), Date.UTC(2026, 2, 1));
    assert.equal(isoDate(Date.UTC(2026, 2, 1)), '2026-03-01');
    assert.equal(isoDate(Date.UTC(2026, 2, 1, 23, 59, 59, 999)), '2026-03-01');
  });
});

describe('core/calendar addMonths', () => {
  const cases: [string, number, string][] = [
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-31', 12, '2027-01-31'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-05-31', 0, '2026-05-31'],
  ];
  for (const [from, n, to] of cases) {
    it(`${from} + ${n} month(s) = ${to}`, () => {
      assert.equal(isoDate(addMonths(d(from), n)), to);
    });
  }

  it('an explicit anchor day survives a short month (Feb 28 anchored on the 31st + 1 = Mar 31)', () => {
    assert.equal(isoDate(addMonths(d('2026-02-28'), 1, 31)), '2026-03-31');
    assert.equal(isoDate(addMonths(d('2026-02-28'), 2, 31)), '2026-04-30');
  });
});

describe('core/calendar addDuration', () => {
  const cases: [string, string, string][] = [
    ['2026-01-01', '10d', '2026-01-11'],
    ['2026-02-20', '10d', '2026-03-02'],
    ['2028-02-20', '10d', '2028-03-01'],
    ['2026-01-01', '2w', '2026-01-15'],
    ['2026-01-01', '12w', '2026-03-26'],
    ['2026-01-31', '1m', '2026-02-28'],
    ['2026-01-01', '1q', '2026-04-01'],
    ['2026-11-30', '1q', '2027-02-28'],
    ['2026-01-01', '2q', '2026-07-01'],
    ['2026-07-01', '1y', '2027-07-01'],
    ['2028-02-29', '1y', '2029-02-28'],
    ['2026-01-01', '9999d', isoDate(d('2026-01-01') + 9999 * DAY)],
  ];
  for (const [from, duration, to] of cases) {
    it(`${from} + ${duration} = ${to}`, () => {
      assert.equal(isoDate(addDuration(d(from), duration)!), to);
    });
  }

  it('is undefined for anything but 1..9999 of d, w, m, q, y', () => {
    for (const s of ['', '0d', '10000d', '1x', '1', 'd', '01w', '1.5w', ' 1w', '1W', '-1d']) {
      assert.equal(addDuration(d('2026-01-01'), s), undefined, JSON.stringify(s));
    }
  });
});

describe('core/calendar timeframeBounds', () => {
  it('an end date is inclusive: the exclusive bound is the day after', () => {
    assert.deepEqual(timeframeBounds({ start: '2026-01-01', end: '2026-03-31' }), { start: d('2026-01-01'), end: d('2026-04-01') });
    assert.deepEqual(timeframeBounds({ start: '2028-02-01', end: '2028-02-29' }), { start: d('2028-02-01'), end: d('2028-03-01') });
    assert.deepEqual(timeframeBounds({ start: '2026-12-01', end: '2026-12-31' }), { start: d('2026-12-01'), end: d('2027-01-01') });
  });

  it('a duration ends exclusively after it (1q from Jan 1 is [Jan 1, Apr 1))', () => {
    assert.deepEqual(timeframeBounds({ start: '2026-01-01', duration: '1q' }), { start: d('2026-01-01'), end: d('2026-04-01') });
    assert.deepEqual(timeframeBounds({ start: '2026-01-01', duration: '4w' }), { start: d('2026-01-01'), end: d('2026-01-29') });
    assert.deepEqual(timeframeBounds({ start: '2026-01-31', duration: '1m' }), { start: d('2026-01-31'), end: d('2026-02-28') });
  });

  it('is undefined for an invalid start, end or duration, or without end and duration', () => {
    const bad: Timeframe[] = [
      { start: '2026-02-30', end: '2026-03-31' },
      { start: '2026-01-01', end: '2026-02-30' },
      { start: '2026-01-01', duration: '0d' },
      { start: '2026-01-01', duration: '3x' },
      { start: '2026-01-01' },
    ];
    for (const t of bad) assert.equal(timeframeBounds(t), undefined, JSON.stringify(t));
  });
});

describe('core/calendar nextReview', () => {
  const quarter: Timeframe = { start: '2026-01-01', end: '2026-03-31' }; // Thursday start, exclusive end Apr 1

  const cases: [string, Review, Timeframe | undefined, string, string | undefined][] = [
    // weekly from Thu 2026-01-01: 01-08, 01-15, ...; the start day itself is not a checkpoint
    ['weekly, on the start day', 'weekly', quarter, '2026-01-01T09:00:00Z', '2026-01-08'],
    ['weekly, on a checkpoint day (any hour)', 'weekly', quarter, '2026-01-08T23:59:59Z', '2026-01-08'],
    ['weekly, the day after a checkpoint', 'weekly', quarter, '2026-01-09T00:00:00Z', '2026-01-15'],
    ['weekly, across the month end', 'weekly', quarter, '2026-01-30T00:00:00Z', '2026-02-05'],
    ['weekly, the last checkpoint inside', 'weekly', quarter, '2026-03-20T00:00:00Z', '2026-03-26'],
    ['weekly, after the last checkpoint', 'weekly', quarter, '2026-03-27T00:00:00Z', undefined],
    ['weekly, after the time frame ended', 'weekly', quarter, '2026-06-01T00:00:00Z', undefined],
    // biweekly: 01-15, 01-29, 02-12, 02-26, 03-12, 03-26
    ['biweekly', 'biweekly', quarter, '2026-01-16T00:00:00Z', '2026-01-29'],
    ['biweekly, across the month end', 'biweekly', quarter, '2026-01-30T00:00:00Z', '2026-02-12'],
    ['biweekly, after the last checkpoint', 'biweekly', quarter, '2026-03-27T00:00:00Z', undefined],
    // monthly: 02-01, 03-01, and 04-01 (the day after the end date) is the last checkpoint
    ['monthly', 'monthly', quarter, '2026-01-02T00:00:00Z', '2026-02-01'],
    ['monthly, the day after the end date counts', 'monthly', quarter, '2026-03-02T00:00:00Z', '2026-04-01'],
    ['monthly, after the time frame', 'monthly', quarter, '2026-04-02T00:00:00Z', undefined],
    // monthly anchored on the 31st: each month's last day
    ['monthly from Jan 31: Feb 28', 'monthly', { start: '2026-01-31', duration: '1y' }, '2026-02-01T00:00:00Z', '2026-02-28'],
    ['monthly from Jan 31: Mar 31 (not Mar 28)', 'monthly', { start: '2026-01-31', duration: '1y' }, '2026-03-01T00:00:00Z', '2026-03-31'],
    ['monthly from Jan 31: Apr 30', 'monthly', { start: '2026-01-31', duration: '1y' }, '2026-04-01T00:00:00Z', '2026-04-30'],
    [
      'monthly from Jan 31 in a leap year: Feb 29',
      'monthly',
      { start: '2028-01-31', duration: '1y' },
      '2028-02-01T00:00:00Z',
      '2028-02-29',
    ],
    ['monthly from Dec 31 across the year end', 'monthly', { start: '2026-12-31', duration: '1y' }, '2027-02-01T00:00:00Z', '2027-02-28'],
    // quarterly from Nov 30: 2027-02-28, 2027-05-30, 2027-08-30, 2027-11-30
    ['quarterly from Nov 30: Feb 28', 'quarterly', { start: '2026-11-30', duration: '1y' }, '2026-12-01T00:00:00Z', '2027-02-28'],
    [
      'quarterly from Nov 30: May 30 (anchor kept)',
      'quarterly',
      { start: '2026-11-30', duration: '1y' },
      '2027-03-01T00:00:00Z',
      '2027-05-30',
    ],
    [
      'quarterly, the day after the end date counts',
      'quarterly',
      { start: '2026-11-30', duration: '1y' },
      '2027-09-01T00:00:00Z',
      '2027-11-30',
    ],
    ['quarterly, after the end', 'quarterly', { start: '2026-11-30', duration: '1y' }, '2027-12-01T00:00:00Z', undefined],
    ['quarterly in a leap year', 'quarterly', { start: '2027-11-29', end: '2028-12-31' }, '2027-12-01T00:00:00Z', '2028-02-29'],
    // a duration time frame: 4w from 01-01 ends (exclusively) on 01-29, itself a checkpoint
    [
      'weekly in a 4-week time frame: its exclusive end',
      'weekly',
      { start: '2026-01-01', duration: '4w' },
      '2026-01-23T00:00:00Z',
      '2026-01-29',
    ],
    ['weekly after a 4-week time frame', 'weekly', { start: '2026-01-01', duration: '4w' }, '2026-01-30T00:00:00Z', undefined],
    // before the time frame: the first checkpoint after its start
    ['before the time frame starts', 'weekly', { start: '2026-06-01', duration: '1q' }, '2026-01-01T00:00:00Z', '2026-06-08'],
    // without a time frame: weekly and biweekly on Mondays (counted from Monday 1970-01-05),
    // monthly and quarterly on the 1st (counted from 1970-01-01); today itself counts
    ['weekly without a time frame: next Monday', 'weekly', undefined, '2026-05-05T10:00:00Z', '2026-05-11'],
    ['weekly without a time frame, on a Monday', 'weekly', undefined, '2026-05-11T23:00:00Z', '2026-05-11'],
    [
      'biweekly without a time frame (2026-05-11 is 2940 weeks after the anchor)',
      'biweekly',
      undefined,
      '2026-05-05T10:00:00Z',
      '2026-05-11',
    ],
    ['biweekly without a time frame, the off week', 'biweekly', undefined, '2026-05-12T10:00:00Z', '2026-05-25'],
    ['monthly without a time frame: the next 1st', 'monthly', undefined, '2026-01-31T10:00:00Z', '2026-02-01'],
    ['monthly without a time frame, on the 1st', 'monthly', undefined, '2026-02-01T10:00:00Z', '2026-02-01'],
    ['monthly without a time frame, in a leap February', 'monthly', undefined, '2028-02-29T10:00:00Z', '2028-03-01'],
    ['quarterly without a time frame: Jan, Apr, Jul, Oct 1st', 'quarterly', undefined, '2028-11-30T10:00:00Z', '2029-01-01'],
    ['quarterly without a time frame, mid-quarter', 'quarterly', undefined, '2026-05-15T10:00:00Z', '2026-07-01'],
    // explicit dates: sorted, invalid ones skipped, today included
    ['explicit dates', { dates: ['2026-03-01', '2026-01-15', '2026-02-30', '2026-02-01'] }, quarter, '2026-01-20T00:00:00Z', '2026-02-01'],
    ['explicit dates, today itself', { dates: ['2026-03-01', '2026-01-15', '2026-02-01'] }, quarter, '2026-02-01T23:00:00Z', '2026-02-01'],
    ['explicit dates, all past', { dates: ['2026-03-01', '2026-01-15'] }, quarter, '2026-03-02T00:00:00Z', undefined],
    ['explicit dates ignore the time frame', { dates: ['2027-01-01'] }, quarter, '2026-05-01T00:00:00Z', '2027-01-01'],
    ['explicit dates without a time frame', { dates: ['2028-02-29'] }, undefined, '2028-02-28T00:00:00Z', '2028-02-29'],
  ];
  for (const [name, review, timeframe, now, expected] of cases) {
    it(`${name}: ${now.slice(0, 10)} → ${expected ?? 'none'}`, () => {
      assert.equal(nextReview(review, timeframe, at(now)), expected);
    });
  }
});

describe('core/calendar previousReview', () => {
  const quarter: Timeframe = { start: '2026-01-01', end: '2026-03-31' };
  const cases: [string, Review, Timeframe | undefined, string, string | undefined][] = [
    ['weekly, between checkpoints', 'weekly', quarter, '2026-01-10T00:00:00Z', '2026-01-08'],
    ['weekly, on a checkpoint day', 'weekly', quarter, '2026-01-15T12:00:00Z', '2026-01-15'],
    ['weekly, before the first checkpoint', 'weekly', quarter, '2026-01-05T00:00:00Z', undefined],
    ['weekly, after the time frame: its last checkpoint', 'weekly', quarter, '2026-06-01T00:00:00Z', '2026-03-26'],
    ['monthly, after the time frame: the day after the end', 'monthly', quarter, '2026-06-01T00:00:00Z', '2026-04-01'],
    ['monthly from Jan 31 in a leap year', 'monthly', { start: '2028-01-31', duration: '1y' }, '2028-03-15T00:00:00Z', '2028-02-29'],
    ['weekly without a time frame: the last Monday', 'weekly', undefined, '2026-05-05T10:00:00Z', '2026-05-04'],
    ['monthly without a time frame: the last 1st', 'monthly', undefined, '2026-01-31T10:00:00Z', '2026-01-01'],
    ['explicit dates', { dates: ['2026-03-01', '2026-01-15', '2026-02-30', '2026-02-01'] }, quarter, '2026-01-20T00:00:00Z', '2026-01-15'],
    ['explicit dates, all in the future', { dates: ['2026-03-01'] }, quarter, '2026-01-20T00:00:00Z', undefined],
  ];
  for (const [name, review, timeframe, now, expected] of cases) {
    it(`${name}: ${now.slice(0, 10)} → ${expected ?? 'none'}`, () => {
      assert.equal(previousReview(review, timeframe, at(now)), expected);
    });
  }

  it('previous ≤ today ≤ next for every cadence, whenever both exist', () => {
    const reviews: Review[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];
    for (const review of reviews) {
      for (const tf of [undefined, quarter, { start: '2028-01-31', duration: '1y' }]) {
        for (let day = d('2025-12-01'); day <= d('2029-01-31'); day += 5 * DAY) {
          const now = new Date(day + 3_600_000);
          const prev = previousReview(review, tf, now);
          const next = nextReview(review, tf, now);
          const today = isoDate(day);
          if (prev !== undefined) assert.ok(prev <= today, `${review} ${today}: previous ${prev}`);
          if (next !== undefined) assert.ok(next >= today, `${review} ${today}: next ${next}`);
          if (prev === today || next === today) assert.equal(prev, next, `${review} ${today}`);
        }
      }
    }
  });
});
