// Finding where git keeps a folder's HEAD and refs, checked against git's own answer
// (`rev-parse --absolute-git-dir --git-common-dir`) for a repository, its subfolder, a
// worktree, a worktree's subfolder and a relative gitdir file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findGitDirs } from '../../../src/files/gitDirs';
import { gitIn, tempSpace } from '../helpers/tempRepo';

function gitsAnswer(folder: string): { gitDir: string; commonDir: string } {
  const [gitDir, common] = gitIn(folder, ['rev-parse', '--absolute-git-dir', '--git-common-dir']).trim().split('\n');
  return { gitDir: fs.realpathSync(gitDir!), commonDir: fs.realpathSync(path.resolve(folder, common!)) };
}

async function ours(folder: string): Promise<{ gitDir: string; commonDir: string } | undefined> {
  const d = await findGitDirs(folder);
  return d && { gitDir: fs.realpathSync(d.gitDir), commonDir: fs.realpathSync(d.commonDir) };
}

describe('files/gitDirs findGitDirs', () => {
  const space = tempSpace();

  it('finds the git directories git uses, in a repository, a subfolder, a worktree and its subfolder', async () => {
    const repo = space.repo();
    repo.write('services/api/kpi.json', '{}').commit('Add', '2024-06-10T09:00:00Z');
    const worktree = path.join(space.dir(), 'wt');
    repo.git(['worktree', 'add', '-q', '-b', 'topic', worktree]);
    const cases = [repo.dir, path.join(repo.dir, 'services', 'api'), worktree, path.join(worktree, 'services', 'api')];
    for (const folder of cases) assert.deepEqual(await ours(folder), gitsAnswer(folder), folder);
    // In the worktree, HEAD is its own and the refs are the repository's.
    const wt = await ours(worktree);
    assert.notEqual(wt?.gitDir, wt?.commonDir);
    assert.equal(wt?.commonDir, fs.realpathSync(path.join(repo.dir, '.git')));
    assert.ok(fs.existsSync(path.join(wt!.gitDir, 'HEAD')));
    assert.equal((await findGitDirs(path.join(worktree, 'services')))?.top, worktree);
  });

  it('follows a relative gitdir file, as a submodule has', async () => {
    const repo = space.repo();
    repo.emptyCommit('Start', '2024-06-10T09:00:00Z');
    const moved = path.join(space.dir(), 'store');
    fs.renameSync(path.join(repo.dir, '.git'), moved);
    fs.writeFileSync(path.join(repo.dir, '.git'), `gitdir: ${path.relative(repo.dir, moved)}\n`);
    assert.deepEqual(await ours(repo.dir), gitsAnswer(repo.dir));
  });

  it('gives nothing outside a repository, or for a .git file that names no folder', async () => {
    const plain = space.dir();
    // The temporary folder is not inside a repository (git agrees).
    assert.throws(() => gitIn(plain, ['rev-parse', '--git-dir']));
    assert.equal(await findGitDirs(plain), undefined);
    fs.writeFileSync(path.join(plain, '.git'), 'not a pointer\n');
    assert.equal(await findGitDirs(plain), undefined);
  });
});
