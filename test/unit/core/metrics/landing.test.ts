// Landing metrics (integrationFrequency, changeSize, fixShare, revertRate, reviewCoverage) and
// bugFixTurnaround with bots, on real repositories with merges, tags, `git revert`, renames,
// binary files, lock files, trailers, bot landings, skewed and future dates.
import * as assert from 'node:assert/strict';

import type { Commit, History } from '../../../../src/core/history';
import { isForwardMerge } from '../../../../src/core/metrics/classify';
import { english } from '../../../../src/core/text/translatable';
import { bugFixTurnaround } from '../../../../src/core/metrics/bugFixTurnaround';
import {
  REVIEW_SAMPLE,
  changeSize,
  fixShare,
  integrationFrequency,
  reviewCoverage,
  revertRate,
} from '../../../../src/core/metrics/landing';
import type { MetricDefinition, MetricSettings, MetricValue } from '../../../../src/core/metrics/types';
import { compileRegexes, glob } from '../../../../src/core/text/patterns';
import { windowEndingAt } from '../../../../src/core/time/window';
import { readHistory } from '../../helpers/history';
import { TempRepo, tempSpace, type Person } from '../../helpers/tempRepo';

// Wednesday of 2024-W26: 1w is W25 = [06-17, 06-24).
const NOW = new Date('2024-06-26T12:00:00Z');
const RENOVATE = { authorName: 'renovate[bot]', authorEmail: '29139614+renovate[bot]@users.noreply.github.com' };
const DEPENDABOT = { authorName: 'dependabot[bot]', authorEmail: '49699333+dependabot[bot]@users.noreply.github.com' };

function lines(n: number, tag: string): string {
  return Array.from({ length: n }, (_, i) => `${tag} ${i}\n`).join('');
}

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

