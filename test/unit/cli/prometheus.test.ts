// The Prometheus path for real: Debian's Pushgateway and Prometheus on loopback ports (.ci/run
// installs them), the CLI's OpenMetrics output of two generated repositories pushed under
// their own `repository` label, scraped, and read back through Prometheus's HTTP API with the
// numbers of the JSON report. Pushing again replaces a group and never duplicates it. Every
// panel query of the Grafana dashboard in docs/grafana returns series. Both servers stop at
// the end.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { tempSpace, type TempRepo } from '../helpers/tempRepo';

const NOW = '2026-05-28T12:00:00Z';
const KPI_JSON = JSON.stringify({
  objectives: [
    {
      id: 'delivery',
      name: 'Delivery',
      timeframe: { start: '2026-04-01', duration: '1q' },
      kpis: [
        { id: 'commits', name: 'Commits', metric: 'commitFrequency', window: '4w', target: { direction: 'atLeast', value: 4 } },
        { id: 'deploys', name: 'Deploys', metric: 'deploymentFrequency', window: '8w', target: { direction: 'atLeast', value: 0.5 } },
        { id: 'lead', name: 'Lead time', metric: 'leadTime', window: '8w', target: { direction: 'atMost', value: 72 } },
        { id: 'cfr', name: 'Failures', metric: 'changeFailureRate', window: '8w', target: { direction: 'atMost', value: 15 } },
        { id: 'size', name: 'Change size', metric: 'changeSize', window: '4w', target: { direction: 'range', min: 1, max: 200 } },
      ],
    },
  ],
});

interface Kpi {
  readonly id: string;
  readonly value: number | null;
  readonly status: string;
  readonly target: { readonly direction: string; readonly value?: number; readonly min?: number; readonly max?: number } | null;
}

