// Incremental history: keeps the parsed headers of the last head (in memory and, when a
// folder is given, on disk), reads only commits new since then, and starts over when the
// old head is no longer an ancestor (rebase, force push, reset), `.mailmap` changed, a
// shallow clone was deepened, or replace refs or grafts changed. Line counts are read per commit, only for the commits asked
// for, and kept by commit id: a commit's diff against its first parent never changes.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Commit, FileChange } from '../core/history';
import { LogParser, NumstatParser, headerLogArgs, isCommitId, isRefusedMailmap, numstatArgs } from './logFormat';
import { GitRunner } from './runner';

const CACHE_VERSION = 6;
const isText = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isCommit(c: unknown): c is Commit {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  return (
    isText(x['hash']) &&
    isCommitId(x['hash']) &&
    Array.isArray(x['parents']) &&
    x['parents'].every((p) => isText(p) && isCommitId(p)) &&
    ['authorName', 'authorEmail', 'committerName', 'committerEmail', 'message'].every((k) => isText(x[k])) &&
    ['authorNameRaw', 'authorEmailRaw'].every((k) => x[k] === undefined || isText(x[k])) &&
    isTime(x['authorTime']) &&
    isTime(x['commitTime']) &&
    x['files'] === undefined
  );
}

function isFileChange(f: unknown): f is FileChange {
  if (typeof f !== 'object' || f === null) return false;
  const x = f as Record<string, unknown>;
  const count = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
  return isText(x['path']) && (x['oldPath'] === undefined || isText(x['oldPath'])) && count(x['added']) && count(x['deleted']);
}

function isCachedLog(d: unknown): d is CachedLog {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  const counts = x['lineCounts'];
  return (
    x['version'] === CACHE_VERSION &&
    isText(x['head']) &&
    isCommitId(x['head']) &&
    typeof x['shallow'] === 'boolean' &&
    isText(x['mailmap']) &&
    isText(x['boundary']) &&
    isText(x['rewrites']) &&
    Array.isArray(x['commits']) &&
    x['commits'].every(isCommit) &&
    typeof counts === 'object' &&
    counts !== null &&
    !Array.isArray(counts) &&
    Object.entries(counts).every(([id, files]) => isCommitId(id) && Array.isArray(files) && files.every(isFileChange))
  );
}

/** Commits (or line-count entries) serialised per slice: a few milliseconds of work each. */
const WRITE_SLICE = 2_000;

/**
 * The same JSON as `JSON.stringify(log)`, written slice by slice: a refresh that comes while
 * a big history is being written waits for one slice, not for the whole file, and the text
 * never exists in memory as one string.
 */
async function writeJsonInSlices(file: string, log: CachedLog): Promise<void> {
  const { commits, lineCounts, ...fields } = log;
  const handle = await open(file, 'w');
  try {
    await handle.write(`${JSON.stringify(fields).slice(0, -1)},"commits":[`);
    for (let i = 0; i < commits.length; i += WRITE_SLICE) {
      const slice = commits.slice(i, i + WRITE_SLICE).map((c) => JSON.stringify(c));
      await handle.write((i > 0 ? ',' : '') + slice.join(','));
    }
    await handle.write('],"lineCounts":{');
    const entries = Object.entries(lineCounts);
    for (let i = 0; i < entries.length; i += WRITE_SLICE) {
      const slice = entries.slice(i, i + WRITE_SLICE).map(([id, files]) => `${JSON.stringify(id)}:${JSON.stringify(files)}`);
      await handle.write((i > 0 ? ',' : '') + slice.join(','));
    }
    await handle.write('}}');
  } finally {
    await handle.close();
  }
}

/** Commit ids per numstat call: short enough for any platform's command line (Windows: 32 KiB). */
const NUMSTAT_BATCH = 300;

interface CachedLog {
  readonly version: number;
  readonly head: string;
  readonly shallow: boolean;
  /** The `.mailmap` fingerprint the authors were mapped with (see RepositoryProbe). */
  readonly mailmap: string;
  /** The shallow boundary's fingerprint ('' for a full clone; see RepositoryProbe). */
  readonly boundary: string;
  /**
   * Fingerprint of the replace refs and grafts ('' when none; see RepositoryProbe): they change
   * commits and parents under the same ids, so neither headers nor line counts carry over.
   */
  readonly rewrites: string;
  /** Headers only, newest first. */
  readonly commits: readonly Commit[];
  /** Line counts read so far, by commit id. */
  readonly lineCounts: Readonly<Record<string, readonly FileChange[]>>;
}

export type ReadMode = 'cached' | 'incremental' | 'full';

export interface LogRead {
  readonly commits: readonly Commit[];
  readonly mode: ReadMode;
  /** The git commands this read ran (none when served from the cache). */
  readonly commands: readonly string[];
}

export class HistoryCache {
  private memory: CachedLog | undefined;
  private unwritten: CachedLog | undefined;
  private writing: Promise<void> | undefined;
  /** How long a store waits before writing: refreshes in quick succession write once. */
  private readonly writeDelayMs = 2_000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;

  /**
   * @param storageDir where to persist (the extension's workspace storage), or undefined
   * @param key identifies the repository and branch within that folder
   */
  constructor(
    private readonly runner: GitRunner,
    private readonly storageDir: string | undefined,
    private readonly key: string,
  ) {}

