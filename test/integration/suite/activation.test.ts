// The extension in a real VS Code on the demo repository: activation, the evaluated
// snapshot against the generator's facts, and the commands a person runs first.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EngineeringKpisApi, Snapshot, SnapshotKpi } from '../../../src/ui/api';
import { EXTENSION_ID, activeApi, assertClose, describeIn, kpiFileUri, loadFacts, readText, waitFor, workspaceFolder } from './helpers';

const facts = loadFacts();

/** Same commits, whether the extension reports full or abbreviated hashes. */
function matches(sha: string, candidates: readonly string[]): boolean {
  return sha.length >= 7 && candidates.some((c) => c.startsWith(sha) || sha.startsWith(c));
}

function assertSnapshotMatchesFacts(snapshot: Snapshot | undefined): void {
  assert.ok(snapshot, 'snapshot() is undefined after whenIdle()');
  assert.strictEqual(snapshot.error, undefined, `snapshot has an error: ${snapshot.error}`);
  assert.strictEqual(path.resolve(snapshot.folder), path.resolve(workspaceFolder().uri.fsPath));
  assert.deepStrictEqual(
    snapshot.kpis.map((k) => k.id),
    facts.expected.map((k) => k.id),
    'KPI ids, in kpi.json order',
  );
  for (const want of facts.expected) {
    const got: SnapshotKpi | undefined = snapshot.kpis.find((k) => k.id === want.id);
    assert.ok(got);
    assert.strictEqual(got.objective, want.objective, `${want.id}: objective`);
    assert.strictEqual(got.name, want.name, `${want.id}: name`);
    assert.strictEqual(got.metric, want.metric, `${want.id}: metric`);
    assert.strictEqual(got.unit, want.unit, `${want.id}: unit`);
    assertClose(got.value, want.value, `${want.id}: value (from ${want.sampleCount} samples)`);
    // Target met or not, from the facts; then the exact status docs/status.md prescribes
    // (inside the time frame: progress from the baseline against the time elapsed).
    if (want.met === true) assert.strictEqual(got.status, 'met', `${want.id}: the target is met`);
    else if (want.met === false) assert.notStrictEqual(got.status, 'met', `${want.id}: the target is not met`);
    assert.strictEqual(got.status, want.status, `${want.id}: status (baseline ${want.baseline}, value ${want.value})`);
    if (want.forecast)
      assert.ok(
        got.forecast && FORECAST_VERDICTS.includes(got.forecast),
        `${want.id}: a forecast inside the time frame, got ${got.forecast}`,
      );
    const outsiders: string[] = got.commits.filter((c) => !matches(c, want.commits));
    assert.deepStrictEqual(outsiders, [], `${want.id}: commits that the metric must not count`);
    // The facts list exactly what these metrics count (bug fixes list more than the metric names).
    if (want.metric !== 'bugFixTurnaround') {
      assert.strictEqual(got.commits.length, want.commits.length, `${want.id}: number of commits counted`);
    }
  }
}

const FORECAST_VERDICTS = ['likelyMet', 'uncertain', 'unlikely', 'insufficientData'];

describeIn(['demo'], 'Engineering KPIs in VS Code', () => {
  let api: EngineeringKpisApi;

  before(async () => {
    api = await activeApi();
  });

  it('runs with the clock the test host fixed', () => {
    assert.strictEqual(process.env['ENGINEERING_KPIS_NOW'], facts.now);
    assert.strictEqual(path.resolve(workspaceFolder().uri.fsPath), path.resolve(facts.workspace));
  });

  it('activates on a folder that contains kpi.json', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension is not active');
  });

  it('evaluates every KPI of the demo repository to the known answer', async () => {
    await api.whenIdle();
    assertSnapshotMatchesFacts(api.snapshot());
  });

  it('KPI: Refresh evaluates again with the same result', async () => {
    await vscode.commands.executeCommand('engineeringKpis.refresh');
    await api.whenIdle();
    assertSnapshotMatchesFacts(api.snapshot());
  });

  it('KPI: Open Dashboard opens the "KPI Dashboard" webview', async () => {
    await vscode.commands.executeCommand('engineeringKpis.openDashboard');
    const tab = await waitFor('a "KPI Dashboard" tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'KPI Dashboard'),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the dashboard tab is a webview');
    // Running it again reveals the same panel instead of opening a second one.
    await vscode.commands.executeCommand('engineeringKpis.openDashboard');
    await new Promise((r) => setTimeout(r, 300));
    const dashboards = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'KPI Dashboard');
    assert.strictEqual(dashboards.length, 1, 'one dashboard panel');
    await vscode.window.tabGroups.close(dashboards);
  });

  it('KPI: Create kpi.json keeps an existing kpi.json and shows it', async () => {
    const uri = kpiFileUri();
    const before = await readText(uri);
    await vscode.commands.executeCommand('engineeringKpis.createKpiFile');
    const editor = await waitFor('kpi.json in the active editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === uri.toString() ? e : undefined;
    });
    assert.strictEqual(editor.document.isDirty, false, 'the existing file must not be changed in the editor');
    assert.strictEqual(await readText(uri), before, 'kpi.json on disk must not be overwritten');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
