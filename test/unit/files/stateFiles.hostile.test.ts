// Hostile repositories against the files we read and write there: a committed symlink at
// .kpi, .kpi/history.jsonl, .kpi/values.jsonl or .mailmap is never followed, a FIFO .mailmap
// does not hang the read, and a .kpi that is a file is one clear data-quality note. Each test
// checks that the file outside stays as it was, or that the value equals a clean copy's.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendManualValue, appendSnapshots, runEngine } from '../../../src/engine';
import { RepositoryReader } from '../../../src/git/reader';
import { RepoFileError } from '../../../src/files/repoFiles';
import type { TempRepo } from '../helpers/tempRepo';
import { tempSpace } from '../helpers/tempRepo';

const NOW = new Date('2024-03-01T00:00:00Z');
const KPI = JSON.stringify({
  objectives: [
    {
      name: 'Flow',
      kpis: [
        { id: 'freq', name: 'Commits', metric: 'commitFrequency', window: '4w' },
        { id: 'nps', name: 'NPS', manual: true, unit: 'points' },
      ],
    },
  ],
});
const SNAPSHOT = '{"date":"2024-02-01","kpi":"freq","value":99,"unit":"/week","status":"met","review":"manual","head":null}\n';
const VALUE = '{"kpi":"nps","date":"2024-02-20","value":42}\n';

describe('repository state files against hostile repositories', function () {
  this.timeout(30_000);
  const space = tempSpace();

  function repoWithHistory(): TempRepo {
    const repo = space.repo();
    repo.write('kpi.json', KPI).commit('one', '2024-02-05T10:00:00Z');
    repo.write('a.txt', 'a\n').commit('two', '2024-02-12T10:00:00Z', { authorName: 'Old Name', authorEmail: 'old@example.com' });
    return repo;
  }

  async function evaluate(repo: TempRepo) {
    const result = await runEngine(KPI, new RepositoryReader(repo.dir), NOW);
    assert.equal(result.kind, 'ok');
    return result.kind === 'ok' ? result : assert.fail();
  }

  it('never reads snapshots or recorded values through symlinks, and says so in data quality', async () => {
    const repo = repoWithHistory();
    const elsewhere = space.dir();
    fs.writeFileSync(path.join(elsewhere, 'history.jsonl'), SNAPSHOT);
    fs.writeFileSync(path.join(elsewhere, 'values.jsonl'), VALUE);
    fs.mkdirSync(path.join(repo.dir, '.kpi'));
    fs.symlinkSync(path.join(elsewhere, 'history.jsonl'), path.join(repo.dir, '.kpi', 'history.jsonl'));
    fs.symlinkSync(path.join(elsewhere, 'values.jsonl'), path.join(repo.dir, '.kpi', 'values.jsonl'));
    const r = await evaluate(repo);
    assert.deepEqual(r.snapshots, []);
    const nps = r.evaluation.objectives[0]!.kpis.find((k) => k.id === 'nps')!;
    assert.equal(nps.value, null); // the 42 behind the link was not read
    assert.deepEqual(
      r.evaluation.dataQuality.files.map((f) => [f.path, f.problem]),
      [
        ['.kpi/values.jsonl', 'symlink'],
        ['.kpi/history.jsonl', 'symlink'],
      ],
    );
    assert.ok(
      r.evaluation.dataQuality.notes.some((n) => n.code === 'repoFile' && n.message.includes('".kpi/history.jsonl" is a symbolic link')),
    );
  });

  it('never writes snapshots or recorded values through a symlink or into a symlinked .kpi', async () => {
    const repo = repoWithHistory();
    const elsewhere = space.dir();
    const target = path.join(elsewhere, 'authorized_keys');
    fs.writeFileSync(target, 'ssh-ed25519 AAAA mine\n');
    fs.mkdirSync(path.join(repo.dir, '.kpi'));
    fs.symlinkSync(target, path.join(repo.dir, '.kpi', 'history.jsonl'));
    const snap = {
      date: '2024-03-01',
      kpi: 'freq',
      value: 1,
      unit: '/week',
      status: 'met' as const,
      review: 'manual' as const,
      head: null,
    };
    await assert.rejects(appendSnapshots(repo.dir, [snap]), RepoFileError);
    assert.equal(fs.readFileSync(target, 'utf8'), 'ssh-ed25519 AAAA mine\n');

    fs.rmSync(path.join(repo.dir, '.kpi'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(repo.dir, '.kpi'));
    await assert.rejects(appendManualValue(repo.dir, VALUE), RepoFileError);
    assert.deepEqual(fs.readdirSync(elsewhere), ['authorized_keys']);
  });

  it('a .kpi that is a file: values still computed, one note, and a clear error on writing', async () => {
    const repo = repoWithHistory();
    fs.writeFileSync(path.join(repo.dir, '.kpi'), 'a file\n');
    const r = await evaluate(repo);
    const clean = await evaluate(repoWithHistory());
    assert.equal(r.evaluation.objectives[0]!.kpis[0]!.value, clean.evaluation.objectives[0]!.kpis[0]!.value);
    assert.deepEqual(r.evaluation.dataQuality.files, [{ path: '.kpi', problem: 'notFolder' }]);
    assert.deepEqual(
      r.evaluation.dataQuality.notes.filter((n) => n.code === 'repoFile').map((n) => n.message),
      ['".kpi" is not a folder: review snapshots and recorded values cannot be kept there.'],
    );
    await assert.rejects(appendManualValue(repo.dir, VALUE), /"\.kpi" in the repository is not a folder/);
  });

  it('a symlinked .mailmap is not used (as git itself does) and is named in data quality', async () => {
    const repo = repoWithHistory();
    const elsewhere = path.join(space.dir(), 'mailmap');
    fs.writeFileSync(elsewhere, 'New Name <new@example.com> <old@example.com>\n');
    fs.symlinkSync(elsewhere, path.join(repo.dir, '.mailmap'));
    const history = await new RepositoryReader(repo.dir).read();
    assert.deepEqual([...new Set(history.commits.map((c) => c.authorName))].sort(), ['Old Name', 'Test Author']);
    assert.deepEqual(history.fileProblems, [{ path: '.mailmap', problem: 'symlink' }]);
  });

  it('a FIFO .mailmap does not hang the read: git is kept from reading it', async () => {
    const repo = repoWithHistory();
    execFileSync('mkfifo', [path.join(repo.dir, '.mailmap')]);
    // Without the guard, git blocks opening the FIFO until the runner's timeout.
    const reader = new RepositoryReader(repo.dir, { timeoutMs: 5_000 });
    const history = await reader.read();
    assert.equal(history.commits.length, 2);
    assert.deepEqual(history.fileProblems, [{ path: '.mailmap', problem: 'notFile' }]);
  });
});
