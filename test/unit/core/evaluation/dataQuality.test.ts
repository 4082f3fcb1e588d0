// Every data-quality note on a repository that has the condition, and its absence on one that
// does not: shallow, bots, identities, squash workflow, release tags, future dates, empty, detached.
import * as assert from 'node:assert/strict';
import { SUGGESTED_FIX_PATTERNS, dataQuality, type DataQuality } from '../../../../src/core/evaluation/dataQuality';
import { english } from '../../../../src/core/text/translatable';
import { compileRegexes } from '../../../../src/core/text/patterns';
import type { History } from '../../../../src/core/history';
import { population, type PopulationSettings } from '../../../../src/core/metrics/population';
import { readHistory } from '../../helpers/history';
import { TempRepo, gitIn, tempSpace } from '../../helpers/tempRepo';

const NOW = new Date('2024-06-26T12:00:00Z');

function check(history: History, settings: PopulationSettings = {}, pattern?: string): DataQuality {
  return dataQuality(history, population(history, settings), NOW, ...(pattern === undefined ? [] : [{ patterns: [pattern] }]));
}

/** The note codes, less fixEvidence: every history with commits states its fix rule (tested on its own). */
function codes(dq: DataQuality): string[] {
  return dq.notes.map((n) => n.code).filter((c) => c !== 'fixEvidence');
}

