// The engine worker: reads git and evaluates kpi.json off the extension host's main thread,
// so that parsing a big history and evaluating it never blocks the editor. One reader (with
// its in-memory and persisted cache) per repository spec; a 'cancel' aborts a run's git.
import { parentPort } from 'node:worker_threads';
import { currentValue, runEngine } from '../engine';
import { RepositoryReader } from '../git/reader';
import { GitError } from '../git/runner';
import type { FromWorker, ReaderSpec, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('engineWorker runs in a worker thread');

const readers = new Map<string, RepositoryReader>();
const running = new Map<number, AbortController>();

function readerFor(spec: ReaderSpec): RepositoryReader {
  const key = JSON.stringify([spec.folder, spec.timeoutMs, spec.storageDir ?? null]);
  let r = readers.get(key);
  if (!r) {
    // A reader with other settings for the same folder replaces the old one (and its memory).
    for (const [k, old] of readers) if (old.folder === spec.folder) readers.delete(k);
    r = new RepositoryReader(spec.folder, {
      timeoutMs: spec.timeoutMs,
      ...(spec.storageDir !== undefined ? { storageDir: spec.storageDir } : {}),
    });
    readers.set(key, r);
  }
  return r;
}

function post(m: FromWorker): void {
  port!.postMessage(m);
}

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'cancel') {
    running.get(m.id)?.abort();
    return;
  }
  const ac = new AbortController();
  running.set(m.id, ac);
  try {
    const reader = readerFor(m.reader);
    if (m.type === 'currentValue') {
      post({ type: 'currentValue', id: m.id, value: await currentValue(reader, m.metric, m.window, new Date(m.now), m.repository) });
      return;
    }
    const r = await runEngine(m.text, reader, new Date(m.now), ac.signal, { perPerson: m.perPerson });
    post({
      type: 'run',
      id: m.id,
      result:
        r.kind === 'invalid'
          ? { kind: 'invalid', problems: r.parse.problems }
          : {
              kind: 'ok',
              problems: r.parse.problems,
              config: r.config,
              evaluation: r.evaluation,
              snapshots: r.snapshots,
              mode: reader.lastMode ?? 'none',
            },
    });
  } catch (e) {
    post({
      type: 'error',
      id: m.id,
      kind: e instanceof GitError ? e.kind : 'internal',
      message: e instanceof Error ? e.message : String(e),
    });
  } finally {
    running.delete(m.id);
  }
}

port.on('message', (m: ToWorker) => void handle(m));
