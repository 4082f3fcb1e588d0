// kpi.json in the Problems panel: the demo's kpi.json follows the SMART practice the checks
// ask for (time frames, targets, objectives, guardrails, attainable targets), so it has no
// diagnostics at all; a broken kpi.json is reported as an error on that file, and the
// report goes away when the file is fixed. Runs after activation.test.ts (files run in name
// order); editor.test.ts covers the SMART warnings and their quick fixes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, activeApi, describeIn, kpiFileUri, loadFacts, readText, waitFor, writeText } from './helpers';

const facts = loadFacts();

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

function ourErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

/** "warning smart-attainable: This target ..." for assertion messages. */
function summary(d: vscode.Diagnostic): string {
  return `${vscode.DiagnosticSeverity[d.severity]} ${String(typeof d.code === 'object' ? d.code.value : d.code)}: ${d.message}`;
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

  it('has no diagnostics at all on the demo kpi.json: no errors, no SMART warnings', async () => {
    const api = await activeApi();
    await api.whenIdle();
    // Diagnostics follow each evaluation (the Attainable check reads it): let the last one land.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(ours(kpiFileUri()).map(summary), []);
  });

  it('reports invalid JSON as an error diagnostic on kpi.json', async () => {
    const uri = kpiFileUri();
    await writeText(uri, facts.brokenKpiJson);
    await waitFor(`a "${DIAGNOSTIC_SOURCE}" error diagnostic on kpi.json`, () => {
      const d = ourErrors(uri);
      return d.length > 0 ? d : undefined;
    });
    const api = await activeApi();
    await api.whenIdle();
    assert.ok(api.snapshot()?.error, 'the snapshot carries the error');
  });

  it('clears every diagnostic when kpi.json is fixed, errors and warnings alike', async () => {
    const uri = kpiFileUri();
    await writeText(uri, original);
    await waitFor('the error diagnostics to clear', () => ourErrors(uri).length === 0);
    const api = await activeApi();
    await api.whenIdle();
    const snapshot = api.snapshot();
    assert.strictEqual(snapshot?.error, undefined);
    assert.strictEqual(snapshot?.kpis.length, facts.expected.length);
    // After the evaluation, the SMART checks (Attainable reads it) still find nothing.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepStrictEqual(ours(uri).map(summary), []);
  });
});
