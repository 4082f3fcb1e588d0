// Reports (src/core/report): the documented JSON shape, CSV read back with an RFC 4180
// reader, Markdown tables with one row per KPI, HTML escaping, hostile names.
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import type { Evaluation } from '../../../../src/core/evaluation/types';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { REPORT_SCHEMA_VERSION, toReport, type Report } from '../../../../src/core/report/data';
import { renderHtml } from '../../../../src/core/report/html';
import { REPORT_EXTENSIONS, REPORT_FORMATS, renderReport } from '../../../../src/core/report/index';
import { renderCsv, renderJson, renderMarkdown, renderOpenMetrics, sparkline } from '../../../../src/core/report/render';
import { safeBlock, safeInline } from '../../../../src/core/text/safeText';
import { readHistory } from '../../helpers/history';
import { readCsv } from '../../helpers/csv';
import { tempSpace } from '../../helpers/tempRepo';

const HOSTILE = 'Deploys, "fast"\n::set-output name=x::y | pipe';
const FORMULA = '=HYPERLINK("http://x")';

const KPI_JSON = `// Report fixture
{
  "objectives": [
    {
      "id": "flow",
      "name": "Flow | speed",
      "timeframe": { "start": "2024-02-05", "duration": "8w" },
      "review": "weekly",
      "kpis": [
        { "id": "commits", "name": "Commits", "metric": "commitFrequency", "window": "1w", "target": { "direction": "increaseTo", "value": 10 } },
        { "id": "formula", "name": ${JSON.stringify(FORMULA)}, "metric": "revertRate", "target": { "direction": "atMost", "value": 5 } },
        { "id": "hostile", "name": ${JSON.stringify(HOSTILE)}, "metric": "deploymentFrequency", "target": { "direction": "atLeast", "value": 1 } }
      ]
    },
    {
      "id": "okr",
      "name": "##vso[task.setvariable variable=x]1",
      "mode": "okr",
      "kpis": [{ "id": "kr", "name": "Key result", "metric": "commitFrequency", "window": "1w", "target": { "direction": "range", "min": 1, "max": 2 } }]
    }
  ],
  "kpis": [{ "id": "loose", "name": "Loose", "metric": "fixShare", "target": { "direction": "atMost", "value": 10 } }]
}
`;

const KPI_FIELDS = [
  'id',
  'name',
  'objective',
  'metric',
  'value',
  'why',
  'note',
  'unit',
  'target',
  'status',
  'window',
  'details',
  'forecast',
  'baseline',
  'timeframe',
  'nextReview',
  'trend',
  'attainability',
  'score',
  'provenance',
];

