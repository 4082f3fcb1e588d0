// SMART checks of kpi.json: each warning with its exact range and message, the fixes they
// carry, the Attainable check from an evaluation of a temporary repository, suggestTarget.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import type { Evaluation } from '../../../../src/core/evaluation/types';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { allProblems, attainabilityText, smartProblems, suggestTarget, type SmartProblem } from '../../../../src/core/kpiJson/smart';
import { readHistory } from '../../helpers/history';
import { tempSpace } from '../../helpers/tempRepo';
import { rangeOf } from '../../helpers/fixtures';
import { checkText } from '../../helpers/problems';

/** The exact range of the `n`-th occurrence of `needle` (quotes included when given). */
function parsed(text: string): {
  config: NonNullable<ReturnType<typeof parseKpiFile>['config']>;
  root: NonNullable<ReturnType<typeof parseKpiFile>['root']>;
} {
  const r = parseKpiFile(text);
  assert.deepEqual(
    r.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.ok(r.config && r.root);
  return { config: r.config, root: r.root };
}

function brief(p: SmartProblem): object {
  checkText(p);
  return { code: p.code, severity: p.severity, offset: p.offset, length: p.length, message: p.message, ...(p.fix ? { fix: p.fix } : {}) };
}

export const SMART_FIXTURE = `// Every SMART warning once, and KPIs that raise none.
{
  "objectives": [
    {
      "id": "flow",
      // No time frame: not Time-bound.
      "name": "Flow without a deadline",
      "kpis": [
        /* No target: not Measurable (it has its guardrail). */
        { "id": "no-target", "name": "Commits, untargeted", "metric": "commitFrequency", "window": "1w", "guardrail": "quality" },
        // A speed KPI alone: no guardrail.
        { "id": "speed", "name": "Lead time alone", "metric": "leadTime", "target": { "direction": "atMost", "value": 48 } },
        { "id": "quality", "name": "Revert rate", "metric": "revertRate", "target": { "direction": "atMost", "value": 5 } },
        { "id": "activity", "name": "Coding days", "metric": "codingDays", "target": { "direction": "atLeast", "value": 3 } },
        { "id": "manual-untargeted", "name": "Survey, untargeted", "manual": true }
      ]
    },
    { "id": "empty", "name": "An objective without KPIs", "kpis": [] },
    {
      "id": "timed",
      "name": "Timed and complete",
      "timeframe": { "start": "2024-01-01", "duration": "1y" },
      "kpis": [
        { "id": "unattainable", "name": "Unattainable", "metric": "commitFrequency", "window": "1w", "target": { "direction": "atLeast", "value": 1000 }, "guardrail": "quality" },
        { "id": "attainable", "name": "Attainable", "metric": "commitFrequency", "window": "1w", "target": { "direction": "atLeast", "value": 3 }, "guardrail": "quality" }
      ]
    }
  ],
  // Outside any objective: not Relevant.
  "kpis": [{ "id": "loose", "name": "Loose fix share", "metric": "fixShare", "target": { "direction": "atMost", "value": 30 } }]
}
`;

describe('core/smart smartProblems without an evaluation', () => {
  const text = SMART_FIXTURE;

  it('reports each warning at its exact range, in file order, with its fix', () => {
    const { config, root } = parsed(text);
    assert.deepEqual(smartProblems(config, root).map(brief), [
      {
        code: 'smart-time-bound',
        severity: 'warning',
        ...rangeOf(text, '"Flow without a deadline"'),
        message: '"Flow without a deadline" has no time frame, so its KPIs are not Time-bound: add a start and an end or duration.',
        fix: { kind: 'addTimeframe', objectivePath: ['objectives', 0] },
      },
      {
        code: 'smart-measurable',
        severity: 'warning',
        ...rangeOf(text, '"Commits, untargeted"'),
        message: '"Commits, untargeted" has no target, so it is not Measurable: add a target with a direction.',
      },
      {
        code: 'smart-guardrail',
        severity: 'warning',
        ...rangeOf(text, '"leadTime"'),
        message:
          'Lead time for changes is a speed KPI without a quality guardrail: pushing it alone can lower quality. Pair it with a quality KPI through "guardrail".',
        fix: { kind: 'addGuardrail', kpiPath: ['objectives', 0, 'kpis', 1], kpiId: 'speed', window: undefined },
      },
      {
        code: 'smart-measurable',
        severity: 'warning',
        ...rangeOf(text, '"Survey, untargeted"'),
        message: '"Survey, untargeted" has no target, so it is not Measurable: add a target with a direction.',
      },
      {
        code: 'smart-relevant',
        severity: 'warning',
        ...rangeOf(text, '"Loose fix share"'),
        message: '"Loose fix share" belongs to no objective, so it is not tied to a goal (Relevant): move it into an objective.',
      },
    ]);
  });

  it('a loose speed KPI gets both Relevant and guardrail warnings, with the KPI window on the fix', () => {
    const t =
      '{ "objectives": [], "kpis": [{ "id": "f", "name": "Frequency", "metric": "integrationFrequency", "window": "2w", "target": { "direction": "atLeast", "value": 5 } }] }';
    const { config, root } = parsed(t);
    assert.deepEqual(smartProblems(config, root).map(brief), [
      {
        code: 'smart-relevant',
        severity: 'warning',
        ...rangeOf(t, '"Frequency"'),
        message: '"Frequency" belongs to no objective, so it is not tied to a goal (Relevant): move it into an objective.',
      },
      {
        code: 'smart-guardrail',
        severity: 'warning',
        ...rangeOf(t, '"integrationFrequency"'),
        message:
          'Integration frequency is a speed KPI without a quality guardrail: pushing it alone can lower quality. Pair it with a quality KPI through "guardrail".',
        fix: { kind: 'addGuardrail', kpiPath: ['kpis', 0], kpiId: 'f', window: '2w' },
      },
    ]);
  });

  it('every speed metric needs a guardrail; quality and activity metrics do not', () => {
    const speed = ['commitFrequency', 'integrationFrequency', 'changeSize', 'bugFixTurnaround', 'deploymentFrequency', 'leadTime'];
    const other = ['activeContributors', 'codingDays', 'fixShare', 'revertRate', 'reviewCoverage', 'changeFailureRate'];
    const kpis = [...speed, ...other].map(
      (m) => `{ "id": "${m}", "name": "${m} KPI", "metric": "${m}", "target": { "direction": "atLeast", "value": 1 } }`,
    );
    const t = `{ "objectives": [{ "name": "All", "timeframe": { "start": "2026-01-01", "end": "2026-12-31" }, "kpis": [${kpis.join(', ')}] }] }`;
    const { config, root } = parsed(t);
    const flagged = smartProblems(config, root).map((p) => [p.code, t.slice(p.offset + 1, p.offset + p.length - 1)]);
    assert.deepEqual(
      flagged,
      speed.map((m) => ['smart-guardrail', m]),
    );
  });

  it('a complete file has no SMART warning', () => {
    const t = `{ "objectives": [{ "name": "Done right", "timeframe": { "start": "2026-01-01", "duration": "1q" },
      "kpis": [{ "id": "a", "name": "A", "metric": "changeSize", "target": { "direction": "atMost", "value": 200 }, "guardrail": "b" },
               { "id": "b", "name": "B", "metric": "reviewCoverage", "target": { "direction": "atLeast", "value": 80 } }] }] }`;
    const { config, root } = parsed(t);
    assert.deepEqual(smartProblems(config, root), []);
  });

  it('allProblems lists parse problems first, then SMART warnings; none of SMART for an invalid file', () => {
    const t =
      '{ "objectives": [{ "name": "O", "kpis": [{ "name": "K", "metric": "revertRate", "target": { "direction": "atMost", "value": 1 } }] }], "extra": 1 }';
    const { parse, problems } = allProblems(t);
    assert.ok(parse.config);
    assert.deepEqual(
      problems.map((p) => p.code),
      ['unknown-key', 'smart-time-bound'],
    );
    const invalid = allProblems('{ "objectives": [{ "name": "O", "kpis": [{ "name": "K" }] }] }');
    assert.equal(invalid.parse.config, undefined);
    assert.ok(invalid.problems.length > 0);
    assert.ok(invalid.problems.every((p) => !p.code.startsWith('smart-')));
  });
});

describe('core/smart with an evaluation of a temporary repository', () => {
  const space = tempSpace();
  let late: Evaluation;
  let early: Evaluation;

  before(async () => {
    // 3 commits in each ISO week from Monday 2024-01-01 through the week of 2024-02-05.
    const repo = space.repo();
    for (let w = 0; w < 6; w++) {
      for (let j = 0; j < 3; j++) repo.emptyCommit(`work ${w}.${j}`, new Date(Date.UTC(2024, 0, 1 + 7 * w + j, 12)).toISOString());
    }
    const history = await readHistory(repo.dir);
    const { config } = parsed(SMART_FIXTURE);
    late = evaluate(config, history, new Date('2024-02-12T00:00:00Z')); // 6 complete weeks of data
    early = evaluate(config, history, new Date('2024-01-22T00:00:00Z')); // 3 complete weeks of data
  });

  it('the evaluation saw the weeks the test relies on', () => {
    const unattainable = late.objectives[2]!.kpis[0]!;
    assert.deepEqual(unattainable.attainability, { met: 0, of: 6 });
    assert.deepEqual(late.objectives[2]!.kpis[1]!.attainability, { met: 6, of: 6 });
    assert.deepEqual(early.objectives[2]!.kpis[0]!.attainability, { met: 0, of: 3 });
  });

  it('warns at the target when it was met in none of ≥ 4 past weeks', () => {
    const text = SMART_FIXTURE;
    const { config, root } = parsed(text);
    const attainable = smartProblems(config, root, late).filter((p) => p.code === 'smart-attainable');
    assert.deepEqual(attainable.map(brief), [
      {
        code: 'smart-attainable',
        severity: 'warning',
        ...rangeOf(text, '{ "direction": "atLeast", "value": 1000 }'),
        message: 'This target was met in 0 of the last 6 weeks of history: is it Attainable?',
      },
    ]);
  });

  it('does not judge attainability from fewer than 4 weeks', () => {
    const { config, root } = parsed(SMART_FIXTURE);
    assert.deepEqual(
      smartProblems(config, root, early).filter((p) => p.code === 'smart-attainable'),
      [],
    );
  });

  it('an untargeted git KPI with a value gets a setTarget fix 10% better than its value', () => {
    const text = SMART_FIXTURE;
    const { config, root } = parsed(text);
    const measurable = smartProblems(config, root, late).filter((p) => p.code === 'smart-measurable');
    assert.equal(late.objectives[0]!.kpis[0]!.value, 3);
    assert.deepEqual(measurable.map(brief), [
      {
        code: 'smart-measurable',
        severity: 'warning',
        ...rangeOf(text, '"Commits, untargeted"'),
        message: '"Commits, untargeted" has no target, so it is not Measurable: add a target with a direction.',
        fix: { kind: 'setTarget', kpiPath: ['objectives', 0, 'kpis', 0], direction: 'atLeast', value: 3.3 },
      },
      {
        // a manual KPI has no metric to suggest from
        code: 'smart-measurable',
        severity: 'warning',
        ...rangeOf(text, '"Survey, untargeted"'),
        message: '"Survey, untargeted" has no target, so it is not Measurable: add a target with a direction.',
      },
    ]);
  });
});

describe('core/smart suggestTarget and attainabilityText', () => {
  it('suggests 10% better than the baseline: two significant digits below 1, one decimal below 10, whole numbers above', () => {
    assert.equal(suggestTarget(3, 'higher'), 3.3);
    assert.equal(suggestTarget(3, 'lower'), 2.7);
    assert.equal(suggestTarget(100, 'higher'), 110);
    assert.equal(suggestTarget(100, 'lower'), 90);
    assert.equal(suggestTarget(9.5, 'higher'), 10); // 10.45 → whole
    assert.equal(suggestTarget(11, 'lower'), 9.9); // 9.9 stays at 1 decimal
    assert.equal(suggestTarget(48.3, 'lower'), 43); // 43.47
    assert.equal(suggestTarget(0.25, 'lower'), 0.23); // 0.225 → 0.23
    // A KPI that should rise is never offered what it already has: 0 → 1, not 0.
    assert.equal(suggestTarget(0, 'higher'), 1);
    assert.equal(suggestTarget(0.02, 'higher'), 0.022);
    assert.equal(suggestTarget(0, 'lower'), 0);
  });

  it('offers a rising KPI a target above its baseline, and a falling one no more than its baseline (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), (b) => {
        assert.ok(suggestTarget(b, 'higher') > b, `higher from ${b}: ${suggestTarget(b, 'higher')}`);
        assert.ok(suggestTarget(b, 'lower') <= b + 1e-9, `lower from ${b}: ${suggestTarget(b, 'lower')}`);
      }),
    );
  });

  it('describes attainability', () => {
    assert.equal(attainabilityText({ met: 3, of: 26 }), 'met in 3 of the last 26 weeks');
    assert.equal(attainabilityText({ met: 0, of: 4 }), 'met in 0 of the last 4 weeks');
  });
});
