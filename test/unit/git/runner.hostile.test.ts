// Hostile repositories against the runner: a `git` planted in the repository (or anywhere a
// relative PATH entry points) never runs, and a repository's i18n.logOutputEncoding does not
// change what is read. Each compares with a clean copy or checks that a marker is absent.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../../../src/cli/main';
import { runEngine } from '../../../src/engine';
import { RepositoryReader } from '../../../src/git/reader';
import { GitRunner, resolveGit } from '../../../src/git/runner';
import { readHistory } from '../helpers/history';
import { isolatedEnv, tempSpace } from '../helpers/tempRepo';

describe('git/runner against hostile repositories', function () {
  this.timeout(30_000);
  const space = tempSpace();

  it('never runs a git planted in the repository, whatever relative entries PATH has', async () => {
    const repo = space.repo();
    repo.write('a.txt', 'a\n').commit('one', '2024-01-01T00:00:00Z');
    const clean = await readHistory(repo.dir);
    const marker = path.join(space.dir(), 'planted-git-ran');
    for (const rel of ['git', path.join('bin', 'git')]) {
      fs.mkdirSync(path.dirname(path.join(repo.dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo.dir, rel), `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    }
    const saved = process.env['PATH'];
    const savedCwd = process.cwd();
    // '' and '.' mean the working folder; 'bin' a folder inside it.
    process.env['PATH'] = ['', '.', 'bin', saved ?? ''].join(path.delimiter);
    process.chdir(repo.dir);
    try {
      assert.ok(resolveGit() !== undefined && path.isAbsolute(resolveGit()!), 'git is found by an absolute path');
      assert.notEqual(path.dirname(resolveGit()!), repo.dir);
      const read = await readHistory(repo.dir);
      assert.deepEqual(read.commits, clean.commits);
    } finally {
      process.chdir(savedCwd);
      process.env['PATH'] = saved;
    }
    assert.equal(fs.existsSync(marker), false, 'the planted git never ran');
  });

  it('refuses a configured git that is not an absolute path', async () => {
    const repo = space.repo();
    await assert.rejects(
      new GitRunner(repo.dir, { gitPath: 'git' }).run(['version']),
      (e: Error) => e.name === 'GitError' && /not found/.test(e.message),
    );
  });

  it('reads names and messages as UTF-8 whatever i18n.logOutputEncoding the repository sets', async () => {
    const repo = space.repo();
    repo.write('a.txt', 'a\n').commit('café: naïve résumé', '2024-01-01T00:00:00Z', { authorName: 'José Müller' });
    const clean = await readHistory(repo.dir);
    repo.git(['config', 'i18n.logOutputEncoding', 'ISO-8859-1']);
    const hostile = await readHistory(repo.dir);
    assert.deepEqual(hostile.commits, clean.commits);
    assert.equal(hostile.commits[0]?.authorName, 'José Müller');
    assert.equal(hostile.commits[0]?.message, 'café: naïve résumé\n');
  });
});

describe('git/reader: no network, no writes into .git', function () {
  this.timeout(30_000);
  const space = tempSpace();

  it('fetches nothing and runs no transport: line counts have no data, and data quality says why', async () => {
    const origin = space.repo();
    for (let i = 1; i <= 4; i++) origin.write(`f${i}.txt`, `line ${i}\n`).commit(`feat: ${i}`, `2024-01-0${i}T10:00:00Z`);
    origin.git(['config', 'uploadpack.allowFilter', 'true']);
    const clone = path.join(space.dir(), 'clone');
    execFileSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${origin.dir}`, clone], { env: isolatedEnv() });
    // The repository's own upload-pack: it would run on any on-demand fetch.
    const marker = path.join(space.dir(), 'transport-ran');
    const uploadpack = path.join(space.dir(), 'uploadpack.sh');
    fs.writeFileSync(uploadpack, `#!/bin/sh\ntouch '${marker}'\nexec git-upload-pack "$@"\n`, { mode: 0o755 });
    execFileSync('git', ['config', 'remote.origin.uploadpack', uploadpack], { cwd: clone, env: isolatedEnv() });
    const text = JSON.stringify({
      objectives: [
        {
          name: 'O',
          kpis: [
            { id: 'size', name: 'Size', metric: 'changeSize', window: '4w' },
            { id: 'n', name: 'N', metric: 'commitFrequency', window: '4w' },
          ],
        },
      ],
    });
    const result = await runEngine(text, new RepositoryReader(clone), new Date('2024-01-17T12:00:00Z'));
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    const [size, freq] = result.evaluation.objectives[0]!.kpis;
    assert.equal(size!.value, null, 'change size is "no data", never 0');
    assert.equal(freq!.value, 1, 'header metrics still count (4 commits in 4 weeks)');
    assert.ok(result.evaluation.dataQuality.notes.some((n) => n.code === 'partialClone'));
    // Even a direct numstat read through our runner cannot fetch.
    await assert.rejects(new GitRunner(clone).run(['log', '--numstat', '-1', '--format=%H']));
    assert.equal(fs.existsSync(marker), false, 'no transport ran');
    // The same read without our guard would have run it (the test's premise).
    execFileSync('git', ['log', '--numstat', '-1', '--format=%H'], { cwd: clone, env: isolatedEnv(), stdio: 'ignore' });
    assert.equal(fs.existsSync(marker), true, 'plain git fetches on demand through the repository uploadpack');
  });

  it('writes nothing into .git: a full read with line counts, a cached one and an incremental one leave it byte for byte as it was', async () => {
    const repo = space.repo();
    const metrics = ['commitFrequency', 'changeSize', 'fixShare', 'leadTime', 'deploymentFrequency', 'activeContributors'];
    repo.write(
      'kpi.json',
      JSON.stringify({ objectives: [{ name: 'O', kpis: metrics.map((metric) => ({ id: metric, name: metric, metric, window: '4w' })) }] }),
    );
    repo.write('.mailmap', 'Ana <ana@example.com> <old@example.com>\n').commit('Add kpi.json', '2024-01-01T10:00:00Z');
    repo.tag('v1', '2024-01-01T11:00:00Z', 'first');
    repo.branch('topic').checkout('topic');
    repo.write('a.txt', 'a\n').commit('fix: a', '2024-01-02T10:00:00Z');
    repo.checkout('main').merge('topic', '2024-01-03T10:00:00Z');
    repo.tag('v2', '2024-01-03T11:00:00Z');
    repo.git(['gc', '-q']); // packed refs and objects, as a real clone has
    const cache = space.dir();
    const report = async (): Promise<void> => {
      let err = '';
      const code = await main(['report', '--dir', repo.dir, '--format', 'json', '--now', '2024-01-10', '--cache', cache], {
        stdout: () => undefined,
        stderr: (t) => (err += t),
      });
      assert.equal(code, 0, err);
    };
    const before = treeState(path.join(repo.dir, '.git'));
    await report(); // full read, line counts
    await report(); // from the cache
    assert.deepEqual(treeState(path.join(repo.dir, '.git')), before);
    repo.write('b.txt', 'b\n').commit('feat: b', '2024-01-04T10:00:00Z');
    const moved = treeState(path.join(repo.dir, '.git'));
    await report(); // incremental
    assert.deepEqual(treeState(path.join(repo.dir, '.git')), moved);
    assert.ok(fs.readdirSync(cache).length > 0, 'the cache went to its own folder');
  });
});

/** Every entry under `dir`: its kind, size, modification time and content hash. */
function treeState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const st = fs.lstatSync(full);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        out[rel] = `dir ${st.mtimeMs}`;
        walk(full);
      } else {
        out[rel] =
          `${e.isFile() ? 'file' : 'other'} ${st.size} ${st.mtimeMs} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(dir);
  return out;
}
