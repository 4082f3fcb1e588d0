// The stable, documented report shape (docs/cli.md): every output format is rendered from it.
import type { DataQualityNote } from '../evaluation/dataQuality';
import type { Forecast } from '../forecast/forecast';
import type { Evaluation } from '../evaluation/types';
import type { Status, Target } from '../kpiJson/model';
import { isoDate } from '../time/units';
import { english } from '../text/translatable';

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportKpi {
  readonly id: string;
  readonly name: string;
  /** Null for a KPI outside any objective. */
  readonly objective: { readonly id: string; readonly name: string } | null;
  readonly metric: string;
  readonly value: number | null;
  /** With no value: why, in English, when the metric can tell; else null. */
  readonly why: string | null;
  /** With a value: what a reader should know about it, in English; else null. */
  readonly note: string | null;
  readonly unit: string;
  readonly target: Target | null;
  readonly status: Status;
  readonly window: { readonly label: string; readonly start: string; readonly end: string };
  readonly details: Readonly<Record<string, number | null>>;
  /** Null when there is no time frame or target to forecast against. */
  readonly forecast: Forecast | null;
  readonly baseline: number | null;
  readonly timeframe: { readonly start: string; readonly end: string } | null;
  readonly nextReview: string | null;
  /** Weekly values (week start date, value), oldest first. */
  readonly trend: readonly { readonly week: string; readonly value: number | null; readonly provisional?: true }[];
  readonly attainability: { readonly met: number; readonly of: number } | null;
  readonly score: number | null;
  readonly provenance: { readonly commands: readonly string[]; readonly commits: readonly string[] };
}

export interface Report {
  readonly schemaVersion: number;
  readonly generatedAt: string;
  readonly repository: { readonly head: string | null; readonly shallow: boolean; readonly commits: number };
  readonly dataQuality: {
    readonly partial: boolean;
    readonly botShare: number | null;
    readonly identitiesMerged: number;
    readonly releaseTags: number;
    readonly futureDated: number;
    readonly notes: readonly DataQualityNote[];
  };
  readonly kpis: readonly ReportKpi[];
}

export function toReport(e: Evaluation): Report {
  const dq = e.dataQuality;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: e.now,
    repository: { head: e.head, shallow: e.shallow, commits: e.commitCount },
    dataQuality: {
      partial: dq.shallow,
      botShare: dq.botShare,
      identitiesMerged: dq.identitiesMerged,
      releaseTags: dq.releaseTags,
      futureDated: dq.futureDated,
      notes: dq.notes,
    },
    kpis: [...e.objectives.map((o) => ({ o, kpis: o.kpis })), { o: undefined, kpis: e.looseKpis }].flatMap(({ o, kpis }) =>
      kpis.map((k) => ({
        id: k.id,
        name: k.name,
        objective: o ? { id: o.id, name: o.name } : null,
        metric: k.metric,
        value: k.value,
        why: k.why ? english(k.why) : null,
        note: k.note ? english(k.note) : null,
        unit: k.unit,
        target: k.target ?? null,
        status: k.status,
        window: { label: k.windowLabel, start: k.provenance.window.start, end: k.provenance.window.end },
        details: k.details,
        forecast: k.forecast ?? null,
        baseline: k.baseline,
        timeframe: k.timeframe ?? null,
        nextReview: o?.nextReview ?? null,
        trend: k.series.map((p) => ({ week: isoDate(p.week), value: p.value, ...(p.provisional ? { provisional: true as const } : {}) })),
        attainability: k.attainability ?? null,
        score: k.score ?? null,
        provenance: { commands: k.provenance.commands, commits: k.provenance.commits },
      })),
    ),
  };
}
