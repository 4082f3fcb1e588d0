// Compares a value with its target. Rules: docs/status.md.
import type { Status, Target } from './model';

/** Default "at risk" band: this share of the threshold (or of the range's width). */
export const DEFAULT_WARNING_SHARE = 0.1;

export function statusOf(value: number | null, target: Target | undefined): Status {
  if (value === null || !Number.isFinite(value)) return 'noData';
  if (!target) return 'noTarget';
  switch (target.direction) {
    case 'atLeast':
    case 'increaseTo': {
      const t = target.value ?? 0;
      if (value >= t) return 'met';
      return value >= t - warningBand(target, t) ? 'atRisk' : 'offTrack';
    }
    case 'atMost':
    case 'decreaseTo': {
      const t = target.value ?? 0;
      if (value <= t) return 'met';
      return value <= t + warningBand(target, t) ? 'atRisk' : 'offTrack';
    }
    case 'range': {
      const lo = Math.min(target.min ?? -Infinity, target.max ?? Infinity);
      const hi = Math.max(target.min ?? -Infinity, target.max ?? Infinity);
      if (value >= lo && value <= hi) return 'met';
      const band = target.warning ?? (Number.isFinite(hi - lo) ? (hi - lo) * DEFAULT_WARNING_SHARE : 0);
      return value >= lo - band && value <= hi + band ? 'atRisk' : 'offTrack';
    }
  }
}

function warningBand(target: Target, threshold: number): number {
  return target.warning ?? Math.abs(threshold) * DEFAULT_WARNING_SHARE;
}
