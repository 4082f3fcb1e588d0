// The kpi.json model: what a team writes, after validation. Plain data, no behaviour.

export const METRIC_IDS = [
  'commitFrequency',
  'activeContributors',
  'codingDays',
  'integrationFrequency',
  'changeSize',
  'fixShare',
  'revertRate',
  'bugFixTurnaround',
  'reviewCoverage',
] as const;
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
  /** Regular expressions (case-insensitive) for bot authors; replaces the defaults. */
  readonly botPatterns?: readonly string[];
  /** Regular expressions that mark a commit as a fix; replaces the defaults. */
  readonly fixPatterns?: readonly string[];
  /** Canonical email → other emails or names of the same person. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** Globs of paths left out of line counts (lock files, generated and vendored code). */
  readonly excludePaths?: readonly string[];
  /** Glob of release tags (default `v*`). */
  readonly releaseTagPattern?: string;
}

export interface KpiConfig {
  readonly objectives: readonly Objective[];
  readonly repository: RepositorySettings;
}

/** `noTarget`: measured, but there is nothing to compare with. */
export type Status = 'met' | 'atRisk' | 'offTrack' | 'noData' | 'noTarget';
