// The one way history is read: probe the repository (head, shallow, detached, tags, .mailmap),
// then serve the log through a HistoryCache per branch (cached, incremental or full).
// Production, tests and the benchmark all read through RepositoryReader.
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import type { Commit, FileChange, FileProblem, History, HistoryRewrites, Tag } from '../core/history';
import { HistoryCache, type ReadMode } from './historyCache';
import { headerLogArgs, isRefusedMailmap, numstatArgs } from './logFormat';
import { LIMITS, RepoFileError, readRepoFile } from '../files/repoFiles';
import { GitError, GitRunner, type RunnerOptions } from './runner';

export interface ReadOptions {
  /** A branch name from kpi.json; validated before it reaches git. Default: HEAD. */
  readonly branch?: string;
  readonly signal?: AbortSignal;
}

/** Branch names from kpi.json must be plain ref names and can never become options. */
export function isSafeBranchName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 200 &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('@{') &&
    !name.includes('//') &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    /^[^\s~^:?*[\\\x00-\x1f\x7f]+$/.test(name)
  );
}

export interface RepositoryProbe {
  /** The commit to read from, or null for an unborn branch. */
  readonly head: string | null;
  readonly shallow: boolean;
  readonly detached: boolean;
  readonly tags: readonly Tag[];
  /**
   * Fingerprint of the work tree's `.mailmap` ('' when there is none). The log applies it to
   * every author, so a cached log read under another `.mailmap` must be read again.
   */
  readonly mailmap: string;
  /**
   * Fingerprint of the shallow boundary ('' when not shallow): `git fetch --deepen` changes it
   * without moving HEAD, and a log read before that misses the older commits.
   */
  readonly boundary: string;
  /** A partial clone: some objects live on a promisor remote (see withLineCounts). */
  readonly partial: boolean;
  /** Replace refs and a grafts file, which change the history git shows. */
  readonly rewrites: HistoryRewrites;
  /**
   * Fingerprint of those rewrites ('' when there are none): adding or removing a replace ref
   * changes commits and parents without moving HEAD.
   */
  readonly rewritesFingerprint: string;
  /** Files refused while probing (a symlinked or oversized `.mailmap`). */
  readonly files: readonly FileProblem[];
  readonly commands: readonly string[];
}

/** One line per tag: name, object, peeled object, creator date; names cannot hold NUL or newline. */
/**
 * Tags and replace refs in one call: full ref names, so neither can pass for the other. For a
 * tag: the object, the object it peels to once and that object's type, the tagger date (the
 * committer date for a lightweight tag) and the peeled commit's committer date.
 */
const REF_FORMAT = '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(*objecttype)%00%(creatordate:unix)%00%(*committerdate:unix)';
const TAGS = 'refs/tags/';
const REPLACE = 'refs/replace/';

interface Refs {
  /** `time` is NaN for an annotated tag without a tagger line whose commit date is not known yet. */
  tags: Tag[];
  replace: string[];
  /** Tags of tags, by full ref name: their commit is found by peeling them all the way. */
  nested: string[];
}

function parseRefs(out: string): Refs {
  const refs: Refs = { tags: [], replace: [], nested: [] };
  for (const line of out.split('\n')) {
    const [ref, object, peeled, peeledType, date, peeledDate] = line.split('\0');
    if (!ref || !object || date === undefined) continue;
    if (ref.startsWith(REPLACE)) {
      refs.replace.push(`${ref.slice(REPLACE.length)} ${object}`);
      continue;
    }
    if (!ref.startsWith(TAGS) || ref.length === TAGS.length) continue;
    if (peeledType === 'tag') refs.nested.push(ref);
    // No tagger line: the commit's date, never 1970 (Number('') is 0).
    const seconds = date !== '' ? Number(date) : peeledDate !== undefined && peeledDate !== '' ? Number(peeledDate) : NaN;
    refs.tags.push({ name: ref.slice(TAGS.length), commit: peeled !== undefined && peeled !== '' ? peeled : object, time: seconds * 1000 });
  }
  return refs;
}

/** `git show-ref -d` prints each annotated tag peeled all the way (`<id> refs/tags/x^{}`). */
function parsePeeled(out: string): Map<string, string> {
  const peeled = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (refs\/tags\/.+)\^\{\}$/.exec(line);
    if (m) peeled.set(m[2]!, m[1]!);
  }
  return peeled;
}

