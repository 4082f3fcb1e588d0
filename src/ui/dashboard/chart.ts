// The numbers behind a dashboard card's trend chart, from a KPI result: the weekly values,
// the target as a line or a band, and the forecast to the deadline with its band. Pure (no
// `vscode`), so plain mocha can test it; the webview only draws what this returns.
import type { KpiResult } from '../../core/evaluation/types';
import { bounds } from '../../core/evaluation/status';
import type { DashboardChart } from '../protocol';
import { DAY_MS, WEEK_MS } from '../../core/time/units';

/** The target as a line, or a range as a band. */
export type ChartTarget = NonNullable<DashboardChart['target']>;
/** The projection from the trend's current value to the deadline, with its band. */
export type ChartForecast = NonNullable<DashboardChart['forecast']>;
/** A chart without its words. */
export type ChartData = Omit<DashboardChart, 'unit' | 'label'>;

/** What the accessible summary of a chart says, as numbers. */
export interface ChartSummary {
  readonly weeks: number;
  readonly first?: { readonly at: number; readonly value: number };
  readonly last?: { readonly at: number; readonly value: number };
  readonly min?: number;
  readonly max?: number;
  /** How many of the latest weeks are provisional. */
  readonly provisionalWeeks: number;
}

function chartTarget(k: KpiResult): ChartTarget | undefined {
  const t = k.target;
  if (!t) return undefined;
  if (t.direction !== 'range') return t.value === undefined ? undefined : { kind: 'line', value: t.value };
  const { lo, hi } = bounds(t);
  if (Number.isFinite(lo) && Number.isFinite(hi)) return { kind: 'band', low: lo, high: hi };
  if (Number.isFinite(lo)) return { kind: 'line', value: lo };
  if (Number.isFinite(hi)) return { kind: 'line', value: hi };
  return undefined;
}

/**
 * Undefined when there is nothing to draw: no week has a value. Weeks before the first
 * value (before the repository or the metric had data) are left out; later gaps stay.
 */
export function chartData(k: KpiResult): ChartData | undefined {
  const clean = k.series.map((p) => (p.value !== null && !Number.isFinite(p.value) ? { week: p.week, value: null } : p));
  const first = clean.findIndex((p) => p.value !== null);
  if (first < 0) return undefined;
  const points = clean.slice(first);
  const target = chartTarget(k);
  const forecast = chartForecast(k);
  const provisional = points.find((p) => 'provisional' in p && p.provisional);
  return {
    x: points.map((p) => p.week + WEEK_MS),
    values: points.map((p) => p.value),
    ...(provisional ? { provisionalFrom: provisional.week + WEEK_MS } : {}),
    ...(target ? { target } : {}),
    ...(forecast ? { forecast } : {}),
  };
}

function chartForecast(k: KpiResult): ChartForecast | undefined {
  const f = k.forecast;
  const last = k.series[k.series.length - 1];
  if (!f || !last || f.projected === null || f.current === null || f.low === null || f.high === null) return undefined;
  if (![f.projected, f.current, f.low, f.high, f.weeksLeft].every(Number.isFinite) || f.weeksLeft <= 0) return undefined;
  const from = last.week + WEEK_MS;
  // The time frame's end date is inclusive: the deadline is the start of the day after it.
  const end = k.timeframe ? Date.parse(`${k.timeframe.end}T00:00:00Z`) + DAY_MS : NaN;
  return {
    from,
    // The forecast projects the fitted trend, not the last raw value: start where the trend is now.
    fromValue: f.current,
    to: Number.isFinite(end) && end > from ? end : Math.round(from + f.weeksLeft * WEEK_MS),
    value: f.projected,
    low: f.low,
    high: f.high,
  };
}

export function chartSummary(data: ChartData): ChartSummary {
  const known = data.x.flatMap((at, i) => {
    const value = data.values[i];
    return value === null || value === undefined ? [] : [{ at, value }];
  });
  const values = known.map((p) => p.value);
  return {
    weeks: data.x.length,
    provisionalWeeks: data.provisionalFrom === undefined ? 0 : data.x.filter((x) => x >= data.provisionalFrom!).length,
    ...(known.length > 0 ? { first: known[0]!, last: known[known.length - 1]!, min: Math.min(...values), max: Math.max(...values) } : {}),
  };
}
