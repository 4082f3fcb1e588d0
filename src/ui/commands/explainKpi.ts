// KPI: Explain KPI — opens a Markdown preview of where one KPI's number comes from.
import * as vscode from 'vscode';
import { allKpis } from '../../core/evaluation/evaluate';
import { explainKpi } from '../../core/evaluation/explain';
import type { KpiService } from '../kpiService';

/** Takes a KPI id (from the tree's context menu, a link or a test); asks when it is missing. */
export function explainKpiCommand(service: KpiService): (arg?: unknown) => Promise<vscode.TextDocument | undefined> {
  return async (arg?: unknown) => {
    await service.whenIdle();
    const state = service.state;
    if (state.kind !== 'ready') {
      void vscode.window.showWarningMessage(vscode.l10n.t('There are no KPI values to explain yet.'));
      return undefined;
    }
    const kpis = allKpis(state.evaluation);
    const id = typeof arg === 'string' ? arg : kpiIdOf(arg);
    const kpi =
      kpis.find((k) => k.id === id) ??
      (id === undefined
        ? (
            await vscode.window.showQuickPick(
              kpis.map((k) => ({ label: k.name, description: k.id, k })),
              { placeHolder: vscode.l10n.t('Explain which KPI?') },
            )
          )?.k
        : undefined);
    if (!kpi) return undefined;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: explainKpi(kpi) });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    return doc;
  };
}

/** The tree passes its node to context-menu commands: a KPI node carries the KPI. */
function kpiIdOf(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null || !('kpi' in node)) return undefined;
  const kpi = (node as { kpi?: { id?: unknown } }).kpi;
  return typeof kpi?.id === 'string' ? kpi.id : undefined;
}
