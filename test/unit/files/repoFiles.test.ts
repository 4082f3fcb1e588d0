// The repository's own files are never followed through a symlink, never read unbounded or
// from a device or FIFO, and written only atomically to a regular file, keeping its encoding.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RepoFileError, readRepoFile, readRepoText, updateRepoText } from '../../../src/files/repoFiles';
import { tempSpace } from '../helpers/tempRepo';

const SECRET = 'outside the repository\n';

async function refused(p: Promise<unknown>, problem: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof RepoFileError && e.problem === problem);
}

describe('files/repoFiles', () => {
  const space = tempSpace();
  let folder: string;
  let outside: string;

  beforeEach(() => {
    folder = space.dir();
    outside = path.join(space.dir(), 'secret.txt');
    fs.writeFileSync(outside, SECRET);
  });

  it('reads a regular file, and says undefined for a missing one (or a missing folder)', async () => {
    fs.mkdirSync(path.join(folder, '.kpi'));
    fs.writeFileSync(path.join(folder, '.kpi', 'history.jsonl'), 'a\n');
    assert.equal(await readRepoText(folder, '.kpi/history.jsonl', 100), 'a\n');
    assert.equal(await readRepoFile(folder, '.kpi/values.jsonl', 100), undefined);
    assert.equal(await readRepoFile(folder, 'none/x.jsonl', 100), undefined);
  });

  it('never reads through a symlinked file or a symlinked folder', async () => {
    fs.symlinkSync(outside, path.join(folder, '.mailmap'));
    await refused(readRepoFile(folder, '.mailmap', 1000), 'symlink');
    fs.symlinkSync(path.dirname(outside), path.join(folder, '.kpi'));
    fs.writeFileSync(path.join(path.dirname(outside), 'history.jsonl'), SECRET);
    await refused(readRepoFile(folder, '.kpi/history.jsonl', 1000), 'symlink');
  });

  it('refuses a FIFO at once instead of waiting on it, and a folder where a file should be', async () => {
    execFileSync('mkfifo', [path.join(folder, 'kpi.json')]);
    await refused(readRepoFile(folder, 'kpi.json', 1000), 'notFile');
    fs.mkdirSync(path.join(folder, '.mailmap'));
    await refused(readRepoFile(folder, '.mailmap', 1000), 'notFile');
  });

  it('refuses a file over the limit without reading it into memory', async () => {
    const big = path.join(folder, 'kpi.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 2 * 1024 * 1024 * 1024); // sparse: 2 GiB on paper, nothing on disk
    const before = process.memoryUsage().rss;
    await refused(readRepoFile(folder, 'kpi.json', 4 * 1024 * 1024), 'tooLarge');
    assert.ok(process.memoryUsage().rss - before < 64 * 1024 * 1024);
  });

  it('never writes through a symlink: the target stays as it was, and the link is refused', async () => {
    fs.mkdirSync(path.join(folder, '.kpi'));
    fs.symlinkSync(outside, path.join(folder, '.kpi', 'history.jsonl'));
    await refused(
      updateRepoText(folder, '.kpi/history.jsonl', 1000, (t) => `${t ?? ''}x\n`),
      'symlink',
    );
    assert.equal(fs.readFileSync(outside, 'utf8'), SECRET);
  });

  it('never creates files in a folder reached through a symlinked .kpi', async () => {
    const elsewhere = space.dir();
    fs.symlinkSync(elsewhere, path.join(folder, '.kpi'));
    await refused(
      updateRepoText(folder, '.kpi/values.jsonl', 1000, () => 'x\n'),
      'symlink',
    );
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('gives one clear error when .kpi is a file', async () => {
    fs.writeFileSync(path.join(folder, '.kpi'), 'not a folder');
    await assert.rejects(
      updateRepoText(folder, '.kpi/history.jsonl', 1000, () => 'x\n'),
      (e: unknown) =>
        e instanceof RepoFileError && e.problem === 'notFolder' && /"\.kpi" in the repository is not a folder/.test(e.message),
    );
    assert.equal(fs.readFileSync(path.join(folder, '.kpi'), 'utf8'), 'not a folder');
  });

  it('creates the folder and file, then appends atomically, leaving no temporary file', async () => {
    await updateRepoText(folder, '.kpi/history.jsonl', 1000, (t) => `${t ?? ''}a\n`);
    await updateRepoText(folder, '.kpi/history.jsonl', 1000, (t) => `${t ?? ''}b\n`);
    assert.equal(fs.readFileSync(path.join(folder, '.kpi', 'history.jsonl'), 'utf8'), 'a\nb\n');
    assert.deepEqual(fs.readdirSync(path.join(folder, '.kpi')), ['history.jsonl']);
  });

  it('keeps a UTF-8 byte order mark, UTF-16 in either byte order, and the file mode', async () => {
    const file = path.join(folder, 'values.jsonl');
    const cases: [string, Buffer][] = [
      ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é\n')])],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('é\n', 'utf16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('é\n', 'utf16le').swap16()])],
    ];
    for (const [name, bytes] of cases) {
      fs.writeFileSync(file, bytes);
      fs.chmodSync(file, 0o600);
      let seen: string | undefined;
      await updateRepoText(folder, 'values.jsonl', 1000, (t) => {
        seen = t;
        return `${t ?? ''}😀\n`;
      });
      assert.equal(seen, 'é\n', name);
      const after = fs.readFileSync(file);
      assert.deepEqual(after.subarray(0, bytes.length), bytes, name); // same BOM, same bytes
      assert.equal(after.length, bytes.length + (name === 'utf-8 with BOM' ? 5 : 6), name); // 😀 and \n in that encoding
      assert.equal(fs.statSync(file).mode & 0o777, 0o600, name);
    }
  });
});
