// The KPIs tree: objectives (and "Without objective"), then KPIs, then their details and
// counted commits. Nodes are a discriminated union turned into TreeItems by one factory;
// the detail rows themselves are built in treeDetails.ts.
import * as vscode from 'vscode';
import { commitTooltip } from './commits';
import type { DataQuality } from '../core/evaluation/dataQuality';
import { allKpis } from '../core/evaluation/evaluate';
import type { Evaluation, KpiResult, ObjectiveResult } from '../core/evaluation/types';
import { Commands, KPI_FILE, commandOf } from './ids';
import type { KpiService, ServiceState } from './kpiService';
import { kpiLine, localized, metricLabel, qualityText, scoreText, statusIcon, statusLabel, timeframeText } from './presentation';
import { commitRows, detailRows, type DetailRow, type KpiContext } from './treeDetails';
import { Disposable } from './lifecycle';

type Node =
  | { readonly kind: 'message'; readonly text: string; readonly icon: string; readonly command?: vscode.Command }
  | { readonly kind: 'quality'; readonly quality: DataQuality }
  | { readonly kind: 'objective'; readonly objective: ObjectiveResult; readonly evaluation: Evaluation }
  | { readonly kind: 'loose'; readonly evaluation: Evaluation }
  | { readonly kind: 'kpi'; readonly kpi: KpiResult; readonly ctx: KpiContext }
  | { readonly kind: 'commits'; readonly kpi: KpiResult }
  | { readonly kind: 'detail'; readonly row: DetailRow };

