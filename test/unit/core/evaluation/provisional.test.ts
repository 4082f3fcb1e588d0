// Provisional weeks on a history whose work lands two weeks after it is written (topic
// branches merged by a maintainer): the latest author-date weeks are marked, forecasts
// leave them out, and data quality says why; a history that lands at once has none.
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { landingDelayDays } from '../../../../src/core/evaluation/provisional';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { population } from '../../../../src/core/metrics/population';
import { english } from '../../../../src/core/text/translatable';
import { forecast } from '../../../../src/core/forecast/forecast';
import { TREND_WEEKS } from '../../../../src/core/evaluation/kpiEvaluation';
import { timeframeBounds } from '../../../../src/core/time/calendar';
import { WEEK_MS } from '../../../../src/core/time/units';
import { chartData, chartSummary } from '../../../../src/ui/dashboard/chart';
import { readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';

const NOW = new Date('2024-06-26T12:00:00Z');
const DAY = 86_400_000;
const KPI_JSON = JSON.stringify({
  objectives: [
    {
      name: 'Flow',
      timeframe: { start: '2024-04-01', duration: '1q' },
      kpis: [
        { id: 'commits', name: 'Commits', metric: 'commitFrequency', window: '1w', target: { direction: 'increaseTo', value: 10 } },
        { id: 'landed', name: 'Landed', metric: 'integrationFrequency', window: '1w', target: { direction: 'increaseTo', value: 10 } },
      ],
    },
  ],
});

describe('core/evaluation/provisional weeks', () => {
  const space = tempSpace();

  /** Three commits a week on a topic branch from March on, each week merged `delayDays` later. */
  function history(delayDays: number): TempRepo {
    const repo = space.repo();
    repo.write('start.txt', 's\n').commit('Start', '2024-03-01T09:00:00Z');
    for (let t = Date.parse('2024-03-04T09:00:00Z'), n = 0; t + delayDays * DAY < NOW.getTime(); t += 7 * DAY, n++) {
      repo.branch(`topic-${n}`).checkout(`topic-${n}`);
      for (let k = 0; k < 3; k++) repo.write(`f${n}-${k}.txt`, `${k}\n`).commit(`Work ${n}.${k}`, new Date(t + k * DAY).toISOString());
      repo.checkout('main');
      repo.merge(`topic-${n}`, new Date(t + (2 + delayDays) * DAY).toISOString());
    }
    return repo;
  }

  it('marks the latest author-date weeks provisional, keeps them out of the forecast, and says why', async () => {
    const h = await readHistory(history(14).dir);
    assert.ok((landingDelayDays(population(h, {}), h) ?? 0) > 3);
    const parsed = parseKpiFile(KPI_JSON);
    const e = evaluate(parsed.config!, h, NOW);
    const [commits, landed] = e.objectives[0]!.kpis;
    const provisional = commits!.series.filter((p) => p.provisional).map((p) => new Date(p.week).toISOString().slice(0, 10));
    assert.ok(provisional.length >= 2, `provisional weeks: ${provisional.join(', ')}`);
    assert.ok(commits!.series.at(-1)!.provisional, 'the newest week is provisional');
    assert.ok(!commits!.series.at(0)!.provisional, 'old weeks are not');
    // Landing-dated metrics are complete as they stand.
    assert.equal(
      landed!.series.some((p) => p.provisional),
      false,
    );
    assert.match(commits!.note ? english(commits!.note) : '', /^Still filling in: work lands a median of [\d.]+ days after it is written/);
    assert.ok(e.dataQuality.notes.some((n) => n.code === 'provisionalWeeks'));
    // The forecast is fitted on the settled weeks only.
    const settled = commits!.series.filter((p) => !p.provisional).slice(-TREND_WEEKS);
    const tf = timeframeBounds(parsed.config!.objectives[0]!.timeframe!)!;
    assert.deepEqual(commits!.forecast, forecast(settled, parsed.config!.objectives[0]!.kpis[0]!.target!, tf.end));
    assert.notDeepEqual(
      commits!.forecast,
      forecast(commits!.series.slice(-TREND_WEEKS), parsed.config!.objectives[0]!.kpis[0]!.target!, tf.end),
    );
  });

  it('gives the dashboard chart the first provisional week, and none where there is none', async () => {
    const late = evaluate(parseKpiFile(KPI_JSON).config!, await readHistory(history(14).dir), NOW).objectives[0]!.kpis[0]!;
    const data = chartData(late)!;
    const first = late.series.find((p) => p.provisional)!;
    assert.equal(data.provisionalFrom, first.week + WEEK_MS, 'from the end of the first provisional week');
    const s = chartSummary(data);
    assert.equal(s.provisionalWeeks, late.series.filter((p) => p.provisional).length);
    const settled = evaluate(parseKpiFile(KPI_JSON).config!, await readHistory(history(0).dir), NOW).objectives[0]!.kpis[0]!;
    assert.equal(chartData(settled)!.provisionalFrom, undefined);
    assert.equal(chartSummary(chartData(settled)!).provisionalWeeks, 0);
  });

  it('has no provisional weeks where work lands within a few days', async () => {
    const h = await readHistory(history(0).dir);
    assert.ok((landingDelayDays(population(h, {}), h) ?? 99) <= 3);
    const e = evaluate(parseKpiFile(KPI_JSON).config!, h, NOW);
    assert.equal(
      e.objectives[0]!.kpis[0]!.series.some((p) => p.provisional),
      false,
    );
    assert.ok(!e.dataQuality.notes.some((n) => n.code === 'provisionalWeeks'));
  });
});
