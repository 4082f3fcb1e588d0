// KPI: Record Value — appends a dated value of a manual KPI to .kpi/values.jsonl in the
// repository, so that the team's history of it is versioned with the code.
import * as vscode from 'vscode';
import { isCalendarDate } from '../../core/time/calendar';
import { parseKpiFile } from '../../core/kpiJson/parse';
import { manualRecordLine } from '../../core/evaluation/manual';
import { appendManualValue } from '../../engine';
import { RepoFileError } from '../../files/repoFiles';
import { readKpiText, type KpiService } from '../kpiService';
import { fileProblemText } from '../presentation';
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
    const source = await readKpiText(folder);
    const config = source && 'text' in source ? parseKpiFile(source.text).config : undefined;
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
    const line = manualRecordLine({ kpi: kpi.id, date, value, ...(given.note ? { note: given.note } : {}) });
    try {
      // Atomically, never through a symlink, in the file's own encoding (src/files/repoFiles.ts).
      await appendManualValue(folder.fsPath, line);
    } catch (e) {
      if (!(e instanceof RepoFileError)) throw e;
      void vscode.window.showErrorMessage(vscode.l10n.t('The value was not recorded: {0}', fileProblemText(e.file)));
      return false;
    }
    await service.refreshNow();
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Recorded {0} for {1}', value, kpi.name), 4000);
    return true;
  };
}
