// Evaluates one KPI at `now`: value, baseline, weekly series, status, forecast,
// attainability, OKR score and leading-indicator pace. Rules: docs/status.md.
import { timeframeBounds } from '../time/calendar';
import { forecast as project, theilSen, type Domain, type SeriesPoint } from '../forecast/forecast';
import { indexByHash, subjectOf, type History } from '../history';
import type { ManualValues } from './manual';
import { METRICS } from '../metrics/registry';
import type { MetricContext, MetricValue, Provenance } from '../metrics/types';
import type { KpiDefinition, Objective, Status, Target } from '../kpiJson/model';
import { keyResultScore } from './okr';
import { seriesWeeks, weeklySeries } from '../forecast/series';
import { higherIsBetter, meetsTarget, progressStatus, statusOf, withForecast, type Progress } from './status';
import { DEFAULT_WINDOW, inWindow, parseWindow, windowDates, windowEndingAt, type TimeWindow } from '../time/window';
import type { KpiResult } from './types';
import { WEEK_MS, dayRange } from '../time/units';
import { memo } from '../metrics/memo';
import { population } from '../metrics/population';
import { provisionalSince } from './provisional';
import { text, type Text } from '../text/translatable';

/** Weeks of history the attainability check looks back over. */
export const ATTAINABILITY_WEEKS = 26;
/** Weeks the forecast's trend is fitted over. */
export const TREND_WEEKS = 12;

export interface KpiInputs {
  readonly ctx: Omit<MetricContext, 'window'>;
  readonly manual: ManualValues | undefined;
  readonly now: Date;
}

type Measure = (at: Date) => MetricValue;

function provisionalOf(inputs: KpiInputs): { since: number; days: number } | undefined {
  const pop = inputs.ctx.population ?? population(inputs.ctx.history);
  return provisionalSince(pop, inputs.ctx.history, inputs.now);
}

function stillFillingIn(days: number): Text {
  return text('Still filling in: work lands a median of {0} days after it is written, so recent weeks grow as it lands.', days);
}

function measureOf(kpi: KpiDefinition, inputs: KpiInputs, windowLabel: string): { measure: Measure; title: string; unit: string } {
  if (kpi.metric !== undefined) {
    const metric = METRICS[kpi.metric];
    const statistic = kpi.params?.statistic;
    return {
      title: metric.title,
      unit: metric.unit,
      measure: (at) => {
        const r = metric.compute({ ...inputs.ctx, window: windowEndingAt(at, windowLabel) });
        return statistic === 'p75' && r.details && 'p75' in r.details ? { ...r, value: r.details.p75 ?? null } : r;
      },
    };
  }
  const records = inputs.manual?.byKpi.get(kpi.id) ?? [];
  // Manual values are dated by day and entered as they come: the window is always the
  // rolling days ending now, so that a value recorded today counts today.
  const rolling = `${parseWindow(windowLabel) ?? 28}d`;
  return {
    title: 'Manual',
    unit: '',
    measure: (at) => {
      const w = windowEndingAt(at, rolling);
      const inside = records.filter((r) => inWindow(w, r.time));
      const last = inside[inside.length - 1];
      return { value: last?.value ?? null, sampleSize: inside.length, commits: [] };
    },
  };
}

/** When a KPI is measured: now, at the end of each trend week, and at the start of its time frame (the baseline). */
function instants(
  kpi: KpiDefinition,
  objective: Objective | undefined,
  now: Date,
): { tf?: { start: number; end: number }; weeks: number[]; baselineAt?: Date } {
  const tf = objective?.timeframe ? timeframeBounds(objective.timeframe) : undefined;
  const t = now.getTime();
  const from = Math.min(t - ATTAINABILITY_WEEKS * WEEK_MS, tf ? tf.start - (tf.end - tf.start) : t);
  const weeks = seriesWeeks(from, now, tf?.end);
  return { ...(tf ? { tf } : {}), weeks, ...(tf && kpi.target?.baseline === undefined ? { baselineAt: new Date(tf.start) } : {}) };
}

/** Every window evaluateKpi measures a git KPI over: the one at now, each trend week's, the baseline's. */
export function measuredWindows(kpi: KpiDefinition, objective: Objective | undefined, now: Date): TimeWindow[] {
  const label = kpi.window ?? DEFAULT_WINDOW;
  const { weeks, baselineAt } = instants(kpi, objective, now);
  const ats = [now, ...weeks.map((w) => new Date(w + WEEK_MS)), ...(baselineAt ? [baselineAt] : [])];
  return ats.map((at) => windowEndingAt(at, label));
}

