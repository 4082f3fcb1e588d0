// Manual KPI values: one JSON object per line in `.kpi/values.jsonl`, written by
// "KPI: Record Value". Lines that do not parse are reported, never fatal.

import { isCalendarDate } from '../time/calendar';

export const MANUAL_VALUES_FILE = '.kpi/values.jsonl';

export interface ManualRecord {
  readonly kpi: string;
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly value: number;
  readonly note?: string;
}

export interface ManualValues {
  /** Records by KPI id, oldest first. */
  readonly byKpi: ReadonlyMap<string, readonly { readonly time: number; readonly value: number }[]>;
  /** 1-based line numbers that could not be read. */
  readonly badLines: readonly number[];
}

const MAX_LINES = 100_000;

export function parseManualValues(text: string): ManualValues {
  const byKpi = new Map<string, { time: number; value: number }[]>();
  const badLines: number[] = [];
  text
    .split(/\r?\n/)
    .slice(0, MAX_LINES)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        const r = JSON.parse(line) as Partial<ManualRecord>;
        const time = typeof r.date === 'string' && isCalendarDate(r.date) ? Date.parse(`${r.date}T00:00:00Z`) : NaN;
        if (typeof r.kpi !== 'string' || typeof r.value !== 'number' || !Number.isFinite(r.value) || Number.isNaN(time)) {
          badLines.push(i + 1);
          return;
        }
        const list = byKpi.get(r.kpi) ?? [];
        list.push({ time, value: r.value });
        byKpi.set(r.kpi, list);
      } catch {
        badLines.push(i + 1);
      }
    });
  for (const list of byKpi.values()) list.sort((a, b) => a.time - b.time);
  return { byKpi, badLines };
}

/** One line to append to the values file. */
export function manualRecordLine(record: ManualRecord): string {
  const clean: ManualRecord = { kpi: record.kpi, date: record.date, value: record.value, ...(record.note ? { note: record.note } : {}) };
  return `${JSON.stringify(clean)}\n`;
}
