// Live values above each KPI in kpi.json: "14.5/week · target ≥ 18 · on track".
// Clicking one opens that KPI in the dashboard.
import { findNodeAtLocation } from 'jsonc-parser';
import * as vscode from 'vscode';
import { allKpis } from '../../core/evaluation/evaluate';
import { parseKpiFile } from '../../core/kpiJson/parse';
import { Commands, commandOf } from '../ids';
import type { KpiService } from '../kpiService';
import { kpiLine, statusLabel } from '../presentation';
import { KpiDiagnostics } from './diagnostics';
import { Disposable } from '../lifecycle';

export class KpiCodeLens extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly service: KpiService) {
    super();
    this.register(service.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!KpiDiagnostics.isKpiFile(document.uri)) return [];
    const state = this.service.state;
    const evaluation = state.kind === 'ready' ? state.evaluation : state.kind === 'invalid' ? state.lastGood : undefined;
    if (!evaluation) return [];
    const parse = parseKpiFile(document.getText());
    if (!parse.config || !parse.root) return [];
    const results = new Map(allKpis(evaluation).map((k) => [k.id, k]));
    const lenses: vscode.CodeLens[] = [];
    for (const k of [...parse.config.objectives.flatMap((o) => o.kpis), ...parse.config.looseKpis]) {
      const r = results.get(k.id);
      const node = findNodeAtLocation(parse.root, [...k.path]);
      if (!r || !node) continue;
      const pos = document.positionAt(node.offset);
      const forecast =
        r.forecast && r.forecast.verdict !== 'insufficientData' && r.forecast.verdict !== 'noTarget'
          ? ` · ${forecastWord(r.forecast.verdict)}`
          : '';
      lenses.push(
        new vscode.CodeLens(new vscode.Range(pos, pos), {
          ...commandOf(Commands.openDashboard, `${kpiLine(r)} · ${statusLabel(r.status).toLowerCase()}${forecast}`, k.id),
          tooltip: vscode.l10n.t('Open this KPI in the dashboard'),
        }),
      );
    }
    return lenses;
  }
}

function forecastWord(verdict: 'likelyMet' | 'unlikely' | 'uncertain'): string {
  switch (verdict) {
    case 'likelyMet':
      return vscode.l10n.t('forecast: likely met');
    case 'unlikely':
      return vscode.l10n.t('forecast: unlikely');
    case 'uncertain':
      return vscode.l10n.t('forecast: uncertain');
  }
}
