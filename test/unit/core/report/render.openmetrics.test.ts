// The OpenMetrics / Prometheus text output is checked by Prometheus's own `promtool`
// (Debian package `prometheus`, installed by .ci/run and `npm test`'s set-up).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { renderReport } from '../../../../src/core/report/index';
import { readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';

const KPI_JSON = `{
  // Hostile names and ids must still give valid label values.
  "objectives": [
    { "id": "flow", "name": "Flow \\"quoted\\" \\\\ back\\nslash", "timeframe": { "start": "2026-03-02", "duration": "1q" }, "mode": "okr",
      "kpis": [
        { "id": "freq", "name": "Commit frequency", "metric": "commitFrequency", "target": { "direction": "increaseTo", "value": 5 }, "window": "2w" },
        { "id": "size", "name": "Change size", "metric": "changeSize", "target": { "direction": "range", "min": 1, "max": 50 }, "window": "4w" },
        { "id": "none", "name": "No target", "metric": "revertRate" }
      ] }
  ]
}`;

function promtool(input: string): { status: number | null; output: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input, encoding: 'utf8' });
  if (r.error) throw new Error(`promtool is required for this test (Debian: apt-get install -y prometheus): ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('OpenMetrics output', function () {
  this.timeout(60_000);
  const space = tempSpace();
  let repo: TempRepo;

  before(() => {
    repo = space.repo();
    for (let i = 0; i < 10; i++) {
      const day = String(2 + i * 3).padStart(2, '0');
      repo.write(`src/f${i}.ts`, `export const x${i} = ${i};\n`);
      repo.commit(i % 4 === 0 ? `fix: thing ${i} (fixes #${i + 1})` : `feat: thing ${i}`, `2026-03-${day}T10:00:00Z`);
    }
  });

  it('passes promtool check metrics, with one status state set per KPI and the EOF marker', async () => {
    const config = parseKpiFile(KPI_JSON).config;
    assert.ok(config);
    const history = await readHistory(repo.dir);
    const text = renderReport(evaluate(config, history, new Date('2026-04-06T12:00:00Z')), 'openmetrics', 'repo "x"\n');
    const checked = promtool(text);
    assert.equal(checked.status, 0, checked.output);
    assert.ok(text.endsWith('# EOF\n'));
    const states = text.split('\n').filter((l) => l.startsWith('engineering_kpi_status{') && l.includes('kpi="freq"'));
    assert.equal(states.length, 6);
    assert.equal(states.filter((l) => l.endsWith(' 1')).length, 1, 'exactly one state is 1');
    assert.ok(text.includes('repository="repo \\"x\\" "'), 'quotes are escaped and the newline became a space');
  });

  it('promtool rejects a broken exposition (the check can fail)', () => {
    assert.notEqual(promtool('engineering_kpi_value{kpi="a} 1\n').status, 0);
  });
});
