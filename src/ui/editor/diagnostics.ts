// Problems panel entries for kpi.json: syntax, schema and SMART checks, recomputed on every
// edit without git; the Attainable check uses the latest evaluation when there is one.
import * as vscode from 'vscode';
import type { Evaluation } from '../../core/evaluate';
import type { Problem } from '../../core/kpiFile';
import { allProblems } from '../../core/smart';
import { DIAGNOSTIC_SOURCE, KPI_FILE } from '../ids';

export class KpiDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('engineeringKpis');

  constructor(private readonly evaluation: () => Evaluation | undefined) {}

  /** True for a kpi.json at the root of a workspace folder. */
  static isKpiFile(uri: vscode.Uri): boolean {
    if (!uri.path.endsWith(`/${KPI_FILE}`)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && vscode.Uri.joinPath(folder.uri, KPI_FILE).toString() === uri.toString();
  }

  update(document: vscode.TextDocument): void {
    if (!KpiDiagnostics.isKpiFile(document.uri)) return;
    const { problems } = allProblems(document.getText(), this.evaluation());
    this.collection.set(document.uri, problems.map((p) => toDiagnostic(document, p)));
  }

  /** For a kpi.json that is not open in an editor. */
  async updateFromDisk(uri: vscode.Uri): Promise<void> {
    try {
      this.update(await vscode.workspace.openTextDocument(uri));
    } catch {
      this.collection.delete(uri);
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}

export function problemRange(document: vscode.TextDocument, p: Problem): vscode.Range {
  return new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + Math.max(p.length, 1)));
}

function toDiagnostic(document: vscode.TextDocument, p: Problem): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    problemRange(document, p),
    p.message,
    p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  return d;
}
