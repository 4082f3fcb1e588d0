// One commit for the views, on a temporary repository: the files it changed against its first
// parent (added, modified, renamed, deleted; a root commit; a merge), a file's contents at it
// (text, binary, too large, missing; hostile file names), and the remote's URL.
import * as assert from 'node:assert/strict';
import { blobAt, commitDetails, parseNameStatus, remoteUrl } from '../../../src/git/commits';
import { GitError, GitRunner } from '../../../src/git/runner';
import { tempSpace, type TempRepo } from '../helpers/tempRepo';

describe('git/commits on a temporary repository', function () {
  this.timeout(60_000);
  const space = tempSpace();
  let repo: TempRepo;
  let runner: GitRunner;
  const c: Record<string, string> = {};

  before(() => {
    repo = space.repo();
    c.root = repo
      .write('a.txt', 'one\n')
      .write('b.txt', 'bee\n')
      .write('old.txt', 'moved\n'.repeat(20))
      .commit('Start', '2026-01-05T10:00:00Z');
    repo
      .write('a.txt', 'two\n')
      .write('-dash.txt', 'dash\n')
      .write('new\nline.txt', 'nl\n')
      .writeBinary('img.bin', Uint8Array.from([0, 1, 2, 255]));
    repo.remove('b.txt').rename('old.txt', 'dir/moved.txt');
    c.change = repo.commit('Change things\n\nbody', '2026-01-06T11:30:00Z');
    repo.branch('topic').checkout('topic');
    c.topic = repo.write('t.txt', 'topic\n').commit('Topic', '2026-01-07T09:00:00Z');
    repo.checkout('main');
    c.side = repo.write('s.txt', 'side\n').commit('Side', '2026-01-07T10:00:00Z');
    c.merge = repo.merge('topic', '2026-01-08T09:00:00Z', 'Merge topic');
    runner = new GitRunner(repo.dir);
  });

  it('lists what a commit changed against its first parent, with renames', async () => {
    const d = await commitDetails(runner, c.change!);
    assert.equal(d.parent, c.root);
    assert.equal(d.subject, 'Change things');
    assert.equal(d.authorDate, '2026-01-06T11:30:00Z'.replace('Z', '+00:00'));
    assert.deepEqual(
      [...d.files].sort((x, y) => x.path.localeCompare(y.path)),
      [
        { status: 'A', path: '-dash.txt' },
        { status: 'M', path: 'a.txt' },
        { status: 'D', path: 'b.txt' },
        { status: 'R', path: 'dir/moved.txt', oldPath: 'old.txt' },
        { status: 'A', path: 'img.bin' },
        { status: 'A', path: 'new\nline.txt' },
      ].sort((x, y) => x.path.localeCompare(y.path)),
    );
    assert.equal(d.fileCount, 6);
  });

  it('a root commit lists its files as added; a merge lists what it brought against its first parent', async () => {
    const root = await commitDetails(runner, c.root!);
    assert.equal(root.parent, undefined);
    assert.deepEqual(root.files.map((f) => [f.status, f.path]).sort(), [
      ['A', 'a.txt'],
      ['A', 'b.txt'],
      ['A', 'old.txt'],
    ]);
    const merge = await commitDetails(runner, c.merge!);
    assert.equal(merge.parent, c.side);
    assert.deepEqual(merge.files, [{ status: 'A', path: 't.txt' }]);
  });

  it('refuses anything but a full commit id before git runs', async () => {
    for (const bad of ['HEAD', '--output=/tmp/x', c.change!.slice(0, 12), `${c.change!}\n`]) {
      await assert.rejects(commitDetails(runner, bad), (e: unknown) => e instanceof GitError && /Not a commit id/.test(e.message));
    }
  });

  it('reads a file at a commit: text, binary, too large, missing; names with a dash or a newline', async () => {
    assert.deepEqual(await blobAt(runner, c.change!, 'a.txt', 1000), { kind: 'text', text: 'two\n' });
    assert.deepEqual(await blobAt(runner, c.root!, 'a.txt', 1000), { kind: 'text', text: 'one\n' });
    assert.deepEqual(await blobAt(runner, c.change!, '-dash.txt', 1000), { kind: 'text', text: 'dash\n' });
    assert.deepEqual(await blobAt(runner, c.change!, 'new\nline.txt', 1000), { kind: 'text', text: 'nl\n' });
    assert.deepEqual(await blobAt(runner, c.change!, 'img.bin', 1000), { kind: 'binary' });
    assert.deepEqual(await blobAt(runner, c.root!, 'old.txt', 10), { kind: 'tooLarge', size: 120 });
    assert.deepEqual(await blobAt(runner, c.change!, 'b.txt', 1000), { kind: 'missing' });
  });

  it('gives the URL of origin, else of the first remote, else nothing', async () => {
    assert.equal(await remoteUrl(runner), undefined);
    repo.git(['remote', 'add', 'upstream', 'https://gitlab.com/group/sub/project.git']);
    assert.equal(await remoteUrl(runner), 'https://gitlab.com/group/sub/project.git');
    repo.git(['remote', 'add', 'origin', 'git@github.com:owner/repo.git']);
    assert.equal(await remoteUrl(runner), 'git@github.com:owner/repo.git');
  });

  it('parses name-status output and skips what it does not know', () => {
    assert.deepEqual(parseNameStatus('M\0a\0R087\0x\0y\0?\0junk\0A\0b\0'), [
      { status: 'M', path: 'a' },
      { status: 'R', path: 'y', oldPath: 'x' },
      { status: 'A', path: 'b' },
    ]);
  });
});
