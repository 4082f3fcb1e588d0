// The kpi.json model (schemas/kpi.schema.json) as parseKpiFile reads it: objectives with
// type, mode, time frame, review and owner; KPIs with metric xor manual, params, indicator,
// owner, guardrail and baseline; loose KPIs; repository patterns. Every diagnostic with its
// exact range; the schema and the validator agree on a corpus; no input throws or pollutes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { stripComments } from 'jsonc-parser';
import { parseKpiFile, type ParseResult, type Problem } from '../../../../src/core/kpiJson/parse';
import type { KpiConfig, Objective } from '../../../../src/core/kpiJson/model';
import { TEMPLATES } from '../../../../src/core/kpiJson/templates';
import { FIXTURES, fixture } from '../../helpers/fixtures';
import { rangeOf } from '../../helpers/fixtures';
import { checkText } from '../../helpers/problems';

const CORPUS = path.join(FIXTURES, 'corpus');
const SCHEMA_FILE = path.resolve(FIXTURES, '../../schemas/kpi.schema.json');

/** The exact range of the `n`-th occurrence of `needle` in `text`. */
/** The first character of `needle` (schema-oneOf and required point at an object's `{`). */
function startOf(text: string, needle: string, n = 1): { offset: number; length: number } {
  return { offset: rangeOf(text, needle, n).offset, length: 1 };
}

function brief(p: Problem): { code: string; severity: string; offset: number; length: number; message: string } {
  checkText(p);
  return { code: p.code, severity: p.severity, offset: p.offset, length: p.length, message: p.message };
}

/** A config exactly when nothing is an error; every problem has a sane range inside the text. */
function wellFormed(text: string, r: ParseResult): void {
  const hasError = r.problems.some((p) => p.severity === 'error');
  assert.equal(r.config !== undefined, !hasError, JSON.stringify(r.problems));
  for (const p of r.problems) {
    assert.ok(Number.isInteger(p.offset) && p.offset >= 0 && Number.isInteger(p.length) && p.length >= 0, JSON.stringify(p));
    // starts inside the text (jsonc-parser may let a syntax error's length run one past the end)
    assert.ok(p.offset <= text.length, JSON.stringify(p));
    assert.ok(p.severity === 'error' || p.severity === 'warning');
    assert.ok(typeof p.message === 'string' && p.message.length > 0);
    checkText(p);
  }
}

function ok(text: string): KpiConfig {
  const r = parseKpiFile(text);
  assert.deepEqual(r.problems, []);
  assert.ok(r.config);
  return r.config;
}

const one = (kpi: string, objectiveExtra = ''): string => `{ "objectives": [{ "name": "O"${objectiveExtra}, "kpis": [${kpi}] }] }`;

