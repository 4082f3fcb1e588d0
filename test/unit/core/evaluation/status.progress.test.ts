// Time-bound status (progressStatus), meetsTarget and statusOf: onTrack, every direction,
// explicit warning bands and the default gaps (16.5%, 33%); monotonicity properties.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Direction, Status, Target } from '../../../../src/core/kpiJson/model';
import {
  AT_RISK_GAP,
  ON_TRACK_GAP,
  STATUS_RANK,
  bounds,
  higherIsBetter,
  meetsTarget,
  progressStatus,
  statusOf,
  withForecast,
} from '../../../../src/core/evaluation/status';

describe('core/status constants', () => {
  it('uses gaps of 16.5% and 33% and ranks statuses worst to best', () => {
    assert.equal(ON_TRACK_GAP, 0.165);
    assert.equal(AT_RISK_GAP, 0.33);
    assert.deepEqual(STATUS_RANK, { noData: -1, noTarget: -1, offTrack: 0, atRisk: 1, onTrack: 2, met: 3 });
  });
});

describe('core/status meetsTarget, bounds and higherIsBetter', () => {
  it('includes the threshold for every direction', () => {
    const cases: [Target, number, boolean][] = [
      [{ direction: 'atLeast', value: 10 }, 10, true],
      [{ direction: 'atLeast', value: 10 }, 9.999, false],
      [{ direction: 'increaseTo', value: 10 }, 10, true],
      [{ direction: 'increaseTo', value: 10 }, 9.999, false],
      [{ direction: 'atMost', value: 10 }, 10, true],
      [{ direction: 'atMost', value: 10 }, 10.001, false],
      [{ direction: 'decreaseTo', value: 10 }, 10, true],
      [{ direction: 'decreaseTo', value: 10 }, 10.001, false],
      [{ direction: 'range', min: 10, max: 20 }, 10, true],
      [{ direction: 'range', min: 10, max: 20 }, 20, true],
      [{ direction: 'range', min: 10, max: 20 }, 9.999, false],
      [{ direction: 'range', min: 10, max: 20 }, 20.001, false],
      // bounds written the wrong way round still work
      [{ direction: 'range', min: 20, max: 10 }, 15, true],
      [{ direction: 'range', min: 20, max: 10 }, 21, false],
      // an open-ended range
      [{ direction: 'range', min: 5 }, 1e9, true],
      [{ direction: 'range', max: 5 }, -1e9, true],
    ];
    for (const [target, value, expected] of cases)
      assert.equal(meetsTarget(value, target), expected, `${JSON.stringify(target)} at ${value}`);
  });

  it('orders range bounds and names the better direction', () => {
    assert.deepEqual(bounds({ direction: 'range', min: 20, max: 10 }), { lo: 10, hi: 20 });
    assert.deepEqual(bounds({ direction: 'range', min: 3 }), { lo: 3, hi: Infinity });
    assert.equal(higherIsBetter({ direction: 'atLeast', value: 1 }), true);
    assert.equal(higherIsBetter({ direction: 'increaseTo', value: 1 }), true);
    assert.equal(higherIsBetter({ direction: 'atMost', value: 1 }), false);
    assert.equal(higherIsBetter({ direction: 'decreaseTo', value: 1 }), false);
    assert.equal(higherIsBetter({ direction: 'range', min: 1, max: 2 }), undefined);
  });
});

