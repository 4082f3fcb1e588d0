// The tests' shorthand for a cold read of a repository's history through the one reader.
import type { History } from '../../../src/core/history';
import { RepositoryReader, type ReadOptions } from '../../../src/git/reader';
import { GitRunner } from '../../../src/git/runner';

/** A fresh RepositoryReader (no cache on disk) for a folder, or around a given runner. */
export function readHistory(source: string | GitRunner, opts: ReadOptions = {}): Promise<History> {
  const reader = typeof source === 'string' ? new RepositoryReader(source) : new RepositoryReader(source.cwd, {}, source);
  return reader.read(opts);
}
