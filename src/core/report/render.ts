// Renders a Report as Markdown, CSV, JSON or OpenMetrics text. Pure functions.
import { VERDICT_TEXT } from '../forecast/forecast';
import { formatTarget, formatValueForTarget } from '../text/format';
import type { Status } from '../kpiJson/model';
import type { Report, ReportKpi } from './data';
import { safeInline } from '../text/safeText';
import { markdownInline } from '../text/escape';

/** English status words for reports (the extension's views use their own translations). */
export const STATUS_TEXT: Readonly<Record<Status, string>> = {
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

/**
 * The report as JSON. Text from git or kpi.json stays exactly as it is, but `#` before
 * `#vso[` is written as the escape `\u0023`, so that no line of the output holds the marker
 * Azure Pipelines acts on anywhere in a line (a JSON reader sees the same string).
 */
export function renderJson(r: Report): string {
  return `${JSON.stringify(r, null, 2).replace(/#(?=#vso\[)/gi, '\\u0023')}\n`;
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
    const key = k.objective?.id ?? '';
    if (key !== objective) {
      if (objective !== undefined) lines.push('');
      objective = key;
      lines.push(
        `## ${markdownInline(k.objective?.name ?? 'Without objective')}`,
        '',
        '| KPI | Value | Target | Status | Trend | Forecast | Window | Time frame | Next review |',
        '| --- | ---: | --- | --- | --- | --- | --- | --- | --- |',
      );
    }
    lines.push(
      `| ${markdownInline(k.name)} | ${markdownInline(formatValueForTarget(k.value, k.target ?? undefined, k.unit))} | ${markdownInline(formatTarget(k.target ?? undefined, k.unit))} | ${STATUS_ICON[k.status]} ${STATUS_TEXT[k.status]}${k.why ? `: ${markdownInline(k.why)}` : ''}${k.note ? ` (${markdownInline(k.note)})` : ''} | ${sparkline(k.trend.map((p) => p.value))} | ${k.forecast ? markdownInline(`${VERDICT_TEXT[k.forecast.verdict]}: ${k.forecast.reason}`) : ''} | ${markdownInline(k.window.label)} (${k.window.start} → ${k.window.end}) | ${k.timeframe ? `${k.timeframe.start} → ${k.timeframe.end}` : ''} | ${k.nextReview ?? ''} |`,
    );
  }
  if (r.kpis.length === 0) lines.push('No KPIs are defined.', '');
  if (r.dataQuality.partial) lines.push('', '> ⚠️ Shallow clone: the history is incomplete, so these values are partial.');
  if (r.dataQuality.notes.length > 0) {
    lines.push('', '## Data quality', '');
    for (const n of r.dataQuality.notes) lines.push(`- ${n.severity === 'warning' ? '⚠️' : 'ℹ️'} ${markdownInline(n.message)}`);
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** The last 12 weekly values as block characters (blank for weeks without data). */
export function sparkline(values: readonly (number | null)[]): string {
  const recent = values.slice(-12);
  const known = recent.filter((v): v is number => v !== null);
  if (known.length === 0) return '';
  const lo = Math.min(...known);
  const span = Math.max(...known) - lo || 1;
  return recent.map((v) => (v === null ? ' ' : BARS[Math.round(((v - lo) / span) * (BARS.length - 1))])).join('');
}

/** RFC 4180: quote every field that needs it, double inner quotes; defuse spreadsheet formulas. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? String(v) : safeInline(v);
  if (/^[=+\-@\t]/.test(s) && typeof v !== 'number') s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(r: Report): string {
  const header = [
    'objective',
    'id',
    'name',
    'metric',
    'value',
    'unit',
    'direction',
    'target',
    'min',
    'max',
    'status',
    'window',
    'start',
    'end',
    'commits',
    'baseline',
    'timeframe_start',
    'timeframe_end',
    'next_review',
    'forecast',
    'projected',
    'forecast_reason',
    'trend',
  ];
  const rows = r.kpis.map((k: ReportKpi) => [
    k.objective?.name ?? '',
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
    k.baseline,
    k.timeframe?.start ?? '',
    k.timeframe?.end ?? '',
    k.nextReview ?? '',
    k.forecast?.verdict ?? '',
    k.forecast?.projected ?? null,
    k.forecast?.reason ?? '',
    k.trend.map((p) => (p.value === null ? '' : String(p.value))).join(' '),
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
    '# HELP engineering_kpi_value Current value of each KPI over its window, in the KPI unit.',
    '# TYPE engineering_kpi_value gauge',
  ];
  const ids = (k: ReportKpi): string =>
    `repository="${repo}",objective="${label(k.objective?.id ?? '')}",kpi="${label(k.id)}",metric="${label(k.metric)}",unit="${label(k.unit)}"`;
  for (const k of r.kpis) if (k.value !== null) out.push(`engineering_kpi_value{${ids(k)}} ${k.value}`);
  out.push(
    '# HELP engineering_kpi_target The KPI target threshold (range targets give min and max).',
    '# TYPE engineering_kpi_target gauge',
  );
  for (const k of r.kpis) {
    const t = k.target;
    if (!t) continue;
    if (t.direction === 'range') {
      out.push(
        `engineering_kpi_target{${ids(k)},bound="min"} ${t.min ?? 0}`,
        `engineering_kpi_target{${ids(k)},bound="max"} ${t.max ?? 0}`,
      );
    } else out.push(`engineering_kpi_target{${ids(k)},bound="${t.direction}"} ${t.value ?? 0}`);
  }
  // A gauge per state rather than OpenMetrics' stateset, so that Prometheus's own text parser
  // (Pushgateway, promtool) accepts the output too.
  out.push(
    '# HELP engineering_kpi_status The KPI status: 1 for the current state, 0 for the others.',
    '# TYPE engineering_kpi_status gauge',
  );
  for (const k of r.kpis) {
    for (const s of STATUSES) out.push(`engineering_kpi_status{${ids(k)},status="${s}"} ${k.status === s ? 1 : 0}`);
  }
  out.push(
    '# HELP engineering_kpi_forecast_projected The value projected at the end of the time frame.',
    '# TYPE engineering_kpi_forecast_projected gauge',
  );
  for (const k of r.kpis) {
    if (k.forecast?.projected !== undefined && k.forecast.projected !== null) {
      out.push(`engineering_kpi_forecast_projected{${ids(k)}} ${Math.round(k.forecast.projected * 1000) / 1000}`);
    }
  }
  out.push('# HELP engineering_kpi_okr_score OKR key-result score, 0 to 1.', '# TYPE engineering_kpi_okr_score gauge');
  for (const k of r.kpis) if (k.score !== null) out.push(`engineering_kpi_okr_score{${ids(k)}} ${k.score}`);
  out.push(
    '# HELP engineering_kpi_partial_data 1 when the history is incomplete (shallow clone).',
    '# TYPE engineering_kpi_partial_data gauge',
    `engineering_kpi_partial_data{repository="${repo}"} ${r.dataQuality.partial ? 1 : 0}`,
    '# EOF',
  );
  return `${out.join('\n')}\n`;
}
