// Auto refresh: moving the branch head (a commit, a reset) refreshes the KPIs without any
// command, in the demo repository and in a subfolder of a `git worktree` of it (where HEAD
// and the refs live outside the folder). Runs last (files run in name order) and puts the
// repository back as it was.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { activeApi, describeIn, loadFacts, variant, waitFor, workspaceFolder } from './helpers';

const facts = loadFacts();

function git(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: workspaceFolder().uri.fsPath, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
}

describeIn(['demo', 'worktree'], `auto refresh (${variant()} workspace)`, () => {
  it('follows the branch head when a commit is made and when it is reset away', async () => {
    const api = await activeApi();
    await api.whenIdle();
    const before = git(['rev-parse', 'HEAD']);
    assert.strictEqual(api.snapshot()?.head, before, 'the snapshot starts at the current head');
    // Dated just before the fixed clock, inside the current ISO week, which no Nw window counts.
    const date = new Date(Date.parse(facts.now) - 3_600_000).toISOString();
    const identity = {
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    };
    git(['-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'chore: watched'], {
      ...identity,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    const after = git(['rev-parse', 'HEAD']);
    try {
      await waitFor('a refresh at the new head', async () => {
        await api.whenIdle();
        return api.snapshot()?.head === after;
      });
    } finally {
      git(['reset', '-q', '--hard', before]);
    }
    await waitFor('a refresh back at the old head', async () => {
      await api.whenIdle();
      return api.snapshot()?.head === before;
    });
  });
});