describe('core/metrics landing', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  const h: Record<string, string> = {};

  function run(metric: MetricDefinition, window = '1w', now = NOW, settings?: MetricSettings): MetricValue {
    return metric.compute({ history, window: windowEndingAt(now, window), ...(settings ? { settings } : {}) });
  }

  before(async () => {
    repo = space.repo();
    repo.write('null.txt', 'a\nb\n').write('lib/old-name.txt', lines(20, 'old')).write('package.json', '{}\n');
    h.init = repo.commit('Initial', '2024-06-01T00:00:00Z');
    repo.branch('feature/x');
    h.l0 = repo.write('a0.txt', '0\n').commit('fix: before the window', '2024-06-16T23:59:59Z');
    // 10 lines of code and 505 lines of lock files (left out by default).
    repo
      .write('parser.txt', lines(10, 'p'))
      .write('package-lock.json', lines(500, 'lock'))
      .write('web/package-lock.json', lines(5, 'lock'));
    h.l1 = repo.commit('Add parser', '2024-06-17T00:00:00Z');
    // A feature branch: 3 lines of docs (authored before the window), then 5 lines and a binary file.
    repo.checkout('feature/x');
    h.x1 = repo.write('docs/a.md', lines(3, 'doc')).commit('Parser docs', '2024-06-16T10:00:00Z');
    h.x2 = repo
      .write('x.txt', lines(5, 'x'))
      .writeBinary('icon.png', new Uint8Array([0, 1, 2, 0, 255, 0, 7]))
      .commit('Parser icon', '2024-06-18T08:00:00Z');
    repo.checkout('main');
    h.l2 = repo.merge('feature/x', '2024-06-18T12:00:00Z');
    h.l3 = repo.write('null.txt', 'a\nB\n').commit('fix: null check in parser', '2024-06-19T00:00:00Z');
    // `git revert` of L1: deletes 10 lines of code and the lock files.
    repo.git(['revert', '--no-edit', h.l1], {
      env: { GIT_AUTHOR_DATE: '2024-06-20T00:00:00Z', GIT_COMMITTER_DATE: '2024-06-20T00:00:00Z' },
    });
    h.l4 = repo.head();
    h.l5 = repo.rename('lib/old-name.txt', 'lib/new-name.txt').commit('Rename lib file', '2024-06-21T00:00:00Z');
    repo.branch('hotfix/login').checkout('hotfix/login');
    h.f1 = repo.write('login.txt', 'l\n').commit('Login tweak', '2024-06-21T06:00:00Z');
    repo.checkout('main');
    h.l5b = repo.merge('hotfix/login', '2024-06-21T12:00:00Z');
    h.l6 = repo.write('a6.txt', lines(4, 'a6')).commit('Tune parser\n\nReviewed-by: Rita <rita@example.com>', '2024-06-22T00:00:00Z');
    repo.tag('v1.0.0', '2024-06-22T01:00:00Z', 'Release 1.0.0');
    h.l7 = repo.write('a7.txt', lines(6, 'a7')).commit('Pair on parser\n\nCo-authored-by: Carl <carl@example.com>', '2024-06-22T12:00:00Z');
    repo.tag('nightly', '2024-06-22T13:00:00Z');
    h.l7b = repo.write('a7b.txt', '1\n').commit('Self review\n\nReviewed-by: Test Author <AUTHOR@example.com>', '2024-06-22T18:00:00Z');
    h.l7c = repo
      .write('a7c.txt', '1\n')
      .commit(
        'Bot pairing\n\nCo-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
        '2024-06-23T06:00:00Z',
      );
    h.l8 = repo.write('package.json', '{ "a": 1 }\n').commit('chore(deps): update a, fixes #1', '2024-06-23T12:00:00Z', RENOVATE);
    repo.branch('deps').checkout('deps');
    h.dep = repo.write('package.json', '{ "a": 2 }\n').commit('Bump a', '2024-06-23T13:00:00Z', DEPENDABOT);
    repo.checkout('main');
    h.l9 = repo.merge('deps', '2024-06-23T18:00:00Z'); // a person merges, but it brings only a bot's work
    // Authored long before, landed in W25 (a cherry-pick): the committer date decides.
    h.l10 = repo
      .write('a10.txt', lines(3, 'a10'))
      .commit('Backport lexer', '', { author: '2024-06-10T00:00:00Z', committer: '2024-06-19T06:00:00Z' });
    // Authored in W25, landed in W26.
    h.l11 = repo.write('a11.txt', '1\n').commit('Late landing', '', { author: '2024-06-20T00:00:00Z', committer: '2024-06-24T06:00:00Z' });
    h.l12 = repo.write('a12.txt', '1\n').commit('fix: from the future', '2024-07-15T00:00:00Z');
    history = await readHistory(repo.dir);
  });

  const inW25 = (): string[] => [h.l1!, h.l2!, h.l3!, h.l4!, h.l5!, h.l5b!, h.l6!, h.l7!, h.l7b!, h.l7c!, h.l10!];

  it('reads the tags, which change no landing', () => {
    assert.deepEqual(sorted((history.tags ?? []).map((t) => t.name)), ['nightly', 'v1.0.0']);
    assert.equal(history.commits.length, Number(repo.git(['rev-list', '--count', 'HEAD']).trim()));
  });

  describe('integrationFrequency', () => {
    it('counts first-parent landings by people committed in the window, per week', () => {
      const r = run(integrationFrequency);
      assert.deepEqual(sorted(r.commits), sorted(inW25()));
      assert.equal(r.value, 11);
      assert.deepEqual(r.details, { changes: 11 });
    });

    it('leaves out bot landings: a bot commit on the main line, and a merge that brings only bot commits', () => {
      const r = run(integrationFrequency);
      for (const k of ['l8', 'l9', 'dep', 'x1', 'x2', 'f1']) assert.ok(!r.commits.includes(h[k]!), k);
    });

    it('pins the week edges and divides by weeks', () => {
      const two = run(integrationFrequency, '2w'); // adds L0 at the last second of W24
      assert.equal(two.sampleSize, 12);
      assert.equal(two.value, 6);
      const w26 = run(integrationFrequency, '1w', new Date('2024-07-01T00:00:00Z'));
      assert.deepEqual(w26.commits, [h.l11!]);
      const w29 = run(integrationFrequency, '1w', new Date('2024-07-22T00:00:00Z'));
      assert.deepEqual(w29.commits, [h.l12!]);
      // A future-dated landing is outside every window that ends at now.
      assert.ok(!run(integrationFrequency, '9999d', NOW).commits.includes(h.l12!));
    });

    it('is 0 with landings elsewhere, null for an empty history', () => {
      assert.deepEqual(run(integrationFrequency, '1w', new Date('2020-01-01T00:00:00Z')), {
        value: 0,
        sampleSize: 0,
        commits: [],
        details: { changes: 0 },
      });
      const empty: History = { commits: [], head: null, shallow: false, commands: [] };
      assert.equal(integrationFrequency.compute({ history: empty, window: windowEndingAt(NOW, '1w') }).value, null);
    });
  });

  describe('changeSize', () => {
    it('is the median and p75 of added + deleted lines per landing, lock files and binaries counting 0', () => {
      // L1 10, L2 3 + 5 (+ binary 0), L3 2, L4 10 (the revert), L5 0 (a pure rename), L5b 1,
      // L6 4, L7 6, L7b 1, L7c 1, L10 3.
      const r = run(changeSize);
      assert.equal(r.value, 3);
      assert.deepEqual(r.details, { p75: 7, changes: 11 }); // 0 1 1 1 2 3 4 6 8 10 10
      assert.deepEqual(sorted(r.commits), sorted(inW25()));
    });

    it('reads renames as 0 lines and binary files as null in the history', () => {
      const l5 = history.commits.find((c) => c.hash === h.l5);
      assert.deepEqual(l5?.files, [{ path: 'lib/new-name.txt', oldPath: 'lib/old-name.txt', added: 0, deleted: 0 }]);
      const x2 = history.commits.find((c) => c.hash === h.x2);
      assert.deepEqual(
        x2?.files?.find((f) => f.path === 'icon.png'),
        { path: 'icon.png', added: null, deleted: null },
      );
    });

    it('custom excludePaths replace the defaults', () => {
      // Around L1 only: (06-16 00:00, 06-17 00:00] holds L0 (1 line) and L1.
      const at = new Date('2024-06-17T00:00:00Z');
      assert.deepEqual(run(changeSize, '1d', at), {
        value: 5.5,
        sampleSize: 2,
        commits: [h.l1!, h.l0!],
        details: { p75: 7.8, changes: 2 },
      });
      const none = run(changeSize, '1d', at, { excludePaths: [] });
      assert.equal(none.value, 258); // L1 = 10 + 500 + 5
      const docs = run(changeSize, '1w', NOW, { excludePaths: ['docs/**', '**/package-lock.json'].map((g) => glob(g)) });
      assert.deepEqual(docs.details, { p75: 5.5, changes: 11 }); // L2 drops to 5: 0 1 1 1 2 3 4 5 6 10 10
      // (06-19 00:00, 06-20 00:00]: L3 sits at the open start; L10 (3 lines) and the revert L4.
      const day = new Date('2024-06-20T00:00:00Z');
      assert.deepEqual(sorted(run(changeSize, '1d', day).commits), sorted([h.l10!, h.l4!]));
      assert.equal(run(changeSize, '1d', day).value, 6.5);
      assert.equal(run(changeSize, '1d', day, { excludePaths: ['*.png'].map((g) => glob(g)) }).value, 259); // the revert's lock files count
    });

    it('is null without landings', () => {
      assert.deepEqual(run(changeSize, '1w', new Date('2020-01-01T00:00:00Z')), {
        value: null,
        sampleSize: 0,
        commits: [],
        details: { p75: null, changes: 0 },
      });
    });
  });

  describe('fixShare and revertRate', () => {
    it('fixShare: landings with a fix or revert, or merging a fix branch, in percent', () => {
      const r = run(fixShare);
      assert.deepEqual(sorted(r.commits), sorted([h.l3!, h.l4!, h.l5b!]));
      assert.equal(r.value, 27.3);
      assert.deepEqual(r.details, { matching: 3, changes: 11 });
    });

    it('fixShare with custom patterns (reverts and fix branches still count)', () => {
      const r = run(fixShare, '1w', NOW, { fixPatterns: compileRegexes(['^(Tune|Pair)']) });
      assert.deepEqual(sorted(r.commits), sorted([h.l4!, h.l5b!, h.l6!, h.l7!]));
      assert.equal(r.value, 36.4);
    });

    it('revertRate: landings that bring a revert', () => {
      const r = run(revertRate);
      assert.deepEqual(r.commits, [h.l4!]);
      assert.equal(r.value, 9.1);
      assert.deepEqual(r.details, { matching: 1, changes: 11 });
    });

    it('a bot fix on the main line is no landing; the value is null without landings', () => {
      assert.ok(!run(fixShare).commits.includes(h.l8!));
      assert.equal(run(fixShare, '1w', new Date('2020-01-01T00:00:00Z')).value, null);
      assert.equal(run(revertRate, '1w', new Date('2020-01-01T00:00:00Z')).value, null);
      assert.equal(run(revertRate, '1w', new Date('2024-07-01T00:00:00Z')).value, 0); // W26: one landing, no revert
    });
  });

  describe('reviewCoverage', () => {
    it('counts a Reviewed-by naming another person; not a co-author, not merging one’s own branch', () => {
      const r = run(reviewCoverage);
      // l2 and l5b merge the author's own branches; l7 is a pair (Co-authored-by): no review.
      assert.deepEqual(r.commits, [h.l6!]);
      assert.equal(r.value, 9.1);
      assert.deepEqual(r.details, { matching: 1, changes: 11 });
    });

    it('does not count a trailer naming the author or a bot', () => {
      const r = run(reviewCoverage);
      assert.ok(!r.commits.includes(h.l7b!));
      assert.ok(!r.commits.includes(h.l7c!));
    });
  });
});

