// Compares a value with its target. Rules: docs/status.md.
import type { Status, Target } from '../kpiJson/model';

/** Default "at risk" band for ongoing thresholds: this share of the threshold (or of a range's width). */
export const DEFAULT_WARNING_SHARE = 0.1;
/** Default gaps for time-bound KPIs, as shares of the distance from baseline to target. */
export const ON_TRACK_GAP = 0.165;
export const AT_RISK_GAP = 0.33;

/** Better statuses rank higher; used for monotonicity and summaries. */
export const STATUS_RANK: Readonly<Record<Status, number>> = { noData: -1, noTarget: -1, offTrack: 0, atRisk: 1, onTrack: 2, met: 3 };

export function bounds(target: Target): { lo: number; hi: number } {
  const a = target.min ?? -Infinity;
  const b = target.max ?? Infinity;
  return { lo: Math.min(a, b), hi: Math.max(a, b) };
}

/** Whether `higher` values are better for this target; undefined for a range. */
export function higherIsBetter(target: Target): boolean | undefined {
  switch (target.direction) {
    case 'atLeast':
    case 'increaseTo':
      return true;
    case 'atMost':
    case 'decreaseTo':
      return false;
    case 'range':
      return undefined;
  }
}

/** A target to reach by the deadline (increaseTo, decreaseTo), not a limit to hold (atLeast, atMost, range). */
export function isGoal(target: Target): boolean {
  return target.direction === 'increaseTo' || target.direction === 'decreaseTo';
}

/**
 * Inside a time frame, a status better than `atRisk` ('met', 'onTrack') with a forecast that
 * the target is unlikely by the deadline is `atRisk`: the status never contradicts the forecast.
 */
export function withForecast(status: Status, verdict: string | undefined): Status {
  return verdict === 'unlikely' && STATUS_RANK[status] > STATUS_RANK.atRisk ? 'atRisk' : status;
}

export function meetsTarget(value: number, target: Target): boolean {
  if (target.direction === 'range') {
    const { lo, hi } = bounds(target);
    return value >= lo && value <= hi;
  }
  const t = target.value ?? 0;
  return higherIsBetter(target) ? value >= t : value <= t;
}

/** Ongoing threshold: met, at risk (inside the warning band), off track. */
export function statusOf(value: number | null, target: Target | undefined): Status {
  if (value === null || !Number.isFinite(value)) return 'noData';
  if (!target) return 'noTarget';
  if (meetsTarget(value, target)) return 'met';
  if (target.direction === 'range') {
    const { lo, hi } = bounds(target);
    const band = target.warning ?? (Number.isFinite(hi - lo) ? (hi - lo) * DEFAULT_WARNING_SHARE : 0);
    return value >= lo - band && value <= hi + band ? 'atRisk' : 'offTrack';
  }
  const t = target.value ?? 0;
  const band = target.warning ?? Math.abs(t) * DEFAULT_WARNING_SHARE;
  const shortfall = higherIsBetter(target) ? t - value : value - t;
  return shortfall <= band ? 'atRisk' : 'offTrack';
}

export interface Progress {
  /** Share of the way from baseline to target, 0 at the baseline, 1 at the target. */
  readonly actual: number;
  /** Share of the time frame elapsed, 0..1. */
  readonly expected: number;
  /** The value a linear plan would expect now. */
  readonly expectedValue: number;
}

/**
 * Time-bound KPI inside its time frame: met when the target is already met; otherwise
 * compare progress from baseline with the share of time elapsed. With a warning band, the
 * band is measured from the planned value; without, the default gaps apply.
 */
export function progressStatus(
  value: number | null,
  target: Target | undefined,
  baseline: number | null,
  elapsed: number,
): { status: Status; progress?: Progress } {
  if (value === null || !Number.isFinite(value)) return { status: 'noData' };
  if (!target) return { status: 'noTarget' };
  if (meetsTarget(value, target)) return { status: 'met' };
  const up = higherIsBetter(target);
  // A plan needs a distance to cover: with no baseline, a range, or a baseline that already
  // meets the target, the KPI is judged as an ongoing threshold instead.
  if (up === undefined || baseline === null || target.value === undefined || meetsTarget(baseline, target)) {
    return { status: statusOf(value, target) };
  }
  const expected = Math.min(1, Math.max(0, elapsed));
  const distance = target.value - baseline;
  const actual = (value - baseline) / distance;
  const expectedValue = baseline + distance * expected;
  const progress = { actual, expected, expectedValue };
  // A limit (atLeast, atMost) holds on every day of the time frame: a value outside it is
  // at risk or off track on day 0 as on the last day. Only a goal (increaseTo, decreaseTo)
  // is judged against the plan.
  if (!isGoal(target)) return { status: statusOf(value, target), progress };
  if (target.warning !== undefined) {
    const behind = up ? expectedValue - value : value - expectedValue;
    return { status: behind <= 0 ? 'onTrack' : behind <= target.warning ? 'atRisk' : 'offTrack', progress };
  }
  const gap = expected - actual;
  return { status: gap <= ON_TRACK_GAP ? 'onTrack' : gap <= AT_RISK_GAP ? 'atRisk' : 'offTrack', progress };
}
