// One commit, for the views: its subject, date and parent, the files it changed (against
// its first parent), a file's contents at it, and the repository's remote URL. Read through
// the one GitRunner with our own argv; ids are checked before they reach git, and blobs are
// read raw (`cat-file`, no filters, no textconv) with a size limit.
import { isCommitId } from '../core/history';
import { GitError, type GitRunner } from './runner';

/** Files listed for one commit in the views; the rest are counted. */
export const MAX_COMMIT_FILES = 300;

export interface CommitFile {
  /** git's status letter: A added, M modified, D deleted, R renamed, C copied, T type changed. */
  readonly status: string;
  readonly path: string;
  /** The path before a rename or copy. */
  readonly oldPath?: string;
}

export interface CommitDetails {
  readonly hash: string;
  /** The first parent; undefined for a root commit. */
  readonly parent?: string;
  readonly subject: string;
  /** Author date, ISO 8601. */
  readonly authorDate: string;
  readonly files: readonly CommitFile[];
  /** Files changed in all (files lists at most MAX_COMMIT_FILES). */
  readonly fileCount: number;
}

function checkId(hash: string): void {
  if (!isCommitId(hash)) throw new GitError('failed', 'Not a commit id.');
}

export async function commitDetails(runner: GitRunner, hash: string, signal?: AbortSignal): Promise<CommitDetails> {
  checkId(hash);
  const opts = signal ? { signal } : {};
  const head = await runner.run(['log', '-1', '--no-walk', '-z', '--format=%H%x00%P%x00%aI%x00%s', '--end-of-options', hash, '--'], opts);
  const [id, parents, authorDate, subject] = head.split('\0');
  if (id !== hash) throw new GitError('failed', 'Not a commit id.');
  const parent = parents?.split(' ').find(isCommitId);
  const diff = await runner.run(
    [
      'diff-tree',
      '-r',
      '-z',
      '--name-status',
      '-M',
      '--no-ext-diff',
      '--no-textconv',
      ...(parent ? ['--end-of-options', parent, hash] : ['--root', '--end-of-options', hash]),
      '--',
    ],
    opts,
  );
  const files = parseNameStatus(diff);
  return {
    hash,
    ...(parent ? { parent } : {}),
    subject: subject ?? '',
    authorDate: authorDate ?? '',
    files: files.slice(0, MAX_COMMIT_FILES),
    fileCount: files.length,
  };
}

/** `diff-tree -z --name-status` output: status, then one path (two for renames and copies). */
export function parseNameStatus(out: string): CommitFile[] {
  const parts = out.split('\0');
  const files: CommitFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++] ?? '';
    if (!/^[ACDMRTUX]\d*$/.test(status)) continue;
    const letter = status[0]!;
    if (letter === 'R' || letter === 'C') {
      const oldPath = parts[i++];
      const path = parts[i++];
      if (oldPath !== undefined && path !== undefined) files.push({ status: letter, path, oldPath });
    } else {
      const path = parts[i++];
      if (path !== undefined) files.push({ status: letter, path });
    }
  }
  return files;
}

export type Blob =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary' | 'missing' }
  | { readonly kind: 'tooLarge'; readonly size: number };

/** A file's contents at a commit: text, or why there is none to show. */
export async function blobAt(runner: GitRunner, hash: string, path: string, maxBytes: number, signal?: AbortSignal): Promise<Blob> {
  checkId(hash);
  const spec = `${hash}:${path}`;
  const opts = signal ? { signal } : {};
  let size: number;
  try {
    size = Number((await runner.run(['cat-file', '-s', spec], opts)).trim());
  } catch (e) {
    if (e instanceof GitError && e.kind !== 'failed') throw e;
    return { kind: 'missing' };
  }
  if (!Number.isFinite(size)) return { kind: 'missing' };
  if (size > maxBytes) return { kind: 'tooLarge', size };
  const chunks: Buffer[] = [];
  await runner.run(['cat-file', 'blob', spec], { ...opts, onStdout: (b) => chunks.push(b) });
  const bytes = Buffer.concat(chunks);
  if (bytes.subarray(0, 8000).includes(0)) return { kind: 'binary' };
  return { kind: 'text', text: bytes.toString('utf8') };
}

/** The URL of `origin`, else of the first remote; undefined without remotes. */
export async function remoteUrl(runner: GitRunner, signal?: AbortSignal): Promise<string | undefined> {
  const opts = signal ? { signal } : {};
  const names = (await runner.run(['remote'], opts)).split('\n').filter((n) => /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(n));
  const name = names.includes('origin') ? 'origin' : names[0];
  if (name === undefined) return undefined;
  try {
    return (await runner.run(['remote', 'get-url', name], opts)).trim() || undefined;
  } catch {
    return undefined;
  }
}
