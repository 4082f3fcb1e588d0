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
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
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
  /** Where the KPI started; default: the value before the time frame. */
  readonly baseline?: number;
  /** Absolute distance on the wrong side of the threshold that still counts as "at risk". */
  readonly warning?: number;
}

export type ObjectiveType = 'strategic' | 'operational' | 'functional';
export type Mode = 'kpi' | 'okr';
export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly';
export type Indicator = 'leading' | 'lagging';

export interface Timeframe {
  /** YYYY-MM-DD. */
  readonly start: string;
  readonly end?: string;
  /** `Nd`, `Nw`, `Nm`, `Nq` or `Ny`. */
  readonly duration?: string;
}

export type Review = Cadence | { readonly dates: readonly string[] };

/** Where a definition sits in kpi.json, as a jsonc-parser path (for ranges and edits). */
export type JsonPath = readonly (string | number)[];

export interface KpiDefinition {
  readonly id: string;
  readonly name: string;
  /** A git metric; absent for manual KPIs. */
  readonly metric?: MetricId;
  readonly manual?: boolean;
  readonly params?: { readonly statistic?: 'median' | 'p75' };
  readonly target?: Target;
  readonly unit?: string;
  /** Window such as `4w` (complete ISO weeks) or `30d` (rolling days). */
  readonly window?: string;
  readonly description?: string;
  readonly indicator?: Indicator;
  readonly owner?: string;
  /** Id of the quality KPI that balances this one. */
  readonly guardrail?: string;
  readonly path: JsonPath;
}

export interface Objective {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly type?: ObjectiveType;
  readonly mode: Mode;
  readonly timeframe?: Timeframe;
  readonly review?: Review;
  readonly owner?: string;
  readonly kpis: readonly KpiDefinition[];
  readonly path: JsonPath;
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
  /** Glob, or globs, of release tags (default `v*`). */
  readonly releaseTagPattern?: string | readonly string[];
  /** Globs of tags the pattern matches that are not releases; replaces the default (pre-releases, archive tags). */
  readonly releaseTagExclude?: readonly string[];
}

export interface KpiConfig {
  readonly objectives: readonly Objective[];
  /** KPIs outside any objective (allowed, with a SMART warning). */
  readonly looseKpis: readonly KpiDefinition[];
  readonly repository: RepositorySettings;
  /** Append review snapshots to .kpi/history.jsonl. */
  readonly reviewHistory: boolean;
}

/** `onTrack`: not met yet, but progressing as planned. `noTarget`: measured, nothing to compare with. */
export type Status = 'met' | 'onTrack' | 'atRisk' | 'offTrack' | 'noData' | 'noTarget';
