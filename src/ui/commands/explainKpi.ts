// KPI: Explain KPI — opens a Markdown preview of where one KPI's number comes from.
import * as vscode from 'vscode';
import { allKpis } from '../../core/evaluation/evaluate';
import { explainKpi } from '../../core/evaluation/explain';
import type { KpiService } from '../kpiService';

/** The scheme of the Explain documents: read-only, never dirty, so closing one never asks to save. */
export const EXPLAIN_SCHEME = 'engineering-kpis-explain';

/** Serves the Explain documents from memory; a second Explain of the same KPI updates its document. */
export class ExplainDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The document's address: one per KPI, named after it (`.md`, so VS Code opens it as Markdown). */
  put(id: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${encodeURIComponent(id)}.md` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Takes a KPI id (from the tree's context menu, a link or a test); asks when it is missing. */
export function explainKpiCommand(
  service: KpiService,
  documents: ExplainDocuments,
): (arg?: unknown) => Promise<vscode.TextDocument | undefined> {
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
    const doc = await vscode.workspace.openTextDocument(documents.put(kpi.id, explainKpi(kpi)));
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
