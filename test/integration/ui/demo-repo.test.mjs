// The demo repository generator, checked against git itself: the facts the other tests
// rely on must describe the repository that was written. Plain Node, no VS Code.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO_REFERENCE,
  EDGE_MARGIN,
  GUARDED_WINDOWS,
  createDemoRepo,
  expectedDataQuality,
  expectedKpis,
  expectedObjectives,
  kpiConfig,
  kpiJson,
  landingsOf,
  quarterStart,
  shallowClone,
  windowAt,
  windowEdges,
} from '../../../scripts/demo-repo.mjs';

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
    facts = await createDemoRepo(path.join(tmp, 'a'), {
      now: new Date(DEMO_REFERENCE.now),
      weeks: DEMO_REFERENCE.weeks,
      seed: DEMO_REFERENCE.seed,
    });
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
    assert.deepEqual(
      again.commits.map((c) => c.sha),
      facts.commits.map((c) => c.sha),
    );
    const other = await createDemoRepo(path.join(tmp, 'c'), { now: new Date(DEMO_REFERENCE.now), seed: 7 });
    assert.notDeepEqual(
      other.commits.map((c) => c.sha),
      facts.commits.map((c) => c.sha),
    );
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
    const kpis = expectedKpis(facts);
    const byMetric = (m) => kpis.find((k) => k.metric === m);
    const freq = byMetric('commitFrequency');
    const turnaround = byMetric('bugFixTurnaround');
    assert.equal(freq.sampleCount, DEMO_REFERENCE.commitsCounted);
    assert.equal(freq.value, DEMO_REFERENCE.commitFrequency);
    assert.equal(turnaround.sampleCount, DEMO_REFERENCE.bugFixesCounted);
    assert.equal(turnaround.value, DEMO_REFERENCE.bugFixTurnaround);
    assert.equal(turnaround.sampleCount % 2, 1, 'an odd number of bug fixes keeps the median one sample');
    const reverts = byMetric('revertRate');
    const coverage = byMetric('reviewCoverage');
    assert.equal(reverts.sampleCount, DEMO_REFERENCE.landings);
    assert.equal(reverts.commits.length, DEMO_REFERENCE.reverts);
    assert.equal(reverts.value, Math.round((DEMO_REFERENCE.reverts / DEMO_REFERENCE.landings) * 1000) / 10);
    assert.equal(coverage.sampleCount, DEMO_REFERENCE.landings);
    assert.equal(coverage.commits.length, DEMO_REFERENCE.reviewed);
    assert.equal(coverage.value, Math.round((DEMO_REFERENCE.reviewed / DEMO_REFERENCE.landings) * 1000) / 10);
    assert.deepEqual(Object.fromEntries(kpis.map((k) => [k.id, k.status])), DEMO_REFERENCE.statuses);
    assert.deepEqual(Object.fromEntries(kpis.map((k) => [k.id, k.baseline])), DEMO_REFERENCE.baselines);
    const okr = expectedObjectives(facts).find((o) => o.mode === 'okr');
    assert.equal(okr.score, DEMO_REFERENCE.okrScore);
    assert.equal(okr.success, false);
    for (const o of expectedObjectives(facts))
      assert.deepEqual([o.timeframe.start, o.timeframe.end], DEMO_REFERENCE.timeframe, `${o.id}: time frame`);
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
    assert.equal(
      count((c) => !c.bot && Date.parse(c.authorDate) > now - 28 * DAY),
      m.rollingCommits,
      'a rolling 28 days',
    );
    assert.equal(
      count((c) => !c.bot && w4.contains(Date.parse(c.committerDate))),
      m.committerDateCommits,
      'committer dates',
    );
    assert.equal(
      count((c) => w4.contains(Date.parse(c.authorDate))),
      m.withBotsCommits,
      'bots counted',
    );
    for (const n of [m.rollingCommits, m.committerDateCommits, m.withBotsCommits]) assert.notEqual(n, DEMO_REFERENCE.commitsCounted);
    const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
    const landing = (b) => bySha.get(b.commits.at(-1));
    const median = (pred) => {
      const v = facts.bugFixes
        .filter(pred)
        .map((b) => b.hours)
        .sort((a, b) => a - b);
      return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    };
    assert.equal(
      median((b) => Date.parse(landing(b).committerDate) > now - 84 * DAY),
      m.rollingTurnaround,
      'a rolling 84 days',
    );
    assert.equal(
      median((b) => w12.contains(Date.parse(landing(b).authorDate))),
      m.authorDateTurnaround,
      'author dates of landings',
    );
    for (const v of [m.rollingTurnaround, m.authorDateTurnaround]) assert.notEqual(v, DEMO_REFERENCE.bugFixTurnaround);
    // Landing metrics: bot landings (Dependabot's squashed commit, a merge of its branch) left out.
    const mainLine = facts.commits.filter((c) => c.mainLine && w4.contains(Date.parse(c.committerDate)));
    assert.equal(mainLine.length, m.withBotLandings, 'landings with bots');
    assert.notEqual(mainLine.length, DEMO_REFERENCE.landings);
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
    assert.equal(fs.readFileSync(path.join(facts.dir, 'kpi.json'), 'utf8'), kpiJson(Date.parse(facts.now)));
    assert.equal(facts.kpiJson, kpiJson(Date.parse(facts.now)));
    assert.deepEqual(
      git('tag').trim().split('\n'),
      facts.tags.map((t) => t.name),
    );
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

  it('has reverts and review trailers, as git sees them', function () {
    const records = git('log', '--format=%H%x1f%B%x1f%(trailers:key=Reviewed-by,key=Co-authored-by,valueonly,separator=%x2c)%x1e', 'main')
      .split('\x1e')
      .map((r) => r.replace(/^\n/, ''))
      .filter(Boolean)
      .map((r) => r.split('\x1f'));
    const reverts = records.filter(([, body]) => /This reverts commit [0-9a-f]{40}/.test(body));
    assert.equal(reverts.length, facts.commits.filter((c) => c.reverts).length);
    assert.ok(reverts.length >= 3, 'three reverts');
    for (const [sha, body] of reverts) {
      const c = facts.commits.find((x) => x.sha === sha);
      assert.equal(/This reverts commit ([0-9a-f]{40})/.exec(body)[1], c.reverts, `${sha} reverts what the facts say`);
      git('merge-base', '--is-ancestor', c.reverts, sha);
      assert.equal(
        git('diff', '--numstat', `${c.reverts}^`, c.reverts)
          .trim()
          .replace(/^(\d+)\t(\d+)/, '$2\t$1'),
        git('diff', '--numstat', `${sha}^`, sha).trim(),
        `${sha} undoes the lines ${c.reverts} added`,
      );
    }
    const named = new Map(records.map(([sha, , trailers]) => [sha, trailers.trim()]));
    const withTrailer = facts.commits.filter((c) => c.reviewedBy);
    assert.equal([...named.values()].filter(Boolean).length, withTrailer.length, 'commits with a Reviewed-by or Co-authored-by trailer');
    const names = new Map(facts.team.map((p) => [p.email, `${p.name} <${p.email}>`]));
    for (const c of withTrailer) {
      assert.equal(named.get(c.sha), names.get(c.reviewedBy.email), `${c.sha}: the trailer names the reviewer`);
      assert.notEqual(c.reviewedBy.email, c.identity, `${c.sha}: the reviewer is not the author`);
    }
  });

  it('agrees with git on the landings: the first-parent chain, and what each merge brought', function () {
    const chain = git('rev-list', '--first-parent', 'main').trim().split('\n').reverse();
    assert.deepEqual(
      facts.commits.filter((c) => c.mainLine).map((c) => c.sha),
      chain,
    );
    const landings = new Map(landingsOf(facts).map((l) => [l.commit.sha, l]));
    for (const sha of git('rev-list', '--first-parent', '--merges', 'main').trim().split('\n')) {
      const brought = git('rev-list', `${sha}^1..${sha}`)
        .trim()
        .split('\n')
        .filter((x) => x !== sha);
      const l = landings.get(sha);
      if (!l) {
        assert.ok(
          brought.every((b) => facts.commits.find((c) => c.sha === b).bot),
          `${sha} is left out only as a bot's landing`,
        );
        continue;
      }
      assert.deepEqual(
        l.brought
          .map((c) => c.sha)
          .filter((x) => x !== sha)
          .sort(),
        brought.sort(),
        `what ${sha} brought`,
      );
    }
  });

  it('writes a kpi.json for the quarter that contains now, whatever now is', function () {
    for (const now of ['2026-01-01T00:00:00Z', '2026-03-31T23:59:59Z', '2026-06-18T12:00:00Z', '2026-12-31T12:00:00Z']) {
      const t = Date.parse(now);
      const config = kpiConfig(kpiJson(t));
      for (const o of config.objectives) {
        assert.equal(o.timeframe.start, quarterStart(t), `${now}: ${o.id} starts with the quarter`);
        assert.equal(o.timeframe.duration, '1q');
        assert.ok(o.type && o.review && o.owner, `${o.id}: type, review and owner`);
      }
    }
    assert.equal(quarterStart(Date.parse('2026-06-18T12:00:00Z')), '2026-04-01');
    assert.equal(quarterStart(Date.parse('2026-12-31T23:00:00Z')), '2026-10-01');
    const config = kpiConfig(facts.kpiJson);
    assert.equal(config.objectives.filter((o) => o.mode === 'okr').length, 1, 'one OKR objective');
    const kpis = config.objectives.flatMap((o) => o.kpis);
    const speed = [
      'commitFrequency',
      'bugFixTurnaround',
      'integrationFrequency',
      'changeSize',
      'deploymentFrequency',
      'leadTime',
      'codingDays',
    ];
    const quality = ['revertRate', 'fixShare', 'reviewCoverage', 'changeFailureRate'];
    for (const k of kpis.filter((x) => speed.includes(x.metric))) {
      assert.ok(quality.includes(kpis.find((g) => g.id === k.guardrail)?.metric), `${k.id}: its guardrail is a quality KPI`);
    }
  });

  it('makes shallow clones whose facts are what the clone holds', function () {
    const clone = shallowClone(facts, path.join(tmp, 'shallow'), 5);
    const cloneGit = (...args) => execFileSync('git', args, { cwd: clone.dir, encoding: 'utf8' }).trim();
    assert.equal(cloneGit('rev-parse', '--is-shallow-repository'), 'true');
    assert.deepEqual(cloneGit('log', '--format=%H').split('\n').sort(), clone.commits.map((c) => c.sha).sort());
    assert.equal(fs.readFileSync(path.join(clone.dir, 'kpi.json'), 'utf8'), facts.kpiJson);
    const q = expectedDataQuality(clone);
    assert.ok(q.codes.includes('shallow'));
    assert.equal(q.codes.includes('noReleaseTags'), clone.tags.length === 0);
  });
});
