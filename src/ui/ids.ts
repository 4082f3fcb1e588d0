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
} as const;

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
