// The one pipeline every front end uses: kpi.json text + repository -> Evaluation.
// Shared by the extension and the CLI; it never imports `vscode`.
import { evaluate, type Evaluation } from './core/evaluate';
import type { History } from './core/history';
import { parseKpiFile, type ParseResult } from './core/kpiFile';
import { probeRepository, readLog } from './git/history';
import { GitRunner, type RunnerOptions } from './git/runner';

export type EngineResult =
  | { readonly kind: 'invalid'; readonly parse: ParseResult }
  | { readonly kind: 'ok'; readonly parse: ParseResult; readonly evaluation: Evaluation };

/** Reads history through one runner and keeps the last history by (branch, head). */
export class RepositoryReader {
  private readonly runner: GitRunner;
  private cached: { key: string; history: History } | undefined;

  constructor(readonly folder: string, options: RunnerOptions = {}) {
    this.runner = new GitRunner(folder, options);
  }

  async read(branch: string | undefined, signal?: AbortSignal): Promise<History> {
    const probe = await probeRepository(this.runner, {
      ...(branch !== undefined ? { branch } : {}),
      ...(signal ? { signal } : {}),
    });
    const key = `${branch ?? 'HEAD'}\0${probe.head ?? ''}\0${probe.shallow}`;
    if (this.cached?.key === key) return this.cached.history;
    const history = await readLog(this.runner, probe, signal);
    this.cached = { key, history };
    return history;
  }
}

/** Parses kpi.json; when it is usable, reads history and evaluates it at `now`. */
export async function runEngine(
  text: string,
  reader: RepositoryReader,
  now: Date,
  signal?: AbortSignal,
): Promise<EngineResult> {
  const parse = parseKpiFile(text);
  if (!parse.config) return { kind: 'invalid', parse };
  const history = await reader.read(parse.config.repository.mainBranch, signal);
  return { kind: 'ok', parse, evaluation: evaluate(parse.config, history, now) };
}
