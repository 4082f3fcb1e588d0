// `npm run bench`: the engine against the least git work the KPIs need, in the same run on
// the same repository. The floor is a header-only `git log` of the whole history (ids,
// parents, people, dates, full messages): every metric needs that much, and nothing can read
// it faster than git prints it. Everything else is reported as a ratio to it.
//
//   npm run bench -- [--commits 10000,30000,100000] [--repo PATH] [--runs 3] [--json FILE]
//
// Without --repo it generates a repository per size (test/bench/repo.ts) whose commits cost
// what real ones cost to diff; the measured numstat-to-header ratio is printed with the
// figures so that a reader can compare it with their own repositories.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { planReads } from '../../src/core/evaluation/plan';
import { parseKpiFile } from '../../src/core/kpiJson/parse';
import { runEngine } from '../../src/engine';
import { fullLogArgs, headerLogArgs, numstatArgs } from '../../src/git/logFormat';
import { RepositoryReader } from '../../src/git/reader';
import { EngineClient } from '../../src/worker/engineClient';
import { addCommit, makeRepo } from './repo';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'kpi.js');
const env = { ...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1' };

/** Twelve KPIs as a team would write them: flow, quality and delivery, two of them on line counts. */
export function kpiJson(now: Date): string {
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1)).toISOString().slice(0, 10);
  const k = (id: string, metric: string, window: string, direction: string, value: number) => ({
    id,
    name: id,
    metric,
    window,
    target: { direction, value },
  });
  return JSON.stringify({
    objectives: [
      {
        name: 'Flow',
        timeframe: { start, duration: '1q' },
        review: 'biweekly',
        kpis: [
          k('commits', 'commitFrequency', '4w', 'atLeast', 40),
          k('integrations', 'integrationFrequency', '4w', 'atLeast', 10),
          k('size', 'changeSize', '4w', 'atMost', 200),
          k('people', 'activeContributors', '4w', 'atLeast', 5),
          k('days', 'codingDays', '4w', 'atLeast', 3),
        ],
      },
      {
        name: 'Quality',
        timeframe: { start, duration: '1q' },
        kpis: [
          k('fixes', 'fixShare', '8w', 'atMost', 30),
          k('reverts', 'revertRate', '8w', 'atMost', 5),
          k('turnaround', 'bugFixTurnaround', '8w', 'atMost', 72),
          k('reviews', 'reviewCoverage', '8w', 'atLeast', 50),
        ],
      },
      {
        name: 'Delivery',
        kpis: [
          k('deploys', 'deploymentFrequency', '12w', 'atLeast', 1),
          k('lead', 'leadTime', '12w', 'atMost', 168),
          k('size-90d', 'changeSize', '90d', 'atMost', 200),
        ],
      },
    ],
  });
}

/** Runs git and throws its output away; resolves with the bytes it printed. */
function gitBytes(dir: string, args: readonly string[]): Promise<number> {
  return new Promise((res, rej) => {
    const child = spawn('git', ['-c', 'core.quotepath=false', ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (b: Buffer) => (bytes += b.length));
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res(bytes) : rej(new Error(`git ${args[0]} exited with ${code}`))));
  });
}

