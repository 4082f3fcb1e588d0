// KPI: Export Report — the current evaluation as Markdown, HTML, CSV, JSON or OpenMetrics,
// for a review meeting, a pull request or a wiki. The same renderers as the CLI.
import * as vscode from 'vscode';
import { REPORT_EXTENSIONS, REPORT_FORMATS, renderReport, type ReportFormat } from '../../core/report/index';
import type { KpiService } from '../kpiService';

export interface ExportAnswers {
  readonly format?: ReportFormat;
  /** Target file; a save dialog asks when it is missing. */
  readonly uri?: vscode.Uri;
}

export function exportReportCommand(service: KpiService): (answers?: unknown) => Promise<vscode.Uri | undefined> {
  return async (answers?: unknown) => {
    const given = (typeof answers === 'object' && answers !== null ? answers : {}) as ExportAnswers;
    await service.whenIdle();
    const state = service.state;
    if (state.kind !== 'ready') {
      void vscode.window.showWarningMessage(vscode.l10n.t('There are no KPI values to export yet.'));
      return undefined;
    }
    const labels: Record<ReportFormat, string> = {
      md: vscode.l10n.t('Markdown (pull request, wiki)'),
      html: vscode.l10n.t('HTML with charts (review meeting)'),
      csv: vscode.l10n.t('CSV (spreadsheet)'),
      json: vscode.l10n.t('JSON (tools)'),
      openmetrics: vscode.l10n.t('OpenMetrics (Prometheus)'),
    };
    const format =
      given.format ??
      (
        await vscode.window.showQuickPick(
          REPORT_FORMATS.map((f) => ({ label: labels[f], format: f })),
          { placeHolder: vscode.l10n.t('Export the KPI report as…') },
        )
      )?.format;
    if (!format || !REPORT_FORMATS.includes(format)) return undefined;
    const folderName = state.folder.path.split('/').pop() ?? 'repository';
    const uri =
      given.uri ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(state.folder, `kpi-report-${state.evaluation.now.slice(0, 10)}.${REPORT_EXTENSIONS[format]}`),
        saveLabel: vscode.l10n.t('Export'),
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(renderReport(state.evaluation, format, folderName)));
    void vscode.window.showInformationMessage(vscode.l10n.t('KPI report saved to {0}', vscode.workspace.asRelativePath(uri)));
    return uri;
  };
}
