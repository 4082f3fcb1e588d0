// KPI: Record Value — appends a dated value of a manual KPI to .kpi/values.jsonl in the
// repository, so that the team's history of it is versioned with the code.
import * as vscode from 'vscode';
import { isCalendarDate } from '../../core/time/calendar';
import { parseKpiFile } from '../../core/kpiJson/parse';
import { MANUAL_VALUES_FILE, manualRecordLine } from '../../core/evaluation/manual';
import { KPI_FILE } from '../ids';
import type { KpiService } from '../kpiService';
import { isoDate } from '../../core/time/units';

export interface RecordValueAnswers {
  readonly kpi?: string;
  readonly value?: number;
  readonly date?: string;
  readonly note?: string;
}

export function recordValueCommand(service: KpiService): (answers?: unknown) => Promise<boolean> {
  return async (answers?: unknown) => {
    const given = (typeof answers === 'object' && answers !== null ? answers : {}) as RecordValueAnswers;
    const folder = await service.pickFolder();
    if (!folder) return false;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, KPI_FILE)));
    const config = parseKpiFile(text).config;
    const manual = config ? [...config.objectives.flatMap((o) => o.kpis), ...config.looseKpis].filter((k) => k.manual) : [];
    if (manual.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('kpi.json has no manual KPIs. Add one with "manual": true.'));
      return false;
    }
    const kpi =
      manual.find((k) => k.id === given.kpi) ??
      (given.kpi === undefined
        ? (
            await vscode.window.showQuickPick(
              manual.map((k) => ({ label: k.name, description: k.id, k })),
              { placeHolder: vscode.l10n.t('Record a value for which KPI?') },
            )
          )?.k
        : undefined);
    if (!kpi) return false;
    const today = isoDate(Date.now());
    const value =
      given.value ??
      Number(
        await vscode.window.showInputBox({
          prompt: vscode.l10n.t('Value of "{0}"', kpi.name),
          validateInput: (v) => (v.trim() !== '' && Number.isFinite(Number(v)) ? undefined : vscode.l10n.t('Enter a number')),
        }),
      );
    if (!Number.isFinite(value)) return false;
    const date =
      given.date ??
      (await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Date of the value (YYYY-MM-DD)'),
        value: today,
        validateInput: (v) => (isCalendarDate(v) ? undefined : vscode.l10n.t('Enter a date as YYYY-MM-DD')),
      }));
    if (!date || !isCalendarDate(date)) return false;
    const uri = vscode.Uri.joinPath(folder, MANUAL_VALUES_FILE);
    let before = '';
    try {
      before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    }
    const line = manualRecordLine({ kpi: kpi.id, date, value, ...(given.note ? { note: given.note } : {}) });
    const separator = before === '' || before.endsWith('\n') ? '' : '\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before + separator + line));
    await service.refreshNow();
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Recorded {0} for {1}', value, kpi.name), 4000);
    return true;
  };
}
