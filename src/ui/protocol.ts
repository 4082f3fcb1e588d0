// The one typed message protocol between the extension and the dashboard webview.
// Imported by both sides; the webview says 'ready' before the extension posts anything.

import type { Status } from '../core/model';

export type CardStatus = Status;

export interface DashboardCard {
  readonly id: string;
  readonly name: string;
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly status: CardStatus;
  readonly statusText: string;
  readonly window: string;
  readonly counted: string;
}

export interface DashboardSection {
  readonly name: string;
  readonly summary: string;
  readonly cards: readonly DashboardCard[];
}

export interface DashboardModel {
  readonly title: string;
  /** A notice above the cards: an error, a broken kpi.json, a partial history. */
  readonly notice?: { readonly kind: 'error' | 'warning' | 'info'; readonly text: string };
  readonly sections: readonly DashboardSection[];
  /** Data-quality notes about the repository the values come from. */
  readonly quality: readonly { readonly kind: 'warning' | 'info'; readonly text: string }[];
  readonly qualityTitle: string;
  readonly empty: string;
  readonly focus?: string;
  readonly updated: string;
}

export type ToWebview = { readonly type: 'model'; readonly model: DashboardModel };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'openKpiFile' };

/** Messages from the webview are untrusted input: accept only the exact known shapes. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (type === 'ready' || type === 'refresh' || type === 'openKpiFile') && Object.keys(value).length === 1;
}
