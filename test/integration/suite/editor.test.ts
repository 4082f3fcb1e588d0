// Editing kpi.json in a real VS Code: schema completions and hover text (from the
// contributed JSON schema), SMART diagnostics with quick fixes, live CodeLens values, and
// the guided Add KPI / Record Value commands. Runs after activation and diagnostics tests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseKpiFile } from '../../../src/core/kpiJson/parse';
import { DIAGNOSTIC_SOURCE, activeApi, describeIn, kpiFileUri, loadFacts, readText, waitFor, writeText } from './helpers';

const facts = loadFacts();

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

async function openKpiFile(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(kpiFileUri());
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Position just after the first occurrence of `needle` in the document. */
function after(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `kpi.json contains ${needle}`);
  return doc.positionAt(at + needle.length + delta);
}

describeIn(['demo'], 'editing kpi.json', () => {
  let original: string;

  before(async () => {
    const api = await activeApi();
    await api.whenIdle();
    original = await readText(kpiFileUri());
  });

  afterEach(async () => {
    // Drop unsaved edits and close editors, so that the next test starts from the file on disk.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await writeText(kpiFileUri(), original);
    await waitFor(
      'kpi.json back to the original',
      async () => (await vscode.workspace.openTextDocument(kpiFileUri())).getText() === original,
    );
    await (await activeApi()).whenIdle();
  });

  it('offers every metric id as a completion inside "metric" (from the contributed schema)', async () => {
    const doc = await openKpiFile();
    const pos = after(doc, '"metric": "', 0);
    // The JSON language server loads the schema asynchronously: until then it offers words.
    const list = await waitFor('schema completions with metric ids', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('revertRate')) ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
    for (const id of ['commitFrequency', 'bugFixTurnaround', 'revertRate', 'deploymentFrequency']) {
      assert.ok(labels.includes(id), `completion ${id} in ${JSON.stringify(labels)}`);
    }
  });

  it('shows hover text from the schema on a property', async () => {
    const doc = await openKpiFile();
    const pos = after(doc, '"window', -2);
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return h.length > 0 ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /ISO weeks/, `hover text: ${text}`);
  });

  it('shows live values above each KPI as CodeLens, opening the dashboard', async () => {
    const doc = await openKpiFile();
    const lenses = await waitFor('code lenses with values', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      const ours = l.filter((x) => x.command?.command === 'engineeringKpis.openDashboard');
      return ours.length >= facts.expected.length ? ours : undefined;
    });
    const titles = lenses.map((l) => l.command!.title);
    for (const k of facts.expected) {
      assert.ok(
        titles.some((t) => t.includes(k.unit.trim()) && t.includes('target')),
        `a lens for ${k.id} with its unit and target in ${JSON.stringify(titles)}`,
      );
      assert.ok(
        lenses.some((l) => l.command!.arguments?.[0] === k.id),
        `the lens for ${k.id} opens it in the dashboard`,
      );
    }
  });

  it('warns about SMART gaps with exact ranges, and the quick fix adds a time frame', async () => {
    const doc = await openKpiFile();
    const text = doc.getText();
    // Remove every time frame so that the Time-bound check has something to say.
    const stripped = text.replace(/"timeframe":\s*\{[^}]*\},?/g, '');
    await writeText(doc.uri, stripped);
    const warning = await waitFor('a smart-time-bound warning', () =>
      ours(doc.uri).find((d) => d.code === 'smart-time-bound' && d.severity === vscode.DiagnosticSeverity.Warning),
    );
    const fresh = await vscode.workspace.openTextDocument(doc.uri);
    const objectiveName = parseKpiFile(fresh.getText()).config!.objectives[0]!.name;
    assert.equal(fresh.getText(warning.range), JSON.stringify(objectiveName), 'the warning sits on the objective name');
    // The message goes through vscode.l10n.t (English here): the core's English, placeholders filled.
    assert.equal(
      warning.message,
      `"${objectiveName}" has no time frame, so its KPIs are not Time-bound: add a start and an end or duration.`,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range);
    const fix = actions.find((a) => a.title.startsWith('Add a time frame'));
    assert.ok(fix?.edit, `a quick fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const fixed = parseKpiFile(fresh.getText());
    assert.ok(fixed.config, `the fixed file is valid: ${JSON.stringify(fixed.problems)}`);
    assert.ok(fixed.config.objectives[0]!.timeframe, 'the first objective now has a time frame');
    assert.ok(fresh.getText().includes('//'), 'comments are kept');
  });

  it('offers "Did you mean" for a mistyped metric id, and the fix makes the file valid', async () => {
    const doc = await openKpiFile();
    const metric = parseKpiFile(doc.getText()).config!.objectives[0]!.kpis[0]!.metric!;
    const typo = metric.slice(0, 2) + metric.slice(3); // one letter dropped
    await writeText(doc.uri, doc.getText().replace(`"metric": "${metric}"`, `"metric": "${typo}"`));
    const error = await waitFor('an unknown-metric error', () => ours(doc.uri).find((d) => d.code === 'unknown-metric'));
    const fresh = await vscode.workspace.openTextDocument(doc.uri);
    assert.equal(fresh.getText(error.range), JSON.stringify(typo));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, error.range);
    const fix = actions.find((a) => a.title === `Did you mean "${metric}"?`);
    assert.ok(fix?.edit, `a quick fix in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(parseKpiFile(fresh.getText()).config, 'valid again');
    await waitFor('the error gone', () => (ours(doc.uri).some((d) => d.code === 'unknown-metric') ? undefined : true));
  });

  it('Add KPI inserts a valid entry that the tree then shows', async () => {
    const before = parseKpiFile(await readText(kpiFileUri())).config!;
    const objective = before.objectives[0]!;
    const ok = await vscode.commands.executeCommand<boolean>('engineeringKpis.addKpi', {
      objective: objective.id,
      metric: 'revertRate',
      name: 'Revert rate guardrail',
      window: '4w',
      direction: 'atMost',
      target: 5,
      timeframe: 'quarter',
      review: 'monthly',
    });
    assert.strictEqual(ok, true);
    const doc = await vscode.workspace.openTextDocument(kpiFileUri());
    const parsed = parseKpiFile(doc.getText());
    assert.ok(parsed.config, `valid after Add KPI: ${JSON.stringify(parsed.problems.filter((p) => p.severity === 'error'))}`);
    const added = parsed.config.objectives[0]!.kpis.find((k) => k.name === 'Revert rate guardrail');
    assert.deepStrictEqual(
      { metric: added?.metric, target: added?.target, window: added?.window },
      { metric: 'revertRate', target: { direction: 'atMost', value: 5 }, window: '4w' },
    );
    assert.strictEqual(parsed.config.objectives[0]!.kpis.length, objective.kpis.length + 1);
    assert.ok(doc.getText().includes('//'), 'comments are kept');
    assert.ok(await doc.save(), 'saved');
    const api = await activeApi();
    await waitFor('the new KPI in the snapshot', async () => {
      await api.whenIdle();
      return api.snapshot()?.kpis.find((k) => k.name === 'Revert rate guardrail');
    });
  });

  it('Record Value stores a dated value of a manual KPI and the KPI shows it', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('engineeringKpis.addKpi', {
      objective: 'Customer satisfaction',
      metric: 'manual',
      name: 'CSAT',
      window: '5w',
      direction: 'atLeast',
      target: 4.5,
      timeframe: 'none',
      review: 'none',
    });
    assert.strictEqual(ok, true);
    const doc = await vscode.workspace.openTextDocument(kpiFileUri());
    assert.ok(await doc.save(), 'saved');
    const api = await activeApi();
    await waitFor('the manual KPI', async () => {
      await api.whenIdle();
      return api.snapshot()?.kpis.find((k) => k.name === 'CSAT');
    });
    const day = facts.now.slice(0, 10);
    assert.strictEqual(
      await vscode.commands.executeCommand<boolean>('engineeringKpis.recordValue', { kpi: 'csat', value: 4.7, date: day }),
      true,
    );
    const stored = await readText(vscode.Uri.joinPath(kpiFileUri(), '..', '.kpi', 'values.jsonl'));
    assert.deepStrictEqual(JSON.parse(stored.trim().split('\n').pop()!), { kpi: 'csat', date: day, value: 4.7 });
    const csat = await waitFor('the recorded value', async () => {
      await api.whenIdle();
      const k = api.snapshot()?.kpis.find((x) => x.id === 'csat');
      return k?.value === 4.7 ? k : undefined;
    });
    assert.strictEqual(csat.status, 'met');
  });
});
