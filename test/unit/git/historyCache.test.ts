// The incremental history cache on real repositories: cached, incremental and full reads,
// and a rewritten branch (reset, rebase) that must never keep stale commits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHeaders } from '../helpers/history';
import { HistoryCache } from '../../../src/git/historyCache';
import { headerLogArgs } from '../../../src/git/logFormat';
import { GitRunner, type RunOptions } from '../../../src/git/runner';
import { tempSpace } from '../helpers/tempRepo';

/** A real runner that remembers the git commands it ran (git is still run, never mocked). */
class RecordingRunner extends GitRunner {
  readonly calls: string[][] = [];
  override run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    this.calls.push([...args]);
    return super.run(args, opts);
  }
  logCalls(): string[][] {
    return this.calls.filter((a) => a[0] === 'log');
  }
}

/** A read whose cache file is on disk when it resolves (writes happen after the read). */
async function readPersisted(cache: HistoryCache, head: string, shallow: boolean): ReturnType<HistoryCache['read']> {
  const r = await cache.read(head, shallow);
  await cache.flush();
  return r;
}

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
    assert.deepEqual(next.commits, (await readHeaders(runner)).commits);
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
    const full = await readPersisted(new HistoryCache(runner, storage, 'repo:main'), c1, false);
    const again = await readPersisted(new HistoryCache(runner, storage, 'repo:main'), c1, false);
    assert.equal(again.mode, 'cached');
    assert.deepEqual(again.commits, full.commits);
    assert.equal((await readPersisted(new HistoryCache(runner, storage, 'other-key'), c1, false)).mode, 'full');
  });

  it('writes a history of several slices to disk exactly as it holds it: commits and line counts', async () => {
    const repo = space.repo();
    // 4,500 commits through fast-import (more than two write slices of 2,000), each changing a file.
    const stream: string[] = [];
    for (let i = 1; i <= 4_500; i++) {
      const t = 1_704_067_200 + i * 600;
      const body = `line ${i}\n`;
      const msg = `Change ${i}\n\nBody with "quotes", \\ and \u2028 of ${i}.\n`;
      stream.push(`commit refs/heads/main\ncommitter A <a@example.com> ${t} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
      stream.push(`M 100644 inline f${i % 50}.txt\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
    repo.git(['fast-import', '--quiet'], { input: stream.join('') });
    const head = repo.git(['rev-parse', 'main']).trim();
    const runner = new GitRunner(repo.dir);
    const storage = space.dir();
    const writer = new HistoryCache(runner, storage, 'repo:main');
    const read = await writer.read(head, false);
    const ids = read.commits.slice(0, 2_500).map((c) => c.hash);
    const counts = await writer.lineCounts(ids);
    await writer.flush();
    const reader = new HistoryCache(runner, storage, 'repo:main');
    const again = await reader.read(head, false);
    assert.equal(again.mode, 'cached');
    assert.equal(again.commits.length, 4_500);
    assert.deepEqual(again.commits, read.commits);
    const cached = await reader.lineCounts(ids);
    assert.equal(cached.read, 0, 'every line count came from the file');
    assert.deepEqual(cached.files, counts.files);
  });

  it('reads one new commit incrementally: the log excludes the old head', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const runner = new RecordingRunner(repo.dir);
    const cache = new HistoryCache(runner, undefined, 'main');
    await cache.read(c2, false);
    const c3 = repo.write('a.txt', '3\n').commit('c3', '2024-01-03T00:00:00Z');
    runner.calls.length = 0;
    const r = await cache.read(c3, false);
    assert.equal(r.mode, 'incremental');
    assert.deepEqual(runner.calls, [['merge-base', '--is-ancestor', c2, c3], headerLogArgs(c3, c2)]);
    assert.ok(headerLogArgs(c3, c2).includes(`^${c2}`));
    assert.deepEqual(r.commands, [GitRunner.display(headerLogArgs(c3, c2))]);
    assert.deepEqual(r.commits, (await readHeaders(runner)).commits);
    assert.equal(r.commits[0]?.hash, c3);
  });

  it('reads fully after an amend: the amended commit is gone', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const cache = new HistoryCache(new GitRunner(repo.dir), undefined, 'main');
    await cache.read(c2, false);
    repo.git(['commit', '-q', '--amend', '-m', 'c2 amended'], { env: { GIT_COMMITTER_DATE: '2024-01-02T01:00:00Z' } });
    const amended = repo.head();
    const r = await cache.read(amended, false);
    assert.equal(r.mode, 'full');
    assert.deepEqual(
      r.commits.map((c) => c.hash),
      [amended, c1],
    );
  });

  it('reads fully after a rebase: the rebased commits are replaced by their copies', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    repo.branch('topic');
    const m2 = repo.write('a.txt', '2\n').commit('m2', '2024-01-02T00:00:00Z');
    repo.checkout('topic');
    const t1 = repo.write('t.txt', '1\n').commit('t1', '2024-01-03T00:00:00Z');
    const t2 = repo.write('t.txt', '2\n').commit('t2', '2024-01-04T00:00:00Z');
    const cache = new HistoryCache(new GitRunner(repo.dir), undefined, 'topic');
    assert.equal((await cache.read(t2, false)).commits.length, 3);
    repo.git(['rebase', '-q', 'main'], { env: { GIT_COMMITTER_DATE: '2024-01-05T00:00:00Z' } });
    const r = await cache.read(repo.head(), false);
    assert.equal(r.mode, 'full');
    const hashes = r.commits.map((c) => c.hash);
    assert.ok(!hashes.includes(t1) && !hashes.includes(t2));
    assert.ok(hashes.includes(m2));
    assert.deepEqual(
      r.commits.map((c) => c.message.trim()),
      ['t2', 't1', 'm2', 'c1'],
    );
  });

  it('reads fully after a reset to an older commit: the newer commits are gone', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const cache = new HistoryCache(new GitRunner(repo.dir), undefined, 'main');
    await cache.read(c2, false);
    repo.git(['reset', '-q', '--hard', c1]);
    const r = await cache.read(c1, false);
    assert.equal(r.mode, 'full');
    assert.deepEqual(
      r.commits.map((c) => c.hash),
      [c1],
    );
  });

  it('reads fully when the shallow state changed', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const cache = new HistoryCache(new GitRunner(repo.dir), undefined, 'main');
    await cache.read(c1, true);
    assert.equal((await cache.read(c1, false)).mode, 'full');
  });

  it('reads fully when the .mailmap fingerprint changed', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const cache = new HistoryCache(new GitRunner(repo.dir), undefined, 'main');
    await cache.read(c1, false, undefined, '');
    assert.equal((await cache.read(c1, false, undefined, '')).mode, 'cached');
    assert.equal((await cache.read(c1, false, undefined, 'abc')).mode, 'full');
    assert.equal((await cache.read(c1, false, undefined, 'abc')).mode, 'cached');
  });

  it('a new instance with the same folder and key serves the persisted log without running git', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const storage = space.dir();
    const first = await readPersisted(new HistoryCache(new GitRunner(repo.dir), storage, 'repo:main'), c2, false);
    const runner = new RecordingRunner(repo.dir);
    const again = await readPersisted(new HistoryCache(runner, storage, 'repo:main'), c2, false);
    assert.equal(again.mode, 'cached');
    assert.deepEqual(again.commands, []);
    assert.deepEqual(runner.calls, []);
    assert.deepEqual(again.commits, first.commits);
    // Another new instance continues incrementally from the persisted head.
    const c3 = repo.write('a.txt', '3\n').commit('c3', '2024-01-03T00:00:00Z');
    const next = await readPersisted(new HistoryCache(runner, storage, 'repo:main'), c3, false);
    assert.equal(next.mode, 'incremental');
    assert.deepEqual(runner.logCalls(), [headerLogArgs(c3, c2)]);
    assert.equal(next.commits.length, 3);
  });

  it('ignores a corrupt or outdated cache file and reads everything again', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const storage = space.dir();
    const full = await readPersisted(new HistoryCache(new GitRunner(repo.dir), storage, 'k'), c1, false);
    const files = fs.readdirSync(storage);
    assert.equal(files.length, 1);
    const file = path.join(storage, files[0]!);
    const good = fs.readFileSync(file, 'utf8');
    const bad = [
      '{"version": 2, "head": "trunc',
      '',
      'null',
      JSON.stringify({ ...JSON.parse(good), version: 1 }),
      JSON.stringify({ ...JSON.parse(good), head: '--output=/tmp/x' }),
      JSON.stringify({ ...JSON.parse(good), commits: 'not a list' }),
      // The right outline, the wrong inside: each would crash or mislead the metrics.
      JSON.stringify({ ...JSON.parse(good), commits: [1, 2] }),
      JSON.stringify({ ...JSON.parse(good), commits: [{ ...JSON.parse(good).commits[0], parents: ['--all'] }] }),
      JSON.stringify({ ...JSON.parse(good), commits: [{ ...JSON.parse(good).commits[0], authorTime: 'soon' }] }),
      JSON.stringify({ ...JSON.parse(good), commits: [{ ...JSON.parse(good).commits[0], message: { toString: 1 } }] }),
      JSON.stringify({ ...JSON.parse(good), lineCounts: { [c1]: [{ path: 'a.txt', added: -5, deleted: 0 }] } }),
      JSON.stringify({ ...JSON.parse(good), lineCounts: { __proto__x: [] } }),
      JSON.stringify({ ...JSON.parse(good), lineCounts: [] }),
    ];
    for (const text of bad) {
      fs.writeFileSync(file, text);
      const runner = new RecordingRunner(repo.dir);
      const r = await readPersisted(new HistoryCache(runner, storage, 'k'), c1, false);
      assert.equal(r.mode, 'full', text);
      assert.deepEqual(r.commits, full.commits);
      assert.deepEqual(runner.logCalls(), [headerLogArgs(c1)]);
      // The full read rewrote the file: the next instance is served from it.
      assert.equal((await readPersisted(new HistoryCache(runner, storage, 'k'), c1, false)).mode, 'cached');
    }
  });
});
