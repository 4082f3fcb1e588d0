// The log format and its streaming parser, on real repositories.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Commit } from '../../../src/core/history';
import { readHistory } from '../helpers/history';
import { LogParser, fullLogArgs, headerLogArgs, numstatArgs } from '../../../src/git/logFormat';
import { GitRunner } from '../../../src/git/runner';
import { TempRepo, ms, tempSpace } from '../helpers/tempRepo';

/** The exact stdout of the one-pass log with line counts, collected through the runner's stream. */
async function rawLog(repo: TempRepo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await new GitRunner(repo.dir).run(fullLogArgs(repo.head()), { onStdout: (b) => chunks.push(Buffer.from(b)) });
  return Buffer.concat(chunks);
}

function parseAll(stdout: Buffer, chunkSize: number): Commit[] {
  const p = new LogParser(true);
  for (let i = 0; i < stdout.length; i += chunkSize) p.push(stdout.subarray(i, i + chunkSize));
  return p.end();
}

function byMessage(commits: readonly Commit[], message: string): Commit {
  const c = commits.find((x) => x.message === message);
  assert.ok(c, `no commit with message ${JSON.stringify(message)}`);
  return c;
}

/**
 * git commit-tree rewrites a message it considers invalid UTF-8 (reading the bytes as
 * Latin-1), and git counts noncharacters (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF) as invalid.
 * Such messages never reach our parser as written, so they are dropped. NUL cannot be stored.
 */
function storableMessage(s: string): string {
  return Array.from(s)
    .filter((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return cp !== 0 && !(cp >= 0xfdd0 && cp <= 0xfdef) && (cp & 0xfffe) !== 0xfffe;
    })
    .join('');
}

