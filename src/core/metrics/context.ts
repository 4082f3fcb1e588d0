// Shared reading of a MetricContext: the population, landings in the window, settings.
import { DEFAULT_EXCLUDE_PATHS, DEFAULT_FIX_PATTERNS, globToRegExp } from '../classify';
import { landings, type Landing } from '../history';
import { compilePatterns, isBotLanding, population, type Population } from '../population';
import { inWindow } from '../window';
import type { MetricContext } from './types';

const populations = new WeakMap<object, Population>();
const landingLists = new WeakMap<object, Landing[]>();

export function populationOf(ctx: MetricContext): Population {
  if (ctx.population) return ctx.population;
  let p = populations.get(ctx.history);
  if (!p) {
    p = population(ctx.history);
    populations.set(ctx.history, p);
  }
  return p;
}

/** Landings (first-parent main-line changes) by people, newest first; computed once per history. */
export function peopleLandings(ctx: MetricContext): Landing[] {
  const pop = populationOf(ctx);
  let all = landingLists.get(pop);
  if (!all) {
    all = landings(ctx.history).filter((l) => !isBotLanding(l.brought, pop));
    landingLists.set(pop, all);
  }
  return all;
}

/** Landings whose main-line commit was committed inside the window. */
export function landingsInWindow(ctx: MetricContext): Landing[] {
  return peopleLandings(ctx).filter((l) => inWindow(ctx.window, l.commit.commitTime));
}

const defaultFix = compilePatterns(DEFAULT_FIX_PATTERNS);
const defaultExclude = DEFAULT_EXCLUDE_PATHS.map(globToRegExp);

export function fixPatterns(ctx: MetricContext): readonly RegExp[] {
  return ctx.settings?.fixPatterns ?? defaultFix;
}

export function excludePaths(ctx: MetricContext): readonly RegExp[] {
  return ctx.settings?.excludePaths ?? defaultExclude;
}

export function weeks(ctx: MetricContext): number {
  return ctx.window.days / 7;
}

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}
