// What kind of change a commit is: a fix, a revert. Patterns come from kpi.json or defaults.
import type { Commit } from '../history';
import { subjectOf } from '../history';
import { memo, memoIn } from './memo';
import type { Pattern } from '../text/patterns';

/** Conventional `fix:` / `fix(scope):`, or a closing keyword with an issue number. */
export const DEFAULT_FIX_PATTERNS = ['^fix(\\([^)]*\\))?!?:', '\\b(fix(e[sd])?|close[sd]?|resolve[sd]?)\\b:?\\s*#\\d+'] as const;

/** Only this much of a message is matched against user patterns, which bounds their cost. */
const MAX_MATCHED = 4096;
const REVERTS = /This reverts commit ([0-9a-f]{7,64})/;

export function revertedCommit(c: Commit): string | undefined {
  return REVERTS.exec(c.message.slice(0, MAX_MATCHED))?.[1];
}

export const isRevert = memo((c: Commit): boolean => revertedCommit(c) !== undefined || /^Revert "/.test(subjectOf(c)));

/** Long-lived branches whose merge into the main line brings no new work of its own. */
const LONG_LIVED = /^(?:stable|maint|main|master|next|release\/.+)$/;
/** `Merge branch 'x'` or `Merge remote-tracking branch 'origin/x'`, optionally `into y`; not `… of <url>` (a pull). */
const MERGED_BRANCH = /^Merge (?:remote-tracking )?branch '([^']{1,250})'(?: into \S{1,250})?$/;

/**
 * A forward merge: a merge whose subject says it merges a long-lived branch (`Merge branch
 * 'stable'`, `Merge remote-tracking branch 'origin/maint' into master`, `Merge branch
 * 'release/2.1'`). It keeps branches in step; the work it brings landed on that branch.
 */
export const isForwardMerge = memo((c: Commit): boolean => {
  if (c.parents.length < 2) return false;
  const name = MERGED_BRANCH.exec(subjectOf(c))?.[1];
  if (name === undefined) return false;
  return LONG_LIVED.test(name) || LONG_LIVED.test(name.replace(/^[^/]+\//, ''));
});

export function isFix(c: Commit, patterns: readonly Pattern[]): boolean {
  return fixUnder(patterns, c);
}

/** Once per commit and pattern list (the list is the same object for a whole evaluation). */
const fixUnder = memoIn((patterns: readonly Pattern[], c: Commit): boolean => {
  const text = c.message.slice(0, MAX_MATCHED);
  return isRevert(c) || patterns.some((re) => re.test(text));
});

export const DEFAULT_EXCLUDE_PATHS = [
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  '*.min.js',
  'vendor/**',
  'node_modules/**',
  '*.po',
  '*.pot',
] as const;
