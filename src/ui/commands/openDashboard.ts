// KPI: Open Dashboard — optionally focused on one KPI (from the tree or a CodeLens).
import type { DashboardController } from '../dashboard/panel';

export function openDashboardCommand(dashboard: DashboardController): (kpiId?: unknown) => void {
  return (kpiId?: unknown) => dashboard.show(typeof kpiId === 'string' ? kpiId : undefined);
}
