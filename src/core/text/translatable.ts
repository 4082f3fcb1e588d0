// Words the core hands to a person (kpi.json problems, SMART warnings), kept translatable:
// an English template with {0}, {1}… and the values to put in. The extension translates the
// template through vscode.l10n (l10n/bundle.l10n.*.json); the CLI prints english(t).
// Templates are string literals at the call sites so the l10n unit test can find them all.

export interface Text {
  readonly template: string;
  readonly params: readonly (string | number)[];
}

export function text(template: string, ...params: (string | number)[]): Text {
  return { template, params };
}

/** The template with its {n} filled in, as vscode.l10n.t does for the English display language. */
export function english(t: Text): string {
  return fill(t.template, t.params);
}

/** Replaces each {n} that has a value; anything else in braces (`{ "dates": [...] }`) stays. */
export function fill(template: string, params: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (match, n: string) => {
    const value = params[Number(n)];
    return value === undefined ? match : String(value);
  });
}
