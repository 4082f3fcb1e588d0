// Provisional weeks: where work lands long after it is written (topic branches merged by a
// maintainer weeks later), the latest weeks of the metrics that count by author date are
// still filling in. Rules: docs/metrics.md#provisional-weeks.
import { landings, type History } from '../history';
import { isBotLanding, type Population } from '../metrics/population';
import { memoIn } from '../metrics/memo';
import { median } from '../metrics/stats';
import { DAY_MS } from '../time/units';

/** A median delay above this many days makes the latest weeks provisional. */
export const PROVISIONAL_AFTER_DAYS = 3;
/** How many recent landings the delay is measured over. */
const SAMPLE = 200;

/** The median days from writing to landing of the non-merge commits the recent landings brought; null without any. */
export const landingDelayDays = memoIn((pop: Population, history: History): number | null => {
  const delays: number[] = [];
  for (const l of landings(history)
    .filter((x) => !isBotLanding(x.brought, pop))
    .slice(0, SAMPLE)) {
    for (const c of l.brought) {
      if (c.parents.length > 1 || pop.isBot(c)) continue;
      delays.push(Math.max(0, l.commit.commitTime - c.authorTime) / DAY_MS);
    }
  }
  const m = median(delays);
  return m === null ? null : Math.round(m * 10) / 10;
});

/**
 * The instant after which author-date weeks are provisional (now minus the median delay), or
 * undefined when work lands within a few days of being written.
 */
export function provisionalSince(pop: Population, history: History, now: Date): { since: number; days: number } | undefined {
  const days = landingDelayDays(pop, history);
  if (days === null || days <= PROVISIONAL_AFTER_DAYS) return undefined;
  return { since: now.getTime() - days * DAY_MS, days };
}
