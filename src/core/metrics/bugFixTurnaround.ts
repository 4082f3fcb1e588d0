// Bug-fix turnaround: how long fixes take from first work to landing on the main line.
// Definition: docs/metrics.md#bug-fix-turnaround-bugfixturnaround.
import type { Commit } from '../history';
import { peopleLandings, populationOf } from './context';
import { inWindow } from '../time/window';
import { median, percentile, round } from './stats';
import type { Population } from './population';
import type { MetricContext, MetricDefinition } from './types';
import { text } from '../text/translatable';

const HOUR_MS = 3_600_000;
/** A closing commit authored less than this before it landed carries no start of its own. */
const UNTIMED_WITHIN_MS = 60_000;
/** Messages are matched only up to this length, which bounds the work per commit. */
const MAX_MESSAGE = 64 * 1024;
const CLOSES = /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\b:?[ \t]*#(\d{1,9})\b/gi;
const MENTIONS = /(?<![\w/&#])#(\d{1,9})\b/g;
const MERGED_BRANCH = [/^Merge (?:remote-tracking )?branch '([^']{1,250})'/, /^Merge pull request #\d+ from [^\s/]{1,100}\/(\S{1,250})/];
const FIX_BRANCH = /^(?:fix|bugfix|hotfix)(?:[/_-]|$)/i;

export function closedIssues(message: string): string[] {
  return [...message.slice(0, MAX_MESSAGE).matchAll(CLOSES)].map((m) => m[1]!);
}

export function mentionedIssues(message: string): string[] {
  return [...message.slice(0, MAX_MESSAGE).matchAll(MENTIONS)].map((m) => m[1]!);
}

/** The merged branch's name when `c` merges a fix branch, else undefined. */
export function fixBranchOf(c: Commit): string | undefined {
  if (c.parents.length < 2) return undefined;
  const subject = c.message.slice(0, 1024);
  for (const re of MERGED_BRANCH) {
    const name = re.exec(subject)?.[1]?.replace(/^origin\//, '');
    if (name !== undefined && FIX_BRANCH.test(name)) return name;
  }
  return undefined;
}

interface FixEvent {
  /** Committer date of the landing on the main line, epoch ms. */
  readonly landed: number;
  readonly hours: number;
  readonly commits: readonly string[];
}

interface FixEvents {
  readonly events: readonly FixEvent[];
  /**
   * Landing times of fixes known only from their own closing commit, a plain commit on the
   * main line that no earlier commit mentions (a squash merge): no start to time them from.
   */
  readonly untimed: readonly number[];
  /** Whether any commit closes an issue or merges a fix branch, anywhere in the history. */
  readonly evidence: boolean;
}

const eventCache = new WeakMap<Population, FixEvents>();

/**
 * Every fix in the history, independent of any window (the window only selects events by
 * landing date), so that weekly series reuse one pass over the history.
 */
function fixEvents(ctx: MetricContext): FixEvents {
  const pop = populationOf(ctx);
  const cached = eventCache.get(pop);
  if (cached) return cached;
  // Earliest author date of any commit that mentions each issue.
  const firstMention = new Map<string, Commit>();
  for (const c of pop.people) {
    for (const n of mentionedIssues(c.message)) {
      const prev = firstMention.get(n);
      if (!prev || c.authorTime < prev.authorTime) firstMention.set(n, c);
    }
  }
  const events: FixEvent[] = [];
  const untimed: number[] = [];
  let evidence = false;
  const closed = new Set<string>();
  // Oldest landing first, so that an issue's first landing wins.
  for (const { commit: landing, brought } of [...peopleLandings(ctx)].reverse()) {
    const closing = brought.flatMap((c) => closedIssues(c.message).map((n) => ({ n, c })));
    if (closing.length > 0) evidence = true;
    const fresh = closing.filter(({ n }) => !closed.has(n));
    if (fresh.length > 0) {
      for (const { n, c } of fresh) {
        if (closed.has(n)) continue;
        closed.add(n);
        const start = firstMention.get(n) ?? c;
        if (start === c && c === landing && landing.commitTime - c.authorTime < UNTIMED_WITHIN_MS) {
          // A squash merge: the first word of the issue is the commit that closed it, and its
          // author date is its landing date: they say when it was squashed, not when work
          // began. (A rebased commit keeps its older author date, which is a start.)
          untimed.push(landing.commitTime);
          continue;
        }
        const hours = (landing.commitTime - start.authorTime) / HOUR_MS;
        if (hours < 0) continue; // clock skew: the fix cannot land before work started
        events.push({ landed: landing.commitTime, hours, commits: [...new Set([start.hash, c.hash, landing.hash])] });
      }
    } else if (closing.length === 0 && fixBranchOf(landing) !== undefined) {
      evidence = true;
      const own = brought.slice(1);
      if (own.length === 0) continue;
      const start = own.reduce((min, c) => Math.min(min, c.authorTime), Infinity);
      const hours = (landing.commitTime - start) / HOUR_MS;
      if (hours < 0) continue;
      events.push({ landed: landing.commitTime, hours, commits: [landing.hash, ...own.map((c) => c.hash)] });
    }
  }
  const result = { events, untimed, evidence };
  eventCache.set(pop, result);
  return result;
}

export const bugFixTurnaround: MetricDefinition = {
  id: 'bugFixTurnaround',
  category: 'speed',
  reads: 'headers',
  title: 'Bug-fix turnaround',
  unit: 'h',
  better: 'lower',
  compute(ctx) {
    const all = fixEvents(ctx);
    const inside = all.events.filter((e) => inWindow(ctx.window, e.landed));
    const untimed = all.untimed.filter((t) => inWindow(ctx.window, t)).length;
    const durations = inside.map((e) => e.hours);
    const counted = inside.flatMap((e) => e.commits);
    const med = median(durations);
    const p75 = percentile(durations, 75);
    const why =
      med !== null
        ? undefined
        : untimed > 0
          ? text(
              'Fixes in the window: {0}, each known only from the commit that closed its issue (squash merges), so there is no earlier work to time them from.',
              untimed,
            )
          : !all.evidence
            ? text(
                'No commit in the history closes an issue ("fixes #N") or merges a fix branch: turnaround cannot be measured on this repository.',
              )
            : undefined;
    return {
      value: med === null ? null : round(med, 1),
      sampleSize: durations.length,
      commits: [...new Set(counted)],
      details: { p75: p75 === null ? null : round(p75, 1), fixes: durations.length, ...(untimed > 0 ? { untimed } : {}) },
      ...(why ? { why } : {}),
    };
  },
};
