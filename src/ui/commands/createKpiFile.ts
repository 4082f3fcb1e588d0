// KPI: Create kpi.json — writes the commented starter file, never over an existing one.
import * as vscode from 'vscode';
import { starterKpiFile } from '../../core/starter';
import { KPI_FILE } from '../ids';
import type { KpiService } from '../kpiService';

export function createKpiFileCommand(service: KpiService): () => Promise<void> {
  return async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder =
      folders.length <= 1
        ? folders[0]
        : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Where should kpi.json be created?') });
    if (!folder) {
      if (folders.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first.'));
      return;
    }
    const uri = vscode.Uri.joinPath(folder.uri, KPI_FILE);
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(starterKpiFile()));
    await vscode.window.showTextDocument(uri);
    if (exists) void vscode.window.showInformationMessage(vscode.l10n.t('kpi.json already exists; it was opened instead.'));
    await service.refreshNow();
  };
}
