// Regressions found in review: a long run of spaces in a commit message, two release tags on
// one commit, and a shallow clone deepened without moving HEAD.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { trailersOf } from '../../src/core/metrics/trailers';
import { changeFailureRate, deploymentFrequency, releases } from '../../src/core/metrics/delivery';
import { windowEndingAt } from '../../src/core/time/window';
import { RepositoryReader } from '../../src/git/reader';
import { readHistory } from './helpers/history';
import { tempSpace } from './helpers/tempRepo';

describe('review regressions', () => {
  const space = tempSpace();

  it('reads trailers of a message with a long run of spaces before a letter in linear time', () => {
    // /\s+$/ took ~1 s on 40,000 spaces and grows with the square; this must be instant.
    const message = `subject\n\n${' '.repeat(200_000)}x\n\nReviewed-by: Ana <ana@example.com>`;
    assert.deepEqual(trailersOf(message), [{ key: 'reviewed-by', value: 'Ana <ana@example.com>' }]);
    assert.deepEqual(trailersOf(`subject\n\n${' '.repeat(200_000)}x`), []);
  });

  it('counts a moving major tag beside a version tag on the same commit as one release', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n');
    const one = repo.commit('feat: one', '2026-03-02T10:00:00Z');
    repo.tag('v1.4.2', '2026-03-02T12:00:00Z');
    repo.tag('v1', '2026-03-02T12:00:00Z');
    repo.write('a.txt', '2\n');
    repo.commit(`fix: broken release (fixes #3)\n\nFixes: ${one.slice(0, 12)} ("feat: one")`, '2026-03-03T10:00:00Z');
    repo.tag('v1.4.3', '2026-03-03T12:00:00Z');
    const history = await readHistory(repo.dir);
    assert.deepEqual(
      releases(history).map((r) => r.tag.name),
      ['v1.4.2', 'v1.4.3'],
      'the second tag on the shipped commit is not another release',
    );
    const window = windowEndingAt(new Date('2026-03-04T12:00:00Z'), '7d');
    const deploys = deploymentFrequency.compute({ history, window });
    assert.equal(deploys.sampleSize, 2);
    assert.equal(new Set(deploys.commits).size, deploys.commits.length, 'no commit listed twice');
    const cfr = changeFailureRate.compute({ history, window });
    // One failed release (v1.4.3 fixes what v1.4.2 shipped) of two, not of three.
    assert.equal(cfr.value, 50, 'v1.4.2 failed, and the moving v1 is no release of its own');
  });

  it('reads history again when a shallow clone is deepened without moving HEAD', async () => {
    const origin = space.repo();
    for (let i = 0; i < 8; i++) {
      origin.write('f.txt', `${i}\n`);
      origin.commit(`feat: ${i}`, `2026-03-0${i + 1}T10:00:00Z`);
    }
    const clone = join(space.dir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${origin.dir}`, clone]);
    const storage = space.dir();
    const firstReader = new RepositoryReader(clone, { storageDir: storage });
    const first = await firstReader.read();
    await firstReader.flush();
    assert.equal(first.commits.length, 2);
    execFileSync('git', ['fetch', '-q', '--deepen', '3'], { cwd: clone });
    const reader = new RepositoryReader(clone, { storageDir: storage });
    const deeper = await reader.read();
    assert.equal(deeper.shallow, true);
    assert.equal(deeper.commits.length, 5, 'the deepened commits are read, not the cached two');
    assert.equal(reader.lastMode, 'full');
  });
});
