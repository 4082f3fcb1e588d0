// The demo repository generator, checked against git itself: the facts the other tests
// rely on must describe the repository that was written. Plain Node, no VS Code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_REFERENCE, EDGE_MARGIN, GUARDED_WINDOWS, KPI_JSON, createDemoRepo, expectedDataQuality, expectedKpis, shallowClone, windowAt, windowEdges } from '../../../scripts/demo-repo.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;

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

  it('spells out the window edges: complete ISO weeks before the week of now', function () {
    const now = Date.parse(DEMO_REFERENCE.now);
    assert.deepEqual(GUARDED_WINDOWS, Object.keys(DEMO_REFERENCE.windows), 'the windows of kpi.json');
    for (const [text, [start, end]] of Object.entries(DEMO_REFERENCE.windows)) {
      const w = windowAt(text, now);
      assert.equal(new Date(w.start).toISOString(), start, `${text} starts`);
      assert.equal(new Date(w.end).toISOString(), end, `${text} ends`);
      for (const edge of [w.start, w.end]) {
        assert.equal(new Date(edge).getUTCDay(), 1, `${text}: ${new Date(edge).toISOString()} is a Monday`);
        assert.equal(edge % DAY, 0, `${text}: ${new Date(edge).toISOString()} is midnight UTC`);
      }
      assert.ok(w.end <= now && now - w.end < 7 * DAY, `${text} ends at the start of the week of now`);
      assert.ok(w.contains(w.start) && !w.contains(w.end), `${text} is [start, end)`);
    }
    const rolling = windowAt('28d', now);
    assert.ok(rolling.contains(now) && !rolling.contains(now - 28 * DAY), '28d is (now - 28 days, now]');
  });

  it('matches the reference numbers documented in scripts/demo-repo.mjs', function () {
    const [freq, turnaround] = expectedKpis(facts);
    assert.equal(freq.sampleCount, DEMO_REFERENCE.commitsCounted);
    assert.equal(freq.value, DEMO_REFERENCE.commitFrequency);
    assert.equal(turnaround.sampleCount, DEMO_REFERENCE.bugFixesCounted);
    assert.equal(turnaround.value, DEMO_REFERENCE.bugFixTurnaround);
    assert.equal(turnaround.sampleCount % 2, 1, 'an odd number of bug fixes keeps the median one sample');
    const q = expectedDataQuality(facts);
    assert.deepEqual(q.codes, DEMO_REFERENCE.dataQuality);
    assert.equal(q.botCommits, DEMO_REFERENCE.botCommits);
    assert.equal(q.identitiesMerged, DEMO_REFERENCE.identitiesMerged);
  });

  it('tells the window semantics apart: other readings of the facts give other values', function () {
    const now = Date.parse(facts.now);
    const w4 = windowAt('4w', now);
    const w12 = windowAt('12w', now);
    const work = facts.commits.filter((c) => !c.isMerge);
    const count = (pred) => work.filter(pred).length;
    const m = DEMO_REFERENCE.misreadings;
    assert.equal(count((c) => !c.bot && Date.parse(c.authorDate) > now - 28 * DAY), m.rollingCommits, 'a rolling 28 days');
    assert.equal(count((c) => !c.bot && w4.contains(Date.parse(c.committerDate))), m.committerDateCommits, 'committer dates');
    assert.equal(count((c) => w4.contains(Date.parse(c.authorDate))), m.withBotsCommits, 'bots counted');
    for (const n of [m.rollingCommits, m.committerDateCommits, m.withBotsCommits]) assert.notEqual(n, DEMO_REFERENCE.commitsCounted);
    const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
    const landing = (b) => bySha.get(b.commits.at(-1));
    const median = (pred) => {
      const v = facts.bugFixes.filter(pred).map((b) => b.hours).sort((a, b) => a - b);
      return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    };
    assert.equal(median((b) => Date.parse(landing(b).committerDate) > now - 84 * DAY), m.rollingTurnaround, 'a rolling 84 days');
    assert.equal(median((b) => w12.contains(Date.parse(landing(b).authorDate))), m.authorDateTurnaround, 'author dates of landings');
    for (const v of [m.rollingTurnaround, m.authorDateTurnaround]) assert.notEqual(v, DEMO_REFERENCE.bugFixTurnaround);
    // The facts behind that: commits in the current, incomplete week, and commits authored
    // before a Monday edge but committed after it.
    assert.ok(count((c) => !c.bot && Date.parse(c.authorDate) >= w4.end) > 0, 'commits in the week of now');
    for (const edge of [w12.start, w4.start, w4.end]) {
      assert.ok(
        facts.commits.some((c) => Date.parse(c.authorDate) < edge && Date.parse(c.committerDate) > edge),
        `a commit authored before ${new Date(edge).toISOString()} and committed after it`,
      );
    }
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
        assert.ok(t < now - HOUR, `${sha} is at least an hour before now`);
        for (const edge of windowEdges(now)) {
          assert.ok(Math.abs(t - edge) >= EDGE_MARGIN, `${sha} is not within 3 h of the window edge ${new Date(edge).toISOString()}`);
        }
      }
    }
  });

  it('agrees with git on the commit count and on which main-line commits close issues', function () {
    const now = Date.parse(facts.now);
    const { start, end } = windowAt('4w', now);
    const nonMerge = git('log', '--no-merges', '--format=%at %an', 'main').trim().split('\n');
    const byPeople = nonMerge.filter((line) => !/\[bot\]$/.test(line)).map((line) => Number(line.split(' ')[0]) * 1000);
    assert.equal(byPeople.filter((t) => t >= start && t < end).length, DEMO_REFERENCE.commitsCounted);
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

  it('has Dependabot commits, an old identity that .mailmap folds in, and v* tags, as git sees them', function () {
    const recorded = new Set(git('log', '--no-mailmap', '--format=%an <%ae>', 'main').trim().split('\n'));
    const mapped = new Set(git('log', '--use-mailmap', '--format=%aN <%aE>', 'main').trim().split('\n'));
    const bots = [...recorded].filter((id) => /\[bot\] </.test(id));
    assert.deepEqual(bots, ['dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>']);
    assert.equal(git('log', '--author=dependabot', '--format=%H', 'main').trim().split('\n').length, DEMO_REFERENCE.botCommits);
    const people = (ids) => [...ids].filter((id) => !/\[bot\] </.test(id));
    assert.equal(people(recorded).length - people(mapped).length, DEMO_REFERENCE.identitiesMerged, 'identities .mailmap merges');
    assert.deepEqual(people(mapped).sort(), facts.team.map((p) => `${p.name} <${p.email}>`).sort(), 'after .mailmap: exactly the team');
    assert.ok(git('tag', '--list', 'v*').trim().length > 0, 'release tags');
  });

  it('makes shallow clones whose facts are what the clone holds', function () {
    const clone = shallowClone(facts, path.join(tmp, 'shallow'), 5);
    const cloneGit = (...args) => execFileSync('git', args, { cwd: clone.dir, encoding: 'utf8' }).trim();
    assert.equal(cloneGit('rev-parse', '--is-shallow-repository'), 'true');
    assert.deepEqual(cloneGit('log', '--format=%H').split('\n').sort(), clone.commits.map((c) => c.sha).sort());
    assert.equal(fs.readFileSync(path.join(clone.dir, 'kpi.json'), 'utf8'), KPI_JSON);
    const q = expectedDataQuality(clone);
    assert.ok(q.codes.includes('shallow'));
    assert.equal(q.codes.includes('noReleaseTags'), clone.tags.length === 0);
  });
});
