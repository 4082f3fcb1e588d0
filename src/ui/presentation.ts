// Shared wording and icons for statuses and KPI lines, so every view says the same thing.
import * as vscode from 'vscode';
import type { KpiResult } from '../core/evaluate';
import { formatTarget, formatValue } from '../core/format';
import type { Status } from '../core/model';

export function statusLabel(status: Status): string {
  switch (status) {
    case 'met':
      return vscode.l10n.t('Met');
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
