// Properties over generated histories (plain data, the shape src/git produces): adding work
// never lowers commit frequency; no metric throws or leaves its range.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Commit, History } from '../../../../src/core/history';
import { commitFrequency } from '../../../../src/core/metrics/commitFrequency';
import { METRICS } from '../../../../src/core/metrics/registry';
import { windowEndingAt } from '../../../../src/core/time/window';

const BASE = Date.parse('2024-06-01T00:00:00Z');
const SPAN = 60 * 86_400_000;
const AUTHORS: [string, string][] = [
  ['Ana', 'ana@example.com'],
  ['Bob', 'bob@example.com'],
  ['Carl', 'CARL@example.com'],
  ['dependabot[bot]', 'bot@example.com'],
  ['ci-bot', 'ci-bot@example.com'],
];
const MESSAGES = [
  'Work',
  'fix: null check',
  'Fixes #12',
  'See #12',
  'Revert "Work"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
  "Merge branch 'fix/login'",
  'Pair\n\nCo-authored-by: Dee <dee@example.com>',
  'Review\n\nReviewed-by: Ana <ana@example.com>',
  'Bump (#7)',
];
const WINDOWS = ['1w', '2w', '4w', '1d', '7d', '30d'];

const hashOf = (i: number): string => i.toString(16).padStart(40, '0');

interface Draft {
  author: number;
  message: number;
  authorOffset: number;
  commitOffset: number;
  mergeFrom: number | null;
  files: { path: string; added: number | null; deleted: number | null }[];
}

const draft: fc.Arbitrary<Draft> = fc.record({
  author: fc.nat({ max: AUTHORS.length - 1 }),
  message: fc.nat({ max: MESSAGES.length - 1 }),
  authorOffset: fc.integer({ min: 0, max: SPAN }),
  commitOffset: fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
  mergeFrom: fc.option(fc.nat({ max: 40 }), { nil: null }),
  files: fc.array(
    fc.record({
      path: fc.constantFrom('a.ts', 'package-lock.json', 'vendor/x.js', 'img.png', 'docs/readme.md'),
      added: fc.option(fc.nat({ max: 500 }), { nil: null }),
      deleted: fc.option(fc.nat({ max: 500 }), { nil: null }),
    }),
    { maxLength: 3 },
  ),
});

/** Commits newest first; commit i's first parent is i + 1, a merge's second parent an older one. */
function build(drafts: readonly Draft[]): History {
  const n = drafts.length;
  const commits: Commit[] = drafts.map((d, i) => {
    const first = i + 1 < n ? [hashOf(i + 1)] : [];
    const second = d.mergeFrom !== null && i + 2 + d.mergeFrom < n ? [hashOf(i + 2 + d.mergeFrom)] : [];
    const [name, email] = AUTHORS[d.author]!;
    const authorTime = Math.floor((BASE + d.authorOffset) / 1000) * 1000;
    return {
      hash: hashOf(i),
      parents: [...first, ...second],
      authorName: name,
      authorEmail: email,
      authorTime,
      committerName: name,
      committerEmail: email,
      commitTime: authorTime + Math.floor(d.commitOffset / 1000) * 1000,
      message: MESSAGES[d.message]!,
      files: d.files,
    };
  });
  return { commits, head: n > 0 ? hashOf(0) : null, shallow: false, commands: [] };
}

const now = fc.integer({ min: BASE - 86_400_000, max: BASE + SPAN + 14 * 86_400_000 }).map((t) => new Date(t));

describe('core/metrics properties', () => {
  it('commitFrequency: adding a non-merge commit inside the window never lowers the value', () => {
    fc.assert(
      fc.property(
        fc.array(draft, { maxLength: 25 }),
        now,
        fc.constantFrom(...WINDOWS),
        fc.nat({ max: AUTHORS.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (drafts, at, text, who, where) => {
          const history = build(drafts);
          const window = windowEndingAt(at, text);
          const before = commitFrequency.compute({ history, window });
          const [name, email] = AUTHORS[who]!;
          const time = Math.min(window.end - 1, window.start + Math.floor(where * (window.end - window.start)));
          const added: Commit = {
            hash: 'f'.repeat(40),
            parents: history.head === null ? [] : [history.head],
            authorName: name,
            authorEmail: email,
            authorTime: time,
            committerName: name,
            committerEmail: email,
            commitTime: time,
            message: 'More work',
            files: [],
          };
          const grown: History = { ...history, commits: [added, ...history.commits], head: added.hash };
          const after = commitFrequency.compute({ history: grown, window });
          assert.ok((after.value ?? 0) >= (before.value ?? 0), `${String(before.value)} -> ${String(after.value)}`);
          const isBot = who >= 3;
          assert.equal(after.sampleSize, before.sampleSize + (isBot ? 0 : 1));
          assert.notEqual(after.value, null);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('no metric throws; values are null or finite, shares within 0..100, counted commits from the history', () => {
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 30 }), now, fc.constantFrom(...WINDOWS), (drafts, at, text) => {
        const history = build(drafts);
        const known = new Set(history.commits.map((c) => c.hash));
        const window = windowEndingAt(at, text);
        for (const metric of Object.values(METRICS)) {
          const r = metric.compute({ history, window });
          assert.ok(r.value === null || Number.isFinite(r.value), metric.id);
          assert.ok(r.value === null || r.value >= 0, `${metric.id} ${r.value}`);
          if (metric.unit === '%' && r.value !== null) assert.ok(r.value <= 100, `${metric.id} ${r.value}`);
          assert.ok(r.sampleSize >= 0);
          for (const h of r.commits) assert.ok(known.has(h), `${metric.id} counted ${h}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
