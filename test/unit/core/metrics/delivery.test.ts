// Delivery metrics from release tags on a temporary repository with annotated and
// lightweight tags: releases and what each shipped, deployment frequency, lead time,
// change failure rate.
import * as assert from 'node:assert/strict';
import type { History } from '../../../../src/core/history';
import {
  FIRST_RELEASE_LOOKBACK_MS,
  changeFailureRate,
  deploymentFrequency,
  leadTime,
  patchEvidenceCommits,
  releases,
} from '../../../../src/core/metrics/delivery';
import type { MetricSettings } from '../../../../src/core/metrics/types';
import { windowEndingAt } from '../../../../src/core/time/window';
import { english, text } from '../../../../src/core/text/translatable';
import { readHeaders, readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';

const ms = (iso: string): number => Date.parse(iso);

describe('core/metrics/delivery on a temporary repository', () => {
  const space = tempSpace();
  let repo: TempRepo;
  let history: History;
  const c: Record<string, string> = {};

  const at = (now: string, window: string, settings?: MetricSettings) => ({
    history,
    window: windowEndingAt(new Date(now), window),
    ...(settings ? { settings } : {}),
  });

  before(async () => {
    repo = space.repo();
    const commit = (key: string, msg: string, author: string, committer = author): void => {
      repo.write(`${key}.txt`, `${key}\n`);
      c[key] = repo.commit(msg, author, { author, committer });
    };
    commit('c0', 'Initial', '2023-11-01T00:00:00Z'); // 75 days before the first release
    commit('c1', 'Add a', '2024-01-01T00:00:00Z');
    commit('c2', 'Add b', '2024-01-10T00:00:00Z');
    repo.tag('v1.0.0', '2024-01-15T00:00:00Z', 'Release 1.0.0'); // annotated
    commit('c3', 'Add c', '2024-01-20T12:00:00Z');
    commit('c4', 'fix: crash on start', '2024-01-21T12:00:00Z', '2024-01-22T12:00:00Z');
    repo.tag('v1.0.1', '2099-01-01T00:00:00Z'); // lightweight: dated by c4's committer date
    repo.branch('feature').checkout('feature');
    commit('cf', 'Feature work', '2024-01-30T00:00:00Z');
    repo.checkout('main');
    c.cm = repo.merge('feature', '2024-01-31T00:00:00Z', 'Merge feature');
    commit('c5', 'Add d', '2024-02-01T00:00:00Z');
    repo.tag('v1.1.0', '2024-02-05T00:00:00Z', 'Release 1.1.0');
    commit('c6', 'docs: typo', '2024-02-10T00:00:00Z');
    repo.tag('v1.1.1', '2024-02-12T00:00:00Z', 'Release 1.1.1'); // a patch bump without a fix
    commit('c8', 'Add e', '2024-02-20T00:00:00Z');
    commit('c7', 'Add f', '2024-03-10T00:00:00Z'); // authored after its release tag's date
    repo.tag('v1.2.0', '2024-03-01T00:00:00Z', 'Release 1.2.0');
    commit('c9', 'Revert "Add f"', '2024-03-12T00:00:00Z');
    repo.tag('v1.2.0-hotfix', '2024-03-13T00:00:00Z', 'Hotfix');
    repo.tag('build-7', '2024-03-13T00:00:00Z'); // not a release under the default pattern
    history = await readHistory(repo.dir);
  });

  it('reads annotated tags at their tagger date and lightweight tags at the commit date', () => {
    const tags = new Map((history.tags ?? []).map((t) => [t.name, t]));
    assert.deepEqual(tags.get('v1.0.0'), { name: 'v1.0.0', commit: c.c2, time: ms('2024-01-15T00:00:00Z') });
    assert.deepEqual(tags.get('v1.0.1'), { name: 'v1.0.1', commit: c.c4, time: ms('2024-01-22T12:00:00Z') });
    assert.deepEqual(tags.get('v1.2.0'), { name: 'v1.2.0', commit: c.c7, time: ms('2024-03-01T00:00:00Z') });
    assert.equal(tags.size, 7);
  });

  it('lists releases oldest first, each with the commits it shipped first', () => {
    const list = releases(history);
    assert.deepEqual(
      list.map((r) => [r.tag.name, r.commits.map((x) => x.hash)]),
      [
        ['v1.0.0', [c.c2, c.c1, c.c0]],
        ['v1.0.1', [c.c4, c.c3]],
        ['v1.1.0', [c.c5, c.cm, c.cf]],
        ['v1.1.1', [c.c6]],
        ['v1.2.0', [c.c7, c.c8]],
        ['v1.2.0-hotfix', [c.c9]],
      ],
    );
    // every commit shipped exactly once
    const shipped = list.flatMap((r) => r.commits.map((x) => x.hash));
    assert.equal(new Set(shipped).size, shipped.length);
    assert.equal(shipped.length, history.commits.length);
  });

  it('another pattern selects other tags', () => {
    assert.deepEqual(
      releases(history, { patterns: ['build-*'] }).map((r) => [r.tag.name, r.commits.length]),
      [['build-7', 12]],
    );
    assert.deepEqual(
      releases(history, { patterns: ['v1.1.*'] }).map((r) => r.tag.name),
      ['v1.1.0', 'v1.1.1'],
    );
    assert.deepEqual(releases(history, { patterns: ['none-*'] }), []);
  });

  it('deploymentFrequency counts release tags in the window per week', () => {
    // [2024-01-22, 2024-02-19): v1.0.1 (01-22 12:00), v1.1.0, v1.1.1
    assert.deepEqual(deploymentFrequency.compute(at('2024-02-19T00:00:00Z', '4w')), {
      value: 0.75,
      sampleSize: 3,
      commits: [c.c4, c.c5, c.c6],
      details: { releases: 3 },
    });
    // all six releases over a year: 6 / 52 = 0.115…
    assert.equal(deploymentFrequency.compute(at('2024-03-18T00:00:00Z', '52w')).value, 0.12);
    // a window without releases in a repository with releases: 0, not null
    assert.deepEqual(deploymentFrequency.compute(at('2024-01-08T00:00:00Z', '1w')), {
      value: 0,
      sampleSize: 0,
      commits: [],
      details: { releases: 0 },
    });
    // the configured pattern
    assert.deepEqual(deploymentFrequency.compute(at('2024-03-18T00:00:00Z', '4w', { releaseTagPattern: 'build-*' })).details, {
      releases: 1,
    });
  });

  it('leadTime: median hours from author date to the first release that shipped it', () => {
    // R1: 120, 336 (c0 is older than 30 days before the first release); R2: 24, 48;
    // R3: 96, 144 (the merge is skipped); R4: 48; R5: 240 (c7 is negative, dropped); R6: 24
    const r = leadTime.compute(at('2024-03-18T00:00:00Z', '52w'));
    assert.deepEqual(r, {
      value: 96,
      sampleSize: 9,
      commits: [c.c2, c.c1, c.c4, c.c3, c.c5, c.cf, c.c6, c.c8, c.c9],
      details: { p75: 144, changes: 9 },
    });
    assert.equal(FIRST_RELEASE_LOOKBACK_MS, 30 * 86_400_000);
  });

  it('leadTime: only releases inside the window count; the 30-day lookback is for the first release only', () => {
    // [2024-01-22, 2024-01-29): only v1.0.1, with c4 (24 h) and c3 (48 h)
    assert.deepEqual(leadTime.compute(at('2024-01-29T00:00:00Z', '1w')), {
      value: 36,
      sampleSize: 2,
      commits: [c.c4, c.c3],
      details: { p75: 42, changes: 2 },
    });
    // [2024-01-15, 2024-01-22): only v1.0.0; c0 stays out
    assert.deepEqual(leadTime.compute(at('2024-01-22T00:00:00Z', '1w')).commits, [c.c2, c.c1]);
    // no release in the window: no value
    assert.deepEqual(leadTime.compute(at('2024-01-08T00:00:00Z', '1w')), {
      value: null,
      sampleSize: 0,
      commits: [],
      details: { p75: null, changes: 0 },
    });
  });

  it('changeFailureRate: releases with evidence of failure in git (a revert of a change they shipped)', () => {
    // v1.2.0 shipped c7 ("Add f"), which c9 reverts: failed. v1.0.1's "fix: crash on start"
    // names nothing v1.0.0 shipped, and v1.1.1 is docs only: neither is evidence. 1 of 6.
    const r = changeFailureRate.compute(at('2024-03-18T00:00:00Z', '52w'));
    assert.deepEqual(
      { value: r.value, sampleSize: r.sampleSize, commits: r.commits, details: r.details },
      { value: 16.7, sampleSize: 6, commits: [c.c7], details: { releases: 6, failed: 1 } },
    );
    assert.match(r.note ? english(r.note) : '', /^Inferred from git: /);
    // [2024-02-05, 2024-02-19): v1.1.0 and v1.1.1, no evidence
    const two = changeFailureRate.compute(at('2024-02-19T00:00:00Z', '2w'));
    assert.deepEqual([two.value, two.details], [0, { releases: 2, failed: 0 }]);
    // a window without releases: no value
    assert.equal(changeFailureRate.compute(at('2024-01-08T00:00:00Z', '1w')).value, null);
  });

  it('changeFailureRate: a Fixes: <commit> trailer naming a shipped change is evidence too', async () => {
    const other = space.repo();
    const a = other.write('a.txt', 'a\n').commit('Add parser', '2024-01-02T00:00:00Z');
    other.tag('v1.0.0', '2024-01-03T00:00:00Z', 'one');
    other.write('a.txt', 'b\n').commit(`Handle empty input\n\nFixes: ${a.slice(0, 12)} ("Add parser")`, '2024-01-04T00:00:00Z');
    other.tag('v1.0.1', '2024-01-05T00:00:00Z', 'two');
    const h = await readHistory(other.dir);
    const r = changeFailureRate.compute({ history: h, window: windowEndingAt(new Date('2024-01-08T00:00:00Z'), '1w') });
    assert.deepEqual(r.details, { releases: 2, failed: 1 });
    assert.deepEqual(r.commits, [a]);
  });

  it('changeFailureRate: a fix in the follow-up patch release that changes a file the release changed is evidence', async () => {
    const r = space.repo();
    r.write('parser.c', 'v1\n').write('CHANGELOG.md', '2.0.0\n').commit('Add the parser', '2024-01-02T00:00:00Z');
    r.tag('v2.0.0', '2024-01-03T00:00:00Z', '2.0.0');
    // v2.0.1 fixes the parser v2.0.0 shipped: v2.0.0 failed.
    r.write('parser.c', 'v2\n').commit('parser: fix crash on empty input', '2024-01-04T00:00:00Z');
    r.tag('v2.0.1', '2024-01-05T00:00:00Z', '2.0.1');
    r.write('lexer.c', 'v1\n')
      .write('tests/lexer.test.c', 't1\n')
      .write('CHANGELOG.md', '2.1.0\n')
      .commit('Add the lexer', '2024-01-06T00:00:00Z');
    r.tag('v2.1.0', '2024-01-07T00:00:00Z', '2.1.0');
    // v2.1.1's fixes touch the parser (shipped by v2.0.0, not v2.1.0), and the change log and
    // a test that v2.1.0 touched too: no evidence against v2.1.0.
    r.write('parser.c', 'v3\n').write('CHANGELOG.md', '2.1.1\n').commit('parser: fix leak', '2024-01-08T00:00:00Z');
    r.write('tests/lexer.test.c', 't2\n').commit('fix: a flaky lexer test', '2024-01-08T03:00:00Z');
    r.write('lexer.c', 'v2\n').commit('lexer: faster tables', '2024-01-08T06:00:00Z'); // not a fix
    r.tag('v2.1.1', '2024-01-09T00:00:00Z', '2.1.1');
    r.write('lexer.c', 'v3\n').commit('Tidy the lexer', '2024-01-10T00:00:00Z');
    // v3.0.0 is no patch release of v2.1.1: its lexer fix is no evidence against v2.1.1.
    r.write('lexer.c', 'v4\n').commit('lexer: fix a crash', '2024-01-11T00:00:00Z');
    r.tag('v3.0.0', '2024-01-12T00:00:00Z', '3.0.0');
    const window = windowEndingAt(new Date('2024-01-15T00:00:00Z'), '4w');
    const full = changeFailureRate.compute({ history: await readHistory(r.dir), window });
    assert.deepEqual(full.details, { releases: 5, failed: 1 });
    const h = await readHistory(r.dir);
    assert.deepEqual(full.commits, [releases(h).find((x) => x.tag.name === 'v2.0.0')!.tag.commit]);
    assert.match(english(full.note!), /follow-up patch release/);
    // Without the line counts of those commits there is no such evidence (the plan reads them).
    const headers = changeFailureRate.compute({ history: await readHeaders(r.dir), window });
    assert.deepEqual(headers.details, { releases: 5, failed: 0 });
    // The commits the evidence reads: what v2.0.0 and v2.1.0 shipped and their patch releases.
    const all = releases(h);
    const ids = patchEvidenceCommits(all, () => true);
    const subjects = h.commits.filter((c) => ids.has(c.hash)).map((c) => c.message.split('\n')[0]);
    assert.deepEqual(subjects.sort(), [
      'Add the lexer',
      'Add the parser',
      'fix: a flaky lexer test',
      'lexer: faster tables',
      'parser: fix crash on empty input',
      'parser: fix leak',
    ]);
  });

  describe('without release tags', () => {
    let bare: History;
    before(async () => {
      const r = space.repo();
      r.emptyCommit('Initial', '2024-01-01T00:00:00Z');
      r.emptyCommit('fix: something', '2024-01-02T00:00:00Z');
      r.tag('build-1', '2024-01-03T00:00:00Z');
      bare = await readHistory(r.dir);
    });

    it('every delivery metric is unavailable (null), never zero', () => {
      const ctx = { history: bare, window: windowEndingAt(new Date('2024-01-08T00:00:00Z'), '4w') };
      const unavailable = {
        value: null,
        sampleSize: 0,
        commits: [],
        details: { releases: 0 },
        why: text(
          'No tag on this history is a release under repository.releaseTagPattern: delivery cannot be measured until one is (see Data quality).',
        ),
      };
      assert.deepEqual(deploymentFrequency.compute(ctx), unavailable);
      assert.deepEqual(leadTime.compute(ctx), unavailable);
      assert.deepEqual(changeFailureRate.compute(ctx), unavailable);
      assert.deepEqual(releases(bare), []);
    });
  });
});
