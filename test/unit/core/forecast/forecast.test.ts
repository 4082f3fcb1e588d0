// Forecasts: Theil–Sen trend (robust to outliers), verdicts, the pace a leading indicator
// needs (the marathon example of the KPI article), and the reason sentence.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { forecast, theilSen, type SeriesPoint } from '../../../../src/core/forecast/forecast';
import type { Target } from '../../../../src/core/kpiJson/model';

const WEEK = 7 * 86_400_000;
/** A Monday, as a series' first week. */
const W0 = Date.UTC(2026, 0, 5);

function series(values: readonly (number | null)[]): SeriesPoint[] {
  return values.map((value, i) => ({ week: W0 + i * WEEK, value }));
}

/** The deadline `weeks` weeks after the end of the series' last week. */
function deadlineAfter(values: readonly unknown[], weeks: number): number {
  return W0 + values.length * WEEK + weeks * WEEK;
}

/** mulberry32: a small deterministic PRNG, so the noise is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ordinary least squares slope, to show what the outliers would do to a naive fit. */
function olsSlope(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

describe('core/forecast theilSen', () => {
  it('fits an exact line exactly, even with a few large outliers', () => {
    const ys = Array.from({ length: 30 }, (_, i) => 3 + 0.5 * i);
    assert.deepEqual(theilSen(ys), { slope: 0.5, intercept: 3, spread: 0, points: 30 });
    const withOutliers = ys.map((y, i) => (i === 5 || i === 17 || i === 29 ? y + 50 : y));
    // 351 of the 435 pairwise slopes are exactly 0.5; 27 of 30 residuals are 0
    assert.deepEqual(theilSen(withOutliers), { slope: 0.5, intercept: 3, spread: 0, points: 30 });
  });

  it('recovers a known rising slope from seeded noise and outliers that drag least squares', () => {
    const rand = prng(20260705);
    const ys = Array.from({ length: 40 }, (_, i) => 3 + 0.5 * i + (rand() - 0.5) * 0.6);
    for (const i of [36, 37, 38, 39]) ys[i] = ys[i]! + 40; // a bad last month
    const t = theilSen(ys)!;
    assert.equal(t.points, 40);
    assert.ok(Math.abs(t.slope - 0.5) < 0.05, `slope ${t.slope}`);
    assert.ok(Math.abs(t.intercept - 3) < 0.5, `intercept ${t.intercept}`);
    assert.ok(t.spread < 0.5, `spread ${t.spread}`);
    assert.ok(Math.abs(olsSlope(ys) - 0.5) > 0.3, `least squares ${olsSlope(ys)} would be dragged`);
  });

  it('recovers a known falling slope from seeded noise and outliers in the middle', () => {
    const rand = prng(7);
    const ys = Array.from({ length: 26 }, (_, i) => 100 - 2 * i + (rand() - 0.5) * 2);
    for (const i of [3, 11, 12]) ys[i] = ys[i]! - 60;
    const t = theilSen(ys)!;
    assert.ok(Math.abs(t.slope + 2) < 0.1, `slope ${t.slope}`);
    assert.ok(Math.abs(t.intercept - 100) < 1.5, `intercept ${t.intercept}`);
  });

  it('ignores weeks without data, keeping their positions', () => {
    assert.deepEqual(theilSen([1, null, 3, null, 5]), { slope: 1, intercept: 1, spread: 0, points: 3 });
    assert.deepEqual(theilSen([Number.NaN, 2, Infinity, 4, 5]), { slope: 1, intercept: 1, spread: 0, points: 3 });
  });

  it('needs three points', () => {
    assert.equal(theilSen([]), undefined);
    assert.equal(theilSen([1, 2]), undefined);
    assert.equal(theilSen([1, null, null, 2]), undefined);
  });

  it('the spread is the 80th percentile of the absolute residuals', () => {
    // slope 0.5, intercept 1.25: every residual is 1.25
    assert.deepEqual(theilSen([0, 3, 1, 4, 2, 5]), { slope: 0.5, intercept: 1.25, spread: 1.25, points: 6 });
    assert.deepEqual(theilSen([10, 14, 10, 14, 10, 14]), { slope: 0, intercept: 12, spread: 2, points: 6 });
  });

  it('property: any exact integer line is recovered exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 3, max: 40 }), (m, b, n) => {
        const t = theilSen(Array.from({ length: n }, (_, i) => b + m * i));
        return t !== undefined && t.slope === m && t.intercept === b && t.spread === 0 && t.points === n;
      }),
    );
  });
});

