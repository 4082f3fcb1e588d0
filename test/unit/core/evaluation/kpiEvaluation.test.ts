// evaluateKpi and evaluate on temporary repositories with fixed dates: baseline, weekly
// series, status inside and after a time frame, attainability, OKR scores, manual values,
// guardrail alerts.
import * as assert from 'node:assert/strict';
import { allKpis, evaluate } from '../../../../src/core/evaluation/evaluate';
import type { Evaluation, KpiResult } from '../../../../src/core/evaluation/types';
import { forecast } from '../../../../src/core/forecast/forecast';
import type { History } from '../../../../src/core/history';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { ATTAINABILITY_WEEKS, TREND_WEEKS, evaluateKpi, improvement } from '../../../../src/core/evaluation/kpiEvaluation';
import { MANUAL_VALUES_FILE, manualRecordLine, parseManualValues } from '../../../../src/core/evaluation/manual';
import { METRICS } from '../../../../src/core/metrics/registry';
import type { KpiConfig } from '../../../../src/core/kpiJson/model';
import { windowEndingAt } from '../../../../src/core/time/window';
import { readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';
import { WEEK_MS } from '../../../../src/core/time/units';
import { english } from '../../../../src/core/text/translatable';

const DAY = 86_400_000;
/** Monday 2024-01-01: week k of the fixture starts k weeks later. */
const W0 = Date.UTC(2024, 0, 1);
const week = (k: number): number => W0 + k * WEEK_MS;
const iso = (t: number): string => new Date(t).toISOString();

/** Commits per ISO week (index from 2024-01-01). Week 4 is the baseline week, week 8 the current one. */
const COMMITS: Readonly<Record<number, number>> = { 0: 1, 1: 2, 2: 0, 3: 3, 4: 1, 5: 2, 6: 5, 7: 0, 8: 5, 14: 3 };

/** Time frame 2024-02-05 (week 5) + 8 weeks = [02-05, 04-01); NOW is exactly half-way. */
const NOW = new Date('2024-03-04T00:00:00Z');
const AFTER = new Date('2024-04-15T00:00:00Z');
const BEFORE = new Date('2024-01-22T00:00:00Z');

const freq = (id: string, target: string): string =>
  `{ "id": "${id}", "name": "${id}", "metric": "commitFrequency", "window": "1w", "target": ${target} }`;

const KPI_JSON = `// Fixture for kpiEvaluation.test.ts
{
  "objectives": [
    {
      "id": "flow",
      "name": "Flow",
      "timeframe": { "start": "2024-02-05", "duration": "8w" },
      "review": "biweekly",
      "kpis": [
        ${freq('on-track', '{ "direction": "increaseTo", "value": 9 }')},
        ${freq('at-risk', '{ "direction": "increaseTo", "value": 17 }')},
        ${freq('off-track', '{ "direction": "increaseTo", "value": 41 }')},
        ${freq('met', '{ "direction": "atLeast", "value": 5 }')},
        ${freq('low-bar', '{ "direction": "atLeast", "value": 3 }')},
        ${freq('fixed-baseline', '{ "direction": "increaseTo", "value": 9, "baseline": 0 }')},
        { "id": "untargeted", "name": "Untargeted", "metric": "commitFrequency", "window": "1w" },
        { "id": "nps", "name": "NPS", "manual": true, "unit": "points", "target": { "direction": "increaseTo", "value": 50 } }
      ]
    },
    {
      "id": "okr-win",
      "name": "OKR that succeeds",
      "mode": "okr",
      "timeframe": { "start": "2024-02-05", "end": "2024-03-31" },
      "kpis": [
        ${freq('kr-half', '{ "direction": "increaseTo", "value": 9 }')},
        ${freq('kr-done', '{ "direction": "increaseTo", "value": 5 }')}
      ]
    },
    {
      "id": "okr-miss",
      "name": "OKR that falls short",
      "mode": "okr",
      "timeframe": { "start": "2024-02-05", "end": "2024-03-31" },
      "kpis": [${freq('kr-tenth', '{ "direction": "increaseTo", "value": 41 }')}]
    }
  ],
  "kpis": [${freq('loose', '{ "direction": "atLeast", "value": 5 }')}]
}
`;

/** .kpi/values.jsonl with good lines, bad lines, CRLF, a blank line and an out-of-order record. */
const VALUES = [
  '{"kpi":"nps","date":"2024-02-20","value":30}', // 1
  'not json', // 2 bad
  '{"kpi":"nps","date":"2024-02-27","value":40,"note":"survey"}\r', // 3 (CRLF)
  '{"kpi":"nps","date":"2024-2-27","value":1}', // 4 bad: date format
  '{"kpi":"nps","value":1}', // 5 bad: no date
  '{"kpi":"nps","date":"2024-03-01","value":"5"}', // 6 bad: string value
  '{"kpi":42,"date":"2024-03-01","value":5}', // 7 bad: kpi not a string
  '', // 8 blank: skipped, not bad
  '{"kpi":"nps","date":"2024-01-10","value":10}', // 9 older than line 1
  '{"kpi":"nps","date":"2024-03-05","value":99}', // 10 after NOW
  '[1,2]', // 11 bad
  'null', // 12 bad
  '{"kpi":"other","date":"2024-02-01","value":-3.5}', // 13
  '{"kpi":"nps","date":"2024-03-01","value":1e999}', // 14 bad: not finite
  '   ', // 15 blank
].join('\n');

function byId(e: Evaluation, id: string): KpiResult {
  const k = allKpis(e).find((r) => r.id === id);
  assert.ok(k, `no KPI ${id}`);
  return k;
}

describe('core/manual parseManualValues', () => {
  it('reads good lines sorted by date, reports bad lines by number, skips blank lines', () => {
    const m = parseManualValues(VALUES);
    assert.deepEqual(m.badLines, [2, 4, 5, 6, 7, 11, 12, 14]);
    assert.deepEqual([...m.byKpi.keys()].sort(), ['nps', 'other']);
    assert.deepEqual(m.byKpi.get('nps'), [
      { time: Date.UTC(2024, 0, 10), value: 10 },
      { time: Date.UTC(2024, 1, 20), value: 30 },
      { time: Date.UTC(2024, 1, 27), value: 40 },
      { time: Date.UTC(2024, 2, 5), value: 99 },
    ]);
    assert.deepEqual(m.byKpi.get('other'), [{ time: Date.UTC(2024, 1, 1), value: -3.5 }]);
  });

  it('an empty file has no values and no bad lines', () => {
    const m = parseManualValues('');
    assert.equal(m.byKpi.size, 0);
    assert.deepEqual(m.badLines, []);
  });

  it('manualRecordLine writes one JSON line that parses back', () => {
    const line = manualRecordLine({ kpi: 'nps', date: '2024-03-01', value: 42, note: 'a "quoted"\nnote' });
    assert.equal(line, '{"kpi":"nps","date":"2024-03-01","value":42,"note":"a \\"quoted\\"\\nnote"}\n');
    assert.equal(manualRecordLine({ kpi: 'nps', date: '2024-03-01', value: 1, note: '' }), '{"kpi":"nps","date":"2024-03-01","value":1}\n');
    assert.deepEqual(parseManualValues(line).byKpi.get('nps'), [{ time: Date.UTC(2024, 2, 1), value: 42 }]);
    assert.equal(MANUAL_VALUES_FILE, '.kpi/values.jsonl');
  });
});

describe('core/kpiEvaluation on a temporary repository', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  let config: KpiConfig;
  let now: Evaluation;
  let after: Evaluation;
  let early: Evaluation;

  before(async () => {
    repo = space.repo();
    for (const [k, n] of Object.entries(COMMITS)) {
      for (let j = 0; j < n; j++) repo.emptyCommit(`work ${k}.${j}`, iso(week(Number(k)) + j * DAY + 10 * 3_600_000));
    }
    history = await readHistory(repo.dir);
    const parsed = parseKpiFile(KPI_JSON);
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.config);
    config = parsed.config;
    const manual = parseManualValues(VALUES);
    now = evaluate(config, history, NOW, { manual });
    after = evaluate(config, history, AFTER, { manual });
    early = evaluate(config, history, BEFORE, { manual });
  });

  it('the fixture has the planned commits', () => {
    assert.equal(history.commits.length, 22);
  });

  it('the baseline is the value over the period before the time frame (week 4: 1 commit)', () => {
    for (const id of ['on-track', 'at-risk', 'off-track', 'met', 'kr-half']) assert.equal(byId(now, id).baseline, 1, id);
    assert.equal(byId(now, 'fixed-baseline').baseline, 0, 'target.baseline wins');
    assert.equal(byId(now, 'loose').baseline, null, 'no time frame, no baseline');
    assert.equal(byId(now, 'untargeted').baseline, 1);
  });

  it('the value is the metric over the window ending now (week 8: 5 commits)', () => {
    const k = byId(now, 'on-track');
    assert.equal(k.value, 5);
    assert.equal(k.sampleSize, 5);
    assert.equal(k.windowLabel, '1w');
    assert.deepEqual(k.provenance.window, { start: '2024-02-26', end: '2024-03-03' });
    assert.deepEqual(k.timeframe, { start: '2024-02-05', end: '2024-03-31' });
    assert.equal(k.source, 'git');
    assert.equal(k.metricTitle, 'Commit frequency');
    assert.equal(k.unit, '/week');
  });

  it('weekly series: one point per ISO week, each equal to the metric computed at that week end', () => {
    const k = byId(now, 'on-track');
    // 26 weeks back from NOW (2023-09-04) through the last complete week (2024-02-26)
    assert.equal(k.series.length, ATTAINABILITY_WEEKS);
    assert.equal(k.series[0]!.week, Date.UTC(2023, 8, 4));
    assert.equal(k.series[k.series.length - 1]!.week, week(8));
    const first = Math.min(...history.commits.map((c) => c.authorTime));
    for (const p of k.series) {
      const end = p.week + WEEK_MS;
      const expected =
        end <= first ? null : METRICS.commitFrequency.compute({ history, window: windowEndingAt(new Date(end), '1w') }).value;
      assert.equal(p.value, expected, new Date(p.week).toISOString());
    }
    // weeks that ended before the first commit have no data; then the planned counts
    assert.deepEqual(
      k.series.map((p) => p.value),
      [...Array<null>(17).fill(null), 1, 2, 0, 3, 1, 2, 5, 0, 5],
    );
  });

  it('status inside the time frame: onTrack, atRisk, offTrack by progress; met when met; never better than the forecast', () => {
    // 'on-track' and 'fixed-baseline' are on plan, but their forecasts are unlikely: at risk.
    assert.equal(byId(now, 'on-track').forecast?.verdict, 'unlikely');
    const cases: [string, string, object | undefined][] = [
      ['on-track', 'atRisk', { actual: 0.5, expected: 0.5, expectedValue: 5 }],
      ['at-risk', 'atRisk', { actual: 0.25, expected: 0.5, expectedValue: 9 }],
      ['off-track', 'offTrack', { actual: 0.1, expected: 0.5, expectedValue: 21 }],
      ['met', 'met', undefined],
      ['low-bar', 'met', undefined],
      ['fixed-baseline', 'atRisk', { actual: 5 / 9, expected: 0.5, expectedValue: 4.5 }],
      ['untargeted', 'noTarget', undefined],
      ['loose', 'met', undefined],
    ];
    for (const [id, status, progress] of cases) {
      const k = byId(now, id);
      assert.equal(k.status, status, id);
      assert.deepEqual(k.progress, progress, id);
    }
  });

  it('forecasts the last 12 weeks of the series to the end of the time frame', () => {
    const k = byId(now, 'on-track');
    assert.ok(k.forecast);
    assert.equal(k.forecast.weeksLeft, 4); // last complete week ends 03-04; the frame ends 04-01
    assert.deepEqual(k.forecast, forecast(k.series.slice(-TREND_WEEKS), k.target, Date.UTC(2024, 3, 1)));
    assert.equal(byId(now, 'untargeted').forecast, undefined);
    assert.equal(byId(now, 'loose').forecast, undefined, 'no time frame, no deadline');
  });

  it('attainability counts the past weeks with data where the target was met', () => {
    assert.deepEqual(byId(now, 'met').attainability, { met: 2, of: 9 }); // weeks 6 and 8
    assert.deepEqual(byId(now, 'low-bar').attainability, { met: 3, of: 9 }); // weeks 3, 6 and 8
    assert.deepEqual(byId(now, 'on-track').attainability, { met: 0, of: 9 });
    assert.equal(byId(now, 'untargeted').attainability, undefined);
  });

  it('the next review follows the biweekly cadence from the start', () => {
    assert.equal(now.objectives[0]!.nextReview, '2024-03-04'); // 02-19, 03-04, 03-18, 04-01
    assert.equal(after.objectives[0]!.nextReview, undefined);
    assert.equal(now.objectives[1]!.nextReview, undefined, 'no review set');
  });

  it('after the time frame: met or offTrack by the value at now, no progress, no forecast', () => {
    // week 14 (2024-04-08) has 3 commits
    const cases: [string, number | null, string][] = [
      ['on-track', 3, 'offTrack'],
      ['met', 3, 'offTrack'],
      ['low-bar', 3, 'met'],
      ['untargeted', 3, 'noTarget'],
      ['nps', null, 'noData'],
    ];
    for (const [id, value, status] of cases) {
      const k = byId(after, id);
      assert.equal(k.value, value, id);
      assert.equal(k.status, status, id);
      assert.equal(k.progress, undefined, id);
      assert.equal(k.forecast, undefined, id);
    }
    // the series stops at the time frame's last week
    assert.equal(byId(after, 'on-track').series.at(-1)!.week, Date.UTC(2024, 2, 25));
  });

  it('before the time frame: the plain threshold status, with a forecast to its end', () => {
    // week 2 (2024-01-15) has no commits
    const k = byId(early, 'low-bar');
    assert.equal(k.value, 0);
    assert.equal(k.status, 'offTrack');
    assert.equal(k.progress, undefined);
    assert.ok(k.forecast);
    assert.equal(byId(early, 'on-track').status, 'offTrack');
  });

  it('OKR objectives score the mean of their key results; 0.7 or more is success', () => {
    const [kpiMode, win, miss] = now.objectives;
    assert.equal(kpiMode!.mode, 'kpi');
    assert.equal(kpiMode!.score, undefined);
    assert.equal(kpiMode!.success, undefined);
    assert.equal(byId(now, 'on-track').score, undefined, 'no score outside OKR mode');
    assert.equal(byId(now, 'kr-half').score, 0.5); // (5 − 1) / (9 − 1)
    assert.equal(byId(now, 'kr-done').score, 1);
    assert.equal(win!.mode, 'okr');
    assert.equal(win!.score, 0.75);
    assert.equal(win!.success, true);
    assert.equal(byId(now, 'kr-tenth').score, 0.1); // (5 − 1) / (41 − 1)
    assert.equal(miss!.score, 0.1);
    assert.equal(miss!.success, false);
  });

  it('manual KPIs take the latest recorded value inside the window', () => {
    const k = byId(now, 'nps');
    assert.equal(k.source, 'manual');
    assert.equal(k.metric, 'manual');
    assert.equal(k.metricTitle, 'Manual');
    assert.equal(k.unit, 'points');
    assert.equal(k.windowLabel, '4w');
    assert.equal(k.value, 40); // 02-20 and 02-27 are in [02-05, 03-04); 03-05 is not
    assert.equal(k.sampleSize, 2);
    assert.equal(k.baseline, 10); // 4w before 02-05 holds 01-10
    assert.equal(k.status, 'onTrack'); // (40 − 10) / (50 − 10) = 0.75 ≥ 0.5
    assert.deepEqual(k.progress, { actual: 0.75, expected: 0.5, expectedValue: 30 });
    assert.deepEqual(k.provenance.commands, ['.kpi/values.jsonl']);
    assert.deepEqual(k.provenance.commits, []);
    const at = (w: number): number | null | undefined => k.series.find((p) => p.week === w)?.value;
    assert.equal(at(week(1)), 10); // window [12-18, 01-15)
    assert.equal(at(week(5)), null); // window [01-15, 02-12): nothing recorded
    assert.equal(at(week(7)), 30);
    assert.equal(at(week(8)), 40);
  });

  it('a manual KPI without a values file has no data', () => {
    const k = evaluateKpi(config.objectives[0]!.kpis.find((d) => d.id === 'nps')!, config.objectives[0], {
      ctx: { history },
      manual: undefined,
      now: NOW,
    });
    assert.equal(k.value, null);
    assert.equal(k.status, 'noData');
    assert.equal(k.baseline, null);
  });

  it('no guardrail alerts without guardrails', () => {
    assert.deepEqual(now.guardrailAlerts, []);
  });
});