describe('git/logFormat', () => {
  const space = tempSpace();

  it('refuses anything but a full commit id as the revision', () => {
    for (const args of [headerLogArgs, fullLogArgs, (id: string) => numstatArgs([id])]) {
      assert.throws(() => args('HEAD'));
      assert.throws(() => args('--output=/tmp/x'));
      assert.throws(() => args(`${'a'.repeat(40)} `));
      assert.deepEqual(args('a'.repeat(40)).slice(-3), ['--end-of-options', 'a'.repeat(40), '--']);
    }
    assert.throws(() => numstatArgs([]));
    assert.throws(() => numstatArgs(['a'.repeat(40), '-p']));
  });

  it('reads no line counts in the header log, and line counts of exactly the given commits in the numstat read', () => {
    const id = 'a'.repeat(40);
    assert.ok(!headerLogArgs(id).includes('--numstat'));
    assert.ok(fullLogArgs(id).includes('--numstat'));
    assert.ok(numstatArgs([id, 'b'.repeat(40)]).includes('--no-walk=unsorted'));
  });

  describe('on a repository with every kind of change', () => {
    let repo: TempRepo;
    let commits: Commit[];
    let stdout: Buffer;
    const hashes: Record<string, string> = {};
    const tricky = 'Tricky \x1e subject \x1f\n\n1\t2\tfake.txt\n-\t-\tfake.bin\n\x1e\n0\t0\t\nold.txt\n';

    before(async () => {
      repo = space.repo();
      repo.write('a.txt', 'one\ntwo\nthree\n').writeBinary('img.bin', Buffer.from([0, 1, 2, 3, 255, 0]));
      hashes.first = repo.commit('First commit\n\nWith a body.\n', '2024-03-01T10:00:00Z', {
        committer: '2024-03-01T11:30:00Z',
        authorName: 'Ana Author',
      });
      repo.write('a.txt', 'one\nTWO\nthree\nfour\n');
      repo.writeBinary('img.bin', Buffer.from([0, 9, 9, 9]));
      hashes.modify = repo.commit('Modify text and binary', '2024-03-02T10:00:00Z');
      repo.rename('a.txt', 'dir with space/renamed ä.txt');
      hashes.rename = repo.commit('Rename', '2024-03-03T10:00:00Z');
      repo.write('naïve ✓ file.txt', 'x\n');
      repo.write('tab\there.txt', 'y\n');
      hashes.unicode = repo.commit('Non-ASCII paths', '2024-03-04T10:00:00Z');
      hashes.empty = repo.emptyCommit('Empty commit', '2024-03-05T10:00:00Z');
      repo.branch('feature').checkout('feature');
      repo.write('feature.txt', 'f\n');
      hashes.feature = repo.commit('Feature work', '2024-03-06T10:00:00Z');
      repo.checkout('main');
      repo.write('main.txt', 'm\n');
      hashes.mainWork = repo.commit('Main work', '2024-03-06T12:00:00Z');
      hashes.merge = repo.merge('feature', '2024-03-07T10:00:00Z', "Merge branch 'feature'");
      repo.remove('img.bin');
      hashes.deleteBin = repo.commit('Delete binary', '2024-03-08T10:00:00Z');
      hashes.tricky = repo.commitTree(tricky, '2024-03-09T10:00:00Z');
      hashes.onlyMarker = repo.commitTree('\x1e', '2024-03-10T10:00:00Z');
      hashes.markerLine = repo.commitTree('\n\x1e\n', '2024-03-11T10:00:00Z');
      stdout = await rawLog(repo);
      commits = parseAll(stdout, stdout.length);
    });

    it('reads every commit, newest first, with the same ids as git rev-list', () => {
      const expected = repo.git(['rev-list', 'HEAD']).trim().split('\n');
      assert.deepEqual(
        commits.map((c) => c.hash),
        expected,
      );
      assert.equal(commits.length, 12);
    });

    it('reads the header fields of a normal commit', () => {
      const c = byMessage(commits, 'First commit\n\nWith a body.\n');
      assert.equal(c.hash, hashes.first);
      assert.deepEqual(c.parents, []);
      assert.equal(c.authorName, 'Ana Author');
      assert.equal(c.authorEmail, 'author@example.com');
      assert.equal(c.committerName, 'Test Author');
      assert.equal(c.authorTime, ms('2024-03-01T10:00:00Z'));
      assert.equal(c.commitTime, ms('2024-03-01T11:30:00Z'));
      assert.deepEqual(c.files, [
        { path: 'a.txt', added: 3, deleted: 0 },
        { path: 'img.bin', added: null, deleted: null },
      ]);
    });

    it('counts lines and marks binary changes with null', () => {
      const c = byMessage(commits, 'Modify text and binary\n');
      assert.deepEqual(c.parents, [hashes.first]);
      assert.deepEqual(c.files, [
        { path: 'a.txt', added: 2, deleted: 1 },
        { path: 'img.bin', added: null, deleted: null },
      ]);
      assert.deepEqual(byMessage(commits, 'Delete binary\n').files, [{ path: 'img.bin', added: null, deleted: null }]);
    });

    it('reads renames with their old path, including spaces and non-ASCII', () => {
      const c = byMessage(commits, 'Rename\n');
      assert.deepEqual(c.files, [{ path: 'dir with space/renamed ä.txt', oldPath: 'a.txt', added: 0, deleted: 0 }]);
    });

    it('reads non-ASCII, space and tab paths raw (no quoting)', () => {
      const c = byMessage(commits, 'Non-ASCII paths\n');
      assert.deepEqual(c.files, [
        { path: 'naïve ✓ file.txt', added: 1, deleted: 0 },
        { path: 'tab\there.txt', added: 1, deleted: 0 },
      ]);
    });

    it('reads an empty commit with no files', () => {
      const c = byMessage(commits, 'Empty commit\n');
      assert.equal(c.hash, hashes.empty);
      assert.deepEqual(c.files, []);
    });

    it('reads a merge with both parents and no files', () => {
      const c = byMessage(commits, "Merge branch 'feature'\n");
      assert.equal(c.hash, hashes.merge);
      assert.deepEqual(c.parents, [hashes.mainWork, hashes.feature]);
      assert.deepEqual(c.files, []);
      assert.equal(c.commitTime, ms('2024-03-07T10:00:00Z'));
    });

    it('keeps messages with record separators and numstat look-alikes intact', () => {
      const c = byMessage(commits, tricky);
      assert.equal(c.hash, hashes.tricky);
      assert.deepEqual(c.files, []);
      assert.deepEqual(c.parents, [hashes.deleteBin]);
      assert.equal(byMessage(commits, '\x1e').hash, hashes.onlyMarker);
      assert.equal(byMessage(commits, '\n\x1e\n').hash, hashes.markerLine);
    });

    it('gives the same result for every chunk size from 1 to the whole output', function () {
      this.timeout(120_000);
      assert.ok(stdout.length > 500, `stdout is ${stdout.length} bytes`);
      for (let size = 1; size <= stdout.length; size++) {
        assert.deepEqual(parseAll(stdout, size), commits, `chunk size ${size}`);
      }
    });

    it('matches what readHistory returns', async () => {
      const h = await readHistory(repo.dir);
      assert.deepEqual(h.commits, commits);
      assert.equal(h.head, hashes.markerLine);
    });
  });

  describe('messages', () => {
    it('returns arbitrary messages byte-identical (commit-tree, no cleanup)', async function () {
      this.timeout(300_000);
      const control = fc.constantFrom('\x1e', '\x1f', '\n', '\r', '\t', '\x01', '\x07', '\x1b', '\x7f', '-', '1', ' ', '#', 'é', '✓', '😀');
      const text = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: control, maxLength: 40 }),
        fc.string({ unit: fc.oneof(control, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 }),
      );
      const storable = text.map(storableMessage);
      await fc.assert(
        fc.asyncProperty(fc.array(storable, { minLength: 1, maxLength: 6 }), async (messages) => {
          const repo = space.repo();
          const made: string[] = [];
          messages.forEach((m, i) => made.push(repo.commitTree(m, `2024-01-01T00:00:0${i}Z`)));
          const h = await readHistory(repo.dir);
          assert.deepEqual(
            h.commits.map((c) => [c.hash, c.message]),
            made.map((hash, i) => [hash, messages[i]]).reverse(),
          );
        }),
        { numRuns: 40 },
      );
    });

    it('survives a message in an undeclared non-UTF-8 encoding (raw bytes)', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n');
      const before = repo.commit('Before', '2024-02-01T00:00:00Z');
      const tree = repo.git(['rev-parse', 'HEAD^{tree}']).trim();
      const body = Buffer.concat([
        Buffer.from(`tree ${tree}\nparent ${before}\nauthor A <a@x> 1706832000 +0000\ncommitter A <a@x> 1706832000 +0000\n\n`),
        Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x0a]), // "caf\xe9 \xff\xfe\n"
      ]);
      const raw = repo.rawCommit(body);
      repo.write('b.txt', 'b\n');
      const after = repo.commit('After', '2024-02-03T00:00:00Z');
      const h = await readHistory(repo.dir);
      assert.deepEqual(
        h.commits.map((c) => [c.hash, c.message]),
        [
          [after, 'After\n'],
          [raw, 'caf\uFFFD \uFFFD\uFFFD\n'],
          [before, 'Before\n'],
        ],
      );
      assert.deepEqual(h.commits[0]?.files, [{ path: 'b.txt', added: 1, deleted: 0 }]);
      assert.equal(h.commits[1]?.authorTime, 1706832000_000);
      assert.deepEqual(h.commits[2]?.files, [{ path: 'a.txt', added: 1, deleted: 0 }]);
    });

    it('re-encodes a message committed as Latin-1 with commit-tree', async () => {
      const repo = space.repo();
      repo.write('a.txt', 'a\n');
      const before = repo.commit('Before', '2024-02-01T00:00:00Z');
      const latin = repo.commitTree(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), '2024-02-02T00:00:00Z', [before], {
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'i18n.commitEncoding',
        GIT_CONFIG_VALUE_0: 'ISO-8859-1',
      });
      assert.match(repo.git(['cat-file', 'commit', latin]), /^encoding ISO-8859-1$/m);
      const h = await readHistory(repo.dir);
      assert.deepEqual(
        h.commits.map((c) => c.message),
        ['café\n', 'Before\n'],
      );
    });
  });
});
