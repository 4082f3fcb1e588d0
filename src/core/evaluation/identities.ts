// Likely duplicate identities: one person under two addresses that neither .mailmap nor the
// alias map folds (a work address beside GitHub's `NNN+login@users.noreply.github.com`, a
// laptop's misconfigured email beside the real one). Listed in data quality, and turned
// into .mailmap lines that the user confirms before anything is written. Rules:
// docs/metrics.md#identities.
import type { Population } from '../metrics/population';
import { memo } from '../metrics/memo';

export interface DuplicateIdentity {
  /** The name and address kept: the most used address that is not a noreply one. */
  readonly name: string;
  readonly email: string;
  /** The recorded addresses of the same person to map onto it, sorted. */
  readonly others: readonly string[];
  /** What ties them: the same full name, or a GitHub login (noreply address) used elsewhere as local part or name. */
  readonly evidence: 'name' | 'login';
}

/** Identities are listed only when git could write them back: no angle brackets, no controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const UNSAFE = /[<>\x00-\x1f\x7f]/;
const NOREPLY = /^(?:\d+\+)?([^@\s]+)@users\.noreply\.github\.com$/i;
/** At most this many people are proposed at once: a review, not a bulk rewrite. */
const MAX_GROUPS = 50;

interface Member {
  readonly id: string;
  commits: number;
  readonly names: Map<string, number>;
  /** Recorded (raw) addresses that fold into this identity. */
  readonly raw: Set<string>;
  readonly email: string;
}

/** A full name as people write it: at least two words, compared without case or extra spaces. */
function fullName(name: string): string | undefined {
  const n = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return n.includes(' ') && n.length >= 5 ? n : undefined;
}

export function githubLogin(email: string): string | undefined {
  return NOREPLY.exec(email)?.[1]?.toLowerCase();
}

/** Likely duplicates among the people of a history, once per population. */
export const likelyDuplicates = memo((pop: Population): readonly DuplicateIdentity[] => {
  const members = new Map<string, Member>();
  for (const c of pop.people) {
    const email = c.authorEmail.toLowerCase();
    const rawEmail = (c.authorEmailRaw ?? c.authorEmail).toLowerCase();
    if (email === '' || UNSAFE.test(c.authorName) || UNSAFE.test(email) || UNSAFE.test(rawEmail)) continue;
    const id = pop.identityOf(c.authorName, c.authorEmail);
    let m = members.get(id);
    if (!m) members.set(id, (m = { id, commits: 0, names: new Map(), raw: new Set(), email }));
    m.commits++;
    m.names.set(c.authorName, (m.names.get(c.authorName) ?? 0) + 1);
    m.raw.add(rawEmail);
  }
  // Union by a shared full name, or by a GitHub login that is another identity's local part or name.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const evidence = new Map<string, 'name' | 'login'>();
  const union = (a: string, b: string, why: 'name' | 'login'): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    parent.set(rb, ra);
    evidence.set(ra, evidence.get(ra) ?? evidence.get(rb) ?? why);
  };
  const byKey = new Map<string, string>();
  const tie = (key: string, id: string, why: 'name' | 'login'): void => {
    const first = byKey.get(key);
    if (first === undefined) byKey.set(key, id);
    else union(first, id, why);
  };
  for (const m of members.values()) {
    parent.set(m.id, m.id);
    for (const name of m.names.keys()) {
      const full = fullName(name);
      if (full) tie(`name:${full}`, m.id, 'name');
    }
  }
  // A login ties a noreply address to another address only: two people may share a local part.
  const logins = new Map<string, string>();
  for (const m of members.values()) {
    const login = githubLogin(m.email);
    if (login === undefined) continue;
    const first = logins.get(login);
    if (first === undefined) logins.set(login, m.id);
    else union(first, m.id, 'login');
  }
  for (const m of members.values()) {
    if (githubLogin(m.email) !== undefined) continue;
    const keys = [m.email.split('@')[0]!, ...[...m.names.keys()].filter((n) => !/\s/.test(n.trim())).map((n) => n.trim().toLowerCase())];
    for (const key of keys) {
      const id = logins.get(key);
      if (id !== undefined) union(id, m.id, 'login');
    }
  }
  const groups = new Map<string, Member[]>();
  for (const m of members.values()) {
    const r = find(m.id);
    groups.set(r, [...(groups.get(r) ?? []), m]);
  }
  const out: DuplicateIdentity[] = [];
  for (const [root, list] of groups) {
    if (list.length < 2) continue;
    const ranked = [...list].sort(
      (a, b) =>
        Number(githubLogin(a.email) !== undefined) - Number(githubLogin(b.email) !== undefined) ||
        b.commits - a.commits ||
        a.email.localeCompare(b.email),
    );
    const keep = ranked[0]!;
    const name = [...keep.names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const others = ranked
      .slice(1)
      .flatMap((m) => [...m.raw])
      .filter((e) => e !== keep.email)
      .sort();
    if (others.length > 0) out.push({ name, email: keep.email, others, evidence: evidence.get(root) ?? 'name' });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email)).slice(0, MAX_GROUPS);
});

/** The .mailmap lines that fold each duplicate into the identity kept: `Name <kept> <other>`. */
export function mailmapLines(duplicates: readonly DuplicateIdentity[]): string[] {
  return duplicates.flatMap((d) => d.others.map((o) => `${d.name} <${d.email}> <${o}>`));
}

/** `current` (the .mailmap, or undefined when there is none) with `lines` appended once each. */
export function appendMailmap(current: string | undefined, lines: readonly string[]): string {
  const text = current ?? '';
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const fresh = lines.filter((l) => !have.has(l));
  if (fresh.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const head = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${head}# Same people, other addresses (added by Engineering KPIs)${eol}${fresh.join(eol)}${eol}`;
}
