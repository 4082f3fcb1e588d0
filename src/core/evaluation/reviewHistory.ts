// Review snapshots: with `"reviewHistory": true` in kpi.json, every KPI's value is appended
// to `.kpi/history.jsonl` at each review checkpoint (or on demand). The file lives in the
// repository, so past values survive history rewrites and the team sees progress from
// review to review.
import { previousReview } from '../time/calendar';
import type { Evaluation, KpiResult } from './types';
import type { KpiConfig, Status } from '../kpiJson/model';
import { isoDate } from '../time/units';

export const REVIEW_HISTORY_FILE = '.kpi/history.jsonl';

export interface Snapshot {
  /** YYYY-MM-DD the snapshot was taken. */
  readonly date: string;
  readonly kpi: string;
  readonly value: number | null;
  readonly unit: string;
  readonly status: Status;
  /** The review checkpoint it belongs to, or "manual" for an on-demand snapshot. */
  readonly review: string;
  /** The commit the value was computed at. */
  readonly head: string | null;
}

const MAX_LINES = 200_000;

export function parseSnapshots(text: string): Snapshot[] {
  const out: Snapshot[] = [];
  for (const line of text.split(/\r?\n/).slice(0, MAX_LINES)) {
    if (line.trim() === '') continue;
    try {
      const s = JSON.parse(line) as Partial<Snapshot>;
      if (
        typeof s.date === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(s.date) &&
        typeof s.kpi === 'string' &&
        (typeof s.value === 'number' || s.value === null) &&
        typeof s.review === 'string'
      ) {
        out.push({
          date: s.date,
          kpi: s.kpi,
          value: s.value,
          unit: typeof s.unit === 'string' ? s.unit : '',
          status: (typeof s.status === 'string' ? s.status : 'noData') as Status,
          review: s.review,
          head: typeof s.head === 'string' ? s.head : null,
        });
      }
    } catch {
      // A hand-edited line that does not parse is skipped, never fatal.
    }
  }
  return out;
}

function snapshotOf(k: KpiResult, e: Evaluation, date: string, review: string): Snapshot {
  return { date, kpi: k.id, value: k.value, unit: k.unit, status: k.status, review, head: e.head };
}

/**
 * Snapshots owed now: for each objective with a review cadence, the latest checkpoint on or
 * before today, for every KPI that has no snapshot for that checkpoint yet.
 */
export function dueSnapshots(config: KpiConfig, evaluation: Evaluation, existing: readonly Snapshot[], now: Date): Snapshot[] {
  const today = isoDate(now.getTime());
  const taken = new Set(existing.map((s) => `${s.kpi}\0${s.review}`));
  const out: Snapshot[] = [];
  for (const o of config.objectives) {
    if (!o.review) continue;
    const checkpoint = previousReview(o.review, o.timeframe, now);
    if (!checkpoint) continue;
    const result = evaluation.objectives.find((r) => r.id === o.id);
    for (const k of result?.kpis ?? []) {
      if (!taken.has(`${k.id}\0${checkpoint}`)) out.push(snapshotOf(k, evaluation, today, checkpoint));
    }
  }
  return out;
}

/** An on-demand snapshot of every KPI. */
export function snapshotAll(evaluation: Evaluation, now: Date): Snapshot[] {
  const today = isoDate(now.getTime());
  return [...evaluation.objectives.flatMap((o) => o.kpis), ...evaluation.looseKpis].map((k) => snapshotOf(k, evaluation, today, 'manual'));
}

export function snapshotLines(snapshots: readonly Snapshot[]): string {
  return snapshots.map((s) => `${JSON.stringify(s)}\n`).join('');
}

/**
 * Past snapshots of one KPI, oldest first, for "progress from review to review". Two
 * snapshots of the same checkpoint (two windows that both took it, or a file merged from two
 * branches) are one: the later line wins. On-demand snapshots are one per day.
 */
export function reviewsOf(kpi: string, snapshots: readonly Snapshot[]): Snapshot[] {
  const byCheckpoint = new Map<string, Snapshot>();
  for (const s of snapshots) {
    if (s.kpi !== kpi) continue;
    byCheckpoint.set(s.review === 'manual' ? `manual\0${s.date}` : s.review, s);
  }
  return [...byCheckpoint.values()].sort((a, b) => a.date.localeCompare(b.date) || a.review.localeCompare(b.review));
}
