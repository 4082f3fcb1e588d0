// commitFrequency and bugFixTurnaround on real repositories with a fixed `now`.
import * as assert from 'node:assert/strict';
import type { History } from '../../../src/core/history';
import { landings } from '../../../src/core/history';
import { bugFixTurnaround, closedIssues, fixBranchOf, mentionedIssues } from '../../../src/core/metrics/bugFixTurnaround';
import { commitFrequency } from '../../../src/core/metrics/commitFrequency';
import type { MetricValue } from '../../../src/core/metrics/types';
import { windowEndingAt } from '../../../src/core/window';
import { readHistory } from '../../../src/git/history';
import { GitRunner } from '../../../src/git/runner';
import { TempRepo, tempSpace } from '../helpers/tempRepo';

const NOW = new Date('2024-06-30T00:00:00Z');

function frequency(history: History, window: string, now = NOW): MetricValue {
  return commitFrequency.compute({ history, window: windowEndingAt(now, window) });
}

function turnaround(history: History, window: string, now = NOW): MetricValue {
  return bugFixTurnaround.compute({ history, window: windowEndingAt(now, window) });
}

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

describe('core/metrics commitFrequency', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  const h: Record<string, string> = {};

  before(async () => {
    repo = space.repo();
    h.old = repo.write('a.txt', '0\n').commit('Old work', '2024-05-01T00:00:00Z');
    h.atStart = repo.write('a.txt', '1\n').commit('Exactly at the 7d window start', '2024-06-23T00:00:00Z');
    h.afterStart = repo.write('a.txt', '2\n').commit('One second after the start', '2024-06-23T00:00:01Z');
    // Authored before the 7d window, committed inside it: the author date decides.
    h.authoredEarly = repo.write('a.txt', '3\n').commit('Authored early', '', { author: '2024-06-20T00:00:00Z', committer: '2024-06-25T00:00:00Z' });
    repo.branch('feature').checkout('feature');
    h.feature = repo.write('f.txt', 'f\n').commit('Feature work', '2024-06-24T00:00:00Z');
    repo.checkout('main');
    h.merge = repo.merge('feature', '2024-06-26T00:00:00Z');
    // Authored inside the window, committed after now: still counted by author date.
    h.committedLate = repo.write('a.txt', '4\n').commit('Committed late', '', { author: '2024-06-27T00:00:00Z', committer: '2024-07-02T00:00:00Z' });
    h.atNow = repo.write('a.txt', '5\n').commit('Exactly at now', '2024-06-30T00:00:00Z');
    h.future = repo.write('a.txt', '6\n').commit('One second after now', '2024-06-30T00:00:01Z');
    history = await readHistory(new GitRunner(repo.dir));
  });

  it('counts non-merge commits with author date in (now - 7d, now], per week', () => {
    const r = frequency(history, '7d');
    assert.deepEqual(sorted(r.commits), sorted([h.afterStart!, h.feature!, h.committedLate!, h.atNow!]));
    assert.equal(r.sampleSize, 4);
    assert.equal(r.value, 4);
    assert.deepEqual(r.details, { commits: 4 });
  });

  it('divides by the window length in weeks', () => {
    // (2024-06-16, 2024-06-30]: adds "Exactly at the 7d window start" and "Authored early".
    const r = frequency(history, '2w');
    assert.equal(r.sampleSize, 6);
    assert.equal(r.value, 3);
    const days = frequency(history, '10d'); // (06-20T00:00, 06-30]: 06-20 itself is out
    assert.equal(days.sampleSize, 5);
    assert.equal(days.value, 3.5);
    const three = frequency(history, '3d'); // (06-27T00:00, 06-30]: only "Exactly at now"
    assert.equal(three.sampleSize, 1);
    assert.equal(three.value, 2.33);
  });

  it('matches git rev-list --count --no-merges when the window covers all history', () => {
    const expected = Number(repo.git(['rev-list', '--count', '--no-merges', 'HEAD']).trim());
    const r = frequency(history, '9999d', new Date('2024-07-01T00:00:00Z'));
    assert.equal(r.sampleSize, expected);
    assert.equal(expected, 8);
    assert.ok(!r.commits.includes(h.merge!));
  });

  it('gives 0 for a window without commits, and null for an empty history', () => {
    const r = frequency(history, '7d', new Date('2020-01-01T00:00:00Z'));
    assert.equal(r.value, 0);
    assert.equal(r.sampleSize, 0);
    const empty: History = { commits: [], head: null, shallow: false, commands: [] };
    assert.deepEqual(frequency(empty, '4w'), { value: null, sampleSize: 0, commits: [] });
  });
});

