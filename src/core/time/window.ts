import { DAY_MS, WEEK_MS, dayRange } from './units';
// Time windows in UTC, with `now` always injected.
// - `Nw`: the N complete ISO weeks (Monday 00:00 UTC to Monday 00:00 UTC) before the week
//   that contains `now`. Values stay put during a week, which is what a review needs.
// - `Nd`: the rolling N days ending at `now`: (now − N days, now].
// Internally every window is half-open, [start, end), in epoch milliseconds.

export interface TimeWindow {
  /** Inclusive lower bound, epoch ms. */
  readonly start: number;
  /** Exclusive upper bound, epoch ms. */
  readonly end: number;
  readonly days: number;
}

export const DEFAULT_WINDOW = '4w';

interface WindowSpec {
  readonly n: number;
  readonly unit: 'd' | 'w';
}

function spec(text: string): WindowSpec | undefined {
  const m = /^([1-9][0-9]{0,3})([dw])$/.exec(text);
  return m ? { n: Number(m[1]), unit: m[2] as 'd' | 'w' } : undefined;
}

/** Days in a window expression, or undefined when it is not of the form `Nd` or `Nw`. */
export function parseWindow(text: string): number | undefined {
  const s = spec(text);
  return s === undefined ? undefined : s.unit === 'w' ? s.n * 7 : s.n;
}

/** Monday 00:00 UTC of the ISO week that contains `epochMs`. */
export function isoWeekStart(epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS);
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_MS;
}

/** ISO 8601 week label such as 2026-W24 for the week starting at `weekStart`. */
export function isoWeekLabel(weekStart: number): string {
  const thursday = new Date(weekStart + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week = 1 + Math.round((isoWeekStart(thursday.getTime()) - isoWeekStart(jan4)) / WEEK_MS);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function windowEndingAt(now: Date, text: string = DEFAULT_WINDOW): TimeWindow {
  const s = spec(text) ?? spec(DEFAULT_WINDOW)!;
  const t = now.getTime();
  if (s.unit === 'w') {
    const end = isoWeekStart(t);
    return { start: end - s.n * WEEK_MS, end, days: s.n * 7 };
  }
  // (now − N days, now] as a half-open range over whole milliseconds.
  return { start: t - s.n * DAY_MS + 1, end: t + 1, days: s.n };
}

/** The ISO week starting at `weekStart` as a window. */
export function weekWindow(weekStart: number): TimeWindow {
  return { start: weekStart, end: weekStart + WEEK_MS, days: 7 };
}

export function inWindow(w: TimeWindow, epochMs: number): boolean {
  return epochMs >= w.start && epochMs < w.end;
}

/** First and last calendar day (UTC) the window covers, for display. */
export function windowDates(w: TimeWindow): { start: string; end: string } {
  return dayRange(w);
}
