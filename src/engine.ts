// The one pipeline every front end uses: kpi.json text + repository -> Evaluation.
// Shared by the extension and the CLI; it never imports `vscode`.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REVIEW_HISTORY_FILE, parseSnapshots, snapshotLines, type Snapshot } from './core/evaluation/reviewHistory';
import { MANUAL_VALUES_FILE, parseManualValues, type ManualValues } from './core/evaluation/manual';
import type { KpiConfig } from './core/kpiJson/model';
import { evaluate, type EvaluateOptions, type Evaluation } from './core/evaluation/evaluate';
import type { History } from './core/history';
import { parseKpiFile, type ParseResult } from './core/kpiJson/parse';
import { probeRepository } from './git/history';
import { HistoryCache, type ReadMode } from './git/historyCache';
import { logArgs } from './git/logFormat';
import { GitRunner, type RunnerOptions } from './git/runner';

export type EngineResult =
  | { readonly kind: 'invalid'; readonly parse: ParseResult }
  | { readonly kind: 'ok'; readonly parse: ParseResult; readonly config: KpiConfig; readonly evaluation: Evaluation; readonly snapshots: readonly Snapshot[] };

export interface ReaderOptions extends RunnerOptions {
  /** Where the parsed history is persisted between sessions (optional). */
  readonly storageDir?: string;
}

/** Reads history through one runner, incrementally, through a cache per branch. */
export class RepositoryReader {
  private readonly runner: GitRunner;
  private readonly caches = new Map<string, HistoryCache>();
  /** How the last read was served, for the log. */
  lastMode: ReadMode | undefined;

  constructor(
    readonly folder: string,
    private readonly options: ReaderOptions = {},
  ) {
    this.runner = new GitRunner(folder, options);
  }

  async read(branch: string | undefined, signal?: AbortSignal): Promise<History> {
    const probe = await probeRepository(this.runner, {
      ...(branch !== undefined ? { branch } : {}),
      ...(signal ? { signal } : {}),
    });
    const base = { head: probe.head, shallow: probe.shallow, detached: probe.detached, tags: probe.tags };
    if (probe.head === null) return { ...base, commits: [], commands: probe.commands };
    const key = `${this.folder}\0${branch ?? 'HEAD'}`;
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new HistoryCache(this.runner, this.options.storageDir, key);
      this.caches.set(key, cache);
    }
    const log = await cache.read(probe.head, probe.shallow, signal, probe.mailmap, probe.boundary);
    this.lastMode = log.mode;
    // Provenance names the read the data is equal to, however it was served.
    return { ...base, commits: log.commits, commands: [...probe.commands, GitRunner.display(logArgs(probe.head))] };
  }
}

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
  const history = await reader.read(config.repository.mainBranch, signal);
  const hasManual = [...config.objectives.flatMap((o) => o.kpis), ...config.looseKpis].some((k) => k.manual);
  const manual = hasManual ? await readManualValues(reader.folder) : undefined;
  const snapshots = await readSnapshots(reader.folder);
  return {
    kind: 'ok',
    parse,
    config,
    snapshots,
    evaluation: evaluate(config, history, now, { ...options, ...(manual ? { manual } : {}), ...(snapshots.length > 0 ? { snapshots } : {}) }),
  };
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
export async function readManualValues(folder: string): Promise<ManualValues> {
  try {
    return parseManualValues(await readFile(join(folder, MANUAL_VALUES_FILE), 'utf8'));
  } catch {
    return parseManualValues('');
  }
}