describe('core/evaluate guardrail alerts on a temporary repository', () => {
  const space = tempSpace();
  let result: Evaluation;

  // Week k (from 2024-01-01, k = 0..5) has k + 1 ordinary commits and k reverts: commit
  // frequency rises (1, 3, 5, ...) and so does the revert rate (0, 33.3, 40, ...).
  const NOW_G = new Date('2024-02-12T00:00:00Z');
  const JSON_G = `{
    "objectives": [{
      "id": "speed-vs-quality",
      "name": "Speed without breaking things",
      "kpis": [
        { "id": "speed", "name": "Speed", "metric": "commitFrequency", "window": "1w", "target": { "direction": "increaseTo", "value": 20 }, "guardrail": "quality" },
        { "id": "quality", "name": "Quality", "metric": "revertRate", "window": "1w", "target": { "direction": "atMost", "value": 5 } },
        { "id": "speed-2", "name": "Speed again", "metric": "commitFrequency", "window": "1w", "target": { "direction": "atLeast", "value": 20 }, "guardrail": "coverage" },
        { "id": "coverage", "name": "Coverage", "metric": "reviewCoverage", "window": "1w", "target": { "direction": "atLeast", "value": 50 } },
        { "id": "reverts-first", "name": "Reverts first", "metric": "revertRate", "window": "1w", "target": { "direction": "atMost", "value": 5 }, "guardrail": "speed" }
      ]
    }]
  }`;

  before(async () => {
    const repo = space.repo();
    for (let k = 0; k <= 5; k++) {
      let t = week(k) + 9 * 3_600_000;
      for (let j = 0; j <= k; j++) {
        repo.emptyCommit(`work ${k}.${j}`, iso(t));
        t += 3_600_000;
      }
      for (let j = 0; j < k; j++) {
        repo.emptyCommit(`Revert "work ${k}.${j}"\n\nThis reverts commit ${repo.head()}.`, iso(t));
        t += 3_600_000;
      }
    }
    const history = await readHistory(repo.dir);
    const parsed = parseKpiFile(JSON_G);
    assert.deepEqual(parsed.problems, []);
    result = evaluate(parsed.config!, history, NOW_G);
  });

  it('the speed KPI improves while its revert-rate guardrail worsens', () => {
    const speed = byId(result, 'speed');
    const quality = byId(result, 'quality');
    assert.deepEqual(
      speed.series.slice(-6).map((p) => p.value),
      [1, 3, 5, 7, 9, 11],
    );
    assert.deepEqual(
      quality.series.slice(-6).map((p) => p.value),
      [0, 33.3, 40, 42.9, 44.4, 45.5],
    );
    assert.equal(improvement(speed), 2);
    assert.ok(improvement(quality)! < 0);
    // No commit records a review: coverage has no value (not a flat 0%), so no trend either.
    assert.equal(byId(result, 'coverage').value, null);
    assert.equal(improvement(byId(result, 'coverage')), undefined);
  });

  it('flags exactly that pair, not a flat guardrail or a worsening KPI', () => {
    assert.deepEqual(result.guardrailAlerts, [
      { kpi: 'speed', guardrail: 'quality', message: 'Speed is improving while its guardrail Quality is getting worse.' },
    ]);
  });
});

