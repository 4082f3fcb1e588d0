// Every id the extension shares with package.json, in one typed place.

export const EXTENSION_ID = 'engineering-kpis.engineering-kpis';

export const Commands = {
  refresh: 'engineeringKpis.refresh',
  openDashboard: 'engineeringKpis.openDashboard',
  createKpiFile: 'engineeringKpis.createKpiFile',
  addKpi: 'engineeringKpis.addKpi',
  recordValue: 'engineeringKpis.recordValue',
  exportReport: 'engineeringKpis.exportReport',
  saveSnapshot: 'engineeringKpis.saveSnapshot',
  explainKpi: 'engineeringKpis.explainKpi',
  mergeIdentities: 'engineeringKpis.mergeIdentities',
  openCommit: 'engineeringKpis.openCommit',
  copyCommitId: 'engineeringKpis.copyCommitId',
  openCommitOnRemote: 'engineeringKpis.openCommitOnRemote',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/**
 * The arguments each command takes when another part of the extension (the tree, CodeLens,
 * the dashboard) or a test invokes it; from the command palette it takes none and asks.
 */
export interface CommandArgs {
  readonly [Commands.refresh]: [];
  readonly [Commands.openDashboard]: [kpiId?: string];
  readonly [Commands.createKpiFile]: [templateId?: string];
  readonly [Commands.addKpi]: [answers?: object];
  readonly [Commands.recordValue]: [kpiId?: string];
  readonly [Commands.exportReport]: [format?: string];
  readonly [Commands.saveSnapshot]: [];
  readonly [Commands.explainKpi]: [kpiId?: string];
  readonly [Commands.mergeIdentities]: [];
  readonly [Commands.openCommit]: [commitId: string];
  readonly [Commands.copyCommitId]: [commitId: string];
  readonly [Commands.openCommitOnRemote]: [commitId: string];
}

/** A command with its arguments, typed: the shape of vscode.Command (TreeItem.command, CodeLens). */
export function commandOf<C extends CommandId>(
  command: C,
  title: string,
  ...args: CommandArgs[C]
): { command: C; title: string; arguments: CommandArgs[C] } {
  return { command, title, arguments: args };
}

export const Views = {
  container: 'engineeringKpis',
  tree: 'engineeringKpis.tree',
  dashboard: 'engineeringKpis.dashboard',
} as const;

export const ContextKeys = {
  active: 'engineeringKpis.active',
  hasKpiFile: 'engineeringKpis.hasKpiFile',
} as const;

export const Settings = {
  section: 'engineeringKpis',
  refreshDelayMs: 'refreshDelayMs',
  gitTimeoutSeconds: 'gitTimeoutSeconds',
  perPersonBreakdown: 'perPersonBreakdown',
} as const;

export const KPI_FILE = 'kpi.json';
export const DIAGNOSTIC_SOURCE = 'Engineering KPIs';
/** Tests fix the clock through this environment variable (an ISO date). */
export const NOW_ENV = 'ENGINEERING_KPIS_NOW';
