// Delivery (DORA-style) metrics from release tags: a deploy is a tag that matches the
// release pattern (default `v*`). Without release tags these metrics are unavailable
// (null), never zero. Definitions: docs/metrics.md#delivery.
import { isFix, revertedCommit, type FixRule } from './classify';
import { commitTrailers } from './trailers';
import { compileGlob, type Pattern } from '../text/patterns';
import { indexByHash, isMerge, subjectOf, type Commit, type History, type Tag } from '../history';
import { inWindow } from '../time/window';
import { excludePaths, fixRule, populationOf, share, weeks } from './context';
import { median, percentile, round } from './stats';
import type { MetricContext, MetricDefinition, MetricValue } from './types';
import { memo, memoIn } from './memo';
import type { Population } from './population';
import { text } from '../text/translatable';

const HOUR_MS = 3_600_000;
/** A release shipping more than this share of a window's lead-time samples is named. */
const DOMINANT_RELEASE_SHARE = 0.25;
/** The first release only counts commits authored this close before it (not years of history). */
export const FIRST_RELEASE_LOOKBACK_MS = 30 * 24 * HOUR_MS;

export interface Release {
  readonly tag: Tag;
  /** Commits this release shipped: reachable from its tag, not shipped by an earlier release. */
  readonly commits: readonly Commit[];
}

/**
 * Oldest first; on the same commit time, a full version (v1.4.2) before a moving alias (v1),
 * so that the release keeps the name hotfix detection can read.
 */
function byTimeThenSpecific(a: Tag, b: Tag): number {
  const full = (t: Tag): number => (SEMVER.test(t.name) ? 1 : 0);
  return a.time - b.time || full(b) - full(a) || b.name.length - a.name.length || a.name.localeCompare(b.name);
}

const releaseCache = new WeakMap<readonly Commit[], Map<string, Release[]>>();

/** The tags as one string, once per tag list (a refresh with the same tags reuses the releases). */
const tagsKey = memo((tags: readonly Tag[]): string => tags.map((t) => `${t.name}\0${t.commit}\0${t.time}`).join('\0'));

/** Which tags are releases: names one of `patterns` matches, less those left out. */
export interface ReleaseRule {
  readonly patterns: readonly string[];
  /** Globs of tags that are not releases; undefined: the default (pre-releases and archive tags). */
  readonly exclude?: readonly string[];
}

export const DEFAULT_RELEASE_RULE: ReleaseRule = { patterns: ['v*'] };

/** The rule kpi.json's `repository` settings describe. */
export function releaseRuleOf(
  settings: { readonly releaseTagPattern?: string | readonly string[]; readonly releaseTagExclude?: readonly string[] } = {},
): ReleaseRule {
  const p = settings.releaseTagPattern;
  return {
    patterns: p === undefined ? DEFAULT_RELEASE_RULE.patterns : typeof p === 'string' ? [p] : p,
    ...(settings.releaseTagExclude ? { exclude: settings.releaseTagExclude } : {}),
  };
}

/**
 * A SemVer or PEP 440 style pre-release: `-rc`, `-beta`, `-alpha`, `-pre` after the version
 * (`v2.51.0-rc0`, `v8.0.0-beta.3`), or `rc`/`beta`/`alpha`/`pre` and a number right after its
 * digits (`1.0rc1`). Read from the last part of the name (`release/v2.0-rc1`).
 */
export function isPreRelease(name: string): boolean {
  const last = name.slice(name.lastIndexOf('/') + 1);
  return /-(?:rc|beta|alpha|pre)/i.test(last) || /\d(?:rc|beta|alpha|pre)\d*$/i.test(last);
}

/** An archive or maintenance-line tag such as `2.3.x`: a place in history, not a version. */
export function isArchiveTag(name: string): boolean {
  return /\.x$/i.test(name);
}

/** 'release', 'excluded' (the patterns match it, the exclusions leave it out), or undefined. */
export function releaseTagKind(name: string, rule: ReleaseRule): 'release' | 'excluded' | undefined {
  if (!rule.patterns.some((p) => releaseTagMatcher(p).test(name))) return undefined;
  const out = rule.exclude ? rule.exclude.some((p) => releaseTagMatcher(p).test(name)) : isPreRelease(name) || isArchiveTag(name);
  return out ? 'excluded' : 'release';
}

/** A final version: an optional prefix of letters, dots, dashes or underscores, then `1.2` or `1.2.3`… */
const VERSION_TAG = /^([A-Za-z._-]*?)\d+(?:\.\d+)+$/;

/**
 * The release pattern a repository without matching releases most likely uses: the most
 * common prefix of its version-like tags (archive tags such as `2.3.x` and pre-releases are
 * not versions), followed by a digit: `[0-9]*` for `3.1.3`, `release-[0-9]*` for
 * `release-1.2`. Undefined when no tag looks like a version.
 */
