// KPI: Merge Duplicate Identities — shows the .mailmap lines that fold each likely duplicate
// identity (data quality lists them) into one person, and writes them only after the user
// confirms. The file is written as every repository file is: atomically, never through a
// symlink, in its own encoding (src/files/repoFiles.ts).
import * as vscode from 'vscode';
import { appendMailmap, mailmapLines } from '../../core/evaluation/identities';
import { findGitDirs } from '../../files/gitDirs';
import { LIMITS, RepoFileError, updateRepoText } from '../../files/repoFiles';
import type { KpiService } from '../kpiService';
import { fileProblemText } from '../presentation';

/** Resolves with the number of .mailmap lines written (0 when nothing was, or the user declined). */
export function mergeIdentitiesCommand(service: KpiService): () => Promise<number> {
  return async () => {
    await service.whenIdle();
    const state = service.state;
    const duplicates = state.kind === 'ready' ? state.evaluation.dataQuality.duplicates : [];
    if (state.kind !== 'ready' || duplicates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No one appears under two addresses that .mailmap does not fold.'));
      return 0;
    }
    const lines = mailmapLines(duplicates);
    const add = vscode.l10n.t('Add to .mailmap');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Fold the addresses below ({0}) into the people they belong to? These lines go to .mailmap: review them first.',
        lines.length,
      ),
      { modal: true, detail: lines.join('\n') },
      add,
    );
    if (choice !== add) return 0;
    // .mailmap is read at the top of the work tree, which a subfolder workspace is not.
    const top = (await findGitDirs(state.folder.fsPath))?.top ?? state.folder.fsPath;
    try {
      await updateRepoText(top, '.mailmap', LIMITS.mailmap, (current) => appendMailmap(current, lines));
    } catch (e) {
      if (!(e instanceof RepoFileError)) throw e;
      void vscode.window.showErrorMessage(vscode.l10n.t('.mailmap was not changed: {0}', fileProblemText(e.file)));
      return 0;
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Added {0} lines to .mailmap. Commit it so that everyone counts the same people.', lines.length),
    );
    service.requestRefresh();
    return lines.length;
  };
}
