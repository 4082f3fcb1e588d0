// What the demo repository's facts mean for the extension: the windows and landings as
// docs/metrics.md defines them, the KPI values, baselines, statuses (docs/status.md) and
// the data-quality notes the extension must report. Reads
// only the facts that scripts/demo-repo.mjs records (never git, never the extension's code),
// so that the tests built on it are independent answers.
import { kpiConfig } from './demo-content.mjs';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The release-tag glob kpi.json leaves at its default, "v*". */
const RELEASE_TAGS = /^v/;

// ---------------------------------------------------------------- windows

/** Monday 00:00 UTC of the ISO week that contains `t` (epoch ms). */
export function mondayOf(t) {
  const d = new Date(t);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
}

/**
 * What a window expression covers at `now` (epoch ms), as docs/metrics.md defines it:
 * `Nw` is [Monday N weeks before this week's Monday, this week's Monday); `Nd` is
 * (now − N days, now]. `days` is what a per-week rate divides by (days / 7).
 */
export function windowAt(text, now) {
  const m = /^(\d+)([dw])$/.exec(text);
  if (!m) throw new Error(`bad window ${text}`);
  const n = Number(m[1]);
  if (m[2] === 'w') {
    const end = mondayOf(now);
    const start = end - n * WEEK;
    return { text, start, end, days: n * 7, contains: (t) => t >= start && t < end };
  }
  const start = now - n * DAY;
  return { text, start, end: now, days: n, contains: (t) => t > start && t <= now };
}

// ---------------------------------------------------------------- time frames

/** Adds `n` months to a UTC midnight, clamping the day to the month's last (docs/status.md). */
function addMonths(t, n) {
  const d = new Date(t);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n + 1, 0)).getUTCDate();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, Math.min(d.getUTCDate(), last));
}

/**
 * An objective's `timeframe` as [start, end) in epoch ms (docs/kpi-json.md): from the start
 * date's midnight UTC to the midnight after the end date, or after start + duration.
 */
export function timeframeAt(tf) {
  const start = Date.parse(`${tf.start}T00:00:00Z`);
  if (tf.end) return { start, end: Date.parse(`${tf.end}T00:00:00Z`) + DAY };
  const [, n, unit] = /^(\d+)([dwmqy])$/.exec(tf.duration);
  const k = Number(n);
  const end = unit === 'd' ? start + k * DAY : unit === 'w' ? start + k * WEEK : addMonths(start, k * { m: 1, q: 3, y: 12 }[unit]);
  return { start, end };
}

// ---------------------------------------------------------------- landings

/**
 * The landings by people, oldest first (docs/metrics.md, Landings): each commit of the
 * first-parent chain of main with the commits it brought (for a merge, those reachable from
 * its other parents and not yet on main or brought by an older landing). A landing is a
 * bot's when every non-merge commit it brings is a bot's.
 */
export function landingsOf(facts) {
  const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
  const chain = facts.commits.filter((c) => c.mainLine); // fast-import order: oldest first
  const seen = new Set(chain.map((c) => c.sha));
  const out = [];
  for (const c of chain) {
    const brought = [c];
    const stack = c.parents.slice(1);
    while (stack.length > 0) {
      const b = bySha.get(stack.pop());
      if (!b || seen.has(b.sha)) continue;
      seen.add(b.sha);
      brought.push(b);
      stack.push(...b.parents);
    }
    const work = brought.filter((b) => !b.isMerge);
    if (!(work.length > 0 ? work : brought).every((b) => b.bot)) out.push({ commit: c, brought });
  }
  return out;
}

// ---------------------------------------------------------------- metrics

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A share of landings as docs/metrics.md states it: part / whole × 100 to 0.1, null without landings. */
function landingShare(list, counts) {
  const part = list.filter(counts);
  return {
    value: list.length === 0 ? null : round((part.length / list.length) * 100, 1),
    sampleCount: list.length,
    commits: part.map((l) => l.commit.sha),
  };
}

/**
 * Each metric of the demo's kpi.json, from the facts over one window: its unit and
 * { value, sampleCount, commits } (commits: what the extension must list as counted).
 */
