// The engine worker through its client, as the extension uses it: the same evaluation as the
// engine in this thread, git errors keep their kind across the thread boundary, and a
// cancelled run rejects as cancelled.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runEngine } from '../../../src/engine';
import { RepositoryReader } from '../../../src/git/reader';
import { GitError } from '../../../src/git/runner';
import { EngineClient } from '../../../src/worker/engineClient';
import { tempSpace, type TempRepo } from '../helpers/tempRepo';

const SCRIPT = path.resolve(__dirname, '../../../src/worker/engineWorker.js');
const NOW = new Date('2024-02-14T12:00:00Z');
const KPI_JSON = JSON.stringify({
  objectives: [
    {
      name: 'Flow',
      kpis: [
        { id: 'c', name: 'Commits', metric: 'commitFrequency', window: '2w', target: { direction: 'atLeast', value: 2 } },
        { id: 's', name: 'Size', metric: 'changeSize', window: '4w' },
      ],
    },
  ],
});

describe('worker/engineClient EngineClient', function () {
  this.timeout(60_000);
  const space = tempSpace();
  let repo: TempRepo;
  let client: EngineClient;

  before(() => {
    repo = space.repo();
    for (let i = 0; i < 12; i++)
      repo.write(`f${i % 3}.txt`, `${'x\n'.repeat(i + 1)}`).commit(`work ${i}`, new Date(Date.UTC(2024, 0, 2 + 3 * i, 12)).toISOString());
    client = new EngineClient(SCRIPT);
  });

  after(() => client.dispose());

  it('gives the evaluation the engine gives in this thread', async () => {
    const inWorker = await client.run({ folder: repo.dir, timeoutMs: 30_000 }, KPI_JSON, NOW, false);
    const here = await runEngine(KPI_JSON, new RepositoryReader(repo.dir), NOW);
    assert.equal(inWorker.kind, 'ok');
    assert.equal(here.kind, 'ok');
    if (inWorker.kind === 'ok' && here.kind === 'ok') {
      assert.deepEqual(inWorker.evaluation, here.evaluation);
      assert.deepEqual(inWorker.problems, here.parse.problems);
      assert.equal(inWorker.mode, 'full');
    }
    const again = await client.run({ folder: repo.dir, timeoutMs: 30_000 }, KPI_JSON, NOW, false);
    assert.equal(again.kind === 'ok' && again.mode, 'cached', 'the worker keeps its reader between runs');
  });

  it('answers a broken kpi.json with its problems', async () => {
    const r = await client.run({ folder: repo.dir, timeoutMs: 30_000 }, '{ "objectives": [', NOW, false);
    assert.equal(r.kind, 'invalid');
    assert.ok(r.problems.some((p) => p.code === 'syntax'));
  });

  it('keeps the kind of a git error', async () => {
    const notRepo = space.dir();
    await assert.rejects(
      client.run({ folder: notRepo, timeoutMs: 30_000 }, KPI_JSON, NOW, false),
      (e: unknown) => e instanceof GitError && e.kind === 'notRepository',
    );
  });

  it('rejects a cancelled run as cancelled, and serves the next one', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      client.run({ folder: repo.dir, timeoutMs: 30_000 }, KPI_JSON, NOW, false, ac.signal),
      (e: unknown) => e instanceof GitError && e.kind === 'cancelled',
    );
    const other = space.repo();
    other.write('a.txt', 'a\n').commit('one', '2024-02-01T12:00:00Z');
    const ac2 = new AbortController();
    const run = client.run({ folder: other.dir, timeoutMs: 30_000 }, KPI_JSON, NOW, false, ac2.signal);
    ac2.abort();
    await assert.rejects(run, (e: unknown) => e instanceof GitError && e.kind === 'cancelled');
    const next = await client.run({ folder: repo.dir, timeoutMs: 30_000 }, KPI_JSON, NOW, false);
    assert.equal(next.kind, 'ok');
  });

  it("suggests a current value from the same reader, under kpi.json's repository settings (as the KPI will be measured)", async () => {
    // [2024-01-29, 2024-02-12): work 9 (01-29) and 10 (02-01), and 11 (02-04): 3 commits in 2 weeks.
    const plain = await client.currentValue({ folder: repo.dir, timeoutMs: 30_000 }, 'commitFrequency', '2w', NOW);
    assert.equal(plain, 1.5);
    const r = await runEngine(KPI_JSON, new RepositoryReader(repo.dir), NOW);
    assert.equal(r.kind === 'ok' ? r.evaluation.objectives[0]!.kpis[0]!.value : undefined, plain, 'the value the KPI gets');
    // The test identity as a bot: no commits by people are left, so there is nothing to count.
    const bots = await client.currentValue({ folder: repo.dir, timeoutMs: 30_000 }, 'commitFrequency', '2w', NOW, { botPatterns: ['.'] });
    assert.equal(bots, 0);
    // Another branch, where only the first commits exist: its history ends before the window.
    repo.git(['branch', 'old', 'HEAD~6']);
    const old = await client.currentValue({ folder: repo.dir, timeoutMs: 30_000 }, 'commitFrequency', '2w', NOW, { mainBranch: 'old' });
    assert.equal(old, null);
  });
});
