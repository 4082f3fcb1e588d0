// Builds the dashboard's view model from the service state: plain, localized strings and
// numbers only. The chart's numbers come from chart.ts; the words around them from here.
import * as vscode from 'vscode';
import { allKpis } from '../../core/evaluation/evaluate';
import type { Evaluation, KpiResult, ObjectiveResult } from '../../core/evaluation/types';
import { formatNumber, formatTarget, formatValue } from '../../core/text/format';
import type { ServiceState } from '../kpiService';
import {
  alertsFor,
  attainabilityText,
  forecastReason,
  guardrailAlertText,
  localized,
  metricLabel,
  paceText,
  progressText,
  projectionText,
  qualityText,
  reviewsText,
  scoreNumber,
  scoreText,
  statusLabel,
  targetText,
  timeframeText,
  valueText,
  verdictLabel,
} from '../presentation';
import type { DashboardCard, DashboardChart, DashboardModel, DashboardSection } from '../protocol';
import { chartData, chartSummary, type ChartData } from './chart';
import { isoDate } from '../../core/time/units';

/** Most commits listed in a card's drill-down; the rest are counted. */
const MAX_CARD_COMMITS = 100;

export function dashboardModel(state: ServiceState, focus: string | undefined): DashboardModel {
  const base = {
    title: vscode.l10n.t('KPI Dashboard'),
    empty: vscode.l10n.t('No KPIs yet. Add objectives and KPIs to kpi.json.'),
    qualityTitle: vscode.l10n.t('Data quality'),
    quality: [] as DashboardModel['quality'],
    alerts: [] as string[],
    labels: {
      refresh: vscode.l10n.t('Refresh'),
      openKpiFile: vscode.l10n.t('Open kpi.json'),
      actual: vscode.l10n.t('Weekly value'),
      target: vscode.l10n.t('Target'),
      forecast: vscode.l10n.t('Forecast'),
      provisional: vscode.l10n.t('Provisional'),
      noChart: vscode.l10n.t('No weekly values to chart yet.'),
      noCommits: vscode.l10n.t('No commits counted'),
      showCommits: vscode.l10n.t('Show the counted commits'),
      hideCommits: vscode.l10n.t('Hide the counted commits'),
      openCommit: vscode.l10n.t('Open Commit Changes'),
      alertsTitle: vscode.l10n.t('Guardrail alerts'),
    },
    locale: vscode.env.language,
    // The time the values are as of (the evaluation's clock); nothing when nothing was computed.
    updated:
      evaluationTime(state) === undefined
        ? ''
        : vscode.l10n.t('Updated {0}', new Date(evaluationTime(state)!).toLocaleString(vscode.env.language)),
    ...(focus !== undefined ? { focus } : {}),
  };
  switch (state.kind) {
    case 'noFolder':
      return { ...base, sections: [], notice: { kind: 'info', text: vscode.l10n.t('Open a folder with a git repository.') } };
    case 'noFile':
      return {
        ...base,
        sections: [],
        notice: { kind: 'info', text: vscode.l10n.t('This folder has no kpi.json. Run "KPI: Create kpi.json".') },
      };
    case 'loading':
      return { ...base, sections: [], notice: { kind: 'info', text: vscode.l10n.t('Reading the git history…') } };
    case 'untrusted':
      return { ...base, sections: [], notice: { kind: 'warning', text: vscode.l10n.t('Trust this workspace to compute KPIs from git.') } };
    case 'error':
      return { ...base, sections: [], notice: { kind: 'error', text: state.message } };
    case 'invalid': {
      const first = state.problems.find((p) => p.severity === 'error');
      return {
        ...base,
        ...(state.lastGood ? evaluationParts(state.lastGood) : { sections: [] }),
        notice: { kind: 'error', text: vscode.l10n.t('kpi.json has errors: {0}', first ? localized(first.text) : '') },
      };
    }
    case 'ready': {
      const dq = state.evaluation.dataQuality;
      return {
        ...base,
        ...evaluationParts(state.evaluation),
        quality: dq.notes.map((n) => ({ kind: n.severity, text: qualityText(n, dq) })),
      };
    }
  }
}

function evaluationParts(e: Evaluation): { sections: DashboardSection[]; alerts: string[] } {
  const all = allKpis(e);
  const card = (k: KpiResult, o: ObjectiveResult | undefined): DashboardCard => cardModel(k, o, e, all);
  const sections: DashboardSection[] = e.objectives.map((o) => ({
    id: o.id,
    name: o.name,
    summary: metSummary(o.kpis),
    meta: objectiveMeta(o),
    ...(o.mode === 'okr' && o.score !== undefined
      ? {
          score: {
            text: scoreText(o.score),
            success: o.success === true,
            successText: o.success ? vscode.l10n.t('success (0.7 or more)') : vscode.l10n.t('below 0.7'),
          },
        }
      : {}),
    cards: o.kpis.map((k) => card(k, o)),
  }));
  if (e.looseKpis.length > 0) {
    sections.push({
      id: '',
      name: vscode.l10n.t('Without objective'),
      summary: metSummary(e.looseKpis),
      meta: [vscode.l10n.t('KPIs that belong to no objective. Give each KPI an objective that says why it matters.')],
      cards: e.looseKpis.map((k) => card(k, undefined)),
    });
  }
  return { sections, alerts: e.guardrailAlerts.map((a) => guardrailAlertText(a, all)) };
}

