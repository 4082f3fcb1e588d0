// KPI: Add KPI — a guided walk through the SMART questions (objective, metric, name, window,
// direction, target with a suggestion from the current baseline, time frame, review), then
// one edit that keeps the user's comments and formatting.
import * as vscode from 'vscode';
import { addKpiEdits, type NewKpi } from '../../core/kpiJson/addKpi';
import { freeId, slugId } from '../../core/kpiJson/naming';
import { parseKpiFile } from '../../core/kpiJson/parse';
import { METRICS } from '../../core/metrics/registry';
import { DIRECTIONS, METRIC_IDS, type Cadence, type Direction, type MetricId } from '../../core/kpiJson/model';
import { suggestTarget } from '../../core/kpiJson/smart';
import { KPI_FILE } from '../ids';
import type { KpiService } from '../kpiService';
import { metricLabel } from '../presentation';
import { isoDate } from '../../core/time/units';
import { offsetRange, toWorkspaceEdit } from '../editor/edits';

/** Answers given up front skip their question (tests, other commands). */
export interface AddKpiAnswers {
  readonly objective?: string;
  readonly metric?: MetricId | 'manual';
  readonly name?: string;
  readonly window?: string;
  readonly direction?: Direction;
  readonly target?: number;
  readonly timeframe?: 'quarter' | 'half' | 'none';
  readonly review?: Cadence | 'none';
}

const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];