/** Two cheap calls: is this a repository, is it shallow, which commit is the head. */
async function probeRepository(runner: GitRunner, opts: ReadOptions = {}): Promise<RepositoryProbe> {
  const so = opts.signal ? { signal: opts.signal } : {};
  const commands: string[] = [];
  const run = async (args: string[]): Promise<string> => {
    commands.push(GitRunner.display(args));
    return runner.run(args, so);
  };
  // The runner classifies failures (not a repository, unsafe ownership, git missing).
  // --show-cdup (the way up to the top of the work tree) prints nothing in a bare repository.
  const probe = (
    await run([
      'rev-parse',
      '--is-inside-work-tree',
      '--is-shallow-repository',
      '--git-path',
      'shallow',
      '--git-path',
      'info/grafts',
      '--show-cdup',
    ])
  ).split('\n');
  const shallow = probe[1]?.trim() === 'true';
  const boundary = shallow ? await fingerprint(resolve(runner.cwd, probe[2]?.trim() ?? '.git/shallow')) : '';
  const grafts = await fingerprint(resolve(runner.cwd, probe[3]?.trim() ?? '.git/info/grafts'));
  const files: FileProblem[] = [];
  const mailmap = probe[0]?.trim() === 'true' ? await mailmapFingerprint(join(runner.cwd, probe[4]?.trim() ?? ''), files) : '';
  let ref = 'HEAD';
  if (opts.branch !== undefined) {
    if (!isSafeBranchName(opts.branch)) throw new GitError('failed', `"${opts.branch}" is not a valid branch name.`);
    ref = `refs/heads/${opts.branch}`;
  }
  // `ref` is HEAD or refs/heads/<validated name>: it cannot start with "-".
  const head = (await run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(onlyFailed(''))).trim();
  if (head === '' && opts.branch !== undefined) {
    throw new GitError('failed', `Branch "${opts.branch}" does not exist in this repository.`);
  }
  // A detached HEAD prints nothing (exit status 1, which simple-git resolves when stderr is
  // empty); an unborn branch still names its ref.
  const detached = opts.branch === undefined && (await run(['symbolic-ref', '--quiet', 'HEAD']).catch(onlyFailed(''))).trim() === '';
  const refs: Refs =
    head === '' ? { tags: [], replace: [], nested: [] } : parseRefs(await run(['for-each-ref', REF_FORMAT, 'refs/tags', 'refs/replace']));
  if (refs.nested.length > 0) {
    // Only when a tag of a tag exists: one more call peels them to their commits.
    const peeled = parsePeeled(await run(['show-ref', '-d', '--tags']).catch(onlyFailed('')));
    const nested = new Set(refs.nested.map((r) => r.slice(TAGS.length)));
    refs.tags = refs.tags.map((t) => (nested.has(t.name) ? { ...t, commit: peeled.get(TAGS + t.name) ?? t.commit } : t));
  }
  const rewrites = { replaceRefs: refs.replace.length, grafts: grafts !== '' };
  const rewritesFingerprint =
    refs.replace.length === 0 && grafts === ''
      ? ''
      : createHash('sha256')
          .update(`${refs.replace.join('\n')}\0${grafts}`)
          .digest('hex');
  // A partial clone (objects left on a promisor remote) would need fetches to diff: it is
  // detected here, and line counts are not read there (git could not fetch anyway).
  const partial =
    head !== '' &&
    (await run(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..+\\.promisor)$']).catch(onlyFailed(''))).trim() !== '';
  return {
    head: head === '' ? null : head,
    shallow,
    detached,
    tags: refs.tags,
    mailmap,
    boundary,
    partial,
    rewrites,
    rewritesFingerprint,
    files,
    commands,
  };
}

/**
 * The work tree's `.mailmap`, read as our other repository files are: never through a symlink
 * (git ignores a symlinked in-tree .mailmap too), bounded in size, never a device or a FIFO.
 */
async function mailmapFingerprint(top: string, files: FileProblem[]): Promise<string> {
  try {
    const bytes = await readRepoFile(top, '.mailmap', LIMITS.mailmap);
    return bytes === undefined ? '' : createHash('sha256').update(bytes).digest('hex');
  } catch (e) {
    if (!(e instanceof RepoFileError)) throw e;
    files.push(e.file);
    return `refused:${e.problem}`;
  }
}

/**
 * Fingerprint of a file in the git directory ('' when it is absent or refused): read as
 * repository files are, bounded and never through a symlink, a FIFO or a device.
 */
async function fingerprint(file: string): Promise<string> {
  try {
    const bytes = await readRepoFile(dirname(file), basename(file), LIMITS.gitFile);
    return bytes === undefined ? '' : createHash('sha256').update(bytes).digest('hex');
  } catch (e) {
    if (e instanceof RepoFileError) return `refused:${e.problem}`;
    throw e;
  }
}

/**
 * A non-zero exit is an answer ("no such ref", "not a symbolic ref"); cancellation, a timeout
 * or a missing git is not, and must not turn into an empty or detached history.
 */
function onlyFailed<T>(answer: T): (e: unknown) => T {
  return (e) => {
    if (e instanceof GitError && e.kind === 'failed') return answer;
    throw e;
  };
}

/**
 * Tags whose date is still unknown (a tag of a tag without a tagger line) take their commit's
 * committer date; one whose commit is not in the history is dropped. The same array when
 * every date is known, so a refresh keeps the releases computed from it.
 */
function withTimes(tags: readonly Tag[], commits: readonly Commit[]): readonly Tag[] {
  if (tags.every((t) => Number.isFinite(t.time))) return tags;
  const times = new Map(commits.map((c) => [c.hash, c.commitTime]));
  return tags.flatMap((t) => {
    if (Number.isFinite(t.time)) return [t];
    const time = times.get(t.commit);
    return time === undefined ? [] : [{ ...t, time }];
  });
}

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
  /** How many commits the last line-count read covered, for the log. */
  lastLineCounts = 0;
  /** Header commit → the same commit with its line counts (see enrich). */
  private readonly withFiles = new WeakMap<Commit, Commit>();
  private lastEnriched: { headers: readonly Commit[]; wanted: ReadonlySet<string>; commits: readonly Commit[] } | undefined;

  /** @param runner the runner to use instead of a new one for `folder` (tests inject one) */
  constructor(
    readonly folder: string,
    private readonly options: ReaderOptions = {},
    runner?: GitRunner,
  ) {
    this.runner = runner ?? new GitRunner(folder, options);
  }

  /** Headers and messages of the whole history (no line counts), through the cache. */
  async read(opts: ReadOptions = {}): Promise<History> {
    const probe = await probeRepository(this.runner, opts);
    const base = {
      head: probe.head,
      shallow: probe.shallow,
      detached: probe.detached,
      tags: probe.tags,
      ...(probe.partial ? { partial: true } : {}),
      ...(probe.files.length > 0 ? { fileProblems: probe.files } : {}),
      ...(probe.rewritesFingerprint !== '' ? { rewrites: probe.rewrites } : {}),
    };
    if (probe.head === null) return { ...base, commits: [], commands: probe.commands };
    const log = await this.cache(opts.branch).read(
      probe.head,
      probe.shallow,
      opts.signal,
      probe.mailmap,
      probe.boundary,
      probe.rewritesFingerprint,
    );
    this.lastMode = log.mode;
    // Provenance names the read the data is equal to, however it was served.
    return {
      ...base,
      tags: withTimes(probe.tags, log.commits),
      commits: log.commits,
      commands: [...probe.commands, GitRunner.display(headerLogArgs(probe.head, undefined, { mailmap: !isRefusedMailmap(probe.mailmap) }))],
    };
  }

  /**
   * The same history with line counts on the commits `ids` (those it holds; merges have
   * none, as in `git log --numstat`), read from git only where the cache lacks them.
   */
  async withLineCounts(history: History, ids: Iterable<string>, opts: ReadOptions = {}): Promise<History> {
    const wanted = new Set(ids);
    // In a partial clone the blobs are elsewhere: no line counts (the metric says "no data").
    if (wanted.size === 0 || history.partial) return history;
    const { files } = await this.cache(opts.branch).lineCounts([...wanted], opts.signal);
    this.lastLineCounts = files.size;
    const commits = this.enrich(history.commits, wanted, files);
    const sample = [...wanted].slice(0, 1);
    const shown = GitRunner.display(numstatArgs(sample)).replace(sample[0]!, `<${wanted.size} commit${wanted.size === 1 ? '' : 's'}>`);
    return { ...history, commits, commands: [...history.commands, shown] };
  }

  /**
   * The commit list with files on the wanted commits. The same headers and the same wanted
   * set give the same list and the same commit objects, so that everything the evaluation
   * keeps per commit list or per commit (population, landings, trailers) is reused.
   */
  private enrich(
    headers: readonly Commit[],
    wanted: ReadonlySet<string>,
    files: ReadonlyMap<string, readonly FileChange[]>,
  ): readonly Commit[] {
    const last = this.lastEnriched;
    if (last && last.headers === headers && last.wanted.size === wanted.size && [...wanted].every((id) => last.wanted.has(id)))
      return last.commits;
    const commits = headers.map((c): Commit => {
      if (!wanted.has(c.hash)) return c;
      let e = this.withFiles.get(c);
      if (!e) this.withFiles.set(c, (e = { ...c, files: files.get(c.hash) ?? [] }));
      return e;
    });
    this.lastEnriched = { headers, wanted, commits };
    return commits;
  }

  /** Resolves when every cache this reader keeps is written to its folder. */
  async flush(): Promise<void> {
    await Promise.all([...this.caches.values()].map((c) => c.flush()));
  }

  private cache(branch: string | undefined): HistoryCache {
    const key = `${this.folder}\0${branch ?? 'HEAD'}`;
    let cache = this.caches.get(key);
    if (!cache) {
      cache = new HistoryCache(this.runner, this.options.storageDir, key);
      this.caches.set(key, cache);
    }
    return cache;
  }
}