describe('core/kpiEvaluation when the history ends before the window', function () {
  this.timeout(60_000);
  const space = tempSpace();

  it('says "no commits since DATE" and has no data, not a 0 that is off track', async () => {
    const repo = space.repo();
    for (let d = 0; d < 10; d++) repo.emptyCommit(`work ${d}`, new Date(Date.UTC(2024, 0, 1 + d, 12)).toISOString());
    const text = JSON.stringify({
      objectives: [
        {
          name: 'Flow',
          timeframe: { start: '2024-02-01', duration: '1q' },
          kpis: [{ id: 'c', name: 'Commits', metric: 'commitFrequency', window: '2w', target: { direction: 'atLeast', value: 3 } }],
        },
      ],
    });
    const history = await readHistory(repo.dir);
    const k = evaluate(parseKpiFile(text).config!, history, new Date('2024-03-06T12:00:00Z')).objectives[0]!.kpis[0]!;
    assert.equal(k.value, null);
    assert.equal(k.status, 'noData');
    assert.equal(k.why ? english(k.why) : '', 'No commits since 2024-01-10: the history ends before this window.');
    // The weeks with commits keep their values; the weeks after the last commit have none.
    const byWeek = new Map(k.series.map((p) => [new Date(p.week).toISOString().slice(0, 10), p.value]));
    assert.equal(byWeek.get('2024-01-01'), 3.5, 'the week that held commits 0 to 6 (two-week window)');
    assert.equal(byWeek.get('2024-02-19'), null);
    // While the window still reaches the last commit, a quiet stretch is a real 0 or more.
    const earlier = evaluate(parseKpiFile(text).config!, history, new Date('2024-01-24T12:00:00Z')).objectives[0]!.kpis[0]!;
    assert.equal(earlier.why, undefined);
    assert.equal(typeof earlier.value, 'number');
  });
});
