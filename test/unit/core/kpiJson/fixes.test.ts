// Quick fixes for SMART warnings: each keeps every comment and the file's formatting,
// yields a file without errors, and removes its warning. minimalEdit on random strings.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import type { Evaluation } from '../../../../src/core/evaluation/types';
import { applyEdits } from 'jsonc-parser';
import { fixEdits, formattingOf, minimalEdit } from '../../../../src/core/kpiJson/fixes';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import type { KpiConfig, KpiDefinition } from '../../../../src/core/kpiJson/model';
import { allProblems, didYouMean, smartProblems, type SmartFix, type SmartProblem } from '../../../../src/core/kpiJson/smart';
import { readHistory } from '../../helpers/history';
import { tempSpace } from '../../helpers/tempRepo';
import { comments } from '../../helpers/fixtures';

const TODAY = '2026-07-01';

/** Every comment in a JSONC text, in order. */
function parse(text: string): { config: KpiConfig; problems: SmartProblem[] } {
  const r = parseKpiFile(text);
  assert.deepEqual(
    r.problems.filter((p) => p.severity === 'error'),
    [],
    text,
  );
  assert.ok(r.config && r.root);
  return { config: r.config, problems: smartProblems(r.config, r.root) };
}

function kpi(config: KpiConfig, id: string): KpiDefinition {
  const k = [...config.objectives.flatMap((o) => o.kpis), ...config.looseKpis].find((d) => d.id === id);
  assert.ok(k, id);
  return k;
}

/** LF with two-space indentation. */
const SPACES = `// Team KPIs (comment 1)
{
  /* comment 2: objectives */
  "objectives": [
    {
      "id": "flow",
      "name": "Flow", // comment 3: no time frame yet
      "kpis": [
        // comment 4: before the KPI
        {
          "id": "deploys",
          "name": "Deployment frequency",
          "metric": "deploymentFrequency", // comment 5
          "window": "8w"
        },
        {
          "id": "commits",
          "name": "Commits",
          "metric": "commitFrequency",
          "window": "1w",
          "guardrail": "reverts"
          // comment 6: no target yet
        },
        { "id": "reverts", "name": "Reverts", "metric": "revertRate", "target": { "direction": "atMost", "value": 5 } }
      ]
    }
  ],
  // comment 7: a loose speed KPI
  "kpis": [
    { "id": "size", "name": "Change size", "metric": "changeSize", "target": { "direction": "atMost", "value": 200 } }
  ]
  /* comment 8: the end */
}
`;

/** The same file with tabs and CRLF. */
const TABS_CRLF = SPACES.split('\n')
  .map((line) => line.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)))
  .join('\r\n');

const VARIANTS: readonly [string, string][] = [
  ['two spaces, LF', SPACES],
  ['tabs, CRLF', TABS_CRLF],
];

/** Checks the formatting of every line the fix added or changed. */
function assertFormatting(before: string, after: string): void {
  const crlf = before.includes('\r\n');
  if (crlf) assert.ok(!/(^|[^\r])\n/.test(after), 'a lone LF in a CRLF file');
  else assert.ok(!after.includes('\r'), 'a CR in an LF file');
  const tabs = /\n\t/.test(before);
  for (const line of after.split(/\r?\n/)) {
    if (tabs) assert.ok(!/^ /.test(line), `space indentation in a tab file: ${JSON.stringify(line)}`);
    else assert.ok(!/^\t/.test(line), `tab indentation in a space file: ${JSON.stringify(line)}`);
  }
}

/** Applies the fix and checks the common guarantees; returns the new text. */
function applyFix(text: string, fix: SmartFix): string {
  const edits = fixEdits(text, fix, TODAY);
  assert.ok(edits.length > 0);
  const after = applyEdits(text, edits);
  assert.deepEqual(comments(after), comments(text), 'every comment kept, in order');
  assert.equal(comments(text).length, 8);
  assertFormatting(text, after);
  const r = parseKpiFile(after);
  assert.deepEqual(
    r.problems.filter((p) => p.severity === 'error'),
    [],
    after,
  );
  return after;
}

function warningAt(problems: readonly SmartProblem[], code: string, text: string, needle: string): SmartProblem | undefined {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return problems.find((p) => p.code === code && p.offset === offset);
}