export function suggestReleasePattern(names: readonly string[]): { pattern: string; tags: string[] } | undefined {
  const byPrefix = new Map<string, string[]>();
  for (const name of names) {
    const m = VERSION_TAG.exec(name);
    if (!m || isPreRelease(name)) continue;
    const list = byPrefix.get(m[1]!) ?? [];
    list.push(name);
    byPrefix.set(m[1]!, list);
  }
  let best: [string, string[]] | undefined;
  for (const entry of byPrefix) if (!best || entry[1].length > best[1].length) best = entry;
  return best && { pattern: `${best[0]}[0-9]*`, tags: best[1] };
}

/** suggestReleasePattern over the tags on the read history. */
export function suggestReleasePatternFor(history: History): { pattern: string; tags: string[] } | undefined {
  const known = indexByHash(history);
  return suggestReleasePattern((history.tags ?? []).filter((t) => known.has(t.commit)).map((t) => t.name));
}

const tagMatchers = new Map<string, Pattern>();

/** The release-tag glob, matched against whole tag names; one that does not compile matches no tag. */
export function releaseTagMatcher(pattern: string): Pattern {
  let m = tagMatchers.get(pattern);
  if (!m) {
    const c = compileGlob(pattern, { whole: true });
    m = 'pattern' in c ? c.pattern : { source: pattern, test: () => false };
    if (tagMatchers.size > 64) tagMatchers.clear();
    tagMatchers.set(pattern, m);
  }
  return m;
}

/** Releases oldest first, each with the commits it shipped (once per commit list, tags and rule). */
export function releases(history: History, rule: ReleaseRule = DEFAULT_RELEASE_RULE): Release[] {
  let byKey = releaseCache.get(history.commits);
  if (!byKey) releaseCache.set(history.commits, (byKey = new Map()));
  const key = `${rule.patterns.join('\0')}\0\0${rule.exclude?.join('\0') ?? '(default)'}\0\0${tagsKey(history.tags ?? [])}`;
  const cached = byKey.get(key);
  if (cached) return cached;
  const byHash = indexByHash(history);
  const tags = (history.tags ?? [])
    .filter((t) => byHash.has(t.commit) && releaseTagKind(t.name, rule) === 'release')
    .sort(byTimeThenSpecific);
  const shipped = new Set<string>();
  /** The release tagged on each commit, for the tags that come later on the same commit. */
  const taggedOn = new Map<string, Tag>();
  const out: Release[] = [];
  for (const tag of tags) {
    // A second tag on a commit an earlier release shipped (a moving `v1` beside `v1.4.2`)
    // is not another release, except the final version on the commit of its pre-release
    // (counted when pre-releases are): it is a deployment that ships nothing new.
    if (shipped.has(tag.commit)) {
      const earlier = taggedOn.get(tag.commit);
      if (earlier && isPreRelease(earlier.name) && !isPreRelease(tag.name)) {
        out.push({ tag, commits: [] });
        taggedOn.set(tag.commit, tag);
      }
      continue;
    }
    taggedOn.set(tag.commit, tag);
    const commits: Commit[] = [];
    const stack = [tag.commit];
    while (stack.length > 0) {
      const h = stack.pop()!;
      if (shipped.has(h)) continue;
      const c = byHash.get(h);
      if (!c) continue;
      shipped.add(h);
      commits.push(c);
      for (const p of c.parents) stack.push(p); // no spread: a commit may have any number of parents
    }
    out.push({ tag, commits });
  }
  byKey.set(key, out);
  return out;
}

function releaseRule(ctx: MetricContext): ReleaseRule {
  return releaseRuleOf(ctx.settings);
}

/** Without any release: no value, and why (the noReleaseTags note proposes a pattern when tags look like versions). */
const unavailable: MetricValue = {
  value: null,
  sampleSize: 0,
  commits: [],
  details: { releases: 0 },
  why: text(
    'No tag on this history is a release under repository.releaseTagPattern: delivery cannot be measured until one is (see Data quality).',
  ),
};

export const deploymentFrequency: MetricDefinition = {
  id: 'deploymentFrequency',
  category: 'speed',
  reads: 'headers',
  title: 'Deployment frequency',
  unit: '/week',
  better: 'higher',
  compute(ctx) {
    const all = releases(ctx.history, releaseRule(ctx));
    if (all.length === 0) return unavailable;
    const inside = all.filter((r) => inWindow(ctx.window, r.tag.time));
    return {
      value: round(inside.length / weeks(ctx)),
      sampleSize: inside.length,
      commits: inside.map((r) => r.tag.commit),
      details: { releases: inside.length },
    };
  },
};

