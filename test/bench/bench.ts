// `npm run bench`: how the history engine compares with git itself, in the same run on the
// same repository. Ratios, not absolute times, are the result: git's own `log` with our
// format is the floor that reading history cannot go below.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../../src/core/evaluation/evaluate';
import { parseKpiFile } from '../../src/core/kpiJson/parse';
import { METRIC_IDS } from '../../src/core/kpiJson/model';
import { fullLogArgs as logArgs } from '../../src/git/logFormat';
import { RepositoryReader } from '../../src/git/reader';

const COMMITS = Number(process.env['BENCH_COMMITS'] ?? 20_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const env = { ...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

/** A repository of COMMITS commits over two years, made with one fast-import stream. */
function makeRepo(dir: string): void {
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const people = ['Ada <ada@example.com>', 'Grace <grace@example.com>', 'Linus <linus@example.com>', 'dependabot[bot] <bot@example.com>'];
  const start = Date.UTC(2024, 0, 1) / 1000;
  const step = Math.floor((2 * 365 * 86400) / COMMITS);
  const parts: string[] = [];
  for (let i = 1; i <= COMMITS; i++) {
    const who = people[i % people.length]!;
    const t = start + i * step;
    const msg = i % 7 === 0 ? `fix: bug ${i} (fixes #${i})\n` : i % 11 === 0 ? `feat: work on #${i + 3}\n` : `chore: change ${i}\n`;
    const file = `src/m${i % 97}/f${i % 13}.ts`;
    const body = `export const v = ${i};\n`.repeat(1 + (i % 5));
    parts.push(
      `commit refs/heads/main\nmark :${i}\nauthor ${who} ${t} +0000\ncommitter ${who} ${t} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`,
      i > 1 ? `from :${i - 1}\n` : '',
      `M 100644 inline ${file}\ndata ${Buffer.byteLength(body)}\n${body}\n`,
    );
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join(''), env, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`fast-import failed: ${r.stderr.toString()}`);
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
}

async function time(fn: () => unknown): Promise<number> {
  const best: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    best.push(performance.now() - t);
  }
  return Math.min(...best);
}

function kpiJson(): string {
  const kpis = METRIC_IDS.map((m) => ({ id: m, name: m, metric: m, target: { direction: 'atLeast', value: 1 }, window: '12w' }));
  return JSON.stringify({ objectives: [{ name: 'All metrics', timeframe: { start: '2025-10-01', duration: '1q' }, kpis }] });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-'));
  try {
    const made = performance.now();
    makeRepo(dir);
    console.log(`repository: ${COMMITS} commits, made in ${Math.round(performance.now() - made)} ms; best of ${RUNS} runs each`);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env }).toString().trim();
    const rawLog = await time(() =>
      execFileSync('git', ['-c', 'core.quotepath=false', ...logArgs(head)], { cwd: dir, env, maxBuffer: 1 << 30 }),
    );
    const revList = await time(() => execFileSync('git', ['rev-list', '--count', head], { cwd: dir, env }));
    // A new reader each time: nothing cached in memory or on disk.
    const ours = await time(() => new RepositoryReader(dir).read());
    const history = await new RepositoryReader(dir).read();
    const cacheDir = mkdtempSync(join(tmpdir(), 'kpi-bench-cache-'));
    await new RepositoryReader(dir, { storageDir: cacheDir }).read();
    // A new reader on the same storage: the log comes from the persisted cache (the probe still runs).
    const cached = await time(() => new RepositoryReader(dir, { storageDir: cacheDir }).read());
    rmSync(cacheDir, { recursive: true, force: true });
    const config = parseKpiFile(kpiJson()).config!;
    const evaluation = await time(() => evaluate(config, history, new Date('2025-12-15T12:00:00Z')));
    const big = JSON.stringify({
      objectives: Array.from({ length: 300 }, (_, o) => ({
        name: `Objective ${o}`,
        kpis: Array.from({ length: 10 }, (_, k) => ({
          id: `k-${o}-${k}`,
          name: `KPI ${k}`,
          metric: 'commitFrequency',
          target: { direction: 'atLeast', value: 3 },
        })),
      })),
    });
    writeFileSync(join(dir, 'big.kpi.json'), big);
    const validate = await time(() => parseKpiFile(big));
    const rows: [string, number, string][] = [
      ['git log (our format, numstat), raw', rawLog, '1.00 (floor)'],
      ['git rev-list --count', revList, (revList / rawLog).toFixed(2)],
      ['RepositoryReader: probe, git log, streaming parse', ours, (ours / rawLog).toFixed(2)],
      ['history from the persisted cache', cached, (cached / rawLog).toFixed(2)],
      [`evaluate ${METRIC_IDS.length} KPIs (series, forecasts)`, evaluation, (evaluation / rawLog).toFixed(2)],
      ['validate kpi.json with 3000 KPIs', validate, (validate / rawLog).toFixed(2)],
    ];
    console.log('\n| step | ms | × git log |\n| --- | ---: | ---: |');
    for (const [name, ms, ratio] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${ratio} |`);
    console.log(
      `\nparsed ${history.commits.length} commits; ${Math.round((ours / history.commits.length) * 1000)} µs per commit end to end`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
