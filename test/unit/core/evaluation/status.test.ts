// Status rules (docs/status.md): directions, warning bands, no data, no target.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Direction, Status, Target } from '../../../../src/core/kpiJson/model';
import { DEFAULT_WARNING_SHARE, statusOf } from '../../../../src/core/evaluation/status';

const RANK: Record<Status, number> = { offTrack: 0, atRisk: 1, onTrack: 2, met: 3, noData: -1, noTarget: -1 };

function table(target: Target, cases: [number, Status][]): void {
  for (const [value, expected] of cases) assert.equal(statusOf(value, target), expected, `${JSON.stringify(target)} at ${value}`);
}

describe('core/status statusOf', () => {
  it('gives noData for null and non-finite values, before looking at the target', () => {
    const t: Target = { direction: 'atLeast', value: 1 };
    for (const v of [null, Number.NaN, Infinity, -Infinity]) assert.equal(statusOf(v, t), 'noData');
    assert.equal(statusOf(null, undefined), 'noData');
  });

  it('gives noTarget for a value without a target', () => {
    assert.equal(statusOf(0, undefined), 'noTarget');
    assert.equal(statusOf(42, undefined), 'noTarget');
  });

  it('uses a default warning band of 10% of the threshold', () => {
    assert.equal(DEFAULT_WARNING_SHARE, 0.1);
  });

  for (const direction of ['atLeast', 'increaseTo'] as const) {
    it(`${direction}: met at or above, at risk within 10% below, off track beyond`, () => {
      table({ direction, value: 10 }, [
        [12, 'met'],
        [10, 'met'],
        [9.5, 'atRisk'],
        [9, 'atRisk'],
        [8.99, 'offTrack'],
        [0, 'offTrack'],
      ]);
    });

    it(`${direction}: an explicit warning replaces the default band`, () => {
      table({ direction, value: 10, warning: 3 }, [
        [10, 'met'],
        [7, 'atRisk'],
        [6.99, 'offTrack'],
      ]);
    });
  }

  for (const direction of ['atMost', 'decreaseTo'] as const) {
    it(`${direction}: met at or below, at risk within 10% above, off track beyond`, () => {
      table({ direction, value: 24 }, [
        [0, 'met'],
        [24, 'met'],
        [26, 'atRisk'],
        [26.4, 'atRisk'],
        [26.41, 'offTrack'],
        [100, 'offTrack'],
      ]);
    });

    it(`${direction}: an explicit warning replaces the default band`, () => {
      table({ direction, value: 24, warning: 12 }, [
        [36, 'atRisk'],
        [36.01, 'offTrack'],
      ]);
    });
  }

  it('takes the band from the absolute threshold, so a negative threshold still has one', () => {
    table({ direction: 'atLeast', value: -10 }, [
      [-10, 'met'],
      [-11, 'atRisk'],
      [-11.01, 'offTrack'],
    ]);
  });

  it('has no default band around a zero threshold', () => {
    table({ direction: 'atMost', value: 0 }, [
      [0, 'met'],
      [0.001, 'offTrack'],
    ]);
    table({ direction: 'atMost', value: 0, warning: 1 }, [[1, 'atRisk']]);
  });

  it('range: met inside (bounds included), at risk within 10% of the width outside, off track beyond', () => {
    table({ direction: 'range', min: 10, max: 20 }, [
      [10, 'met'],
      [15, 'met'],
      [20, 'met'],
      [9, 'atRisk'],
      [21, 'atRisk'],
      [8.99, 'offTrack'],
      [21.01, 'offTrack'],
    ]);
  });

  it('range: an explicit warning, and bounds given the wrong way round', () => {
    table({ direction: 'range', min: 10, max: 20, warning: 5 }, [
      [5, 'atRisk'],
      [25, 'atRisk'],
      [4.99, 'offTrack'],
      [25.01, 'offTrack'],
    ]);
    table({ direction: 'range', min: 20, max: 10 }, [
      [15, 'met'],
      [9, 'atRisk'],
      [22, 'offTrack'],
    ]);
  });

  it('range with min equal to max: met only at that value, no default band', () => {
    table({ direction: 'range', min: 5, max: 5 }, [
      [5, 'met'],
      [5.0001, 'offTrack'],
      [4.9999, 'offTrack'],
    ]);
  });

  describe('properties', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    const warning = fc.option(fc.double({ noNaN: true, min: 1e-6, max: 1e6 }), { nil: undefined });
    const oneSided = fc.constantFrom<Direction>('atLeast', 'increaseTo', 'atMost', 'decreaseTo');

    function target(direction: Direction, value: number, w: number | undefined): Target {
      return w === undefined ? { direction, value } : { direction, value, warning: w };
    }

    it('is monotonic in the value for a fixed one-sided target', () => {
      fc.assert(
        fc.property(oneSided, finite, warning, finite, finite, (direction, t, w, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const tg = target(direction, t, w);
          const better = direction === 'atLeast' || direction === 'increaseTo' ? hi : lo;
          const worse = better === hi ? lo : hi;
          return RANK[statusOf(better, tg)] >= RANK[statusOf(worse, tg)];
        }),
        { numRuns: 2000 },
      );
    });

    it('is monotonic on each side of a range', () => {
      fc.assert(
        fc.property(finite, finite, warning, finite, finite, (m1, m2, w, a, b) => {
          const min = Math.min(m1, m2);
          const max = Math.max(m1, m2);
          const tg: Target = w === undefined ? { direction: 'range', min, max } : { direction: 'range', min, max, warning: w };
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          if (hi <= min) return RANK[statusOf(hi, tg)] >= RANK[statusOf(lo, tg)];
          if (lo >= max) return RANK[statusOf(lo, tg)] >= RANK[statusOf(hi, tg)];
          return true;
        }),
        { numRuns: 2000 },
      );
    });

    it('never calls a value at or past its target off track (it is met)', () => {
      fc.assert(
        fc.property(oneSided, finite, warning, fc.double({ noNaN: true, min: 0, max: 1e9 }), (direction, t, w, past) => {
          const up = direction === 'atLeast' || direction === 'increaseTo';
          const value = up ? t + past : t - past;
          return statusOf(value, target(direction, t, w)) === 'met';
        }),
        { numRuns: 2000 },
      );
      fc.assert(
        fc.property(finite, finite, fc.double({ noNaN: true, min: 0, max: 1 }), (m1, m2, f) => {
          const min = Math.min(m1, m2);
          const max = Math.max(m1, m2);
          const value = Math.min(max, Math.max(min, min + (max - min) * f));
          return statusOf(value, { direction: 'range', min, max }) === 'met';
        }),
        { numRuns: 2000 },
      );
    });

    it('returns one of met, atRisk, offTrack for any finite value with a target', () => {
      fc.assert(
        fc.property(oneSided, finite, warning, finite, (direction, t, w, v) =>
          ['met', 'atRisk', 'offTrack'].includes(statusOf(v, target(direction, t, w))),
        ),
        { numRuns: 1000 },
      );
    });
  });
});
