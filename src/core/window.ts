// Rolling time windows ("30d", "4w") in UTC, always ending at an injected `now`.

export interface TimeWindow {
  /** Exclusive lower bound, epoch milliseconds: the window is (start, end]. */
  readonly start: number;
  /** Inclusive upper bound (`now`), so that a commit made at `now` counts. */
  readonly end: number;
  readonly days: number;
}

const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW = '4w';

/** Days in a window expression, or undefined when it is not of the form `Nd` or `Nw`. */
export function parseWindow(text: string): number | undefined {
  const m = /^([1-9][0-9]{0,3})([dw])$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'w' ? n * 7 : n;
}

export function windowEndingAt(now: Date, text: string = DEFAULT_WINDOW): TimeWindow {
  const days = parseWindow(text) ?? parseWindow(DEFAULT_WINDOW)!;
  const end = now.getTime();
  return { start: end - days * DAY_MS, end, days };
}

/** True when `epochMs` lies in (start, end]. */
export function inWindow(w: TimeWindow, epochMs: number): boolean {
  return epochMs > w.start && epochMs <= w.end;
}

export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
