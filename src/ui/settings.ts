// Settings that only the user may change. A repository's `.vscode/settings.json` is written
// by whoever wrote the repository: it must not switch on a per-person breakdown.

/** What `WorkspaceConfiguration.inspect` says of a setting (its other values are ignored). */
interface Inspected<T> {
  readonly globalValue?: T;
  readonly defaultValue?: T;
  readonly [other: string]: unknown;
}

/** The user's own value (or the default); workspace, folder and language values are ignored. */
export function userOnly<T>(inspected: Inspected<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}