describe('core/fixes formattingOf', () => {
  it('reads indentation and line ends from the file', () => {
    assert.deepEqual(formattingOf(SPACES), { insertSpaces: true, tabSize: 2, eol: '\n' });
    assert.deepEqual(formattingOf(TABS_CRLF), { insertSpaces: false, tabSize: 1, eol: '\r\n' });
    assert.deepEqual(formattingOf('{\n    "objectives": []\n}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOf('{"objectives": []}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });
});

for (const [variant, text] of VARIANTS) {
  describe(`core/fixes fixEdits (${variant})`, () => {
    it('addTimeframe adds a quarter from today and removes smart-time-bound', () => {
      const { problems } = parse(text);
      const warning = warningAt(problems, 'smart-time-bound', text, '"Flow"');
      assert.ok(warning?.fix);
      const after = applyFix(text, warning.fix);
      const { config, problems: left } = parse(after);
      assert.deepEqual(config.objectives[0]!.timeframe, { start: TODAY, duration: '1q' });
      assert.deepEqual(
        left.filter((p) => p.code === 'smart-time-bound'),
        [],
      );
      // nothing else changed
      assert.deepEqual(
        left.map((p) => p.code),
        problems.filter((p) => p.code !== 'smart-time-bound').map((p) => p.code),
      );
    });

    it('setTarget writes the suggested target and removes smart-measurable', () => {
      const { problems } = parse(text);
      const warning = warningAt(problems, 'smart-measurable', text, '"Commits"');
      assert.ok(warning);
      assert.equal(warning.fix, undefined, 'no value, no suggestion without an evaluation');
      const fix: SmartFix = { kind: 'setTarget', kpiPath: ['objectives', 0, 'kpis', 1], direction: 'atLeast', value: 3.3 };
      const after = applyFix(text, fix);
      const { config, problems: left } = parse(after);
      assert.deepEqual(kpi(config, 'commits').target, { direction: 'atLeast', value: 3.3 });
      assert.equal(warningAt(left, 'smart-measurable', after, '"Commits"'), undefined);
    });

    it('addGuardrail links a new revert-rate KPI with the same window and removes smart-guardrail', () => {
      const { problems } = parse(text);
      const warning = warningAt(problems, 'smart-guardrail', text, '"deploymentFrequency"');
      assert.deepEqual(warning?.fix, { kind: 'addGuardrail', kpiPath: ['objectives', 0, 'kpis', 0], kpiId: 'deploys', window: '8w' });
      const edits = fixEdits(text, warning!.fix!, TODAY);
      assert.equal(edits.length, 1, 'one edit: one undo step');
      const after = applyFix(text, warning!.fix!);
      const { config, problems: left } = parse(after);
      assert.equal(kpi(config, 'deploys').guardrail, 'deploys-guardrail');
      const added = kpi(config, 'deploys-guardrail');
      assert.deepEqual(
        { name: added.name, metric: added.metric, target: added.target, window: added.window, path: added.path },
        {
          name: 'Revert rate (guardrail)',
          metric: 'revertRate',
          target: { direction: 'atMost', value: 5 },
          window: '8w',
          path: ['objectives', 0, 'kpis', 3],
        },
      );
      assert.equal(warningAt(left, 'smart-guardrail', after, '"deploymentFrequency"'), undefined);
      assert.deepEqual(
        left.filter((p) => p.code === 'smart-guardrail').length,
        problems.filter((p) => p.code === 'smart-guardrail').length - 1,
      );
    });

    it('addGuardrail on a loose KPI appends to the loose KPIs; no window when the KPI has none', () => {
      const { problems } = parse(text);
      const warning = warningAt(problems, 'smart-guardrail', text, '"changeSize"');
      assert.deepEqual(warning?.fix, { kind: 'addGuardrail', kpiPath: ['kpis', 0], kpiId: 'size', window: undefined });
      const after = applyFix(text, warning!.fix!);
      const { config, problems: left } = parse(after);
      assert.equal(kpi(config, 'size').guardrail, 'size-guardrail');
      const added = kpi(config, 'size-guardrail');
      assert.deepEqual(added.path, ['kpis', 1]);
      assert.equal(added.window, undefined);
      assert.deepEqual(
        left.filter((p) => p.code === 'smart-guardrail'),
        problems.filter((p) => p.code === 'smart-guardrail' && p.offset < text.indexOf('"changeSize"')),
      );
    });

    it('addGuardrail picks a free id when the natural one is taken', () => {
      const taken = text.replace('"Commits"', '"deploys-guardrail"');
      const { problems } = parse(taken);
      const warning = warningAt(problems, 'smart-guardrail', taken, '"deploymentFrequency"');
      assert.ok(warning?.fix);
      const after = applyFix(taken, warning.fix);
      assert.equal(kpi(parse(after).config, 'deploys').guardrail, 'deploys-guardrail-2');
    });

    it('applying every fix in turn leaves only the warnings without a fix', () => {
      let current = text;
      for (let round = 0; round < 10; round++) {
        const fix = parse(current).problems.find((p) => p.fix)?.fix;
        if (!fix) break;
        current = applyFix(current, fix);
      }
      assert.deepEqual(
        parse(current).problems.map((p) => p.code),
        ['smart-measurable', 'smart-measurable', 'smart-relevant', 'smart-relevant'],
      );
    });
  });
}

describe('core/fixes setTarget from an evaluation', () => {
  const space = tempSpace();
  let evaluation: Evaluation;

  before(async () => {
    const repo = space.repo();
    for (let j = 0; j < 4; j++) repo.emptyCommit(`work ${j}`, `2024-01-0${1 + j}T12:00:00Z`);
    const history = await readHistory(repo.dir);
    evaluation = evaluate(parse(SPACES).config, history, new Date('2024-01-08T00:00:00Z'));
  });

  it('the suggested target comes from the current value and makes the warning go away', () => {
    const r = parseKpiFile(SPACES);
    const measurable = smartProblems(r.config!, r.root!, evaluation).filter((p) => p.code === 'smart-measurable');
    assert.equal(measurable.length, 2);
    assert.equal(measurable[0]!.fix, undefined, 'deployment frequency has no value without tags: no suggestion');
    const warning = measurable[1];
    assert.deepEqual(warning?.fix, { kind: 'setTarget', kpiPath: ['objectives', 0, 'kpis', 1], direction: 'atLeast', value: 4.4 });
    const after = applyFix(SPACES, warning!.fix!);
    const again = parseKpiFile(after);
    assert.deepEqual(kpi(again.config!, 'commits').target, { direction: 'atLeast', value: 4.4 });
    const left = smartProblems(again.config!, again.root!, evaluation).filter((p) => p.code === 'smart-measurable');
    assert.equal(warningAt(left, 'smart-measurable', after, '"Commits"'), undefined);
    assert.deepEqual(
      left.map((p) => after.slice(p.offset, p.offset + p.length)),
      ['"Deployment frequency"'],
    );
  });
});

describe('core/kpiJson/fixes minimalEdit (applied with jsonc-parser applyEdits)', () => {
  it('touches only the part that differs', () => {
    assert.deepEqual(minimalEdit('abcdef', 'abXYef'), { offset: 2, length: 2, content: 'XY' });
    assert.deepEqual(minimalEdit('aa', 'aaa'), { offset: 2, length: 0, content: 'a' });
    assert.deepEqual(minimalEdit('same', 'same'), { offset: 4, length: 0, content: '' });
    assert.deepEqual(minimalEdit('', 'new'), { offset: 0, length: 0, content: 'new' });
    assert.deepEqual(minimalEdit('old', ''), { offset: 0, length: 3, content: '' });
  });

  it('property: applying minimalEdit(before, after) to before gives after, with a minimal range', () => {
    const str = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '"'), maxLength: 40 }));
    fc.assert(
      fc.property(str, str, (before, after) => {
        const e = minimalEdit(before, after);
        if (applyEdits(before, [e]) !== after) return false;
        // the edit starts after the common prefix and ends before the common suffix
        if (before.slice(0, e.offset) !== after.slice(0, e.offset)) return false;
        const tail = before.length - e.offset - e.length;
        if (tail < 0 || before.slice(before.length - tail) !== after.slice(after.length - tail)) return false;
        return (
          e.length === 0 ||
          e.content.length === 0 ||
          (before[e.offset] !== e.content[0] && before[e.offset + e.length - 1] !== e.content[e.content.length - 1])
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('property: around a random splice, before and after differ exactly inside the edit', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 30 }),
        (pre, cut, ins, post) => {
          const before = pre + cut + post;
          const after = pre + ins + post;
          const e = minimalEdit(before, after);
          return applyEdits(before, [e]) === after && e.length <= cut.length && e.content.length <= ins.length;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('jsonc-parser applyEdits applies several non-overlapping edits in any order, as the fixes rely on', () => {
    const edits = [
      { offset: 0, length: 1, content: 'A' },
      { offset: 4, length: 2, content: '' },
      { offset: 2, length: 0, content: '++' },
    ];
    assert.equal(applyEdits('abcdefg', edits), 'Ab++cdg');
  });
});

describe('core/kpiJson/smart did you mean (unknown metric ids)', () => {
  it('proposes the closest metric id for a typo, a wrong case or swapped letters, and nothing for a different word', () => {
    const ids = ['commitFrequency', 'changeSize', 'leadTime', 'revertRate', 'changeFailureRate'];
    assert.equal(didYouMean('comitFrequency', ids), 'commitFrequency');
    assert.equal(didYouMean('CommitFrequency', ids), 'commitFrequency');
    assert.equal(didYouMean('laedTime', ids), 'leadTime');
    assert.equal(didYouMean('changeFailRate', ids), 'changeFailureRate');
    assert.equal(didYouMean('velocity', ids), undefined);
    assert.equal(didYouMean('', ids), undefined);
  });

  it('carries a fix that replaces only the value, keeping comments and layout', () => {
    const text =
      '{\n  // team goals\n  "objectives": [{ "name": "Flow", "kpis": [\n    { "name": "Commits", "metric": "comitFrequency" } // typo\n  ] }]\n}\n';
    const p = allProblems(text).problems.find((x) => x.code === 'unknown-metric') as SmartProblem;
    assert.ok(p, 'an unknown-metric problem');
    assert.deepEqual(p.fix, { kind: 'replaceValue', path: ['objectives', 0, 'kpis', 0, 'metric'], value: 'commitFrequency' });
    const fixed = applyEdits(text, fixEdits(text, p.fix!, '2026-01-01'));
    assert.equal(fixed, text.replace('comitFrequency', 'commitFrequency'));
    assert.deepEqual(
      parseKpiFile(fixed).problems.filter((x) => x.severity === 'error'),
      [],
    );
    const far = allProblems(text.replace('comitFrequency', 'velocity')).problems.find((x) => x.code === 'unknown-metric');
    assert.ok(far && !('fix' in far), 'no guess for a word that is not close');
  });
});