describe('core/report on a temporary repository', () => {
  const space = tempSpace();
  let evaluation: Evaluation;
  let report: Report;

  before(async () => {
    // 3 commits in each ISO week from Monday 2024-01-01 through the week of 2024-02-05.
    const repo = space.repo();
    for (let w = 0; w < 6; w++) {
      for (let j = 0; j < 3; j++) {
        repo
          .write('f.txt', `${w}.${j}\n`)
          .commit(
            j === 0 && w === 5 ? 'Feature\n\n::set-output name=x::y\n##vso[task.complete]' : `work ${w}.${j}`,
            new Date(Date.UTC(2024, 0, 1 + 7 * w + j, 12)).toISOString(),
          );
      }
    }
    const history = await readHistory(repo.dir);
    const parsed = parseKpiFile(KPI_JSON);
    assert.deepEqual(parsed.problems, []);
    evaluation = evaluate(parsed.config!, history, new Date('2024-02-12T00:00:00Z'));
    report = toReport(evaluation);
  });

  it('toReport has exactly the documented fields (docs/cli.md, schemaVersion 1)', () => {
    assert.equal(REPORT_SCHEMA_VERSION, 1);
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'generatedAt', 'repository', 'dataQuality', 'kpis']);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.generatedAt, '2024-02-12T00:00:00.000Z');
    assert.deepEqual(Object.keys(report.repository), ['head', 'shallow', 'commits']);
    assert.equal(report.repository.commits, 18);
    assert.equal(report.repository.shallow, false);
    assert.match(report.repository.head!, /^[0-9a-f]{40}$/);
    assert.deepEqual(Object.keys(report.dataQuality), ['partial', 'botShare', 'identitiesMerged', 'releaseTags', 'futureDated', 'notes']);
    assert.deepEqual(
      report.dataQuality.notes.map((n) => n.code),
      ['fixEvidence', 'noReleaseTags'],
    );
    for (const k of report.kpis) assert.deepEqual(Object.keys(k), KPI_FIELDS, k.id);
  });

  it('lists every KPI, loose ones last with a null objective', () => {
    assert.deepEqual(
      report.kpis.map((k) => [k.id, k.objective?.id ?? null]),
      [
        ['commits', 'flow'],
        ['formula', 'flow'],
        ['hostile', 'flow'],
        ['kr', 'okr'],
        ['loose', null],
      ],
    );
  });

  it('carries values, statuses, time frames, reviews, trends and scores', () => {
    const [commits, formula, hostile, kr, loose] = report.kpis;
    assert.deepEqual(
      {
        value: commits!.value,
        status: commits!.status,
        baseline: commits!.baseline,
        timeframe: commits!.timeframe,
        nextReview: commits!.nextReview,
        window: commits!.window,
        target: commits!.target,
        unit: commits!.unit,
      },
      {
        value: 3,
        status: 'atRisk', // baseline 3, 1/8 of the time frame gone, no progress yet (gap 0.125), but the forecast is unlikely
        baseline: 3,
        timeframe: { start: '2024-02-05', end: '2024-03-31' },
        nextReview: '2024-02-12',
        window: { label: '1w', start: '2024-02-05', end: '2024-02-11' },
        target: { direction: 'increaseTo', value: 10 },
        unit: '/week',
      },
    );
    assert.equal(commits!.trend.at(-1)!.week, '2024-02-05');
    assert.deepEqual(
      commits!.trend.slice(-6).map((p) => p.value),
      [3, 3, 3, 3, 3, 3],
    );
    assert.ok(
      commits!.trend.slice(0, -6).every((p) => p.value === null),
      'weeks before the first commit have no data',
    );
    assert.ok(commits!.forecast);
    assert.equal(commits!.forecast.verdict, 'unlikely');
    assert.deepEqual([formula!.value, formula!.status], [0, 'met']);
    assert.deepEqual([hostile!.value, hostile!.status, hostile!.details], [null, 'noData', { releases: 0 }]);
    assert.deepEqual([kr!.status, kr!.score, kr!.nextReview, kr!.timeframe, kr!.forecast], ['offTrack', 0, null, null, null]);
    assert.deepEqual([loose!.status, loose!.nextReview, loose!.score], ['met', null, null]);
    assert.deepEqual(commits!.provenance.commits.length, 3);
    assert.ok(commits!.provenance.commands.length > 0);
  });

  it('renderJson is the report, parsed back unchanged', () => {
    const json = renderJson(report);
    assert.ok(json.endsWith('}\n'));
    assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(report)));
    // hostile text stays inside JSON strings: no line starts with it
    for (const line of json.split('\n')) assert.ok(!/^\s*(::|##)/.test(line), line);
  });

  it('renderCsv reads back with an RFC 4180 reader: a header and one record per KPI', () => {
    const csv = renderCsv(report);
    const rows = readCsv(csv);
    const header = rows[0]!;
    assert.deepEqual(header, [
      'objective',
      'id',
      'name',
      'metric',
      'value',
      'unit',
      'direction',
      'target',
      'min',
      'max',
      'status',
      'window',
      'start',
      'end',
      'commits',
      'baseline',
      'timeframe_start',
      'timeframe_end',
      'next_review',
      'forecast',
      'projected',
      'forecast_reason',
      'trend',
    ]);
    assert.equal(rows.length, 1 + report.kpis.length);
    const records = rows.slice(1).map((r) => {
      assert.equal(r.length, header.length);
      return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
    });
    report.kpis.forEach((k, i) => {
      const r = records[i]!;
      assert.equal(r.id, k.id);
      assert.equal(r.objective, k.objective === null ? '' : safeInline(k.objective.name));
      assert.equal(r.metric, k.metric);
      assert.equal(r.value, k.value === null ? '' : String(k.value));
      assert.equal(r.status, k.status);
      assert.equal(r.window, k.window.label);
      assert.equal(r.commits, String(k.provenance.commits.length));
      assert.equal(r.trend, k.trend.map((p) => (p.value === null ? '' : String(p.value))).join(' '));
    });
    // names: newlines flattened, commas and quotes kept; formulas defused with a leading quote
    assert.equal(records[2]!.name, 'Deploys, "fast" ::set-output name=x::y | pipe');
    assert.equal(records[1]!.name, `'${FORMULA}`);
    assert.deepEqual(
      [records[0]!.direction, records[0]!.target, records[0]!.min, records[0]!.max, records[0]!.baseline, records[0]!.next_review],
      ['increaseTo', '10', '', '', '3', '2024-02-12'],
    );
    assert.deepEqual([records[3]!.direction, records[3]!.target, records[3]!.min, records[3]!.max], ['range', '', '1', '2']);
    assert.equal(records[0]!.forecast, 'unlikely');
  });

  it('renderMarkdown has one table per objective and one row per KPI, with escaped cells', () => {
    const md = renderMarkdown(report);
    const lines = md.split('\n');
    const headings = lines.filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, [
      '# KPI report',
      '## Flow \\| speed',
      '## \\#\u200b\\#vso\\[task.setvariable variable=x\\]1',
      '## Without objective',
      '## Data quality',
    ]);
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| KPI |') && !l.startsWith('| ---'));
    assert.equal(rows.length, report.kpis.length);
    // every row has exactly 9 cells: hostile pipes are escaped
    for (const row of rows) assert.equal(row.split(/(?<!\\)\|/).length - 2, 9, row);
    assert.ok(rows[0]!.startsWith('| Commits | 3/week | ≥ 10/week | ⚠️ At risk |'), rows[0]);
    assert.ok(rows[2]!.startsWith('| Deploys, "fast" ::set-output name=x::y \\| pipe | — |'), rows[2]);
    assert.equal(
      lines.filter((l) => l === '| KPI | Value | Target | Status | Trend | Forecast | Window | Time frame | Next review |').length,
      3,
    );
    assert.ok(md.endsWith('\n') && !md.endsWith('\n\n'));
  });

  it('renderHtml escapes every string from kpi.json', () => {
    const html = renderHtml(report);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.ok(!html.includes('<script'));
    assert.ok(html.includes('Deploys, &#34;fast&#34;'));
    assert.ok(html.includes('Flow | speed'));
    assert.ok(html.includes('Without objective'));
    const hostile = toReport({ ...evaluation, looseKpis: [{ ...evaluation.looseKpis[0]!, name: '<img src=x onerror=alert(1)>' }] });
    const out = renderHtml(hostile);
    assert.ok(!out.includes('<img'));
    assert.ok(out.includes('&#60;img src=x onerror=alert(1)&#62;'));
  });

  it('renderOpenMetrics: one value per KPI with a value, one status per state, # EOF last', () => {
    const text = renderOpenMetrics(report, 'repo');
    const lines = text.split('\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines.at(-2), '# EOF');
    assert.equal(lines.filter((l) => l.startsWith('engineering_kpi_value{')).length, report.kpis.filter((k) => k.value !== null).length);
    assert.equal(lines.filter((l) => l.startsWith('engineering_kpi_status{')).length, report.kpis.length * 6);
    assert.equal(lines.filter((l) => l.startsWith('engineering_kpi_status{') && l.endsWith(' 1')).length, report.kpis.length);
    assert.ok(lines.includes('engineering_kpi_partial_data{repository="repo"} 0'));
  });

  it('renderReport renders every format from the evaluation', () => {
    assert.deepEqual([...REPORT_FORMATS], ['md', 'html', 'csv', 'json', 'openmetrics']);
    assert.deepEqual(REPORT_EXTENSIONS, { md: 'md', html: 'html', csv: 'csv', json: 'json', openmetrics: 'prom' });
    assert.equal(renderReport(evaluation, 'md', 'r'), renderMarkdown(report));
    assert.equal(renderReport(evaluation, 'csv', 'r'), renderCsv(report));
    assert.equal(renderReport(evaluation, 'json', 'r'), renderJson(report));
    assert.equal(renderReport(evaluation, 'html', 'r'), renderHtml(report));
    assert.equal(renderReport(evaluation, 'openmetrics', 'r'), renderOpenMetrics(report, 'r'));
  });

  it('no line of any format, after safeBlock, starts a CI workflow command', () => {
    for (const format of REPORT_FORMATS) {
      const raw = renderReport(evaluation, format, '::repo');
      const out = format === 'json' ? raw : safeBlock(raw);
      for (const line of out.split(/\r\n|\n|\r/)) {
        assert.ok(!/^\s*(::|##\[)/.test(line) && !/##vso\[/i.test(line), `${format}: ${JSON.stringify(line)}`);
      }
    }
  });
});

describe('core/report without KPIs', () => {
  it('says so in Markdown and has only a header in CSV', () => {
    const empty: Report = {
      schemaVersion: 1,
      generatedAt: '2024-01-01T00:00:00.000Z',
      repository: { head: null, shallow: true, commits: 0 },
      dataQuality: { partial: true, botShare: null, identitiesMerged: 0, releaseTags: 0, futureDated: 0, notes: [] },
      kpis: [],
    };
    const md = renderMarkdown(empty);
    assert.ok(md.includes('No KPIs are defined.'));
    assert.ok(md.includes('Shallow clone'));
    assert.ok(md.includes('at commit `none` (0 commits)'));
    assert.equal(readCsv(renderCsv(empty)).length, 1);
    assert.ok(renderOpenMetrics(empty, 'r').includes('engineering_kpi_partial_data{repository="r"} 1'));
  });
});

describe('core/report safeText and sparkline', () => {
  it('safeInline flattens lines, strips control characters and defuses workflow commands', () => {
    assert.equal(safeInline('a\nb\r\nc\rd'), 'a b c d');
    assert.equal(safeInline('\u001b[31mred\u001b[0m'), '[31mred[0m');
    assert.equal(safeInline('::set-output name=x::y'), '\u200b::set-output name=x::y');
    assert.equal(safeInline('##vso[task.setvariable]'), '#\u200b#vso[task.setvariable]');
    assert.equal(safeInline('  ##[error]x'), '  \u200b##[error]x');
    assert.equal(safeInline('## heading'), '## heading');
  });

  it('safeBlock keeps lines (LF and CRLF; a lone CR becomes LF) and defuses each one', () => {
    assert.equal(safeBlock('ok\n::warning::x\r\n##vso[y]\rz'), 'ok\n\u200b::warning::x\r\n#\u200b#vso[y]\nz');
  });

  it('sparkline scales the last 12 weeks to eight bars, blank for no data', () => {
    assert.equal(sparkline([]), '');
    assert.equal(sparkline([null, null]), '');
    assert.equal(sparkline([0, 7, null, 3.5]), '▁█ ▅');
    assert.equal(sparkline([5, 5, 5]), '▁▁▁');
    assert.equal(sparkline(Array.from({ length: 20 }, (_, i) => i)).length, 12);
  });
});