describe('core/kpiFile model: objectives', () => {
  it('reads type, mode, time frame, review and owner, with the path of each objective', () => {
    const text = `// objectives
{
  "objectives": [
    {
      "id": "flow",
      "name": "Flow",
      "description": "Why",
      "type": "strategic",
      "mode": "okr",
      "timeframe": { "start": "2026-07-01", "duration": "1q" },
      "review": "quarterly",
      "owner": "Platform team",
      "kpis": []
    },
    { "name": "Second one", "type": "functional", "timeframe": { "start": "2026-01-01", "end": "2026-12-31" }, "review": { "dates": ["2026-06-30"] }, "kpis": [] },
    { "name": "Third", "type": "operational", "kpis": [] }
  ]
}`;
    const expected: Objective[] = [
      {
        id: 'flow',
        name: 'Flow',
        description: 'Why',
        type: 'strategic',
        mode: 'okr',
        timeframe: { start: '2026-07-01', duration: '1q' },
        review: 'quarterly',
        owner: 'Platform team',
        kpis: [],
        path: ['objectives', 0],
      },
      {
        id: 'second-one',
        name: 'Second one',
        type: 'functional',
        mode: 'kpi',
        timeframe: { start: '2026-01-01', end: '2026-12-31' },
        review: { dates: ['2026-06-30'] },
        kpis: [],
        path: ['objectives', 1],
      },
      { id: 'third', name: 'Third', type: 'operational', mode: 'kpi', kpis: [], path: ['objectives', 2] },
    ];
    assert.deepEqual(ok(text).objectives, expected);
  });

  it('mode defaults to kpi', () => {
    assert.equal(ok('{ "objectives": [{ "name": "O", "kpis": [] }] }').objectives[0]!.mode, 'kpi');
  });

  it('reads reviewHistory (default false)', () => {
    assert.equal(ok('{ "objectives": [] }').reviewHistory, false);
    assert.equal(ok('{ "reviewHistory": true, "objectives": [] }').reviewHistory, true);
  });

  for (const [what, tf] of [
    ['both end and duration', '{ "start": "2026-01-01", "end": "2026-03-31", "duration": "1q" }'],
    ['neither end nor duration', '{ "start": "2026-01-01" }'],
  ] as const) {
    it(`a time frame with ${what} is one schema-oneOf error at the time frame object`, () => {
      const text = `{ "objectives": [{ "name": "O", "timeframe": ${tf}, "kpis": [] }] }`;
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(r.problems.map(brief), [
        {
          code: 'schema-oneOf',
          severity: 'error',
          ...startOf(text, tf),
          message: 'objectives.0.timeframe needs exactly one of "end" and "duration".',
        },
      ]);
    });
  }

  it('a start that is no calendar date is a date error at that string', () => {
    const text = one('', ', "timeframe": { "start": "2026-02-30", "duration": "1q" }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      { code: 'date', severity: 'error', ...rangeOf(text, '"2026-02-30"'), message: '"2026-02-30" is not a calendar date.' },
    ]);
  });

  it('an end that is no calendar date is a date error at that string, and no order error', () => {
    const text = one('', ', "timeframe": { "start": "2027-01-01", "end": "2027-02-29" }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      { code: 'date', severity: 'error', ...rangeOf(text, '"2027-02-29"'), message: '"2027-02-29" is not a calendar date.' },
    ]);
  });

  it('both dates invalid: two date errors, in order', () => {
    const text = one('', ', "timeframe": { "start": "2026-13-01", "end": "2026-00-10" }');
    assert.deepEqual(
      parseKpiFile(text).problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [
        ['date', '"2026-13-01"'],
        ['date', '"2026-00-10"'],
      ],
    );
  });

  it('a leap day is a calendar date in a leap year', () => {
    ok(one('', ', "timeframe": { "start": "2028-02-29", "end": "2028-03-31" }'));
  });

  it('an end before the start is a timeframe-order error at the end', () => {
    const text = one('', ', "timeframe": { "start": "2026-07-01", "end": "2026-06-30" }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      { code: 'timeframe-order', severity: 'error', ...rangeOf(text, '"2026-06-30"'), message: 'The time frame ends before it starts.' },
    ]);
  });

  it('a date that does not match YYYY-MM-DD is a schema-pattern error at that string', () => {
    const text = one('', ', "timeframe": { "start": "2026-7-1", "duration": "1q" }');
    const r = parseKpiFile(text);
    assert.deepEqual(
      r.problems.map((p) => ({ code: p.code, offset: p.offset, length: p.length })),
      [{ code: 'schema-pattern', ...rangeOf(text, '"2026-7-1"') }],
    );
  });

  it('review: a cadence or explicit dates', () => {
    for (const cadence of ['weekly', 'biweekly', 'monthly', 'quarterly']) {
      assert.equal(ok(one('', `, "review": "${cadence}"`)).objectives[0]!.review, cadence);
    }
    assert.deepEqual(ok(one('', ', "review": { "dates": ["2026-01-31", "2026-02-28"] }')).objectives[0]!.review, {
      dates: ['2026-01-31', '2026-02-28'],
    });
  });

  for (const review of ['"daily"', '{ "dates": [] }', '{ "dates": ["2026-01-01"], "extra": 1 }', '7']) {
    it(`review ${review} is one schema-oneOf error at the review`, () => {
      const text = one('', `, "review": ${review}`);
      assert.deepEqual(parseKpiFile(text).problems.map(brief), [
        {
          code: 'schema-oneOf',
          severity: 'error',
          ...startOf(text, review),
          message: 'objectives.0.review must be weekly, biweekly, monthly, quarterly, or { "dates": [...] }.',
        },
      ]);
    });
  }

  it('an explicit review date that does not exist is a date error at that string', () => {
    const text = one('', ', "review": { "dates": ["2026-03-01", "2026-04-31"] }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      { code: 'date', severity: 'error', ...rangeOf(text, '"2026-04-31"'), message: '"2026-04-31" is not a calendar date.' },
    ]);
  });

  it('enum errors for type and mode are at the value', () => {
    const text = one('', ', "type": "tactical", "mode": "stretch"');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'enum',
        severity: 'error',
        ...rangeOf(text, '"tactical"'),
        message: 'objectives.0.type must be one of "strategic", "operational", "functional".',
      },
      { code: 'enum', severity: 'error', ...rangeOf(text, '"stretch"'), message: 'objectives.0.mode must be one of "kpi", "okr".' },
    ]);
  });
});

