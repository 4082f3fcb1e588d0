// The `kpi report` CLI (src/cli/main.ts), called as main(argv, io) on temporary
// repositories: formats, --out, exit codes 0/1/2, and output that is safe in CI logs.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FORMATS, main } from '../../../src/cli/main';
import { readCsv } from '../helpers/csv';
import { tempSpace, type TempRepo } from '../helpers/tempRepo';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as a user's shell runs it, outside any CI system unless `env` says so. */
async function run(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

const SYNOPSIS =
  'Usage: kpi report [--dir PATH] [--format md|html|csv|json|openmetrics] [--out FILE] [--fail-on at-risk|off-track] [--now ISO-DATE] [--cache DIR] [--repository NAME]\n       kpi --version | --help';

const NOW = '2024-02-12';

const kpi = (id: string, name: string, target: string): string =>
  `{ "id": "${id}", "name": ${JSON.stringify(name)}, "metric": "commitFrequency", "window": "1w", "target": ${target} }`;

/** Three commits a week: "met" is met, "risky" at risk (3 vs 3.2), "off" off track (3 vs 10). */
const file = (...kpis: string[]): string =>
  `// CLI fixture\n{ "objectives": [{ "id": "flow", "name": "Flow", "kpis": [${kpis.join(', ')}] }] }\n`;
const MET = kpi('met', 'Met KPI', '{ "direction": "atLeast", "value": 3 }');
const RISKY = kpi('risky', 'Risky KPI', '{ "direction": "atLeast", "value": 3.2 }');
const OFF = kpi('off', 'Off KPI', '{ "direction": "atLeast", "value": 10 }');

describe('cli main on a temporary repository', function () {
  this.timeout(60_000);
  const space = tempSpace();
  let repo: TempRepo;

  const report = (...extra: string[]): Promise<Run> => run(['report', '--dir', repo.dir, '--now', NOW, ...extra]);
  const write = (text: string): void => {
    fs.writeFileSync(path.join(repo.dir, 'kpi.json'), text);
  };

  before(() => {
    repo = space.repo();
    for (let w = 0; w < 6; w++) {
      for (let j = 0; j < 3; j++) repo.emptyCommit(`work ${w}.${j}`, new Date(Date.UTC(2024, 0, 1 + 7 * w + j, 12)).toISOString());
    }
  });

  it('json: exit 0, the documented report on stdout, nothing on stderr', async () => {
    write(file(MET));
    const r = await report('--format', 'json');
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    const json = JSON.parse(r.stdout) as {
      schemaVersion: number;
      generatedAt: string;
      repository: { head: string; commits: number };
      kpis: { id: string; value: number; status: string }[];
    };
    assert.equal(json.schemaVersion, 1);
    assert.equal(json.generatedAt, '2024-02-12T00:00:00.000Z');
    assert.equal(json.repository.head, repo.head());
    assert.equal(json.repository.commits, 18);
    assert.deepEqual(
      json.kpis.map((k) => [k.id, k.value, k.status]),
      [['met', 3, 'met']],
    );
  });

  it('every format exits 0 and writes its own shape', async () => {
    write(file(MET, RISKY, OFF));
    assert.deepEqual([...FORMATS], ['md', 'html', 'csv', 'json', 'openmetrics']);
    const out: Record<string, string> = {};
    for (const format of FORMATS) {
      const r = await report('--format', format);
      assert.equal(r.code, 0, format);
      assert.equal(r.stderr, '', format);
      out[format] = r.stdout;
    }
    assert.ok(out.md!.startsWith('# KPI report\n'));
    assert.equal(out.md!.split('\n').filter((l) => /^\| (Met|Risky|Off) KPI \|/.test(l)).length, 3);
    assert.ok(out.html!.startsWith('<!DOCTYPE html>'));
    const rows = readCsv(out.csv!);
    assert.deepEqual(
      rows.slice(1).map((row) => [row[1], row[10]]),
      [
        ['met', 'met'],
        ['risky', 'atRisk'],
        ['off', 'offTrack'],
      ],
    );
    assert.equal(JSON.parse(out.json!).kpis.length, 3);
    assert.ok(out.openmetrics!.endsWith('# EOF\n'));
    assert.ok(out.openmetrics!.includes(`repository="${path.basename(repo.dir)}"`));
  });

  it('the default format is Markdown', async () => {
    write(file(MET));
    const r = await report();
    assert.equal(r.code, 0);
    assert.ok(r.stdout.startsWith('# KPI report\n'));
  });

  it('--out writes the file and nothing to stdout', async () => {
    write(file(MET, OFF));
    const target = path.join(space.dir(), 'report.csv');
    const r = await report('--format', 'csv', '--out', target);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
    const written = fs.readFileSync(target, 'utf8');
    assert.equal(written, (await report('--format', 'csv')).stdout);
    assert.equal(readCsv(written).length, 3);
  });

  it('--fail-on off-track: exit 1 naming the off-track KPIs, the report still written', async () => {
    write(file(MET, RISKY, OFF));
    const r = await report('--format', 'json', '--fail-on', 'off-track');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'kpi: 1 KPI(s) off-track: Off KPI\n');
    assert.equal(JSON.parse(r.stdout).kpis.length, 3);
  });

  it('--fail-on at-risk: exit 1 for at-risk and off-track KPIs', async () => {
    write(file(MET, RISKY, OFF));
    const r = await report('--fail-on', 'at-risk');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'kpi: 2 KPI(s) at-risk: Risky KPI, Off KPI\n');
  });

  it('--fail-on is not triggered when every KPI is fine: exit 0', async () => {
    write(file(MET));
    assert.equal((await report('--fail-on', 'at-risk')).code, 0);
    write(file(MET, RISKY));
    assert.equal((await report('--fail-on', 'off-track')).code, 0);
  });

  it('a kpi.json with a syntax error: exit 2, problems with offsets on stderr, no report', async () => {
    write('{ "objectives": [ }');
    const r = await report();
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kpi\.json: error: Syntax error: [a-z ]+\. \(offset \d+\)\n/);
  });

  it('a kpi.json with a schema error: exit 2', async () => {
    write('{ "objectives": [{ "name": "O", "kpis": [{ "name": "K" }] }] }');
    const r = await report();
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'kpi.json: error: objectives.0.kpis.0 needs exactly one of "metric" (a git metric) and "manual": true. (offset 41)\n',
    );
  });

  it('warnings are listed on stderr but do not fail', async () => {
    write('{ "objectives": [], "extra": 1 }');
    const r = await report();
    assert.equal(r.code, 0);
    assert.equal(r.stderr, 'kpi.json: warning: Unknown property "extra" in kpi.json: it is ignored. (offset 20)\n');
  });

  it('no kpi.json: exit 2', async () => {
    const dir = space.dir();
    const r = await run(['report', '--dir', dir, '--now', NOW]);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: `kpi: no kpi.json in ${dir}\n` });
  });

  it('a kpi.json with a UTF-8 byte order mark reads as it does without one', async () => {
    write(file(MET, OFF));
    const plain = await report('--format', 'json');
    fs.writeFileSync(path.join(repo.dir, 'kpi.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file(MET, OFF))]));
    const withBom = await report('--format', 'json');
    assert.equal(withBom.code, 0, withBom.stderr);
    assert.equal(withBom.stderr, '');
    assert.equal(withBom.stdout, plain.stdout);
  });

  it('a UTF-16 kpi.json (either byte order) is one clear error, exit 2', async () => {
    const text = file(MET);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!));
    const noBom = Buffer.from(text, 'utf16le');
    for (const bytes of [le, be, noBom]) {
      fs.writeFileSync(path.join(repo.dir, 'kpi.json'), bytes);
      const r = await report();
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'kpi.json: error: kpi.json is not UTF-8 (it looks like UTF-16): save it as UTF-8.\n');
    }
  });

  it('not a git repository: exit 2 with the git error', async () => {
    const dir = space.dir();
    fs.writeFileSync(path.join(dir, 'kpi.json'), file(MET));
    const r = await run(['report', '--dir', dir, '--now', NOW]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kpi: .+\n$/);
  });

  it('a configured main branch that does not exist: exit 2', async () => {
    write('{ "repository": { "mainBranch": "nope" }, "objectives": [] }');
    const r = await report();
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kpi: Branch "nope" does not exist in this repository.\n');
  });

  const BAD_ARGS: readonly [string, readonly string[], RegExp][] = [
    ['no command', [], /expected the command "report"/],
    ['another command', ['status'], /expected the command "report"/],
    ['two commands', ['report', 'report'], /expected the command "report"/],
    ['an unknown format', ['report', '--format', 'xml'], /unknown format "xml"/],
    ['an unknown option', ['report', '--verbose'], /--verbose/],
    ['an option without its value', ['report', '--format'], /--format/],
    ['a --now that is no date', ['report', '--now', 'yesterday'], /--now takes an ISO date/],
    ['a --now that is no calendar date', ['report', '--now', '2024-13-45'], /--now takes an ISO date/],
    ['an unknown --fail-on', ['report', '--fail-on', 'sometimes'], /--fail-on takes at-risk or off-track, not "sometimes"/],
    [
      '--fail-on naming an Object.prototype member',
      ['report', '--fail-on', 'constructor'],
      /--fail-on takes at-risk or off-track, not "constructor"/,
    ],
    ['--fail-on toString', ['report', '--fail-on', 'toString'], /--fail-on takes at-risk or off-track, not "toString"/],
  ];
  for (const [what, argv, message] of BAD_ARGS) {
    it(`bad arguments (${what}): exit 2 with the usage, nothing on stdout`, async () => {
      write(file(MET, OFF));
      const r = await run([...argv, '--dir', repo.dir]);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^kpi: /);
      assert.match(r.stderr, message);
      assert.ok(r.stderr.endsWith(`${SYNOPSIS}\nRun "kpi --help" for the options.\n`), r.stderr);
    });
  }

  it('--cache DIR: a second run reads only the new commits and reports exactly what a cold run does', async () => {
    const r2 = space.repo();
    for (let j = 0; j < 9; j++) r2.emptyCommit(`work ${j}`, new Date(Date.UTC(2024, 0, 22 + j, 12)).toISOString());
    fs.writeFileSync(path.join(r2.dir, 'kpi.json'), file(MET, OFF));
    const cache = space.dir();
    // Every git call of the CLI, through a git on the PATH that logs its arguments.
    const bin = space.dir();
    const log = path.join(bin, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const savedPath = process.env['PATH'];
    process.env['PATH'] = `${bin}${path.delimiter}${savedPath ?? ''}`;
    try {
      const argv = ['report', '--dir', r2.dir, '--now', NOW, '--format', 'json'];
      const cold = await run(argv);
      const first = await run([...argv, '--cache', cache]);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, cold.stdout);
      assert.equal(fs.readdirSync(cache).filter((f) => f.endsWith('.json')).length, 1, 'one cache file for the repository');
      const old = r2.head();
      r2.emptyCommit('new work', '2024-02-01T12:00:00Z');
      fs.writeFileSync(log, '');
      const warm = await run([...argv, '--cache', cache]);
      const logs = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => / log /.test(l));
      assert.equal(logs.length, 1, `one log call: ${JSON.stringify(logs)}`);
      assert.ok(logs[0]!.endsWith(`--end-of-options ${r2.head()} ^${old} --`), `only the new commits: ${logs[0]}`);
      assert.equal(warm.stdout, (await run(argv)).stdout, 'the same report as a cold run');
      fs.writeFileSync(log, '');
      await run([...argv, '--cache', cache]);
      assert.equal(
        fs
          .readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => / log /.test(l)).length,
        0,
        'nothing new: no log at all',
      );
    } finally {
      process.env['PATH'] = savedPath;
    }
  });

  it('--help prints the usage with every option and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['report', '--help']]) {
      const r = await run(argv);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.ok(r.stdout.startsWith(`${SYNOPSIS}\n`), r.stdout);
      for (const option of ['--dir', '--format', '--out', '--fail-on', '--now', '--cache', '--repository']) {
        assert.match(r.stdout, new RegExp(`^  ${option} `, 'm'), `${option} is explained`);
      }
    }
  });

  it('--version prints the version of package.json and exits 0', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(await run(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--repository names the repository in OpenMetrics; the folder name is the default', async () => {
    write(file(MET));
    const named = await report('--format', 'openmetrics', '--repository', 'org/payments');
    assert.match(named.stdout, /^engineering_kpi_value\{repository="org\/payments",/m);
    const plain = await report('--format', 'openmetrics');
    assert.match(plain.stdout, new RegExp(`^engineering_kpi_value\\{repository="${path.basename(repo.dir)}",`, 'm'));
    const empty = await report('--repository', ' ');
    assert.equal(empty.code, 2);
  });
});