describe('core/metrics bugFixTurnaround with bots', () => {
  const space = tempSpace();
  const h: Record<string, string> = {};
  let history: History;

  before(async () => {
    const repo = space.repo();
    let n = 0;
    const on = (msg: string, date: string, who = {}): string => repo.write(`f${++n}.txt`, `${n}\n`).commit(msg, date, who);
    h.init = on('Initial', '2024-06-01T00:00:00Z');
    h.botMention = on('Bump lodash, see #9', '2024-06-17T00:00:00Z', DEPENDABOT); // a bot's mention starts no clock
    h.mention9 = on('Investigate #9', '2024-06-18T00:00:00Z');
    h.botClose8 = on('Bump x, fixes #8', '2024-06-18T06:00:00Z', RENOVATE); // a bot landing closes nothing
    h.close9 = on('Fix parser, fixes #9', '2024-06-19T00:00:00Z'); // 24 h
    h.close8 = on('Also fixes #8', '2024-06-20T00:00:00Z'); // first mention by a person is its own landing: untimed
    repo.branch('deps').checkout('deps');
    h.prep = on('Prepare upgrade', '2024-06-20T06:00:00Z');
    h.botClose11 = on('Bump y, fixes #11', '2024-06-20T12:00:00Z', DEPENDABOT);
    repo.checkout('main');
    h.merge11 = repo.merge('deps', '2024-06-21T12:00:00Z'); // brought by people and a bot: 24 h from the bot's commit
    repo.branch('fix/deps').checkout('fix/deps');
    h.botFix = on('Bump z', '2024-06-21T00:00:00Z', DEPENDABOT);
    repo.checkout('main');
    h.botMerge = repo.merge('fix/deps', '2024-06-22T00:00:00Z'); // a fix branch of bot commits only: a bot landing
    history = await readHistory(repo.dir);
  });

  it('ignores bot mentions and bot landings, and times an issue a bot closed inside a people landing', () => {
    const r = bugFixTurnaround.compute({ history, window: windowEndingAt(NOW, '1w') });
    assert.equal(r.value, 24);
    assert.deepEqual(r.details, { p75: 24, fixes: 2, untimed: 1 }); // #9 24 h, #11 24 h; #8 has no start
    assert.deepEqual(sorted(r.commits), sorted([h.mention9!, h.close9!, h.botClose11!, h.merge11!]));
  });
});