/** `perWeek` commits a week for 12 weeks, a release every other week, a revert of a shipped change in one. */
function generate(repo: TempRepo, perWeek: number): void {
  const start = Date.parse('2026-03-02T09:00:00Z');
  let n = 0;
  for (let week = 0; week < 12; week++) {
    for (let k = 0; k < perWeek; k++, n++) {
      repo.write(`src/m${n % 7}.ts`, `export const v = ${n};\n`.repeat(1 + (n % 5)));
      repo.commit(`feat: change ${n}`, new Date(start + week * 7 * 86_400_000 + k * 3_600_000).toISOString());
    }
    if (week % 2 === 1) repo.tag(`v1.${week}.0`, new Date(start + week * 7 * 86_400_000 + 2 * 86_400_000).toISOString(), `1.${week}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function cli(dir: string, format: string, repository: string, now = NOW): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(['report', '--dir', dir, '--format', format, '--now', now, '--repository', repository], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {},
  });
  assert.equal(code, 0, err);
  return out;
}

/** Starts a Debian server binary, failing clearly when it is missing. */
function start(binary: string, args: readonly string[], log: string): ChildProcess {
  const child = spawn(binary, [...args], { stdio: ['ignore', 'ignore', fs.openSync(log, 'w')] });
  child.on('error', (e) => {
    throw new Error(`${binary} is required (Debian: apt-get install -y prometheus prometheus-pushgateway): ${e.message}`);
  });
  return child;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Prometheus and Pushgateway, for real', function () {
  this.timeout(180_000);
  const space = tempSpace();
  const servers: ChildProcess[] = [];
  let gateway: string;
  let prometheus: string;
  const repos: Record<string, { dir: string; json: Kpi[] }> = {};

  /** An instant query's result: labels and the value as a number. */
  async function query(promql: string): Promise<{ metric: Record<string, string>; value: number }[]> {
    const res = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    assert.equal(body.status, 'success', `${promql}: ${body.error ?? ''}`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  async function push(repository: string, text: string): Promise<void> {
    const res = await fetch(`${gateway}/metrics/job/engineering_kpis/repository/${encodeURIComponent(repository)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain; version=0.0.4' },
      body: text,
    });
    assert.equal(res.status, 200, `${repository}: ${await res.text()}`);
  }

  before(async () => {
    for (const [name, perWeek] of [
      ['payments', 5],
      ['search', 2],
    ] as const) {
      const repo = space.repo();
      generate(repo, perWeek);
      fs.writeFileSync(path.join(repo.dir, 'kpi.json'), KPI_JSON);
      repos[name] = { dir: repo.dir, json: (JSON.parse(await cli(repo.dir, 'json', name)) as { kpis: Kpi[] }).kpis };
    }
    const logs = space.dir();
    const gatewayPort = await freePort();
    gateway = `http://127.0.0.1:${gatewayPort}`;
    servers.push(start('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${gatewayPort}`], path.join(logs, 'pushgateway.log')));
    const promPort = await freePort();
    prometheus = `http://127.0.0.1:${promPort}`;
    const config = path.join(logs, 'prometheus.yml');
    fs.writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: pushgateway',
        '    honor_labels: true',
        `    static_configs: [{ targets: ["127.0.0.1:${gatewayPort}"] }]`,
        '',
      ].join('\n'),
    );
    servers.push(
      start(
        'prometheus',
        [`--config.file=${config}`, `--storage.tsdb.path=${space.dir()}`, `--web.listen-address=127.0.0.1:${promPort}`],
        path.join(logs, 'prometheus.log'),
      ),
    );
    await until('the Pushgateway', async () => ((await fetch(`${gateway}/-/ready`)).ok ? true : undefined));
    await until('Prometheus', async () => ((await fetch(`${prometheus}/-/ready`)).ok ? true : undefined));
    for (const name of Object.keys(repos)) await push(name, await cli(repos[name]!.dir, 'openmetrics', name));
    const valued = Object.values(repos).reduce((n, r) => n + r.json.filter((k) => k.value !== null).length, 0);
    await until('the scrape of both pushes', async () =>
      (await query('count(engineering_kpi_value)'))[0]?.value === valued ? true : undefined,
    );
  });

  after(async () => {
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => (s.exitCode !== null ? undefined : new Promise((r) => s.once('exit', r)))));
  });

  it("has every KPI's value, target and status, with the numbers of the JSON report", async () => {
    for (const [repository, { json }] of Object.entries(repos)) {
      assert.ok(json.filter((k) => k.value !== null).length >= 4, `${repository}: most KPIs have values`);
      for (const k of json) {
        const sel = `repository="${repository}",kpi="${k.id}"`;
        const values = await query(`engineering_kpi_value{${sel}}`);
        if (k.value === null) assert.deepEqual(values, [], `${repository}/${k.id}: no value, no series`);
        else {
          assert.equal(values.length, 1, `${repository}/${k.id}: one value series`);
          assert.ok(Math.abs(values[0]!.value - k.value) < 1e-9, `${repository}/${k.id}: ${values[0]!.value} vs ${k.value}`);
          assert.equal(values[0]!.metric['job'], 'engineering_kpis');
        }
        const targets = await query(`engineering_kpi_target{${sel}}`);
        const want = k.target!.direction === 'range' ? [k.target!.min, k.target!.max] : [k.target!.value];
        assert.deepEqual(
          targets.map((t) => t.value).sort((a, b) => a - b),
          want,
          `${repository}/${k.id}: target`,
        );
        const current = await query(`engineering_kpi_status{${sel}} == 1`);
        assert.deepEqual(
          current.map((s) => s.metric['status']),
          [k.status],
          `${repository}/${k.id}: status`,
        );
        assert.equal((await query(`count(engineering_kpi_status{${sel}})`))[0]!.value, 6, 'one series per state');
      }
    }
  });

  it('aggregates across repositories with PromQL', async () => {
    const sum = await query('sum(engineering_kpi_value{kpi="commits"})');
    const expected =
      repos['payments']!.json.find((k) => k.id === 'commits')!.value! + repos['search']!.json.find((k) => k.id === 'commits')!.value!;
    assert.ok(Math.abs(sum[0]!.value - expected) < 1e-9, `${sum[0]!.value} vs ${expected}`);
    const byRepo = await query('count by (repository) (engineering_kpi_status == 1)');
    assert.deepEqual(byRepo.map((r) => [r.metric['repository'], r.value]).sort(), [
      ['payments', 5],
      ['search', 5],
    ]);
  });

  it('pushing again replaces the group, never duplicates it', async () => {
    const before = (await query('count(engineering_kpi_status)'))[0]!.value;
    const later = await cli(repos['search']!.dir, 'openmetrics', 'search', '2026-05-14T12:00:00Z');
    await push('search', later);
    await push('search', later);
    const laterJson = (JSON.parse(await cli(repos['search']!.dir, 'json', 'search', '2026-05-14T12:00:00Z')) as { kpis: Kpi[] }).kpis;
    const commits = laterJson.find((k) => k.id === 'commits')!.value!;
    await until('the scrape of the new push', async () => {
      const v = await query('engineering_kpi_value{repository="search",kpi="commits"}');
      return v.length === 1 && Math.abs(v[0]!.value - commits) < 1e-9 ? true : undefined;
    });
    assert.equal((await query('count(engineering_kpi_status)'))[0]!.value, before, 'the same series, not twice as many');
    const groups = (await (await fetch(`${gateway}/api/v1/metrics`)).json()) as { data: unknown[] };
    assert.equal(groups.data.length, 2, 'one group per repository in the Pushgateway');
  });

  it('every panel query of the Grafana dashboard returns series', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../docs/grafana/engineering-kpis.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
      templating: { list: { name: string; query: unknown }[] };
    };
    const variable = dashboard.templating.list.find((v) => v.name === 'repository')!;
    const labelQuery = /^label_values\((\w+), (\w+)\)$/.exec((variable.query as { query: string }).query)!;
    const labels = (await (await fetch(`${prometheus}/api/v1/label/${labelQuery[2]}/values?match[]=${labelQuery[1]}`)).json()) as {
      data: string[];
    };
    assert.deepEqual(labels.data.sort(), ['payments', 'search'], 'the repository variable lists both repositories');
    assert.ok(dashboard.panels.length >= 6);
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        // "All" in the repository variable is its allValue, .*
        const result = await query(target.expr.replace(/\$repository/g, '.*'));
        assert.ok(result.length > 0, `${panel.title}: ${target.expr} returns series`);
      }
    }
  });
});