describe('core/status statusOf (ongoing thresholds)', () => {
  it('range: met inside, at risk within 10% of the width outside, off track beyond', () => {
    const t: Target = { direction: 'range', min: 10, max: 20 };
    const cases: [number, Status][] = [
      [15, 'met'],
      [9, 'atRisk'],
      [8.99, 'offTrack'],
      [21, 'atRisk'],
      [21.01, 'offTrack'],
    ];
    for (const [v, s] of cases) assert.equal(statusOf(v, t), s, String(v));
  });

  it('range with an explicit warning band', () => {
    const t: Target = { direction: 'range', min: 10, max: 20, warning: 5 };
    assert.equal(statusOf(5, t), 'atRisk');
    assert.equal(statusOf(4.99, t), 'offTrack');
    assert.equal(statusOf(25, t), 'atRisk');
    assert.equal(statusOf(25.01, t), 'offTrack');
  });

  it('an open-ended range has no default band', () => {
    assert.equal(statusOf(4.99, { direction: 'range', min: 5 }), 'offTrack');
  });

  it('never says onTrack (that needs a time frame)', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), arbTarget(), (v, t) => statusOf(v, t) !== 'onTrack'));
  });
});

describe('core/status progressStatus (inside a time frame)', () => {
  it('noData, noTarget and met come first, without progress', () => {
    const t: Target = { direction: 'increaseTo', value: 20 };
    assert.deepEqual(progressStatus(null, t, 10, 0.5), { status: 'noData' });
    assert.deepEqual(progressStatus(Number.NaN, t, 10, 0.5), { status: 'noData' });
    assert.deepEqual(progressStatus(Infinity, t, 10, 0.5), { status: 'noData' });
    assert.deepEqual(progressStatus(12, undefined, 10, 0.5), { status: 'noTarget' });
    assert.deepEqual(progressStatus(20, t, 10, 0.01), { status: 'met' });
    assert.deepEqual(progressStatus(25, t, 10, 0.99), { status: 'met' });
  });

  for (const direction of ['increaseTo'] as const) {
    it(`${direction} 20 from baseline 10, half-way: default gaps`, () => {
      const t: Target = { direction, value: 20 };
      // expected 0.5 of the way (15); actual (v − 10) / 10
      assert.deepEqual(progressStatus(15, t, 10, 0.5), { status: 'onTrack', progress: { actual: 0.5, expected: 0.5, expectedValue: 15 } });
      assert.deepEqual(progressStatus(14, t, 10, 0.5), { status: 'onTrack', progress: { actual: 0.4, expected: 0.5, expectedValue: 15 } });
      assert.deepEqual(progressStatus(18, t, 10, 0.5), { status: 'onTrack', progress: { actual: 0.8, expected: 0.5, expectedValue: 15 } });
      assert.deepEqual(progressStatus(13, t, 10, 0.5), { status: 'atRisk', progress: { actual: 0.3, expected: 0.5, expectedValue: 15 } });
      assert.deepEqual(progressStatus(12, t, 10, 0.5), { status: 'atRisk', progress: { actual: 0.2, expected: 0.5, expectedValue: 15 } });
      assert.deepEqual(progressStatus(11, t, 10, 0.5), { status: 'offTrack', progress: { actual: 0.1, expected: 0.5, expectedValue: 15 } });
      assert.equal(progressStatus(5, t, 10, 0.5).status, 'offTrack'); // below the baseline
    });
  }

  for (const direction of ['decreaseTo'] as const) {
    it(`${direction} 50 from baseline 100, half-way: default gaps`, () => {
      const t: Target = { direction, value: 50 };
      assert.deepEqual(progressStatus(75, t, 100, 0.5), { status: 'onTrack', progress: { actual: 0.5, expected: 0.5, expectedValue: 75 } });
      assert.deepEqual(progressStatus(80, t, 100, 0.5), { status: 'onTrack', progress: { actual: 0.4, expected: 0.5, expectedValue: 75 } });
      assert.deepEqual(progressStatus(90, t, 100, 0.5), { status: 'atRisk', progress: { actual: 0.2, expected: 0.5, expectedValue: 75 } });
      assert.deepEqual(progressStatus(95, t, 100, 0.5), {
        status: 'offTrack',
        progress: { actual: 0.1, expected: 0.5, expectedValue: 75 },
      });
      assert.equal(progressStatus(110, t, 100, 0.5).status, 'offTrack');
    });
  }

  it('a limit (atLeast, atMost) holds on every day: outside it is at risk or off track, whatever the calendar says', () => {
    // Day 0 of a quarter: a 50% change failure rate against a 15% limit is off track, not on track.
    const cfr: Target = { direction: 'atMost', value: 15 };
    assert.equal(progressStatus(50, cfr, 60, 0).status, 'offTrack');
    assert.equal(progressStatus(16, cfr, 60, 0).status, 'atRisk', 'inside the 10% band');
    assert.equal(progressStatus(15, cfr, 60, 0).status, 'met');
    // Half-way, on plan from a baseline of 10 toward at least 20: the limit still decides,
    // and the progress is still reported.
    const floor: Target = { direction: 'atLeast', value: 20 };
    assert.deepEqual(progressStatus(15, floor, 10, 0.5), {
      status: 'offTrack',
      progress: { actual: 0.5, expected: 0.5, expectedValue: 15 },
    });
    assert.equal(progressStatus(18.5, floor, 10, 0.5).status, 'atRisk');
    // The same values under a goal are judged against the plan.
    assert.equal(progressStatus(15, { direction: 'increaseTo', value: 20 }, 10, 0.5).status, 'onTrack');
    assert.equal(progressStatus(50, { direction: 'decreaseTo', value: 15 }, 60, 0).status, 'onTrack');
  });

  it('decides every case in the table of docs/status.md as the table says', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../../../docs/status.md'), 'utf8');
    const table = doc.slice(doc.indexOf('The cases these rules decide'));
    const rows = table
      .split('\n')
      .filter((l) => /^\| `(?:atLeast|atMost|increaseTo|decreaseTo)`/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()));
    assert.ok(rows.length >= 8, `${rows.length} rows`);
    for (const [, target, baseline, value, elapsed, verdict, status] of rows) {
      const [, direction, threshold] = /^`(\w+)` ([\d.]+)/.exec(target!)!;
      const t: Target = { direction: direction as Direction, value: Number(threshold) };
      const b = baseline === 'none' ? null : Number(baseline);
      const got = withForecast(progressStatus(Number(value), t, b, Number(elapsed)).status, verdict);
      assert.equal(`\`${got}\``, status, `${target}, baseline ${baseline}, value ${value}, elapsed ${elapsed}, ${verdict}`);
    }
  });

  it('the forecast caps a status: met or on track with an unlikely forecast is at risk', () => {
    assert.equal(withForecast('onTrack', 'unlikely'), 'atRisk');
    assert.equal(withForecast('met', 'unlikely'), 'atRisk');
    assert.equal(withForecast('onTrack', 'uncertain'), 'onTrack');
    assert.equal(withForecast('offTrack', 'unlikely'), 'offTrack');
    assert.equal(withForecast('atRisk', 'likelyMet'), 'atRisk');
    assert.equal(withForecast('noData', 'unlikely'), 'noData');
    assert.equal(withForecast('met', undefined), 'met');
  });

  it('the gaps include their boundaries (gap exactly 16.5% is on track, exactly 33% at risk)', () => {
    const t: Target = { direction: 'increaseTo', value: 10 };
    // value at the baseline: actual 0, so the gap is the elapsed share itself
    assert.equal(progressStatus(0, t, 0, ON_TRACK_GAP).status, 'onTrack');
    assert.equal(progressStatus(0, t, 0, 0.1651).status, 'atRisk');
    assert.equal(progressStatus(0, t, 0, AT_RISK_GAP).status, 'atRisk');
    assert.equal(progressStatus(0, t, 0, 0.3301).status, 'offTrack');
    // at the very start nothing is expected yet: on track even without progress
    assert.deepEqual(progressStatus(0, t, 0, 0), { status: 'onTrack', progress: { actual: 0, expected: 0, expectedValue: 0 } });
  });

  it('clamps the elapsed share to 0..1', () => {
    const t: Target = { direction: 'increaseTo', value: 20 };
    assert.deepEqual(progressStatus(11, t, 10, -3), { status: 'onTrack', progress: { actual: 0.1, expected: 0, expectedValue: 10 } });
    assert.deepEqual(progressStatus(19, t, 10, 7), { status: 'onTrack', progress: { actual: 0.9, expected: 1, expectedValue: 20 } });
    assert.deepEqual(progressStatus(17, t, 10, 7), { status: 'atRisk', progress: { actual: 0.7, expected: 1, expectedValue: 20 } });
    assert.equal(progressStatus(16, t, 10, 7).status, 'offTrack');
  });

  it('an explicit warning is measured from the planned value, in the unit', () => {
    const up: Target = { direction: 'increaseTo', value: 20, warning: 2 };
    assert.equal(progressStatus(15, up, 10, 0.5).status, 'onTrack'); // exactly on plan
    assert.equal(progressStatus(16, up, 10, 0.5).status, 'onTrack'); // ahead
    assert.equal(progressStatus(13, up, 10, 0.5).status, 'atRisk'); // 2 behind: the band's edge
    assert.equal(progressStatus(12.9, up, 10, 0.5).status, 'offTrack');
    // the default gap says onTrack for 14 (gap 0.1); a warning of 0.5 is stricter: 1 behind is off track
    assert.equal(progressStatus(14, { direction: 'increaseTo', value: 20, warning: 0.5 }, 10, 0.5).status, 'offTrack');
    assert.equal(progressStatus(14.5, { direction: 'increaseTo', value: 20, warning: 0.5 }, 10, 0.5).status, 'atRisk');
    const down: Target = { direction: 'decreaseTo', value: 50, warning: 5 };
    assert.deepEqual(progressStatus(80, down, 100, 0.5), { status: 'atRisk', progress: { actual: 0.4, expected: 0.5, expectedValue: 75 } });
    assert.equal(progressStatus(80.5, down, 100, 0.5).status, 'offTrack');
    assert.equal(progressStatus(74, down, 100, 0.5).status, 'onTrack');
  });

  it('falls back to statusOf for a range, without a baseline, or when the baseline is the target', () => {
    const range: Target = { direction: 'range', min: 10, max: 20 };
    assert.deepEqual(progressStatus(9.5, range, 0, 0.5), { status: 'atRisk' });
    assert.deepEqual(progressStatus(5, range, 0, 0.5), { status: 'offTrack' });
    assert.deepEqual(progressStatus(15, range, 0, 0.5), { status: 'met' });
    const up: Target = { direction: 'atLeast', value: 10 };
    assert.deepEqual(progressStatus(9.5, up, null, 0.5), { status: 'atRisk' });
    assert.deepEqual(progressStatus(5, up, null, 0.5), { status: 'offTrack' });
    assert.deepEqual(progressStatus(9.5, up, 10, 0.5), { status: 'atRisk' });
    assert.deepEqual(progressStatus(5, up, 10, 0.5), { status: 'offTrack' });
  });

  it('a baseline that already met the target gives no plan: the plain threshold status', () => {
    // increaseTo 10 from 20: falling to 5 is off track, not "ahead of plan"
    assert.deepEqual(progressStatus(5, { direction: 'increaseTo', value: 10 }, 20, 0.5), { status: 'offTrack' });
    assert.deepEqual(progressStatus(9.5, { direction: 'increaseTo', value: 10 }, 20, 0.5), { status: 'atRisk' });
    // atMost 3 from 1: rising to 5 is off track
    assert.deepEqual(progressStatus(5, { direction: 'atMost', value: 3 }, 1, 0.5), { status: 'offTrack' });
    assert.deepEqual(progressStatus(3.2, { direction: 'atMost', value: 3 }, 1, 0.5), { status: 'atRisk' });
    // the same with an explicit warning band
    assert.deepEqual(progressStatus(5, { direction: 'decreaseTo', value: 3, warning: 1 }, 2, 0.5), { status: 'offTrack' });
    assert.deepEqual(progressStatus(3.5, { direction: 'decreaseTo', value: 3, warning: 1 }, 2, 0.5), { status: 'atRisk' });
  });
});

