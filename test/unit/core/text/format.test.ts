// Value and target formatting shared by every view; statistics helpers.
import * as assert from 'node:assert/strict';
import { formatNumber, formatTarget, formatValue } from '../../../../src/core/text/format';
import { median, percentile, round } from '../../../../src/core/metrics/stats';

describe('core/format', () => {
  it('formatNumber: integers as they are, one decimal below 100, none from 100', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [3, '3'],
      [-4, '-4'],
      [1234, '1234'],
      [3.5, '3.5'],
      [3.45, '3.5'],
      [3.04, '3'],
      [2.96, '3'],
      [0.25, '0.3'],
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
    assert.equal(formatTarget({ direction: 'increaseTo', value: 2.25 }, '/week'), '≥ 2.3/week');
    assert.equal(formatTarget({ direction: 'atMost', value: 24 }, 'h'), '≤ 24 h');
    assert.equal(formatTarget({ direction: 'decreaseTo', value: 5 }, '%'), '≤ 5%');
    assert.equal(formatTarget({ direction: 'range', min: 1, max: 48 }, 'h'), '1–48 h');
    assert.equal(formatTarget({ direction: 'range', min: 2.5, max: 5 }, '/week'), '2.5–5/week');
    assert.equal(formatTarget(undefined, 'h'), '');
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
