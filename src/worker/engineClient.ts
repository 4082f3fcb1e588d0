// The extension host's side of the engine worker: runs the engine in a worker thread and
// answers with its results, so that the host's main thread only posts and receives messages.
// Started on first use, stopped on dispose; a run can be cancelled (its git is killed).
import { Worker } from 'node:worker_threads';
import type { MetricId, RepositorySettings } from '../core/kpiJson/model';
import { GitError } from '../git/errors';
import type { FromWorker, ReaderSpec, RunResult, ToWorker } from './protocol';

interface Pending {
  resolve(m: FromWorker): void;
  reject(e: Error): void;
}

export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** @param script the worker bundle (dist/engineWorker.js), or its compiled module in tests */
  constructor(private readonly script: string) {}

  async run(reader: ReaderSpec, text: string, now: Date, perPerson: boolean, signal?: AbortSignal): Promise<RunResult> {
    const m = await this.ask((id) => ({ type: 'run', id, reader, text, now: now.getTime(), perPerson }), signal);
    if (m.type !== 'run') throw new Error(`unexpected answer ${m.type}`);
    return m.result;
  }

  async currentValue(
    reader: ReaderSpec,
    metric: MetricId,
    window: string,
    now: Date,
    repository: RepositorySettings = {},
  ): Promise<number | null> {
    const m = await this.ask((id) => ({ type: 'currentValue', id, reader, metric, window, now: now.getTime(), repository }));
    return m.type === 'currentValue' ? m.value : null;
  }

  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new GitError('cancelled', 'Cancelled.'));
    this.pending.clear();
    void w?.terminate();
  }

  private ask(message: (id: number) => ToWorker, signal?: AbortSignal): Promise<FromWorker> {
    if (signal?.aborted) return Promise.reject(new GitError('cancelled', 'Cancelled.'));
    const id = this.nextId++;
    const worker = this.start();
    return new Promise<FromWorker>((resolve, reject) => {
      const onAbort = (): void => worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (m) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(m);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      worker.postMessage(message(id));
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(m.kind === 'internal' ? new Error(m.message) : new GitError(m.kind, m.message));
      else p.resolve(m);
    });
    // A worker that dies fails what it was doing; the next request starts a new one.
    const fail = (e: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The engine worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }
}
