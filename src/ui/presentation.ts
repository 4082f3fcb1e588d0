// Shared wording and icons for statuses and KPI lines, so every view says the same thing.
import * as vscode from 'vscode';
import type { DataQuality, DataQualityNote } from '../core/dataQuality';
import type { KpiResult } from '../core/evaluate';
import { formatTarget, formatValue } from '../core/format';
import type { Status } from '../core/model';

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
  return formatValue(k.value, k.unit);
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
    case 'detached':
      return vscode.l10n.t('HEAD is detached: values describe the checked-out commit.');
    case 'bots':
      return vscode.l10n.t('{0} bot commits ({1}%) excluded.', dq.botCommits, Math.round((dq.botShare ?? 0) * 100));
    case 'identities':
      return vscode.l10n.t('{0} author identities merged by .mailmap or aliases.', dq.identitiesMerged);
    case 'squash':
      return vscode.l10n.t('Squash merges detected: fix-branch turnaround and review coverage undercount.');
    case 'noReleaseTags':
      return vscode.l10n.t('No release tags: delivery metrics are unavailable, not zero.');
    case 'futureDated':
      return vscode.l10n.t('{0} commits are dated in the future and fall outside every window.', dq.futureDated);
  }
}