export function evaluateKpi(kpi: KpiDefinition, objective: Objective | undefined, inputs: KpiInputs): KpiResult {
  const { now } = inputs;
  const windowLabel = kpi.window ?? DEFAULT_WINDOW;
  const measured = measureOf(kpi, inputs, windowLabel);
  const { title, unit } = measured;
  // A window that ends before the first commit present (a young repository, or a shallow
  // clone's boundary) has no data, not zero.
  const first = kpi.metric !== undefined ? firstCommitTime(inputs.ctx.history) : -Infinity;
  // A window that starts after the last commit (and the last release tag) has no data either:
  // "no commits since …" says more than a 0 that reads as "off track" (a stale checkout, a
  // repository nobody works in any more).
  const last = kpi.metric !== undefined ? lastActivityTime(inputs.ctx.history) : Infinity;
  const measure = (at: Date): MetricValue => {
    const w = windowEndingAt(at, windowLabel);
    if (w.end <= first) return { value: null, sampleSize: 0, commits: [] };
    if (last < w.start) return { value: null, sampleSize: 0, commits: [], why: noCommitsSince(last) };
    return measured.measure(at);
  };
  const current = measure(now);
  const value = current.value;
  const { tf, weeks, baselineAt } = instants(kpi, objective, now);
  const t = now.getTime();
  const late = kpi.metric !== undefined && METRICS[kpi.metric].dated === 'author' ? provisionalOf(inputs) : undefined;
  const series = weeklySeries(weeks, (at) => measure(at).value).map((p) =>
    late && p.week + WEEK_MS > late.since ? { ...p, provisional: true as const } : p,
  );
  const baseline = kpi.target?.baseline ?? (baselineAt ? measure(baselineAt).value : null);

  const forecast =
    tf && t < tf.end && kpi.target
      ? project(series.filter((p) => !p.provisional).slice(-TREND_WEEKS), kpi.target, tf.end, domainOf(kpi))
      : undefined;
  const { status, progress } = statusAt(value, kpi.target, baseline, tf, t, forecast?.verdict);
  const provenance: Provenance = {
    commands: kpi.metric !== undefined ? inputs.ctx.history.commands : ['.kpi/values.jsonl'],
    window: windowDates(windowEndingAt(now, kpi.metric !== undefined ? windowLabel : `${parseWindow(windowLabel) ?? 28}d`)),
    commits: current.commits,
  };
  return compactResult({
    id: kpi.id,
    name: kpi.name,
    objectiveId: objective?.id ?? null,
    source: kpi.metric !== undefined ? 'git' : 'manual',
    metric: kpi.metric ?? 'manual',
    metricTitle: title,
    value,
    why: value === null ? current.why : undefined,
    note: value === null ? undefined : late && windowEndingAt(now, windowLabel).end > late.since ? stillFillingIn(late.days) : current.note,
    unit: kpi.unit ?? unit,
    target: kpi.target,
    status,
    windowLabel,
    sampleSize: current.sampleSize,
    details: current.details ?? {},
    provenance,
    commitSubjects: subjectsOf(current.commits, inputs.ctx.history),
    baseline,
    timeframe: tf ? dayRange(tf) : undefined,
    progress,
    series,
    forecast,
    attainability: attainabilityOf(series, kpi.target),
    score: objective?.mode === 'okr' ? keyResultScore(value, kpi.target, baseline) : undefined,
    indicator: kpi.indicator,
    guardrail: kpi.guardrail,
    owner: kpi.owner,
    people: undefined,
    reviews: undefined,
  });
}

/** A git metric's values: 0 to 100 for a share, never below 0 for a count, a rate or a duration. Manual KPIs: unbounded. */
function domainOf(kpi: KpiDefinition): Domain {
  if (kpi.metric === undefined) return {};
  return METRICS[kpi.metric].unit === '%' ? { min: 0, max: 100 } : { min: 0 };
}

/**
 * Inside the time frame: progress against the plan, never better than the forecast allows;
 * after it: met or not; without one: the threshold (docs/status.md).
 */
function statusAt(
  value: number | null,
  target: Target | undefined,
  baseline: number | null,
  tf: { start: number; end: number } | undefined,
  t: number,
  verdict: string | undefined,
): { status: Status; progress?: Progress } {
  if (tf && t >= tf.start && t < tf.end) {
    const judged = progressStatus(value, target, baseline, (t - tf.start) / (tf.end - tf.start));
    return { ...judged, status: withForecast(judged.status, verdict) };
  }
  // The deadline has passed: the target was met or it was not.
  if (tf && t >= tf.end)
    return { status: value === null ? 'noData' : !target ? 'noTarget' : meetsTarget(value, target) ? 'met' : 'offTrack' };
  return { status: statusOf(value, target) };
}

/** How often the target would have been met at the end of the past weeks that have a value. */
function attainabilityOf(series: readonly SeriesPoint[], target: Target | undefined): { met: number; of: number } | undefined {
  const past = series.slice(-ATTAINABILITY_WEEKS).filter((p) => p.value !== null);
  return target && past.length > 0 ? { met: past.filter((p) => meetsTarget(p.value!, target)).length, of: past.length } : undefined;
}

/** How many counted commits carry their subject for the views. */
const MAX_SUBJECTS = 200;

function subjectsOf(ids: readonly string[], history: History): string[] {
  const index = indexByHash(history);
  return ids.slice(0, MAX_SUBJECTS).map((id) => {
    const c = index.get(id);
    return c ? subjectOf(c).slice(0, 200) : '';
  });
}

/** The earliest author or committer date in the history, once per history. */
const firstCommitTime = memo((history: History): number => {
  let min = Infinity;
  for (const c of history.commits) min = Math.min(min, c.authorTime, c.commitTime);
  return min;
});

/** The latest author, committer or release-tag date in the history, once per history. */
const lastActivityTime = memo((history: History): number => {
  let max = -Infinity;
  for (const c of history.commits) max = Math.max(max, c.authorTime, c.commitTime);
  for (const t of history.tags ?? []) max = Math.max(max, t.time);
  return max;
});

function noCommitsSince(last: number): Text {
  return text('No commits since {0}: the history ends before this window.', new Date(last).toISOString().slice(0, 10));
}

/** Weekly trend of a series in the KPI's better direction: >0 improving, <0 worsening. */
export function improvement(result: KpiResult, weeks = 8): number | undefined {
  if (!result.target) return undefined;
  const up = higherIsBetter(result.target);
  if (up === undefined) return undefined;
  const trend = theilSen(result.series.slice(-weeks).map((p) => p.value));
  if (!trend) return undefined;
  return up ? trend.slope : -trend.slope;
}

function compactResult(r: { [K in keyof KpiResult]-?: KpiResult[K] | undefined }): KpiResult {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
  return out as unknown as KpiResult;
}
