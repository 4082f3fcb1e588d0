// End to end: a fixture kpi.json, a temporary repository, readHistory, evaluate, fixed now.
import * as assert from 'node:assert/strict';
import { allKpis, evaluate } from '../../../../src/core/evaluation/evaluate';
import type { Evaluation } from '../../../../src/core/evaluation/types';
import type { History } from '../../../../src/core/history';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { readHistory } from '../../helpers/history';
import { fixture } from '../../helpers/fixtures';
import { TempRepo, tempSpace } from '../../helpers/tempRepo';

// Sunday of 2024-W26: 2w is W24 and W25 = [06-10, 06-24), 4w is [05-27, 06-24).
const NOW = new Date('2024-06-30T00:00:00Z');

describe('core/evaluate on a temporary repository', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  let result: Evaluation;

  before(async () => {
    repo = space.repo();
    const on = (msg: string, date: string): string => repo.write('main.txt', `${msg}\n`).commit(msg, date);
    on('Initial', '2024-06-01T00:00:00Z');
    on('Investigate crash, see #12', '2024-06-10T00:00:00Z');
    on('Fixes #12', '2024-06-11T12:00:00Z'); // 36 h
    repo.branch('fix/typo').checkout('fix/typo');
    repo.write('README', 'typo\n').commit('Typo', '2024-06-18T00:00:00Z');
    repo.checkout('main');
    repo.merge('fix/typo', '2024-06-19T00:00:00Z'); // 24 h
    on('Work A', '2024-06-20T00:00:00Z');
    on('Work A2', '2024-06-21T00:00:00Z');
    on('Work A3', '2024-06-22T00:00:00Z');
    on('Work B', '2024-06-24T00:00:00Z');
    on('Work C', '2024-06-25T00:00:00Z');
    on('Work D', '2024-06-27T00:00:00Z');
    on('Work E', '2024-06-29T12:00:00Z');
    history = await readHistory(repo.dir);
    const parsed = parseKpiFile(fixture('e2e.kpi.json'));
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.config);
    result = evaluate(parsed.config, history, NOW);
  });

  it('describes the evaluation', () => {
    assert.equal(result.now, '2024-06-30T00:00:00.000Z');
    assert.equal(result.head, repo.head());
    assert.equal(result.shallow, false);
    assert.equal(result.commitCount, Number(repo.git(['rev-list', '--count', 'HEAD']).trim()));
    assert.equal(result.commitCount, 12);
    assert.deepEqual(
      result.objectives.map((o) => [o.id, o.name, o.kpis.map((k) => k.id)]),
      [
        ['flow', 'Flow', ['freq-week', 'freq-2w']],
        ['quality', 'Quality', ['turnaround', 'turnaround-plain', 'turnaround-1d']],
      ],
    );
  });

  it('computes every KPI with its value, status and window', () => {
    assert.deepEqual(
      allKpis(result).map((k) => ({ id: k.id, value: k.value, unit: k.unit, status: k.status, window: k.windowLabel, n: k.sampleSize })),
      [
        { id: 'freq-week', value: 4, unit: '/week', status: 'met', window: '7d', n: 4 },
        { id: 'freq-2w', value: 3, unit: '/week', status: 'offTrack', window: '2w', n: 6 },
        { id: 'turnaround', value: 30, unit: 'h', status: 'atRisk', window: '4w', n: 2 },
        { id: 'turnaround-plain', value: 30, unit: 'h', status: 'noTarget', window: '4w', n: 2 },
        { id: 'turnaround-1d', value: null, unit: 'h', status: 'noData', window: '1d', n: 0 },
      ],
    );
  });

  it('carries metric titles, targets, details and provenance', () => {
    const [week, , turn] = allKpis(result);
    assert.ok(week && turn);
    assert.equal(week.metricTitle, 'Commit frequency');
    assert.equal(week.objectiveId, 'flow');
    assert.deepEqual(week.target, { direction: 'atLeast', value: 3 });
    assert.deepEqual(week.details, { commits: 4 });
    assert.deepEqual(week.provenance.window, { start: '2024-06-23', end: '2024-06-30' });
    assert.deepEqual(week.provenance.commands, history.commands);
    const byMessage = new Map(history.commits.map((c) => [c.message.trim(), c.hash]));
    assert.deepEqual([...week.provenance.commits].sort(), ['Work B', 'Work C', 'Work D', 'Work E'].map((m) => byMessage.get(m)).sort());
    assert.equal(turn.metricTitle, 'Bug-fix turnaround');
    assert.deepEqual(turn.details, { p75: 33, fixes: 2 });
    assert.deepEqual(turn.provenance.window, { start: '2024-05-27', end: '2024-06-23' });
    assert.deepEqual(allKpis(result)[1]?.provenance.window, { start: '2024-06-10', end: '2024-06-23' });
    assert.deepEqual(
      [...turn.provenance.commits].sort(),
      ['Investigate crash, see #12', 'Fixes #12', 'Typo', "Merge branch 'fix/typo'"].map((m) => byMessage.get(m)).sort(),
    );
  });

  it('is a pure function of config, history and now', () => {
    const parsed = parseKpiFile(fixture('e2e.kpi.json'));
    assert.ok(parsed.config);
    assert.deepEqual(evaluate(parsed.config, history, NOW), result);
    const later = evaluate(parsed.config, history, new Date('2024-09-01T00:00:00Z'));
    assert.deepEqual(
      allKpis(later).map((k) => [k.value, k.status]),
      // Months after the last commit: no data ("no commits since …"), never a 0 that is off track.
      [
        [null, 'noData'],
        [null, 'noData'],
        [null, 'noData'],
        [null, 'noData'],
        [null, 'noData'],
      ],
    );
  });

  it('gives no data for every KPI of an empty repository', async () => {
    const empty = await readHistory(space.repo().dir);
    const parsed = parseKpiFile(fixture('e2e.kpi.json'));
    assert.ok(parsed.config);
    const e = evaluate(parsed.config, empty, NOW);
    assert.equal(e.head, null);
    assert.equal(e.commitCount, 0);
    assert.deepEqual(
      allKpis(e).map((k) => k.status),
      ['noData', 'noData', 'noData', 'noData', 'noData'],
    );
  });
});