describe('cli main with hostile commit messages and names', function () {
  this.timeout(60_000);
  const space = tempSpace();
  let repo: TempRepo;

  const HOSTILE_KPI = 'Deploys\n::set-output name=x::y';
  const HOSTILE_OBJECTIVE = '##vso[task.setvariable variable=x]1';
  const KPI_JSON = `{
    "repository": { "releaseTagPattern": "v*\\n::error::from the tag pattern\\n##[error]x" },
    "objectives": [{
      "id": "flow",
      "name": ${JSON.stringify(HOSTILE_OBJECTIVE)},
      "timeframe": { "start": "2024-02-05", "duration": "4w" },
      "kpis": [
        { "id": "evil", "name": ${JSON.stringify(HOSTILE_KPI)}, "metric": "commitFrequency", "window": "1w", "target": { "direction": "atLeast", "value": 100 } },
        { "id": "evil-2", "name": "::warning file=x::y", "metric": "commitFrequency", "window": "1w", "target": { "direction": "atLeast", "value": 100 } },
        { "id": "evil-3", "name": "\\r##vso[task.complete result=Succeeded]", "unit": "\\n::debug::u", "metric": "commitFrequency", "window": "1w" }
      ]
    }],
    "\\n::warning::an unknown key": 1
  }`;

  before(() => {
    repo = space.repo();
    for (let d = 0; d < 10; d++) {
      repo.emptyCommit(
        `work ${d}\n::set-output name=x::y\n##vso[task.setvariable variable=a]b`,
        new Date(Date.UTC(2024, 0, 29 + d, 12)).toISOString(),
        {},
      );
    }
    repo.commit('::error::subject', '2024-02-08T12:00:00Z', { allowEmpty: true, authorName: '::set-env name=A::B' });
    fs.writeFileSync(path.join(repo.dir, 'kpi.json'), KPI_JSON);
  });

  for (const format of FORMATS) {
    it(`${format}: no line of stdout or stderr starts a workflow command`, async () => {
      const r = await run(['report', '--dir', repo.dir, '--now', NOW, '--format', format, '--fail-on', 'at-risk']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /kpi: 2 KPI\(s\) at-risk: /);
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        for (const line of text.split(/\r\n|\n|\r/)) {
          const heading = format === 'md' && /^##? /.test(line); // the renderer's own Markdown headings
          assert.ok(!/^\s*::/.test(line), `${format} ${stream}: ${JSON.stringify(line)}`);
          assert.ok(heading || !/^\s*##/.test(line), `${format} ${stream}: ${JSON.stringify(line)}`);
          assert.ok(!/^\s*(##\[|##vso\[)/.test(line), `${format} ${stream}: ${JSON.stringify(line)}`);
          // no control characters other than the line ends themselves
          // eslint-disable-next-line no-control-regex -- control characters are what is checked
          assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(line.replace(/\r$/, '')), `${format} ${stream}: ${JSON.stringify(line)}`);
        }
      }
    });
  }

  it('GitHub Actions: the report in the job summary and one annotation per KPI off track or at risk, all defused', async () => {
    const summary = path.join(space.dir(), 'summary.md');
    fs.writeFileSync(summary, '# Earlier step\n');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const r = await run(['report', '--dir', repo.dir, '--now', NOW, '--fail-on', 'off-track'], env);
    assert.equal(r.code, 1, r.stderr);
    const written = fs.readFileSync(summary, 'utf8');
    assert.ok(written.startsWith('# Earlier step\n# KPI report\n'), 'appended after what earlier steps wrote');
    assert.ok(written.includes('| Deploys ::set-output name=x::y |'), 'the KPI table, names flattened to one line');
    for (const line of written.split('\n')) {
      assert.ok(!/^\s*(::|##\[|##vso\[)/.test(line), `summary: ${JSON.stringify(line)}`);
      assert.ok(!/##vso\[/i.test(line), `summary: ${JSON.stringify(line)}`);
    }
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(commands.length, 2, `the two KPIs off track, nothing else: ${JSON.stringify(commands)}`);
    const decode = (v: string): string =>
      v.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    const parsed = commands.map((l) => {
      const m = /^::error title=([^:,]*)::(.*)$/.exec(l);
      assert.ok(m, `one error command with only a title property: ${l}`);
      return { title: decode(m[1]!), message: decode(m[2]!) };
    });
    assert.deepEqual(
      parsed.map((a) => a.title),
      ['KPI off track: Deploys ::set-output name=x::y', 'KPI off track: ::warning file=x::y'],
    );
    assert.match(parsed[0]!.message, /^Deploys ::set-output name=x::y: [\d.]+\/week against ≥ 100\/week, off track \(window 1w\)\.$/);
    // JSON on stdout stays JSON: no annotation is mixed into it.
    const json = await run(['report', '--dir', repo.dir, '--now', NOW, '--format', 'json'], env);
    assert.doesNotThrow(() => JSON.parse(json.stdout));
    assert.match(json.stderr, /no CI annotations while the JSON report is on stdout/);
    const out = path.join(space.dir(), 'r.json');
    const toFile = await run(['report', '--dir', repo.dir, '--now', NOW, '--format', 'json', '--out', out], env);
    assert.equal(toFile.stdout.split('\n').filter((l) => l.startsWith('::error ')).length, 2, 'with --out, the annotations are on stdout');
  });

  it('Azure Pipelines: one task.logissue per KPI off track or at risk, with Azure escaping', async () => {
    const r = await run(['report', '--dir', repo.dir, '--now', NOW], { TF_BUILD: 'True' });
    assert.equal(r.code, 0, r.stderr);
    const issues = r.stdout.split('\n').filter((l) => l.includes('##vso['));
    assert.equal(issues.length, 2, JSON.stringify(issues));
    for (const line of issues) {
      assert.match(line, /^##vso\[task\.logissue type=error\][^;\]]*$/, line);
      assert.equal(line.split('##vso[').length, 2, `one command per line: ${line}`);
    }
    assert.ok(r.stdout.includes('# KPI report'), 'the report follows');
  });

  it('json keeps the names exactly, inside strings', async () => {
    const r = await run(['report', '--dir', repo.dir, '--now', NOW, '--format', 'json']);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout) as { kpis: { name: string; objective: { name: string } }[] };
    assert.deepEqual(
      json.kpis.map((k) => k.name),
      [HOSTILE_KPI, '::warning file=x::y', '\r##vso[task.complete result=Succeeded]'],
    );
    assert.equal(json.kpis[0]!.objective.name, HOSTILE_OBJECTIVE);
  });
});