export const leadTime: MetricDefinition = {
  id: 'leadTime',
  category: 'speed',
  reads: 'headers',
  title: 'Lead time for changes',
  unit: 'h',
  better: 'lower',
  compute(ctx) {
    const all = releases(ctx.history, releaseRule(ctx));
    if (all.length === 0) return unavailable;
    const pop = populationOf(ctx);
    const hours: number[] = [];
    const counted: string[] = [];
    let largest: { tag: string; changes: number } | undefined;
    let inside = 0;
    all.forEach((r, i) => {
      if (!inWindow(ctx.window, r.tag.time)) return;
      inside++;
      const shipped = leadTimes(pop, r, i === 0);
      // No spread: a first release can ship a hundred thousand commits.
      for (const h of shipped.hours) hours.push(h);
      for (const h of shipped.hashes) counted.push(h);
      if (!largest || shipped.hours.length > largest.changes) largest = { tag: r.tag.name, changes: shipped.hours.length };
    });
    const med = median(hours);
    const p75 = percentile(hours, 75);
    // Among two or more releases, one that shipped more than a quarter of the changes sways
    // the median: name it.
    const share = largest && hours.length > 0 ? largest.changes / hours.length : 0;
    const note =
      largest && inside > 1 && share > DOMINANT_RELEASE_SHARE
        ? text(
            '{0} shipped {1} of the {2} changes ({3}%): the median leans on it.',
            largest.tag,
            largest.changes,
            hours.length,
            Math.round(share * 100),
          )
        : undefined;
    return {
      value: med === null ? null : round(med, 1),
      sampleSize: hours.length,
      commits: counted,
      details: {
        p75: p75 === null ? null : round(p75, 1),
        changes: hours.length,
        ...(note ? { largestReleaseShare: round(share * 100, 1) } : {}),
      },
      ...(note ? { note } : {}),
    };
  },
};

/** The hours from writing to release of each change a release shipped (people's, not merges), once per release. */
function leadTimes(pop: Population, r: Release, first: boolean): { hours: number[]; hashes: string[] } {
  return (first ? firstReleaseLeadTimes : releaseLeadTimes)(pop, r);
}

const leadTimesOf = (first: boolean) =>
  memoIn((pop: Population, r: Release): { hours: number[]; hashes: string[] } => {
    const hours: number[] = [];
    const hashes: string[] = [];
    for (const c of r.commits) {
      if (isMerge(c) || pop.isBot(c)) continue;
      if (first && r.tag.time - c.authorTime > FIRST_RELEASE_LOOKBACK_MS) continue;
      const h = (r.tag.time - c.authorTime) / HOUR_MS;
      if (h <= 0) continue; // clock skew: a change cannot ship before it was written
      hours.push(h);
      hashes.push(c.hash);
    }
    return { hours, hashes };
  });
const firstReleaseLeadTimes = leadTimesOf(true);
const releaseLeadTimes = leadTimesOf(false);

const SEMVER = /(\d+)\.(\d+)\.(\d+)/;

/**
 * Evidence, in git, that a release failed: a later commit reverts a change it shipped (by the
 * id in "This reverts commit …", or by the reverted subject in `Revert "…"`), or names one in
 * a `Fixes: <commit>` trailer. Once per population and release list.
 */
const failedReleases = memoIn((pop: Population, all: readonly Release[]): ReadonlySet<number> => {
  const shippedBy = new Map<string, number>();
  const bySubject = new Map<string, number>();
  all.forEach((r, i) => {
    for (const c of r.commits) {
      shippedBy.set(c.hash, i);
      if (!isMerge(c)) bySubject.set(subjectOf(c), i);
    }
  });
  const failed = new Set<number>();
  const blame = (id: string): void => {
    // An abbreviated id: the shipped commit it starts.
    const i = shippedBy.get(id) ?? (id.length >= 7 ? [...shippedBy].find(([h]) => h.startsWith(id))?.[1] : undefined);
    if (i !== undefined) failed.add(i);
  };
  for (const c of pop.people) {
    const reverted = revertedCommit(c);
    if (reverted !== undefined) blame(reverted.toLowerCase());
    else {
      const subject = /^Revert "(.{1,500})"$/.exec(subjectOf(c))?.[1];
      const i = subject === undefined ? undefined : bySubject.get(subject);
      if (i !== undefined) failed.add(i);
    }
    for (const t of commitTrailers(c)) {
      const id = t.key === 'fixes' ? /^([0-9a-f]{7,64})\b/i.exec(t.value)?.[1] : undefined;
      if (id !== undefined) blame(id.toLowerCase());
    }
  }
  return failed;
});

