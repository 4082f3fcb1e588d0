// KPI: Save Snapshot — appends every KPI's current value to .kpi/history.jsonl, on demand.
import * as vscode from 'vscode';
import { REVIEW_HISTORY_FILE, snapshotAll } from '../../core/evaluation/reviewHistory';
import { appendSnapshots } from '../../engine';
import type { KpiService } from '../kpiService';

export function saveSnapshotCommand(service: KpiService, now: () => Date): () => Promise<number> {
  return async () => {
    await service.whenIdle();
    const state = service.state;
    if (state.kind !== 'ready') {
      void vscode.window.showWarningMessage(vscode.l10n.t('There are no KPI values to save yet.'));
      return 0;
    }
    const snapshots = snapshotAll(state.evaluation, now());
    await appendSnapshots(state.folder.fsPath, snapshots);
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0} KPI values to {1}.', snapshots.length, REVIEW_HISTORY_FILE));
    service.requestRefresh();
    return snapshots.length;
  };
}
