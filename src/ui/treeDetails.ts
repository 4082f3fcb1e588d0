// The rows under a KPI in the tree: status and progress, baseline, forecast, pace,
// attainability, review dates, guardrail, then the metric's own details. Plain data that
// tree.ts turns into TreeItems.
import * as vscode from 'vscode';
import type { GuardrailAlert, KpiResult, ObjectiveResult } from '../core/evaluation/types';
import type { Verdict } from '../core/forecast/forecast';
import { formatValue } from '../core/text/format';
import {
  alertsFor,
  attainabilityText,
  forecastText,
  guardrailAlertText,
  localized,
  paceText,
  progressText,
  projectionText,
  reviewsText,
  scoreNumber,
  statusLabel,
  timeframeText,
} from './presentation';

/** What a KPI's rows need from around it: its objective and the whole evaluation. */
export interface KpiContext {
  readonly objective?: ObjectiveResult;
  /** Every KPI of the evaluation, to name guardrails. */
  readonly all: readonly KpiResult[];
  readonly alerts: readonly GuardrailAlert[];
}

export interface DetailRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly icon: string;
  readonly color?: string;
  readonly tooltip?: string;
  /** The commit a row stands for: click opens its changes, the context menu copies or links it. */
  readonly commit?: string;
}

/** Most commit rows shown under one KPI; the rest are summed up in one row. */
const MAX_COMMIT_ROWS = 200;

export function detailRows(k: KpiResult, ctx: KpiContext): DetailRow[] {
  const key = `${k.objectiveId ?? '-'}/${k.id}`;
  const rows: DetailRow[] = [];
  const add = (name: string, label: string, description: string, icon: string, extra: Partial<DetailRow> = {}): void => {
    rows.push({ id: `${key}/${name}`, label, description, icon, ...extra });
  };
  add(
    'status',
    vscode.l10n.t('Status'),
    k.progress ? `${statusLabel(k.status)} · ${progressText(k.progress)}` : statusLabel(k.status),
    'pulse',
  );
  if (k.why) add('why', vscode.l10n.t('No value'), localized(k.why), 'info', { tooltip: localized(k.why) });
  if (k.note) add('note', vscode.l10n.t('Note'), localized(k.note), 'info', { tooltip: localized(k.note) });
  if (k.baseline !== null) add('baseline', vscode.l10n.t('Baseline'), formatValue(k.baseline, k.unit), 'debug-stackframe-dot');
  if (k.forecast) {
    const projection = projectionText(k.forecast, k.unit);
    const color = verdictColor(k.forecast.verdict);
    add('forecast', vscode.l10n.t('Forecast'), forecastText(k.forecast, k.unit), 'graph-line', {
      ...(color ? { color } : {}),
      ...(projection ? { tooltip: projection } : {}),
    });
  }
  const pace = paceText(k);
  if (pace !== undefined) add('pace', vscode.l10n.t('Pace needed'), pace, 'dashboard');
  if (k.attainability) add('attainability', vscode.l10n.t('Attainability'), attainabilityText(k.attainability), 'history');
  if (k.score !== undefined) add('score', vscode.l10n.t('OKR score'), scoreNumber(k.score), 'star-empty');
  if (k.timeframe) add('timeframe', vscode.l10n.t('Time frame'), timeframeText(k.timeframe), 'calendar');
  if (ctx.objective?.nextReview) add('review', vscode.l10n.t('Next review'), ctx.objective.nextReview, 'calendar');
  const reviews = reviewsText(k);
  if (reviews !== undefined) add('reviews', vscode.l10n.t('Past reviews'), reviews, 'history');
  add('window', vscode.l10n.t('Window'), `${k.windowLabel} (${k.provenance.window.start} → ${k.provenance.window.end})`, 'watch');
  if (k.indicator)
    add(
      'indicator',
      vscode.l10n.t('Indicator'),
      k.indicator === 'leading' ? vscode.l10n.t('leading') : vscode.l10n.t('lagging'),
      'arrow-right',
    );
  if (k.owner) add('owner', vscode.l10n.t('Owner'), k.owner, 'person');
  if (k.guardrail) {
    const g = ctx.all.find((x) => x.id === k.guardrail);
    add('guardrail', vscode.l10n.t('Guardrail'), g ? `${g.name} · ${statusLabel(g.status)}` : k.guardrail, 'shield');
  }
  alertsFor(k, ctx.alerts).forEach((a, i) => {
    const text = guardrailAlertText(a, ctx.all);
    add(`alert/${i}`, vscode.l10n.t('Guardrail alert'), text, 'warning', { color: 'problemsWarningIcon.foreground', tooltip: text });
  });
  // Two people may share a display name: ids are by position, never by name.
  (k.people ?? []).forEach((p, i) =>
    add(`p/${i}`, p.name, p.commits === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', p.commits), 'person'),
  );
  for (const [name, v] of Object.entries(k.details)) {
    if (name === 'commits') continue;
    add(`d/${name}`, name, formatValue(v, name === 'p75' ? k.unit : ''), 'symbol-number');
  }
  return rows;
}

function verdictColor(verdict: Verdict): string | undefined {
  switch (verdict) {
    case 'likelyMet':
      return 'testing.iconPassed';
    case 'uncertain':
      return 'problemsWarningIcon.foreground';
    case 'unlikely':
      return 'problemsErrorIcon.foreground';
    default:
      return undefined;
  }
}

/** The counted commits as rows: short id (and subject, when known), the overflow summed up. */
export function commitRows(k: KpiResult): DetailRow[] {
  const key = `${k.objectiveId ?? '-'}/${k.id}/commit`;
  const ids = k.provenance.commits;
  const rows: DetailRow[] = ids.slice(0, MAX_COMMIT_ROWS).map((id, i) => ({
    id: `${key}/${i}`,
    label: id.slice(0, 7),
    description: k.commitSubjects[i] ?? '',
    icon: 'git-commit',
    tooltip: id,
    commit: id,
  }));
  if (ids.length > MAX_COMMIT_ROWS) {
    rows.push({ id: `${key}/more`, label: vscode.l10n.t('{0} more', ids.length - MAX_COMMIT_ROWS), description: '', icon: 'ellipsis' });
  }
  if (rows.length === 0) rows.push({ id: `${key}/none`, label: vscode.l10n.t('No commits counted'), description: '', icon: 'info' });
  return rows;
}
