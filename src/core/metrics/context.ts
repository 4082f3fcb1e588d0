// Shared reading of a MetricContext: the population, landings in the window, settings.
import { DEFAULT_EXCLUDE_PATHS, detectConvention, isForwardMerge, type FixRule } from './classify';
import { glob, type Pattern } from '../text/patterns';
import { isMerge, landings, type Commit, type Landing } from '../history';
import { isBotLanding, population, type Population } from './population';
import type { TimeWindow } from '../time/window';
import type { MetricContext } from './types';

const populations = new WeakMap<object, Population>();
const landingLists = new WeakMap<object, Landing[]>();

export function populationOf(ctx: Pick<MetricContext, 'history' | 'population'>): Population {
  if (ctx.population) return ctx.population;
  let p = populations.get(ctx.history);
  if (!p) {
    p = population(ctx.history);
    populations.set(ctx.history, p);
  }
  return p;
}

/** Landings (first-parent main-line changes) by people, newest first; computed once per history. */
export function peopleLandings(ctx: Pick<MetricContext, 'history' | 'population'>): Landing[] {
  const pop = populationOf(ctx);
  let all = landingLists.get(pop);
  if (!all) {
    // Bot landings and forward merges of long-lived branches are not landings of new work.
    all = landings(ctx.history).filter((l) => !isBotLanding(l.brought, pop) && !isForwardMerge(l.commit));
    landingLists.set(pop, all);
  }
  return all;
}

const landingsByTime = new WeakMap<object, Landing[]>();
const workByTime = new WeakMap<object, Commit[]>();

/** Landings whose main-line commit was committed inside the window (newest first). */
export function landingsInWindow(ctx: MetricContext): Landing[] {
  const pop = populationOf(ctx);
  let sorted = landingsByTime.get(pop);
  if (!sorted) {
    sorted = [...peopleLandings(ctx)].sort((a, b) => a.commit.commitTime - b.commit.commitTime);
    landingsByTime.set(pop, sorted);
  }
  return slice(sorted, (l) => l.commit.commitTime, ctx.window).reverse();
}

/** Non-merge commits by people whose author date is inside the window. */
export function workInWindow(ctx: MetricContext): Commit[] {
  const pop = populationOf(ctx);
  let sorted = workByTime.get(pop);
  if (!sorted) {
    sorted = pop.people.filter((c) => !isMerge(c)).sort((a, b) => a.authorTime - b.authorTime);
    workByTime.set(pop, sorted);
  }
  return slice(sorted, (c) => c.authorTime, ctx.window);
}

/** The items of a time-sorted array inside [start, end), by binary search. */
function slice<T>(sorted: readonly T[], time: (t: T) => number, w: TimeWindow): T[] {
  const first = (bound: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (time(sorted[mid]!) < bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return sorted.slice(first(w.start), first(w.end));
}

const defaultExclude = DEFAULT_EXCLUDE_PATHS.map((p) => glob(p));

/** `repository.fixPatterns`, or the convention the history follows (docs/metrics.md#fixes). */
export function fixRule(ctx: MetricContext): FixRule {
  return ctx.settings?.fixPatterns ?? detectConvention(populationOf(ctx).people);
}

export function excludePaths(ctx: MetricContext): readonly Pattern[] {
  return ctx.settings?.excludePaths ?? defaultExclude;
}

export function weeks(ctx: MetricContext): number {
  return ctx.window.days / 7;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}
