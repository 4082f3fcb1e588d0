// The installable CLI as a user's CI gets it: `npm pack` of packages/cli (scripts/pack-cli.mjs),
// installed from the tarball into a temporary prefix with npm itself (offline: the bundle has
// no dependencies), then run as `kpi` from that prefix, outside this checkout. Needs
// `npm run build` first (npm test builds before the unit tier).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { tempSpace } from '../helpers/tempRepo';

const ROOT = path.join(__dirname, '../../../..');

describe('cli packed: npm pack, npm install into a prefix, run `kpi`', function () {
  this.timeout(120_000);
  const space = tempSpace();
  let kpi: string;
  let version: string;

  before(() => {
    const out = space.dir();
    const tarball = execFileSync('node', [path.join(ROOT, 'scripts', 'pack-cli.mjs'), '--out', out], { encoding: 'utf8' }).trim();
    assert.ok(fs.existsSync(tarball), tarball);
    const prefix = space.dir();
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {
      cwd: out,
      stdio: 'pipe',
    });
    kpi = path.join(prefix, 'bin', 'kpi');
    version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  });

  const runKpi = (args: readonly string[], cwd: string) =>
    spawnSync(kpi, [...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });

  it('installs a `kpi` command: --version, --help, and an unknown flag is an error', () => {
    const elsewhere = space.dir();
    assert.deepEqual([runKpi(['--version'], elsewhere).status, runKpi(['--version'], elsewhere).stdout], [0, `${version}\n`]);
    const help = runKpi(['--help'], elsewhere);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kpi report /);
    const bad = runKpi(['report', '--frobnicate'], elsewhere);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^kpi: .*--frobnicate/);
    assert.equal(bad.stdout, '');
  });

  it("action.yml's step runs the CLI with its inputs from the environment: summary, annotations, report file, --fail-on", () => {
    const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const lines = action.split('\n');
    const start = lines.findIndex((l) => /^ {6}run: \|$/.test(l));
    assert.ok(start > 0, 'a run block');
    const script = lines
      .slice(start + 1)
      .filter((l) => l.startsWith('        ') || l === '')
      .map((l) => l.slice(8))
      .join('\n');
    assert.ok(!script.includes('${{'), 'no expression is expanded inside the script (script injection)');
    // npx, as the runner would resolve it, is the CLI installed from the tarball.
    const bin = space.dir();
    const npxLog = path.join(bin, 'npx.log');
    fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\necho "$*" > '${npxLog}'\nshift 2\nexec '${kpi}' "$@"\n`, { mode: 0o755 });
    const repo = space.repo();
    // The action runs with the real clock: commits every day up to yesterday.
    for (let d = 0; d < 12; d++) repo.emptyCommit(`work ${d}`, new Date(Date.now() - (12 - d) * 86_400_000).toISOString());
    fs.writeFileSync(
      path.join(repo.dir, 'kpi.json'),
      JSON.stringify({
        objectives: [
          {
            name: 'Flow',
            kpis: [
              {
                id: 'c',
                name: 'Commits; rm -rf $HOME',
                metric: 'commitFrequency',
                window: '1w',
                target: { direction: 'atLeast', value: 50 },
              },
            ],
          },
        ],
      }),
    );
    const temp = space.dir();
    const output = path.join(temp, 'output');
    const summary = path.join(temp, 'summary.md');
    const step = spawnSync('bash', ['-c', script], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: {
        PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: temp,
        KPI_DIR: '.',
        KPI_FORMAT: 'json',
        KPI_FAIL_ON: 'off-track',
        KPI_CACHE: path.join(temp, 'cache $(touch pwned)'),
        KPI_VERSION: '0.1.0',
      },
    });
    assert.equal(step.status, 1, `--fail-on off-track fails the step: ${step.stderr}`);
    assert.match(fs.readFileSync(npxLog, 'utf8'), /^--yes engineering-kpis-cli@0\.1\.0 report --dir \. --format json --cache /);
    assert.equal(fs.readFileSync(output, 'utf8'), `report=${temp}/kpi-report.json\n`);
    assert.equal((JSON.parse(fs.readFileSync(path.join(temp, 'kpi-report.json'), 'utf8')) as { kpis: unknown[] }).kpis.length, 1);
    assert.match(fs.readFileSync(summary, 'utf8'), /^# KPI report\n/);
    assert.match(
      step.stdout,
      /^::error title=KPI off track%3A Commits; rm -rf \$HOME::Commits; rm -rf \$HOME: [\d.]+\/week against ≥ 50\/week/m,
    );
    assert.ok(fs.existsSync(path.join(temp, 'cache $(touch pwned)')), 'the cache folder is the literal input');
    assert.ok(!fs.existsSync(path.join(repo.dir, 'pwned')) && !fs.existsSync(path.join(temp, 'pwned')), 'no input is run as a command');
  });

  it('reports a repository from its own folder exactly as the engine does in-process', async () => {
    const repo = space.repo();
    for (let d = 0; d < 12; d++) repo.emptyCommit(`work ${d}`, new Date(Date.UTC(2026, 4, 4 + d, 12)).toISOString());
    fs.writeFileSync(
      path.join(repo.dir, 'kpi.json'),
      JSON.stringify({
        objectives: [
          {
            name: 'Flow',
            kpis: [{ id: 'c', name: 'Commits', metric: 'commitFrequency', window: '1w', target: { direction: 'atLeast', value: 5 } }],
          },
        ],
      }),
    );
    const args = ['report', '--format', 'json', '--now', '2026-05-20T12:00:00Z'];
    const packed = runKpi(args, repo.dir);
    assert.equal(packed.status, 0, packed.stderr);
    let inProcess = '';
    await main([...args, '--dir', repo.dir], { stdout: (t) => (inProcess += t), stderr: () => undefined, env: {} });
    const strip = (json: string) => {
      const r = JSON.parse(json) as { kpis: { provenance: unknown }[] };
      return { ...r, kpis: r.kpis.map((k) => ({ ...k, provenance: null })) };
    };
    assert.deepEqual(strip(packed.stdout), strip(inProcess));
    assert.equal(
      (JSON.parse(packed.stdout) as { kpis: { value: number }[] }).kpis[0]!.value,
      5,
      'May 11 to 15: five commits in the last complete week',
    );
  });
});