  async read(head: string, shallow: boolean, signal?: AbortSignal, mailmap = '', boundary = '', rewrites = ''): Promise<LogRead> {
    const cached = this.memory ?? (await this.load());
    if (
      cached &&
      cached.shallow === shallow &&
      cached.mailmap === mailmap &&
      cached.boundary === boundary &&
      cached.rewrites === rewrites
    ) {
      if (cached.head === head) return { commits: cached.commits, mode: 'cached', commands: [] };
      if (await this.isAncestor(cached.head, head, signal)) {
        const args = headerLogArgs(head, cached.head, { mailmap: !isRefusedMailmap(mailmap) });
        const fresh = await this.log(args, signal);
        const known = new Set(cached.commits.map((c) => c.hash));
        const commits = [...fresh.filter((c) => !known.has(c.hash)), ...cached.commits];
        await this.store({ ...cached, head, commits });
        return { commits, mode: 'incremental', commands: [GitRunner.display(args)] };
      }
    }
    const args = headerLogArgs(head, undefined, { mailmap: !isRefusedMailmap(mailmap) });
    const commits = await this.log(args, signal);
    // A rebase or a new .mailmap keeps line counts: they belong to commit ids, not to the
    // branch. Replace refs and grafts change what an id's diff is, so they do not.
    const lineCounts = cached && cached.shallow === shallow && cached.rewrites === rewrites ? cached.lineCounts : {};
    await this.store({ version: CACHE_VERSION, head, shallow, mailmap, boundary, rewrites, commits, lineCounts });
    return { commits, mode: 'full', commands: [GitRunner.display(args)] };
  }

  /**
   * Line counts of `ids` (from the cache, else read from git in batches, in parallel on the
   * cores there are). Ids git does not know are left out. Call after read().
   */
  async lineCounts(ids: readonly string[], signal?: AbortSignal): Promise<{ files: Map<string, readonly FileChange[]>; read: number }> {
    const log = this.memory ?? (await this.load());
    const known = log?.lineCounts ?? {};
    const files = new Map<string, readonly FileChange[]>();
    const missing: string[] = [];
    for (const id of ids) {
      const f = Object.hasOwn(known, id) ? known[id] : undefined;
      if (f) files.set(id, f);
      else if (isCommitId(id)) missing.push(id);
    }
    if (missing.length === 0) return { files, read: 0 };
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += NUMSTAT_BATCH) batches.push(missing.slice(i, i + NUMSTAT_BATCH));
    const workers = Math.max(1, Math.min(availableParallelism(), batches.length));
    let next = 0;
    const fresh: Record<string, readonly FileChange[]> = {};
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const parser = new NumstatParser();
          await this.runner.run(numstatArgs(batch), { ...(signal ? { signal } : {}), onStdout: (chunk) => parser.push(chunk) });
          for (const r of parser.end()) fresh[r.hash] = r.files;
        }
      }),
    );
    for (const [id, f] of Object.entries(fresh)) files.set(id, f);
    if (log) await this.store({ ...log, lineCounts: { ...known, ...fresh } });
    return { files, read: missing.length };
  }

  private async log(args: string[], signal: AbortSignal | undefined): Promise<Commit[]> {
    const parser = new LogParser();
    await this.runner.run(args, { ...(signal ? { signal } : {}), onStdout: (chunk) => parser.push(chunk) });
    return parser.end();
  }

  private async isAncestor(old: string, head: string, signal: AbortSignal | undefined): Promise<boolean> {
    if (!isCommitId(old) || !isCommitId(head)) return false;
    try {
      // Exit status 0: ancestor; 1: not (a rewrite); anything else (old commit gone): not.
      await this.runner.run(['merge-base', '--is-ancestor', old, head], signal ? { signal } : {});
      return true;
    } catch (e) {
      if (signal?.aborted) throw e;
      return false;
    }
  }

  private file(): string | undefined {
    if (this.storageDir === undefined) return undefined;
    const name = createHash('sha256').update(this.key).digest('hex').slice(0, 24);
    return join(this.storageDir, `history-${name}.json`);
  }

  private async load(): Promise<CachedLog | undefined> {
    const file = this.file();
    if (!file) return undefined;
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CachedLog;
      // Our own file is not trusted blindly: anything of the wrong shape (truncated, edited,
      // written by another version) is discarded and the history read again.
      if (!isCachedLog(data)) return undefined;
      this.memory = data;
      return data;
    } catch {
      return undefined; // missing or corrupt: read everything again
    }
  }

  /** Resolves once everything stored so far is on disk (the CLI waits for it before it exits). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.wake?.();
    while (this.writing) await this.writing;
  }

  /**
   * Keeps `log` in memory at once and writes it to disk a moment later: turning a big
   * history into JSON takes a while, and the numbers should not wait for it, nor should a
   * second refresh right after the first. Only the newest state is written; one write at a time.
   */
  private async store(log: CachedLog): Promise<void> {
    this.memory = log;
    if (this.file() === undefined) return;
    this.unwritten = log;
    this.writing ??= new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, this.writeDelayMs);
      this.timer.unref?.();
    })
      .then(async () => {
        this.timer = undefined;
        this.wake = undefined;
        while (this.unwritten) {
          const next = this.unwritten;
          this.unwritten = undefined;
          await this.write(next);
        }
      })
      .finally(() => {
        this.writing = undefined;
      });
  }

  private async write(log: CachedLog): Promise<void> {
    const file = this.file();
    if (!file || this.storageDir === undefined) return;
    try {
      await mkdir(this.storageDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeJsonInSlices(tmp, log);
      await rename(tmp, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
