// Every counted commit one click away: its changes in VS Code's multi-file diff editor (all
// files, against its first parent), its id on the clipboard, its page on the remote's host
// when the remote is a known one (the URL is built from the remote's URL, never fetched),
// and a tooltip with its subject, date and files. File contents come from git through a
// read-only content provider, as raw blobs with a size limit.
import * as vscode from 'vscode';
import { commitWebUrl } from '../core/text/remoteUrl';
import { isCommitId } from '../core/history';
import { blobAt, commitDetails, remoteUrl, type CommitDetails } from '../git/commits';
import type { KpiService } from './kpiService';

export const COMMIT_SCHEME = 'engineering-kpis-commit';
/** Larger files are shown as a line that says so. */
const MAX_BLOB_BYTES = 5 * 1024 * 1024;

/** Serves `engineering-kpis-commit:/<path>?h=<commit>` (empty with `e=1`: the side of an added or deleted file). */
export class CommitDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly service: KpiService) {}

  static uri(path: string, hash: string, empty = false): vscode.Uri {
    const query = new URLSearchParams({ h: hash, ...(empty ? { e: '1' } : {}) }).toString();
    return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${path}`, query });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = new URLSearchParams(uri.query);
    const hash = q.get('h') ?? '';
    if (q.get('e') === '1' || !isCommitId(hash)) return '';
    const runner = this.service.gitRunner();
    if (!runner) return '';
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const blob = await blobAt(runner, hash, uri.path.slice(1), MAX_BLOB_BYTES, abort.signal);
    switch (blob.kind) {
      case 'text':
        return blob.text;
      case 'binary':
        return vscode.l10n.t('(binary file)');
      case 'tooLarge':
        return vscode.l10n.t('(a file of {0} bytes: too large to show)', blob.size);
      case 'missing':
        return '';
    }
  }
}

/** A commit id from a command's argument: an id, a tree row of a commit, or a dashboard message. */
export function commitIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return isCommitId(arg) ? arg : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const row = 'row' in arg ? (arg as { row?: { commit?: unknown } }).row : (arg as { commit?: unknown });
  const id = row?.commit;
  return typeof id === 'string' && isCommitId(id) ? id : undefined;
}

async function details(service: KpiService, hash: string): Promise<CommitDetails | undefined> {
  const runner = service.gitRunner();
  if (!runner) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Commits can be opened once the workspace is trusted and the values are read.'));
    return undefined;
  }
  try {
    return await commitDetails(runner, hash);
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('Commit {0} is not in this repository.', hash.slice(0, 12)));
    return undefined;
  }
}

/** KPI: Open Commit Changes. Returns the number of files shown (for tests). */
export function openCommitCommand(service: KpiService): (arg?: unknown) => Promise<number | undefined> {
  return async (arg) => {
    const hash = commitIdOf(arg);
    if (!hash) return undefined;
    const d = await details(service, hash);
    if (!d) return undefined;
    const parent = d.parent;
    const resources = d.files.map((f) => {
      const before = f.oldPath ?? f.path;
      const left = parent === undefined || f.status === 'A' ? CommitDocuments.uri(before, hash, true) : CommitDocuments.uri(before, parent);
      const right = f.status === 'D' ? CommitDocuments.uri(f.path, hash, true) : CommitDocuments.uri(f.path, hash);
      return [CommitDocuments.uri(f.path, hash), left, right] as const;
    });
    const title = `${hash.slice(0, 7)} ${d.subject}`.slice(0, 200);
    await vscode.commands.executeCommand('vscode.changes', title, resources);
    if (d.fileCount > d.files.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Showing {0} of the {1} files this commit changed.', d.files.length, d.fileCount),
      );
    }
    return d.files.length;
  };
}

/** KPI: Copy Commit Id. */
export function copyCommitIdCommand(): (arg?: unknown) => Promise<string | undefined> {
  return async (arg) => {
    const hash = commitIdOf(arg);
    if (!hash) return undefined;
    await vscode.env.clipboard.writeText(hash);
    return hash;
  };
}

/** KPI: Open Commit on Remote. Returns the URL it opened (for tests), or undefined. */
export function openCommitOnRemoteCommand(service: KpiService): (arg?: unknown) => Promise<string | undefined> {
  return async (arg) => {
    const hash = commitIdOf(arg);
    const runner = service.gitRunner();
    if (!hash || !runner) return undefined;
    const remote = await remoteUrl(runner).catch(() => undefined);
    const url = remote === undefined ? undefined : commitWebUrl(remote, hash);
    if (!url) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('The remote of this repository is not on a host with known commit pages (GitHub, GitLab, Bitbucket).'),
      );
      return undefined;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return url;
  };
}

/** The tooltip of a commit row: subject, date and files changed, read when the row is hovered. */
export async function commitTooltip(service: KpiService, hash: string): Promise<vscode.MarkdownString | undefined> {
  const runner = service.gitRunner();
  if (!runner) return undefined;
  const d = await commitDetails(runner, hash).catch(() => undefined);
  if (!d) return undefined;
  const tip = new vscode.MarkdownString();
  tip.appendText(`${d.subject}\n\n`);
  tip.appendText(`${hash.slice(0, 12)} · ${new Date(d.authorDate).toLocaleString(vscode.env.language)}\n\n`);
  tip.appendText(d.fileCount === 1 ? vscode.l10n.t('1 file changed') : vscode.l10n.t('{0} files changed', d.fileCount));
  return tip;
}
