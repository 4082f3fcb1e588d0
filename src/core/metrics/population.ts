// Who counts: bot exclusion and identity merging (.mailmap is applied by git; the alias map
// from kpi.json is applied here). Every metric reads the population, never raw history.
import type { Commit, History } from '../history';
import { compileRegexes, type Pattern } from '../text/patterns';

/**
 * Bot authors by name or email local part. Besides `[bot]` apps and dependency updaters, the
 * AI coding agents that commit or co-author under a name of their own: GitHub Copilot
 * (`Copilot`, `NNN+Copilot@users.noreply.github.com`) and Cursor's agent (`Cursor Agent`,
 * `cursoragent@cursor.com`). docs/metrics.md#population keeps the list.
 */
export const DEFAULT_BOT_PATTERNS = ['\\[bot\\]$', '-bot$', '^renovate', '^dependabot', '^(\\d+\\+)?copilot$', '^cursor ?agent$'] as const;

/**
 * Whole addresses of AI coding agents whose local part is a plain `noreply` (Claude Code's
 * `Co-authored-by`, Aider's): matched exactly, ignoring case. Part of the defaults that
 * `repository.botPatterns` replaces.
 */
export const DEFAULT_BOT_EMAILS = ['noreply@anthropic.com', 'noreply@aider.chat'] as const;

export interface PopulationSettings {
  /** Regular expressions matched (case-insensitive) against author name and email local part. */
  readonly botPatterns?: readonly string[];
  /** Canonical email → other emails or names of the same person. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
}

export interface Population {
  /** Commits by people: bots excluded. */
  readonly people: readonly Commit[];
  readonly botCommits: number;
  isBot(c: Commit): boolean;
  /** The same test for a person named in a trailer (a co-author or reviewer). */
  isBotPerson(name: string, email: string): boolean;
  /** Distinct recorded identities folded into another by .mailmap or the alias map. */
  readonly identitiesMerged: number;
  /**
   * The canonical identity of a name and email: the alias map first, then the mapping that
   * .mailmap applied to authors (so a trailer naming an author's old email folds the same
   * way), then the lower-cased email, or the name when there is no email.
   */
  identityOf(name: string, email: string): string;
}

const MAX_MATCHED = 256;

/** Our own bot patterns, fixed and linear, on the native engine. */
const defaultBots: readonly Pattern[] = DEFAULT_BOT_PATTERNS.map((p) => new RegExp(p, 'i'));

export function isBot(c: Commit, bots: readonly Pattern[], emails: ReadonlySet<string> = NO_EMAILS): boolean {
  return isBotPerson(c.authorName, c.authorEmail, bots, emails);
}

const NO_EMAILS: ReadonlySet<string> = new Set();
const defaultBotEmails: ReadonlySet<string> = new Set(DEFAULT_BOT_EMAILS);

export function isBotPerson(name: string, email: string, bots: readonly Pattern[], emails: ReadonlySet<string> = NO_EMAILS): boolean {
  const n = name.slice(0, MAX_MATCHED);
  const local = email.split('@')[0]?.slice(0, MAX_MATCHED) ?? '';
  return (emails.size > 0 && emails.has(email.toLowerCase())) || bots.some((re) => re.test(n) || re.test(local));
}

/**
 * Who counts in `history`. Computed once per commit list and settings: a refresh that reads
 * the same commits (the cache hands out the same list) reuses it and everything keyed by it.
 */
export function population(history: History, settings: PopulationSettings = {}): Population {
  const key = JSON.stringify([settings.botPatterns ?? null, settings.aliases ?? null]);
  let bySettings = populations.get(history.commits);
  if (!bySettings) populations.set(history.commits, (bySettings = new Map()));
  let pop = bySettings.get(key);
  if (!pop) bySettings.set(key, (pop = computePopulation(history.commits, settings)));
  return pop;
}

const populations = new WeakMap<readonly Commit[], Map<string, Population>>();

function computePopulation(commits: readonly Commit[], settings: PopulationSettings): Population {
  const bots = settings.botPatterns ? compileRegexes(settings.botPatterns) : defaultBots;
  const botEmails = settings.botPatterns ? NO_EMAILS : defaultBotEmails;
  const alias = new Map<string, string>();
  for (const [canonical, others] of Object.entries(settings.aliases ?? {})) {
    const key = canonical.toLowerCase();
    alias.set(key, key);
    for (const o of others) alias.set(o.toLowerCase(), key);
  }
  // .mailmap is applied by git to authors only (%aN, %aE): remember what it did to each raw
  // email, so that a Co-authored-by or Reviewed-by trailer naming that email folds the same way.
  const mailmapped = new Map<string, string>();
  for (const c of commits) {
    const raw = (c.authorEmailRaw ?? c.authorEmail).toLowerCase();
    const mapped = c.authorEmail.toLowerCase();
    if (raw !== mapped && mapped !== '' && !mailmapped.has(raw)) mailmapped.set(raw, mapped);
  }
  const identityOf = (name: string, email: string): string => {
    const raw = email.toLowerCase();
    const e = mailmapped.get(raw) ?? raw;
    return alias.get(e) ?? alias.get(raw) ?? alias.get(name.toLowerCase()) ?? (e !== '' ? e : name.toLowerCase());
  };
  const kept: Commit[] = [];
  let botCommits = 0;
  const raw = new Set<string>();
  const canonical = new Set<string>();
  for (const c of commits) {
    if (isBot(c, bots, botEmails)) {
      botCommits++;
      continue;
    }
    kept.push(c);
    raw.add(`${(c.authorNameRaw ?? c.authorName).toLowerCase()}\0${(c.authorEmailRaw ?? c.authorEmail).toLowerCase()}`);
    canonical.add(identityOf(c.authorName, c.authorEmail));
  }
  return {
    people: kept,
    botCommits,
    isBot: (c) => isBot(c, bots, botEmails),
    isBotPerson: (name, email) => isBotPerson(name, email, bots, botEmails),
    identitiesMerged: Math.max(0, raw.size - canonical.size),
    identityOf,
  };
}

/** A landing is a bot's when every non-merge commit it brought is a bot's. */
export function isBotLanding(brought: readonly Commit[], pop: Population): boolean {
  const work = brought.filter((c) => c.parents.length <= 1);
  const judged = work.length > 0 ? work : brought;
  return judged.length > 0 && judged.every((c) => pop.isBot(c));
}
