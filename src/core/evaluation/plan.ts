// The git work a kpi.json needs beyond the headers of the whole history: the commits whose
// line counts some KPI reads. A metric says what it reads (MetricDefinition.reads); for a
// line-count metric, every window evaluateKpi measures it over (now, each trend week, the
// baseline) is a span of landings, and the commits those landings brought need numstat.
// Nothing outside those spans is diffed. Rules: docs/performance.md.
import { isMerge, landings, type History } from '../history';
import type { KpiConfig } from '../kpiJson/model';
import { METRICS } from '../metrics/registry';
import { measuredWindows } from './kpiEvaluation';

export interface ReadPlan {
  /**
   * Commits whose line counts the evaluation reads: non-merge commits brought by landings in a
   * span, and those a metric's filesRead names (a release and its follow-up patch release).
   */
  readonly lineCounts: ReadonlySet<string>;
  /** The [start, end) spans of landing time that line-count KPIs measure, merged, oldest first. */
  readonly spans: readonly { readonly start: number; readonly end: number }[];
}

/** What to read for `config` at `now`, given the headers of `history`. */
export function planReads(config: KpiConfig, history: History, now: Date): ReadPlan {
  const raw: { start: number; end: number }[] = [];
  const kpis = [...config.objectives.flatMap((o) => o.kpis.map((k) => ({ k, o }))), ...config.looseKpis.map((k) => ({ k, o: undefined }))];
  const ids = new Set<string>();
  for (const { k, o } of kpis) {
    const metric = k.metric === undefined ? undefined : METRICS[k.metric];
    if (!metric || (!metric.filesRead && metric.reads !== 'lineCounts')) continue;
    const windows = measuredWindows(k, o, now);
    if (metric.filesRead) for (const id of metric.filesRead(history, windows, config.repository)) ids.add(id);
    if (metric.reads === 'lineCounts') for (const w of windows) raw.push({ start: w.start, end: w.end });
  }
  const spans = merge(raw);
  if (spans.length === 0) return { lineCounts: ids, spans };
  const inSpan = (t: number): boolean => spans.some((s) => t >= s.start && t < s.end);
  // Every landing, bots included: a superset of what the metric counts, so the values equal
  // a full read whatever population settings say.
  for (const l of landings(history)) {
    if (!inSpan(l.commit.commitTime)) continue;
    for (const c of l.brought) if (!isMerge(c)) ids.add(c.hash);
  }
  return { lineCounts: ids, spans };
}

function merge(spans: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