const METRICS = {
  commitFrequency: {
    unit: '/week',
    // Non-merge commits by people, by author date.
    measure(facts, window) {
      const counted = facts.commits.filter((c) => !c.bot && !c.isMerge && window.contains(Date.parse(c.authorDate)));
      return { value: round(counted.length / (window.days / 7), 2), sampleCount: counted.length, commits: counted.map((c) => c.sha) };
    },
  },
  bugFixTurnaround: {
    unit: 'h',
    // A fix lands with its last commit on the main line (a merge, or the closing commit),
    // by committer date; the median hours, to 0.1.
    measure(facts, window) {
      const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
      const landing = (b) => bySha.get(b.commits.at(-1));
      const counted = facts.bugFixes.filter((b) => landing(b).mainLine && window.contains(Date.parse(landing(b).committerDate)));
      const m = median(counted.map((b) => b.hours));
      return { value: m === null ? null : round(m, 1), sampleCount: counted.length, commits: counted.flatMap((b) => b.commits) };
    },
  },
  revertRate: {
    unit: '%',
    // Landings (by landing time) that bring a commit reverting another.
    measure(facts, window) {
      const list = landingsOf(facts).filter((l) => window.contains(Date.parse(l.commit.committerDate)));
      return landingShare(list, (l) => l.brought.some((c) => c.reverts));
    },
  },
  reviewCoverage: {
    unit: '%',
    // Landings that bring a commit whose Reviewed-by trailer names a second person (a
    // Co-authored-by pair is not a review), or merges by someone who wrote none of the work
    // they bring (the merger: the committer; GitHub's web merges, the author).
    measure(facts, window) {
      const list = landingsOf(facts).filter((l) => window.contains(Date.parse(l.commit.committerDate)));
      const merger = (m) =>
        m.committerEmail === 'noreply@github.com' || m.committerEmail === m.authorEmail ? m.identity : m.committerEmail;
      const mergedByOther = (l) => {
        const work = l.brought.filter((c) => c !== l.commit && !c.isMerge);
        return l.commit.isMerge && work.length > 0 && work.every((c) => c.identity !== merger(l.commit));
      };
      const trailer = (l) => l.brought.some((c) => c.reviewedBy?.trailer === 'Reviewed-by' && c.reviewedBy.email !== c.identity);
      return landingShare(list, (l) => trailer(l) || mergedByOther(l));
    },
  },
};

// ---------------------------------------------------------------- status (docs/status.md)

const higherIsBetter = (t) => ({ atLeast: true, increaseTo: true, atMost: false, decreaseTo: false })[t.direction];

export function meetsTarget(value, t) {
  if (t.direction === 'range') return value >= Math.min(t.min, t.max) && value <= Math.max(t.min, t.max);
  return higherIsBetter(t) ? value >= t.value : value <= t.value;
}

/** The ongoing-threshold rule: met, or at risk within the warning band (default 10%). */
function thresholdStatus(value, t) {
  if (meetsTarget(value, t)) return 'met';
  if (t.direction === 'range') {
    const [lo, hi] = [Math.min(t.min, t.max), Math.max(t.min, t.max)];
    const w = t.warning ?? (hi - lo) * 0.1;
    return value >= lo - w && value <= hi + w ? 'atRisk' : 'offTrack';
  }
  const w = t.warning ?? Math.abs(t.value) * 0.1;
  return (higherIsBetter(t) ? t.value - value : value - t.value) <= w ? 'atRisk' : 'offTrack';
}

/** Linear interpolation between the closest ranks (docs/metrics.md, statistics). */
function percentileOf(values, p) {
  const v = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  return v[lo] + (v[Math.ceil(rank)] - v[lo]) * (rank - lo);
}

/**
 * The forecast verdict docs/status.md describes: Theil–Sen over the last 12 weekly values
 * (the value at the end of each complete ISO week, before the week that holds the deadline),
 * projected to the deadline, ± the 80th percentile of the absolute residuals, inside the
 * metric's domain; 'unlikely' when neither end of the band meets the target. Undefined with
 * fewer than 3 weeks of data.
 */
export function expectedVerdict(valueAt, t, tf, now, domain) {
  const last = Math.min(mondayOf(now) - WEEK, mondayOf(tf.end - 1));
  const weeks = Array.from({ length: 12 }, (_, i) => last - (11 - i) * WEEK);
  const pts = weeks.flatMap((w, i) => {
    const v = valueAt(w + WEEK);
    return v === null ? [] : [[i, v]];
  });
  if (pts.length < 3) return undefined;
  const slopes = [];
  for (let a = 0; a < pts.length; a++)
    for (let b = a + 1; b < pts.length; b++) slopes.push((pts[b][1] - pts[a][1]) / (pts[b][0] - pts[a][0]));
  const slope = median(slopes);
  const intercept = median(pts.map(([x, y]) => y - slope * x));
  const spread = percentileOf(
    pts.map(([x, y]) => Math.abs(y - (intercept + slope * x))),
    80,
  );
  const weeksLeft = Math.max(0, (tf.end - (last + WEEK)) / WEEK);
  const line = intercept + slope * (11 + weeksLeft);
  const clamp = (v) => Math.min(domain.max ?? Infinity, Math.max(domain.min ?? -Infinity, v));
  const ends = [clamp(line - spread), clamp(line + spread)].map((v) => meetsTarget(v, t));
  return ends.every(Boolean) ? 'likelyMet' : ends.some(Boolean) ? 'uncertain' : 'unlikely';
}

