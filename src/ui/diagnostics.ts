// Problems panel entries for kpi.json, recomputed on every edit (no git involved).
import * as vscode from 'vscode';
import { parseKpiFile, type Problem } from '../core/kpiFile';
import { DIAGNOSTIC_SOURCE, KPI_FILE } from './ids';

export class KpiDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('engineeringKpis');

  /** True for a kpi.json at the root of a workspace folder. */
  static isKpiFile(uri: vscode.Uri): boolean {
    if (!uri.path.endsWith(`/${KPI_FILE}`)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && vscode.Uri.joinPath(folder.uri, KPI_FILE).toString() === uri.toString();
  }

  update(document: vscode.TextDocument): void {
    if (!KpiDiagnostics.isKpiFile(document.uri)) return;
    const problems = parseKpiFile(document.getText()).problems;
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

  delete(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(document: vscode.TextDocument, p: Problem): vscode.Diagnostic {
  const start = document.positionAt(p.offset);
  const end = document.positionAt(p.offset + Math.max(p.length, 1));
  const d = new vscode.Diagnostic(
    new vscode.Range(start, end),
    p.message,
    p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = p.code;
  return d;
}