describe('core/kpiFile model: KPIs', () => {
  it('reads metric, params.statistic, target with baseline and warning, indicator, owner, guardrail, with paths', () => {
    const text = one(
      `{ "id": "lt", "name": "Lead time", "metric": "leadTime", "params": { "statistic": "p75" }, "target": { "direction": "decreaseTo", "value": 48, "baseline": 96, "warning": 12 }, "unit": "hours", "window": "12w", "description": "d", "indicator": "lagging", "owner": "Release team", "guardrail": "cfr" },
       { "id": "cfr", "name": "CFR", "metric": "changeFailureRate", "indicator": "leading", "params": { "statistic": "median" } }`,
    );
    assert.deepEqual(ok(text).objectives[0]!.kpis, [
      {
        id: 'lt',
        name: 'Lead time',
        metric: 'leadTime',
        params: { statistic: 'p75' },
        target: { direction: 'decreaseTo', value: 48, baseline: 96, warning: 12 },
        unit: 'hours',
        window: '12w',
        description: 'd',
        indicator: 'lagging',
        owner: 'Release team',
        guardrail: 'cfr',
        path: ['objectives', 0, 'kpis', 0],
      },
      {
        id: 'cfr',
        name: 'CFR',
        metric: 'changeFailureRate',
        params: { statistic: 'median' },
        indicator: 'leading',
        path: ['objectives', 0, 'kpis', 1],
      },
    ]);
  });

  it('a manual KPI has manual: true and no metric', () => {
    const text = one('{ "name": "NPS", "manual": true, "target": { "direction": "range", "min": 30, "max": 50 } }');
    assert.deepEqual(ok(text).objectives[0]!.kpis, [
      { id: 'nps', name: 'NPS', manual: true, target: { direction: 'range', min: 30, max: 50 }, path: ['objectives', 0, 'kpis', 0] },
    ]);
  });

  for (const [what, kpi] of [
    ['both metric and manual', '{ "name": "K", "metric": "fixShare", "manual": true }'],
    ['neither metric nor manual', '{ "name": "K" }'],
    ['manual: false', '{ "name": "K", "manual": false }'],
    ['manual: false beside a metric', '{ "name": "K", "metric": "fixShare", "manual": false }'],
  ] as const) {
    it(`${what} is one schema-oneOf error at the KPI object`, () => {
      const text = `{ "objectives": [{ "name": "O", "kpis": [{ "name": "First", "metric": "fixShare" }, ${kpi}] }] }`;
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(r.problems.map(brief), [
        {
          code: 'schema-oneOf',
          severity: 'error',
          ...startOf(text, kpi),
          message: 'objectives.0.kpis.1 needs exactly one of "metric" (a git metric) and "manual": true.',
        },
      ]);
    });
  }

  it('the same rule holds for loose KPIs, with their own path', () => {
    const text = '{ "objectives": [], "kpis": [{ "name": "K" }] }';
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'schema-oneOf',
        severity: 'error',
        ...startOf(text, '{ "name": "K" }'),
        message: 'kpis.0 needs exactly one of "metric" (a git metric) and "manual": true.',
      },
    ]);
  });

  it('an unknown statistic is an enum error at the value; an unknown params key a warning at the key', () => {
    const text = one('{ "name": "K", "metric": "changeSize", "params": { "statistic": "p90" } }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'enum',
        severity: 'error',
        ...rangeOf(text, '"p90"'),
        message: 'objectives.0.kpis.0.params.statistic must be one of "median", "p75".',
      },
    ]);
    const extra = one('{ "name": "K", "metric": "changeSize", "params": { "percentile": 90 } }');
    const r = parseKpiFile(extra);
    assert.deepEqual(r.problems.map(brief), [
      {
        code: 'unknown-key',
        severity: 'warning',
        ...rangeOf(extra, '"percentile"'),
        message: 'Unknown property "percentile" in objectives.0.kpis.0.params: it is ignored.',
      },
    ]);
    assert.deepEqual(r.config!.objectives[0]!.kpis[0]!.params, {});
  });

  it('an unknown metric is an unknown-metric error at the value', () => {
    const text = one('{ "name": "K", "metric": "linesOfCode" }');
    const r = parseKpiFile(text);
    assert.deepEqual(
      r.problems.map((p) => ({ code: p.code, offset: p.offset, length: p.length })),
      [{ code: 'unknown-metric', ...rangeOf(text, '"linesOfCode"') }],
    );
  });

  it('an unknown indicator is an enum error at the value', () => {
    const text = one('{ "name": "K", "metric": "fixShare", "indicator": "trailing" }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'enum',
        severity: 'error',
        ...rangeOf(text, '"trailing"'),
        message: 'objectives.0.kpis.0.indicator must be one of "leading", "lagging".',
      },
    ]);
  });

  it('a guardrail that names no KPI is unknown-guardrail at the guardrail value', () => {
    const text = one(
      '{ "id": "a", "name": "A", "metric": "leadTime", "guardrail": "nope" }, { "id": "b", "name": "B", "metric": "revertRate" }',
    );
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'unknown-guardrail',
        severity: 'error',
        ...rangeOf(text, '"nope"'),
        message: 'Guardrail "nope" is not the id of a KPI in this file.',
      },
    ]);
  });

  it('a guardrail may name a loose KPI, and a loose KPI may name one inside an objective', () => {
    const text =
      '{ "objectives": [{ "name": "O", "kpis": [{ "id": "a", "name": "A", "metric": "leadTime", "guardrail": "b" }] }], "kpis": [{ "id": "b", "name": "B", "metric": "revertRate", "guardrail": "a" }] }';
    const c = ok(text);
    assert.equal(c.objectives[0]!.kpis[0]!.guardrail, 'b');
    assert.equal(c.looseKpis[0]!.guardrail, 'a');
  });

  it('a guardrail must not be an objective id', () => {
    const text =
      '{ "objectives": [{ "id": "o", "name": "O", "kpis": [{ "id": "a", "name": "A", "metric": "leadTime", "guardrail": "o" }] }] }';
    assert.deepEqual(
      parseKpiFile(text).problems.map((p) => [p.code, p.offset, p.length]),
      [['unknown-guardrail', ...Object.values(rangeOf(text, '"o"', 2))]],
    );
  });

  it('a KPI that guards itself is self-guardrail at the guardrail value', () => {
    const text = one('{ "id": "a", "name": "A", "metric": "leadTime", "guardrail": "a" }');
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      { code: 'self-guardrail', severity: 'error', ...rangeOf(text, '"a"', 2), message: 'A KPI cannot be its own guardrail.' },
    ]);
  });

  it('a self-guardrail through a derived id is caught too', () => {
    const text = one('{ "name": "Lead Time", "metric": "leadTime", "guardrail": "lead-time" }');
    assert.deepEqual(
      parseKpiFile(text).problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [['self-guardrail', '"lead-time"']],
    );
  });

  it('a guardrail that is no valid id is a schema-pattern error', () => {
    const text = one('{ "name": "A", "metric": "leadTime", "guardrail": "not an id" }');
    assert.deepEqual(
      parseKpiFile(text).problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [['schema-pattern', '"not an id"']],
    );
  });

  it('duplicate ids are an error at the second one, derived ids included', () => {
    const text = '{ "objectives": [{ "id": "flow", "name": "O", "kpis": [{ "name": "Flow", "metric": "fixShare" }] }] }';
    assert.deepEqual(parseKpiFile(text).problems.map(brief), [
      {
        code: 'duplicate-id',
        severity: 'error',
        ...rangeOf(text, '"Flow"'),
        message: 'Duplicate id "flow": ids must be unique in kpi.json.',
      },
    ]);
  });

  it('range targets need min and max; other targets need value (required at the target)', () => {
    const range = one('{ "name": "K", "metric": "changeSize", "target": { "direction": "range", "min": 1 } }');
    assert.deepEqual(parseKpiFile(range).problems.map(brief), [
      { code: 'required', severity: 'error', ...startOf(range, '{ "direction"'), message: 'objectives.0.kpis.0.target needs "max".' },
    ]);
    const plain = one('{ "name": "K", "metric": "changeSize", "target": { "direction": "atMost" } }');
    assert.deepEqual(parseKpiFile(plain).problems.map(brief), [
      { code: 'required', severity: 'error', ...startOf(plain, '{ "direction"'), message: 'objectives.0.kpis.0.target needs "value".' },
    ]);
  });
});