/**
 * The status docs/status.md prescribes: inside the time frame, a limit (atLeast, atMost)
 * by the threshold and a goal (increaseTo, decreaseTo) by progress from the baseline versus
 * time elapsed, never better than at risk when the forecast is unlikely; met or off track
 * after it; else the ongoing threshold. `tf` is [start, end) or undefined.
 */
export function expectedStatus(value, t, baseline, tf, now, verdict) {
  const status = timeBoundStatus(value, t, baseline, tf, now);
  const inside = tf && now >= tf.start && now < tf.end;
  return inside && verdict === 'unlikely' && (status === 'met' || status === 'onTrack') ? 'atRisk' : status;
}

function timeBoundStatus(value, t, baseline, tf, now) {
  if (value === null || !Number.isFinite(value)) return 'noData';
  if (!t) return 'noTarget';
  if (tf && now >= tf.end) return meetsTarget(value, t) ? 'met' : 'offTrack';
  if (!tf || now < tf.start) return thresholdStatus(value, t);
  if (meetsTarget(value, t)) return 'met';
  if (t.direction === 'range' || baseline === null || meetsTarget(baseline, t)) return thresholdStatus(value, t);
  if (t.direction === 'atLeast' || t.direction === 'atMost') return thresholdStatus(value, t);
  const elapsed = Math.min(1, Math.max(0, (now - tf.start) / (tf.end - tf.start)));
  if (t.warning !== undefined) {
    const planned = baseline + (t.value - baseline) * elapsed;
    const behind = higherIsBetter(t) ? planned - value : value - planned;
    return behind <= 0 ? 'onTrack' : behind <= t.warning ? 'atRisk' : 'offTrack';
  }
  const gap = elapsed - (value - baseline) / (t.value - baseline);
  return gap <= 0.165 ? 'onTrack' : gap <= 0.33 ? 'atRisk' : 'offTrack';
}

/** An OKR key result's score (docs/status.md, OKR mode), for the demo's non-range targets. */
export function keyResultScore(value, t, baseline) {
  if (value === null || !t) return null;
  if (baseline === null || meetsTarget(baseline, t)) return meetsTarget(value, t) ? 1 : 0;
  return round(Math.min(1, Math.max(0, (value - baseline) / (t.value - baseline))), 2);
}

// ---------------------------------------------------------------- expectations

/**
 * The KPIs the extension must report for a demo repository, from the generator's facts
 * alone: value (rounded as docs/metrics.md says), whether the target is `met`, the
 * `baseline` (the value over the window ending at the time frame's start, as no target in
 * the demo states one), the `status` docs/status.md prescribes, and in OKR mode the `score`.
 * Not for shallow clones, whose values are partial.
 */
export function expectedKpis(facts, { kpiText = facts.kpiJson } = {}) {
  if (facts.shallow) throw new Error('expectedKpis: a shallow clone holds only part of the facts');
  const now = Date.parse(facts.now);
  // A window that ends at or before the first date in the history has no data.
  const first = Math.min(...facts.commits.flatMap((c) => [Date.parse(c.authorDate), Date.parse(c.committerDate)]));
  const result = [];
  for (const objective of kpiConfig(kpiText).objectives) {
    const tf = objective.timeframe ? timeframeAt(objective.timeframe) : undefined;
    for (const kpi of objective.kpis) {
      const metric = METRICS[kpi.metric];
      if (!metric) throw new Error(`expectedKpis: no facts for metric ${kpi.metric}`);
      const measure = (at) => {
        const window = windowAt(kpi.window ?? '4w', at);
        return window.end <= first ? { value: null, sampleCount: 0, commits: [] } : metric.measure(facts, window);
      };
      const { value, sampleCount, commits } = measure(now);
      const t = kpi.target;
      const baseline = t?.baseline ?? (tf ? measure(tf.start).value : null);
      const window = windowAt(kpi.window ?? '4w', now);
      result.push({
        objective: objective.name,
        objectiveId: objective.id,
        id: kpi.id,
        name: kpi.name,
        metric: kpi.metric,
        unit: kpi.unit ?? metric.unit,
        target: t,
        window: kpi.window,
        windowRange: { start: iso(window.start), end: iso(window.end) },
        value,
        met: value === null || !t ? null : meetsTarget(value, t),
        baseline,
        status: expectedStatus(
          value,
          t,
          baseline,
          tf,
          now,
          t && tf && now >= tf.start && now < tf.end
            ? expectedVerdict((at) => measure(at).value, t, tf, now, metric.unit === '%' ? { min: 0, max: 100 } : { min: 0 })
            : undefined,
        ),
        ...(objective.mode === 'okr' ? { score: keyResultScore(value, t, baseline) } : {}),
        // docs/status.md: a KPI with a target inside its time frame has a forecast.
        forecast: Boolean(t && tf && now >= tf.start && now < tf.end),
        ...(kpi.guardrail ? { guardrail: kpi.guardrail } : {}),
        sampleCount,
        commits,
      });
    }
  }
  return result;
}

