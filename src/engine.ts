// The one pipeline every front end uses: kpi.json text + repository -> Evaluation.
// Shared by the extension and the CLI; it never imports `vscode`.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REVIEW_HISTORY_FILE, parseSnapshots, snapshotLines, type Snapshot } from './core/evaluation/reviewHistory';
import { MANUAL_VALUES_FILE, parseManualValues, type ManualValues } from './core/evaluation/manual';
import type { KpiConfig, MetricId } from './core/kpiJson/model';
import { METRICS } from './core/metrics/registry';
import { windowEndingAt } from './core/time/window';
import { evaluate, type EvaluateOptions } from './core/evaluation/evaluate';
import type { Evaluation } from './core/evaluation/types';
import { parseKpiFile, type ParseResult } from './core/kpiJson/parse';
import type { History } from './core/history';
import { planReads } from './core/evaluation/plan';
import type { RepositoryReader } from './git/reader';

export type EngineResult =
  | { readonly kind: 'invalid'; readonly parse: ParseResult }
  | {
      readonly kind: 'ok';
      readonly parse: ParseResult;
      readonly config: KpiConfig;
      readonly evaluation: Evaluation;
      readonly snapshots: readonly Snapshot[];
    };

/** Parses kpi.json; when it is usable, reads history and evaluates it at `now`. */
export async function runEngine(
  text: string,
  reader: RepositoryReader,
  now: Date,
  signal?: AbortSignal,
  options: EvaluateOptions = {},
): Promise<EngineResult> {
  const parse = parseKpiFile(text);
  if (!parse.config) return { kind: 'invalid', parse };
  const config = parse.config;
  const history = await readPlanned(reader, config, now, signal);
  const hasManual = [...config.objectives.flatMap((o) => o.kpis), ...config.looseKpis].some((k) => k.manual);
  const manual = hasManual ? await readManualValues(reader.folder) : undefined;
  const snapshots = await readSnapshots(reader.folder);
  return {
    kind: 'ok',
    parse,
    config,
    snapshots,
    evaluation: evaluate(config, history, now, {
      ...options,
      ...(manual ? { manual } : {}),
      ...(snapshots.length > 0 ? { snapshots } : {}),
    }),
  };
}

/**
 * The history `config` needs at `now`: headers of the whole history, then line counts only
 * for the commits a line-count KPI's windows count (planReads).
 */
export async function readPlanned(reader: RepositoryReader, config: KpiConfig, now: Date, signal?: AbortSignal): Promise<History> {
  const opts = {
    ...(config.repository.mainBranch !== undefined ? { branch: config.repository.mainBranch } : {}),
    ...(signal ? { signal } : {}),
  };
  const headers = await reader.read(opts);
  return reader.withLineCounts(headers, planReads(config, headers, now).lineCounts, opts);
}

/** A metric's value over a window ending at `now` (Add KPI's suggested target), read as a KPI of its own would be. */
export async function currentValue(reader: RepositoryReader, metric: MetricId, window: string, now: Date): Promise<number | null> {
  const kpi = { id: 'current', name: 'current', metric, window, path: [] };
  const config: KpiConfig = { objectives: [], looseKpis: [kpi], repository: {}, reviewHistory: false };
  const history = await readPlanned(reader, config, now);
  return METRICS[metric].compute({ history, window: windowEndingAt(now, window) }).value;
}

/** Review snapshots from `.kpi/history.jsonl`, or none when the file does not exist. */
export async function readSnapshots(folder: string): Promise<Snapshot[]> {
  try {
    return parseSnapshots(await readFile(join(folder, REVIEW_HISTORY_FILE), 'utf8'));
  } catch {
    return [];
  }
}

/** Appends snapshots to `.kpi/history.jsonl`, creating the folder when needed. */
export async function appendSnapshots(folder: string, snapshots: readonly Snapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  const file = join(folder, REVIEW_HISTORY_FILE);
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, snapshotLines(snapshots));
}

/** `.kpi/values.jsonl` of the repository, or no values when it does not exist yet. */
async function readManualValues(folder: string): Promise<ManualValues> {
  try {
    return parseManualValues(await readFile(join(folder, MANUAL_VALUES_FILE), 'utf8'));
  } catch {
    return parseManualValues('');
  }
}
