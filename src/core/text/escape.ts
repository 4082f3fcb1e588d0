import { safeInline } from './safeText';
// The one HTML escaper and the one Markdown escaper for text from git or kpi.json.

/** Text or an attribute value in HTML: every character that could end either is a reference. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Inline Markdown (also a table cell): made terminal-safe, then markup characters escaped. */
export function markdownInline(s: string): string {
  return safeInline(s).replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&');
}