export class KpiTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly service: KpiService) {
    super();
    this.register(service.onDidChange(() => this.changed.fire()));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return rootNodes(this.service.state);
    switch (node.kind) {
      case 'objective':
        return kpiNodes(node.objective.kpis, node.evaluation, node.objective);
      case 'loose':
        return kpiNodes(node.evaluation.looseKpis, node.evaluation, undefined);
      case 'kpi':
        return [...detailRows(node.kpi, node.ctx).map((row): Node => ({ kind: 'detail', row })), { kind: 'commits', kpi: node.kpi }];
      case 'commits':
        return commitRows(node.kpi).map((row) => ({ kind: 'detail', row }));
      case 'quality':
        return node.quality.notes.map((n) => ({
          kind: 'message',
          icon: n.severity === 'warning' ? 'warning' : 'info',
          text: qualityText(n, node.quality),
          ...(n.code === 'duplicateIdentities'
            ? { command: commandOf(Commands.mergeIdentities, vscode.l10n.t('Merge Duplicate Identities…')) }
            : {}),
        }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return treeItem(node);
  }

  /** A commit row's tooltip: its subject, date and files changed, read from git on hover. */
  async resolveTreeItem(item: vscode.TreeItem, node: Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'detail' || node.row.commit === undefined || item.tooltip !== undefined) return item;
    const tip = await commitTooltip(this.service, node.row.commit);
    if (!token.isCancellationRequested) item.tooltip = tip ?? node.row.commit;
    return item;
  }
}

function kpiNodes(kpis: readonly KpiResult[], evaluation: Evaluation, objective: ObjectiveResult | undefined): Node[] {
  const ctx: KpiContext = { all: allKpis(evaluation), alerts: evaluation.guardrailAlerts, ...(objective ? { objective } : {}) };
  return kpis.map((kpi) => ({ kind: 'kpi', kpi, ctx }));
}

function evaluationNodes(evaluation: Evaluation | undefined): Node[] {
  if (!evaluation) return [];
  const nodes: Node[] = evaluation.objectives.map((objective) => ({ kind: 'objective', objective, evaluation }));
  if (evaluation.looseKpis.length > 0) nodes.push({ kind: 'loose', evaluation });
  return nodes;
}

function rootNodes(state: ServiceState): Node[] {
  const openFile: vscode.Command | undefined =
    'folder' in state
      ? { command: 'vscode.open', title: vscode.l10n.t('Open kpi.json'), arguments: [vscode.Uri.joinPath(state.folder, KPI_FILE)] }
      : undefined;
  switch (state.kind) {
    case 'noFolder':
    case 'noFile':
      return []; // the welcome view explains what to do
    case 'loading':
      // Never the "no kpi.json yet" welcome for a folder that has one: say what is happening.
      return [{ kind: 'message', icon: 'loading~spin', text: vscode.l10n.t('Reading the git history…') }];
    case 'untrusted':
      return [
        {
          kind: 'message',
          icon: 'shield',
          text: vscode.l10n.t('Trust this workspace to compute KPIs from git.'),
          command: { command: 'workbench.trust.manage', title: vscode.l10n.t('Manage Workspace Trust') },
        },
      ];
    case 'error':
      return [{ kind: 'message', icon: 'error', text: state.message, command: commandOf(Commands.refresh, vscode.l10n.t('Refresh')) }];
    case 'invalid': {
      const first = state.problems.find((p) => p.severity === 'error');
      const text = vscode.l10n.t('kpi.json has errors: {0}', first ? localized(first.text) : '');
      const msg: Node = { kind: 'message', icon: 'error', text, ...(openFile ? { command: openFile } : {}) };
      return [msg, ...evaluationNodes(state.lastGood)];
    }
    case 'ready': {
      const nodes = evaluationNodes(state.evaluation);
      const quality = state.evaluation.dataQuality;
      if (quality.notes.length > 0) nodes.push({ kind: 'quality', quality });
      if (nodes.length === 0) nodes.push({ kind: 'message', icon: 'info', text: vscode.l10n.t('kpi.json has no objectives yet.') });
      return nodes;
    }
  }
}

function metSummary(kpis: readonly KpiResult[]): string {
  return vscode.l10n.t('{0} of {1} met', kpis.filter((k) => k.status === 'met').length, kpis.length);
}

function objectiveItem(o: ObjectiveResult): vscode.TreeItem {
  const item = new vscode.TreeItem(o.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `objective/${o.id}`;
  const okr = o.mode === 'okr' && o.score !== undefined;
  item.description = okr ? `${metSummary(o.kpis)} · ${scoreText(o.score ?? null)}` : metSummary(o.kpis);
  const lines = [o.name];
  if (o.timeframe) lines.push(vscode.l10n.t('Time frame: {0}', timeframeText(o.timeframe)));
  if (o.nextReview) lines.push(vscode.l10n.t('Next review: {0}', o.nextReview));
  if (okr)
    lines.push(
      o.success
        ? vscode.l10n.t('OKR {0}: success (0.7 or more)', scoreText(o.score ?? null))
        : vscode.l10n.t('OKR {0}: below 0.7', scoreText(o.score ?? null)),
    );
  if (o.owner) lines.push(vscode.l10n.t('Owner: {0}', o.owner));
  item.tooltip = lines.join('\n');
  item.iconPath =
    okr && o.success ? new vscode.ThemeIcon('target', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('target');
  item.contextValue = 'objective';
  return item;
}

function kpiItem(k: KpiResult): vscode.TreeItem {
  const item = new vscode.TreeItem(k.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `kpi/${k.objectiveId ?? '-'}/${k.id}`;
  item.description = kpiLine(k);
  item.iconPath = statusIcon(k.status);
  const tip = new vscode.MarkdownString();
  tip.appendText(`${k.name}\n\n${statusLabel(k.status)} · ${kpiLine(k)}\n\n${metricLabel(k.metric, k.metricTitle)} · ${k.windowLabel}`);
  item.tooltip = tip;
  item.accessibilityInformation = { label: `${k.name}, ${statusLabel(k.status)}, ${kpiLine(k)}` };
  item.contextValue = 'kpi';
  item.command = commandOf(Commands.openDashboard, vscode.l10n.t('Open Dashboard'), k.id);
  return item;
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
      item.description = node.quality.notes.length === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', node.quality.notes.length);
      item.iconPath = new vscode.ThemeIcon(warnings > 0 ? 'warning' : 'info');
      item.contextValue = 'quality';
      return item;
    }
    case 'objective':
      return objectiveItem(node.objective);
    case 'loose': {
      const item = new vscode.TreeItem(vscode.l10n.t('Without objective'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'loose';
      item.description = metSummary(node.evaluation.looseKpis);
      item.tooltip = vscode.l10n.t('KPIs that belong to no objective. Give each KPI an objective that says why it matters.');
      item.iconPath = new vscode.ThemeIcon('circle-large-outline');
      item.contextValue = 'looseKpis';
      return item;
    }
    case 'kpi':
      return kpiItem(node.kpi);
    case 'commits': {
      const n = node.kpi.provenance.commits.length;
      const item = new vscode.TreeItem(
        vscode.l10n.t('Commits counted'),
        n > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `${node.kpi.objectiveId ?? '-'}/${node.kpi.id}/commits`;
      item.description = String(n);
      item.iconPath = new vscode.ThemeIcon('git-commit');
      item.contextValue = 'commits';
      return item;
    }
    case 'detail': {
      const { row } = node;
      const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
      item.id = row.id;
      item.description = row.description;
      item.tooltip = row.tooltip ?? `${row.label}: ${row.description}`;
      item.iconPath = new vscode.ThemeIcon(row.icon, row.color ? new vscode.ThemeColor(row.color) : undefined);
      item.contextValue = 'detail';
      if (row.commit !== undefined) {
        item.contextValue = 'commit';
        item.tooltip = undefined; // resolveTreeItem reads subject, date and files from git
        item.command = commandOf(Commands.openCommit, vscode.l10n.t('Open Commit Changes'), row.commit);
        item.accessibilityInformation = { label: `${row.label} ${row.description}` };
      }
      return item;
    }
  }
}
