// Forecasts: project a weekly series to a deadline with a robust trend (Theil–Sen: the
// median of pairwise slopes, which a few outlier weeks cannot drag), with an uncertainty
// band from the residuals, and say whether the target is likely to be met and why.
import type { Target } from '../kpiJson/model';
import { median, percentile } from '../metrics/stats';
import { WEEK_MS } from '../time/units';
import { higherIsBetter, meetsTarget } from '../evaluation/status';

export interface SeriesPoint {
  /** Start of the ISO week, epoch ms (Monday 00:00 UTC). */
  readonly week: number;
  readonly value: number | null;
  /** The week is still filling in (work lands long after it is written); forecasts leave it out. */
  readonly provisional?: true;
}

export interface Trend {
  /** Change per week. */
  readonly slope: number;
  /** Value at week index 0. */
  readonly intercept: number;
  /** Half-width of the band that holds ~80% of the residuals. */
  readonly spread: number;
  readonly points: number;
}

/** Theil–Sen over (index, value) pairs, ignoring weeks without data. Needs 3 points. */
export function theilSen(values: readonly (number | null)[]): Trend | undefined {
  const pts = values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [[i, v] as const]));
  if (pts.length < 3) return undefined;
  const slopes: number[] = [];
  for (let a = 0; a < pts.length; a++) {
    for (let b = a + 1; b < pts.length; b++) {
      const [xa, ya] = pts[a]!;
      const [xb, yb] = pts[b]!;
      slopes.push((yb - ya) / (xb - xa));
    }
  }
  const slope = median(slopes)!;
  const intercept = median(pts.map(([x, y]) => y - slope * x))!;
  const residuals = pts.map(([x, y]) => Math.abs(y - (intercept + slope * x)));
  return { slope, intercept, spread: percentile(residuals, 80)!, points: pts.length };
}

export type Verdict = 'likelyMet' | 'unlikely' | 'uncertain' | 'insufficientData' | 'noTarget';

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  likelyMet: 'Likely met',
  unlikely: 'Unlikely',
  uncertain: 'Uncertain',
  insufficientData: 'Not enough data',
  noTarget: 'No target',
};

export interface Forecast {
  readonly verdict: Verdict;
  /** Projected value at the deadline, with a band (low..high), inside the metric's domain. */
  readonly projected: number | null;
  /** The trend's value at the latest week (where the projection starts), inside the domain. */
  readonly current: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Current trend, per week. */
  readonly trendPerWeek: number | null;
  /** Weekly change needed from the latest value to reach the target by the deadline; null when already there. */
  readonly neededPerWeek: number | null;
  /** What the reason says: already at the target, the pace needed, or only the projection. */
  readonly reasonCode: 'atTarget' | 'needs' | 'projected' | 'none';
  readonly weeksLeft: number;
  /** One sentence: "needs +0.4/week, trending +0.1/week". */
  readonly reason: string;
}

/** The threshold the value must reach, for directions with one. */
function goal(target: Target): { value: number; up: boolean } | undefined {
  const up = higherIsBetter(target);
  return up === undefined || target.value === undefined ? undefined : { value: target.value, up };
}

function signed(n: number): string {
  const r = Math.round(n * 100) / 100;
  return `${r >= 0 ? '+' : ''}${r}`;
}

/** The values a metric can take: a share is 0 to 100, a count or a duration is never below 0. */
export interface Domain {
  readonly min?: number;
  readonly max?: number;
}

function clampTo(domain: Domain, v: number): number {
  return Math.min(domain.max ?? Infinity, Math.max(domain.min ?? -Infinity, v));
}

/**
 * @param series weekly values, oldest first; the last point is the latest complete week
 * @param deadline epoch ms the target should be met by
 * @param domain where the projection and its band stay (a straight line would leave it)
 */
export function forecast(series: readonly SeriesPoint[], target: Target | undefined, deadline: number, domain: Domain = {}): Forecast {
  const last = series[series.length - 1];
  const weeksLeft = last === undefined ? 0 : Math.max(0, (deadline - (last.week + WEEK_MS)) / WEEK_MS);
  const none = {
    projected: null,
    current: null,
    low: null,
    high: null,
    trendPerWeek: null,
    neededPerWeek: null,
    weeksLeft,
    reasonCode: 'none' as const,
  };
  if (!target) return { ...none, verdict: 'noTarget', reason: 'No target to forecast against.' };
  const trend = theilSen(series.map((p) => p.value));
  if (!trend) return { ...none, verdict: 'insufficientData', reason: 'Fewer than 3 weeks with data: no trend yet.' };
  const lastIndex = series.length - 1;
  const at = lastIndex + weeksLeft;
  const line = trend.intercept + trend.slope * at;
  const projected = clampTo(domain, line);
  const current = clampTo(domain, trend.intercept + trend.slope * lastIndex);
  const low = clampTo(domain, line - trend.spread);
  const high = clampTo(domain, line + trend.spread);
  const latest = [...series].reverse().find((p) => p.value !== null)!.value!;
  const atTarget = meetsTarget(latest, target);
  const g = goal(target);
  // The pace from the latest value; nothing is "needed" from a KPI that already meets its target.
  const neededPerWeek = g === undefined || weeksLeft <= 0 || atTarget ? null : (g.value - latest) / weeksLeft;
  const bandMeets = [low, high].map((v) => meetsTarget(v, target));
  const verdict: Verdict = bandMeets.every(Boolean) ? 'likelyMet' : bandMeets.some(Boolean) ? 'uncertain' : 'unlikely';
  const trendText = `trending ${signed(trend.slope)}/week`;
  const reasonCode = atTarget ? 'atTarget' : neededPerWeek !== null ? 'needs' : 'projected';
  const reason =
    reasonCode === 'atTarget'
      ? `At the target now; ${trendText}.`
      : reasonCode === 'needs'
        ? `Needs ${signed(neededPerWeek!)}/week, ${trendText}.`
        : `Projected ${Math.round(projected * 100) / 100} at the deadline, ${trendText}.`;
  return { projected, current, low, high, trendPerWeek: trend.slope, neededPerWeek, weeksLeft, reasonCode, verdict, reason };
}