describe('core/forecast forecast', () => {
  it('noTarget without a target', () => {
    const s = series([1, 2, 3]);
    assert.deepEqual(forecast(s, undefined, deadlineAfter(s, 5)), {
      verdict: 'noTarget',
      reason: 'No target to forecast against.',
      projected: null,
      current: null,
      low: null,
      high: null,
      trendPerWeek: null,
      neededPerWeek: null,
      weeksLeft: 5,
      reasonCode: 'none',
    });
  });

  it('insufficientData with fewer than 3 weeks of data', () => {
    const t: Target = { direction: 'atLeast', value: 10 };
    for (const values of [[], [4], [4, 5], [null, 4, null, 5, null]]) {
      const s = series(values);
      const f = forecast(s, t, deadlineAfter(s, 5));
      assert.equal(f.verdict, 'insufficientData');
      assert.equal(f.reason, 'Fewer than 3 weeks with data: no trend yet.');
      assert.equal(f.projected, null);
      assert.equal(f.neededPerWeek, null);
      assert.equal(f.weeksLeft, values.length === 0 ? 0 : 5);
    }
  });

  it('the marathon: 21 km now, 42 km in 52 weeks needs 21/52 km (≈ 404 m) more per week', () => {
    // A flat history at 21 km: no trend, the full distance still to go.
    const flat = [21, 21, 21, 21];
    const f = forecast(series(flat), { direction: 'increaseTo', value: 42 }, deadlineAfter(flat, 52));
    assert.equal(f.weeksLeft, 52);
    assert.equal(f.neededPerWeek, 21 / 52);
    assert.equal(Math.round(f.neededPerWeek! * 1000), 404); // metres per week
    assert.equal(f.trendPerWeek, 0);
    assert.equal(f.projected, 21);
    assert.equal(f.verdict, 'unlikely');
    assert.equal(f.reason, 'Needs +0.4/week, trending +0/week.');
  });

  it('the marathon with the article plan (+500 m a week) is likely met, with room to spare', () => {
    const plan = [19.5, 20, 20.5, 21];
    const f = forecast(series(plan), { direction: 'increaseTo', value: 42 }, deadlineAfter(plan, 52));
    assert.equal(f.trendPerWeek, 0.5);
    assert.equal(f.neededPerWeek, 21 / 52);
    assert.equal(f.projected, 47); // 21 + 52 × 0.5
    assert.deepEqual([f.low, f.high], [47, 47]);
    assert.equal(f.verdict, 'likelyMet');
    assert.equal(f.reason, 'Needs +0.4/week, trending +0.5/week.');
  });

  it('uncertain when the band straddles the target', () => {
    const v = [0, 3, 1, 4, 2, 5];
    const f = forecast(series(v), { direction: 'atLeast', value: 6 }, deadlineAfter(v, 4));
    assert.deepEqual(f, {
      verdict: 'uncertain',
      projected: 5.75, // 1.25 + 0.5 × (5 + 4)
      current: 3.75, // 1.25 + 0.5 × 5: where the trend is at the latest week
      low: 4.5,
      high: 7,
      trendPerWeek: 0.5,
      neededPerWeek: 0.25, // (6 − 5, the latest value) / 4
      weeksLeft: 4,
      reasonCode: 'needs',
      reason: 'Needs +0.25/week, trending +0.5/week.',
    });
  });

  it('stays in the domain it is given: a share within 0–100, a count never below 0', () => {
    const falling = [60, 45, 30, 20, 10];
    const share = forecast(series(falling), { direction: 'atMost', value: 15 }, deadlineAfter(falling, 20), { min: 0, max: 100 });
    assert.equal(share.projected, 0, 'a straight line would go far below 0%');
    assert.ok(share.low === 0 && share.high !== null && share.high >= 0 && share.high <= 100);
    assert.equal(share.verdict, 'likelyMet');
    const rising = [50, 70, 90, 95, 99];
    const up = forecast(series(rising), { direction: 'atLeast', value: 90 }, deadlineAfter(rising, 20), { min: 0, max: 100 });
    assert.equal(up.projected, 100);
    assert.equal(up.high, 100);
    const counts = [9, 6, 4, 2, 1];
    const n = forecast(series(counts), { direction: 'atLeast', value: 3 }, deadlineAfter(counts, 10), { min: 0 });
    assert.equal(n.projected, 0);
    assert.equal(n.low, 0);
    assert.ok(n.current !== null && n.current >= 0);
    // Without a domain (a manual KPI), the line is the line.
    assert.ok(forecast(series(counts), { direction: 'atLeast', value: 3 }, deadlineAfter(counts, 10)).projected! < 0);
  });

  it('stays in its domain for any series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true })), { minLength: 3, maxLength: 12 }),
        fc.integer({ min: 1, max: 60 }),
        (values, weeks) => {
          const f = forecast(series(values), { direction: 'atMost', value: 15 }, deadlineAfter(values, weeks), { min: 0, max: 100 });
          for (const v of [f.projected, f.current, f.low, f.high]) if (v !== null) assert.ok(v >= 0 && v <= 100, `${v}`);
        },
      ),
    );
  });

  it('unlikely when the whole band misses the target', () => {
    const v = [0, 3, 1, 4, 2, 5];
    const f = forecast(series(v), { direction: 'atLeast', value: 10 }, deadlineAfter(v, 4));
    assert.equal(f.verdict, 'unlikely');
    assert.equal(f.neededPerWeek, 1.25); // (10 − 5) / 4
    assert.equal(f.reason, 'Needs +1.25/week, trending +0.5/week.');
  });

  it('already at the target: says so, and no pace is needed', () => {
    const v = [0, 3, 1, 4, 2, 5];
    const f = forecast(series(v), { direction: 'atMost', value: 10 }, deadlineAfter(v, 4));
    assert.equal(f.verdict, 'likelyMet');
    assert.equal(f.reasonCode, 'atTarget');
    assert.equal(f.neededPerWeek, null);
    assert.equal(f.reason, 'At the target now; trending +0.5/week.');
    const high = forecast(series([50, 50, 50]), { direction: 'atLeast', value: 40 }, deadlineAfter([0, 0, 0], 10));
    assert.equal(high.verdict, 'likelyMet');
    assert.equal(high.neededPerWeek, null);
    assert.equal(high.reason, 'At the target now; trending +0/week.');
  });

  it('at the target now but trending out of it: uncertain, still no pace needed', () => {
    // An atMost 5 KPI at 4 and rising 0.5 a week: the band around the projection crosses 5.
    const v = [1, 2.5, 2, 3.5, 3, 4];
    const f = forecast(series(v), { direction: 'atMost', value: 5 }, deadlineAfter(v, 2));
    assert.equal(f.reasonCode, 'atTarget');
    assert.equal(f.neededPerWeek, null);
    assert.notEqual(f.verdict, 'likelyMet');
  });

  it('falling values toward a decreaseTo target', () => {
    const v = [10, 9, 8, 7];
    const short = forecast(series(v), { direction: 'decreaseTo', value: 2 }, deadlineAfter(v, 4));
    assert.deepEqual(
      { verdict: short.verdict, projected: short.projected, needed: short.neededPerWeek, reason: short.reason },
      { verdict: 'unlikely', projected: 3, needed: -1.25, reason: 'Needs -1.25/week, trending -1/week.' },
    );
    const long = forecast(series(v), { direction: 'decreaseTo', value: 2 }, deadlineAfter(v, 6));
    assert.deepEqual(
      { verdict: long.verdict, projected: long.projected, needed: long.neededPerWeek, reason: long.reason },
      { verdict: 'likelyMet', projected: 1, needed: -5 / 6, reason: 'Needs -0.83/week, trending -1/week.' },
    );
  });

  it('a range target has no needed pace: the reason gives the projection', () => {
    const v = [10, 12, 14];
    const f = forecast(series(v), { direction: 'range', min: 15, max: 20 }, deadlineAfter(v, 2));
    assert.equal(f.projected, 18);
    assert.equal(f.neededPerWeek, null);
    assert.equal(f.verdict, 'likelyMet');
    assert.equal(f.reason, 'Projected 18 at the deadline, trending +2/week.');
    const over = forecast(series(v), { direction: 'range', min: 15, max: 20 }, deadlineAfter(v, 10));
    assert.equal(over.projected, 34);
    assert.equal(over.verdict, 'unlikely');
  });

  it('a deadline already passed leaves 0 weeks and no needed pace', () => {
    const v = [1, 2, 3];
    const f = forecast(series(v), { direction: 'atLeast', value: 10 }, W0);
    assert.equal(f.weeksLeft, 0);
    assert.equal(f.neededPerWeek, null);
    assert.equal(f.projected, 3);
    assert.equal(f.verdict, 'unlikely');
    assert.equal(f.reason, 'Projected 3 at the deadline, trending +1/week.');
  });

  it('counts a part week as a fraction', () => {
    const v = [1, 2, 3];
    const f = forecast(series(v), { direction: 'atLeast', value: 10 }, deadlineAfter(v, 0) + 3.5 * 86_400_000);
    assert.equal(f.weeksLeft, 0.5);
    assert.equal(f.projected, 3.5);
    assert.equal(f.neededPerWeek, 14);
  });
});
