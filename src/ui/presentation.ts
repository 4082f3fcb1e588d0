// Shared wording and icons for statuses, KPI lines, forecasts and progress, so every view
// (tree, dashboard, status bar) says the same thing in the display language.
import * as vscode from 'vscode';
import type { DataQuality, DataQualityNote } from '../core/evaluation/dataQuality';
import type { GuardrailAlert, KpiResult } from '../core/evaluation/types';
import type { FileProblem } from '../core/history';
import type { Forecast, Verdict } from '../core/forecast/forecast';
import { formatNumber, formatTarget, formatValue, formatValueForTarget } from '../core/text/format';
import type { Status } from '../core/kpiJson/model';
import type { Progress } from '../core/evaluation/status';
import type { Text } from '../core/text/translatable';
import { MAX_TRAILER_PEOPLE } from '../core/metrics/trailers';

/** A core message (kpi.json problem, SMART warning) in the display language. */
export function localized(t: Text): string {
  return vscode.l10n.t(t.template, ...t.params);
}

export function statusLabel(status: Status): string {
  switch (status) {
    case 'met':
      return vscode.l10n.t('Met');
    case 'onTrack':
      return vscode.l10n.t('On track');
    case 'atRisk':
      return vscode.l10n.t('At risk');
    case 'offTrack':
      return vscode.l10n.t('Off track');
    case 'noData':
      return vscode.l10n.t('No data');
    case 'noTarget':
      return vscode.l10n.t('No target');
  }
}

