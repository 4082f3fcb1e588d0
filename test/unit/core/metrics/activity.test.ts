// activeContributors and codingDays on a real repository with .mailmap, aliases, co-authors,
// bots, merges, skewed and future dates. The cross-check with git is in crossCheck.test.ts.
import * as assert from 'node:assert/strict';
import type { History } from '../../../../src/core/history';
import { activeContributors, codingDays } from '../../../../src/core/metrics/activity';
import type { MetricValue } from '../../../../src/core/metrics/types';
import { population, type PopulationSettings } from '../../../../src/core/metrics/population';
import { windowEndingAt } from '../../../../src/core/time/window';
import { readHistory } from '../../helpers/history';
import { TempRepo, tempSpace } from '../../helpers/tempRepo';

// Wednesday of 2024-W26: 1w is W25 = [06-17, 06-24), 2w is [06-10, 06-24).
const NOW = new Date('2024-06-26T12:00:00Z');
const ALIASES: PopulationSettings = { aliases: { 'bob@example.com': ['robert@home.example'] } };

describe('core/metrics activity', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  const h: Record<string, string> = {};

  function run(metric: typeof activeContributors, window: string, now = NOW, settings: PopulationSettings = ALIASES): MetricValue {
    return metric.compute({ history, window: windowEndingAt(now, window), population: population(history, settings) });
  }

  before(async () => {
    repo = space.repo();
    let n = 0;
    const work = (message: string, date: string, name: string, email: string, dates = {}): string =>
      repo.write(`work${++n}.txt`, `${n}\n`).commit(message, date, { authorName: name, authorEmail: email, ...dates });
    repo.write('.mailmap', 'Ana Smith <ana@example.com> Ana <ana@old.example>\n');
    h.initial = work('Initial', '2024-05-01T00:00:00Z', 'Test Author', 'author@example.com');
    h.a1 = work('a1', '2024-06-17T09:00:00Z', 'Ana', 'ana@old.example'); // folded by .mailmap
    h.a2 = work('a2', '2024-06-17T15:00:00Z', 'Ana Smith', 'ana@example.com'); // same day as a1
    h.a3 = work('a3\n\nCo-authored-by: Carol <carol@example.com>', '2024-06-19T10:00:00Z', 'Ana Smith', 'ana@example.com');
    h.b1 = work('b1', '2024-06-18T08:00:00Z', 'Bob', 'bob@example.com');
    h.b2 = work('b2', '2024-06-20T08:00:00Z', 'Robert', 'robert@home.example'); // the alias map folds him into Bob
    // Ana as co-author, once under her old address (folded as .mailmap folds her as an author).
    h.d1 = work(
      'd1\n\nCo-authored-by: Ana <ana@old.example>\nCo-authored-by: Ana Smith <ANA@example.com>',
      '2024-06-21T08:00:00Z',
      'Dan',
      'dan@example.com',
    );
    h.bot = work('Update dependencies', '2024-06-22T08:00:00Z', 'renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com');
    h.b3 = work(
      'b3\n\nCo-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
      '2024-06-22T09:00:00Z',
      'Bob',
      'bob@example.com',
    );
    repo.branch('feature').checkout('feature');
    h.d2 = work('d2', '2024-06-23T23:59:59Z', 'Dan', 'dan@example.com'); // the last second of W25
    repo.checkout('main');
    h.hank = work('Hank late', '', 'Hank', 'hank@example.com', { author: '2024-06-23T12:00:00Z', committer: '2024-06-27T00:00:00Z' });
    repo.git(['merge', '-q', '--no-ff', '--no-edit', 'feature'], {
      env: {
        GIT_AUTHOR_NAME: 'Eve',
        GIT_AUTHOR_EMAIL: 'eve@example.com',
        GIT_AUTHOR_DATE: '2024-06-24T10:00:00Z',
        GIT_COMMITTER_DATE: '2024-06-24T10:00:00Z',
      },
    });
    h.merge = repo.head();
    h.frankBefore = work('Frank W24', '2024-06-16T23:59:59Z', 'Frank', 'frank@example.com');
    h.frankAfter = work('Frank W26', '2024-06-24T00:00:00Z', 'Frank', 'frank@example.com');
    h.gina = work('Gina rebased', '', 'Gina', 'gina@example.com', { author: '2024-06-10T00:00:00Z', committer: '2024-06-20T00:00:00Z' });
    h.ivy = work('Ivy from the future', '2024-07-10T00:00:00Z', 'Ivy', 'ivy@example.com');
    history = await readHistory(repo.dir);
  });

  describe('activeContributors', () => {
    it('counts distinct people (authors and co-authors) of non-merge commits authored in the window', () => {
      const r = run(activeContributors, '1w');
      // Ana (both addresses, and as co-author), Carol (co-author), Bob (with Robert), Dan, Hank.
      assert.equal(r.value, 5);
      assert.deepEqual(r.details, { commits: 9 });
      assert.equal(r.sampleSize, 9);
      assert.deepEqual([...r.commits].sort(), [h.a1, h.a2, h.a3, h.b1, h.b2, h.d1, h.b3, h.d2, h.hank].sort());
    });

    it('never counts bots, bot co-authors, merges, or commits outside the window by author date', () => {
      const r = run(activeContributors, '1w');
      for (const k of ['bot', 'merge', 'frankBefore', 'frankAfter', 'gina', 'ivy', 'initial']) assert.ok(!r.commits.includes(h[k]!), k);
    });

    it('without the alias map Robert is a person of his own', () => {
      assert.equal(run(activeContributors, '1w', NOW, {}).value, 6);
    });

    it('2w adds the previous week: Frank at its last second, Gina by her author date', () => {
      const r = run(activeContributors, '2w');
      assert.equal(r.value, 7);
      assert.equal(r.sampleSize, 11);
    });

    it('gives 0 for a window without commits, and null for an empty history', () => {
      assert.deepEqual(run(activeContributors, '1w', new Date('2020-01-01T00:00:00Z')), {
        value: 0,
        sampleSize: 0,
        commits: [],
        details: { commits: 0 },
      });
      const empty: History = { commits: [], head: null, shallow: false, commands: [] };
      assert.deepEqual(activeContributors.compute({ history: empty, window: windowEndingAt(NOW, '1w') }), {
        value: null,
        sampleSize: 0,
        commits: [],
      });
    });
  });

  describe('codingDays', () => {
    it('is person-days (distinct UTC author days per person) per active person-week', () => {
      // Ana 06-17, 06-19, 06-21; Carol 06-19; Bob 06-18, 06-20, 06-22; Dan 06-21, 06-23; Hank 06-23.
      const r = run(codingDays, '1w');
      assert.equal(r.value, 2); // 10 person-days / 5 person-weeks
      assert.deepEqual(r.details, { activeContributors: 5, personDays: 10, personWeeks: 5 });
      assert.equal(r.sampleSize, 10);
      assert.equal(r.commits.length, 9);
    });

    it('stays on the 0–7 scale for a longer window: weeks without a commit do not dilute it', () => {
      // Adds Frank 06-16 and Gina 06-10, each one day in the week before: 12 / 7 person-weeks,
      // not 12 / 7 people / 2 weeks = 0.86.
      const r = run(codingDays, '2w');
      assert.equal(r.value, 1.71);
      assert.deepEqual(r.details, { activeContributors: 7, personDays: 12, personWeeks: 7 });
    });

    it('gives null when nobody committed in the window, and for an empty history', () => {
      assert.deepEqual(run(codingDays, '1w', new Date('2020-01-01T00:00:00Z')), { value: null, sampleSize: 0, commits: [] });
      const empty: History = { commits: [], head: null, shallow: false, commands: [] };
      assert.equal(codingDays.compute({ history: empty, window: windowEndingAt(NOW, '1w') }).value, null);
    });
  });
});
