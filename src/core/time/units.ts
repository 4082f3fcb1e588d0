// The one definition of a day, a week and a calendar date (YYYY-MM-DD, UTC) for the whole
// product: windows, calendars, forecasts, reports and views all count time with these.

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** First and last calendar day of a half-open span [start, end), for display. */
export function dayRange(span: { readonly start: number; readonly end: number }): { start: string; end: string } {
  return { start: isoDate(span.start), end: isoDate(span.end - 1) };
}
