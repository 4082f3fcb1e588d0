// The kpi.json model: what a team writes, after validation. Plain data, no behaviour.

export const METRIC_IDS = ['commitFrequency', 'bugFixTurnaround'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export const DIRECTIONS = ['atLeast', 'atMost', 'increaseTo', 'decreaseTo', 'range'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface Target {
  readonly direction: Direction;
  /** The threshold; for `range`, use `min` and `max` instead. */
  readonly value?: number;
  readonly min?: number;
  readonly max?: number;
  /** Absolute distance on the wrong side of the threshold that still counts as "at risk". */
  readonly warning?: number;
}

export interface KpiDefinition {
  readonly id: string;
  readonly name: string;
  readonly metric: MetricId;
  readonly target?: Target;
  readonly unit?: string;
  /** Rolling window such as `4w` or `30d`. */
  readonly window?: string;
  readonly description?: string;
}

export interface Objective {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly kpis: readonly KpiDefinition[];
}

export interface RepositorySettings {
  readonly mainBranch?: string;
}

export interface KpiConfig {
  readonly objectives: readonly Objective[];
  readonly repository: RepositorySettings;
}

/** `noTarget`: measured, but there is nothing to compare with. */
export type Status = 'met' | 'atRisk' | 'offTrack' | 'noData' | 'noTarget';
