// Weekly series: a KPI's value as it stood at the end of each ISO week.
import type { SeriesPoint } from './forecast';
import { isoWeekStart } from '../time/window';
import { WEEK_MS } from '../time/units';

/** Most points a series carries (two years of weeks). */
const MAX_SERIES_WEEKS = 104;

/**
 * Week starts from the week containing `from` through the last complete week before `now`
 * (or the week containing `until`, if earlier), capped to the latest MAX_SERIES_WEEKS.
 */
export function seriesWeeks(from: number, now: Date, until?: number): number[] {
  const current = isoWeekStart(now.getTime());
  let last = current - WEEK_MS;
  if (until !== undefined) last = Math.min(last, isoWeekStart(until - 1));
  const first = Math.max(isoWeekStart(from), last - (MAX_SERIES_WEEKS - 1) * WEEK_MS);
  const weeks: number[] = [];
  for (let w = first; w <= last; w += WEEK_MS) weeks.push(w);
  return weeks;
}

/** Evaluates `valueAt` at the end of each week (the next Monday 00:00 UTC). */
export function weeklySeries(weeks: readonly number[], valueAt: (at: Date) => number | null): SeriesPoint[] {
  return weeks.map((week) => ({ week, value: valueAt(new Date(week + WEEK_MS)) }));
}
