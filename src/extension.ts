// Wiring only: create the services, register views, commands and watchers.
import * as vscode from 'vscode';
import type { Evaluation } from './core/evaluation/types';
import { createKpiFileCommand } from './ui/commands/createKpiFile';
import { openDashboardCommand } from './ui/commands/openDashboard';
import { refreshCommand } from './ui/commands/refresh';
import type { EngineeringKpisApi, Snapshot } from './ui/api';
import { DashboardController } from './ui/dashboard/panel';
import { addKpiCommand } from './ui/commands/addKpi';
import { exportReportCommand } from './ui/commands/exportReport';
import { recordValueCommand } from './ui/commands/recordValue';
import { saveSnapshotCommand } from './ui/commands/saveSnapshot';
import { mergeIdentitiesCommand } from './ui/commands/mergeIdentities';
import { COMMIT_SCHEME, CommitDocuments, copyCommitIdCommand, openCommitCommand, openCommitOnRemoteCommand } from './ui/commits';
import { EXPLAIN_SCHEME, ExplainDocuments, explainKpiCommand } from './ui/commands/explainKpi';
import { KpiCodeActions } from './ui/editor/codeActions';
import { KpiCodeLens } from './ui/editor/codeLens';
import { KpiDiagnostics } from './ui/editor/diagnostics';
import { Commands, ContextKeys, KPI_FILE, NOW_ENV, Settings, Views } from './ui/ids';
import { KpiService, type ServiceState } from './ui/kpiService';
import { KpiStatusBar } from './ui/statusBar';
import { KpiTreeProvider } from './ui/tree';
import { userOnly } from './ui/settings';
import { findGitDirs } from './files/gitDirs';

export function activate(context: vscode.ExtensionContext): EngineeringKpisApi {
  const log = vscode.window.createOutputChannel('Engineering KPIs', { log: true });
  const fixedNow = process.env[NOW_ENV];
  const now = (): Date => (fixedNow ? new Date(fixedNow) : new Date());
  const service = createService(context, log, now);
  const tree = new KpiTreeProvider(service);
  const treeView = vscode.window.createTreeView(Views.tree, { treeDataProvider: tree, showCollapseAll: true });
  const dashboard = new DashboardController(context.extensionUri, service);
  const evaluation = (): Evaluation | undefined => lastEvaluation(service.state);
  const diagnostics = new KpiDiagnostics(evaluation);

  context.subscriptions.push(
    log,
    service,
    tree,
    treeView,
    dashboard,
    diagnostics,
    new KpiStatusBar(service),
    ...registerCommands(service, dashboard, now),
    ...registerEditorFeatures(service, diagnostics, evaluation),
    service.onDidChange((state) => {
      void vscode.commands.executeCommand('setContext', ContextKeys.hasKpiFile, state.kind !== 'noFile' && state.kind !== 'noFolder');
      treeView.message = state.kind === 'untrusted' ? vscode.l10n.t('Restricted mode: git is not run.') : '';
      if ('folder' in state && state.kind !== 'noFile') void diagnostics.updateFromDisk(vscode.Uri.joinPath(state.folder, KPI_FILE));
    }),
    ...refreshTriggers(service),
  );

  void vscode.commands.executeCommand('setContext', ContextKeys.active, true);
  void service.refreshNow();
  return { whenIdle: () => service.whenIdle(), snapshot: () => snapshot(service.state) };
}

function createService(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, now: () => Date): KpiService {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(Settings.section);
  return new KpiService({
    now,
    delayMs: () => config().get<number>(Settings.refreshDelayMs, 750),
    gitTimeoutMs: () => config().get<number>(Settings.gitTimeoutSeconds, 120) * 1000,
    // User settings only: a workspace cannot switch on a per-person view (src/ui/settings.ts).
    perPerson: () => userOnly(config().inspect<boolean>(Settings.perPersonBreakdown), false),
    log,
    storageDir: context.storageUri?.fsPath,
    workerScript: vscode.Uri.joinPath(context.extensionUri, 'dist', 'engineWorker.js').fsPath,
  });
}

/** The evaluation the editor features read: the current one, or the last good one while kpi.json is broken. */
function lastEvaluation(s: ServiceState): Evaluation | undefined {
  return s.kind === 'ready' ? s.evaluation : s.kind === 'invalid' ? s.lastGood : undefined;
}

function registerCommands(service: KpiService, dashboard: DashboardController, now: () => Date): vscode.Disposable[] {
  const explainDocs = new ExplainDocuments();
  return [
    vscode.commands.registerCommand(Commands.refresh, refreshCommand(service)),
    vscode.commands.registerCommand(Commands.openDashboard, openDashboardCommand(dashboard)),
    vscode.commands.registerCommand(Commands.createKpiFile, createKpiFileCommand(service)),
    vscode.commands.registerCommand(Commands.addKpi, addKpiCommand(service)),
    vscode.commands.registerCommand(Commands.recordValue, recordValueCommand(service)),
    vscode.commands.registerCommand(Commands.exportReport, exportReportCommand(service)),
    vscode.commands.registerCommand(Commands.saveSnapshot, saveSnapshotCommand(service, now)),
    vscode.commands.registerCommand(Commands.mergeIdentities, mergeIdentitiesCommand(service)),
    vscode.commands.registerCommand(Commands.explainKpi, explainKpiCommand(service, explainDocs)),
    vscode.commands.registerCommand(Commands.openCommit, openCommitCommand(service)),
    vscode.commands.registerCommand(Commands.copyCommitId, copyCommitIdCommand()),
    vscode.commands.registerCommand(Commands.openCommitOnRemote, openCommitOnRemoteCommand(service)),
    vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitDocuments(service)),
    explainDocs,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainDocs),
  ];
}

