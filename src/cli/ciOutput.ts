// What the CLI adds inside a CI system that has its own conventions: in GitHub Actions an
// annotation per KPI that is off track (error) or at risk (warning), and the Markdown report
// in the job summary; in Azure Pipelines the same issues as `##vso[task.logissue]` lines.
// Every string from kpi.json or git passes safeInline (control characters, workflow
// commands) and then the CI system's own escaping. Reference: docs/cli.md#ci-systems.
import type { Report, ReportKpi } from '../core/report/data';
import { formatTarget, formatValueForTarget } from '../core/text/format';
import { safeInline } from '../core/text/safeText';

export type CiSystem = 'github' | 'azure';

/** The CI system the environment names, if any (GITHUB_ACTIONS=true, TF_BUILD=True). */
export function ciSystemOf(env: Readonly<Record<string, string | undefined>>): CiSystem | undefined {
  if (env['GITHUB_ACTIONS'] === 'true') return 'github';
  if (env['TF_BUILD']?.toLowerCase() === 'true') return 'azure';
  return undefined;
}

/** GitHub's escaping of a command's message (the toolkit's escapeData). */
function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a command's property value (the toolkit's escapeProperty). */
function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Azure's escaping of a logging command's message and properties. */
function azureData(s: string): string {
  return s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/;/g, '%3B').replace(/]/g, '%5D');
}

/** "Deploys: 0.5/week against ≥ 1/week, off track (window 4w)." */
function issueText(k: ReportKpi): string {
  const target = k.target ?? undefined;
  const value = formatValueForTarget(k.value, target, k.unit);
  const state = k.status === 'offTrack' ? 'off track' : 'at risk';
  return safeInline(`${k.name}: ${value} against ${formatTarget(target, k.unit)}, ${state} (window ${k.window.label}).`);
}

/** One line per KPI that is off track or at risk, in the CI system's syntax, each ending in a newline. */
export function ciAnnotations(report: Report, system: CiSystem): string {
  const lines: string[] = [];
  for (const k of report.kpis) {
    if (k.status !== 'offTrack' && k.status !== 'atRisk') continue;
    const level = k.status === 'offTrack' ? 'error' : 'warning';
    const title = safeInline(`KPI ${k.status === 'offTrack' ? 'off track' : 'at risk'}: ${k.name}`);
    lines.push(
      system === 'github'
        ? `::${level} title=${githubProperty(title)}::${githubData(issueText(k))}`
        : `##vso[task.logissue type=${level}]${azureData(issueText(k))}`,
    );
  }
  return lines.map((l) => `${l}\n`).join('');
}