export function statusIcon(status: Status): vscode.ThemeIcon {
  switch (status) {
    case 'met':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'onTrack':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'atRisk':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'offTrack':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'noData':
      return new vscode.ThemeIcon('circle-slash');
    case 'noTarget':
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

export function valueText(k: KpiResult): string {
  return formatValueForTarget(k.value, k.target, k.unit);
}

export function targetText(k: KpiResult): string {
  const t = formatTarget(k.target, k.unit);
  return t === '' ? vscode.l10n.t('no target') : vscode.l10n.t('target {0}', t);
}

/** "3.5/week · target ≥ 10/week" */
export function kpiLine(k: KpiResult): string {
  return `${valueText(k)} · ${targetText(k)}`;
}

/** Data-quality notes in the display language (core states them in English for the CLI). */
export function qualityText(note: DataQualityNote, dq: DataQuality): string {
  switch (note.code) {
    case 'empty':
      return vscode.l10n.t('The repository has no commits yet: there is nothing to measure.');
    case 'shallow':
      return vscode.l10n.t('Shallow clone: values are partial. Run git fetch --unshallow.');
    case 'partialClone':
      return vscode.l10n.t('Partial clone: line counts (change size) are not read and have no data. Nothing is fetched.');
    case 'detached':
      return vscode.l10n.t('HEAD is detached: values describe the checked-out commit.');
    case 'bots':
      return dq.botCommits === 1
        ? vscode.l10n.t('1 bot commit ({0}%) excluded.', Math.round((dq.botShare ?? 0) * 100))
        : vscode.l10n.t('{0} bot commits ({1}%) excluded.', dq.botCommits, Math.round((dq.botShare ?? 0) * 100));
    case 'identities':
      return dq.identitiesMerged === 1
        ? vscode.l10n.t('1 author identity merged by .mailmap or aliases.')
        : vscode.l10n.t('{0} author identities merged by .mailmap or aliases.', dq.identitiesMerged);
    case 'duplicateIdentities':
      return dq.duplicates.length === 1
        ? vscode.l10n.t(
            '1 person appears under more than one address ({0}): merge them in .mailmap so that they count once.',
            dq.duplicates[0]!.name,
          )
        : vscode.l10n.t(
            '{0} people appear under more than one address ({1}…): merge them in .mailmap so that they count once.',
            dq.duplicates.length,
            dq.duplicates[0]?.name ?? '',
          );
    case 'provisionalWeeks':
      return vscode.l10n.t(
        'Work lands a median of {0} days after it is written: the latest weeks of author-date metrics are still filling in, and forecasts leave them out.',
        dq.landingDelayDays ?? 0,
      );
    case 'fixEvidence':
      return localized(dq.fixEvidence);
    case 'fixesUnrecognised':
      return vscode.l10n.t(
        'No recent landing is recognised as a fix, yet their subjects mention fixes: set repository.fixPatterns (quick fix in kpi.json).',
      );
    case 'squash':
      return vscode.l10n.t('Squash merges detected: fix-branch turnaround and review coverage undercount.');
    case 'noReleaseTags':
      return dq.suggestedReleaseTagPattern
        ? vscode.l10n.t(
            'No release tags match the release pattern, but some tags look like versions: set repository.releaseTagPattern to "{0}". Delivery metrics are unavailable, not zero.',
            dq.suggestedReleaseTagPattern,
          )
        : vscode.l10n.t('No release tags: delivery metrics are unavailable, not zero.');
    case 'releaseTagsExcluded':
      return vscode.l10n.t(
        '{0} tags match the release pattern but are left out as pre-releases or archive tags (repository.releaseTagExclude).',
        dq.excludedTags,
      );
    case 'futureDated':
      return dq.futureDated === 1
        ? vscode.l10n.t('1 commit is dated in the future: metrics that count by that date leave it out.')
        : vscode.l10n.t('{0} commits are dated in the future: metrics that count by that date leave them out.', dq.futureDated);
    case 'repoFile':
      return note.file ? fileProblemText(note.file) : note.message;
    case 'rewritten':
      if (dq.rewrites.replaceRefs === 0)
        return vscode.l10n.t('A grafts file (info/grafts) rewrites the parents git shows: values follow the rewritten history.');
      return dq.rewrites.grafts
        ? vscode.l10n.t(
            '{0} replace refs and a grafts file rewrite the history git shows: values follow it. Review them with git replace -l.',
            dq.rewrites.replaceRefs,
          )
        : vscode.l10n.t(
            '{0} replace refs rewrite the history git shows: values follow it. Review them with git replace -l.',
            dq.rewrites.replaceRefs,
          );
    case 'trailersCapped':
      return vscode.l10n.t(
        '{0} commits name more people in Co-authored-by or Reviewed-by trailers than are counted: at most {1} per commit.',
        dq.trailersCapped,
        MAX_TRAILER_PEOPLE,
      );
  }
}

export function fileProblemText(f: FileProblem): string {
  switch (f.problem) {
    case 'symlink':
      return vscode.l10n.t('"{0}" is a symbolic link: it is neither read nor written.', f.path);
    case 'notFile':
      return vscode.l10n.t('"{0}" is not a regular file: it is neither read nor written.', f.path);
    case 'notFolder':
      return vscode.l10n.t('"{0}" is not a folder: review snapshots and recorded values cannot be kept there.', f.path);
    case 'tooLarge':
      return vscode.l10n.t('"{0}" is too large to read: it is ignored.', f.path);
    case 'unreadable':
      return vscode.l10n.t('"{0}" cannot be read: it is ignored.', f.path);
  }
}

export function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'likelyMet':
      return vscode.l10n.t('Likely met');
    case 'unlikely':
      return vscode.l10n.t('Unlikely');
    case 'uncertain':
      return vscode.l10n.t('Uncertain');
    case 'insufficientData':
      return vscode.l10n.t('Not enough data');
    case 'noTarget':
      return vscode.l10n.t('No target');
  }
}

/** "+2.28": a weekly rate, two decimals at most, always signed. */
function signedRate(n: number): string {
  const r = Math.round(n * 100) / 100;
  return `${r >= 0 ? '+' : ''}${r === 0 ? 0 : r}`;
}

/**
 * Why the forecast says what it says, in the display language (core words it in English
 * for the CLI): "needs +2.28/week, trending +0.57/week".
 */
export function forecastReason(f: Forecast, unit: string): string {
  if (f.verdict === 'noTarget') return vscode.l10n.t('no target to forecast against');
  if (f.verdict === 'insufficientData' || f.trendPerWeek === null || f.projected === null) {
    return vscode.l10n.t('fewer than 3 weeks with data, no trend yet');
  }
  const trend = signedRate(f.trendPerWeek);
  switch (f.reasonCode) {
    case 'atTarget':
      return vscode.l10n.t('at the target now, trending {0}/week', trend);
    case 'needs':
      return vscode.l10n.t('needs {0}/week, trending {1}/week', signedRate(f.neededPerWeek ?? 0), trend);
    default:
      return vscode.l10n.t('projected {0} at the deadline, trending {1}/week', formatValue(f.projected, unit), trend);
  }
}

