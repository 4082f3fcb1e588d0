// The one typed message protocol between the extension and the dashboard webview.
// Imported by both sides; the webview says 'ready' before the extension posts anything.
// The view model carries plain strings and numbers only: the webview renders text with
// textContent and draws charts from numbers, never HTML from data.

import { isCommitId } from '../core/history';
import type { Status } from '../core/kpiJson/model';

export type CardStatus = Status;
export type CardVerdict = 'likelyMet' | 'unlikely' | 'uncertain' | 'insufficientData' | 'noTarget';

export interface DashboardChart {
  /** End of each week, epoch ms, oldest first. */
  readonly x: readonly number[];
  readonly values: readonly (number | null)[];
  readonly target?:
    | { readonly kind: 'line'; readonly value: number }
    | { readonly kind: 'band'; readonly low: number; readonly high: number };
  /**
   * The first week end (an `x`) whose value is provisional: work written then is still
   * landing. Drawn dashed with hollow points from the last settled week on.
   */
  readonly provisionalFrom?: number;
  /** From the trend's value at the last complete week to the deadline (epoch ms), with a low..high band. */
  readonly forecast?: {
    readonly from: number;
    readonly fromValue: number;
    readonly to: number;
    readonly value: number;
    readonly low: number;
    readonly high: number;
  };
  /** Appended to values in the hover read-out ("h", "/week"). */
  readonly unit: string;
  /** The chart's text alternative: what the trend does, the target, the forecast. */
  readonly label: string;
}

export interface DashboardCommit {
  readonly id: string;
  readonly short: string;
  readonly subject?: string;
}

export interface DashboardCard {
  readonly id: string;
  readonly name: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly status: CardStatus;
  readonly statusText: string;
  /** Time-bound KPIs: progress from baseline to target against the time elapsed, 0..1. */
  readonly progress?: { readonly actual: number; readonly expected: number; readonly text: string };
  readonly forecast?: { readonly verdict: CardVerdict; readonly label: string; readonly reason: string; readonly projection?: string };
  /** Label/value rows: baseline, attainability, pace, next review, window, owner, guardrail. */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** Guardrail alerts that involve this KPI. */
  readonly alerts: readonly string[];
  readonly chart?: DashboardChart;
  /** "56 commits counted" */
  readonly counted: string;
  readonly commits: readonly DashboardCommit[];
  /** "and 120 more", when the list is cut. */
  readonly moreCommits?: string;
}

export interface DashboardSection {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  /** Time frame, next review, type, owner. */
  readonly meta: readonly string[];
  /** OKR mode: the objective's score and whether it reaches 0.7. */
  readonly score?: { readonly text: string; readonly success: boolean; readonly successText: string };
  readonly cards: readonly DashboardCard[];
}

export interface DashboardLabels {
  readonly refresh: string;
  readonly openKpiFile: string;
  readonly actual: string;
  readonly target: string;
  readonly forecast: string;
  /** "Provisional": the legend of the provisional weeks, and after their values in the read-out. */
  readonly provisional: string;
  readonly noChart: string;
  readonly noCommits: string;
  readonly showCommits: string;
  readonly hideCommits: string;
  /** The tooltip of a commit in a card's list. */
  readonly openCommit: string;
  readonly alertsTitle: string;
}

export interface DashboardModel {
  readonly title: string;
  /** A notice above the cards: an error, a broken kpi.json, a partial history. */
  readonly notice?: { readonly kind: 'error' | 'warning' | 'info'; readonly text: string };
  /** Guardrail alerts: a speed KPI improving while its quality guardrail worsens. */
  readonly alerts: readonly string[];
  readonly sections: readonly DashboardSection[];
  /** Data-quality notes about the repository the values come from. */
  readonly quality: readonly { readonly kind: 'warning' | 'info'; readonly text: string }[];
  readonly qualityTitle: string;
  readonly empty: string;
  readonly labels: DashboardLabels;
  /** The display language, for dates in the chart. */
  readonly locale: string;
  readonly focus?: string;
  readonly updated: string;
}

export type ToWebview = { readonly type: 'model'; readonly model: DashboardModel };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'openKpiFile' }
  | { readonly type: 'openCommit'; readonly id: string };

/** Messages from the webview are untrusted input: accept only the exact known shapes. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  const keys = Object.keys(value);
  if (type === 'openCommit') {
    const id = (value as { id?: unknown }).id;
    return keys.length === 2 && typeof id === 'string' && isCommitId(id);
  }
  return (type === 'ready' || type === 'refresh' || type === 'openKpiFile') && keys.length === 1;
}
