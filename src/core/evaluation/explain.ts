// "Explain KPI": where one KPI's number comes from, as Markdown — the metric's definition,
// the window, the target and status rules, the exact git commands, and the counted commits.
import schema from '../../../schemas/kpi.schema.json';
import { VERDICT_TEXT } from '../forecast/forecast';
import { formatTarget, formatValue, formatValueForTarget } from '../text/format';
import type { KpiResult } from './types';
import { STATUS_TEXT } from '../report/render';
import { safeInline } from '../text/safeText';
import { markdownInline } from '../text/escape';

/** The metric's one-paragraph definition, from the schema (the same text as the hover). */
export function metricDefinition(metric: string): string | undefined {
  const m = schema.definitions.kpi.properties.metric as { enum: string[]; markdownEnumDescriptions: string[] };
  const i = m.enum.indexOf(metric);
  return i >= 0 ? m.markdownEnumDescriptions[i] : undefined;
}

/** At most this many counted commits are listed (the rest are counted). */
export const EXPLAIN_COMMITS = 200;

export function explainKpi(k: KpiResult): string {
  const lines: string[] = [`# ${markdownInline(k.name)}`, ''];
  lines.push(
    `**${markdownInline(formatValueForTarget(k.value, k.target, k.unit))}** · ${STATUS_TEXT[k.status]}` +
      (k.target ? ` · target ${markdownInline(formatTarget(k.target, k.unit))}` : ''),
    '',
    '## What is measured',
    '',
    k.source === 'manual'
      ? 'A manual KPI: the latest value recorded with **KPI: Record Value** in `.kpi/values.jsonl` inside the window.'
      : (metricDefinition(k.metric) ?? markdownInline(k.metricTitle)),
    '',
    `Window \`${markdownInline(k.windowLabel)}\`: ${k.provenance.window.start} to ${k.provenance.window.end} (UTC). ` +
      (k.windowLabel.endsWith('w') ? 'Complete ISO weeks before the current week.' : 'Rolling days ending now.'),
    '',
  );
  if (k.baseline !== null || k.timeframe || k.forecast) {
    lines.push('## Target and time frame', '');
    if (k.timeframe) lines.push(`- Time frame: ${k.timeframe.start} to ${k.timeframe.end}`);
    if (k.baseline !== null) lines.push(`- Baseline: ${markdownInline(formatValue(k.baseline, k.unit))}`);
    if (k.progress) {
      lines.push(
        `- Progress: ${Math.round(k.progress.actual * 100)}% of the way, ${Math.round(k.progress.expected * 100)}% of the time elapsed`,
      );
    }
    if (k.forecast) lines.push(`- Forecast: ${VERDICT_TEXT[k.forecast.verdict]}. ${markdownInline(k.forecast.reason)}`);
    if (k.attainability) lines.push(`- Target met in ${k.attainability.met} of the last ${k.attainability.of} weeks`);
    lines.push('', 'Status rules: docs/status.md.', '');
  }
  lines.push('## How it was computed', '', 'The history these values come from is what these commands print:', '', '```sh');
  for (const c of k.provenance.commands) lines.push(safeInline(c));
  lines.push('```', '');
  const ids = k.provenance.commits;
  lines.push(`## Commits counted (${ids.length})`, '');
  if (ids.length === 0) lines.push('None.');
  ids.slice(0, EXPLAIN_COMMITS).forEach((id, i) => {
    const subject = k.commitSubjects[i];
    lines.push(`- \`${id.slice(0, 12)}\`${subject ? ` ${markdownInline(subject)}` : ''}`);
  });
  if (ids.length > EXPLAIN_COMMITS) lines.push(`- … and ${ids.length - EXPLAIN_COMMITS} more`);
  return `${lines.join('\n')}\n`;
}
