// Review snapshots (.kpi/history.jsonl): which snapshots are owed at each checkpoint, that
// each is taken once, that past values come back on the KPIs, and that the file survives a
// history rewrite because it is read from the work tree, not from git.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import {
  REVIEW_HISTORY_FILE,
  dueSnapshots,
  parseSnapshots,
  reviewsOf,
  snapshotAll,
  snapshotLines,
} from '../../../../src/core/evaluation/reviewHistory';
import { appendSnapshots, readSnapshots, runEngine } from '../../../../src/engine';
import { RepositoryReader } from '../../../../src/git/reader';
import { readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';

const KPI_JSON = `{
  "reviewHistory": true,
  "objectives": [
    {
      "id": "flow",
      "name": "Flow",
      "timeframe": { "start": "2026-01-05", "duration": "12w" },
      "review": "biweekly",
      "kpis": [{ "id": "freq", "name": "Commit frequency", "metric": "commitFrequency", "target": { "direction": "increaseTo", "value": 6 }, "window": "1w" }]
    },
    {
      "id": "other",
      "name": "No cadence",
      "timeframe": { "start": "2026-01-05", "duration": "12w" },
      "kpis": [{ "id": "reverts", "name": "Revert rate", "metric": "revertRate", "target": { "direction": "atMost", "value": 5 } }]
    }
  ]
}`;

describe('core/reviewHistory', () => {
  const space = tempSpace();
  let repo: TempRepo;

  before(() => {
    repo = space.repo();
    // Three commits a week from 2026-01-05 (a Monday) to the end of February.
    for (let day = 0; day < 56; day += 2) {
      const date = new Date(Date.UTC(2026, 0, 5 + day, 10)).toISOString();
      repo.write(`f${day}.txt`, `${day}\n`);
      repo.commit(`feat: change ${day}`, date);
    }
    repo.write('kpi.json', KPI_JSON);
    repo.commit('chore: kpi.json', '2026-02-28T10:00:00Z');
  });

  async function evaluated(now: string) {
    const config = parseKpiFile(KPI_JSON).config!;
    const history = await readHistory(repo.dir);
    return { config, evaluation: evaluate(config, history, new Date(now)) };
  }

  it('owes one snapshot per KPI of a reviewed objective at the latest checkpoint, then none', async () => {
    const { config, evaluation } = await evaluated('2026-01-21T09:00:00Z');
    // Biweekly from 2026-01-05: checkpoints on 01-19, 02-02, ...; on 01-21 the latest is 01-19.
    const due = dueSnapshots(config, evaluation, [], new Date('2026-01-21T09:00:00Z'));
    assert.deepEqual(
      due.map((s) => ({ kpi: s.kpi, review: s.review, date: s.date })),
      [{ kpi: 'freq', review: '2026-01-19', date: '2026-01-21' }],
      'the objective without a cadence owes nothing',
    );
    assert.equal(due[0]!.value, evaluation.objectives[0]!.kpis[0]!.value);
    assert.equal(due[0]!.head, evaluation.head);
    assert.deepEqual(dueSnapshots(config, evaluation, due, new Date('2026-01-21T09:00:00Z')), [], 'taken once per checkpoint');
  });

  it('owes nothing before the first checkpoint', async () => {
    const { config, evaluation } = await evaluated('2026-01-10T09:00:00Z');
    assert.deepEqual(dueSnapshots(config, evaluation, [], new Date('2026-01-10T09:00:00Z')), []);
  });

  it('round-trips through the file format and skips lines that do not parse', async () => {
    const { evaluation } = await evaluated('2026-02-04T09:00:00Z');
    const all = snapshotAll(evaluation, new Date('2026-02-04T09:00:00Z'));
    assert.deepEqual(
      all.map((s) => [s.kpi, s.review]),
      [
        ['freq', 'manual'],
        ['reverts', 'manual'],
      ],
    );
    const text = `${snapshotLines(all)}not json\n{"kpi": 3}\n\n`;
    assert.deepEqual(parseSnapshots(text), all);
  });

  it('two snapshots of the same checkpoint are one (the later line wins); on-demand ones are one per day', () => {
    const line = (date: string, review: string, value: number) =>
      `${JSON.stringify({ date, kpi: 'freq', value, unit: '/week', status: 'met', review, head: null })}\n`;
    const snapshots = parseSnapshots(
      line('2026-02-02', '2026-02-02', 3) +
        line('2026-02-03', '2026-02-02', 4) + // the same checkpoint, taken again by a second window
        line('2026-02-04', 'manual', 5) +
        line('2026-02-04', 'manual', 6) +
        line('2026-02-05', 'manual', 7) +
        line('2026-02-16', '2026-02-16', 8),
    );
    assert.deepEqual(
      reviewsOf('freq', snapshots).map((s) => [s.date, s.review, s.value]),
      [
        ['2026-02-03', '2026-02-02', 4],
        ['2026-02-04', 'manual', 6],
        ['2026-02-05', 'manual', 7],
        ['2026-02-16', '2026-02-16', 8],
      ],
    );
  });

  it('appends to .kpi/history.jsonl and brings past values back onto each KPI', async () => {
    const first = await runEngine(KPI_JSON, new RepositoryReader(repo.dir), new Date('2026-01-21T09:00:00Z'));
    assert.equal(first.kind, 'ok');
    if (first.kind !== 'ok') return;
    const due1 = dueSnapshots(first.config, first.evaluation, first.snapshots, new Date('2026-01-21T09:00:00Z'));
    await appendSnapshots(repo.dir, due1);
    const second = await runEngine(KPI_JSON, new RepositoryReader(repo.dir), new Date('2026-02-04T09:00:00Z'));
    assert.equal(second.kind, 'ok');
    if (second.kind !== 'ok') return;
    const due2 = dueSnapshots(second.config, second.evaluation, second.snapshots, new Date('2026-02-04T09:00:00Z'));
    assert.deepEqual(
      due2.map((s) => s.review),
      ['2026-02-02'],
    );
    await appendSnapshots(repo.dir, due2);
    const lines = readFileSync(join(repo.dir, REVIEW_HISTORY_FILE), 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    const third = await runEngine(KPI_JSON, new RepositoryReader(repo.dir), new Date('2026-02-05T09:00:00Z'));
    assert.equal(third.kind, 'ok');
    if (third.kind !== 'ok') return;
    const freq = third.evaluation.objectives[0]!.kpis[0]!;
    assert.deepEqual(freq.reviews, [
      { date: '2026-01-21', value: due1[0]!.value },
      { date: '2026-02-04', value: due2[0]!.value },
    ]);
    assert.equal(third.evaluation.objectives[1]!.kpis[0]!.reviews, undefined, 'no snapshots, no reviews');
  });

  it('keeps past values when history is rewritten, because they live in the work tree', async () => {
    const before = await readSnapshots(repo.dir);
    assert.ok(before.length > 0);
    const oldHead = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['reset', '-q', '--hard', 'HEAD~5']);
    try {
      assert.deepEqual(await readSnapshots(repo.dir), before, '.kpi/history.jsonl is untracked here and survives the reset');
      assert.deepEqual(
        reviewsOf('freq', before).map((s) => s.head),
        reviewsOf('freq', before).map(() => oldHead),
      );
    } finally {
      repo.git(['reset', '-q', '--hard', oldHead]);
    }
  });

  it('reads an empty list when the file does not exist, and creates the folder on append', async () => {
    const other = space.repo();
    assert.deepEqual(await readSnapshots(other.dir), []);
    mkdirSync(join(other.dir, 'x'));
    writeFileSync(join(other.dir, 'x', 'keep'), '');
    await appendSnapshots(other.dir, [{ date: '2026-01-01', kpi: 'k', value: 1, unit: '', status: 'met', review: 'manual', head: null }]);
    assert.deepEqual(
      (await readSnapshots(other.dir)).map((s) => s.kpi),
      ['k'],
    );
  });
});
