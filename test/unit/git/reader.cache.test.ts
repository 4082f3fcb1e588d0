// RepositoryReader: the cached log plus a fresh probe on every read, so that tags and a
// detached HEAD are current even when the log itself comes from the cache.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RepositoryReader } from '../../../src/git/reader';
import { tempSpace } from '../helpers/tempRepo';

describe('git/reader RepositoryReader', () => {
  const space = tempSpace();

  it('takes tags from the probe when the log is cached (a tag created after the first read)', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const reader = new RepositoryReader(repo.dir, { storageDir: space.dir() });
    const first = await reader.read();
    assert.equal(reader.lastMode, 'full');
    assert.deepEqual(first.tags, []);
    repo.tag('v1.0.0', '2024-01-03T00:00:00Z', 'Release');
    repo.git(['tag', 'v0.9', c1]);
    const second = await reader.read();
    assert.equal(reader.lastMode, 'cached');
    assert.deepEqual(
      [...(second.tags ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((t) => [t.name, t.commit, new Date(t.time).toISOString()]),
      [
        ['v0.9', c1, '2024-01-01T00:00:00.000Z'],
        ['v1.0.0', c2, '2024-01-03T00:00:00.000Z'],
      ],
    );
    assert.deepEqual(second.commits, first.commits);
    assert.equal(second.detached, false);
  });

  it('takes detached from the probe when the log is cached', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    const reader = new RepositoryReader(repo.dir);
    assert.equal((await reader.read()).detached, false);
    repo.git(['checkout', '-q', '--detach']);
    const h = await reader.read();
    assert.equal(reader.lastMode, 'cached');
    assert.equal(h.detached, true);
    // A configured branch is read by name: never detached.
    const named = await reader.read({ branch: 'main' });
    assert.equal(named.detached, false);
    assert.equal(named.head, h.head);
  });

  it('reads again when .mailmap changed, even though the head did not', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z', { authorName: 'Ana', authorEmail: 'ana@old.example' });
    repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z', { authorName: 'Ana Smith', authorEmail: 'ana@example.com' });
    const storageDir = space.dir();
    const reader = new RepositoryReader(repo.dir, { storageDir });
    const before = await reader.read();
    assert.deepEqual(
      before.commits.map((c) => c.authorEmail),
      ['ana@example.com', 'ana@old.example'],
    );
    repo.write('.mailmap', 'Ana Smith <ana@example.com> Ana <ana@old.example>\n'); // not committed
    const after = await reader.read();
    assert.equal(reader.lastMode, 'full');
    assert.deepEqual(
      after.commits.map((c) => [c.authorName, c.authorEmail]),
      [
        ['Ana Smith', 'ana@example.com'],
        ['Ana Smith', 'ana@example.com'],
      ],
    );
    await reader.read();
    assert.equal(reader.lastMode, 'cached');
    await reader.flush();
    // A new reader on the persisted cache sees the same .mailmap and is served from disk.
    const fresh = new RepositoryReader(repo.dir, { storageDir });
    assert.deepEqual((await fresh.read()).commits, after.commits);
    assert.equal(fresh.lastMode, 'cached');
  });

  it('finds .mailmap at the top of the work tree when the folder is a subfolder', async () => {
    const repo = space.repo();
    repo.write('sub/a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z', { authorName: 'Ana', authorEmail: 'ana@old.example' });
    const reader = new RepositoryReader(path.join(repo.dir, 'sub'));
    assert.equal((await reader.read()).commits[0]?.authorEmail, 'ana@old.example');
    repo.write('.mailmap', 'Ana Smith <ana@example.com> <ana@old.example>\n');
    assert.equal((await reader.read()).commits[0]?.authorEmail, 'ana@example.com');
    assert.equal(reader.lastMode, 'full');
  });

  it('gives an empty history for an unborn branch without reading the log', async () => {
    const reader = new RepositoryReader(space.repo().dir);
    const h = await reader.read();
    assert.equal(h.head, null);
    assert.deepEqual(h.commits, []);
    assert.equal(reader.lastMode, undefined);
  });
});
