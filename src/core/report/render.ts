// Renders a Report as Markdown, CSV, JSON or OpenMetrics text. Pure functions.
import { formatTarget, formatValue } from '../format';
import type { Status } from '../model';
import type { Report, ReportKpi } from './data';
import { safeInline } from './safeText';

const STATUS_TEXT: Record<Status, string> = {
  met: 'Met',
  onTrack: 'On track',
  atRisk: 'At risk',
  offTrack: 'Off track',
  noData: 'No data',
  noTarget: 'No target',
};

const STATUS_ICON: Record<Status, string> = {
  met: '✅',
  onTrack: '🟢',
  atRisk: '⚠️',
  offTrack: '❌',
  noData: '➖',
  noTarget: '➖',
};

export function renderJson(r: Report): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Markdown table cells: inline text with pipes and markup characters escaped. */
function md(s: string): string {
  return safeInline(s).replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&');
}

export function renderMarkdown(r: Report): string {
  const lines = [
    '# KPI report',
    '',
    `Generated ${r.generatedAt} at commit \`${r.repository.head?.slice(0, 12) ?? 'none'}\` (${r.repository.commits} commits).`,
    '',
  ];
  let objective: string | undefined;
  for (const k of r.kpis) {
    if (k.objective.id !== objective) {
      if (objective !== undefined) lines.push('');
      objective = k.objective.id;
      lines.push(`## ${md(k.objective.name)}`, '', '| KPI | Value | Target | Status | Window |', '| --- | ---: | --- | --- | --- |');
    }
    lines.push(
      `| ${md(k.name)} | ${md(formatValue(k.value, k.unit))} | ${md(formatTarget(k.target ?? undefined, k.unit))} | ${STATUS_ICON[k.status]} ${STATUS_TEXT[k.status]} | ${md(k.window.label)} (${k.window.start} → ${k.window.end}) |`,
    );
  }
  if (r.kpis.length === 0) lines.push('No KPIs are defined.', '');
  if (r.dataQuality.notes.length > 0) {
    lines.push('', '## Data quality', '');
    for (const n of r.dataQuality.notes) lines.push(`- ${n.severity === 'warning' ? '⚠️' : 'ℹ️'} ${md(n.message)}`);
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** RFC 4180: quote every field that needs it, double inner quotes; defuse spreadsheet formulas. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? String(v) : safeInline(v);
  if (/^[=+\-@\t]/.test(s) && typeof v !== 'number') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(r: Report): string {
  const header = ['objective', 'id', 'name', 'metric', 'value', 'unit', 'direction', 'target', 'min', 'max', 'status', 'window', 'start', 'end', 'commits'];
  const rows = r.kpis.map((k: ReportKpi) => [
    k.objective.name,
    k.id,
    k.name,
    k.metric,
    k.value,
    k.unit,
    k.target?.direction ?? '',
    k.target?.value ?? null,
    k.target?.min ?? null,
    k.target?.max ?? null,
    k.status,
    k.window.label,
    k.window.start,
    k.window.end,
    k.provenance.commits.length,
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Label values escape backslash, double quote and newline (OpenMetrics 1.0). */
function label(v: string): string {
  return safeInline(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

const STATUSES: readonly Status[] = ['met', 'onTrack', 'atRisk', 'offTrack', 'noData', 'noTarget'];

export function renderOpenMetrics(r: Report, repository: string): string {
  const repo = label(repository);
  const out: string[] = [
    '# TYPE engineering_kpi_value gauge',
    '# HELP engineering_kpi_value Current value of each KPI over its window, in the KPI unit.',
  ];
  const ids = (k: ReportKpi): string =>
    `repository="${repo}",objective="${label(k.objective.id)}",kpi="${label(k.id)}",metric="${label(k.metric)}",unit="${label(k.unit)}"`;
  for (const k of r.kpis) if (k.value !== null) out.push(`engineering_kpi_value{${ids(k)}} ${k.value}`);
  out.push('# TYPE engineering_kpi_target gauge', '# HELP engineering_kpi_target The KPI target threshold (range targets give min and max).');
  for (const k of r.kpis) {
    const t = k.target;
    if (!t) continue;
    if (t.direction === 'range') {
      out.push(`engineering_kpi_target{${ids(k)},bound="min"} ${t.min ?? 0}`, `engineering_kpi_target{${ids(k)},bound="max"} ${t.max ?? 0}`);
    } else out.push(`engineering_kpi_target{${ids(k)},bound="${t.direction}"} ${t.value ?? 0}`);
  }
  out.push('# TYPE engineering_kpi_status stateset', '# HELP engineering_kpi_status The KPI status; exactly one state is 1.');
  for (const k of r.kpis) {
    for (const s of STATUSES) out.push(`engineering_kpi_status{${ids(k)},engineering_kpi_status="${s}"} ${k.status === s ? 1 : 0}`);
  }
  out.push(
    '# TYPE engineering_kpi_partial_data gauge',
    '# HELP engineering_kpi_partial_data 1 when the history is incomplete (shallow clone).',
    `engineering_kpi_partial_data{repository="${repo}"} ${r.dataQuality.partial ? 1 : 0}`,
    '# EOF',
  );
  return `${out.join('\n')}\n`;
}