/**
 * The objectives, with their time frame as the views show it (first and last day) and, in
 * OKR mode, the score: the mean of the key results' scores, success at 0.7 or more.
 */
export function expectedObjectives(facts, { kpiText = facts.kpiJson } = {}) {
  const kpis = expectedKpis(facts, { kpiText });
  return kpiConfig(kpiText).objectives.map((o) => {
    const tf = o.timeframe ? timeframeAt(o.timeframe) : undefined;
    const scores = kpis.filter((k) => k.objective === o.name && k.score !== undefined && k.score !== null).map((k) => k.score);
    const score = o.mode === 'okr' && scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : undefined;
    return {
      id: o.id,
      name: o.name,
      mode: o.mode ?? 'kpi',
      owner: o.owner,
      ...(tf ? { timeframe: { start: iso(tf.start).slice(0, 10), end: iso(tf.end - DAY).slice(0, 10) } } : {}),
      ...(score !== undefined ? { score, success: score >= 0.7 } : {}),
    };
  });
}

/**
 * The data-quality notes the extension must report, from the facts: their codes (sorted)
 * and the numbers the notes state. What each code means:
 *   bots          commits whose author is a bot (Dependabot here) were left out;
 *   identities    recorded author identities that belong to one person (.mailmap);
 *   noReleaseTags no tag matches the release pattern (kpi.json's default "v*");
 *   shallow       a shallow clone; futureDated: dates after now; empty: no commits;
 *   squash        not a shallow clone (its few commits say nothing about the workflow),
 *                 none of the last 50 main-line changes is a merge, there are at least 5,
 *                 and at least 30% of their subjects end with "(#N)".
 * `detached` never applies: the demo and its clones have `main` checked out.
 */
export function expectedDataQuality(facts) {
  const now = Date.parse(facts.now);
  const people = facts.commits.filter((c) => !c.bot);
  const recordedIdentities = new Set(people.map((c) => `${c.author}\0${c.authorEmail}`.toLowerCase()));
  const persons = new Set(people.map((c) => c.identity.toLowerCase()));
  const botCommits = facts.commits.length - people.length;
  const mainLine = facts.commits.filter((c) => c.mainLine).sort((a, b) => Date.parse(b.committerDate) - Date.parse(a.committerDate));
  const recent = mainLine.slice(0, 50);
  const squash =
    facts.shallow !== true &&
    recent.length >= 5 &&
    !recent.some((c) => c.isMerge) &&
    recent.filter((c) => /\(#\d+\)\s*$/.test(c.subject)).length >= recent.length * 0.3;
  const quality = {
    empty: facts.commits.length === 0,
    shallow: facts.shallow === true,
    detached: false,
    bots: botCommits > 0,
    identities: recordedIdentities.size > persons.size,
    squash,
    // What counts as a fix is always stated for a history with commits.
    fixEvidence: facts.commits.length > 0,
    noReleaseTags: facts.commits.length > 0 && !facts.tags.some((t) => RELEASE_TAGS.test(t.name)),
    futureDated: facts.commits.some((c) => Date.parse(c.authorDate) > now || Date.parse(c.committerDate) > now),
  };
  return {
    codes: Object.keys(quality)
      .filter((k) => quality[k])
      .sort(),
    botCommits,
    botPercent: facts.commits.length === 0 ? 0 : Math.round((botCommits / facts.commits.length) * 100),
    identitiesMerged: recordedIdentities.size - persons.size,
    releaseTags: facts.tags.filter((t) => RELEASE_TAGS.test(t.name)).length,
  };
}

const iso = (ms) => new Date(ms).toISOString();
