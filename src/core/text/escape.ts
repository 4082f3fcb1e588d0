import { safeInline } from './safeText';
// The one HTML escaper and the one Markdown escaper for text from git or kpi.json.

/** Text or an attribute value in HTML: every character that could end either is a reference. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Inline Markdown (also a table cell): made terminal-safe, markup characters escaped, and
 * nothing a renderer turns into a notification or a link: `@name` mentions and bare URLs
 * or `www.` hosts get a zero-width space that breaks the pattern without changing the text.
 */
export function markdownInline(s: string): string {
  return safeInline(s)
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&')
    .replace(/@(?=[\w-])/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200b.`);
}
