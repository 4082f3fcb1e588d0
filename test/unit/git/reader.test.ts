// readHistory and GitRunner on real repositories: odd repositories, option injection,
// repository config that would run programs, and cancellation.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readHistory } from '../helpers/history';
import { isSafeBranchName } from '../../../src/git/reader';
import { GitError, GitRunner, type RunOptions } from '../../../src/git/runner';
import { gitIn, tempSpace } from '../helpers/tempRepo';

async function rejectsWith(p: Promise<unknown>, kind: GitError['kind']): Promise<GitError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GitError, `expected a GitError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected a GitError of kind ${kind}`);
}

/** Child processes of this test process whose command line contains `needle`. */
function childrenMatching(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1] === String(process.pid) && f.slice(2).join(' ').includes(needle))
    .map((f) => f.join(' '));
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** A shell script that creates `marker` when run. */
function markerScript(dir: string, name: string, marker: string, body = ''): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho ran > '${marker}'\n${body}`, { mode: 0o755 });
  return file;
}

describe('git/reader RepositoryReader.read', () => {
  const space = tempSpace();

  it('gives an empty history for an empty repository (unborn HEAD)', async () => {
    const repo = space.repo();
    const h = await readHistory(repo.dir);
    assert.deepEqual(h.commits, []);
    assert.equal(h.head, null);
    assert.equal(h.shallow, false);
    assert.equal(
      h.commands[0],
      'git rev-parse --is-inside-work-tree --is-shallow-repository --git-path shallow --git-path info/grafts --show-cdup',
    );
    assert.ok(h.commands.includes('git rev-parse --verify --quiet "HEAD^{commit}"'), h.commands.join('\n'));
    assert.equal(h.commands.filter((c) => c.startsWith('git log')).length, 0, 'no log is read for an unborn branch');
  });

  it('rejects a folder that is not a repository with kind notRepository', async () => {
    const dir = space.dir();
    fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
    await rejectsWith(readHistory(dir), 'notRepository');
  });

  for (const branch of ['--output=OUT', '-x', '-oOUT', '--end-of-options']) {
    it(`rejects the branch ${JSON.stringify(branch)} and writes no file`, async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
      const out = path.join(space.dir(), 'injected');
      const value = branch.replace('OUT', out);
      const err = await rejectsWith(readHistory(repo.dir, { branch: value }), 'failed');
      assert.match(err.message, /is not a valid branch name/);
      assert.equal(fs.existsSync(out), false);
      assert.deepEqual(fs.readdirSync(path.dirname(out)), []);
    });
  }

  it('accepts ordinary branch names and refuses ref syntax', () => {
    for (const ok of ['main', 'release/1.2', 'fix/issue-12', 'feature_x', 'ü-branch']) assert.equal(isSafeBranchName(ok), true, ok);
    for (const bad of [
      '',
      '-x',
      '--output=/tmp/x',
      'a..b',
      'a b',
      'a~1',
      'a^',
      'a:b',
      'a?',
      'a*',
      'a[',
      'a\\b',
      '/a',
      'a/',
      'a//b',
      'x.lock',
      'a@{1}',
      'a\x01',
      'a\x7f',
    ]) {
      assert.equal(isSafeBranchName(bad), false, JSON.stringify(bad));
    }
  });

  it('rejects a branch that does not exist', async () => {
    const repo = space.repo();
    repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
    const err = await rejectsWith(readHistory(repo.dir, { branch: 'nope' }), 'failed');
    assert.match(err.message, /Branch "nope" does not exist/);
  });

  it('reads the named branch rather than HEAD', async () => {
    const repo = space.repo();
    repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
    repo.branch('other').checkout('other');
    const tip = repo.write('b.txt', 'b\n').commit('Two', '2024-01-02T00:00:00Z');
    repo.checkout('main');
    const h = await readHistory(repo.dir, { branch: 'other' });
    assert.equal(h.head, tip);
    assert.deepEqual(
      h.commits.map((c) => c.message),
      ['Two\n', 'One\n'],
    );
    assert.ok(h.commands.includes('git rev-parse --verify --quiet "refs/heads/other^{commit}"'), h.commands.join('\n'));
  });

  it('counts exactly the commits of git rev-list --count HEAD, merges included', async () => {
    const repo = space.repo();
    repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    repo.branch('f').checkout('f');
    repo.write('f.txt', '1\n').commit('f1', '2024-01-02T00:00:00Z');
    repo.write('f.txt', '2\n').commit('f2', '2024-01-03T00:00:00Z');
    repo.checkout('main');
    repo.write('a.txt', '2\n').commit('c2', '2024-01-03T12:00:00Z');
    repo.merge('f', '2024-01-04T00:00:00Z');
    repo.emptyCommit('c3', '2024-01-05T00:00:00Z');
    const h = await readHistory(repo.dir);
    const expected = Number(repo.git(['rev-list', '--count', 'HEAD']).trim());
    assert.equal(expected, 6);
    assert.equal(h.commits.length, expected);
    assert.equal(h.head, repo.head());
  });

  it('detects a shallow clone', async () => {
    const origin = space.repo();
    origin.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    origin.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    const target = path.join(space.dir(), 'clone');
    gitIn(path.dirname(target), ['clone', '-q', '--depth', '1', `file://${origin.dir}`, target]);
    const h = await readHistory(target);
    assert.equal(h.shallow, true);
    assert.deepEqual(
      h.commits.map((c) => c.message),
      ['c2\n'],
    );
    const full = await readHistory(origin.dir);
    assert.equal(full.shallow, false);
    assert.equal(full.commits.length, 2);
  });

  it('reads tags: a lightweight tag at its commit date, an annotated tag at its tagger date', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    repo.tag('v1.0.0', '2024-01-05T00:00:00Z');
    const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    repo.tag('v1.1.0', '2024-01-03T10:00:00Z', 'Release 1.1');
    const h = await readHistory(repo.dir);
    assert.deepEqual(
      [...(h.tags ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: 'v1.0.0', commit: c1, time: Date.parse('2024-01-01T00:00:00Z') },
        { name: 'v1.1.0', commit: c2, time: Date.parse('2024-01-03T10:00:00Z') },
      ],
    );
  });

  it('reports a detached HEAD', async () => {
    const repo = space.repo();
    const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
    repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
    assert.equal((await readHistory(repo.dir)).detached, false);
    repo.git(['checkout', '-q', '--detach', c1]);
    const h = await readHistory(repo.dir);
    assert.equal(h.detached, true);
    assert.equal(h.head, c1);
    assert.equal(h.commits.length, 1);
  });

  describe('repository config that would run programs', () => {
    it('never runs core.fsmonitor', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
      const marker = path.join(space.dir(), 'fsmonitor-ran');
      repo.git(['config', 'core.fsmonitor', markerScript(space.dir(), 'fsmonitor.sh', marker)]);
      // Control: the trap is live (git status runs the hook).
      repo.git(['status', '--porcelain']);
      assert.equal(fs.existsSync(marker), true, 'control: git status should run core.fsmonitor');
      fs.rmSync(marker);
      const h = await readHistory(repo.dir);
      assert.equal(h.commits.length, 1);
      assert.equal(fs.existsSync(marker), false);
    });

    it('never runs gpg.program, even with log.showSignature=true and a signed commit', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n');
      repo.commit('One', '2024-01-01T00:00:00Z');
      const tree = repo.git(['rev-parse', 'HEAD^{tree}']).trim();
      const parent = repo.head();
      const sig = [
        '-----BEGIN PGP SIGNATURE-----',
        '',
        'iQEzBAABCAAdFiEEAAAAAAAAAAAAAAAAAAAAAAAAAAAFAmWSAAAACgkQAAAAAAAA',
        '=AAAA',
        '-----END PGP SIGNATURE-----',
      ];
      const signed = repo.rawCommit(
        Buffer.from(
          `tree ${tree}\nparent ${parent}\nauthor A <a@x> 1704153600 +0000\ncommitter A <a@x> 1704153600 +0000\n` +
            `gpgsig ${sig.map((l, i) => (i === 0 ? l : ` ${l}`)).join('\n')}\n\nSigned-looking commit\n`,
        ),
      );
      const marker = path.join(space.dir(), 'gpg-ran');
      repo.git(['config', 'gpg.program', markerScript(space.dir(), 'gpg.sh', marker, 'exit 1\n')]);
      repo.git(['config', 'log.showSignature', 'true']);
      // Control: plain `git log` of the signed commit runs gpg.program.
      repo.git(['log', '-1']);
      assert.equal(fs.existsSync(marker), true, 'control: git log should run gpg.program');
      fs.rmSync(marker);
      const h = await readHistory(repo.dir);
      assert.equal(h.head, signed);
      assert.equal(h.commits[0]?.message, 'Signed-looking commit\n');
      assert.equal(fs.existsSync(marker), false);
    });

    it('never runs a textconv driver', async () => {
      const repo = space.repo();
      const marker = path.join(space.dir(), 'textconv-ran');
      repo.git(['config', 'diff.evil.textconv', markerScript(space.dir(), 'textconv.sh', marker, 'cat "$1"\n')]);
      repo.write('.gitattributes', '*.txt diff=evil\n').write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
      repo.write('a.txt', 'b\n').commit('Two', '2024-01-02T00:00:00Z');
      repo.git(['log', '-p', '-1']);
      assert.equal(fs.existsSync(marker), true, 'control: git log -p should run the textconv driver');
      fs.rmSync(marker);
      const h = await readHistory(repo.dir);
      assert.deepEqual(h.commits[0]?.files, [{ path: 'a.txt', added: 1, deleted: 1 }]);
      assert.equal(fs.existsSync(marker), false);
    });
  });

  describe('GitRunner exit status', () => {
    it('resolves with stdout on exit status 0 and rejects any other status, even with empty stderr', async () => {
      const repo = space.repo();
      const c1 = repo.write('a.txt', '1\n').commit('c1', '2024-01-01T00:00:00Z');
      const c2 = repo.write('a.txt', '2\n').commit('c2', '2024-01-02T00:00:00Z');
      const runner = new GitRunner(repo.dir);
      assert.equal(await runner.run(['merge-base', '--is-ancestor', c1, c2]), '');
      assert.equal((await runner.run(['rev-parse', 'HEAD'])).trim(), c2);
      await rejectsWith(runner.run(['merge-base', '--is-ancestor', c2, c1]), 'failed'); // status 1, silent
      await rejectsWith(runner.run(['rev-parse', '--verify', '--quiet', 'refs/heads/none']), 'failed');
      repo.git(['checkout', '-q', '--detach', c1]);
      await rejectsWith(runner.run(['symbolic-ref', '--quiet', 'HEAD']), 'failed');
    });
  });

  describe('cancellation', () => {
    it('kills a running git child and rejects with kind cancelled', async () => {
      const repo = space.repo();
      const runner = new GitRunner(repo.dir);
      const ac = new AbortController();
      const running = runner.run(['cat-file', '--batch'], { signal: ac.signal });
      const settled = running.then(
        () => 'resolved',
        () => 'rejected',
      );
      const started = await waitFor(() => childrenMatching('cat-file --batch').length > 0, 10_000);
      assert.equal(started, true, 'git cat-file --batch should be waiting on stdin');
      ac.abort();
      await rejectsWith(running, 'cancelled');
      assert.equal(await settled, 'rejected');
      const gone = await waitFor(() => childrenMatching('cat-file --batch').length === 0, 5_000);
      assert.deepEqual(gone ? [] : childrenMatching('cat-file --batch'), []);
    });

    it('stops git after the idle timeout with kind timeout', async () => {
      const repo = space.repo();
      await rejectsWith(new GitRunner(repo.dir, { timeoutMs: 300 }).run(['cat-file', '--batch']), 'timeout');
      const gone = await waitFor(() => childrenMatching('cat-file --batch').length === 0, 5_000);
      assert.equal(gone, true);
    });

    it('reports a missing git binary with kind missing', async () => {
      const dir = space.dir();
      await rejectsWith(new GitRunner(dir, { gitPath: path.join(dir, 'no-such-git') }).run(['version']), 'missing');
    });

    it('rejects at once when the signal is already aborted', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
      const ac = new AbortController();
      ac.abort();
      await rejectsWith(readHistory(repo.dir, { signal: ac.signal }), 'cancelled');
    });

    it('rejects with kind cancelled when aborted between its git calls, never an empty history', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n').commit('One', '2024-01-01T00:00:00Z');
      // How many git calls succeed in a whole read (a probe call that answers "no" by its
      // exit status, such as the partial-clone check, fails and is not counted).
      const counter = new AbortingRunner(repo.dir, new AbortController(), Infinity);
      await readHistory(counter);
      const calls = counter.succeeded;
      assert.ok(calls >= 3, `readHistory made ${calls} git calls`);
      // Aborting after the last call (the log) is too late to cancel anything.
      for (let abortAfter = 1; abortAfter < calls; abortAfter++) {
        const ac = new AbortController();
        const runner = new AbortingRunner(repo.dir, ac, abortAfter);
        await rejectsWith(readHistory(runner, { signal: ac.signal }), 'cancelled');
      }
    });
  });
});

/** A real runner that aborts its controller once `after` git calls have finished. */
class AbortingRunner extends GitRunner {
  private calls = 0;

  get succeeded(): number {
    return this.calls;
  }

  constructor(
    cwd: string,
    private readonly controller: AbortController,
    private readonly after: number,
  ) {
    super(cwd);
  }

  override async run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    const out = await super.run(args, opts);
    if (++this.calls === this.after) this.controller.abort();
    return out;
  }
}
