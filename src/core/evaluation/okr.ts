// OKR scoring: a key result scores 0.0–1.0 by progress from baseline to target; an
// objective scores the mean of its key results; 0.7 or more is success for aspirational goals.
import type { Target } from '../kpiJson/model';
import { bounds, meetsTarget } from './status';

export const OKR_SUCCESS = 0.7;

export function keyResultScore(value: number | null, target: Target | undefined, baseline: number | null): number | null {
  if (value === null || !target) return null;
  if (target.direction === 'range') {
    if (meetsTarget(value, target)) return 1;
    if (baseline === null) return 0;
    const { lo, hi } = bounds(target);
    const goal = value < lo ? lo : hi;
    return clamp01((value - baseline) / (goal - baseline));
  }
  const t = target.value ?? 0;
  // Without a distance from baseline to target (none, or already met at the start), the
  // key result scores 1 when met and 0 when not.
  if (baseline === null || meetsTarget(baseline, target)) return meetsTarget(value, target) ? 1 : 0;
  return clamp01((value - baseline) / (t - baseline));
}

export function objectiveScore(scores: readonly (number | null)[]): number | null {
  const known = scores.filter((s): s is number => s !== null);
  if (known.length === 0) return null;
  return known.reduce((a, b) => a + b, 0) / known.length;
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