describe('core/dataQuality', () => {
  const space = tempSpace();

  /** A plain repository: `count` commits with the given subjects (default "Work n"), tagged v1.0.0. */
  function plain(count: number, subject: (i: number) => string = (i) => `Work ${i}`, tag = 'v1.0.0'): TempRepo {
    const repo = space.repo();
    for (let i = 0; i < count; i++) {
      repo.write(`f${i}.txt`, `${i}\n`).commit(subject(i), `2024-06-${String(10 + i).padStart(2, '0')}T00:00:00Z`);
    }
    if (tag !== '') repo.tag(tag, '2024-06-25T00:00:00Z');
    return repo;
  }

  async function read(repo: TempRepo): Promise<History> {
    return readHistory(repo.dir);
  }

  it('has no notes but the fix rule for a plain repository with a release tag', async () => {
    const dq = check(await read(plain(3)));
    assert.deepEqual(dq, {
      empty: false,
      shallow: false,
      detached: false,
      botCommits: 0,
      botShare: 0,
      identitiesMerged: 0,
      squashWorkflow: false,
      landingDelayDays: 0,
      fixEvidence: dq.fixEvidence,
      releaseTags: 1,
      futureDated: 0,
      files: [],
      excludedTags: 0,
      duplicates: [],
      rewrites: { replaceRefs: 0, grafts: false },
      trailersCapped: 0,
      notes: [{ code: 'fixEvidence', severity: 'info', message: english(dq.fixEvidence) }],
    });
    // "Work n" subjects follow no convention: fixes are read from the words of subjects.
    assert.match(english(dq.fixEvidence), /this history follows no fix convention\.$/);
  });

  it('fixEvidence names the rule: Conventional types, closing references, or kpi.json patterns', async () => {
    const typed = plain(6, (i) => (i % 2 === 0 ? `feat: step ${i}` : `fix: case ${i}`));
    assert.match(english(check(await read(typed)).fixEvidence), /this history uses Conventional Commits\.$/);
    const closing = plain(6, (i) => (i === 0 ? 'Handle input, closes #4' : `Work ${i}`));
    assert.match(english(check(await read(closing)).fixEvidence), /this history closes issues from commits\.$/);
  });

  it('fixesUnrecognised: no recognised fix among 10 or more landings whose subjects mention fixes', async () => {
    // Conventional history whose fixes are written untyped ("Fix crash …"): the rule sees none.
    const repo = plain(12, (i) => (i % 3 === 0 ? `Fix crash in module ${i}` : `feat: feature ${i}`));
    const dq = check(await read(repo));
    assert.ok(codes(dq).includes('fixesUnrecognised'));
    assert.deepEqual(dq.suggestedFixPatterns, SUGGESTED_FIX_PATTERNS);
    // With patterns that see them, nothing to say.
    const history = await read(repo);
    const seen = dataQuality(history, population(history, {}), NOW, undefined, [], compileRegexes(['^fix']));
    assert.ok(!codes(seen).includes('fixesUnrecognised'));
    assert.equal(seen.suggestedFixPatterns, undefined);
  });

  it('empty: an unborn HEAD gets the empty note only (no release-tag note)', async () => {
    const dq = check(await read(space.repo()));
    assert.deepEqual(codes(dq), ['empty']);
    assert.equal(dq.empty, true);
    assert.equal(dq.botShare, null);
    assert.equal(dq.notes.filter((n) => n.code !== 'fixEvidence')[0]?.severity, 'warning');
  });

  it('shallow: a clone with --depth 1, and not its full clone', async () => {
    const origin = plain(3);
    const shallowDir = space.dir();
    gitIn(shallowDir, ['clone', '-q', '--depth', '1', `file://${origin.dir}`, '.']);
    const shallow = check(await readHistory(shallowDir));
    assert.ok(codes(shallow).includes('shallow'), codes(shallow).join());
    assert.equal(shallow.shallow, true);
    assert.equal(shallow.notes.find((n) => n.code === 'shallow')?.severity, 'warning');
    const fullDir = space.dir();
    gitIn(fullDir, ['clone', '-q', `file://${origin.dir}`, '.']);
    assert.deepEqual(codes(check(await readHistory(fullDir))), []);
  });

  it('bots: how many commits were left out, with their share', async () => {
    const repo = plain(3);
    repo.write('deps.txt', '1\n').commit('Bump', '2024-06-20T00:00:00Z', { authorName: 'dependabot[bot]', authorEmail: 'bot@example.com' });
    const history = await read(repo);
    const dq = check(history);
    assert.deepEqual(codes(dq), ['bots']);
    assert.equal(dq.botCommits, 1);
    assert.equal(dq.botShare, 0.25);
    assert.equal(dq.notes.filter((n) => n.code !== 'fixEvidence')[0]?.message, '1 bot commit is excluded (25%).');
    // With patterns that match nobody, the same commit is a person's and the note goes away.
    assert.deepEqual(codes(check(history, { botPatterns: ['^nobody$'] })), []);
  });

  it('identities: merged by .mailmap, or by the alias map', async () => {
    const repo = plain(2);
    repo.write('.mailmap', 'Ana Smith <ana@example.com> Ana <ana@old.example>\n');
    repo.write('a.txt', '1\n').commit('A1', '2024-06-20T00:00:00Z', { authorName: 'Ana', authorEmail: 'ana@old.example' });
    repo.write('a.txt', '2\n').commit('A2', '2024-06-21T00:00:00Z', { authorName: 'Ana Smith', authorEmail: 'ana@example.com' });
    const dq = check(await read(repo));
    assert.deepEqual(codes(dq), ['identities']);
    assert.equal(dq.notes.filter((n) => n.code !== 'fixEvidence')[0]?.message, '1 author identity was merged by .mailmap or aliases.');

    const other = plain(2);
    other.write('b.txt', '1\n').commit('B', '2024-06-20T00:00:00Z', { authorName: 'Robert', authorEmail: 'robert@home.example' });
    const h = await read(other);
    assert.deepEqual(codes(check(h)), []);
    assert.equal(check(h, { aliases: { 'author@example.com': ['robert@home.example'] } }).identitiesMerged, 1);
  });

  describe('squash workflow', () => {
    const pr = (every: number) => (i: number) => (i % every === 0 ? `Change ${i} (#${100 + i})` : `Change ${i}`);

    it('is detected with 5 first-parent commits, no merges and 30% or more ending in (#123)', async () => {
      const dq = check(await read(plain(5, (i) => (i < 2 ? `Change ${i} (#${i + 1})` : `Change ${i}`))));
      assert.deepEqual(codes(dq), ['squash']);
      assert.equal(dq.squashWorkflow, true);
      assert.equal(check(await read(plain(10, pr(4)))).squashWorkflow, true); // 0, 4, 8: exactly 30%
    });

    it('is not detected below 5 changes, below 30%, or with a merge', async () => {
      assert.equal(check(await read(plain(4, (i) => `Change (#${i})`))).squashWorkflow, false);
      assert.equal(check(await read(plain(10, pr(5)))).squashWorkflow, false); // 0, 5: 20%
      assert.equal(check(await read(plain(5, (i) => `Change (#${i}) and more`))).squashWorkflow, false); // not at the end
      const merged = plain(5, (i) => `Change (#${i})`);
      merged.branch('topic').checkout('topic');
      merged.write('t.txt', 't\n').commit('Topic', '2024-06-20T00:00:00Z');
      merged.checkout('main');
      merged.merge('topic', '2024-06-21T00:00:00Z');
      const dq = check(await read(merged));
      assert.equal(dq.squashWorkflow, false);
      assert.deepEqual(codes(dq), []);
    });
  });

  describe('release tags', () => {
    it('noReleaseTags without a tag matching v*, even with other tags', async () => {
      const none = check(await read(plain(2, undefined, '')));
      assert.deepEqual(codes(none), ['noReleaseTags']);
      assert.equal(
        none.notes.filter((n) => n.code !== 'fixEvidence')[0]?.message,
        'No release tags match "v*": delivery metrics are unavailable (not zero).',
      );
      const other = await read(plain(2, undefined, 'release-1'));
      assert.deepEqual(codes(check(other)), ['noReleaseTags']);
      // With releaseTagPattern "release-*" that tag is a release.
      const custom = check(other, {}, 'release-*');
      assert.deepEqual(codes(custom), []);
      assert.equal(custom.releaseTags, 1);
    });

    it('ignores a v* tag on a commit outside the read history', async () => {
      const repo = plain(2, undefined, '');
      repo.branch('side').checkout('side');
      repo.write('s.txt', 's\n').commit('Side work', '2024-06-22T00:00:00Z');
      repo.tag('v9.9.9', '2024-06-22T00:00:00Z');
      repo.checkout('main');
      const dq = check(await read(repo));
      assert.equal(dq.releaseTags, 0);
      assert.deepEqual(codes(dq), ['noReleaseTags']);
    });
  });

  it('futureDated: commits with an author or committer date after now', async () => {
    const repo = plain(2);
    repo.write('x.txt', '1\n').commit('Committed in the future', '', { author: '2024-06-20T00:00:00Z', committer: '2024-07-01T00:00:00Z' });
    repo.write('x.txt', '2\n').commit('Authored in the future', '', { author: '2024-06-26T12:00:01Z', committer: '2024-06-26T12:00:00Z' });
    repo.write('x.txt', '3\n').commit('Exactly now', '2024-06-26T12:00:00Z');
    const dq = check(await read(repo));
    assert.deepEqual(codes(dq), ['futureDated']);
    assert.equal(dq.futureDated, 2);
    assert.equal(
      dq.notes.filter((n) => n.code !== 'fixEvidence')[0]?.message,
      '2 commits are dated in the future: metrics that count by that date leave them out.',
    );
  });

  it('detached: a checked-out commit instead of a branch', async () => {
    const repo = plain(3);
    repo.git(['checkout', '-q', '--detach']);
    const dq = check(await read(repo));
    assert.deepEqual(codes(dq), ['detached']);
    assert.equal(dq.detached, true);
    assert.equal(dq.notes.filter((n) => n.code !== 'fixEvidence')[0]?.severity, 'info');
  });
});