// ---- properties ----

const DIRECTIONS: readonly Direction[] = ['atLeast', 'atMost', 'increaseTo', 'decreaseTo', 'range'];
const num = (): fc.Arbitrary<number> => fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

function arbTarget(direction?: Direction): fc.Arbitrary<Target> {
  return fc
    .record({
      direction: direction === undefined ? fc.constantFrom(...DIRECTIONS) : fc.constant(direction),
      a: num(),
      b: num(),
      warning: fc.option(fc.double({ min: 1e-3, max: 1e5, noNaN: true }), { nil: undefined }),
    })
    .map(({ direction: dir, a, b, warning }) => {
      const base = dir === 'range' ? { direction: dir, min: a, max: b } : { direction: dir, value: a };
      return (warning === undefined ? base : { ...base, warning }) as Target;
    });
}

/** For a fixed target, is `better` at least as good a value as `worse`? (range: per side) */
function isAtLeastAsGood(target: Target, worse: number, better: number): boolean {
  const up = higherIsBetter(target);
  if (up === true) return better >= worse;
  if (up === false) return better <= worse;
  const { lo, hi } = bounds(target);
  if (worse < lo) return better >= worse && better <= hi; // moving up from below, not past the top
  if (worse > hi) return better <= worse && better >= lo; // moving down from above, not past the bottom
  return better >= lo && better <= hi;
}

