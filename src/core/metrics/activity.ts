// Who is active and how often: active contributors and coding days (team level, never ranked).
import type { Commit } from '../history';
import { commitCoAuthors } from './trailers';
import { DAY_MS } from '../time/units';
import { isoWeekStart } from '../time/window';
import { memoIn } from './memo';
import type { Population } from './population';
import { populationOf, workInWindow } from './context';
import { round } from './stats';
import type { MetricContext, MetricDefinition } from './types';

/** Non-merge commits by people authored in the window, each with the people it credits (bot co-authors are not). */
function credited(ctx: MetricContext): { commit: Commit; people: readonly string[] }[] {
  const pop = populationOf(ctx);
  return workInWindow(ctx).map((commit) => ({ commit, people: creditedPeople(pop, commit) }));
}

const creditedPeople = memoIn((pop: Population, commit: Commit): readonly string[] => [
  ...new Set([
    pop.identityOf(commit.authorName, commit.authorEmail),
    ...commitCoAuthors(commit)
      .filter((p) => !pop.isBotPerson(p.name, p.email))
      .map((p) => pop.identityOf(p.name, p.email)),
  ]),
]);

export const activeContributors: MetricDefinition = {
  id: 'activeContributors',
  category: 'activity',
  reads: 'headers',
  dated: 'author',
  title: 'Active contributors',
  unit: 'people',
  better: 'higher',
  compute(ctx) {
    if (ctx.history.commits.length === 0) return { value: null, sampleSize: 0, commits: [] };
    const list = credited(ctx);
    const people = new Set(list.flatMap((x) => x.people));
    return { value: people.size, sampleSize: list.length, commits: list.map((x) => x.commit.hash), details: { commits: list.length } };
  },
};

export const codingDays: MetricDefinition = {
  id: 'codingDays',
  category: 'activity',
  reads: 'headers',
  dated: 'author',
  title: 'Coding days',
  unit: 'days/week',
  better: 'higher',
  compute(ctx) {
    const list = credited(ctx);
    // A UTC calendar day, as a day number; a person's active weeks, as ISO week starts.
    const days = new Map<string, Set<number>>();
    const personWeeks = new Set<string>();
    for (const { commit, people } of list) {
      const day = Math.floor(commit.authorTime / DAY_MS);
      const week = isoWeekStart(commit.authorTime);
      for (const p of people) {
        let set = days.get(p);
        if (!set) days.set(p, (set = new Set()));
        set.add(day);
        personWeeks.add(`${week}\0${p}`);
      }
    }
    if (days.size === 0) return { value: null, sampleSize: 0, commits: [] };
    const personDays = [...days.values()].reduce((n, s) => n + s.size, 0);
    // Days per active person-week: on the same 0–7 scale for a 1-week and a 12-week window.
    return {
      value: round(personDays / personWeeks.size),
      sampleSize: personDays,
      commits: list.map((x) => x.commit.hash),
      details: { activeContributors: days.size, personDays, personWeeks: personWeeks.size },
    };
  },
};
