// The opt-in per-person breakdown of a KPI's counted commits. It is sorted by name, never by
// count: it exists to answer "whose work is in this number", not to rank people.
import type { Commit } from '../history';
import type { Population } from '../metrics/population';

export interface PersonShare {
  readonly name: string;
  readonly commits: number;
}

export function breakdownByPerson(hashes: readonly string[], byHash: ReadonlyMap<string, Commit>, pop: Population): PersonShare[] {
  // Each person is shown under the name of their most recent counted commit.
  const people = new Map<string, { name: string; commits: number; latest: number }>();
  for (const h of new Set(hashes)) {
    const c = byHash.get(h);
    if (!c || pop.isBot(c)) continue;
    const id = pop.identityOf(c.authorName, c.authorEmail);
    const entry = people.get(id);
    if (!entry) people.set(id, { name: c.authorName, commits: 1, latest: c.authorTime });
    else {
      entry.commits++;
      if (c.authorTime > entry.latest) Object.assign(entry, { name: c.authorName, latest: c.authorTime });
    }
  }
  return [...people.values()]
    .map(({ name, commits }) => ({ name, commits }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
