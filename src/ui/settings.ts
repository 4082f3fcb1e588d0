// Settings that only the user may change. A repository's `.vscode/settings.json` is written
// by whoever wrote the repository: it must not switch on a per-person breakdown.
import type * as vscode from 'vscode';

type Inspected<T> = ReturnType<vscode.WorkspaceConfiguration['inspect']> & { globalValue?: T; defaultValue?: T };

/** The user's own value (or the default); workspace, folder and language values are ignored. */
export function userOnly<T>(inspected: Inspected<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}
