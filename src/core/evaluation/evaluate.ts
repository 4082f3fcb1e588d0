// Turns kpi.json plus parsed history into plain results for every view. `now` is injected.
import { breakdownByPerson } from './breakdown';
import { nextReview, timeframeBounds } from '../time/calendar';
import { dataQuality } from './dataQuality';
import { indexByHash, type Commit, type FileProblem, type History } from '../history';
import { evaluateKpi, improvement, type KpiInputs } from './kpiEvaluation';
import type { ManualValues } from './manual';
import { reviewsOf, type Snapshot } from './reviewHistory';
import type { MetricSettings } from '../metrics/types';
import type { KpiConfig, Objective } from '../kpiJson/model';
import { OKR_SUCCESS, objectiveScore } from './okr';
import { population } from '../metrics/population';
import { releaseRuleOf } from '../metrics/delivery';
import { compileGlob, compileRegexes, type Pattern } from '../text/patterns';
import type { Evaluation, GuardrailAlert, KpiResult, ObjectiveResult } from './types';
import { dayRange } from '../time/units';

export interface EvaluateOptions {
  /** Include the per-person breakdown. Off by default: metrics are team-level. */
  readonly perPerson?: boolean;
  /** Recorded values of manual KPIs. */
  readonly manual?: ManualValues;
  /** Past review snapshots (.kpi/history.jsonl). */
  readonly snapshots?: readonly Snapshot[];
  /** Repository files the engine refused to read (a `.kpi` that is a file, a symlink). */
  readonly fileProblems?: readonly FileProblem[];
}

export function evaluate(config: KpiConfig, history: History, now: Date, options: EvaluateOptions = {}): Evaluation {
  const repo = config.repository;
  const pop = population(history, {
    ...(repo.botPatterns ? { botPatterns: repo.botPatterns } : {}),
    ...(repo.aliases ? { aliases: repo.aliases } : {}),
  });
  const settings: MetricSettings = {
    ...(repo.fixPatterns ? { fixPatterns: compileRegexes(repo.fixPatterns) } : {}),
    ...(repo.excludePaths ? { excludePaths: compileGlobs(repo.excludePaths) } : {}),
    ...(repo.releaseTagPattern ? { releaseTagPattern: repo.releaseTagPattern } : {}),
    ...(repo.releaseTagExclude ? { releaseTagExclude: repo.releaseTagExclude } : {}),
  };
  const inputs: KpiInputs = { ctx: { history, population: pop, settings }, manual: options.manual, now };
  let index: Map<string, Commit> | undefined;
  const withExtras = (r: KpiResult): KpiResult => {
    const reviews = options.snapshots ? reviewsOf(r.id, options.snapshots).map((s) => ({ date: s.date, value: s.value })) : [];
    return {
      ...r,
      ...(reviews.length > 0 ? { reviews } : {}),
      ...(options.perPerson && r.source === 'git'
        ? { people: breakdownByPerson(r.provenance.commits, (index ??= indexByHash(history)), pop) }
        : {}),
    };
  };
  const objectives = config.objectives.map((o) =>
    objectiveResult(
      o,
      o.kpis.map((k) => withExtras(evaluateKpi(k, o, inputs))),
      now,
    ),
  );
  const looseKpis = config.looseKpis.map((k) => withExtras(evaluateKpi(k, undefined, inputs)));
  return {
    now: now.toISOString(),
    head: history.head,
    shallow: history.shallow,
    commitCount: history.commits.length,
    dataQuality: dataQuality(history, pop, now, releaseRuleOf(repo), options.fileProblems, settings.fixPatterns),
    objectives,
    looseKpis,
    guardrailAlerts: guardrailAlerts([...objectives.flatMap((o) => o.kpis), ...looseKpis]),
  };
}

function objectiveResult(o: Objective, kpis: KpiResult[], now: Date): ObjectiveResult {
  const tf = o.timeframe ? timeframeBounds(o.timeframe) : undefined;
  const review = o.review ? nextReview(o.review, o.timeframe, now) : undefined;
  const score = o.mode === 'okr' ? objectiveScore(kpis.map((k) => k.score ?? null)) : undefined;
  const out: ObjectiveResult = {
    id: o.id,
    name: o.name,
    mode: o.mode,
    kpis,
    ...(o.type ? { type: o.type } : {}),
    ...(o.owner ? { owner: o.owner } : {}),
    ...(tf ? { timeframe: dayRange(tf) } : {}),
    ...(review ? { nextReview: review } : {}),
    ...(score !== undefined ? { score, success: score !== null && score >= OKR_SUCCESS } : {}),
  };
  return out;
}

/** Improvement per week smaller than this counts as flat. */
const FLAT = 1e-9;

function guardrailAlerts(kpis: readonly KpiResult[]): GuardrailAlert[] {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const alerts: GuardrailAlert[] = [];
  for (const k of kpis) {
    const g = k.guardrail === undefined ? undefined : byId.get(k.guardrail);
    if (!g) continue;
    const speed = improvement(k);
    const quality = improvement(g);
    if (speed !== undefined && quality !== undefined && speed > FLAT && quality < -FLAT) {
      alerts.push({ kpi: k.id, guardrail: g.id, message: `${k.name} is improving while its guardrail ${g.name} is getting worse.` });
    }
  }
  return alerts;
}

/** Every KPI of an evaluation, in file order (loose KPIs last). */
export function allKpis(e: Evaluation): KpiResult[] {
  return [...e.objectives.flatMap((o) => [...o.kpis]), ...e.looseKpis];
}

/** Path globs that compile; the others are kpi.json errors, and exclude nothing here. */
function compileGlobs(globs: readonly string[]): Pattern[] {
  return globs.flatMap((g) => {
    const c = compileGlob(g);
    return 'pattern' in c ? [c.pattern] : [];
  });
}