describe('core/kpiFile model: loose KPIs and repository', () => {
  it('reads loose root KPIs with their own paths and positional fallback ids', () => {
    const c = ok('{ "objectives": [], "kpis": [{ "name": "Reverts", "metric": "revertRate" }, { "name": "!!!", "manual": true }] }');
    assert.deepEqual(c.looseKpis, [
      { id: 'reverts', name: 'Reverts', metric: 'revertRate', path: ['kpis', 0] },
      { id: 'kpi-2', name: '!!!', manual: true, path: ['kpis', 1] },
    ]);
    assert.deepEqual(c.objectives, []);
  });

  it('an invalid regular expression in fixPatterns is a regex error at that string', () => {
    const text = '{ "repository": { "fixPatterns": ["^fix:", "(unclosed", "[z-a]"] }, "objectives": [] }';
    const r = parseKpiFile(text);
    assert.equal(r.config, undefined);
    assert.deepEqual(
      r.problems.map((p) => ({ code: p.code, severity: p.severity, offset: p.offset, length: p.length })),
      [
        { code: 'regex', severity: 'error', ...rangeOf(text, '"(unclosed"') },
        { code: 'regex', severity: 'error', ...rangeOf(text, '"[z-a]"') },
      ],
    );
    for (const p of r.problems) assert.match(p.message, /^Invalid regular expression \(RE2 syntax\): /);
  });

  it('an invalid regular expression in botPatterns is a regex error too (escaped in JSON)', () => {
    const text = '{ "repository": { "botPatterns": ["\\\\"] }, "objectives": [] }';
    assert.deepEqual(
      parseKpiFile(text).problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [['regex', '"\\\\"']],
    );
  });

  it('a nested quantifier is fine on the linear-time engine: no problem, and the file is usable', () => {
    const text = '{ "repository": { "fixPatterns": ["^fix:", "(a+)+$"], "botPatterns": ["(x*)*"] }, "objectives": [] }';
    const r = parseKpiFile(text);
    assert.ok(r.config);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config.repository.fixPatterns, ['^fix:', '(a+)+$']);
  });

  it('lookaround and backreferences are refused: errors at the string, and the file is not evaluated', () => {
    const text = '{ "repository": { "fixPatterns": ["(?=fix)f", "(a)\\\\1"] }, "objectives": [] }';
    const r = parseKpiFile(text);
    assert.equal(r.config, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.severity, text.slice(p.offset, p.offset + p.length)]),
      [
        ['regex', 'error', '"(?=fix)f"'],
        ['regex', 'error', '"(a)\\\\1"'],
      ],
    );
  });

  it('an unbalanced brace in a path or tag glob is a glob error at that string', () => {
    const text = '{ "repository": { "excludePaths": ["docs/**", "{a,b"], "releaseTagPattern": "v{1,2" }, "objectives": [] }';
    const r = parseKpiFile(text);
    assert.equal(r.config, undefined);
    assert.deepEqual(
      r.problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [
        ['glob', '"{a,b"'],
        ['glob', '"v{1,2"'],
      ],
    );
  });

  it('reads every repository setting', () => {
    const c = ok(fs.readFileSync(path.join(CORPUS, 'valid-repository.kpi.json'), 'utf8'));
    assert.deepEqual(c.repository, {
      mainBranch: 'release/2.x',
      botPatterns: ['\\[bot\\]$', '^ci-'],
      fixPatterns: ['^fix:', '\\bhotfix\\b'],
      aliases: { 'ann@example.com': ['ann@old.example.com', 'Ann B.'], constructor: ['x'] },
      excludePaths: ['*.lock', 'vendor/**'],
      releaseTagPattern: 'release-*',
    });
  });

  it('an unknown key is a warning at the key; the file stays usable without it', () => {
    const text = '{ "objectives": [{ "name": "O", "kpis": [], "deadline": "soon" }], "extra": { "a": 1 } }';
    const r = parseKpiFile(text);
    assert.ok(r.config);
    assert.deepEqual(r.problems.map(brief), [
      {
        code: 'unknown-key',
        severity: 'warning',
        ...rangeOf(text, '"extra"'),
        message: 'Unknown property "extra" in kpi.json: it is ignored.',
      },
      {
        code: 'unknown-key',
        severity: 'warning',
        ...rangeOf(text, '"deadline"'),
        message: 'Unknown property "deadline" in objectives.0: it is ignored.',
      },
    ]);
    assert.equal('deadline' in r.config.objectives[0]!, false);
  });
});