describe('core/metrics landing: evidence of review, and forward merges', () => {
  const space = tempSpace();

  it("counts Acked-by and Tested-by, a merge of someone else's work (also on GitHub), and leaves forward merges out", async () => {
    const repo = space.repo();
    const ana = { authorName: 'Ana', authorEmail: 'ana@example.com' };
    const bob = { authorName: 'Bob', authorEmail: 'bob@example.com' };
    const github = { authorName: 'GitHub', authorEmail: 'noreply@github.com' };
    const merge = (branch: string, subject: string, author: Person, committer: Person, date: string): string =>
      repo.mergeAs(branch, subject, author, committer, date);
    const h: Record<string, string> = {};
    repo.write('a.txt', 'a\n').commit('Start', '2024-06-10T09:00:00Z', ana);
    h.acked = repo.write('b.txt', 'b\n').commit('Tidy b\n\nAcked-by: Bob <bob@example.com>', '2024-06-17T09:00:00Z', ana);
    h.tested = repo.write('c.txt', 'c\n').commit('Tidy c\n\nTested-by: Bob <bob@example.com>', '2024-06-17T10:00:00Z', ana);
    // Bob merges Ana's branch locally: he is the committer, she wrote the work.
    repo.branch('ana/topic').checkout('ana/topic');
    repo.write('d.txt', 'd\n').commit('Topic work', '2024-06-18T09:00:00Z', ana);
    repo.checkout('main');
    h.bobMerges = merge('ana/topic', "Merge branch 'ana/topic'", bob, bob, '2024-06-18T12:00:00Z');
    // Ana merges her own branch on GitHub: GitHub commits it, she is its author. No review.
    repo.branch('ana/own').checkout('ana/own');
    repo.write('e.txt', 'e\n').commit('Own work', '2024-06-19T09:00:00Z', ana);
    repo.checkout('main');
    h.ownWeb = merge('ana/own', 'Merge pull request #7 from org/ana/own', ana, github, '2024-06-19T12:00:00Z');
    // Bob merges Ana's pull request on GitHub: a review.
    repo.branch('ana/pr').checkout('ana/pr');
    repo.write('f.txt', 'f\n').commit('PR work', '2024-06-20T09:00:00Z', ana);
    repo.checkout('main');
    h.bobWeb = merge('ana/pr', 'Merge pull request #8 from org/ana/pr', bob, github, '2024-06-20T12:00:00Z');
    // A forward merge of 'stable' (a fix made there), by Bob: not a landing of new work.
    repo.branch('stable', 'HEAD~3').checkout('stable');
    repo.write('g.txt', 'g\n').commit('Fix on stable', '2024-06-21T09:00:00Z', ana);
    repo.checkout('main');
    h.forward = merge('stable', "Merge branch 'stable'", bob, bob, '2024-06-21T12:00:00Z');
    h.pair = repo.write('h.txt', 'h\n').commit('Pair\n\nCo-authored-by: Bob <bob@example.com>', '2024-06-22T09:00:00Z', ana);
    const history = await readHistory(repo.dir);
    const w = { history, window: windowEndingAt(NOW, '1w') };
    const landed = integrationFrequency.compute(w);
    assert.ok(!landed.commits.includes(h.forward!), 'a forward merge is not a landing');
    assert.equal(landed.sampleSize, 6);
    const r = reviewCoverage.compute(w);
    assert.deepEqual(sorted(r.commits), sorted([h.acked!, h.tested!, h.bobMerges!, h.bobWeb!]));
    assert.deepEqual(r.details, { matching: 4, changes: 6 });
    assert.equal(isForwardMerge(history.commits.find((c) => c.hash === h.forward)!), true);
  });

  it('recognises forward merges by their subject, and not pulls or topic branches', () => {
    const merge = (subject: string): Commit =>
      ({
        hash: 'x',
        parents: ['a', 'b'],
        message: subject,
        authorName: '',
        authorEmail: '',
        committerName: '',
        committerEmail: '',
        authorTime: 0,
        commitTime: 0,
      }) as Commit;
    for (const s of [
      "Merge branch 'stable'",
      "Merge branch 'maint' into master",
      "Merge remote-tracking branch 'origin/main'",
      "Merge branch 'release/2.1'",
      "Merge branch 'next'",
    ]) {
      assert.equal(isForwardMerge(merge(s)), true, s);
    }
    for (const s of [
      "Merge branch 'jc/topic'",
      "Merge branch 'main' of github.com:org/repo",
      'Merge pull request #3 from org/stable-fix',
      "Merge branch 'stable-docs'",
    ]) {
      assert.equal(isForwardMerge(merge(s)), false, s);
    }
  });

  it('has no value, and says why, on a history with no evidence of review at all', async () => {
    const repo = space.repo();
    repo.write('a.txt', 'a\n').commit('One (#1)', '2024-06-17T09:00:00Z');
    repo.write('b.txt', 'b\n').commit('Two (#2)', '2024-06-18T09:00:00Z');
    const r = reviewCoverage.compute({ history: await readHistory(repo.dir), window: windowEndingAt(NOW, '1w') });
    assert.equal(r.value, null);
    assert.equal(r.sampleSize, 2);
    assert.match(r.why ? english(r.why) : '', /^None of the last 2 landings records a review/);
  });

  it('has no value after a switch to squash merges, and 0% while recent landings show review happens in git', async () => {
    const ana = { authorName: 'Ana', authorEmail: 'ana@example.com' };
    const bob = { authorName: 'Bob', authorEmail: 'bob@example.com' };
    const repo = space.repo();
    repo.emptyCommit('Start', '2023-01-02T09:00:00Z');
    repo.branch('topic').checkout('topic');
    repo.commit('Topic work', '2023-01-03T09:00:00Z', { ...ana, allowEmpty: true });
    repo.checkout('main');
    repo.mergeAs('topic', 'Merge topic', bob, bob, '2023-01-04T09:00:00Z'); // reviewed: Bob merged Ana's work
    const t0 = Date.parse('2023-02-01T09:00:00Z');
    for (let i = 0; i < REVIEW_SAMPLE + 30; i++) repo.emptyCommit(`Squashed ${i} (#${i})`, new Date(t0 + i * 36e5 * 12).toISOString());
    const h = await readHistory(repo.dir);
    const end = new Date(t0 + (REVIEW_SAMPLE + 30) * 36e5 * 12);
    const r = reviewCoverage.compute({ history: h, window: windowEndingAt(end, '1w') });
    assert.equal(r.value, null, 'the old reviewed merge is beyond the last 200 landings');
    assert.match(english(r.why!), /^None of the last 200 landings records a review/);
    // Shortly after the merge, the same squash commits are 0%: review did happen in git lately.
    const early = reviewCoverage.compute({ history: h, window: windowEndingAt(new Date(t0 + 20 * 36e5 * 12), '1w') });
    assert.equal(early.value, 0);
    assert.equal(early.why, undefined);
  });
});
