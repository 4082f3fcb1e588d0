// The planned read (headers for the whole history, line counts only for the commits that
// line-count KPIs' windows count) against a full read of the same repository: the values
// are the same, for the kpi.json files people write and for random windows and time
// frames; cached and incremental reads equal a cold one; a cancelled read leaves no git.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { planReads } from '../../../../src/core/evaluation/plan';
import type { Evaluation } from '../../../../src/core/evaluation/types';
import type { History } from '../../../../src/core/history';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { readPlanned, runEngine } from '../../../../src/engine';
import { RepositoryReader } from '../../../../src/git/reader';
import { GitRunner, type RunOptions } from '../../../../src/git/runner';
import { readHeaders, readHistory } from '../../helpers/history';
import { TempRepo, tempSpace } from '../../helpers/tempRepo';

const NOW = new Date('2025-07-16T12:00:00Z'); // a Wednesday
const DAY = 86_400_000;

function iso(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function lines(n: number, tag: string): string {
  return Array.from({ length: n }, (_, i) => `${tag} line ${i}\n`).join('');
}

/**
 * 80 weeks of history: direct commits on main, and feature branches whose commits are
 * written up to three weeks before their merge (so a landing inside a window brings
 * commits from before it), with files of varied sizes.
 */
function buildHistory(repo: TempRepo): void {
  const start = Date.parse('2024-01-01T09:00:00Z');
  repo.write('README.md', 'start\n').commit('start', iso(start));
  let n = 0;
  for (let week = 0; week < 80; week++) {
    const t = start + week * 7 * DAY;
    repo.write(`src/direct-${week % 5}.ts`, lines(3 + ((week * 7) % 23), `w${week}`)).commit(`change ${week}`, iso(t + DAY));
    if (week % 3 === 0) {
      const branch = `topic-${week}`;
      repo.branch(branch).checkout(branch);
      for (let k = 0; k < 2; k++) {
        n++;
        const written = t - (14 - k) * DAY;
        repo
          .write(`lib/topic-${week}-${k}.ts`, lines(5 + ((n * 13) % 40), `t${n}`))
          .commit(`topic ${week}.${k}`, iso(written), { committer: iso(written) });
      }
      repo.checkout('main');
      repo.merge(branch, iso(t + 3 * DAY), `Merge ${branch}`);
    }
  }
}

const KPI_JSON = JSON.stringify({
  objectives: [
    {
      name: 'Small changes',
      timeframe: { start: '2025-07-01', duration: '1q' },
      kpis: [
        { id: 'size', name: 'Change size', metric: 'changeSize', window: '4w', target: { direction: 'atMost', value: 40 } },
        { id: 'freq', name: 'Commits', metric: 'commitFrequency', window: '4w', target: { direction: 'atLeast', value: 1 } },
      ],
    },
  ],
  kpis: [
    { id: 'size-30d', name: 'Change size (30 days)', metric: 'changeSize', window: '30d', params: { statistic: 'p75' } },
    { id: 'integrations', name: 'Integrations', metric: 'integrationFrequency', window: '8w' },
  ],
});

/** The evaluation without provenance commands (which name the reads, and so differ by design). */
function values(e: Evaluation): unknown {
  const strip = (k: Evaluation['looseKpis'][number]) => ({ ...k, provenance: { ...k.provenance, commands: [] } });
  return {
    ...e,
    objectives: e.objectives.map((o) => ({ ...o, kpis: o.kpis.map(strip) })),
    looseKpis: e.looseKpis.map(strip),
  };
}

/** A real runner that counts the numstat reads it ran and the commits they covered. */
class CountingRunner extends GitRunner {
  numstatCalls = 0;
  numstatCommits = 0;
  override run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    if (args.includes('--numstat')) {
      this.numstatCalls++;
      this.numstatCommits += args.filter((a) => /^[0-9a-f]{40}$/.test(a)).length;
    }
    return super.run(args, opts);
  }
}

