// KPI: Refresh — recompute now, with progress in the KPIs view.
import * as vscode from 'vscode';
import { Views } from '../ids';
import type { KpiService } from '../kpiService';

export function refreshCommand(service: KpiService): () => Thenable<void> {
  return () => vscode.window.withProgress({ location: { viewId: Views.tree } }, () => service.refreshNow());
}
