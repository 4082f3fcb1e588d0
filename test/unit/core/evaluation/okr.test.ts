// OKR scoring: key results 0.0–1.0 by progress from baseline to target, objectives by the
// mean of their key results, 0.7 or more is success.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Target } from '../../../../src/core/kpiJson/model';
import { OKR_SUCCESS, keyResultScore, objectiveScore } from '../../../../src/core/evaluation/okr';

describe('core/okr keyResultScore', () => {
  it('is null without a value or a target', () => {
    assert.equal(keyResultScore(null, { direction: 'atLeast', value: 1 }, 0), null);
    assert.equal(keyResultScore(5, undefined, 0), null);
  });

  it('scores progress from the baseline toward a higher target, clamped to 0..1', () => {
    const t: Target = { direction: 'increaseTo', value: 20 };
    assert.equal(keyResultScore(10, t, 10), 0);
    assert.equal(keyResultScore(17, t, 10), 0.7);
    assert.equal(keyResultScore(20, t, 10), 1);
    assert.equal(keyResultScore(25, t, 10), 1);
    assert.equal(keyResultScore(5, t, 10), 0);
    assert.equal(keyResultScore(17, { direction: 'atLeast', value: 20 }, 10), 0.7);
  });

  it('scores progress toward a lower target', () => {
    const t: Target = { direction: 'decreaseTo', value: 50 };
    assert.equal(keyResultScore(65, t, 100), 0.7);
    assert.equal(keyResultScore(100, t, 100), 0);
    assert.equal(keyResultScore(120, t, 100), 0);
    assert.equal(keyResultScore(40, t, 100), 1);
    assert.equal(keyResultScore(75, { direction: 'atMost', value: 50 }, 100), 0.5);
  });

  it('rounds to two decimals', () => {
    assert.equal(keyResultScore(13.333, { direction: 'increaseTo', value: 20 }, 10), 0.33);
    assert.equal(keyResultScore(12, { direction: 'increaseTo', value: 13 }, 10), 0.67);
  });

  it('without a baseline, or with the baseline at the target: 1 when met, else 0', () => {
    const t: Target = { direction: 'increaseTo', value: 20 };
    assert.equal(keyResultScore(19, t, null), 0);
    assert.equal(keyResultScore(20, t, null), 1);
    assert.equal(keyResultScore(19, t, 20), 0);
    assert.equal(keyResultScore(21, t, 20), 1);
  });

  it('a baseline that already met the target: 1 when still met, 0 when not (never a score above 0 for a miss)', () => {
    assert.equal(keyResultScore(5, { direction: 'increaseTo', value: 10 }, 20), 0);
    assert.equal(keyResultScore(12, { direction: 'increaseTo', value: 10 }, 20), 1);
    assert.equal(keyResultScore(5, { direction: 'atMost', value: 3 }, 1), 0);
    assert.equal(keyResultScore(2, { direction: 'atMost', value: 3 }, 1), 1);
  });

  it('range: 1 inside; outside, progress from the baseline toward the nearer bound', () => {
    const t: Target = { direction: 'range', min: 10, max: 20 };
    assert.equal(keyResultScore(15, t, 0), 1);
    assert.equal(keyResultScore(10, t, null), 1);
    assert.equal(keyResultScore(5, t, 0), 0.5); // toward 10
    assert.equal(keyResultScore(30, t, 40), 0.5); // toward 20
    assert.equal(keyResultScore(5, t, null), 0);
    assert.equal(keyResultScore(5, t, 10), 0); // baseline at the bound: no way to scale, 0
  });

  it('stays within 0..1 (or null) for any input', () => {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const target = fc.oneof(
      fc.record({ direction: fc.constantFrom('atLeast', 'atMost', 'increaseTo', 'decreaseTo'), value: num }),
      fc.record({ direction: fc.constant('range'), min: num, max: num }),
    ) as fc.Arbitrary<Target>;
    fc.assert(
      fc.property(num, target, fc.option(num, { nil: null }), (v, t, b) => {
        const s = keyResultScore(v, t, b);
        return s !== null && s >= 0 && s <= 1;
      }),
    );
  });
});

describe('core/okr objectiveScore', () => {
  it('is the mean of the known key-result scores', () => {
    assert.equal(objectiveScore([0.5, 1]), 0.75);
    assert.equal(objectiveScore([0.5, null, 1]), 0.75);
    assert.equal(objectiveScore([0.2, 0.4, 0.6]), (0.2 + 0.4 + 0.6) / 3);
    assert.equal(objectiveScore([0]), 0);
  });

  it('is null when no key result has a score', () => {
    assert.equal(objectiveScore([]), null);
    assert.equal(objectiveScore([null, null]), null);
  });

  it('success starts at 0.7', () => {
    assert.equal(OKR_SUCCESS, 0.7);
  });
});
