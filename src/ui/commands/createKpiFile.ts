// KPI: Create kpi.json — pick a template and write it, never over an existing file.
import * as vscode from 'vscode';
import { TEMPLATES, TEMPLATE_IDS, templateById, type TemplateId } from '../../core/kpiJson/templates';
import { KPI_FILE } from '../ids';
import { exists, type KpiService } from '../kpiService';
import { isoDate } from '../../core/time/units';
import { LIMITS, RepoFileError, updateRepoText } from '../../files/repoFiles';
import { fileProblemText } from '../presentation';

/** `templateId` skips the picker (for tests and for links). */
export function createKpiFileCommand(service: KpiService): (templateId?: unknown) => Promise<void> {
  return async (templateId?: unknown) => {
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
    if (await exists(uri)) {
      await vscode.window.showTextDocument(uri);
      void vscode.window.showInformationMessage(vscode.l10n.t('kpi.json already exists; it was opened instead.'));
      return;
    }
    const id = TEMPLATE_IDS.includes(templateId as TemplateId) ? (templateId as TemplateId) : await pickTemplate();
    if (!id) return;
    const today = isoDate(Date.now());
    try {
      // Never through a symlink (a dangling kpi.json link would otherwise write where it points).
      await updateRepoText(folder.uri.fsPath, KPI_FILE, LIMITS.kpiJson, (current) => current ?? templateById(id).text(today));
    } catch (e) {
      if (!(e instanceof RepoFileError)) throw e;
      void vscode.window.showErrorMessage(fileProblemText(e.file));
      return;
    }
    await vscode.window.showTextDocument(uri);
    await service.refreshNow();
  };
}

async function pickTemplate(): Promise<TemplateId | undefined> {
  const titles: Record<TemplateId, [string, string]> = {
    delivery: [vscode.l10n.t('Engineering delivery (DORA-style)'), vscode.l10n.t('Deployment frequency, lead time, change failure rate')],
    quality: [vscode.l10n.t('Code quality'), vscode.l10n.t('Fix share, revert rate and bug-fix turnaround')],
    review: [vscode.l10n.t('Review flow'), vscode.l10n.t('Review coverage, change size and integration frequency')],
    growth: [vscode.l10n.t('Personal growth plan'), vscode.l10n.t('An aspirational OKR with a steady habit and a manual key result')],
  };
  const picked = await vscode.window.showQuickPick(
    TEMPLATES.map((t) => ({ label: titles[t.id][0], detail: titles[t.id][1], id: t.id })),
    { title: vscode.l10n.t('Create kpi.json'), placeHolder: vscode.l10n.t('Start from a template') },
  );
  return picked?.id;
}
