// Reads a repository's history: resolve the revision, detect a shallow clone, stream the log.
import type { History } from '../core/history';
import { LogParser, logArgs } from './logFormat';
import { GitError, GitRunner } from './runner';

export interface ReadHistoryOptions {
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
  readonly commands: readonly string[];
}

/** Two cheap calls: is this a repository, is it shallow, which commit is the head. */
export async function probeRepository(runner: GitRunner, opts: ReadHistoryOptions = {}): Promise<RepositoryProbe> {
  const so = opts.signal ? { signal: opts.signal } : {};
  const commands: string[] = [];
  const run = async (args: string[]): Promise<string> => {
    commands.push(GitRunner.display(args));
    return runner.run(args, so);
  };
  const probe = await run(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository']).catch((e: unknown) => {
    if (e instanceof GitError && e.kind === 'failed') {
      throw new GitError('notRepository', 'This folder is not a git repository. Run `git init`, or open the repository folder.');
    }
    throw e;
  });
  const shallow = probe.split('\n')[1]?.trim() === 'true';
  let ref = 'HEAD';
  if (opts.branch !== undefined) {
    if (!isSafeBranchName(opts.branch)) throw new GitError('failed', `"${opts.branch}" is not a valid branch name.`);
    ref = `refs/heads/${opts.branch}`;
  }
  // `ref` is HEAD or refs/heads/<validated name>: it cannot start with "-".
  const head = (await run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '')).trim();
  if (head === '' && opts.branch !== undefined) {
    throw new GitError('failed', `Branch "${opts.branch}" does not exist in this repository.`);
  }
  return { head: head === '' ? null : head, shallow, commands };
}

/** Streams the whole log from the probed head through the parser. */
export async function readLog(runner: GitRunner, probe: RepositoryProbe, signal?: AbortSignal): Promise<History> {
  if (probe.head === null) return { commits: [], head: null, shallow: probe.shallow, commands: probe.commands };
  const parser = new LogParser();
  const args = logArgs(probe.head);
  await runner.run(args, { ...(signal ? { signal } : {}), onStdout: (chunk) => parser.push(chunk) });
  return { commits: parser.end(), head: probe.head, shallow: probe.shallow, commands: [...probe.commands, GitRunner.display(args)] };
}

export async function readHistory(runner: GitRunner, opts: ReadHistoryOptions = {}): Promise<History> {
  return readLog(runner, await probeRepository(runner, opts), opts.signal);
}
