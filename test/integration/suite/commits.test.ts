// Every counted commit one click away, in the real host: Open Commit Changes opens VS Code's
// multi-file diff editor with every file the commit changed, each side the file as git has
// it; Copy Commit Id fills the clipboard; Open Commit on Remote offers nothing for an unknown
// host (the known host's page is in the UI suite, which can answer VS Code's question).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { activeApi, describeIn, waitFor, workspaceFolder } from './helpers';

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, encoding: 'utf8' });
}

describeIn(['demo'], 'commits one click away', () => {
  let commit: string;

  before(async () => {
    const api = await activeApi();
    await api.whenIdle();
    // A counted commit that changed at least one file that existed before (a modification).
    const ids = api.snapshot()!.kpis.flatMap((k) => k.commits);
    commit = ids.find((id) =>
      / M\t/.test(` ${git(['diff-tree', '-r', '--no-commit-id', '--name-status', '-M', `${id}^1`, id])}`.replace(/\n/g, ' ')),
    )!;
    assert.ok(commit, 'a counted commit that modifies a file');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("Open Commit Changes shows every file of the commit in the multi-file diff editor, with git's contents", async () => {
    const files = git(['diff-tree', '-r', '--no-commit-id', '--name-only', '-M', `${commit}^1`, commit])
      .trim()
      .split('\n');
    const shown = await vscode.commands.executeCommand<number>('engineeringKpis.openCommit', commit);
    assert.strictEqual(shown, files.length, 'one entry per changed file');
    const subject = git(['log', '-1', '--format=%s', commit]).trim();
    const tab = await waitFor('the diff tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith(`${commit.slice(0, 7)} ${subject}`.slice(0, 40))),
    );
    assert.ok(tab);
    // Both sides of a modified file, read through our read-only provider, are git's blobs.
    const modified = git(['diff-tree', '-r', '--no-commit-id', '--name-status', '-M', `${commit}^1`, commit])
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
      .find(([s]) => s === 'M')![1]!;
    const right = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'engineering-kpis-commit', path: `/${modified}`, query: `h=${commit}` }),
    );
    assert.strictEqual(right.getText(), git(['cat-file', 'blob', `${commit}:${modified}`]));
    const left = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'engineering-kpis-commit', path: `/${modified}`, query: `h=${git(['rev-parse', `${commit}^1`]).trim()}` }),
    );
    assert.strictEqual(left.getText(), git(['cat-file', 'blob', `${commit}^1:${modified}`]));
    assert.strictEqual(right.isDirty, false);
  });

  it('refuses anything but a full commit id', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('engineeringKpis.openCommit', 'HEAD'), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('engineeringKpis.openCommit', '--output=/tmp/x'), undefined);
  });

  it('Copy Commit Id puts the full id on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    assert.strictEqual(await vscode.commands.executeCommand('engineeringKpis.copyCommitId', commit), commit);
    assert.strictEqual(await vscode.env.clipboard.readText(), commit);
  });

  it('Open Commit on Remote offers nothing for a remote on an unknown host, or without a remote', async () => {
    // (A known host's page, and VS Code's question before it opens, are in the UI suite.)
    assert.strictEqual(await vscode.commands.executeCommand('engineeringKpis.openCommitOnRemote', commit), undefined);
    try {
      git(['remote', 'add', 'origin', 'https://git.example.com/harbor.git']);
      assert.strictEqual(await vscode.commands.executeCommand('engineeringKpis.openCommitOnRemote', commit), undefined);
    } finally {
      git(['remote', 'remove', 'origin']);
    }
  });
});
