// What the demo repository's facts mean for the extension: the windows as docs/metrics.md
// defines them, the KPI values and the data-quality notes the extension must report. Reads
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

// ---------------------------------------------------------------- expectations

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The KPI values the extension must report for a demo repository, from the generator's
 * facts alone (docs/metrics.md: commit frequency rounded to 2 decimals, turnaround to 1).
 * `met` says whether the target is met; how far off an unmet KPI is (at risk or off
 * track) is the extension's business. Not for shallow clones, whose values are partial.
 */
export function expectedKpis(facts, { kpiText = facts.kpiJson } = {}) {
  if (facts.shallow) throw new Error('expectedKpis: a shallow clone holds only part of the facts');
  const now = Date.parse(facts.now);
  const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
  const result = [];
  for (const objective of kpiConfig(kpiText).objectives) {
    for (const kpi of objective.kpis) {
      const window = windowAt(kpi.window ?? '4w', now);
      let value = null;
      let commits = [];
      let samples = [];
      if (kpi.metric === 'commitFrequency') {
        const counted = facts.commits.filter((c) => !c.bot && !c.isMerge && window.contains(Date.parse(c.authorDate)));
        commits = counted.map((c) => c.sha);
        value = round(counted.length / (window.days / 7), 2);
        samples = counted.map(() => 1);
      } else if (kpi.metric === 'bugFixTurnaround') {
        // A fix lands with its last commit on the main line (a merge, or the closing commit).
        const landing = (b) => bySha.get(b.commits.at(-1));
        const counted = facts.bugFixes.filter((b) => landing(b).mainLine && window.contains(Date.parse(landing(b).committerDate)));
        samples = counted.map((b) => b.hours);
        const m = median(samples);
        value = m === null ? null : round(m, 1);
        commits = counted.flatMap((b) => b.commits);
      }
      const t = kpi.target;
      const met = value === null || !t ? null : t.direction === 'atLeast' ? value >= t.value : t.direction === 'atMost' ? value <= t.value : null;
      const windowRange = { start: iso(window.start), end: iso(window.end) };
      result.push({ objective: objective.name, id: kpi.id, name: kpi.name, metric: kpi.metric, unit: kpi.unit ?? '', target: t, window: kpi.window, windowRange, value, met, sampleCount: samples.length, commits });
    }
  }
  return result;
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
  const squash = facts.shallow !== true && recent.length >= 5 && !recent.some((c) => c.isMerge) && recent.filter((c) => /\(#\d+\)\s*$/.test(c.subject)).length >= recent.length * 0.3;
  const quality = {
    empty: facts.commits.length === 0,
    shallow: facts.shallow === true,
    detached: false,
    bots: botCommits > 0,
    identities: recordedIdentities.size > persons.size,
    squash,
    noReleaseTags: facts.commits.length > 0 && !facts.tags.some((t) => RELEASE_TAGS.test(t.name)),
    futureDated: facts.commits.some((c) => Date.parse(c.authorDate) > now || Date.parse(c.committerDate) > now),
  };
  return {
    codes: Object.keys(quality).filter((k) => quality[k]).sort(),
    botCommits,
    botPercent: facts.commits.length === 0 ? 0 : Math.round((botCommits / facts.commits.length) * 100),
    identitiesMerged: recordedIdentities.size - persons.size,
    releaseTags: facts.tags.filter((t) => RELEASE_TAGS.test(t.name)).length,
  };
}

const iso = (ms) => new Date(ms).toISOString();