describe('core/metrics bugFixTurnaround', () => {
  const space = tempSpace();

  describe('issue references and fix branches', () => {
    let repo: TempRepo;
    let history: History;
    const h: Record<string, string> = {};

    before(async () => {
      repo = space.repo();
      const on = (msg: string, date: string, opts = {}): string => repo.write('main.txt', `${msg}\n`).commit(msg, date, opts);
      h.initial = on('Initial commit', '2024-05-01T00:00:00Z');
      h.mention5 = on('Report: crash when saving (#5)', '2024-05-01T12:00:00Z');
      h.close5 = on('Fix save crash, fixes #5', '2024-05-20T00:00:00Z'); // lands before the window
      h.close50 = on('Fix #50 in one go', '2024-06-02T00:00:00Z'); // lands exactly at the 4w window start
      h.mention12 = on('Investigate crash, see #12', '2024-06-10T00:00:00Z');
      h.close12 = on('Fix crash\n\nFixes #12', '2024-06-11T12:00:00Z'); // 36 h
      // The closing commit is on a branch: it lands at the merge's committer date.
      repo.branch('feature/login').checkout('feature/login');
      h.b1 = repo.write('login.txt', '1\n').commit('Start login work for #20', '2024-06-12T00:00:00Z');
      h.b2 = repo.write('login.txt', '2\n').commit('Login: closes #20', '2024-06-13T00:00:00Z');
      repo.checkout('main');
      on('Unrelated main work', '2024-06-12T12:00:00Z');
      h.merge20 = repo.merge('feature/login', '', undefined, { author: '2024-06-13T01:00:00Z', committer: '2024-06-14T06:00:00Z' }); // 54 h
      // A fix branch without issue references: first branch commit to merge.
      repo.branch('fix/typo').checkout('fix/typo');
      h.f1 = repo.write('README', 'a\n').commit('Typo in README', '2024-06-15T00:00:00Z');
      h.f2 = repo.write('README', 'b\n').commit('Another typo', '2024-06-15T10:00:00Z');
      repo.checkout('main');
      h.mergeTypo = repo.merge('fix/typo', '2024-06-16T00:00:00Z'); // 24 h
      // A fix branch whose commit also closes an issue: counted once, as the issue.
      repo.branch('fix/crash-30').checkout('fix/crash-30');
      h.d1 = repo.write('crash.txt', 'x\n').commit('Resolve #30: null check', '2024-06-17T00:00:00Z');
      repo.checkout('main');
      h.merge30 = repo.merge('fix/crash-30', '2024-06-17T08:00:00Z'); // 8 h
      // Authored after it was committed: a negative duration, dropped.
      h.close40 = on('fix #40', '', { author: '2024-06-25T00:00:00Z', committer: '2024-06-20T00:00:00Z' });
      // Closing an issue that already landed before does not count again.
      h.reclose5 = on('Follow-up, fixes #5 again', '2024-06-26T00:00:00Z');
      // A fix branch that lands exactly at now.
      repo.branch('hotfix/edge').checkout('hotfix/edge');
      h.e1 = repo.write('edge.txt', 'x\n').commit('Edge case', '2024-06-29T00:00:00Z');
      repo.checkout('main');
      h.mergeEdge = repo.merge('hotfix/edge', '2024-06-30T00:00:00Z'); // 24 h
      // Lands after now: outside the window.
      h.close60 = on('Closes #60', '2024-07-05T00:00:00Z');
      history = await readHistory(new GitRunner(repo.dir));
    });

    it('gives the median and p75 of the landings inside (now - 4w, now]', () => {
      // Durations: #12 36 h, #20 54 h, fix/typo 24 h, #30 8 h, hotfix/edge 24 h.
      const r = turnaround(history, '4w');
      assert.equal(r.value, 24);
      assert.equal(r.sampleSize, 5);
      assert.deepEqual(r.details, { p75: 36, fixes: 5 });
    });

    it('lists the commits it counted: first mention, closing commit and landing', () => {
      const r = turnaround(history, '4w');
      assert.deepEqual(
        sorted(r.commits),
        sorted([h.mention12!, h.close12!, h.b1!, h.b2!, h.merge20!, h.f1!, h.f2!, h.mergeTypo!, h.d1!, h.merge30!, h.e1!, h.mergeEdge!]),
      );
    });

    it('includes a landing exactly at the window start only when the window is longer', () => {
      // 5w: (2024-05-26, 2024-06-30] adds #50 with 0 h.
      const r = turnaround(history, '5w');
      assert.equal(r.sampleSize, 6);
      assert.equal(r.value, 24);
      assert.deepEqual(r.details, { p75: 33, fixes: 6 }); // sorted 0, 8, 24, 24, 36, 54
      assert.ok(r.commits.includes(h.close50!));
    });

    it('counts an issue at its first landing only', () => {
      // 9w: (2024-04-28, 2024-06-30] adds #5 (first mention 05-01T12:00, landed 05-20): 444 h.
      const r = turnaround(history, '9w');
      assert.equal(r.sampleSize, 7);
      assert.ok(r.commits.includes(h.close5!));
      assert.ok(!r.commits.includes(h.reclose5!));
      assert.deepEqual(r.details, { p75: 45, fixes: 7 });
    });

    it('drops negative durations and ignores landings after now', () => {
      const r = turnaround(history, '4w');
      assert.ok(!r.commits.includes(h.close40!));
      assert.ok(!r.commits.includes(h.close60!));
      const later = turnaround(history, '4w', new Date('2024-07-05T00:00:00Z'));
      assert.ok(later.commits.includes(h.close60!)); // 0 h, same commit
    });

    it('gives null with no fixes in the window', () => {
      assert.deepEqual(turnaround(history, '1d', new Date('2024-06-05T00:00:00Z')), { value: null, sampleSize: 0, commits: [], details: { p75: null, fixes: 0 } });
    });
  });

  it('credits each commit to the merge that first brought it onto the main line (stacked branches)', async () => {
    const repo = space.repo();
    repo.write('m.txt', '0\n').commit('Initial', '2024-06-01T00:00:00Z');
    repo.branch('fix/a').checkout('fix/a');
    const a1 = repo.write('a.txt', '1\n').commit('Null check, fixes #70', '2024-06-10T00:00:00Z');
    repo.checkout('main');
    const m1 = repo.merge('fix/a', '2024-06-11T00:00:00Z'); // #70: 24 h
    repo.branch('fix/b', 'fix/a').checkout('fix/b');
    const b1 = repo.write('b.txt', '1\n').commit('Follow-up typo', '2024-06-12T00:00:00Z');
    repo.checkout('main');
    const m2 = repo.merge('fix/b', '2024-06-14T00:00:00Z'); // fix/b: 48 h
    const history = await readHistory(new GitRunner(repo.dir));
    const byLanding = new Map(landings(history).map((l) => [l.commit.hash, l.brought.map((c) => c.hash)]));
    assert.deepEqual(byLanding.get(m1), [m1, a1]);
    assert.deepEqual(byLanding.get(m2), [m2, b1]);
    const r = turnaround(history, '4w');
    assert.equal(r.sampleSize, 2);
    assert.equal(r.value, 36);
    assert.deepEqual(r.details, { p75: 42, fixes: 2 });
  });

  it('credits a branch merged twice to each merge for its own new commits', async () => {
    const repo = space.repo();
    repo.write('m.txt', '0\n').commit('Initial', '2024-06-01T00:00:00Z');
    repo.branch('fix/long').checkout('fix/long');
    const x1 = repo.write('x.txt', '1\n').commit('Part one', '2024-06-02T00:00:00Z');
    repo.checkout('main');
    const m1 = repo.merge('fix/long', '2024-06-03T00:00:00Z'); // 24 h
    repo.checkout('fix/long');
    const x2 = repo.write('x.txt', '2\n').commit('Part two', '2024-06-10T00:00:00Z');
    repo.checkout('main');
    const m2 = repo.merge('fix/long', '2024-06-10T12:00:00Z'); // 12 h
    const history = await readHistory(new GitRunner(repo.dir));
    const byLanding = new Map(landings(history).map((l) => [l.commit.hash, l.brought.map((c) => c.hash)]));
    assert.deepEqual(byLanding.get(m1), [m1, x1]);
    assert.deepEqual(byLanding.get(m2), [m2, x2]);
    const r = turnaround(history, '4w');
    assert.equal(r.value, 18);
    assert.equal(r.sampleSize, 2);
  });

  describe('message and branch patterns', () => {
    it('finds closing keywords', () => {
      assert.deepEqual(closedIssues('Fixes #1, closes #2\nResolved: #3 fix #4 fixed#5 CLOSE #6'), ['1', '2', '3', '4', '5', '6']);
      assert.deepEqual(closedIssues('prefix #1 fixup #2 refs #3 #4 fixes 5 fixes #'), []);
    });

    it('finds mentions but not PR-style or URL fragments', () => {
      assert.deepEqual(mentionedIssues('See #12 and (#13); fixes #14'), ['12', '13', '14']);
      assert.deepEqual(mentionedIssues('PR#1 a/#2 &#3; ##4 x#5'), []);
    });

    it('recognises fix branches from merge subjects only', () => {
      const merge = (message: string): Parameters<typeof fixBranchOf>[0] => ({
        hash: 'm',
        parents: ['a', 'b'],
        authorName: 'A',
        authorEmail: 'a@x',
        authorTime: 0,
        committerName: 'A',
        committerEmail: 'a@x',
        commitTime: 0,
        message,
        files: [],
      });
      assert.equal(fixBranchOf(merge("Merge branch 'fix/login'\n")), 'fix/login');
      assert.equal(fixBranchOf(merge("Merge branch 'hotfix-1' into main\n")), 'hotfix-1');
      assert.equal(fixBranchOf(merge("Merge remote-tracking branch 'origin/bugfix_2'\n")), 'bugfix_2');
      assert.equal(fixBranchOf(merge('Merge pull request #9 from someone/fix/crash\n')), 'fix/crash');
      assert.equal(fixBranchOf(merge("Merge branch 'feature/fix-later'\n")), undefined);
      assert.equal(fixBranchOf(merge("Merge branch 'fixture'\n")), undefined);
      assert.equal(fixBranchOf({ ...merge("Merge branch 'fix/x'\n"), parents: ['a'] }), undefined);
    });
  });
});
