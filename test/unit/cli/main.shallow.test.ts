// `kpi report` in a shallow CI checkout: it still reports, and says that the values are
// partial on stderr, in the JSON and in OpenMetrics.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { tempSpace } from '../helpers/tempRepo';

describe('kpi report in a shallow clone', () => {
  const space = tempSpace();

  it('exits 0 and marks the values partial everywhere', async () => {
    const repo = space.repo();
    repo.write(
      'kpi.json',
      '{ "objectives": [ { "name": "Flow", "kpis": [ { "id": "freq", "name": "Commits", "metric": "commitFrequency", "window": "2w" } ] } ] }',
    );
    for (let i = 0; i < 12; i++) {
      repo.write(`f${i}.txt`, `${i}\n`);
      repo.commit(`feat: ${i}`, new Date(Date.UTC(2026, 4, 1 + i * 2, 9)).toISOString());
    }
    const clone = join(space.dir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '3', `file://${repo.dir}`, clone]);
    const run = async (format: string): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const code = await main(['report', '--dir', clone, '--format', format, '--now', '2026-05-28T12:00:00Z'], {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
      });
      return { code, out, err };
    };
    const json = await run('json');
    assert.equal(json.code, 0);
    assert.match(json.err, /shallow clone: values are partial/);
    const report = JSON.parse(json.out) as {
      repository: { shallow: boolean; commits: number };
      dataQuality: { partial: boolean; notes: { code: string }[] };
    };
    assert.equal(report.repository.shallow, true);
    assert.equal(report.repository.commits, 3);
    assert.equal(report.dataQuality.partial, true);
    assert.ok(report.dataQuality.notes.some((n) => n.code === 'shallow'));
    const om = await run('openmetrics');
    assert.match(om.out, /^engineering_kpi_partial_data\{repository="clone"\} 1$/m);
    const md = await run('md');
    assert.match(md.out, /Shallow clone: the history is incomplete/);
  });
});
