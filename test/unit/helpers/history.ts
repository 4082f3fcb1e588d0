// The tests' shorthand for a cold read of a repository's history through the one reader.
import type { History } from '../../../src/core/history';
import { RepositoryReader, type ReadOptions } from '../../../src/git/reader';
import { GitRunner } from '../../../src/git/runner';

function readerFor(source: string | GitRunner): RepositoryReader {
  return typeof source === 'string' ? new RepositoryReader(source) : new RepositoryReader(source.cwd, {}, source);
}

/** Headers only, as the planned read starts (a fresh reader, no cache on disk). */
export function readHeaders(source: string | GitRunner, opts: ReadOptions = {}): Promise<History> {
  return readerFor(source).read(opts);
}

/** Everything: headers, then the line counts of every commit (what a one-pass `git log --numstat` gives). */
export async function readHistory(source: string | GitRunner, opts: ReadOptions = {}): Promise<History> {
  const reader = readerFor(source);
  const headers = await reader.read(opts);
  return reader.withLineCounts(
    headers,
    headers.commits.map((c) => c.hash),
    opts,
  );
}
