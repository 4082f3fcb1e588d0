// Export Report and Save Snapshot from the command palette's commands, in the real host:
// every format is written and says what the views say; snapshots land in .kpi/history.jsonl.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activeApi, describeIn, workspaceFolder } from './helpers';

describeIn(['demo'], 'reports and snapshots', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-export-'));

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('exports every format with the values the extension shows', async () => {
    const api = await activeApi();
    await api.whenIdle();
    const kpis = api.snapshot()!.kpis;
    assert.ok(kpis.length > 0);
    for (const format of ['md', 'html', 'csv', 'json', 'openmetrics'] as const) {
      const target = vscode.Uri.file(path.join(out, `report.${format}`));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('engineeringKpis.exportReport', { format, uri: target });
      assert.strictEqual(written?.fsPath, target.fsPath, `${format} written`);
      const text = fs.readFileSync(target.fsPath, 'utf8');
      for (const k of kpis) {
        const expected: Record<typeof format, string> = {
          md: k.name,
          html: k.name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
          csv: k.id,
          json: `"id": "${k.id}"`,
          openmetrics: `kpi="${k.id}"`,
        };
        // Markdown escapes punctuation in names with backslashes.
        const readable = format === 'md' ? text.replace(/\\(.)/g, '$1') : text;
        assert.ok(readable.includes(expected[format]), `${format} mentions ${k.id}`);
      }
    }
    const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as {
      schemaVersion: number;
      kpis: { id: string; value: number | null; status: string }[];
    };
    assert.strictEqual(json.schemaVersion, 1);
    assert.deepStrictEqual(
      json.kpis.map((k) => [k.id, k.value, k.status]),
      kpis.map((k) => [k.id, k.value, k.status]),
      'the JSON report has the same values and statuses as the views',
    );
    assert.ok(fs.readFileSync(path.join(out, 'report.openmetrics'), 'utf8').endsWith('# EOF\n'));
  });

  it('explains a KPI in a Markdown document: definition, git commands and counted commits', async () => {
    const api = await activeApi();
    await api.whenIdle();
    const kpi = api.snapshot()!.kpis[0]!;
    const doc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('engineeringKpis.explainKpi', kpi.id);
    assert.ok(doc, 'a document');
    assert.strictEqual(doc.languageId, 'markdown');
    // A read-only virtual document, never untitled and never dirty: closing it (or the
    // window) never asks to save it.
    assert.strictEqual(doc.uri.scheme, 'engineering-kpis-explain');
    assert.strictEqual(doc.isUntitled, false);
    assert.strictEqual(doc.isDirty, false);
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText().includes('## How it was computed')),
      'no untitled copy',
    );
    const text = doc.getText();
    assert.ok(text.includes('## How it was computed'));
    assert.match(text, /^git .*log -z/m, 'the exact git log command');
    assert.ok(text.includes(`## Commits counted (${kpi.commits.length})`));
    for (const id of kpi.commits.slice(0, 20)) assert.ok(text.includes(id.slice(0, 12)), id);
  });

  it('saves a snapshot of every KPI to .kpi/history.jsonl on demand', async () => {
    const api = await activeApi();
    await api.whenIdle();
    const file = path.join(workspaceFolder().uri.fsPath, '.kpi', 'history.jsonl');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    try {
      const count = await vscode.commands.executeCommand<number>('engineeringKpis.saveSnapshot');
      const kpis = api.snapshot()!.kpis;
      assert.strictEqual(count, kpis.length);
      const lines = fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .slice(-count)
        .map((l) => JSON.parse(l) as { kpi: string; value: number | null; review: string });
      assert.deepStrictEqual(
        lines.map((l) => [l.kpi, l.value, l.review]),
        kpis.map((k) => [k.id, k.value, 'manual']),
      );
    } finally {
      if (before === undefined) fs.rmSync(file, { force: true });
      else fs.writeFileSync(file, before);
      await api.whenIdle();
    }
  });

  it('never saves a snapshot of unsaved kpi.json edits: only the saved file is a record', async () => {
    const api = await activeApi();
    const kpiUri = vscode.Uri.joinPath(workspaceFolder().uri, 'kpi.json');
    const file = path.join(workspaceFolder().uri.fsPath, '.kpi', 'history.jsonl');
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    const doc = await vscode.workspace.openTextDocument(kpiUri);
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' ')); // still valid, now unsaved
      assert.ok(doc.isDirty);
      await vscode.commands.executeCommand('engineeringKpis.refresh');
      await api.whenIdle();
      const count = await vscode.commands.executeCommand<number>('engineeringKpis.saveSnapshot');
      assert.strictEqual(count, 0);
      assert.strictEqual(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined, before);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await api.whenIdle();
    }
  });

  it('reads a UTF-16 kpi.json on disk as one clear error, and a symlinked one not at all', async () => {
    const api = await activeApi();
    const kpiPath = path.join(workspaceFolder().uri.fsPath, 'kpi.json');
    const original = fs.readFileSync(kpiPath);
    const outside = path.join(out, 'elsewhere.json');
    try {
      fs.writeFileSync(kpiPath, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.toString('utf8'), 'utf16le')]));
      await vscode.commands.executeCommand('engineeringKpis.refresh');
      await api.whenIdle();
      assert.strictEqual(api.snapshot()?.error, 'kpi.json is not UTF-8 (it looks like UTF-16): save it as UTF-8.');

      fs.writeFileSync(outside, original);
      fs.rmSync(kpiPath);
      fs.symlinkSync(outside, kpiPath);
      await vscode.commands.executeCommand('engineeringKpis.refresh');
      await api.whenIdle();
      assert.strictEqual(api.snapshot()?.error, '"kpi.json" is a symbolic link: it is neither read nor written.');
    } finally {
      fs.rmSync(kpiPath, { force: true });
      fs.writeFileSync(kpiPath, original);
      await vscode.commands.executeCommand('engineeringKpis.refresh');
      await api.whenIdle();
    }
    assert.ok(api.snapshot()!.kpis.length > 0, 'back to normal');
  });
});