export function addKpiCommand(service: KpiService): (answers?: unknown) => Promise<boolean> {
  return async (answers?: unknown) => {
    const given = (typeof answers === 'object' && answers !== null ? answers : {}) as AddKpiAnswers;
    const state = service.state;
    const folder = 'folder' in state ? state.folder : (await service.pickFolder());
    if (!folder) return false;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, KPI_FILE));
    const text = document.getText();
    const parsed = parseKpiFile(text);
    if (!parsed.config) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fix the errors in kpi.json before adding a KPI.'));
      return false;
    }
    const objectives = parsed.config.objectives;
    const step = (n: number): string => vscode.l10n.t('Add KPI ({0}/7)', n);

    // 1. Relevant: which objective does it measure?
    let objective: NewKpi['objective'] | undefined;
    if (given.objective !== undefined) {
      const index = objectives.findIndex((o) => o.id === given.objective || o.name === given.objective);
      objective = index >= 0 ? { index } : { name: given.objective };
    } else {
      const NEW = '$new';
      const pick = await vscode.window.showQuickPick(
        [...objectives.map((o, index) => ({ label: o.name, description: o.id, index })), { label: vscode.l10n.t('$(add) New objective…'), index: -1, description: NEW }],
        { title: step(1), placeHolder: vscode.l10n.t('Which objective does this KPI measure?') },
      );
      if (!pick) return false;
      if (pick.index >= 0) objective = { index: pick.index };
      else {
        const name = await vscode.window.showInputBox({ title: step(1), prompt: vscode.l10n.t('Name the objective (what the team wants to achieve)') });
        if (!name) return false;
        objective = { name };
      }
    }
    const existing = 'index' in objective ? objectives[objective.index] : undefined;

    // 2. Measurable: which metric?
    const metric =
      given.metric ??
      (
        await vscode.window.showQuickPick(
          [
            ...METRIC_IDS.map((id) => ({ label: metricLabel(id, METRICS[id].title), description: METRICS[id].unit, id: id as MetricId | 'manual' })),
            { label: vscode.l10n.t('Manual value'), description: vscode.l10n.t('recorded by hand'), id: 'manual' as const },
          ],
          { title: step(2), placeHolder: vscode.l10n.t('What do you measure?') },
        )
      )?.id;
    if (!metric) return false;
    const definition = metric === 'manual' ? undefined : METRICS[metric];

    // 3. Specific: its name.
    const name = given.name ?? (await vscode.window.showInputBox({ title: step(3), prompt: vscode.l10n.t('Name the KPI'), value: definition ? metricLabel(metric, definition.title) : '' }));
    if (!name) return false;

    // 4. The window it is measured over.
    const window =
      given.window ??
      (
        await vscode.window.showQuickPick(['4w', '8w', '12w', '30d'].map((w) => ({ label: w })), {
          title: step(4),
          placeHolder: vscode.l10n.t('Measured over which window? (Nw: complete ISO weeks, Nd: rolling days)'),
        })
      )?.label;
    if (!window) return false;

    // 5. The direction that counts as better.
    const better = definition?.better ?? 'higher';
    const order: Direction[] = better === 'higher' ? ['increaseTo', 'atLeast', 'decreaseTo', 'atMost'] : ['decreaseTo', 'atMost', 'increaseTo', 'atLeast'];
    const direction =
      given.direction ??
      (await vscode.window.showQuickPick(order.filter((d) => DIRECTIONS.includes(d)).map((d) => ({ label: d, description: directionText(d) })), { title: step(5), placeHolder: vscode.l10n.t('Which direction is better?') }))?.label;
    if (!direction) return false;

    // 6. Attainable: the target, suggested from the current baseline.
    let target = given.target;
    if (target === undefined) {
      const baseline = metric === 'manual' ? null : await service.currentValue(metric, window);
      const suggestion = baseline === null ? '' : String(suggestTarget(baseline, better));
      const input = await vscode.window.showInputBox({
        title: step(6),
        prompt: baseline === null ? vscode.l10n.t('Target value') : vscode.l10n.t('Target value (now {0}; suggested: 10% better)', baseline),
        value: suggestion,
        validateInput: (v) => (Number.isFinite(Number(v)) && v.trim() !== '' ? undefined : vscode.l10n.t('Enter a number')),
      });
      if (input === undefined) return false;
      target = Number(input);
    }

    // 7. Time-bound: a time frame and a review cadence, when the objective has none.
    const today = isoDate(Date.now());
    let timeframe: NewKpi['timeframe'];
    let review: Cadence | undefined;
    if (!existing?.timeframe) {
      const tf =
        given.timeframe ??
        (
          await vscode.window.showQuickPick(
            [
              { label: vscode.l10n.t('One quarter from today'), id: 'quarter' as const },
              { label: vscode.l10n.t('Six months from today'), id: 'half' as const },
              { label: vscode.l10n.t('No time frame'), id: 'none' as const },
            ],
            { title: step(7), placeHolder: vscode.l10n.t('By when should it be met?') },
          )
        )?.id;
      if (!tf) return false;
      if (tf !== 'none') timeframe = { start: today, duration: tf === 'quarter' ? '1q' : '2q' };
    }
    if (!existing?.review) {
      const r =
        given.review ??
        (await vscode.window.showQuickPick([...CADENCES, 'none'].map((c) => ({ label: c })), { title: step(7), placeHolder: vscode.l10n.t('How often will the team review it?') }))?.label;
      if (r === undefined) return false;
      if (r !== 'none') review = r as Cadence;
    }

    const entry: NewKpi = {
      objective,
      id: freeId(text, slugId(name)),
      name,
      metric,
      direction,
      value: target,
      window,
      ...(timeframe ? { timeframe } : {}),
      ...(review ? { review } : {}),
    };
    if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, addKpiEdits(text, entry))))) return false;
    const editor = await vscode.window.showTextDocument(document);
    const at = document.getText().indexOf(`"${entry.id}"`);
    if (at >= 0) editor.revealRange(offsetRange(document, at, 0), vscode.TextEditorRevealType.InCenter);
    service.requestRefresh();
    return true;
  };
}

function directionText(d: Direction): string {
  switch (d) {
    case 'increaseTo':
      return vscode.l10n.t('rise to the target by the deadline');
    case 'decreaseTo':
      return vscode.l10n.t('fall to the target by the deadline');
    case 'atLeast':
      return vscode.l10n.t('stay at or above the target');
    case 'atMost':
      return vscode.l10n.t('stay at or below the target');
    case 'range':
      return vscode.l10n.t('stay inside a range');
  }
}
