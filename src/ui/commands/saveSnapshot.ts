// KPI: Save Snapshot — appends every KPI's current value to .kpi/history.jsonl, on demand.
import * as vscode from 'vscode';
import { REVIEW_HISTORY_FILE, snapshotAll } from '../../core/evaluation/reviewHistory';
import { appendSnapshots } from '../../engine';
import type { KpiService } from '../kpiService';
import { RepoFileError } from '../../files/repoFiles';
import { fileProblemText } from '../presentation';

export function saveSnapshotCommand(service: KpiService, now: () => Date): () => Promise<number> {
  return async () => {
    await service.whenIdle();
    const state = service.state;
    if (state.kind !== 'ready') {
      void vscode.window.showWarningMessage(vscode.l10n.t('There are no KPI values to save yet.'));
      return 0;
    }
    if (!state.saved) {
      // A snapshot is a record for the review: of the kpi.json the team has, not of a draft.
      void vscode.window.showWarningMessage(vscode.l10n.t('kpi.json has unsaved changes: save it first, then save the snapshot.'));
      return 0;
    }
    const snapshots = snapshotAll(state.evaluation, now());
    try {
      await appendSnapshots(state.folder.fsPath, snapshots);
    } catch (e) {
      if (!(e instanceof RepoFileError)) throw e;
      void vscode.window.showErrorMessage(vscode.l10n.t('Review snapshots were not saved: {0}', fileProblemText(e.file)));
      return 0;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} KPI values to {1}.', snapshots.length, REVIEW_HISTORY_FILE));
    service.requestRefresh();
    return snapshots.length;
  };
}
