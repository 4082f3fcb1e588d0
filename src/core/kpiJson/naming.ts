// Ids for objectives and KPIs: derived from names, and kept unique within a file.

/** An id from a name: lower case, other characters become `-`; `fallback` when nothing is left. */
export function slugId(name: string, fallback = 'kpi'): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return s.length > 0 ? s : fallback;
}

/** An id not used in the file yet: `base`, `base-2`, ... */
export function freeId(text: string, base: string): string {
  let id = base;
  for (let i = 2; text.includes(`"${id}"`); i++) id = `${base}-${i}`;
  return id;
}
