// The KPIs tree: objectives, then KPIs, then their details. Nodes are a discriminated union
// turned into TreeItems by one factory.
import * as vscode from 'vscode';
import type { DataQuality } from '../core/dataQuality';
import type { KpiResult, ObjectiveResult } from '../core/evaluate';
import { formatValue } from '../core/format';
import { Commands, KPI_FILE } from './ids';
import type { KpiService, ServiceState } from './kpiService';
import { kpiLine, qualityText, statusIcon, statusLabel } from './presentation';

type Node =
  | { readonly kind: 'message'; readonly text: string; readonly icon: string; readonly command?: vscode.Command }
  | { readonly kind: 'quality'; readonly quality: DataQuality }
  | { readonly kind: 'objective'; readonly objective: ObjectiveResult }
  | { readonly kind: 'kpi'; readonly kpi: KpiResult }
  | { readonly kind: 'detail'; readonly id: string; readonly label: string; readonly description: string; readonly icon: string };

export class KpiTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: KpiService) {
    this.subscription = service.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return rootNodes(this.service.state);
    switch (node.kind) {
      case 'objective':
        return node.objective.kpis.map((kpi) => ({ kind: 'kpi', kpi }));
      case 'kpi':
        return detailNodes(node.kpi);
      case 'quality':
        return node.quality.notes.map((n) => ({ kind: 'message', icon: n.severity === 'warning' ? 'warning' : 'info', text: qualityText(n, node.quality) }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node);
  }
}

function rootNodes(state: ServiceState): Node[] {
  const objectives = (list: readonly ObjectiveResult[]): Node[] => list.map((objective) => ({ kind: 'objective', objective }));
  const openFile: vscode.Command | undefined =
    'folder' in state
      ? { command: 'vscode.open', title: vscode.l10n.t('Open kpi.json'), arguments: [vscode.Uri.joinPath(state.folder, KPI_FILE)] }
      : undefined;
  switch (state.kind) {
    case 'noFolder':
    case 'noFile':
      return []; // the welcome view explains what to do
    case 'untrusted':
      return [{ kind: 'message', icon: 'shield', text: vscode.l10n.t('Trust this workspace to compute KPIs from git.') }];
    case 'error':
      return [{ kind: 'message', icon: 'error', text: state.message, command: { command: Commands.refresh, title: vscode.l10n.t('Refresh') } }];
    case 'invalid': {
      const first = state.problems.find((p) => p.severity === 'error');
      const text = vscode.l10n.t('kpi.json has errors: {0}', first?.message ?? '');
      const msg: Node = { kind: 'message', icon: 'error', text, ...(openFile ? { command: openFile } : {}) };
      return [msg, ...objectives(state.lastGood?.objectives ?? [])];
    }
    case 'ready': {
      const nodes = objectives(state.evaluation.objectives);
      const quality = state.evaluation.dataQuality;
      if (quality.notes.length > 0) nodes.push({ kind: 'quality', quality });
      if (nodes.length === 0) nodes.push({ kind: 'message', icon: 'info', text: vscode.l10n.t('kpi.json has no objectives yet.') });
      return nodes;
    }
  }
}

function detailNodes(k: KpiResult): Node[] {
  const out: Node[] = [
    { kind: 'detail', id: `${k.objectiveId}/${k.id}/status`, label: vscode.l10n.t('Status'), description: statusLabel(k.status), icon: 'pulse' },
    {
      kind: 'detail',
      id: `${k.objectiveId}/${k.id}/window`,
      label: vscode.l10n.t('Window'),
      description: `${k.windowLabel} (${k.provenance.window.start} → ${k.provenance.window.end})`,
      icon: 'calendar',
    },
    {
      kind: 'detail',
      id: `${k.objectiveId}/${k.id}/commits`,
      label: vscode.l10n.t('Commits counted'),
      description: String(k.provenance.commits.length),
      icon: 'git-commit',
    },
  ];
  for (const p of k.people ?? []) {
    out.push({ kind: 'detail', id: `${k.objectiveId}/${k.id}/p/${p.name}`, label: p.name, description: vscode.l10n.t('{0} commits', p.commits), icon: 'person' });
  }
  for (const [name, v] of Object.entries(k.details)) {
    if (name === 'commits') continue;
    out.push({ kind: 'detail', id: `${k.objectiveId}/${k.id}/d/${name}`, label: name, description: formatValue(v, name === 'p75' ? k.unit : ''), icon: 'symbol-number' });
  }
  return out;
}

function treeItem(node: Node): vscode.TreeItem {
  switch (node.kind) {
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.text;
      if (node.command) item.command = node.command;
      item.contextValue = 'message';
      return item;
    }
    case 'quality': {
      const warnings = node.quality.notes.filter((n) => n.severity === 'warning').length;
      const item = new vscode.TreeItem(
        vscode.l10n.t('Data quality'),
        warnings > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = 'quality';
      item.description = vscode.l10n.t('{0} notes', node.quality.notes.length);
      item.iconPath = new vscode.ThemeIcon(warnings > 0 ? 'warning' : 'info');
      item.contextValue = 'quality';
      return item;
    }
    case 'objective': {
      const item = new vscode.TreeItem(node.objective.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `objective/${node.objective.id}`;
      const met = node.objective.kpis.filter((k) => k.status === 'met').length;
      item.description = vscode.l10n.t('{0} of {1} met', met, node.objective.kpis.length);
      item.iconPath = new vscode.ThemeIcon('target');
      item.contextValue = 'objective';
      return item;
    }
    case 'kpi': {
      const k = node.kpi;
      const item = new vscode.TreeItem(k.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `kpi/${k.objectiveId}/${k.id}`;
      item.description = kpiLine(k);
      item.iconPath = statusIcon(k.status);
      const tip = new vscode.MarkdownString();
      tip.appendText(`${k.name}\n\n${statusLabel(k.status)} · ${kpiLine(k)}\n\n${k.metricTitle} · ${k.windowLabel}`);
      item.tooltip = tip;
      item.accessibilityInformation = { label: `${k.name}, ${statusLabel(k.status)}, ${kpiLine(k)}` };
      item.contextValue = 'kpi';
      item.command = { command: Commands.openDashboard, title: vscode.l10n.t('Open Dashboard'), arguments: [k.id] };
      return item;
    }
    case 'detail': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.contextValue = 'detail';
      return item;
    }
  }
}