/** CodeLens, quick fixes and live diagnostics for kpi.json. */
function registerEditorFeatures(
  service: KpiService,
  diagnostics: KpiDiagnostics,
  evaluation: () => Evaluation | undefined,
): vscode.Disposable[] {
  const codeLens = new KpiCodeLens(service);
  const kpiFileSelector: vscode.DocumentSelector = { pattern: `**/${KPI_FILE}` };
  return [
    codeLens,
    vscode.languages.registerCodeLensProvider(kpiFileSelector, codeLens),
    vscode.languages.registerCodeActionsProvider(kpiFileSelector, new KpiCodeActions(evaluation), {
      providedCodeActionKinds: KpiCodeActions.kinds,
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!KpiDiagnostics.isKpiFile(e.document.uri)) return;
      diagnostics.schedule(e.document);
      service.requestRefresh();
    }),
  ];
}

/** Everything outside the editor that changes the numbers: trust, settings, folders, files and refs. */
function refreshTriggers(service: KpiService): vscode.Disposable[] {
  // Rebuilt when workspace folders change, so that added folders are watched too. Finding a
  // folder's git directories is asynchronous: a rebuild that lost the race is thrown away.
  let watching: vscode.Disposable | undefined;
  let generation = 0;
  let disposed = false;
  const rebuild = (): void => {
    const mine = ++generation;
    void watchers(service).then((made) => {
      const fresh = vscode.Disposable.from(...made);
      if (disposed || mine !== generation) return fresh.dispose();
      watching?.dispose();
      watching = fresh;
    });
  };
  rebuild();
  return [
    vscode.workspace.onDidGrantWorkspaceTrust(() => service.requestRefresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(Settings.section)) service.requestRefresh();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      rebuild();
      service.requestRefresh();
    }),
    {
      dispose: () => {
        disposed = true;
        watching?.dispose();
      },
    },
  ];
}

/**
 * kpi.json and .kpi/ on disk, and the branch head of every folder where git keeps it: HEAD in
 * the work tree's git directory, refs and packed-refs in the common one. For a subfolder of a
 * repository or a `git worktree` these are outside the folder (docs/architecture.md).
 */
async function watchers(service: KpiService): Promise<vscode.Disposable[]> {
  const out: vscode.Disposable[] = [];
  const watch = (base: vscode.WorkspaceFolder | vscode.Uri, glob: string): void => {
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, glob));
    out.push(
      w,
      w.onDidCreate(() => service.requestRefresh()),
      w.onDidChange(() => service.requestRefresh()),
      w.onDidDelete(() => service.requestRefresh()),
    );
  };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    watch(folder, KPI_FILE);
    watch(folder, '.kpi/{values,history}.jsonl');
    const dirs = folder.uri.scheme === 'file' ? await findGitDirs(folder.uri.fsPath).catch(() => undefined) : undefined;
    if (!dirs) {
      // Not a repository yet: `git init` here makes one.
      watch(folder, '.git/{HEAD,packed-refs}');
      watch(folder, '.git/refs/{heads,tags}/**');
      continue;
    }
    watch(vscode.Uri.file(dirs.gitDir), 'HEAD');
    watch(vscode.Uri.file(dirs.commonDir), '{packed-refs,refs/heads/**,refs/tags/**}');
  }
  return out;
}

function snapshot(state: ServiceState): Snapshot | undefined {
  if (!('folder' in state)) return undefined;
  const folder = state.folder.fsPath;
  if (state.kind === 'ready') {
    const groups = [
      ...state.evaluation.objectives.map((o) => ({ name: o.name, kpis: o.kpis })),
      { name: '', kpis: state.evaluation.looseKpis },
    ];
    const kpis = groups.flatMap((o) =>
      o.kpis.map((k) => ({
        objective: o.name,
        id: k.id,
        name: k.name,
        metric: k.metric,
        value: k.value,
        unit: k.unit,
        status: k.status,
        commits: k.provenance.commits,
        ...(k.forecast ? { forecast: k.forecast.verdict } : {}),
      })),
    );
    return { folder, head: state.evaluation.head, kpis, dataQuality: state.evaluation.dataQuality.notes.map((n) => n.code) };
  }
  const error = state.kind === 'error' ? state.message : state.kind === 'invalid' ? (state.problems[0]?.message ?? 'invalid') : state.kind;
  return { folder, kpis: [], error };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