// ---- the schema and the validator agree ----

interface CorpusFile {
  readonly name: string;
  readonly text: string;
  readonly verdict: 'valid' | 'schema-invalid' | 'semantic';
  readonly why: string;
  readonly codes: readonly string[];
}

function corpus(): CorpusFile[] {
  return fs
    .readdirSync(CORPUS)
    .filter((f) => f.endsWith('.kpi.json'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(CORPUS, name), 'utf8');
      const m = /^\/\/ (valid|schema-invalid|semantic): (.+)\n\/\/ codes: (.+)\n/.exec(text);
      assert.ok(m, `${name} starts with "// <verdict>: <why>" and "// codes: ..."`);
      return { name, text, verdict: m[1] as CorpusFile['verdict'], why: m[2]!, codes: m[3] === 'none' ? [] : m[3]!.split(/,\s*/) };
    });
}

/** Problems that come from the JSON schema (not from the checks the schema cannot express). */
const SCHEMA_CODES = new Set(['required', 'enum', 'unknown-metric', 'unknown-key']);
const isSchemaProblem = (p: Problem): boolean => SCHEMA_CODES.has(p.code) || p.code.startsWith('schema-');

describe('core/kpiFile model: the schema and the validator agree on a corpus', () => {
  const files = corpus();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);

  it('has valid, schema-invalid and semantically invalid files', () => {
    const count = (v: string): number => files.filter((f) => f.verdict === v).length;
    assert.ok(count('valid') >= 8 && count('schema-invalid') >= 25 && count('semantic') >= 9, JSON.stringify(files.map((f) => f.name)));
  });

  for (const file of corpus()) {
    it(`${file.name}: ${file.verdict} (${file.why})`, () => {
      // The schema alone, on plain JSON (comments stripped; JSON.parse keeps "__proto__" as a key).
      const value: unknown = JSON.parse(stripComments(file.text));
      const schemaValid = validate(value) === true;
      const r = parseKpiFile(file.text);
      wellFormed(file.text, r);
      assert.equal(
        schemaValid,
        !r.problems.some(isSchemaProblem),
        `Ajv ${JSON.stringify(validate.errors)} vs ${JSON.stringify(r.problems)}`,
      );
      assert.equal(schemaValid, file.verdict !== 'schema-invalid', `Ajv says ${schemaValid ? 'valid' : 'invalid'}`);
      assert.deepEqual([...new Set(r.problems.map((p) => p.code))].sort(), [...file.codes].sort());
      if (file.verdict === 'valid') assert.ok(r.config);
      if (file.verdict === 'semantic') assert.ok(r.problems.every((p) => !isSchemaProblem(p)));
    });
  }

  it('words the schema keywords it translates exactly as ajv does', () => {
    const long = (n: number): string => JSON.stringify('u'.repeat(n));
    const cases: [keyword: string, where: string, text: string][] = [
      ['type', 'objectives.0.kpis.0.window', one('{ "name": "K", "metric": "commitFrequency", "window": 4 }')],
      ['pattern', 'objectives.0.kpis.0.window', one('{ "name": "K", "metric": "commitFrequency", "window": "4 weeks" }')],
      ['minLength', 'objectives.0.kpis.0.name', one('{ "name": "", "metric": "commitFrequency" }')],
      ['maxLength', 'objectives.0.kpis.0.unit', one(`{ "name": "K", "metric": "commitFrequency", "unit": ${long(33)} }`)],
      [
        'maxItems',
        'repository.botPatterns',
        `{ "objectives": [], "repository": { "botPatterns": [${Array<string>(101).fill('"x"').join(', ')}] } }`,
      ],
      [
        'exclusiveMinimum',
        'objectives.0.kpis.0.target.warning',
        one('{ "name": "K", "metric": "commitFrequency", "target": { "direction": "atLeast", "value": 1, "warning": 0 } }'),
      ],
    ];
    for (const [keyword, where, text] of cases) {
      assert.equal(validate(JSON.parse(text)), false, text);
      const ajvError = validate.errors?.find((e) => e.keyword === keyword && e.instancePath === `/${where.replace(/\./g, '/')}`);
      assert.ok(ajvError?.message, `ajv reports ${keyword} at ${where}: ${JSON.stringify(validate.errors)}`);
      const problems = parseKpiFile(text).problems.filter((p) => p.code === `schema-${keyword}`);
      assert.deepEqual(
        problems.map(brief).map((p) => p.message),
        [`${where} ${ajvError.message}.`],
        keyword,
      );
      assert.notEqual(problems[0]!.text.template, '{0} {1}.', `${keyword} has a template of its own`);
    }
  });

  it('the fixtures and every template are valid for both', () => {
    const texts = [fixture('valid.kpi.json'), fixture('e2e.kpi.json'), ...TEMPLATES.map((t) => t.text('2026-07-01'))];
    for (const text of texts) {
      // valid.kpi.json has trailing commas: strip them the way JSONC allows
      const value: unknown = JSON.parse(stripComments(text).replace(/,(\s*[}\]])/g, '$1'));
      assert.equal(validate(value), true, JSON.stringify(validate.errors));
      assert.deepEqual(parseKpiFile(text).problems.filter(isSchemaProblem), []);
    }
  });
});

