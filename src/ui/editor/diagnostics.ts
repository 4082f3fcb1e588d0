// Problems panel entries for kpi.json: syntax, schema and SMART checks, recomputed on every
// edit without git; the Attainable check uses the latest evaluation when there is one.
import * as vscode from 'vscode';
import type { Evaluation } from '../../core/evaluation/types';
import type { Problem } from '../../core/kpiJson/parse';
import { allProblems } from '../../core/kpiJson/smart';
import { DIAGNOSTIC_SOURCE, KPI_FILE } from '../ids';
import { localized } from '../presentation';
import { offsetRange } from './edits';
import { Disposable, toDisposable } from '../lifecycle';

/** Above this size, diagnostics wait for a pause in typing instead of running per keystroke. */
const LARGE_FILE = 200_000;
const LARGE_FILE_DELAY_MS = 400;

export class KpiDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('engineeringKpis'));
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly evaluation: () => Evaluation | undefined) {
    super();
    this.register(toDisposable(() => clearTimeout(this.pending)));
  }

  /** True for a kpi.json at the root of a workspace folder. */
  static isKpiFile(uri: vscode.Uri): boolean {
    if (!uri.path.endsWith(`/${KPI_FILE}`)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && vscode.Uri.joinPath(folder.uri, KPI_FILE).toString() === uri.toString();
  }

  update(document: vscode.TextDocument): void {
    if (!KpiDiagnostics.isKpiFile(document.uri)) return;
    const { problems } = allProblems(document.getText(), this.evaluation());
    this.collection.set(
      document.uri,
      problems.map((p) => toDiagnostic(document, p)),
    );
  }

  /** On an edit: at once for a normal file, after a pause for a very large one. */
  schedule(document: vscode.TextDocument): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    if (document.getText().length < LARGE_FILE) return this.update(document);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update(document);
    }, LARGE_FILE_DELAY_MS);
  }

  /** For a kpi.json that is not open in an editor. */
  async updateFromDisk(uri: vscode.Uri): Promise<void> {
    try {
      this.update(await vscode.workspace.openTextDocument(uri));
    } catch {
      this.collection.delete(uri);
    }
  }
}

export function problemRange(document: vscode.TextDocument, p: Problem): vscode.Range {
  return offsetRange(document, p.offset, Math.max(p.length, 1));
}

function toDiagnostic(document: vscode.TextDocument, p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    problemRange(document, p),
    localized(p.text),
    p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  return d;
}
