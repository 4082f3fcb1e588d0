// The SMART "Attainable?" rule: thresholds must have held at least once in past weeks;
// improvement targets are new ground and are flagged only when far beyond the record.
import * as assert from 'node:assert/strict';
import type { Evaluation, KpiResult } from '../../../../src/core/evaluation/types';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import type { Target } from '../../../../src/core/kpiJson/model';
import { smartProblems, unattainable } from '../../../../src/core/kpiJson/smart';
import { meetsTarget } from '../../../../src/core/evaluation/status';
import { english } from '../../../../src/core/text/translatable';
import { zhTw } from '../../helpers/problems';

const WEEK = 7 * 86_400_000;

/** The two fields the rule reads, from weekly values (as evaluateKpi computes them). */
function result(values: number[], target: Target): KpiResult {
  const series = values.map((value, i) => ({ week: i * WEEK, value }));
  const met = values.filter((v) => meetsTarget(v, target)).length;
  return { series, attainability: { met, of: values.length } } as unknown as KpiResult;
}

/** unattainable() in English, after checking that its template has a zh-tw translation. */
function reason(target: Target, r: KpiResult): string | undefined {
  const t = unattainable(target, r);
  if (t === undefined) return undefined;
  zhTw(t);
  return english(t);
}

describe('core/smart unattainable', () => {
  const history = [6, 7, 8, 7, 9, 8]; // best 9, spread 3

  it('flags a threshold that never held', () => {
    const t: Target = { direction: 'atLeast', value: 10 };
    assert.equal(reason(t, result(history, t)), 'This target was met in 0 of the last 6 weeks of history: is it Attainable?');
  });

  it('accepts a threshold that held at least once', () => {
    const t: Target = { direction: 'atLeast', value: 9 };
    assert.equal(reason(t, result(history, t)), undefined);
  });

  it('accepts an improvement target within the spread beyond the best week', () => {
    const t: Target = { direction: 'increaseTo', value: 12 }; // 3 beyond 9: equal to the spread
    assert.equal(reason(t, result(history, t)), undefined);
  });

  it('flags an improvement target further beyond the best week than the whole spread', () => {
    const t: Target = { direction: 'increaseTo', value: 13 };
    assert.equal(
      reason(t, result(history, t)),
      'This target is 4 beyond the best of the last 6 weeks (9), more than their whole spread: is it Attainable?',
    );
    const down: Target = { direction: 'decreaseTo', value: 1 }; // best 6, spread 3, 5 beyond
    assert.match(reason(down, result(history, down)) ?? '', /5 beyond the best of the last 6 weeks \(6\)/);
  });

  it('says nothing with fewer than 4 weeks of history', () => {
    const t: Target = { direction: 'atLeast', value: 100 };
    assert.equal(reason(t, result([1, 2, 3], t)), undefined);
  });
});

describe('core/smart attainability by mode', () => {
  for (const mode of ['kpi', 'okr'] as const) {
    it(`${mode === 'okr' ? 'skips' : 'checks'} the Attainable rule in ${mode} mode`, () => {
      const text = JSON.stringify({
        objectives: [
          {
            name: 'O',
            mode,
            timeframe: { start: '2026-01-05', duration: '1q' },
            kpis: [{ id: 'k', name: 'K', metric: 'revertRate', target: { direction: 'atMost', value: 1 } }],
          },
        ],
      });
      const parsed = parseKpiFile(text);
      const target: Target = { direction: 'atMost', value: 1 };
      const evaluation = { objectives: [{ kpis: [{ ...result([3, 4, 5, 4], target), id: 'k' }] }], looseKpis: [] } as unknown as Evaluation;
      const codes = smartProblems(parsed.config!, parsed.root!, evaluation).map((p) => p.code);
      assert.equal(codes.includes('smart-attainable'), mode === 'kpi');
    });
  }
});
