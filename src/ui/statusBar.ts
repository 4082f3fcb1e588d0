// A one-glance summary in the status bar: how many KPIs are met, at risk, off track.
import * as vscode from 'vscode';
import { allKpis } from '../core/evaluation/evaluate';
import { Commands } from './ids';
import type { KpiService, ServiceState } from './kpiService';
import { Disposable } from './lifecycle';

export class KpiStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('engineeringKpis.summary', vscode.StatusBarAlignment.Left, 50));

  constructor(service: KpiService) {
    super();
    this.item.name = vscode.l10n.t('KPI summary');
    this.item.command = Commands.openDashboard;
    this.register(service.onDidChange((s) => this.render(s)));
    this.render(service.state);
  }

  private render(state: ServiceState): void {
    if (state.kind === 'noFolder' || state.kind === 'noFile') {
      this.item.hide();
      return;
    }
    if (state.kind === 'loading') {
      this.item.text = '$(sync~spin) KPIs';
      this.item.tooltip = vscode.l10n.t('Reading the git history…');
      this.item.accessibilityInformation = { label: this.item.tooltip };
      this.item.show();
      return;
    }
    if (state.kind !== 'ready') {
      this.item.text = '$(graph) KPIs $(warning)';
      const tooltip =
        state.kind === 'error'
          ? state.message
          : state.kind === 'untrusted'
            ? vscode.l10n.t('Restricted mode: git is not run.')
            : vscode.l10n.t('kpi.json needs attention');
      this.item.tooltip = tooltip;
      this.item.accessibilityInformation = { label: tooltip };
      this.item.show();
      return;
    }
    const kpis = allKpis(state.evaluation);
    const count = (s: string): number => kpis.filter((k) => k.status === s).length;
    const met = count('met');
    const risk = count('atRisk');
    const off = count('offTrack');
    this.item.text = `$(graph) ${met}/${kpis.length}` + (risk > 0 ? ` $(warning) ${risk}` : '') + (off > 0 ? ` $(error) ${off}` : '');
    this.item.tooltip = vscode.l10n.t(
      'KPIs: {0} met, {1} at risk, {2} off track of {3}. Click to open the dashboard.',
      met,
      risk,
      off,
      kpis.length,
    );
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.show();
  }
}
