// The text edits behind "KPI: Add KPI": a new KPI appended to an objective (or a new
// objective), written with jsonc-parser so that comments and formatting stay as they were.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit } from 'jsonc-parser';
import type { Cadence, Direction, MetricId } from './model';
import { formattingOf, minimalEdit } from './fixes';
import { freeId, slugId } from './naming';

export interface NewKpi {
  /** Index of an existing objective, or the name of a new one. */
  readonly objective: { readonly index: number } | { readonly name: string };
  readonly id: string;
  readonly name: string;
  readonly metric: MetricId | 'manual';
  readonly direction: Direction;
  readonly value: number;
  readonly window: string;
  /** Set on the objective when it has none (or on the new objective). */
  readonly timeframe?: { readonly start: string; readonly duration: string };
  readonly review?: Cadence;
}

export function kpiEntry(k: NewKpi): Record<string, unknown> {
  return {
    id: k.id,
    name: k.name,
    ...(k.metric === 'manual' ? { manual: true } : { metric: k.metric }),
    target: { direction: k.direction, value: k.value },
    window: k.window,
  };
}

/** Edits that add the KPI; the whole change is one edit so that it undoes in one step. */
export function addKpiEdits(text: string, k: NewKpi): Edit[] {
  const formattingOptions = formattingOf(text);
  let out = text;
  const apply = (edits: Edit[]): void => {
    out = applyEdits(out, edits);
  };
  if ('index' in k.objective) {
    const base = ['objectives', k.objective.index];
    const root = parseTree(out);
    const objective = root ? findNodeAtLocation(root, base) : undefined;
    if (!objective) return [];
    if (k.timeframe && !findNodeAtLocation(objective, ['timeframe']))
      apply(modify(out, [...base, 'timeframe'], k.timeframe, { formattingOptions }));
    if (k.review && !findNodeAtLocation(parseTree(out)!, [...base, 'review']))
      apply(modify(out, [...base, 'review'], k.review, { formattingOptions }));
    apply(modify(out, [...base, 'kpis', -1], kpiEntry(k), { formattingOptions, isArrayInsertion: true }));
  } else {
    // The new objective's id must differ from every id in the file and from the KPI's own.
    const objective = {
      id: freeId(`${text}"${k.id}"`, slugId(k.objective.name, 'objective')),
      name: k.objective.name,
      ...(k.timeframe ? { timeframe: k.timeframe } : {}),
      ...(k.review ? { review: k.review } : {}),
      kpis: [kpiEntry(k)],
    };
    const root = parseTree(out);
    if (!root || !findNodeAtLocation(root, ['objectives'])) apply(modify(out, ['objectives'], [objective], { formattingOptions }));
    else apply(modify(out, ['objectives', -1], objective, { formattingOptions, isArrayInsertion: true }));
  }
  return [minimalEdit(text, out)];
}
