// What kind of change a commit is: a fix, a revert. Patterns come from kpi.json or defaults.
import type { Commit } from '../history';
import { subjectOf } from '../history';
import { memo, memoIn } from './memo';
import { commitTrailers } from './trailers';
import type { Pattern } from '../text/patterns';

/** Conventional `fix:` / `fix(scope):`, or a closing keyword with an issue number. */
export const DEFAULT_FIX_PATTERNS = ['^fix(\\([^)]*\\))?!?:', '\\b(fix(e[sd])?|close[sd]?|resolve[sd]?)\\b:?\\s*#\\d+'] as const;

/** Only this much of a message is matched against user patterns, which bounds their cost. */
const MAX_MATCHED = 4096;
const REVERTS = /This reverts commit ([0-9a-f]{7,64})/;

export function revertedCommit(c: Commit): string | undefined {
  return REVERTS.exec(c.message.slice(0, MAX_MATCHED))?.[1];
}

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

/** `git revert`'s message, or a Conventional `revert:` / `revert(scope):` subject. */
export const isRevert = memo(
  (c: Commit): boolean =>
    revertedCommit(c) !== undefined || /^Revert "/.test(subjectOf(c)) || /^revert(\([^)]{0,100}\))?!?:/i.test(subjectOf(c)),
);

/**
 * How fixes are recognised without `repository.fixPatterns`: by the convention the history
 * follows (docs/metrics.md#fixes). One object per convention, so that per-rule caches hold.
 */
export interface DetectedFixRule {
  readonly convention: 'conventional' | 'closing' | 'keywords';
}

/** `repository.fixPatterns` (with reverts), or the rule detected from the history. */
export type FixRule = readonly Pattern[] | DetectedFixRule;

export const DETECTED: Readonly<Record<DetectedFixRule['convention'], DetectedFixRule>> = {
  conventional: { convention: 'conventional' },
  closing: { convention: 'closing' },
  keywords: { convention: 'keywords' },
};

/** Conventional Commit types (and bracketed ones such as `[Doc]`), and those that are fixes. */
const TYPES = new Set([
  'feat',
  'feature',
  'fix',
  'bugfix',
  'hotfix',
  'bug',
  'doc',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'tests',
  'build',
  'ci',
  'chore',
  'revert',
  'deps',
  'security',
  'release',
]);
const FIX_TYPES = new Set(['fix', 'bugfix', 'hotfix', 'bug']);
const TYPED = /^([A-Za-z]{2,12})(?:\([^)]{0,100}\))?!?:\s/;
/** `[Doc] …`, `[Fix #123] …`, `[ci skip] …`: a bracketed word first. */
const BRACKETED = /^\[([A-Za-z]{2,12})\b[^\]]{0,60}\]/;
const CLOSING = /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\b:?\s*#\d+/i;
/** Subject words that mark a fix when a history follows no convention (as SZZ implementations do). */
export const FIX_WORDS = /\b(?:fix(?:e[sd]|ing)?|bugs?|bugfix|crash(?:e[sd]|es)?|leaks?|regressions?|hotfix)\b/i;
/** Linux-style `Fixes: <commit id> ("subject")`. */
const FIXES_ID = /^[0-9a-f]{7,64}\b/i;

/** The Conventional or bracketed type of a subject, lower case, when it is a known type. */
export function commitType(c: Commit): string | undefined {
  const subject = subjectOf(c);
  const t = (TYPED.exec(subject) ?? BRACKETED.exec(subject))?.[1]?.toLowerCase();
  return t !== undefined && TYPES.has(t) ? t : undefined;
}

export function isFix(c: Commit, rule: FixRule): boolean {
  return isPatternList(rule) ? fixUnder(rule, c) : detectedFix(rule, c);
}

function isPatternList(rule: FixRule): rule is readonly Pattern[] {
  return Array.isArray(rule);
}

/** Once per commit and pattern list (the list is the same object for a whole evaluation). */
const fixUnder = memoIn((patterns: readonly Pattern[], c: Commit): boolean => {
  const text = c.message.slice(0, MAX_MATCHED);
  return isRevert(c) || patterns.some((re) => re.test(text));
});

/**
 * A revert, a `Fixes: <id>` trailer, else a Conventional type decides (a `docs:` commit that
 * closes an issue is not a fix), else a closing reference, else (in a history without a
 * convention) a fix word in the subject.
 */
const detectedFix = memoIn((rule: DetectedFixRule, c: Commit): boolean => {
  // A merge repeats its pull request's title ("Merge pull request #9 …\n\n[Doc] … closes #4"):
  // the commits it brings are judged, not the merge (a fix branch counts through its name).
  if (c.parents.length > 1) return false;
  if (isRevert(c)) return true;
  if (commitTrailers(c).some((t) => t.key === 'fixes' && FIXES_ID.test(t.value))) return true;
  const type = commitType(c);
  if (type !== undefined) return FIX_TYPES.has(type);
  if (CLOSING.test(c.message.slice(0, MAX_MATCHED))) return true;
  return rule.convention === 'keywords' && FIX_WORDS.test(subjectOf(c));
});

/** Of the last 500 commits, the share that must be typed for a Conventional history, or close issues for a closing one. */
const SAMPLE = 500;
const TYPED_SHARE = 0.3;
const CLOSING_SHARE = 0.05;

/** The convention of a list of commits by people, newest first. */
export const detectConvention = memo((people: readonly Commit[]): DetectedFixRule => {
  const recent = people.filter((c) => c.parents.length <= 1).slice(0, SAMPLE);
  if (recent.length === 0) return DETECTED.conventional;
  const typed = recent.filter((c) => commitType(c) !== undefined).length;
  if (typed >= recent.length * TYPED_SHARE) return DETECTED.conventional;
  const closing = recent.filter((c) => CLOSING.test(c.message.slice(0, MAX_MATCHED))).length;
  return closing >= recent.length * CLOSING_SHARE ? DETECTED.closing : DETECTED.keywords;
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
