// What a metric computes and where the number came from.
import type { Pattern } from '../text/patterns';
import type { Text } from '../text/translatable';
import type { History } from '../history';
import type { Population } from './population';
import type { TimeWindow } from '../time/window';

export interface Provenance {
  /** The git invocations that produced the history this value was computed from. */
  readonly commands: readonly string[];
  readonly window: { readonly start: string; readonly end: string };
  /** Ids of the commits the value counted. */
  readonly commits: readonly string[];
}

export interface MetricValue {
  /** null when the window holds nothing to measure ("no data", never zero by default). */
  readonly value: number | null;
  /** With a null value: why there is none, when the history says more than "nothing in the window". */
  readonly why?: Text;
  /** Something about the value a reader should know (a release that dominates the samples). */
  readonly note?: Text;
  /** How many events the value was computed from. */
  readonly sampleSize: number;
  /** Ids of the commits counted. */
  readonly commits: readonly string[];
  /** Extra figures worth showing (p75 beside a median, for example). */
  readonly details?: Readonly<Record<string, number | null>>;
}

export interface MetricSettings {
  readonly fixPatterns?: readonly Pattern[];
  readonly excludePaths?: readonly Pattern[];
  readonly releaseTagPattern?: string | readonly string[];
  readonly releaseTagExclude?: readonly string[];
}

export interface MetricContext {
  readonly history: History;
  readonly window: TimeWindow;
  /** Bots and identities; defaults to the default population of `history`. */
  readonly population?: Population;
  readonly settings?: MetricSettings;
}

export interface MetricDefinition {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  /** Which direction is usually better, for suggestions and defaults only. */
  readonly better: 'higher' | 'lower';
  /** Speed KPIs need a quality guardrail (SMART check); activity metrics describe, not judge. */
  readonly category: 'speed' | 'quality' | 'activity';
  /**
   * The git work it needs: every metric reads the headers (ids, parents, people, dates,
   * messages) of the whole history; 'lineCounts' also reads numstat, but only for the
   * commits its windows count (see src/core/evaluation/plan.ts).
   */
  readonly reads: 'headers' | 'lineCounts';
  /**
   * Commits beyond the line-count spans whose files it reads, for the windows it is measured
   * over (the change failure rate's patch-release evidence); a superset is fine.
   */
  readonly filesRead?: (
    history: History,
    windows: readonly TimeWindow[],
    settings: Pick<MetricSettings, 'releaseTagPattern' | 'releaseTagExclude'>,
  ) => Iterable<string>;
  /** `author`: counts commits by author date, so work not landed yet is missing from recent weeks. */
  readonly dated?: 'author';
  compute(ctx: MetricContext): MetricValue;
}
