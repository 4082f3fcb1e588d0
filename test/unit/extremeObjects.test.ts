// Legal but extreme objects and local history rewrites, on real repositories: an octopus of
// 200,000 parents, a commit crediting hundreds of co-authors, replace refs and grafts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { dataQuality } from '../../src/core/evaluation/dataQuality';
import { population } from '../../src/core/metrics/population';
import { MAX_TRAILER_PEOPLE } from '../../src/core/metrics/trailers';
import { RepositoryReader } from '../../src/git/reader';
import { readHistory } from './helpers/history';
import { tempSpace, type TempRepo } from './helpers/tempRepo';

const NOW = '2024-06-29';
const METRICS = [
  'commitFrequency',
  'activeContributors',
  'integrationFrequency',
  'fixShare',
  'revertRate',
  'deploymentFrequency',
  'leadTime',
];
const KPI_JSON = JSON.stringify({
  objectives: [{ name: 'All', kpis: METRICS.map((metric) => ({ id: metric, name: metric, metric, window: '4w' })) }],
});

async function report(dir: string): Promise<{ values: Record<string, unknown>; notes: { code: string; message: string }[] }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['report', '--dir', dir, '--format', 'json', '--now', NOW], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  assert.equal(code, 0, stderr);
  const json = JSON.parse(stdout) as {
    kpis: { id: string; value: unknown }[];
    dataQuality: { notes: { code: string; message: string }[] };
  };
  return { values: Object.fromEntries(json.kpis.map((k) => [k.id, k.value])), notes: json.dataQuality.notes };
}

/** A commit object with `parents` (repeats allowed: git keeps them), written as git would not. */
function octopus(repo: TempRepo, parents: readonly string[], message: string, date: string): string {
  const seconds = Date.parse(date) / 1000;
  const body = [
    `tree ${repo.git(['rev-parse', `${parents[0]}^{tree}`]).trim()}`,
    ...parents.map((p) => `parent ${p}`),
    `author Ana <ana@example.com> ${seconds} +0000`,
    `committer Ana <ana@example.com> ${seconds} +0000`,
    '',
    message,
  ].join('\n');
  const hash = repo.git(['hash-object', '-t', 'commit', '-w', '--literally', '--stdin'], { input: `${body}\n` }).trim();
  repo.git(['update-ref', 'HEAD', hash]);
  return hash;
}

