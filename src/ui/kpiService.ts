// Owns the current evaluation of the workspace: reads kpi.json, runs the engine, debounces
// refreshes (at most one queued), keeps the last good result while kpi.json is broken.
import * as vscode from 'vscode';
import type { Evaluation } from '../core/evaluation/types';
import type { MetricId, RepositorySettings } from '../core/kpiJson/model';
import { GitRunner } from '../git/runner';
import type { Problem } from '../core/kpiJson/parse';
import { parseKpiFile } from '../core/kpiJson/parse';
import { dueSnapshots, REVIEW_HISTORY_FILE } from '../core/evaluation/reviewHistory';
import { appendSnapshots } from '../engine';
import type { KpiConfig } from '../core/kpiJson/model';
import type { Snapshot } from '../core/evaluation/reviewHistory';
import { decodeKpiFile } from '../core/kpiJson/decode';
import { LIMITS, RepoFileError, readRepoFile } from '../files/repoFiles';
import { fileProblemText } from './presentation';
import { GitError } from '../git/errors';
import { EngineClient } from '../worker/engineClient';
import type { ReaderSpec } from '../worker/protocol';
import { KPI_FILE } from './ids';
import { Disposable, toDisposable } from './lifecycle';

export type ServiceState =
  | { readonly kind: 'noFolder' }
  | { readonly kind: 'noFile'; readonly folder: vscode.Uri }
  /** The first read of a folder's history is under way (later refreshes keep showing the last values). */
  | { readonly kind: 'loading'; readonly folder: vscode.Uri }
  | { readonly kind: 'untrusted'; readonly folder: vscode.Uri; readonly problems: readonly Problem[] }
  | { readonly kind: 'invalid'; readonly folder: vscode.Uri; readonly problems: readonly Problem[]; readonly lastGood?: Evaluation }
  | { readonly kind: 'error'; readonly folder: vscode.Uri; readonly message: string; readonly problems: readonly Problem[] }
  | {
      readonly kind: 'ready';
      readonly folder: vscode.Uri;
      readonly evaluation: Evaluation;
      readonly problems: readonly Problem[];
      /** Evaluated from the saved kpi.json (not from unsaved edits): only then are snapshots taken. */
      readonly saved: boolean;
    };

/** A first read shorter than this shows no notification, only the tree's "Reading" row. */
const PROGRESS_DELAY_MS = 1500;

export interface ServiceOptions {
  readonly now: () => Date;
  readonly delayMs: () => number;
  readonly gitTimeoutMs: () => number;
  readonly perPerson: () => boolean;
  readonly log: vscode.LogOutputChannel;
  /** The extension's workspace storage, where parsed history is kept between sessions. */
  readonly storageDir: string | undefined;
  /** The engine worker's script (dist/engineWorker.js). */
  readonly workerScript: string;
}