// ---- robustness ----

/** Texts every prefix of which must parse without throwing. */
function validTexts(): string[] {
  return [
    ...corpus()
      .filter((f) => f.verdict === 'valid')
      .map((f) => f.text),
    fixture('valid.kpi.json'),
    ...TEMPLATES.map((t) => t.text('2026-07-01')),
  ];
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

type Tree = { o: [string, Tree][] } | { a: Tree[] } | { v: string | number | boolean | null };

/** Serialises a tree to JSON text with keys exactly as given (a JS object could not hold `__proto__`). */
function serialise(t: Tree): string {
  if ('o' in t) return `{${t.o.map(([k, v]) => `${JSON.stringify(k)}: ${serialise(v)}`).join(', ')}}`;
  if ('a' in t) return `[${t.a.map(serialise).join(', ')}]`;
  return JSON.stringify(t.v);
}

const KEYS = [
  ...PROTO_KEYS,
  'objectives',
  'kpis',
  'name',
  'id',
  'metric',
  'manual',
  'target',
  'direction',
  'value',
  'timeframe',
  'start',
  'end',
  'duration',
  'review',
  'dates',
  'guardrail',
  'repository',
  'fixPatterns',
  'aliases',
  'toString',
  'hasOwnProperty',
];
const SCALARS = fc.oneof(
  fc.constantFrom<string | number | boolean | null>(
    'commitFrequency',
    'atLeast',
    'range',
    '2026-02-30',
    '2026-01-01',
    '1q',
    'weekly',
    '(a+)+',
    '(',
    'a',
    '',
    true,
    false,
    null,
    0,
    -1,
    1e308,
  ),
  fc.string({ maxLength: 8 }),
  fc.double(),
);

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    SCALARS.map((v): Tree => ({ v })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('t')), { maxLength: 5 }).map((o): Tree => ({ o })),
    fc.array(tie('t'), { maxLength: 4 }).map((a): Tree => ({ a })),
  ),
})).t;

