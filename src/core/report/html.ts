// A self-contained HTML report for review meetings: no scripts, no external resources,
// charts as inline SVG. Every string from git or kpi.json is escaped.
import { VERDICT_TEXT } from '../forecast/forecast';
import { formatTarget, formatValueForTarget } from '../text/format';
import type { Status } from '../kpiJson/model';
import type { Report, ReportKpi } from './data';
import { STATUS_TEXT } from './render';
import { escapeHtml } from '../text/escape';

const STATUS_COLOUR: Record<Status, string> = {
  met: '#1a7f37',
  onTrack: '#1a7f37',
  atRisk: '#9a6700',
  offTrack: '#cf222e',
  noData: '#6e7781',
  noTarget: '#6e7781',
};

function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}

/** The weekly trend with the target line and the forecast, as an inline SVG. */
function trendSvg(k: ReportKpi, width = 320, height = 90): string {
  const points = k.trend.map((p, i) => ({ i, v: p.value })).filter((p): p is { i: number; v: number } => p.v !== null);
  const f = k.forecast;
  const extra = f && f.projected !== null ? Math.max(1, Math.round(f.weeksLeft)) : 0;
  const n = k.trend.length + extra;
  const targets = k.target ? [k.target.value, k.target.min, k.target.max].filter((v): v is number => v !== undefined) : [];
  const values = [...points.map((p) => p.v), ...targets, ...(f && f.low !== null && f.high !== null ? [f.low, f.high] : [])];
  const label = `Weekly trend of ${k.name}: ${points.length} weeks${points.length > 0 ? `, latest ${num(points[points.length - 1]!.v)}` : ''}`;
  if (points.length === 0 || n < 2) {
    return `<svg role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}"><text x="8" y="${height / 2}" fill="#6e7781" font-size="12">No trend yet</text></svg>`;
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const pad = 6;
  const x = (i: number): number => pad + (i / (n - 1)) * (width - 2 * pad);
  const y = (v: number): number => height - pad - ((v - lo) / span) * (height - 2 * pad);
  const line = points.map((p, j) => `${j === 0 ? 'M' : 'L'}${num(x(p.i))},${num(y(p.v))}`).join(' ');
  const parts = [`<path d="${line}" fill="none" stroke="#0969da" stroke-width="2"/>`];
  for (const t of targets) {
    parts.push(`<line x1="${pad}" x2="${width - pad}" y1="${num(y(t))}" y2="${num(y(t))}" stroke="#1a7f37" stroke-dasharray="4 3"/>`);
  }
  const last = points[points.length - 1]!;
  if (f && f.projected !== null && f.low !== null && f.high !== null) {
    const xe = x(n - 1);
    parts.push(
      `<path d="M${num(x(last.i))},${num(y(last.v))} L${num(xe)},${num(y(f.high))} L${num(xe)},${num(y(f.low))} Z" fill="#0969da" fill-opacity="0.12"/>`,
      `<path d="M${num(x(last.i))},${num(y(last.v))} L${num(xe)},${num(y(f.projected))}" stroke="#0969da" stroke-dasharray="3 3" fill="none"/>`,
    );
  }
  return `<svg role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function card(k: ReportKpi): string {
  const f = k.forecast;
  const rows = [
    `<div class="value">${escapeHtml(formatValueForTarget(k.value, k.target ?? undefined, k.unit))}</div>`,
    k.why ? `<div class="muted">No value: ${escapeHtml(k.why)}</div>` : '',
    k.note ? `<div class="muted">Note: ${escapeHtml(k.note)}</div>` : '',
    `<div class="muted">target ${escapeHtml(formatTarget(k.target ?? undefined, k.unit) || 'none')} · ${escapeHtml(k.window.label)} (${escapeHtml(k.window.start)} → ${escapeHtml(k.window.end)})</div>`,
    trendSvg(k),
    f ? `<div>Forecast: <strong>${VERDICT_TEXT[f.verdict]}</strong>. ${escapeHtml(f.reason)}</div>` : '',
    k.attainability ? `<div class="muted">Target met in ${k.attainability.met} of the last ${k.attainability.of} weeks.</div>` : '',
    k.timeframe ? `<div class="muted">Time frame ${escapeHtml(k.timeframe.start)} → ${escapeHtml(k.timeframe.end)}</div>` : '',
    k.nextReview ? `<div class="muted">Next review ${escapeHtml(k.nextReview)}</div>` : '',
    k.score !== null ? `<div>OKR score ${num(k.score)}</div>` : '',
  ];
  return `<article class="card"><header><h3>${escapeHtml(k.name)}</h3><span class="status" style="color:${STATUS_COLOUR[k.status]}">${STATUS_TEXT[k.status]}</span></header>${rows.join('')}</article>`;
}

export function renderHtml(r: Report): string {
  const groups = new Map<string, { name: string; kpis: ReportKpi[] }>();
  for (const k of r.kpis) {
    const key = k.objective?.id ?? '';
    const g = groups.get(key) ?? { name: k.objective?.name ?? 'Without objective', kpis: [] };
    g.kpis.push(k);
    groups.set(key, g);
  }
  const sections = [...groups.values()].map(
    (g) => `<section><h2>${escapeHtml(g.name)}</h2><div class="grid">${g.kpis.map(card).join('')}</div></section>`,
  );
  const notes = r.dataQuality.notes.map((n) => `<li>${escapeHtml(n.message)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>KPI report</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #1f2328; }
h1 { margin: 0 0 4px; } .muted { color: #656d76; font-size: 0.9em; margin: 2px 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 14px; }
.card header { display: flex; justify-content: space-between; align-items: baseline; }
.card h3 { margin: 0; font-size: 1em; } .status { font-weight: 600; }
.value { font-size: 1.8em; font-weight: 600; margin: 6px 0 2px; }
</style>
</head>
<body>
<h1>KPI report</h1>
<p class="muted">Generated ${escapeHtml(r.generatedAt)} at commit ${escapeHtml(r.repository.head?.slice(0, 12) ?? 'none')} (${r.repository.commits} commits).</p>
${sections.join('\n')}
${notes ? `<section><h2>Data quality</h2><ul>${notes}</ul></section>` : ''}
</body>
</html>
`;
}
