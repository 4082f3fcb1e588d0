// Value and target formatting shared by every view; window and statistics helpers.
import * as assert from 'node:assert/strict';
import { formatNumber, formatTarget, formatValue } from '../../../src/core/format';
import { median, percentile, round } from '../../../src/core/metrics/stats';
import { inWindow, isoDate, parseWindow, windowEndingAt } from '../../../src/core/window';

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

describe('core/window', () => {
  it('parses days and weeks, 1 to 9999, and nothing else', () => {
    assert.equal(parseWindow('30d'), 30);
    assert.equal(parseWindow('4w'), 28);
    assert.equal(parseWindow('1d'), 1);
    assert.equal(parseWindow('9999d'), 9999);
    for (const bad of ['0d', '10000d', '4W', '4 w', 'w', '4', '', '04w', '-1d', '1.5w']) assert.equal(parseWindow(bad), undefined, bad);
  });

  it('ends at now, is (start, end], and falls back to 4w', () => {
    const now = new Date('2024-06-30T00:00:00Z');
    const w = windowEndingAt(now, '7d');
    assert.deepEqual(w, { start: Date.parse('2024-06-23T00:00:00Z'), end: now.getTime(), days: 7 });
    assert.equal(inWindow(w, w.start), false);
    assert.equal(inWindow(w, w.start + 1), true);
    assert.equal(inWindow(w, w.end), true);
    assert.equal(inWindow(w, w.end + 1), false);
    assert.equal(windowEndingAt(now).days, 28);
    assert.equal(windowEndingAt(now, 'nonsense').days, 28);
    assert.equal(isoDate(w.start), '2024-06-23');
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
