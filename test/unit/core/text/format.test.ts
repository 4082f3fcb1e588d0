// Value and target formatting shared by every view; statistics helpers.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { formatExact, formatNumber, formatTarget, formatValue, formatValueForTarget } from '../../../../src/core/text/format';
import { meetsTarget } from '../../../../src/core/evaluation/status';
import type { Target } from '../../../../src/core/kpiJson/model';
import { median, percentile, round } from '../../../../src/core/metrics/stats';

describe('core/format', () => {
  it('formatNumber: integers as they are, one decimal below 100, none from 100, two significant digits below 1', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [3, '3'],
      [-4, '-4'],
      [1234, '1234'],
      [3.5, '3.5'],
      [3.45, '3.5'],
      [3.04, '3'],
      [2.96, '3'],
      [0.25, '0.25'],
      [0.05, '0.05'],
      [-0.0042, '-0.0042'],
      [0.1, '0.1'],
      [Infinity, '∞'],
      [99.96, '100'],
      [100.4, '100'],
      [123.5, '124'],
      [-2.5, '-2.5'],
    ];
    for (const [n, s] of cases) assert.equal(formatNumber(n), s, String(n));
  });

  it('formatValue: units starting with "/" or "%" attach, others take a space, null is a dash', () => {
    assert.equal(formatValue(3.5, '/week'), '3.5/week');
    assert.equal(formatValue(12.5, '%'), '12.5%');
    assert.equal(formatValue(41, 'h'), '41 h');
    assert.equal(formatValue(41.26, 'hours'), '41.3 hours');
    assert.equal(formatValue(7, ''), '7');
    assert.equal(formatValue(null, 'h'), '—');
    assert.equal(formatValue(null, ''), '—');
  });

  it('formatTarget: ≥ for atLeast and increaseTo, ≤ for atMost and decreaseTo, a dash range', () => {
    assert.equal(formatTarget({ direction: 'atLeast', value: 10 }, '/week'), '≥ 10/week');
    assert.equal(formatTarget({ direction: 'increaseTo', value: 2.25 }, '/week'), '≥ 2.25/week');
    assert.equal(formatTarget({ direction: 'atMost', value: 24 }, 'h'), '≤ 24 h');
    assert.equal(formatTarget({ direction: 'decreaseTo', value: 5 }, '%'), '≤ 5%');
    assert.equal(formatTarget({ direction: 'range', min: 1, max: 48 }, 'h'), '1–48 h');
    assert.equal(formatTarget({ direction: 'range', min: 2.5, max: 5 }, '/week'), '2.5–5/week');
    assert.equal(formatTarget(undefined, 'h'), '');
  });

  it('formatTarget shows the number the user wrote: 0.05 is not 0.1, 99.95 is not 100', () => {
    assert.equal(formatTarget({ direction: 'atMost', value: 0.05 }, ''), '≤ 0.05');
    assert.equal(formatTarget({ direction: 'atLeast', value: 99.95 }, '%'), '≥ 99.95%');
    assert.equal(formatTarget({ direction: 'range', min: 0.125, max: 0.5 }, ''), '0.125–0.5');
    assert.equal(formatExact(0.3333333333333333), '0.3333333333333333');
    assert.equal(formatExact(1234567), '1234567');
  });

  it('formatValueForTarget: a value never looks as if it met a target it misses, nor the reverse', () => {
    // 99.96% against at least 100% is at risk; "100%" would contradict it.
    assert.equal(formatValueForTarget(99.96, { direction: 'atLeast', value: 100 }, '%'), '99.96%');
    assert.equal(formatValue(99.96, '%'), '100%');
    // 100.04 h against at most 100 h is not met.
    assert.equal(formatValueForTarget(100.04, { direction: 'atMost', value: 100 }, 'h'), '100.04 h');
    // A met value stays met on screen: 99.95 against at most 99.95.
    assert.equal(formatValueForTarget(99.95, { direction: 'atMost', value: 99.95 }, ''), '99.95');
    // Against a target of 0.05, 0.054 is shown with the digits that tell them apart.
    assert.equal(formatValueForTarget(0.054, { direction: 'atMost', value: 0.05 }, ''), '0.054');
    // Ranges, on both edges.
    assert.equal(formatValueForTarget(48.04, { direction: 'range', min: 1, max: 48 }, 'h'), '48.04 h');
    assert.equal(formatValueForTarget(0.996, { direction: 'range', min: 1, max: 48 }, 'h'), '0.996 h');
    // Past ten decimals it is shown exactly: never "0" for a value above at most 0.
    assert.equal(formatValueForTarget(1e-13, { direction: 'atMost', value: 0 }, ''), '1e-13');
    // Nothing changes where there is no contradiction.
    assert.equal(formatValueForTarget(41.26, { direction: 'atMost', value: 24 }, 'h'), '41.3 h');
    assert.equal(formatValueForTarget(null, { direction: 'atMost', value: 24 }, 'h'), '—');
    assert.equal(formatValueForTarget(3.45, undefined, '/week'), '3.5/week');
  });

  it('formatValueForTarget agrees with the status for any value and target (property)', () => {
    const num = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100),
    );
    const target: fc.Arbitrary<Target> = fc.oneof(
      fc.record({ direction: fc.constantFrom('atLeast', 'atMost', 'increaseTo', 'decreaseTo'), value: num }) as fc.Arbitrary<Target>,
      fc.record({ direction: fc.constant('range'), min: num, max: num }) as fc.Arbitrary<Target>,
    );
    const near = (t: Target): fc.Arbitrary<number> =>
      fc
        .tuple(fc.constantFrom(t.value ?? t.min ?? 0, t.max ?? t.value ?? 0), fc.double({ min: -0.1, max: 0.1, noNaN: true }))
        .map(([a, d]) => a + d);
    fc.assert(
      fc.property(
        target.chain((t) => fc.tuple(fc.constant(t), fc.oneof(num, near(t)))),
        ([t, v]) => {
          const shown = Number(formatValueForTarget(v, t, ''));
          // The reader compares the numbers as printed: the target prints exactly, the value
          // with the digits it needs.
          for (const n of [t.value, t.min, t.max]) if (n !== undefined) assert.ok(Number(formatExact(n)) === n, String(n));
          return meetsTarget(shown, t) === meetsTarget(v, t);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('core/metrics/stats', () => {
  it('median and R-7 percentile with linear interpolation', () => {
    assert.equal(median([]), null);
    assert.equal(percentile([], 75), null);
    assert.equal(median([5]), 5);
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(percentile([1, 2, 3, 4], 75), 3.25);
    assert.equal(percentile([8, 24, 24, 36, 54], 75), 36);
    assert.equal(percentile([10, 20], 0), 10);
    assert.equal(percentile([10, 20], 100), 20);
  });

  it('rounds to the given digits', () => {
    assert.equal(round(2.3333), 2.33);
    assert.equal(round(2.335, 1), 2.3);
    assert.equal(round(41.25, 1), 41.3);
  });
});