describe('core/evaluate options and data quality', () => {
  const space = tempSpace();
  const KPI = JSON.stringify({
    repository: { aliases: { 'bob@example.com': ['robert@home.example'] } },
    objectives: [{ id: 'flow', name: 'Flow', kpis: [{ id: 'freq', name: 'Commits', metric: 'commitFrequency', window: '1w' }] }],
  });
  let history: History;

  before(async () => {
    const repo = space.repo();
    let n = 0;
    const by = (name: string, email: string, date: string): string =>
      repo.write(`f${++n}.txt`, `${n}\n`).commit(`Work ${n}`, date, { authorName: name, authorEmail: email });
    by('carl', 'carl@example.com', '2024-06-17T01:00:00Z');
    by('carl', 'carl@example.com', '2024-06-17T02:00:00Z');
    by('carl', 'carl@example.com', '2024-06-17T03:00:00Z');
    by('bob', 'bob@example.com', '2024-06-18T00:00:00Z');
    by('Robert', 'robert@home.example', '2024-06-19T00:00:00Z');
    by('Émile', 'emile@example.com', '2024-06-20T00:00:00Z');
    by('Ana', 'ana@example.com', '2024-06-21T00:00:00Z');
    by('dependabot[bot]', 'dependabot@example.com', '2024-06-22T00:00:00Z');
    by('Zed', 'zed@example.com', '2024-06-10T00:00:00Z'); // W24: outside 1w
    history = await readHistory(repo.dir);
  });

  function run(perPerson?: boolean): Evaluation {
    const parsed = parseKpiFile(KPI);
    assert.ok(parsed.config);
    return evaluate(parsed.config, history, new Date('2024-06-26T12:00:00Z'), perPerson === undefined ? {} : { perPerson });
  }

  it('leaves the per-person breakdown out by default', () => {
    for (const e of [run(), run(false)]) {
      const [kpi] = allKpis(e);
      assert.ok(kpi);
      assert.equal(kpi.value, 7);
      assert.equal('people' in kpi, false);
    }
  });

  it('with perPerson adds people: the counted commits by person, sorted by name, bots left out', () => {
    const [kpi] = allKpis(run(true));
    // bob and Robert are one person (alias map), shown with the name of the newest counted commit.
    assert.deepEqual(kpi?.people, [
      { name: 'Ana', commits: 1 },
      { name: 'carl', commits: 3 },
      { name: 'Émile', commits: 1 },
      { name: 'Robert', commits: 2 },
    ]);
  });

  it('reports data quality with the evaluation', () => {
    const dq = run().dataQuality;
    assert.equal(dq.botCommits, 1);
    assert.equal(dq.identitiesMerged, 1);
    assert.deepEqual(
      dq.notes.map((n) => n.code),
      ['bots', 'identities', 'fixEvidence', 'noReleaseTags'],
    );
  });
});
