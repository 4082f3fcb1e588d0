// The messages between the extension host and the engine worker (src/worker/engineWorker.ts).
// Plain data only: they cross the thread boundary by structured clone.
import type { Snapshot } from '../core/evaluation/reviewHistory';
import type { Evaluation } from '../core/evaluation/types';
import type { KpiConfig, MetricId, RepositorySettings } from '../core/kpiJson/model';
import type { Problem } from '../core/kpiJson/parse';
import type { GitErrorKind } from '../git/errors';

/** Which repository, and how to read it; one reader (and cache) per distinct value in the worker. */
export interface ReaderSpec {
  readonly folder: string;
  readonly timeoutMs: number;
  readonly storageDir?: string;
}

export type ToWorker =
  | {
      readonly type: 'run';
      readonly id: number;
      readonly reader: ReaderSpec;
      readonly text: string;
      readonly now: number;
      readonly perPerson: boolean;
    }
  | {
      readonly type: 'currentValue';
      readonly id: number;
      readonly reader: ReaderSpec;
      readonly metric: MetricId;
      readonly window: string;
      readonly now: number;
      /** kpi.json's `repository` settings, under which the value is computed. */
      readonly repository: RepositorySettings;
    }
  | { readonly type: 'cancel'; readonly id: number };

/** What a run gives back: the engine's result without the parse tree (the caller parses kpi.json itself when it needs one). */
export type RunResult =
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] }
  | {
      readonly kind: 'ok';
      readonly problems: readonly Problem[];
      readonly config: KpiConfig;
      readonly evaluation: Evaluation;
      readonly snapshots: readonly Snapshot[];
      /** How the history was served (cached, incremental, full), for the log. */
      readonly mode: string;
    };

export type FromWorker =
  | { readonly type: 'run'; readonly id: number; readonly result: RunResult }
  | { readonly type: 'currentValue'; readonly id: number; readonly value: number | null }
  | { readonly type: 'error'; readonly id: number; readonly kind: GitErrorKind | 'internal'; readonly message: string };