describe('core/status properties', () => {
  it('statusOf is monotonic in the value for a fixed target', () => {
    fc.assert(
      fc.property(arbTarget(), num(), num(), (t, x, y) => {
        const [worse, better] = isAtLeastAsGood(t, x, y) ? [x, y] : isAtLeastAsGood(t, y, x) ? [y, x] : [undefined, undefined];
        if (worse === undefined || better === undefined) return true; // not comparable (opposite sides of a range)
        return STATUS_RANK[statusOf(better, t)] >= STATUS_RANK[statusOf(worse, t)];
      }),
      { numRuns: 2000 },
    );
  });

  it('progressStatus is monotonic in the value for a fixed target, baseline and elapsed share', () => {
    fc.assert(
      fc.property(
        arbTarget(),
        num(),
        num(),
        fc.option(num(), { nil: null }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        (t, x, y, baseline, elapsed) => {
          const [worse, better] = isAtLeastAsGood(t, x, y) ? [x, y] : isAtLeastAsGood(t, y, x) ? [y, x] : [undefined, undefined];
          if (worse === undefined || better === undefined) return true;
          return (
            STATUS_RANK[progressStatus(better, t, baseline, elapsed).status] >=
            STATUS_RANK[progressStatus(worse, t, baseline, elapsed).status]
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a value already past its target is met, never offTrack, for statusOf and progressStatus', () => {
    fc.assert(
      fc.property(
        arbTarget(),
        num(),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.option(num(), { nil: null }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, a, beyond, baseline, elapsed) => {
          const up = higherIsBetter(t);
          const { lo, hi } = bounds(t);
          const past = up === true ? t.value! + beyond : up === false ? t.value! - beyond : Math.min(hi, Math.max(lo, a));
          if (!meetsTarget(past, t)) return false;
          return statusOf(past, t) === 'met' && progressStatus(past, t, baseline, elapsed).status === 'met';
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('statuses are always one of the known ranks', () => {
    fc.assert(
      fc.property(
        arbTarget(),
        num(),
        fc.option(num(), { nil: null }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (t, v, baseline, elapsed) => {
          return STATUS_RANK[statusOf(v, t)] >= 0 && STATUS_RANK[progressStatus(v, t, baseline, elapsed).status] >= 0;
        },
      ),
    );
  });
});