describe('core/evaluation/plan: the planned read equals a full read', function () {
  this.timeout(120_000);
  const space = tempSpace();
  let repo: TempRepo;
  let full: History;

  before(async () => {
    repo = space.repo();
    buildHistory(repo);
    full = await readHistory(repo.dir);
  });

  it('gives every KPI the values, series and forecasts of a full read, and diffs only the commits the windows count', async () => {
    const config = parseKpiFile(KPI_JSON).config!;
    const runner = new CountingRunner(repo.dir);
    const result = await runEngine(KPI_JSON, new RepositoryReader(repo.dir, {}, runner), NOW);
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    assert.deepEqual(values(result.evaluation), values(evaluate(config, full, NOW)));
    const plan = planReads(config, await readHeaders(repo.dir), NOW);
    const nonMerge = full.commits.filter((c) => c.parents.length < 2).length;
    assert.ok(plan.lineCounts.size > 0, 'line-count KPIs need some line counts');
    assert.ok(plan.lineCounts.size < nonMerge * 0.6, `${plan.lineCounts.size} of ${nonMerge} commits diffed`);
    assert.equal(runner.numstatCommits, plan.lineCounts.size, 'git diffed exactly the planned commits');
    // A topic commit written two weeks before its landing inside a window is in the plan.
    const early = full.commits.find((c) => c.message.startsWith('topic 75.0'))!;
    assert.ok(plan.lineCounts.has(early.hash), 'commits brought by a landing in a window are counted, however old');
  });

  it('reads no line counts at all when no KPI uses them', async () => {
    const text = JSON.stringify({
      objectives: [],
      kpis: [
        { name: 'Commits', metric: 'commitFrequency' },
        { name: 'Fixes', metric: 'fixShare' },
      ],
    });
    const runner = new CountingRunner(repo.dir);
    const result = await runEngine(text, new RepositoryReader(repo.dir, {}, runner), NOW);
    assert.equal(result.kind, 'ok');
    assert.equal(runner.numstatCalls, 0);
    if (result.kind === 'ok') assert.deepEqual(values(result.evaluation), values(evaluate(result.config, full, NOW)));
  });

  it("reads the files of the change failure rate's patch-release evidence, and no others", async () => {
    const r = space.repo();
    const day = (d: number): string => iso(Date.parse('2025-06-02T09:00:00Z') + d * DAY);
    r.write('README.md', 'x\n').commit('start', day(-200)); // long before the first release
    for (let v = 0; v < 4; v++) {
      r.write(`src/m${v}.ts`, lines(5, `m${v}`)).commit(`feature ${v}`, day(v * 10));
      r.tag(`v1.${v}.0`, day(v * 10 + 1), `1.${v}.0`);
      // every other minor release gets a patch release fixing what it shipped
      if (v % 2 === 0) {
        r.write(`src/m${v}.ts`, lines(6, `m${v}`)).commit(`fix: m${v} crash`, day(v * 10 + 3));
        r.tag(`v1.${v}.1`, day(v * 10 + 4), `1.${v}.1`);
      }
    }
    const text = JSON.stringify({ objectives: [], kpis: [{ id: 'cfr', name: 'Failures', metric: 'changeFailureRate', window: '12w' }] });
    const now = new Date(day(45));
    const runner = new CountingRunner(r.dir);
    const result = await runEngine(text, new RepositoryReader(r.dir, {}, runner), now);
    assert.equal(result.kind, 'ok');
    if (result.kind !== 'ok') return;
    const whole = await readHistory(r.dir);
    assert.deepEqual(values(result.evaluation), values(evaluate(result.config, whole, now)));
    const cfr = result.evaluation.looseKpis[0]!;
    assert.deepEqual([cfr.value, cfr.sampleSize], [33.3, 6], 'v1.0.0 and v1.2.0 of six releases failed');
    // Two releases with a patch release: each one's feature and its fix; not the start commit.
    assert.equal(runner.numstatCommits, 4);
  });

  it('holds for random windows, time frames, statistics and evaluation dates (property)', async () => {
    const reader = new RepositoryReader(repo.dir); // one reader: line counts accumulate in its cache
    const window = fc.oneof(
      fc.integer({ min: 1, max: 20 }).map((n) => `${n}w`),
      fc.integer({ min: 1, max: 120 }).map((n) => `${n}d`),
    );
    const timeframe = fc.option(
      fc.record({
        start: fc
          .integer({ min: 0, max: 320 })
          .map((d) => new Date(Date.parse('2024-01-01T00:00:00Z') + d * DAY).toISOString().slice(0, 10)),
        duration: fc.constantFrom('2w', '1m', '1q', '2q'),
      }),
      { nil: undefined },
    );
    const now = fc.integer({ min: 0, max: 560 }).map((d) => new Date(Date.parse('2024-02-01T10:00:00Z') + d * DAY));
    await fc.assert(
      fc.asyncProperty(window, window, timeframe, fc.boolean(), now, async (w1, w2, tf, p75, at) => {
        const text = JSON.stringify({
          objectives: [
            {
              name: 'O',
              ...(tf ? { timeframe: tf } : {}),
              kpis: [{ id: 'a', name: 'A', metric: 'changeSize', window: w1, target: { direction: 'atMost', value: 30 } }],
            },
          ],
          kpis: [{ id: 'b', name: 'B', metric: 'changeSize', window: w2, ...(p75 ? { params: { statistic: 'p75' } } : {}) }],
        });
        const config = parseKpiFile(text).config!;
        const planned = evaluate(config, await readPlanned(reader, config, at), at);
        assert.deepEqual(values(planned), values(evaluate(config, full, at)));
      }),
      { numRuns: 40 },
    );
  });

  it('cached and incremental reads, in memory and from disk, equal a cold read', async () => {
    const r = space.repo();
    buildHistory(r);
    const storageDir = space.dir();
    const warm = new RepositoryReader(r.dir, { storageDir });
    const first = await runEngine(KPI_JSON, warm, NOW);
    const again = await runEngine(KPI_JSON, warm, NOW);
    assert.equal(warm.lastMode, 'cached');
    const cold = async (): Promise<unknown> => {
      const e = await runEngine(KPI_JSON, new RepositoryReader(r.dir), NOW);
      return e.kind === 'ok' ? e.evaluation : e;
    };
    assert.deepEqual(first.kind === 'ok' && first.evaluation, await cold());
    assert.deepEqual(again.kind === 'ok' && again.evaluation, await cold());
    // New work lands: a branch written last week, merged today.
    r.branch('late').checkout('late');
    r.write('lib/late.ts', lines(17, 'late')).commit('late work', '2025-07-08T10:00:00Z', { committer: '2025-07-08T10:00:00Z' });
    r.checkout('main');
    r.merge('late', '2025-07-15T10:00:00Z', 'Merge late');
    await warm.flush();
    const runner = new CountingRunner(r.dir);
    const incremental = new RepositoryReader(r.dir, { storageDir }, runner);
    const next = await runEngine(KPI_JSON, incremental, NOW);
    assert.equal(incremental.lastMode, 'incremental');
    assert.equal(runner.numstatCommits, 1, 'only the new commit is diffed; the rest come from the persisted cache');
    assert.deepEqual(next.kind === 'ok' && next.evaluation, await cold());
  });

  it('kills its git processes when the read is cancelled', async () => {
    // A git that stays alive for 30 s after a numstat read unless it is stopped (as a long
    // read of a big history would): real git runs first, then the wrapper waits.
    const bin = space.dir();
    const slowGit = path.join(bin, 'slow-git');
    fs.writeFileSync(
      slowGit,
      [
        '#!/usr/bin/env node',
        "const r = require('node:child_process').spawnSync('git', process.argv.slice(2), { stdio: 'inherit' });",
        "setTimeout(() => process.exit(r.status ?? 1), process.argv.includes('--numstat') ? 30000 : 0);",
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const ac = new AbortController();
    class AbortOnFirstBytes extends GitRunner {
      override run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
        if (!args.includes('--numstat')) return super.run(args, opts);
        return super.run(args, {
          ...opts,
          onStdout: (chunk) => {
            opts.onStdout?.(chunk);
            setTimeout(() => ac.abort(), 200);
          },
        });
      }
    }
    const reader = new RepositoryReader(repo.dir, {}, new AbortOnFirstBytes(repo.dir, { gitPath: slowGit }));
    const headers = await reader.read();
    const started = Date.now();
    const read = reader.withLineCounts(
      headers,
      headers.commits.map((c) => c.hash),
      { signal: ac.signal },
    );
    await assert.rejects(read, (e: Error) => e.name === 'GitError' && /Cancelled/.test(e.message));
    assert.ok(Date.now() - started < 10_000, 'the read ends when it is cancelled, not when git would have');
    // No git of ours is left running (children of this process, from /proc).
    const deadline = Date.now() + 2_000;
    let left = gitChildren();
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 50));
      left = gitChildren();
    }
    assert.deepEqual(left, []);
  });
});

/** Command lines of this process's child processes that run git. */
function gitChildren(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (/\bgit\b/.test(cmd)) out.push(cmd.slice(0, 120));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}
