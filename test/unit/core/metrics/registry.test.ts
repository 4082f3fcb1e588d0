// commitFrequency and bugFixTurnaround on real repositories with a fixed `now`.
import * as assert from 'node:assert/strict';
import type { History } from '../../../../src/core/history';
import { landings } from '../../../../src/core/history';
import { bugFixTurnaround, closedIssues, fixBranchOf, mentionedIssues } from '../../../../src/core/metrics/bugFixTurnaround';
import { commitFrequency } from '../../../../src/core/metrics/commitFrequency';
import type { MetricValue } from '../../../../src/core/metrics/types';
import { windowEndingAt } from '../../../../src/core/time/window';
import { english } from '../../../../src/core/text/translatable';
import { main } from '../../../../src/cli/main';
import { readHistory } from '../../helpers/history';
import { TempRepo, tempSpace } from '../../helpers/tempRepo';

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

  // NOW is Sunday 2024-06-30, in 2024-W26 [06-24, 07-01). 1w is then W25 [06-17, 06-24).
  before(async () => {
    repo = space.repo();
    h.old = repo.write('a.txt', '0\n').commit('Old work', '2024-05-01T00:00:00Z');
    h.beforeWeek = repo.write('a.txt', '1\n').commit('Last second of W24', '2024-06-16T23:59:59Z');
    h.weekStart = repo.write('a.txt', '2\n').commit('First second of W25', '2024-06-17T00:00:00Z');
    // Authored in W25, committed in W26: the author date decides.
    h.authoredEarly = repo
      .write('a.txt', '3\n')
      .commit('Authored early', '', { author: '2024-06-20T00:00:00Z', committer: '2024-06-25T00:00:00Z' });
    h.atStart = repo.write('a.txt', '4\n').commit('Exactly at now - 7d', '2024-06-23T00:00:00Z');
    h.weekEnd = repo.write('a.txt', '5\n').commit('Last second of W25', '2024-06-23T23:59:59Z');
    repo.branch('feature').checkout('feature');
    h.feature = repo.write('f.txt', 'f\n').commit('First second of W26, on a branch', '2024-06-24T00:00:00Z');
    repo.checkout('main');
    h.merge = repo.merge('feature', '2024-06-26T00:00:00Z');
    // Authored in W26, committed after now: still counted by author date.
    h.committedLate = repo
      .write('a.txt', '6\n')
      .commit('Committed late', '', { author: '2024-06-27T00:00:00Z', committer: '2024-07-02T00:00:00Z' });
    h.atNow = repo.write('a.txt', '7\n').commit('Exactly at now', '2024-06-30T00:00:00Z');
    h.future = repo.write('a.txt', '8\n').commit('One second after now', '2024-06-30T00:00:01Z');
    history = await readHistory(repo.dir);
  });

  it('1w counts non-merge commits authored in the last complete ISO week, per week', () => {
    const r = frequency(history, '1w');
    assert.deepEqual(sorted(r.commits), sorted([h.weekStart!, h.authoredEarly!, h.atStart!, h.weekEnd!]));
    assert.equal(r.sampleSize, 4);
    assert.equal(r.value, 4);
    assert.deepEqual(r.details, { commits: 4 });
  });

  it('pins the week edges: Monday 00:00 opens a week, the week of now is never counted', () => {
    // now exactly Monday 00:00 of W26: the window is still W25.
    assert.deepEqual(sorted(frequency(history, '1w', new Date('2024-06-24T00:00:00Z')).commits), sorted(frequency(history, '1w').commits));
    // One millisecond earlier, now is in W25 and the window is W24.
    const w24 = frequency(history, '1w', new Date('2024-06-23T23:59:59.999Z'));
    assert.deepEqual(w24.commits, [h.beforeWeek!]);
    assert.equal(w24.value, 1);
    // From Monday of W27, W26 is complete: the branch commit at its first second, the late
    // commit, the one at 06-30 00:00 and the one a second later; never the merge.
    const w26 = frequency(history, '1w', new Date('2024-07-01T00:00:00Z'));
    assert.deepEqual(sorted(w26.commits), sorted([h.feature!, h.committedLate!, h.atNow!, h.future!]));
    assert.deepEqual(frequency(history, '1w', new Date('2024-07-03T12:00:00Z')), w26);
  });

  it('divides by the window length in weeks', () => {
    const two = frequency(history, '2w'); // W24 and W25
    assert.equal(two.sampleSize, 5);
    assert.equal(two.value, 2.5);
    const seven = frequency(history, '7d'); // (06-23 00:00, 06-30 00:00]
    assert.deepEqual(sorted(seven.commits), sorted([h.weekEnd!, h.feature!, h.committedLate!, h.atNow!]));
    assert.equal(seven.value, 4);
    const ten = frequency(history, '10d'); // (06-20 00:00, 06-30 00:00]: "Authored early" is at the open start
    assert.equal(ten.sampleSize, 5);
    assert.equal(ten.value, 3.5);
    const three = frequency(history, '3d'); // (06-27 00:00, 06-30 00:00]: "Committed late" is at the open start
    assert.deepEqual(three.commits, [h.atNow!]);
    assert.equal(three.value, 2.33);
  });

  it('matches git rev-list --count --no-merges when the window covers all history', () => {
    const expected = Number(repo.git(['rev-list', '--count', '--no-merges', 'HEAD']).trim());
    const r = frequency(history, '9999d', new Date('2024-07-01T00:00:00Z'));
    assert.equal(r.sampleSize, expected);
    assert.equal(expected, 10);
    assert.ok(!r.commits.includes(h.merge!));
  });

  it('gives 0 for a window without commits, and null for an empty history', () => {
    const r = frequency(history, '1w', new Date('2020-01-01T00:00:00Z'));
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
    // Wednesday of 2024-W27: 4w is W23..W26 = [06-03, 07-01), 3w is [06-10, 07-01).
    const MID = new Date('2024-07-03T12:00:00Z');

    before(async () => {
      repo = space.repo();
      const on = (msg: string, date: string, opts = {}): string => repo.write('main.txt', `${msg}\n`).commit(msg, date, opts);
      h.initial = on('Initial commit', '2024-05-01T00:00:00Z');
      h.mention5 = on('Report: crash when saving (#5)', '2024-05-01T12:00:00Z');
      h.close5 = on('Fix save crash, fixes #5', '2024-05-20T00:00:00Z'); // lands before the window
      h.close50 = on('Fix #50 in one go', '2024-06-03T00:00:00Z'); // its own first mention: untimed (a squash merge)
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
      // Authored after it was committed, and its own first mention: untimed.
      h.close40 = on('fix #40', '', { author: '2024-06-25T00:00:00Z', committer: '2024-06-20T00:00:00Z' });
      // Closing an issue that already landed before does not count again.
      h.reclose5 = on('Follow-up, fixes #5 again', '2024-06-26T00:00:00Z');
      // A fix branch that lands at the last second of W26.
      repo.branch('hotfix/edge').checkout('hotfix/edge');
      h.e1 = repo.write('edge.txt', 'x\n').commit('Edge case', '2024-06-29T23:59:59Z');
      repo.checkout('main');
      h.mergeEdge = repo.merge('hotfix/edge', '2024-06-30T23:59:59Z'); // 24 h
      // Lands at the first second of W27: outside every Nw window while W27 is running.
      h.close60 = on('Closes #60', '2024-07-01T00:00:00Z');
      history = await readHistory(repo.dir);
    });

    it('gives the median and p75 of the landings inside the 4 complete weeks before now', () => {
      // Durations: #12 36 h, #20 54 h, fix/typo 24 h, #30 8 h, hotfix/edge 24 h. #50 and #40
      // are known only from the commit that closed them, which landed as it was: no start.
      const r = turnaround(history, '4w', MID);
      assert.equal(r.value, 24);
      assert.equal(r.sampleSize, 5);
      assert.deepEqual(r.details, { p75: 36, fixes: 5, untimed: 2 }); // sorted 8, 24, 24, 36, 54
      assert.equal(r.why, undefined);
    });

    it('lists the commits it counted: first mention, closing commit and landing', () => {
      const r = turnaround(history, '4w', MID);
      assert.deepEqual(
        sorted(r.commits),
        sorted([h.mention12!, h.close12!, h.b1!, h.b2!, h.merge20!, h.f1!, h.f2!, h.mergeTypo!, h.d1!, h.merge30!, h.e1!, h.mergeEdge!]),
      );
    });

    it('includes a landing at the first instant of the window, and not one a week later', () => {
      const three = turnaround(history, '3w', MID); // [06-10, 07-01): #50 (06-03) is out
      assert.equal(three.sampleSize, 5);
      assert.equal(three.value, 24);
      assert.deepEqual(three.details, { p75: 36, fixes: 5, untimed: 1 }); // #40 only
      assert.equal(turnaround(history, '4w', MID).details?.['untimed'], 2); // #50 at 06-03 and #40
    });

    it('counts an issue at its first landing only', () => {
      // 9w: [04-29, 07-01) adds #5 (first mention 05-01T12:00, landed 05-20): 444 h.
      const r = turnaround(history, '9w', MID);
      assert.equal(r.sampleSize, 6);
      assert.ok(r.commits.includes(h.close5!));
      assert.ok(!r.commits.includes(h.reclose5!));
      assert.deepEqual(r.details, { p75: 49.5, fixes: 6, untimed: 2 }); // sorted 8, 24, 24, 36, 54, 444
      assert.equal(r.value, 30);
    });

    it('drops negative durations; a landing at the last second of a week belongs to it', () => {
      const w26 = turnaround(history, '1w', MID); // [06-24, 07-01)
      assert.deepEqual(sorted(w26.commits), sorted([h.e1!, h.mergeEdge!]));
      assert.equal(w26.value, 24);
      const w25 = turnaround(history, '1w', new Date('2024-06-24T00:00:00Z')); // [06-17, 06-24): #30 and #40
      assert.equal(w25.sampleSize, 1);
      assert.ok(!w25.commits.includes(h.close40!));
      assert.equal(w25.value, 8);
    });

    it('ignores landings after now (Nd) and after the window (Nw)', () => {
      assert.ok(!turnaround(history, '4w', MID).commits.includes(h.close60!));
      const w27 = turnaround(history, '1w', new Date('2024-07-08T00:00:00Z')); // [07-01, 07-08)
      // Closed by its own first mention: not a 0 h turnaround but no value, and the reason.
      assert.deepEqual(w27.commits, []);
      assert.equal(w27.value, null);
      assert.equal(w27.details?.['untimed'], 1);
      assert.equal(
        w27.why && english(w27.why),
        'Fixes in the window: 1, each known only from the commit that closed its issue (squash merges), so there is no earlier work to time them from.',
      );
      // Rolling days: a landing one second after now is out, exactly at now is in.
      assert.equal(turnaround(history, '2d', new Date('2024-06-30T23:59:58Z')).sampleSize, 0);
      assert.equal(turnaround(history, '2d', new Date('2024-06-30T23:59:59Z')).value, 24);
    });

    it('says why it can never have a value on a history without issue references or fix branches', async () => {
      const plain = space.repo();
      plain.write('a.txt', 'a\n').commit('Add a', '2024-06-10T00:00:00Z');
      plain.write('a.txt', 'b\n').commit('Fix typo in a', '2024-06-11T00:00:00Z');
      const r = turnaround(await readHistory(plain.dir), '4w', MID);
      assert.equal(r.value, null);
      assert.equal(
        r.why && english(r.why),
        'No commit in the history closes an issue ("fixes #N") or merges a fix branch: turnaround cannot be measured on this repository.',
      );
      // The reason reaches the reports: the Markdown status cell, the HTML card and the JSON field.
      plain.write(
        'kpi.json',
        JSON.stringify({ objectives: [{ name: 'O', kpis: [{ id: 't', name: 'T', metric: 'bugFixTurnaround', window: '4w' }] }] }),
      );
      plain.commit('Add kpi.json', '2024-06-12T00:00:00Z');
      const out = async (format: string): Promise<string> => {
        let text = '';
        assert.equal(
          await main(['report', '--dir', plain.dir, '--format', format, '--now', MID.toISOString()], {
            stdout: (t) => (text += t),
            stderr: () => undefined,
          }),
          0,
        );
        return text;
      };
      assert.match(await out('md'), /\| ➖ No data: No commit in the history closes an issue \\\("fixes \\#N"\\\) or merges a fix branch/);
      assert.match(await out('html'), /No value: No commit in the history closes an issue/);
      const json = JSON.parse(await out('json')) as { kpis: { why: string | null }[] };
      assert.match(json.kpis[0]!.why ?? '', /^No commit in the history closes an issue/);
    });

    it('gives null with no fixes in the window', () => {
      assert.deepEqual(turnaround(history, '1d', new Date('2024-06-05T00:00:00Z')), {
        value: null,
        sampleSize: 0,
        commits: [],
        details: { p75: null, fixes: 0 },
      });
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
    const history = await readHistory(repo.dir);
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
    const history = await readHistory(repo.dir);
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