describe('extreme objects and history rewrites', () => {
  const space = tempSpace();

  it('reads a merge of 200,000 parents without overflowing the stack, with the values of a two-parent merge', async () => {
    const build = (count: number): TempRepo => {
      const repo = space.repo();
      repo.write('kpi.json', KPI_JSON).commit('Add kpi.json', '2024-06-10T09:00:00Z');
      repo.tag('v1.0.0', '2024-06-10T10:00:00Z');
      const base = repo.write('a.txt', 'a\n').commit('Work on a', '2024-06-11T09:00:00Z');
      octopus(
        repo,
        Array.from({ length: count }, () => base),
        'Merge everything',
        '2024-06-12T09:00:00Z',
      );
      repo.write('b.txt', 'b\n').commit('Fix: b', '2024-06-13T09:00:00Z');
      repo.tag('v1.1.0', '2024-06-14T10:00:00Z');
      return repo;
    };
    const huge = build(200_000);
    assert.equal(huge.git(['log', '-1', '--format=%P', 'HEAD~1']).trim().split(' ').length, 200_000);
    const clean = await report(build(2).dir);
    const extreme = await report(huge.dir);
    assert.deepEqual(extreme.values, clean.values);
    assert.equal(clean.values['integrationFrequency'] !== null && clean.values['deploymentFrequency'] !== null, true);
  });

  it(`credits at most ${MAX_TRAILER_PEOPLE} people from one commit's trailers, and says so in data quality`, async () => {
    const repo = space.repo();
    repo.write('kpi.json', KPI_JSON).commit('Add kpi.json', '2024-06-10T09:00:00Z');
    const people = (n: number): string => Array.from({ length: n }, (_, i) => `Co-authored-by: P${i} <p${i}@example.com>`).join('\n');
    repo.write('a.txt', 'a\n').commit(`Pair on a\n\n${people(10)}`, '2024-06-11T09:00:00Z');
    repo.write('b.txt', 'b\n').commit(`Mob on b\n\n${people(300)}`, '2024-06-12T09:00:00Z');
    const r = await report(repo.dir);
    // The author, then P0..P9 from the first commit (within the cap), P0..P49 from the second.
    assert.equal(r.values['activeContributors'], 1 + MAX_TRAILER_PEOPLE);
    assert.deepEqual(
      r.notes.filter((n) => n.code === 'trailersCapped').map((n) => n.message),
      [
        `1 commit names more than ${MAX_TRAILER_PEOPLE} people in Co-authored-by or Reviewed-by trailers, or has a trailer block over 16 KiB: at most ${MAX_TRAILER_PEOPLE} are counted per commit, none from an oversized block.`,
      ],
    );
    // A trailer block over 16 KiB credits no one, and is counted in the same note.
    repo.write('c.txt', 'c\n').commit(`Huge\n\nCo-authored-by: Q <q@example.com>\n${'Note: x\n'.repeat(3000)}`, '2024-06-13T09:00:00Z');
    const history = await readHistory(repo.dir);
    assert.equal(dataQuality(history, population(history, {}), new Date(NOW)).trailersCapped, 2);
  });

  it('reports replace refs and grafts, follows the history git shows, and reads again when they change', async () => {
    const repo = space.repo();
    repo.write('kpi.json', KPI_JSON).commit('Add kpi.json', '2024-06-10T09:00:00Z');
    const second = repo.write('a.txt', 'a\n').commit('Work on a', '2024-06-11T09:00:00Z');
    repo.write('b.txt', 'b\n').commit('Work on b', '2024-06-12T09:00:00Z');
    const reader = new RepositoryReader(repo.dir);
    const clean = await reader.read();
    assert.equal(clean.commits.length, 3);
    assert.equal(clean.rewrites, undefined);
    const before = await report(repo.dir);
    assert.deepEqual(
      before.notes.filter((n) => n.code === 'rewritten'),
      [],
    );

    // A replace ref that cuts the history below `second`: git now shows two commits.
    repo.git(['replace', '--graft', second]);
    const replaced = await reader.read();
    assert.equal(reader.lastMode, 'full'); // not the cached three commits
    assert.equal(replaced.commits.length, Number(repo.git(['rev-list', '--count', 'HEAD']).trim()));
    assert.equal(replaced.commits.length, 2);
    assert.deepEqual(replaced.rewrites, { replaceRefs: 1, grafts: false });
    const after = await report(repo.dir);
    assert.deepEqual(
      after.notes.filter((n) => n.code === 'rewritten').map((n) => n.message),
      [
        'History is rewritten in this clone by 1 replace ref (refs/replace/): git shows other commits or parents than those recorded, and values follow what git shows. Review them with `git replace -l`.',
      ],
    );

    // A grafts file instead (git still honours it, with a deprecation warning).
    repo.git(['replace', '-d', second]);
    fs.writeFileSync(path.join(repo.dir, '.git', 'info', 'grafts'), `${second}\n`);
    const grafted = await reader.read();
    assert.equal(reader.lastMode, 'full');
    assert.deepEqual(grafted.rewrites, { replaceRefs: 0, grafts: true });
    assert.equal(grafted.commits.length, 2);
    const note = (await report(repo.dir)).notes.find((n) => n.code === 'rewritten');
    assert.match(note?.message ?? '', /a grafts file \(info\/grafts\)/);

    // Gone again: the full history, read afresh.
    fs.rmSync(path.join(repo.dir, '.git', 'info', 'grafts'));
    const restored = await reader.read();
    assert.equal(restored.commits.length, 3);
    assert.equal(restored.rewrites, undefined);
  });
});
