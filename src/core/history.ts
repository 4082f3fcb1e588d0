// The parsed git history that every metric reads. Produced by src/git, consumed by metrics.

export interface FileChange {
  readonly path: string;
  /** Set for renames and copies. */
  readonly oldPath?: string;
  /** null for binary files (numstat prints `-`). */
  readonly added: number | null;
  readonly deleted: number | null;
}

export interface Commit {
  readonly hash: string;
  readonly parents: readonly string[];
  /** Author name and email after .mailmap (%aN, %aE). */
  readonly authorName: string;
  readonly authorEmail: string;
  /** Author name and email as recorded (%an, %ae), to count identities merged by .mailmap. */
  readonly authorNameRaw?: string;
  readonly authorEmailRaw?: string;
  /** Epoch milliseconds. */
  readonly authorTime: number;
  readonly committerName: string;
  readonly committerEmail: string;
  /** Epoch milliseconds. */
  readonly commitTime: number;
  /** The full raw message (subject, body and trailers). */
  readonly message: string;
  /**
   * Line counts per file, read only for the commits a KPI needs them for (see
   * docs/performance.md); absent when they were not read.
   */
  readonly files?: readonly FileChange[];
}

export interface Tag {
  readonly name: string;
  /** The commit the tag points at (peeled). */
  readonly commit: string;
  /** Epoch milliseconds: the tagger date of an annotated tag, else the commit's committer date. */
  readonly time: number;
}

/** A file of the repository that was refused (see src/files/repoFiles.ts). */
export interface FileProblem {
  /** The path inside the repository, with forward slashes. */
  readonly path: string;
  readonly problem: 'symlink' | 'notFile' | 'notFolder' | 'tooLarge' | 'unreadable';
}

/** What makes git show other commits or parents than those recorded. */
export interface HistoryRewrites {
  /** Refs under `refs/replace/`: each swaps one object for another. */
  readonly replaceRefs: number;
  /** A `info/grafts` file (deprecated by git, still honoured): it changes parents. */
  readonly grafts: boolean;
}

export interface History {
  /** Newest first, as `git log` prints them. */
  readonly commits: readonly Commit[];
  /** The commit the history was read from, or null for an unborn branch. */
  readonly head: string | null;
  readonly shallow: boolean;
  /** A partial clone (`--filter`): line counts are not read, so line-count metrics have no data. */
  readonly partial?: boolean;
  /** HEAD is detached (not on a branch). Only meaningful when no branch was configured. */
  readonly detached?: boolean;
  /** Tags that point at commits in this history. */
  readonly tags?: readonly Tag[];
  /** Repository files the read refused (a symlinked `.mailmap`, for example). */
  readonly fileProblems?: readonly FileProblem[];
  /** Local rewrites of the history git shows: replace refs and a grafts file (absent: none). */
  readonly rewrites?: HistoryRewrites;
  /** The exact git invocations that produced this history, for provenance. */
  readonly commands: readonly string[];
}

/** A full SHA-1 or SHA-256 object id in lower-case hex. */
export function isCommitId(s: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
}

export function isMerge(c: Commit): boolean {
  return c.parents.length > 1;
}

export function subjectOf(c: Commit): string {
  const nl = c.message.indexOf('\n');
  return nl < 0 ? c.message : c.message.slice(0, nl);
}

const indexes = new WeakMap<readonly Commit[], Map<string, Commit>>();

/** Commits by id; built once per commit list (a refresh of an unchanged history reuses it). */
export function indexByHash(history: History): Map<string, Commit> {
  let index = indexes.get(history.commits);
  if (!index) {
    index = new Map(history.commits.map((c) => [c.hash, c]));
    indexes.set(history.commits, index);
  }
  return index;
}

/** A main-line commit and every commit it brought onto the main line (itself included). */
export interface Landing {
  readonly commit: Commit;
  readonly brought: readonly Commit[];
}

/**
 * Walks the first-parent chain from head; for each merge, collects the commits reachable
 * from its other parents but not from its first parent: what that merge brought (a commit
 * is credited to the first merge that brought it, stopping at a shallow boundary).
 * Newest landing first.
 */
export function landings(history: History): Landing[] {
  if (history.head === null) return [];
  let byHead = landingCache.get(history.commits);
  if (!byHead) landingCache.set(history.commits, (byHead = new Map()));
  let out = byHead.get(history.head);
  if (!out) byHead.set(history.head, (out = computeLandings(history)));
  return out;
}

const landingCache = new WeakMap<readonly Commit[], Map<string, Landing[]>>();

function computeLandings(history: History): Landing[] {
  const byHash = indexByHash(history);
  const chain: Commit[] = [];
  const onChain = new Set<string>();
  for (let cur = history.head; cur !== null && !onChain.has(cur); ) {
    const c = byHash.get(cur);
    if (!c) break; // shallow boundary
    onChain.add(cur);
    chain.push(c);
    cur = c.parents[0] ?? null;
  }
  // Oldest first: everything reachable from a merge's first parent is then already claimed
  // by an older landing (stacked branches, a branch merged twice), so it is not claimed again.
  const seen = new Set<string>(onChain);
  const out: Landing[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i]!;
    const brought: Commit[] = [c];
    const stack = c.parents.slice(1);
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (seen.has(h)) continue;
      const b = byHash.get(h);
      if (!b) continue;
      seen.add(h);
      brought.push(b);
      for (const p of b.parents) stack.push(p); // a spread overflows the stack on an octopus of 200,000 parents
    }
    out.push({ commit: c, brought });
  }
  return out.reverse();
}
