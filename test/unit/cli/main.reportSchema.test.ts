// The JSON report is checked against its published schema (schemas/report.schema.json), on a
// repository and kpi.json that exercise every optional part: objectives and loose KPIs,
// time frames and forecasts, OKR scores, manual values, ranges and data-quality notes.
import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { DATA_QUALITY_CODES } from '../../../src/core/evaluation/dataQuality';
import { tempSpace } from '../helpers/tempRepo';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'schemas', 'report.schema.json'), 'utf8')) as object;

const KPI_JSON = `{
  "objectives": [
    { "id": "flow", "name": "Flow", "mode": "okr", "timeframe": { "start": "2026-04-01", "duration": "1q" }, "review": "monthly",
      "kpis": [
        { "id": "freq", "name": "Commit frequency", "metric": "commitFrequency", "target": { "direction": "increaseTo", "value": 9 }, "window": "2w", "guardrail": "reverts" },
        { "id": "reverts", "name": "Revert rate", "metric": "revertRate", "target": { "direction": "atMost", "value": 5 } },
        { "id": "size", "name": "Change size", "metric": "changeSize", "params": { "statistic": "p75" }, "target": { "direction": "range", "min": 1, "max": 40 } }
      ] }
  ],
  "kpis": [
    { "id": "csat", "name": "Satisfaction", "manual": true, "target": { "direction": "atLeast", "value": 4 }, "window": "30d" },
    { "id": "deploys", "name": "Deploys", "metric": "deploymentFrequency" }
  ]
}`;

describe('the JSON report against schemas/report.schema.json', () => {
  const space = tempSpace();

  it('validates, and the validator rejects a report with a wrong field', async () => {
    const repo = space.repo();
    for (let i = 0; i < 40; i++) {
      const date = new Date(Date.UTC(2026, 2, 2 + i * 2, 10)).toISOString();
      repo.write(`src/f${i % 7}.ts`, `export const v = ${i};\n`);
      repo.commit(
        i % 5 === 0 ? `fix: case ${i} (fixes #${i})` : `feat: step ${i}`,
        date,
        i % 9 === 0 ? { authorName: 'renovate[bot]', authorEmail: 'bot@example.com' } : {},
      );
    }
    repo.write('kpi.json', KPI_JSON);
    repo.write('.kpi/values.jsonl', '{"kpi":"csat","date":"2026-05-20","value":4.2}\n');
    repo.commit('chore: kpi', '2026-05-25T10:00:00Z');
    let out = '';
    const code = await main(['report', '--dir', repo.dir, '--format', 'json', '--now', '2026-05-28T12:00:00Z'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    assert.equal(code, 0);
    const report = JSON.parse(out) as {
      kpis: { id: string; forecast: unknown; score: unknown }[];
      dataQuality: { notes: { code: string }[] };
    };
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    // The corpus really exercises the optional parts the schema describes.
    const freq = report.kpis.find((k) => k.id === 'freq')!;
    assert.notEqual(freq.forecast, null);
    assert.equal(typeof freq.score, 'number');
    assert.deepEqual(report.dataQuality.notes.map((n) => n.code).sort(), ['bots', 'fixEvidence', 'noReleaseTags']);
    const broken = { ...report, kpis: [{ ...freq, status: 'fine' }] };
    assert.equal(validate(broken), false);
    // Every note code the engine can give is one the schema allows, and no other.
    const codes = (schema as { definitions?: unknown; properties: Record<string, unknown> }).properties;
    const noteCodes = JSON.stringify(codes).match(/"code":\{"enum":(\[[^\]]*\])/);
    assert.ok(noteCodes, 'the schema lists the note codes');
    assert.deepEqual(JSON.parse(noteCodes[1]!), [...DATA_QUALITY_CODES]);
  });
});
