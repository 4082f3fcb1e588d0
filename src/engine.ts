// The one pipeline every front end uses: kpi.json text + repository -> Evaluation.
// Shared by the extension and the CLI; it never imports `vscode`.
import { REVIEW_HISTORY_FILE, parseSnapshots, snapshotLines, type Snapshot } from './core/evaluation/reviewHistory';
import { MANUAL_VALUES_FILE, parseManualValues } from './core/evaluation/manual';
import type { KpiConfig, MetricId, RepositorySettings } from './core/kpiJson/model';
import { evaluate, type EvaluateOptions } from './core/evaluation/evaluate';
import type { Evaluation } from './core/evaluation/types';
import { parseKpiFile, type ParseResult } from './core/kpiJson/parse';
import type { FileProblem, History } from './core/history';
import { LIMITS, RepoFileError, readRepoText, updateRepoText } from './files/repoFiles';
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
  const fileProblems: FileProblem[] = [];
  const manual = hasManual ? parseManualValues((await readState(reader.folder, MANUAL_VALUES_FILE, fileProblems)) ?? '') : undefined;
  const snapshotText = await readState(reader.folder, REVIEW_HISTORY_FILE, fileProblems);
  const snapshots = snapshotText === undefined ? [] : parseSnapshots(snapshotText);
  return {
    kind: 'ok',
    parse,
    config,
    snapshots,
    evaluation: evaluate(config, history, now, {
      ...options,
      ...(manual ? { manual } : {}),
      ...(snapshots.length > 0 ? { snapshots } : {}),
      ...(fileProblems.length > 0 ? { fileProblems } : {}),
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

/**
 * A metric's value over a window ending at `now` (Add KPI's suggested target), read and
 * evaluated as a KPI of its own would be under kpi.json's `repository` settings: the same
 * branch, bots, aliases, fix patterns, excluded paths and release tags.
 */
export async function currentValue(
  reader: RepositoryReader,
  metric: MetricId,
  window: string,
  now: Date,
  repository: RepositorySettings = {},
): Promise<number | null> {
  const kpi = { id: 'current', name: 'current', metric, window, path: [] };
  const config: KpiConfig = { objectives: [], looseKpis: [kpi], repository, reviewHistory: false };
  const history = await readPlanned(reader, config, now);
  return evaluate(config, history, now).looseKpis[0]?.value ?? null;
}

/**
 * A state file of ours in the repository (`.kpi/…`), or undefined when it does not exist. A
 * symlink, a `.kpi` that is a file, a device or an oversized file is not read: it becomes a
 * data-quality note instead, and the evaluation goes on without it.
 */
async function readState(folder: string, relPath: string, problems: FileProblem[]): Promise<string | undefined> {
  try {
    return await readRepoText(folder, relPath, LIMITS.state);
  } catch (e) {
    if (!(e instanceof RepoFileError)) throw e;
    problems.push(e.file);
    return undefined;
  }
}

/** Review snapshots from `.kpi/history.jsonl`; none when it does not exist or is refused. */
export async function readSnapshots(folder: string): Promise<Snapshot[]> {
  const text = await readState(folder, REVIEW_HISTORY_FILE, []);
  return text === undefined ? [] : parseSnapshots(text);
}

/**
 * Appends lines to one of our `.kpi/` files, creating it when needed: atomically, never
 * through a symlink, in the file's own encoding. Throws a RepoFileError with a clear message.
 */
async function appendLines(folder: string, relPath: string, lines: string): Promise<void> {
  await updateRepoText(
    folder,
    relPath,
    LIMITS.state,
    (before = '') => before + (before === '' || before.endsWith('\n') ? '' : '\n') + lines,
  );
}

/** Appends snapshots to `.kpi/history.jsonl`. */
export async function appendSnapshots(folder: string, snapshots: readonly Snapshot[]): Promise<void> {
  if (snapshots.length === 0) return;
  await appendLines(folder, REVIEW_HISTORY_FILE, snapshotLines(snapshots));
}

/** Appends a recorded value (one JSON line) to `.kpi/values.jsonl`. */
export async function appendManualValue(folder: string, line: string): Promise<void> {
  await appendLines(folder, MANUAL_VALUES_FILE, line);
}
