// The metrics against git itself, on one repository without clock skew (author date equals
// committer date and dates grow in commit order, so `--since` is exact):
// - commitFrequency's counted commits = `git rev-list --count --no-merges --since --until`
// - activeContributors = the number of lines of `git shortlog -sne --no-merges` (.mailmap applied)
import * as assert from 'node:assert/strict';
import type { History } from '../../../../src/core/history';
import { activeContributors } from '../../../../src/core/metrics/activity';
import { commitFrequency } from '../../../../src/core/metrics/commitFrequency';
import { windowEndingAt, type TimeWindow } from '../../../../src/core/time/window';
import { readHistory } from '../../helpers/history';
import { TempRepo, tempSpace } from '../../helpers/tempRepo';

/** A git date (`YYYY-MM-DD HH:MM:SS +0000`) for epoch milliseconds. */
function gitDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

/** --since/--until are inclusive and to the second; our windows are [start, end) in ms. */
function range(w: TimeWindow): string[] {
  return [`--since=${gitDate(Math.ceil(w.start / 1000) * 1000)}`, `--until=${gitDate(Math.ceil(w.end / 1000) * 1000 - 1000)}`];
}

describe('core/metrics cross-checked with git', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;

  before(async () => {
    repo = space.repo();
    repo.write('.mailmap', 'Ana Smith <ana@example.com> Ana <ana@old.example>\n');
    const people: [string, string][] = [
      ['Ana', 'ana@old.example'],
      ['Ana Smith', 'ana@example.com'],
      ['Bob', 'bob@example.com'],
      ['Carl', 'carl@example.com'],
      ['Dee', 'dee@example.com'],
    ];
    let n = 0;
    const work = (date: string, who: number): void => {
      const [name, email] = people[who % people.length]!;
      repo.write(`w${++n}.txt`, `${n}\n`).commit(`work ${n}`, date, { authorName: name, authorEmail: email });
    };
    work('2024-05-27T00:00:00Z', 0); // Monday of W22
    work('2024-05-30T10:00:00Z', 2);
    work('2024-06-02T23:59:59Z', 3); // last second of W22
    work('2024-06-03T00:00:00Z', 1); // first second of W23
    work('2024-06-05T12:00:00Z', 0);
    work('2024-06-07T09:30:00Z', 4);
    work('2024-06-09T23:59:59Z', 2);
    work('2024-06-10T00:00:00Z', 3);
    repo.branch('topic').checkout('topic');
    work('2024-06-11T08:00:00Z', 4);
    work('2024-06-12T08:00:00Z', 0);
    repo.checkout('main');
    work('2024-06-12T12:00:00Z', 2);
    repo.merge('topic', '2024-06-13T00:00:00Z');
    work('2024-06-16T12:00:00Z', 1);
    work('2024-06-16T23:59:59Z', 3);
    work('2024-06-17T00:00:00Z', 2);
    work('2024-06-19T08:00:00Z', 4);
    work('2024-06-22T10:00:00Z', 0);
    work('2024-06-24T00:00:00Z', 1);
    work('2024-06-28T18:00:00Z', 2);
    work('2024-06-30T23:59:59Z', 3);
    history = await readHistory(repo.dir);
  });

  const nows = [
    '2024-06-05T12:00:00Z',
    '2024-06-10T00:00:00Z',
    '2024-06-16T12:00:00Z',
    '2024-06-19T08:00:00Z',
    '2024-07-01T00:00:00Z',
    '2024-07-03T00:00:00Z',
  ];
  const windows = ['1w', '2w', '4w', '1d', '3d', '7d', '10d'];

  it('commitFrequency counts what git rev-list --count --no-merges counts in the same range', () => {
    let nonZero = 0;
    for (const now of nows) {
      for (const text of windows) {
        const w = windowEndingAt(new Date(now), text);
        const r = commitFrequency.compute({ history, window: w });
        const expected = Number(repo.git(['rev-list', '--count', '--no-merges', ...range(w), 'HEAD']).trim());
        assert.equal(r.sampleSize, expected, `${text} at ${now}`);
        if (expected > 0) nonZero++;
      }
    }
    assert.ok(nonZero >= 30, `only ${nonZero} non-empty windows`);
  });

  it('activeContributors equals the number of people git shortlog -sne --no-merges lists', () => {
    let nonZero = 0;
    for (const now of nows) {
      for (const text of windows) {
        const w = windowEndingAt(new Date(now), text);
        const lines = repo
          .git(['shortlog', '-sne', '--no-merges', ...range(w), 'HEAD'])
          .split('\n')
          .filter((l) => l.trim() !== '');
        const r = activeContributors.compute({ history, window: w });
        assert.equal(r.value, lines.length, `${text} at ${now}: ${lines.join(' | ')}`);
        if (lines.length > 0) nonZero++;
      }
    }
    assert.ok(nonZero >= 30, `only ${nonZero} non-empty windows`);
    // .mailmap folds Ana's two addresses, in git and in the metric alike.
    const all = repo.git(['shortlog', '-sne', '--no-merges', 'HEAD']).trim().split('\n');
    assert.equal(all.length, 4); // Ana Smith, Bob, Carl, Dee (the merge's author is left out)
    assert.equal(
      activeContributors.compute({ history, window: windowEndingAt(new Date('2024-07-01T00:00:00Z'), '9999d') }).value,
      all.length,
    );
  });
});
