// Calendar arithmetic in UTC for time frames and review checkpoints: dates are YYYY-MM-DD.
import type { Cadence, Review, Timeframe } from '../kpiJson/model';

import { DAY_MS, isoDate } from './units';

/** True for a real calendar date (2026-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, keeps years 0–99 as written
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function parseDate(s: string): number {
  return Date.parse(`${s}T00:00:00Z`);
}

/** Adds months, clamping the day to the target month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(ms: number, months: number, anchorDay = new Date(ms).getUTCDate()): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(anchorDay, last));
}

/** Adds a duration such as `12w`, `90d`, `3m`, `1q`, `1y`. */
export function addDuration(ms: number, duration: string): number | undefined {
  const m = /^([1-9][0-9]{0,3})([dwmqy])$/.exec(duration);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'd':
      return ms + n * DAY_MS;
    case 'w':
      return ms + n * 7 * DAY_MS;
    case 'm':
      return addMonths(ms, n);
    case 'q':
      return addMonths(ms, 3 * n);
    default:
      return addMonths(ms, 12 * n);
  }
}

/** [start, end) of a time frame in epoch ms; `end` is exclusive (the day after the end date). */
export function timeframeBounds(t: Timeframe): { start: number; end: number } | undefined {
  if (!isCalendarDate(t.start)) return undefined;
  const start = parseDate(t.start);
  if (t.end !== undefined) return isCalendarDate(t.end) ? { start, end: parseDate(t.end) + DAY_MS } : undefined;
  if (t.duration !== undefined) {
    const end = addDuration(start, t.duration);
    return end === undefined ? undefined : { start, end };
  }
  return undefined;
}

function cadenceStep(start: number, cadence: Cadence, i: number): number {
  const day = new Date(start).getUTCDate();
  switch (cadence) {
    case 'weekly':
      return start + i * 7 * DAY_MS;
    case 'biweekly':
      return start + i * 14 * DAY_MS;
    case 'monthly':
      return addMonths(start, i, day);
    case 'quarterly':
      return addMonths(start, 3 * i, day);
  }
}

/** Where cadences without a time frame are anchored: Monday 1970-01-05, and 1970-01-01. */
const MONDAY_ANCHOR = Date.UTC(1970, 0, 5);
const MONTH_ANCHOR = Date.UTC(1970, 0, 1);

/**
 * Review checkpoints in order, as epoch ms. Cadences count from the time frame's start
 * (monthly reviews anchored on the 31st fall on each month's last day); without a time frame,
 * weekly and biweekly reviews fall on Mondays and monthly and quarterly ones on the 1st.
 * With a time frame, the day after its end date is the last checkpoint.
 */
function* checkpoints(review: Review, timeframe: Timeframe | undefined): Generator<number> {
  if (typeof review !== 'string') {
    yield* [...review.dates].filter(isCalendarDate).sort().map(parseDate);
    return;
  }
  const bounds = timeframe ? timeframeBounds(timeframe) : undefined;
  const start = bounds?.start ?? (review === 'weekly' || review === 'biweekly' ? MONDAY_ANCHOR : MONTH_ANCHOR);
  for (let i = 1; i < 100_000; i++) {
    const t = cadenceStep(start, review, i);
    if (bounds && t > bounds.end) return;
    yield t;
  }
}

/** The first review checkpoint on or after `now`'s day (YYYY-MM-DD), if any. */
export function nextReview(review: Review, timeframe: Timeframe | undefined, now: Date): string | undefined {
  const today = parseDate(isoDate(now.getTime()));
  for (const t of checkpoints(review, timeframe)) if (t >= today) return isoDate(t);
  return undefined;
}

/** The last review checkpoint on or before `now`'s day (YYYY-MM-DD), if any. */
export function previousReview(review: Review, timeframe: Timeframe | undefined, now: Date): string | undefined {
  const today = parseDate(isoDate(now.getTime()));
  let last: number | undefined;
  for (const t of checkpoints(review, timeframe)) {
    if (t > today) break;
    last = t;
  }
  return last === undefined ? undefined : isoDate(last);
}