/** Major, minor and patch of a version tag (`v2.51.1`, `release/3.1.3`), when it names one. */
function versionOf(name: string): [number, number, number] | undefined {
  const m = SEMVER.exec(name.slice(name.lastIndexOf('/') + 1));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * Each release's follow-up patch release: the next release in time of the same major and
 * minor version with a higher patch (v2.51.0 → v2.51.1), by index into the release list.
 */
export const patchFollowUps = memo((all: readonly Release[]): ReadonlyMap<number, number> => {
  const out = new Map<number, number>();
  const versions = all.map((r) => versionOf(r.tag.name));
  versions.forEach((v, i) => {
    if (!v) return;
    for (let j = i + 1; j < all.length; j++) {
      const w = versions[j];
      if (w && w[0] === v[0] && w[1] === v[1] && w[2] > v[2]) {
        out.set(i, j);
        return;
      }
    }
  });
  return out;
});

/** The commits of a release whose files count as what it shipped (the first release: its last 30 days, not all history). */
function shippedWork(all: readonly Release[], i: number): Commit[] {
  const r = all[i]!;
  return r.commits.filter((c) => !isMerge(c) && (i > 0 || r.tag.time - c.authorTime <= FIRST_RELEASE_LOOKBACK_MS));
}

/**
 * The commits whose files the patch-release evidence reads for the releases `inWindow`
 * accepts: what each shipped and everything its follow-up patch release brought (a superset
 * of the fixes, whatever the fix rule and the population).
 */
export function patchEvidenceCommits(all: readonly Release[], inWindow: (time: number) => boolean): Set<string> {
  const ids = new Set<string>();
  for (const [i, j] of patchFollowUps(all)) {
    if (!inWindow(all[i]!.tag.time)) continue;
    for (const c of shippedWork(all, i)) ids.add(c.hash);
    for (const c of all[j]!.commits) if (!isMerge(c)) ids.add(c.hash);
  }
  return ids;
}

/** Release notes and change logs, which a release and every fix after it both touch. */
const RELEASE_NOTES = /(?:^|\/)(?:change(?:s|log)|news|history|release[-_]?notes)(?:\.[^/]*)?$/i;
/** Tests: a fix that adds a test beside the release's tests repairs nothing the release shipped. */
const TESTS = /(?:^|\/)(?:__tests__|tests?|spec)\/|\.(?:spec|test)\.[^/]+$/i;

/**
 * The second evidence of failure: a release whose follow-up patch release brings a fix, by
 * people, that changes a file the release changed (excluded paths, change logs and tests aside). Read only where
 * the line counts of both were read; once per population, release list and settings.
 */
const patchFailures = memoIn((pop: Population, all: readonly Release[]) =>
  memoIn((rule: FixRule, exclude: readonly Pattern[]): ReadonlySet<number> => {
    const failed = new Set<number>();
    const counted = (path: string): boolean => !RELEASE_NOTES.test(path) && !TESTS.test(path) && !exclude.some((p) => p.test(path));
    for (const [i, j] of patchFollowUps(all)) {
      const touched = new Set<string>();
      for (const c of shippedWork(all, i)) for (const f of c.files ?? []) if (counted(f.path)) touched.add(f.path);
      if (touched.size === 0) continue;
      const fixes = all[j]!.commits.filter((c) => !isMerge(c) && !pop.isBot(c) && isFix(c, rule));
      if (fixes.some((c) => (c.files ?? []).some((f) => touched.has(f.path) || (f.oldPath !== undefined && touched.has(f.oldPath)))))
        failed.add(i);
    }
    return failed;
  }),
);

export const changeFailureRate: MetricDefinition = {
  id: 'changeFailureRate',
  category: 'quality',
  reads: 'headers',
  filesRead: (history, windows, settings) =>
    patchEvidenceCommits(releases(history, releaseRuleOf(settings)), (t) => windows.some((w) => inWindow(w, t))),
  title: 'Change failure rate',
  unit: '%',
  better: 'lower',
  compute(ctx) {
    const all = releases(ctx.history, releaseRule(ctx));
    if (all.length === 0) return unavailable;
    const pop = populationOf(ctx);
    const evidence = failedReleases(pop, all);
    const patched = patchFailures(pop, all)(fixRule(ctx), excludePaths(ctx));
    const inside = all.flatMap((r, i) => (inWindow(ctx.window, r.tag.time) ? [i] : []));
    const failed = inside.filter((i) => evidence.has(i) || patched.has(i));
    const v = share(failed.length, inside.length);
    return {
      value: v === null ? null : round(v, 1),
      sampleSize: inside.length,
      commits: failed.map((i) => all[i]!.tag.commit),
      details: { releases: inside.length, failed: failed.length },
      note: text(
        'Inferred from git: a release counts as failed when a later commit reverts a change it shipped or names one in a Fixes: trailer, or when a fix in its follow-up patch release changes a file it changed. Recorded incidents would make it exact.',
      ),
    };
  },
};