/** Every object and array reachable from `v`, to check prototypes. */
function walk(v: unknown, seen = new Set<unknown>()): unknown[] {
  if (v === null || typeof v !== 'object' || seen.has(v)) return [];
  seen.add(v);
  return [v, ...Object.values(v as object).flatMap((c) => walk(c, seen))];
}

function assertNoPollution(r: ParseResult): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).objectives, undefined);
  assert.equal(({} as Record<string, unknown>).name, undefined);
  assert.equal(Object.prototype.toString, OBJECT_TO_STRING);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), OBJECT_PROTO_KEYS);
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), ARRAY_PROTO_KEYS);
  for (const o of walk(r.config)) {
    const proto = Object.getPrototypeOf(o);
    assert.ok(proto === Object.prototype || proto === Array.prototype, 'config objects are plain');
  }
}

const OBJECT_TO_STRING = Object.prototype.toString;
const OBJECT_PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();

describe('core/kpiFile model: never throws, never pollutes', () => {
  it('every prefix of every valid file parses without throwing, to a well-formed result', () => {
    for (const text of validTexts()) {
      for (let n = 0; n <= text.length; n += 1 + Math.floor(n / 400)) {
        const prefix = text.slice(0, n);
        wellFormed(prefix, parseKpiFile(prefix));
      }
    }
  });

  it('property: random prefixes of valid files, with random suffixes, never throw', () => {
    const texts = validTexts();
    fc.assert(
      fc.property(
        fc.nat({ max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ maxLength: 6 }),
        (i, share, tail) => {
          const t = texts[i]!;
          const text = t.slice(0, Math.floor(t.length * share)) + tail;
          wellFormed(text, parseKpiFile(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: random JSON documents and random strings never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
          fc.string({ maxLength: 200 }),
          fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '/', '*', '\n', 'a', '1') }),
        ),
        (text) => {
          wellFormed(text, parseKpiFile(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: random kpi-like trees with __proto__, constructor and prototype keys anywhere never throw or pollute', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const text = serialise(t);
        const r = parseKpiFile(text);
        wellFormed(text, r);
        assertNoPollution(r);
      }),
      { numRuns: 500 },
    );
  });

  it('property: prototype keys spliced into a valid file anywhere an object starts do not pollute', () => {
    const base = fs.readFileSync(path.join(CORPUS, 'valid-full-objective.kpi.json'), 'utf8');
    const starts = [...base.matchAll(/\{/g)].map((m) => m.index!);
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.constantFrom(...PROTO_KEYS), tree, (at, key, value) => {
        const text = `${base.slice(0, at + 1)} ${JSON.stringify(key)}: ${serialise(value)},${base.slice(at + 1)}`;
        const r = parseKpiFile(text);
        wellFormed(text, r);
        assertNoPollution(r);
        // the key is never taken as a member: a warning at most
        assert.ok(r.problems.some((p) => p.code === 'unknown-key' || p.severity === 'error'));
      }),
      { numRuns: 300 },
    );
  });

  it('__proto__ inside a KPI does not change its id, prototype or members', () => {
    const text = one(
      '{ "name": "K", "metric": "fixShare", "__proto__": { "id": "evil", "metric": "leadTime", "polluted": true }, "constructor": { "id": "evil" } }',
    );
    const r = parseKpiFile(text);
    assert.ok(r.config);
    const k = r.config.objectives[0]!.kpis[0]!;
    assert.equal(k.id, 'k');
    assert.equal(k.metric, 'fixShare');
    assert.equal(Object.getPrototypeOf(k), Object.prototype);
    assert.equal((k as unknown as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(k).sort(), ['id', 'metric', 'name', 'path']);
    assert.deepEqual(
      r.problems.map((p) => [p.code, text.slice(p.offset, p.offset + p.length)]),
      [
        ['unknown-key', '"__proto__"'],
        ['unknown-key', '"constructor"'],
      ],
    );
    assertNoPollution(r);
  });

  it('__proto__ as an alias key stays an own key of the aliases', () => {
    const r = parseKpiFile('{ "repository": { "aliases": { "__proto__": ["x"], "prototype": ["y"] } }, "objectives": [] }');
    assert.deepEqual(r.problems, []);
    const aliases = r.config!.repository.aliases!;
    assert.deepEqual(Object.keys(aliases), ['__proto__', 'prototype']);
    assert.equal(Object.getPrototypeOf(aliases), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(aliases, '__proto__')?.value, ['x']);
    assertNoPollution(r);
  });
});

describe('core/kpiFile model: a large file', () => {
  it('a file with 3000 KPIs (with guardrails and loose KPIs) validates to the right config', () => {
    const kpis: string[] = [];
    for (let i = 0; i < 3000; i++) {
      kpis.push(
        i % 2 === 0
          ? `{ "id": "k${i}", "name": "Speed ${i}", "metric": "leadTime", "target": { "direction": "atMost", "value": ${i + 1} }, "guardrail": "k${i + 1}" }`
          : `{ "id": "k${i}", "name": "Quality ${i}", "metric": "revertRate", "window": "${(i % 52) + 1}w" }`,
      );
    }
    const objectives = Array.from(
      { length: 30 },
      (_, o) =>
        `{ "id": "o${o}", "name": "Objective ${o}", "timeframe": { "start": "2026-01-01", "duration": "${o + 1}w" }, "kpis": [${kpis.slice(o * 100, o * 100 + 100).join(',\n')}] }`,
    );
    const text = `// 3000 KPIs\n{ "objectives": [${objectives.join(',\n')}], "kpis": [{ "id": "loose", "name": "Loose", "manual": true, "guardrail": "k2999" }] }`;
    const r = parseKpiFile(text);
    assert.deepEqual(r.problems, []);
    assert.ok(r.config);
    const all = r.config.objectives.flatMap((o) => o.kpis);
    assert.equal(all.length, 3000);
    assert.equal(new Set(all.map((k) => k.id)).size, 3000);
    assert.deepEqual(all[2999], {
      id: 'k2999',
      name: 'Quality 2999',
      metric: 'revertRate',
      window: '36w',
      path: ['objectives', 29, 'kpis', 99],
    });
    assert.deepEqual(all[1234], {
      id: 'k1234',
      name: 'Speed 1234',
      metric: 'leadTime',
      target: { direction: 'atMost', value: 1235 },
      guardrail: 'k1235',
      path: ['objectives', 12, 'kpis', 34],
    });
    assert.deepEqual(
      r.config.looseKpis.map((k) => k.guardrail),
      ['k2999'],
    );
    // one broken reference among 3000 is found, at its place
    const broken = text.replace('"guardrail": "k2001"', '"guardrail": "k9999"');
    assert.deepEqual(
      parseKpiFile(broken).problems.map((p) => [p.code, broken.slice(p.offset, p.offset + p.length)]),
      [['unknown-guardrail', '"k9999"']],
    );
  });
});