function metSummary(kpis: readonly KpiResult[]): string {
  return vscode.l10n.t('{0} of {1} met', kpis.filter((k) => k.status === 'met').length, kpis.length);
}

function objectiveMeta(o: ObjectiveResult): string[] {
  const meta: string[] = [];
  if (o.timeframe) meta.push(vscode.l10n.t('Time frame: {0}', timeframeText(o.timeframe)));
  if (o.nextReview) meta.push(vscode.l10n.t('Next review: {0}', o.nextReview));
  if (o.owner) meta.push(vscode.l10n.t('Owner: {0}', o.owner));
  return meta;
}

function cardModel(k: KpiResult, o: ObjectiveResult | undefined, e: Evaluation, all: readonly KpiResult[]): DashboardCard {
  const facts: { label: string; value: string }[] = [];
  const fact = (label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') facts.push({ label, value });
  };
  if (k.why) fact(vscode.l10n.t('No value'), localized(k.why));
  if (k.note) fact(vscode.l10n.t('Note'), localized(k.note));
  if (k.baseline !== null) fact(vscode.l10n.t('Baseline'), formatValue(k.baseline, k.unit));
  fact(vscode.l10n.t('Pace needed'), paceText(k));
  if (k.attainability) fact(vscode.l10n.t('Attainability'), attainabilityText(k.attainability));
  if (k.score !== undefined) fact(vscode.l10n.t('OKR score'), scoreNumber(k.score));
  fact(vscode.l10n.t('Next review'), o?.nextReview);
  fact(vscode.l10n.t('Past reviews'), reviewsText(k));
  fact(vscode.l10n.t('Window'), `${k.windowLabel} · ${k.provenance.window.start} → ${k.provenance.window.end}`);
  fact(vscode.l10n.t('Metric'), metricLabel(k.metric, k.metricTitle));
  fact(vscode.l10n.t('Owner'), k.owner);
  if (k.guardrail) {
    const g = all.find((x) => x.id === k.guardrail);
    fact(vscode.l10n.t('Guardrail'), g ? `${g.name} · ${statusLabel(g.status)}` : k.guardrail);
  }
  const commits = k.provenance.commits;
  const data = chartData(k);
  const projection = k.forecast ? projectionText(k.forecast, k.unit) : undefined;
  return {
    id: k.id,
    name: k.name,
    metric: metricLabel(k.metric, k.metricTitle),
    value: valueText(k),
    target: targetText(k),
    status: k.status,
    statusText: statusLabel(k.status),
    ...(k.progress
      ? { progress: { actual: clamp01(k.progress.actual), expected: clamp01(k.progress.expected), text: progressText(k.progress) } }
      : {}),
    ...(k.forecast
      ? {
          forecast: {
            verdict: k.forecast.verdict,
            label: verdictLabel(k.forecast.verdict),
            reason: forecastReason(k.forecast, k.unit),
            ...(projection ? { projection } : {}),
          },
        }
      : {}),
    facts,
    alerts: alertsFor(k, e.guardrailAlerts).map((a) => guardrailAlertText(a, all)),
    ...(data ? { chart: chartModel(k, data) } : {}),
    counted: commits.length === 1 ? vscode.l10n.t('1 commit counted') : vscode.l10n.t('{0} commits counted', commits.length),
    commits: commits
      .slice(0, MAX_CARD_COMMITS)
      .map((id, i) => ({ id, short: id.slice(0, 7), ...(k.commitSubjects[i] ? { subject: k.commitSubjects[i] } : {}) })),
    ...(commits.length > MAX_CARD_COMMITS ? { moreCommits: vscode.l10n.t('and {0} more', commits.length - MAX_CARD_COMMITS) } : {}),
  };
}

function chartModel(k: KpiResult, data: ChartData): DashboardChart {
  return { ...data, unit: k.unit, label: chartLabel(k, data) };
}

/** The chart's text alternative: "Weekly values over 26 weeks, from 3 (2026-01-05) to 8.5 (2026-06-29), ..." */
function chartLabel(k: KpiResult, data: ChartData): string {
  const s = chartSummary(data);
  const parts: string[] = [vscode.l10n.t('Trend chart of {0}.', k.name)];
  if (s.first && s.last && s.min !== undefined && s.max !== undefined) {
    parts.push(
      vscode.l10n.t(
        'Weekly values over {0} weeks went from {1} ({2}) to {3} ({4}), between {5} and {6}.',
        s.weeks,
        formatValue(s.first.value, k.unit),
        isoDate(s.first.at),
        formatValue(s.last.value, k.unit),
        isoDate(s.last.at),
        formatNumber(s.min),
        formatNumber(s.max),
      ),
    );
  }
  if (s.provisionalWeeks > 0) {
    parts.push(vscode.l10n.t('The last {0} weeks are provisional: work written then is still landing.', s.provisionalWeeks));
  }
  const target = formatTarget(k.target, k.unit);
  if (target !== '') parts.push(vscode.l10n.t('Target {0}.', target));
  const f = data.forecast;
  if (f) {
    parts.push(
      vscode.l10n.t(
        'Forecast {0} by {1} (between {2} and {3}).',
        formatValue(f.value, k.unit),
        isoDate(f.to - 1),
        formatNumber(f.low),
        formatNumber(f.high),
      ),
    );
  }
  return parts.join(' ');
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function evaluationTime(state: ServiceState): number | undefined {
  if (state.kind === 'ready') return Date.parse(state.evaluation.now);
  if (state.kind === 'invalid' && state.lastGood) return Date.parse(state.lastGood.now);
  return undefined;
}