/** "Unlikely: needs +2.28/week, trending +0.57/week" */
export function forecastText(f: Forecast, unit: string): string {
  return vscode.l10n.t('{0}: {1}', verdictLabel(f.verdict), forecastReason(f, unit));
}

/** "Projected 9.1 (7.8–10.4) by the deadline" */
export function projectionText(f: Forecast, unit: string): string | undefined {
  if (f.projected === null || f.low === null || f.high === null) return undefined;
  return vscode.l10n.t(
    'projected {0} ({1}–{2}) by the deadline',
    formatValue(f.projected, unit),
    formatNumber(f.low),
    formatNumber(f.high),
  );
}

/** "62% of the way, 70% of the time elapsed" */
export function progressText(p: Progress): string {
  return vscode.l10n.t('{0}% of the way, {1}% of the time elapsed', Math.round(p.actual * 100), Math.round(p.expected * 100));
}

/** "met in 2 of the last 16 weeks" */
export function attainabilityText(a: { readonly met: number; readonly of: number }): string {
  return vscode.l10n.t('met in {0} of the last {1} weeks', a.met, a.of);
}

/** Leading indicators: the weekly change that reaches the target in time ("+2.28/week"). */
export function paceText(k: KpiResult): string | undefined {
  if (k.indicator !== 'leading' || !k.forecast || k.forecast.neededPerWeek === null) return undefined;
  return vscode.l10n.t('{0}/week to reach the target in time', signedRate(k.forecast.neededPerWeek));
}

/** An OKR score as shown: "0.53"; "—" when no key result has a value. */
export function scoreNumber(score: number | null): string {
  return score === null ? '—' : score.toFixed(2);
}

/** "score 0.53" */
export function scoreText(score: number | null): string {
  return vscode.l10n.t('score {0}', scoreNumber(score));
}

export function timeframeText(tf: { readonly start: string; readonly end: string }): string {
  return `${tf.start} → ${tf.end}`;
}

/** A guardrail alert in the display language, naming both KPIs. */
export function guardrailAlertText(alert: GuardrailAlert, kpis: readonly KpiResult[]): string {
  const name = (id: string): string => kpis.find((k) => k.id === id)?.name ?? id;
  return vscode.l10n.t('{0} is improving while its guardrail {1} is getting worse.', name(alert.kpi), name(alert.guardrail));
}

/** The alerts that involve a KPI, as the KPI that speeds up or as the guardrail that worsens. */
export function alertsFor(k: KpiResult, alerts: readonly GuardrailAlert[]): GuardrailAlert[] {
  return alerts.filter((a) => a.kpi === k.id || a.guardrail === k.id);
}

/** The last few review snapshots: "2026-05-04: 12/week · 2026-06-01: 14/week". */
export function reviewsText(k: KpiResult, last = 4): string | undefined {
  const reviews = k.reviews ?? [];
  if (reviews.length === 0) return undefined;
  return reviews
    .slice(-last)
    .map((r) => `${r.date}: ${formatValue(r.value, k.unit)}`)
    .join(' · ');
}

/** A metric's name in the display language (core's titles are English). */
export function metricLabel(metric: string, english: string): string {
  switch (metric) {
    case 'commitFrequency':
      return vscode.l10n.t('Commit frequency');
    case 'activeContributors':
      return vscode.l10n.t('Active contributors');
    case 'codingDays':
      return vscode.l10n.t('Coding days');
    case 'integrationFrequency':
      return vscode.l10n.t('Integration frequency');
    case 'changeSize':
      return vscode.l10n.t('Change size');
    case 'fixShare':
      return vscode.l10n.t('Fix share');
    case 'revertRate':
      return vscode.l10n.t('Revert rate');
    case 'bugFixTurnaround':
      return vscode.l10n.t('Bug-fix turnaround');
    case 'reviewCoverage':
      return vscode.l10n.t('Review coverage');
    case 'deploymentFrequency':
      return vscode.l10n.t('Deployment frequency');
    case 'leadTime':
      return vscode.l10n.t('Lead time for changes');
    case 'changeFailureRate':
      return vscode.l10n.t('Change failure rate');
    case 'manual':
      return vscode.l10n.t('Manual value');
    default:
      return english;
  }
}