async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** The CLI as CI runs it, in its own process: wall time and its peak resident memory. */
function cli(args: readonly string[]): { ms: number; maxRssMb: number } {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `const {main}=require(${JSON.stringify(CLI)});` +
        `main(process.argv.slice(1),{stdout:()=>{},stderr:(s)=>process.stderr.write(s)}).then((c)=>{` +
        `process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n');process.exitCode=c;});`,
      ...args,
    ],
    { env, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`kpi ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const kb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, maxRssMb: kb / 1024 };
}

/** The longest time the event loop could not run while `fn` ran (what a user of the editor would feel). */
async function longestBlock(fn: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  h.enable();
  await fn();
  h.disable();
  clearInterval(tick);
  return Math.max(worst, h.max / 1e6);
}

/** Loading the extension bundle and calling activate(), with a stand-in for the `vscode` API. */
function activation(): number {
  const r = spawnSync(process.execPath, [join(__dirname, 'activation.js'), join(ROOT, 'dist', 'extension.js')], { env, encoding: 'utf8' });
  const ms = Number(/ACTIVATE (\S+)/.exec(r.stdout)?.[1] ?? NaN);
  if (!Number.isFinite(ms)) throw new Error(`activation probe failed: ${r.stderr}`);
  return ms;
}

interface Row {
  readonly name: string;
  readonly ms: number;
  readonly target?: string;
}

/** Measures `dir`, which is ours to write to (a generated repository or a shared clone of one given). */
async function benchOne(dir: string, runs: number): Promise<Record<string, unknown>> {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env }).toString().trim();
  const commits = Number(execFileSync('git', ['rev-list', '--count', head], { cwd: dir, env }).toString().trim());
  const newest = Number(execFileSync('git', ['log', '-1', '--format=%ct', head], { cwd: dir, env }).toString().trim()) * 1000;
  const now = new Date(newest + 2 * 3600_000);
  const nowArg = now.toISOString();
  const work = mkdtempSync(join(tmpdir(), 'kpi-bench-work-'));
  const text = kpiJson(now);
  writeFileSync(join(dir, 'kpi.json'), text);
  const config = parseKpiFile(text).config!;

  const floorBytes = await gitBytes(dir, headerLogArgs(head));
  const floor = await best(runs, () => gitBytes(dir, headerLogArgs(head)));
  const headers = await new RepositoryReader(dir).read();
  const plan = planReads(config, headers, now);
  const ids = [...plan.lineCounts];
  const planGit = await best(runs, async () => {
    await gitBytes(dir, headerLogArgs(head));
    for (let i = 0; i < ids.length; i += 600) {
      const a = ids.slice(i, i + 300);
      const b = ids.slice(i + 300, i + 600);
      await Promise.all([gitBytes(dir, numstatArgs(a)), ...(b.length > 0 ? [gitBytes(dir, numstatArgs(b))] : [])]);
    }
  });
  const fullNumstat = await best(1, () => gitBytes(dir, fullLogArgs(head)));

  const dirArgs = ['report', '--dir', dir, '--format', 'json', '--now', nowArg];
  const cold = cli(dirArgs);
  const cache = join(work, 'cache');
  cli([...dirArgs, '--cache', cache]);
  const warm = cli([...dirArgs, '--cache', cache]);

  // The extension's path: the engine worker (the shipped bundle) driven from this thread,
  // which stands for the extension host's main thread.
  const engine = new EngineClient(join(ROOT, 'dist', 'engineWorker.js'));
  const spec = { folder: dir, timeoutMs: 600_000, storageDir: join(work, 'ext') };
  let coldExtension = 0;
  const block = await longestBlock(async () => {
    const t = performance.now();
    await engine.run(spec, text, now, false);
    coldExtension = performance.now() - t;
  });
  const warmExtension = await best(runs, () => engine.run(spec, text, now, false));
  addCommit(dir, newest + 3600_000);
  const t = performance.now();
  await engine.run(spec, text, now, false);
  const newCommit = performance.now() - t;
  engine.dispose();
  // The same cold read on this thread, for comparison: what the editor would wait for without the worker.
  const inThread = await longestBlock(() => runEngine(text, new RepositoryReader(dir), now));
  addCommit(dir, newest + 3700_000);
  const newCommitCli = cli([...dirArgs, '--cache', cache]).ms;
  const activate = activation();
  rmSync(work, { recursive: true, force: true });

  const rows: Row[] = [
    { name: 'git log, headers only (the floor)', ms: floor },
    { name: `git work the plan needs (headers + numstat of ${ids.length} commits)`, ms: planGit },
    { name: 'git log --numstat of the whole history (not run by us)', ms: fullNumstat },
    { name: 'cold report (CLI process, 12 KPIs)', ms: cold.ms, target: '≤ 3 × floor' },
    { name: 'warm report (CLI with --cache, nothing new)', ms: warm.ms, target: '< 300 ms' },
    { name: 'warm refresh (extension, nothing new)', ms: warmExtension, target: '< 150 ms' },
    { name: 'after one new commit (extension)', ms: newCommit, target: '< 250 ms' },
    { name: 'after one new commit (CLI with --cache)', ms: newCommitCli },
    { name: 'cold read in the extension (engine worker)', ms: coldExtension },
    { name: 'longest main-thread block during that cold read', ms: block, target: '< 50 ms' },
    { name: 'longest block if the engine ran on the main thread', ms: inThread },
    { name: 'activation (bundle load + activate())', ms: activate, target: '< 30 ms' },
  ];
  console.log(`\n${commits} commits (${(floorBytes / 1e6).toFixed(1)} MB of headers)`);
  console.log(`numstat of the whole history costs ${(fullNumstat / floor).toFixed(1)} × the header-only log\n`);
  console.log('| step | ms | × floor | target |\n| --- | ---: | ---: | --- |');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${Number.isFinite(r.ms) ? r.ms.toFixed(0) : '—'} | ${Number.isFinite(r.ms) ? (r.ms / floor).toFixed(2) : '—'} | ${r.target ?? ''} |`,
    );
  console.log(`| peak memory, CLI cold | ${cold.maxRssMb.toFixed(0)} MB | | < 200 MB |`);
  console.log(`| peak memory, CLI warm | ${warm.maxRssMb.toFixed(0)} MB | | |`);
  return {
    commits,
    headerBytes: floorBytes,
    numstatToHeaderRatio: fullNumstat / floor,
    plannedLineCountCommits: ids.length,
    rows: rows.map((r) => ({ ...r, ratio: r.ms / floor })),
    peakMemoryMb: { cliCold: cold.maxRssMb, cliWarm: warm.maxRssMb },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      commits: { type: 'string', default: '10000,30000,100000' },
      repo: { type: 'string' },
      runs: { type: 'string', default: '3' },
      json: { type: 'string', default: join(ROOT, 'test-results', 'bench.json') },
      keep: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const results: unknown[] = [];
  const machine = {
    cpus: (await import('node:os')).cpus().length,
    node: process.version,
    git: execFileSync('git', ['version']).toString().trim(),
  };
  console.log(`machine: ${machine.cpus} cores, node ${machine.node}, ${machine.git}; best of ${runs} runs`);
  if (values.repo !== undefined) {
    // Never write into the given repository: a clone that shares its objects gets kpi.json.
    const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-repo-'));
    try {
      execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', resolve(values.repo), dir], { env });
      results.push({ repo: values.repo, ...(await benchOne(dir, runs)) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    for (const n of values.commits.split(',').map(Number)) {
      const dir = mkdtempSync(join(tmpdir(), `kpi-bench-${n}-`));
      try {
        const t = performance.now();
        const made = await makeRepo(dir, n);
        console.log(`\ngenerated ${made.commits} commits in ${((performance.now() - t) / 1000).toFixed(0)} s`);
        results.push({ generated: n, ...(await benchOne(dir, runs)) });
      } finally {
        if (!values.keep) rmSync(dir, { recursive: true, force: true });
        else console.log(`kept ${dir}`);
      }
    }
  }
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ machine, runs, results }, null, 2)}\n`);
  console.log(`\nwrote ${values.json}`);
}

if (require.main === module) void main();
