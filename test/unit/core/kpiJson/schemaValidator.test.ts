// The ahead-of-time schema validator (src/core/kpiJson/schemaValidator.generated.ts) is
// what Ajv generates from schemas/kpi.schema.json today: a changed schema cannot ship with a
// stale validator.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

describe('core/kpiJson/schemaValidator.generated', () => {
  it('matches what scripts/schema-validator.mjs generates from the schema', () => {
    const root = path.resolve(__dirname, '../../../../..');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'schema-validator.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `stale validator: ${r.stderr}`);
  });
});