export class KpiService extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<ServiceState>());
  readonly onDidChange = this.changed.event;
  private current: ServiceState = { kind: 'noFolder' };
  private readonly engine: EngineClient;
  /** The repository the last run read: Add KPI's suggestions read the same one. */
  private reader: ReaderSpec | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private queued = false;
  private abort: AbortController | undefined;
  private idleWaiters: (() => void)[] = [];
  private readonly warned = new Set<string>();
  private runner: { readonly folder: string; readonly timeoutMs: number; readonly git: GitRunner } | undefined;

  constructor(private readonly options: ServiceOptions) {
    super();
    this.engine = new EngineClient(options.workerScript);
    this.register(toDisposable(() => this.engine.dispose()));
    this.register(
      toDisposable(() => {
        clearTimeout(this.timer);
        this.abort?.abort();
        this.idleWaiters.splice(0).forEach((w) => w());
      }),
    );
  }

  get state(): ServiceState {
    return this.current;
  }

  /** The folder whose kpi.json is shown: the first folder that has one, else the first folder. */
  async pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const f of folders) {
      if (await exists(vscode.Uri.joinPath(f.uri, KPI_FILE))) return f.uri;
    }
    return folders[0]?.uri;
  }

  /** Debounced: file-watcher storms (a rebase) collapse into one refresh. */
  requestRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refreshNow();
    }, this.options.delayMs());
  }

  /** Runs a refresh now, or queues exactly one after the running one. */
  refreshNow(): Promise<void> {
    if (this.running) {
      this.queued = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.queued) {
        this.queued = false;
        void this.refreshNow();
      } else if (!this.timer) {
        this.idleWaiters.splice(0).forEach((w) => w());
      }
    });
    return this.running;
  }

  /** A metric's current value over a window under kpi.json's repository settings, from the cached history (for suggested targets). */
  async currentValue(metric: MetricId, window: string, repository: RepositorySettings = {}): Promise<number | null> {
    if (!this.reader || !vscode.workspace.isTrusted) return null;
    try {
      return await this.engine.currentValue(this.reader, metric, window, this.options.now(), repository);
    } catch {
      return null;
    }
  }

  /**
   * A git runner for the folder the values come from (the views read one commit with it);
   * none in Restricted Mode. One per folder and timeout, so git's version is checked once,
   * not for every file of a commit's diff.
   */
  gitRunner(): GitRunner | undefined {
    const r = this.reader;
    if (!r || !vscode.workspace.isTrusted) return undefined;
    if (this.runner?.folder !== r.folder || this.runner.timeoutMs !== r.timeoutMs) {
      this.runner = { folder: r.folder, timeoutMs: r.timeoutMs, git: new GitRunner(r.folder, { timeoutMs: r.timeoutMs }) };
    }
    return this.runner.git;
  }

  whenIdle(): Promise<void> {
    if (!this.running && !this.timer && !this.queued) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    const folder = await this.pickFolder();
    if (!folder) return this.set({ kind: 'noFolder' });
    const source = await readKpiText(folder);
    if (source === undefined) return this.set({ kind: 'noFile', folder });
    if ('error' in source) return this.set({ kind: 'error', folder, message: source.error, problems: [] });
    const { text, saved } = source;
    if (!vscode.workspace.isTrusted) {
      // Parsing is safe; running git in an untrusted folder is not.
      return this.set({ kind: 'untrusted', folder, problems: parseKpiFile(text).problems });
    }
    const reader: ReaderSpec = {
      folder: folder.fsPath,
      timeoutMs: this.options.gitTimeoutMs(),
      ...(this.options.storageDir !== undefined ? { storageDir: this.options.storageDir } : {}),
    };
    this.reader = reader;
    const abort = (this.abort = new AbortController());
    const started = Date.now();
    const first = this.lastEvaluation(folder) === undefined;
    if (first) this.set({ kind: 'loading', folder });
    try {
      const running = this.engine.run(reader, text, this.options.now(), this.options.perPerson(), abort.signal);
      if (first) this.showProgress(running, abort);
      const result = await running;
      if (result.kind === 'invalid') {
        const lastGood = this.lastEvaluation(folder);
        return this.set({ kind: 'invalid', folder, problems: result.problems, ...(lastGood ? { lastGood } : {}) });
      }
      this.options.log.info(`Evaluated ${result.evaluation.commitCount} commits (${result.mode} read) in ${Date.now() - started} ms.`);
      this.set({ kind: 'ready', folder, evaluation: result.evaluation, problems: result.problems, saved });
      // A review snapshot records what the team agreed on: the saved kpi.json, never a draft.
      if (result.config.reviewHistory && saved) await this.saveDueSnapshots(folder, result);
    } catch (e) {
      const message =
        e instanceof GitError && e.kind === 'cancelled'
          ? vscode.l10n.t('Reading the git history was cancelled. Refresh to read it again.')
          : e instanceof GitError
            ? e.message
            : `Could not compute KPIs: ${String(e)}`;
      this.options.log.error(message);
      this.set({ kind: 'error', folder, message, problems: parseKpiFile(text).problems });
    } finally {
      this.abort = undefined;
    }
  }

  /**
   * A first read that takes longer than a moment gets a notification with a Cancel button
   * (a long history, a slow disk); cancelling stops git, and Refresh starts again.
   */
  private showProgress(running: Promise<unknown>, abort: AbortController): void {
    let done = false;
    const settled = running.then(
      () => (done = true),
      () => (done = true),
    );
    setTimeout(() => {
      if (done) return;
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Engineering KPIs: reading the git history…'),
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return settled;
        },
      );
    }, PROGRESS_DELAY_MS);
  }

  private lastEvaluation(folder: vscode.Uri): Evaluation | undefined {
    const s = this.current;
    if (s.kind === 'ready' && s.folder.toString() === folder.toString()) return s.evaluation;
    if (s.kind === 'invalid' && s.folder.toString() === folder.toString()) return s.lastGood;
    return undefined;
  }

  private async saveDueSnapshots(
    folder: vscode.Uri,
    result: { config: KpiConfig; evaluation: Evaluation; snapshots: readonly Snapshot[] },
  ) {
    const due = dueSnapshots(result.config, result.evaluation, result.snapshots, this.options.now());
    if (due.length === 0) return;
    try {
      await appendSnapshots(folder.fsPath, due);
      this.options.log.info(`Saved ${due.length} review snapshots to ${REVIEW_HISTORY_FILE}.`);
    } catch (e) {
      if (!(e instanceof RepoFileError)) throw e;
      // Data quality already names the file; say it once here, not on every refresh.
      this.options.log.warn(e.message);
      if (!this.warned.has(e.message)) {
        this.warned.add(e.message);
        void vscode.window.showWarningMessage(vscode.l10n.t('Review snapshots were not saved: {0}', fileProblemText(e.file)));
      }
    }
  }

  private set(state: ServiceState): void {
    this.current = state;
    this.changed.fire(state);
  }
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * kpi.json's text: an editor's unsaved edits (then `saved` is false), else the file on disk,
 * read as the CLI reads it: never through a symlink, bounded, a UTF-8 byte order mark dropped,
 * UTF-16 one clear error. Undefined when there is no kpi.json.
 */
export async function readKpiText(folder: vscode.Uri): Promise<{ text: string; saved: boolean } | { error: string } | undefined> {
  const uri = vscode.Uri.joinPath(folder, KPI_FILE);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return { text: open.getText(), saved: false };
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readRepoFile(folder.fsPath, KPI_FILE, LIMITS.kpiJson);
  } catch (e) {
    if (e instanceof RepoFileError) return { error: fileProblemText(e.file) };
    throw e;
  }
  if (bytes === undefined) return undefined;
  const decoded = decodeKpiFile(bytes);
  return 'error' in decoded
    ? { error: vscode.l10n.t('kpi.json is not UTF-8 (it looks like UTF-16): save it as UTF-8.') }
    : { text: decoded.text, saved: true };
}
