// A broken kpi.json is reported in the Problems panel on that file, and the report goes
// away when the file is fixed. Only errors count here: the demo's kpi.json also gets SMART
// warnings (no time frame, no guardrail), which editor.test.ts covers. Runs after
// activation.test.ts (files run in name order).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, activeApi, describeIn, kpiFileUri, loadFacts, readText, waitFor, writeText } from './helpers';

const facts = loadFacts();

function ourErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error);
}

describeIn(['demo'], 'kpi.json problems', () => {
  let original: string;

  before(async () => {
    await activeApi();
    original = await readText(kpiFileUri());
  });

  after(async () => {
    // Leave the workspace as we found it even when a test failed half-way.
    if (original !== undefined) await writeText(kpiFileUri(), original);
  });

  it('reports invalid JSON as an error diagnostic on kpi.json', async () => {
    const uri = kpiFileUri();
    assert.deepStrictEqual(ourErrors(uri), [], 'no error diagnostics before the file is broken');
    await writeText(uri, facts.brokenKpiJson);
    await waitFor(`a "${DIAGNOSTIC_SOURCE}" error diagnostic on kpi.json`, () => {
      const d = ourErrors(uri);
      return d.length > 0 ? d : undefined;
    });
    const api = await activeApi();
    await api.whenIdle();
    assert.ok(api.snapshot()?.error, 'the snapshot carries the error');
  });

  it('clears the error when kpi.json is fixed', async () => {
    const uri = kpiFileUri();
    await writeText(uri, original);
    await waitFor('the error diagnostics to clear', () => ourErrors(uri).length === 0);
    const api = await activeApi();
    await api.whenIdle();
    const snapshot = api.snapshot();
    assert.strictEqual(snapshot?.error, undefined);
    assert.strictEqual(snapshot?.kpis.length, facts.expected.length);
  });
});
