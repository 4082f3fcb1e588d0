// Edge cases found by review: ids of new objectives, impossible calendar dates in manual
// values and on the CLI, one-day time frames, and years before 100.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { addKpiEdits } from '../../src/core/kpiJson/addKpi';
import { isCalendarDate } from '../../src/core/time/calendar';
import { applyEdits } from 'jsonc-parser';
import { parseKpiFile } from '../../src/core/kpiJson/parse';
import { parseManualValues } from '../../src/core/evaluation/manual';
import { tempSpace } from './helpers/tempRepo';

describe('edge cases', () => {
  const space = tempSpace();

  it('gives a new objective an id that no objective or KPI in the file has, the new KPI included', () => {
    const text = '{ "objectives": [ { "id": "flow-2", "name": "Other", "kpis": [] } ] }';
    const edits = addKpiEdits(text, {
      objective: { name: 'Flow' },
      id: 'flow',
      name: 'Flow',
      metric: 'commitFrequency',
      direction: 'atLeast',
      value: 3,
      window: '4w',
    });
    const parsed = parseKpiFile(applyEdits(text, edits));
    assert.deepEqual(
      parsed.problems.filter((p) => p.severity === 'error'),
      [],
    );
    const ids = parsed.config!.objectives.map((o) => o.id);
    assert.deepEqual(ids, ['flow-2', 'flow-3']);
    assert.equal(parsed.config!.objectives[1]!.kpis[0]!.id, 'flow');
  });

  it('reports a manual value on an impossible date as a bad line', () => {
    const values = parseManualValues('{"kpi":"nps","date":"2024-02-30","value":1}\n{"kpi":"nps","date":"2024-02-29","value":2}\n');
    assert.deepEqual(values.badLines, [1]);
    assert.deepEqual(values.byKpi.get('nps'), [{ time: Date.parse('2024-02-29T00:00:00Z'), value: 2 }]);
  });

  it('refuses --now on an impossible date with exit code 2', async () => {
    const repo = space.repo();
    repo.write('kpi.json', '{ "objectives": [] }');
    repo.commit('chore: kpi', '2024-02-01T10:00:00Z');
    let stderr = '';
    const code = await main(['report', '--dir', repo.dir, '--now', '2024-02-30'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    });
    assert.equal(code, 2);
    assert.match(stderr, /--now takes an ISO date/);
  });

  it('accepts a time frame that starts and ends on the same day (end dates are inclusive)', () => {
    const r = parseKpiFile(
      '{ "objectives": [ { "name": "Day", "timeframe": { "start": "2026-03-01", "end": "2026-03-01" }, "kpis": [] } ] }',
    );
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config?.objectives[0]?.timeframe, { start: '2026-03-01', end: '2026-03-01' });
  });

  it('knows the calendar of years before 100', () => {
    assert.equal(isCalendarDate('0050-01-01'), true);
    assert.equal(isCalendarDate('0004-02-29'), true);
    assert.equal(isCalendarDate('0100-02-29'), false);
  });
});

describe('kpi report and slow patterns', () => {
  const space = tempSpace();

  it('runs a fix pattern that would backtrack exponentially on the native engine, in linear time', async () => {
    const repo = space.repo();
    // On JavaScript's engine, (a+)+b on the first message below would never finish.
    repo.write(
      'kpi.json',
      '{ "repository": { "fixPatterns": ["(a+)+b"] }, "objectives": [ { "name": "Q", "kpis": [ { "id": "fixes", "name": "Fixes", "metric": "fixShare", "window": "52w" } ] } ] }',
    );
    repo.commit(`fix: ${'a'.repeat(4000)}!`, '2024-02-01T10:00:00Z'); // within the 4 KiB matched
    repo.emptyCommit(`chore: ${'a'.repeat(4000)}b`, '2024-02-02T10:00:00Z');
    let stdout = '';
    const code = await main(['report', '--dir', repo.dir, '--format', 'json', '--now', '2024-03-01'], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
    });
    assert.equal(code, 0);
    const json = JSON.parse(stdout) as { kpis: { id: string; value: number | null }[] };
    assert.deepEqual(
      json.kpis.map((k) => [k.id, k.value]),
      [['fixes', 50]], // the second message matches, the first does not
    );
  });

  it('refuses a pattern RE2 cannot run (a lookahead) with exit 2, before reading any commit', async () => {
    const repo = space.repo();
    repo.write('kpi.json', '{ "repository": { "botPatterns": ["^(?!human)"] }, "objectives": [] }');
    repo.commit('a', '2024-02-01T10:00:00Z');
    let stderr = '';
    const code = await main(['report', '--dir', repo.dir], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    assert.equal(code, 2);
    assert.match(stderr, /^kpi\.json: error: Invalid regular expression \(RE2 syntax\): /m);
  });
});
