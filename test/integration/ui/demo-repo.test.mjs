// The demo repository generator, checked against git itself: the facts the other tests
// rely on must describe the repository that was written. Plain Node, no VS Code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_REFERENCE, KPI_JSON, createDemoRepo, expectedKpis } from '../../../scripts/demo-repo.mjs';

const DAY = 86_400_000;

describe('demo repository generator', function () {
  let tmp;
  let facts;
  let elapsed;
  const git = (...args) => execFileSync('git', args, { cwd: facts.dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });

  before(async function () {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-demo-'));
    const t = Date.now();
    facts = await createDemoRepo(path.join(tmp, 'a'), { now: new Date(DEMO_REFERENCE.now), weeks: DEMO_REFERENCE.weeks, seed: DEMO_REFERENCE.seed });
    elapsed = Date.now() - t;
  });

  after(function () {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is quick to make', function () {
    assert.ok(elapsed < 3000, `took ${elapsed} ms`);
  });

  it('is the same for the same seed, and different for another', async function () {
    const again = await createDemoRepo(path.join(tmp, 'b'), { now: new Date(DEMO_REFERENCE.now) });
    assert.deepEqual(again.commits.map((c) => c.sha), facts.commits.map((c) => c.sha));
    const other = await createDemoRepo(path.join(tmp, 'c'), { now: new Date(DEMO_REFERENCE.now), seed: 7 });
    assert.notDeepEqual(other.commits.map((c) => c.sha), facts.commits.map((c) => c.sha));
  });

  it('matches the reference numbers documented in scripts/demo-repo.mjs', function () {
    const [freq, turnaround] = expectedKpis(facts);
    assert.equal(freq.sampleCount, DEMO_REFERENCE.commitsInLast28Days);
    assert.equal(freq.value, DEMO_REFERENCE.commitFrequency);
    assert.equal(turnaround.sampleCount, DEMO_REFERENCE.bugFixesInLast84Days);
    assert.equal(turnaround.value, DEMO_REFERENCE.bugFixTurnaround);
    assert.equal(turnaround.sampleCount % 2, 1, 'an odd number of bug fixes keeps the median one sample');
  });

  it('writes a clean main branch with kpi.json, merged branches gone, and release tags', function () {
    assert.equal(git('status', '--porcelain'), '');
    assert.equal(git('branch', '--format=%(refname:short)').trim(), 'main');
    assert.equal(fs.readFileSync(path.join(facts.dir, 'kpi.json'), 'utf8'), KPI_JSON);
    assert.deepEqual(git('tag').trim().split('\n'), facts.tags.map((t) => t.name));
    git('fsck', '--no-progress', '--strict');
  });

  it('records every commit with the dates git has, all before now and away from window edges', function () {
    const now = Date.parse(facts.now);
    const log = git('log', '--format=%H %aI %cI %P', 'main').trim().split('\n');
    assert.equal(log.length, facts.commits.length);
    const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
    for (const line of log) {
      const [sha, authored, committed, ...parents] = line.split(' ');
      const c = bySha.get(sha);
      assert.ok(c, `commit ${sha} is in the facts`);
      assert.equal(Date.parse(authored), Date.parse(c.authorDate), `${sha} author date`);
      assert.equal(Date.parse(committed), Date.parse(c.committerDate), `${sha} committer date`);
      assert.deepEqual(parents.filter(Boolean), c.parents);
      for (const t of [Date.parse(authored), Date.parse(committed)]) {
        assert.ok(t < now - 3_600_000, `${sha} is at least an hour before now`);
        for (const days of [28, 84]) assert.ok(Math.abs(t - (now - days * DAY)) >= 3 * 3_600_000, `${sha} is not near the ${days}-day edge`);
      }
    }
  });

  it('agrees with git on the commit count and on which main-line commits close issues', function () {
    const now = Date.parse(facts.now);
    const nonMerge = git('log', '--no-merges', '--format=%at', 'main').trim().split('\n').map(Number);
    const inWindow = nonMerge.filter((s) => s * 1000 > now - 28 * DAY && s * 1000 <= now).length;
    assert.equal(inWindow, DEMO_REFERENCE.commitsInLast28Days);
    const closing = git('log', '--first-parent', '--format=%H%x1f%B%x1e', 'main')
      .split('\x1e')
      .map((r) => r.trim().split('\x1f'))
      .filter(([, body]) => /\b(fix(es|ed)?|close[sd]?|resolve[sd]?) #\d+/i.test(body ?? ''))
      .map(([sha]) => sha);
    const issueFixes = facts.bugFixes.filter((b) => b.kind === 'issue');
    assert.equal(closing.length, issueFixes.length, 'one main-line closing commit per issue fix');
    for (const b of issueFixes) assert.ok(closing.includes(b.commits.at(-1)), `${b.ref} closes on main`);
    const fixMerges = git('log', '--first-parent', '--merges', '--format=%s', 'main')
      .trim()
      .split('\n')
      .filter((s) => /^Merge branch '(fix|bugfix|hotfix)/.test(s) || /^Merge pull request #\d+ from [^/]+\/(fix|bugfix|hotfix)/.test(s));
    const prFixes = issueFixes.filter((b) => b.shape === 'pr').length;
    const branchFixes = facts.bugFixes.filter((b) => b.kind === 'fixBranch').length;
    assert.equal(fixMerges.length, branchFixes + prFixes, 'fix-branch merges: plain ones plus pull requests that close an issue');
  });
});
