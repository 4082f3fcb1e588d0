// Builds the dashboard's view model from the service state: plain, localized strings only.
import * as vscode from 'vscode';
import type { ObjectiveResult } from '../../core/evaluate';
import type { ServiceState } from '../kpiService';
import { qualityText, statusLabel, targetText, valueText } from '../presentation';
import type { DashboardModel, DashboardSection } from '../protocol';

export function dashboardModel(state: ServiceState, focus: string | undefined): DashboardModel {
  const base = {
    title: vscode.l10n.t('KPI Dashboard'),
    empty: vscode.l10n.t('No KPIs yet. Add objectives and KPIs to kpi.json.'),
    qualityTitle: vscode.l10n.t('Data quality'),
    quality: [] as DashboardModel['quality'],
    updated: new Date().toLocaleString(vscode.env.language),
    ...(focus !== undefined ? { focus } : {}),
  };
  switch (state.kind) {
    case 'noFolder':
      return { ...base, sections: [], notice: { kind: 'info', text: vscode.l10n.t('Open a folder with a git repository.') } };
    case 'noFile':
      return { ...base, sections: [], notice: { kind: 'info', text: vscode.l10n.t('This folder has no kpi.json. Run "KPI: Create kpi.json".') } };
    case 'untrusted':
      return { ...base, sections: [], notice: { kind: 'warning', text: vscode.l10n.t('Trust this workspace to compute KPIs from git.') } };
    case 'error':
      return { ...base, sections: [], notice: { kind: 'error', text: state.message } };
    case 'invalid': {
      const first = state.problems.find((p) => p.severity === 'error');
      return {
        ...base,
        sections: sections(state.lastGood?.objectives ?? []),
        notice: { kind: 'error', text: vscode.l10n.t('kpi.json has errors: {0}', first?.message ?? '') },
      };
    }
    case 'ready': {
      const dq = state.evaluation.dataQuality;
      return {
        ...base,
        sections: sections(state.evaluation.objectives),
        quality: dq.notes.map((n) => ({ kind: n.severity, text: qualityText(n, dq) })),
      };
    }
  }
}

function sections(objectives: readonly ObjectiveResult[]): DashboardSection[] {
  return objectives.map((o) => ({
    name: o.name,
    summary: vscode.l10n.t('{0} of {1} met', o.kpis.filter((k) => k.status === 'met').length, o.kpis.length),
    cards: o.kpis.map((k) => ({
      id: k.id,
      name: k.name,
      metric: k.metricTitle,
      value: valueText(k),
      target: targetText(k),
      status: k.status,
      statusText: statusLabel(k.status),
      window: vscode.l10n.t('Window {0}: {1} → {2}', k.windowLabel, k.provenance.window.start, k.provenance.window.end),
      counted: vscode.l10n.t('{0} commits counted', k.provenance.commits.length),
    })),
  }));
}
