// `kpi report`: the extension's engine for CI. Exit codes: 0 ok, 1 --fail-on triggered,
// 2 bad kpi.json or bad arguments. Reference: docs/cli.md.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isCalendarDate } from '../core/time/calendar';
import { decodeKpiFile } from '../core/kpiJson/decode';
import { toReport } from '../core/report/data';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../core/report/index';
import { safeBlock, safeInline } from '../core/text/safeText';
import { runEngine } from '../engine';
import { RepositoryReader } from '../git/reader';
import { GitError } from '../git/runner';
import { ciAnnotations, ciSystemOf } from './ciOutput';
import { version as VERSION } from '../../package.json';

export const FORMATS = REPORT_FORMATS;
type Format = ReportFormat;
const FAIL_ON = { 'at-risk': ['atRisk', 'offTrack'], 'off-track': ['offTrack'] } as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment (CI detection, GITHUB_STEP_SUMMARY); process.env when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const SYNOPSIS = `Usage: kpi report [--dir PATH] [--format ${FORMATS.join('|')}] [--out FILE] [--fail-on at-risk|off-track] [--now ISO-DATE] [--cache DIR] [--repository NAME]
       kpi --version | --help`;

const USAGE = `${SYNOPSIS}

Reports the KPIs of a kpi.json from the git history of its repository.
  --dir         the folder that holds kpi.json (default: the current folder)
  --format      md (default), html, csv, json or openmetrics
  --out         write the report to FILE instead of stdout
  --fail-on     exit 1 when a KPI is at risk or worse (at-risk) or off track (off-track)
  --now         evaluate as of an ISO date (reproducible reports)
  --cache       keep the parsed history in DIR between runs
  --repository  the repository label in OpenMetrics and CI output (default: the folder name)
In GitHub Actions it also writes the Markdown report to the job summary and an annotation per
KPI at risk or off track. Exit codes: 0 written, 1 --fail-on triggered, 2 bad kpi.json or usage.
Reference: docs/cli.md`;

class UsageError extends Error {}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: ReturnType<typeof parseOptions>;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    io.stderr(`kpi: ${safeInline((e as Error).message)}\n${SYNOPSIS}\nRun "kpi --help" for the options.\n`);
    return 2;
  }
  if (opts.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (opts.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const env = io.env ?? process.env;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(opts.dir, 'kpi.json'));
  } catch {
    io.stderr(`kpi: no kpi.json in ${safeInline(opts.dir)}\n`);
    return 2;
  }
  const decoded = decodeKpiFile(bytes);
  if ('error' in decoded) {
    io.stderr(`kpi.json: error: ${decoded.error}\n`);
    return 2;
  }
  const text = decoded.text;
  try {
    const reader = new RepositoryReader(opts.dir, opts.cache !== undefined ? { storageDir: opts.cache } : {});
    const result = await runEngine(text, reader, opts.now);
    await reader.flush();
    for (const p of result.parse.problems) {
      io.stderr(`kpi.json: ${p.severity}: ${safeInline(p.message)} (offset ${p.offset})\n`);
    }
    if (result.kind === 'invalid') return 2;
    const report = toReport(result.evaluation);
    if (report.dataQuality.partial) io.stderr('kpi: shallow clone: values are partial (fetch with --unshallow or fetch-depth: 0).\n');
    const repository = opts.repository ?? basename(resolve(opts.dir));
    const output = renderReport(result.evaluation, opts.format, repository);
    const ci = ciSystemOf(env);
    if (ci === 'github' && env['GITHUB_STEP_SUMMARY']) {
      const markdown = opts.format === 'md' ? output : renderReport(result.evaluation, 'md', repository);
      await appendFile(env['GITHUB_STEP_SUMMARY'], `${safeBlock(markdown)}\n`);
    }
    if (ci !== undefined) {
      // Annotations are commands on stdout; they never go into a JSON report on stdout.
      const annotations = ciAnnotations(report, ci);
      if (opts.out !== undefined || opts.format !== 'json') io.stdout(annotations);
      else if (annotations !== '') io.stderr('kpi: no CI annotations while the JSON report is on stdout: write it with --out.\n');
    }
    if (opts.out !== undefined) await writeFile(opts.out, output);
    // JSON escapes newlines inside strings, so no line can start with hostile text; every
    // other format is defused line by line.
    else io.stdout(opts.format === 'json' ? output : safeBlock(output));
    if (opts.failOn) {
      const failing = report.kpis.filter((k) => (FAIL_ON[opts.failOn!] as readonly string[]).includes(k.status));
      if (failing.length > 0) {
        io.stderr(`kpi: ${failing.length} KPI(s) ${opts.failOn}: ${failing.map((k) => safeInline(k.name)).join(', ')}\n`);
        return 1;
      }
    }
    return 0;
  } catch (e) {
    io.stderr(`kpi: ${safeInline(e instanceof GitError ? e.message : String(e))}\n`);
    return 2;
  }
}

function parseOptions(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      dir: { type: 'string', default: '.' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      'fail-on': { type: 'string' },
      now: { type: 'string' },
      cache: { type: 'string' },
      repository: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { help: true, version: false, dir: '.', format: 'md' as Format, now: new Date() };
  if (values.version) return { help: false, version: true, dir: '.', format: 'md' as Format, now: new Date() };
  if (positionals.length !== 1 || positionals[0] !== 'report') throw new UsageError('expected the command "report"');
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !Object.hasOwn(FAIL_ON, failOn))
    throw new UsageError(`--fail-on takes at-risk or off-track, not "${failOn}"`);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()) || (values.now !== undefined && !isCalendarDate(values.now.slice(0, 10)))) {
    throw new UsageError(`--now takes an ISO date such as 2026-06-30, not "${values.now}"`);
  }
  if (values.repository !== undefined && values.repository.trim() === '') throw new UsageError('--repository takes a name');
  return {
    help: false,
    version: false,
    dir: resolve(values.dir ?? '.'),
    ...(values.repository !== undefined ? { repository: values.repository } : {}),
    format,
    now,
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.cache !== undefined ? { cache: resolve(values.cache) } : {}),
    ...(failOn !== undefined ? { failOn: failOn as keyof typeof FAIL_ON } : {}),
  };
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`kpi: ${String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
