// The results of an evaluation, as every view and report reads them: plain data, no behaviour.
// Types only, so that any module can name them without importing the evaluation itself.
import type { Forecast, SeriesPoint } from '../forecast/forecast';
import type { Mode, ObjectiveType, Status, Target } from '../kpiJson/model';
import type { Provenance } from '../metrics/types';
import type { DataQuality } from './dataQuality';
import type { Progress } from './status';
import type { Text } from '../text/translatable';

export interface KpiResult {
  readonly id: string;
  readonly name: string;
  readonly objectiveId: string | null;
  readonly source: 'git' | 'manual';
  readonly metric: string;
  readonly metricTitle: string;
  readonly value: number | null;
  /** With no value: why, when the metric can tell (docs/metrics.md says when). */
  readonly why?: Text;
  /** With a value: what a reader should know about it (see MetricValue.note). */
  readonly note?: Text;
  readonly unit: string;
  readonly target?: Target;
  readonly status: Status;
  readonly windowLabel: string;
  readonly sampleSize: number;
  readonly details: Readonly<Record<string, number | null>>;
  readonly provenance: Provenance;
  /** Subjects of the first counted commits (same order as provenance.commits), for drill-down. */
  readonly commitSubjects: readonly string[];
  readonly baseline: number | null;
  /** First and last day of the objective's time frame. */
  readonly timeframe?: { readonly start: string; readonly end: string };
  readonly progress?: Progress;
  /** Value at the end of each ISO week, oldest first. */
  readonly series: readonly SeriesPoint[];
  readonly forecast?: Forecast;
  /** How often the target would have been met at the end of past weeks. */
  readonly attainability?: { readonly met: number; readonly of: number };
  /** OKR mode: 0..1 by progress from baseline to target. */
  readonly score?: number | null;
  readonly indicator?: 'leading' | 'lagging';
  readonly guardrail?: string;
  readonly owner?: string;
  readonly people?: readonly { readonly name: string; readonly commits: number }[];
  /** Values at past review snapshots, oldest first (with "reviewHistory"). */
  readonly reviews?: readonly { readonly date: string; readonly value: number | null }[];
}

export interface ObjectiveResult {
  readonly id: string;
  readonly name: string;
  readonly type?: ObjectiveType;
  readonly mode: Mode;
  readonly owner?: string;
  readonly timeframe?: { readonly start: string; readonly end: string };
  /** The next review checkpoint (YYYY-MM-DD), when a cadence or dates are set. */
  readonly nextReview?: string;
  /** OKR mode: mean of the key results' scores, and whether it reaches 0.7. */
  readonly score?: number | null;
  readonly success?: boolean;
  readonly kpis: readonly KpiResult[];
}

/** A speed KPI improving while its quality guardrail worsens: both are flagged. */
export interface GuardrailAlert {
  readonly kpi: string;
  readonly guardrail: string;
  readonly message: string;
}

export interface Evaluation {
  readonly now: string;
  readonly head: string | null;
  readonly shallow: boolean;
  readonly commitCount: number;
  readonly dataQuality: DataQuality;
  readonly objectives: readonly ObjectiveResult[];
  /** KPIs outside any objective. */
  readonly looseKpis: readonly KpiResult[];
  readonly guardrailAlerts: readonly GuardrailAlert[];
}
