// The incremental history cache on real repositories: cached, incremental and full reads,
// and a rewritten branch (reset, rebase) that must never keep stale commits.
import * as assert from 'node:assert/strict';
import { readHistory } from '../../../src/git/history';
import { HistoryCache } from '../../../src/git/historyCache';
import { GitRunner } from '../../../src/git/runner';
import { tempSpace } from '../helpers/tempRepo';

describe('git/historyCache HistoryCache', () => {
  const space = tempSpace();

  it('reads fully, then from memory, then only the new commits', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const runner = new GitRunner(repo.dir);
    const cache = new HistoryCache(runner, undefined, 'main');
    const first = await cache.read(c2, false);
    assert.equal(first.mode, 'full');
    assert.equal((await cache.read(c2, false)).mode, 'cached');
    const c3 = repo.write('a.txt', '3\n').commit('c3', '2024-01-03T00:00:00Z');
    const next = await cache.read(c3, false);
    assert.equal(next.mode, 'incremental');
    assert.deepEqual(next.commits, (await readHistory(runner)).commits);
  });

  it('starts over when the cached head is no longer an ancestor (history rewritten)', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const runner = new GitRunner(repo.dir);
    const cache = new HistoryCache(runner, undefined, 'main');
    await cache.read(c2, false);
    repo.git(['reset', '-q', '--hard', c1]);
    const rewritten = repo.write('a.txt', 'other\n').commit('c2 rewritten', '2024-01-02T00:00:00Z');
    const r = await cache.read(rewritten, false);
    assert.equal(r.mode, 'full');
    assert.deepEqual(
      r.commits.map((c) => c.hash),
      [rewritten, c1],
    );
  });

  it('persists to its folder and serves a new instance from disk', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const runner = new GitRunner(repo.dir);
    const storage = space.dir();
    const full = await new HistoryCache(runner, storage, 'repo:main').read(c1, false);
    const again = await new HistoryCache(runner, storage, 'repo:main').read(c1, false);
    assert.equal(again.mode, 'cached');
    assert.deepEqual(again.commits, full.commits);
    assert.equal((await new HistoryCache(runner, storage, 'other-key').read(c1, false)).mode, 'full');
  });
});
