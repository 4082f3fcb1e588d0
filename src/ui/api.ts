// The API returned by activate(): read-only, for tests and for other extensions.
import type { Status } from '../core/kpiJson/model';

export interface SnapshotKpi {
  readonly objective: string;
  readonly id: string;
  readonly name: string;
  readonly metric: string;
  readonly value: number | null;
  readonly unit: string;
  readonly status: Status;
  readonly commits: readonly string[];
  /** The forecast's verdict, when the KPI has a time frame and a target. */
  readonly forecast?: string;
}

export interface Snapshot {
  readonly folder: string;
  /** The commit the values were computed at (null for an empty repository). */
  readonly head?: string | null;
  readonly kpis: readonly SnapshotKpi[];
  /** Codes of the data-quality notes (shallow, bots, noReleaseTags, ...). */
  readonly dataQuality?: readonly string[];
  readonly error?: string;
}

export interface EngineeringKpisApi {
  /** Resolves when no refresh is queued or running. */
  whenIdle(): Promise<void>;
  snapshot(): Snapshot | undefined;
}
