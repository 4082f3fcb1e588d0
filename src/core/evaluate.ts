// Turns kpi.json plus parsed history into plain results for every view. `now` is injected.
import { breakdownByPerson, type PersonShare } from './breakdown';
import { indexByHash, type Commit, type History } from './history';
import { METRICS } from './metrics/registry';
import type { MetricContext, MetricSettings, Provenance } from './metrics/types';
import { globToRegExp } from './classify';
import { dataQuality, type DataQuality } from './dataQuality';
import { compilePatterns, population } from './population';
import type { KpiConfig, KpiDefinition, MetricId, Status, Target } from './model';
import { statusOf } from './status';
import { DEFAULT_WINDOW, windowDates, windowEndingAt } from './window';

export interface KpiResult {
  readonly id: string;
  readonly name: string;
  readonly objectiveId: string;
  readonly metric: MetricId;
  readonly metricTitle: string;
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
  readonly status: Status;
  readonly windowLabel: string;
  readonly sampleSize: number;
  readonly details: Readonly<Record<string, number | null>>;
  readonly provenance: Provenance;
  /** Only when asked for (a setting): whose commits were counted, sorted by name. */
  readonly people?: readonly PersonShare[];
}

export interface EvaluateOptions {
  /** Include the per-person breakdown. Off by default: metrics are team-level. */
  readonly perPerson?: boolean;
}

export interface ObjectiveResult {
  readonly id: string;
  readonly name: string;
  readonly kpis: readonly KpiResult[];
}

export interface Evaluation {
  readonly now: string;
  readonly head: string | null;
  readonly shallow: boolean;
  readonly commitCount: number;
  readonly dataQuality: DataQuality;
  readonly objectives: readonly ObjectiveResult[];
}

export function evaluate(config: KpiConfig, history: History, now: Date, options: EvaluateOptions = {}): Evaluation {
  const repo = config.repository;
  const pop = population(history, {
    ...(repo.botPatterns ? { botPatterns: repo.botPatterns } : {}),
    ...(repo.aliases ? { aliases: repo.aliases } : {}),
  });
  const settings: MetricSettings = {
    ...(repo.fixPatterns ? { fixPatterns: compilePatterns(repo.fixPatterns) } : {}),
    ...(repo.excludePaths ? { excludePaths: repo.excludePaths.map(globToRegExp) } : {}),
  };
  const ctx = { history, population: pop, settings };
  let index: Map<string, Commit> | undefined;
  const byHash = (): Map<string, Commit> => (index ??= indexByHash(history));
  return {
    now: now.toISOString(),
    head: history.head,
    shallow: history.shallow,
    commitCount: history.commits.length,
    dataQuality: dataQuality(history, pop, now, repo.releaseTagPattern),
    objectives: config.objectives.map((o) => ({
      id: o.id,
      name: o.name,
      kpis: o.kpis.map((k) => {
        const result = evaluateKpi(k, o.id, ctx, now);
        if (!options.perPerson) return result;
        return { ...result, people: breakdownByPerson(result.provenance.commits, byHash(), pop) };
      }),
    })),
  };
}

function evaluateKpi(kpi: KpiDefinition, objectiveId: string, ctx: Omit<MetricContext, 'window'>, now: Date): KpiResult {
  const history = ctx.history;
  const metric = METRICS[kpi.metric];
  const windowLabel = kpi.window ?? DEFAULT_WINDOW;
  const window = windowEndingAt(now, windowLabel);
  const result = metric.compute({ ...ctx, window });
  return {
    id: kpi.id,
    name: kpi.name,
    objectiveId,
    metric: kpi.metric,
    metricTitle: metric.title,
    value: result.value,
    unit: kpi.unit ?? metric.unit,
    ...(kpi.target ? { target: kpi.target } : {}),
    status: statusOf(result.value, kpi.target),
    windowLabel,
    sampleSize: result.sampleSize,
    details: result.details ?? {},
    provenance: {
      commands: history.commands,
      window: windowDates(window),
      commits: result.commits,
    },
  };
}

/** Every KPI of an evaluation, in file order. */
export function allKpis(e: Evaluation): KpiResult[] {
  return e.objectives.flatMap((o) => [...o.kpis]);
}
