// Metrics over landings, the first-parent changes on the main line: integration frequency,
// change size, fix share, revert rate and review coverage.
import type { Pattern } from '../text/patterns';
import { FIX_WORDS, isFix, isRevert, type FixRule } from './classify';
import { subjectOf } from '../history';
import { isMerge, type Commit } from '../history';
import type { Population } from './population';
import { commitReviewers } from './trailers';
import { memo, memoIn } from './memo';
import type { Landing } from '../history';
import { excludePaths, fixRule, landingsInWindow, peopleLandings, populationOf, share, weeks } from './context';
import { text, type Text } from '../text/translatable';
import { fixBranchOf } from './bugFixTurnaround';
import { median, percentile, round } from './stats';
import type { MetricContext, MetricDefinition, MetricValue } from './types';

function hashes(list: readonly { commit: Commit }[]): string[] {
  return list.map((l) => l.commit.hash);
}

function ratio(part: readonly { commit: Commit }[], whole: readonly { commit: Commit }[]): MetricValue {
  const v = share(part.length, whole.length);
  return {
    value: v === null ? null : round(v, 1),
    sampleSize: whole.length,
    commits: hashes(part),
    details: { matching: part.length, changes: whole.length },
  };
}

export const integrationFrequency: MetricDefinition = {
  id: 'integrationFrequency',
  category: 'speed',
  reads: 'headers',
  title: 'Integration frequency',
  unit: '/week',
  better: 'higher',
  compute(ctx) {
    if (ctx.history.commits.length === 0) return { value: null, sampleSize: 0, commits: [] };
    const list = landingsInWindow(ctx);
    return { value: round(list.length / weeks(ctx)), sampleSize: list.length, commits: hashes(list), details: { changes: list.length } };
  },
};

export const changeSize: MetricDefinition = {
  id: 'changeSize',
  category: 'speed',
  reads: 'lineCounts',
  title: 'Change size',
  unit: 'lines',
  better: 'lower',
  compute(ctx) {
    if (ctx.history.partial) return { value: null, sampleSize: 0, commits: [], details: { partialClone: 1 } };
    const exclude = excludePaths(ctx);
    const list = landingsInWindow(ctx);
    const sizes = list.map((l) => landingSize(exclude, l));
    const med = median(sizes);
    const p75 = percentile(sizes, 75);
    return {
      value: med === null ? null : round(med, 1),
      sampleSize: sizes.length,
      commits: hashes(list),
      details: { p75: p75 === null ? null : round(p75, 1), changes: sizes.length },
    };
  },
};

/** Lines added and deleted by the commits a landing brought, outside the excluded paths. */
const landingSize = memoIn((exclude: readonly Pattern[], l: Landing): number =>
  l.brought
    .filter((c) => !isMerge(c))
    .flatMap((c) => c.files ?? [])
    .filter((f) => !exclude.some((re) => re.test(f.path)))
    .reduce((n, f) => n + (f.added ?? 0) + (f.deleted ?? 0), 0),
);

export const isFixLandingUnder = memoIn(
  (rule: FixRule, l: Landing): boolean => fixBranchOf(l.commit) !== undefined || l.brought.some((c) => isFix(c, rule)),
);
const isRevertLanding = memo((l: Landing): boolean => l.brought.some(isRevert));

/** With this many landings and no recognised fix, fix words in the subjects mean the rule is wrong. */
const UNRECOGNISED_MIN = 10;

/**
 * For landings none of which the rule recognises as a fix: how many subjects have a fix word,
 * when there are at least 10 landings and at least 10% (2 or more) of them do; else undefined.
 */
export function unrecognisedFixes(list: readonly Landing[]): number | undefined {
  if (list.length < UNRECOGNISED_MIN) return undefined;
  const mentions = list.filter((l) => FIX_WORDS.test(subjectOf(l.commit))).length;
  return mentions >= Math.max(2, list.length * 0.1) ? mentions : undefined;
}

/** What the value counted as a fix, for the reader (provenance of the classification). */
export function fixEvidence(rule: FixRule): Text {
  if (!('convention' in rule)) return text('Fixes: commits that match repository.fixPatterns, and reverts.');
  switch (rule.convention) {
    case 'conventional':
      return text(
        'Fixes: Conventional Commit types fix:, bugfix: and hotfix: (a docs: or chore: commit that closes an issue is not one), Fixes: <commit> trailers and reverts; this history uses Conventional Commits.',
      );
    case 'closing':
      return text(
        'Fixes: commits that close an issue (fixes #N, closes #N), Fixes: <commit> trailers, fix: types and reverts; this history closes issues from commits.',
      );
    case 'keywords':
      return text(
        'Fixes: subjects with fix, bug, crash, leak or regression, Fixes: <commit> trailers and reverts; this history follows no fix convention.',
      );
  }
}

export const fixShare: MetricDefinition = {
  id: 'fixShare',
  category: 'quality',
  reads: 'headers',
  title: 'Fix share',
  unit: '%',
  better: 'lower',
  compute(ctx) {
    const rule = fixRule(ctx);
    const list = landingsInWindow(ctx);
    const fixes = list.filter((l) => isFixLandingUnder(rule, l));
    const mentions = fixes.length === 0 ? unrecognisedFixes(list) : undefined;
    if (mentions !== undefined) {
      // Not a silent 0% that reads as met: the subjects say fixes happened, the rule saw none.
      return {
        value: null,
        sampleSize: list.length,
        commits: [],
        details: { matching: 0, changes: list.length, mentions },
        why: text(
          'No landing in the window is recognised as a fix, yet {0} of {1} subjects mention one: set repository.fixPatterns to what this team writes.',
          mentions,
          list.length,
        ),
      };
    }
    return { ...ratio(fixes, list), note: fixEvidence(rule) };
  },
};

export const revertRate: MetricDefinition = {
  id: 'revertRate',
  category: 'quality',
  reads: 'headers',
  title: 'Revert rate',
  unit: '%',
  better: 'lower',
  compute(ctx) {
    const list = landingsInWindow(ctx);
    return ratio(list.filter(isRevertLanding), list);
  },
};

export const reviewCoverage: MetricDefinition = {
  id: 'reviewCoverage',
  category: 'quality',
  reads: 'headers',
  title: 'Review coverage',
  unit: '%',
  better: 'higher',
  compute(ctx) {
    const list = landingsInWindow(ctx);
    const pop = populationOf(ctx);
    const reviewed = list.filter((l) => isReviewed(pop, l));
    const recent = reviewed.length === 0 && list.length > 0 ? recentLandings(ctx) : [];
    if (recent.length > 0 && !recent.some((l) => isReviewed(pop, l))) {
      // Not 0%: the recent history holds no kind of evidence that could count, so a review
      // process, if there is one, happens outside git (pull-request approvals with squash
      // merges). Old merge commits from before a switch to squash merges do not change that.
      return {
        value: null,
        sampleSize: list.length,
        commits: [],
        details: { matching: 0, changes: list.length },
        why: text(
          'None of the last {0} landings records a review (Reviewed-by, Acked-by or Tested-by from another person, or a merge by someone other than the author): approvals are not in git here.',
          recent.length,
        ),
      };
    }
    return ratio(reviewed, list);
  },
};

/** Evidence of a second person: a review trailer on a commit it brought, or a merge by someone else. */
export const isReviewed = memoIn(
  (pop: Population, l: Landing): boolean => l.brought.some((c) => seenBySomeoneElse(pop, c)) || mergedBySomeoneElse(pop, l),
);

/** How many landings up to a window's end decide whether review happens in git at all. */
export const REVIEW_SAMPLE = 200;

/** The last REVIEW_SAMPLE landings by people before the window's end, newest first. */
function recentLandings(ctx: MetricContext): Landing[] {
  const all = peopleLandings(ctx);
  const first = all.findIndex((l) => l.commit.commitTime < ctx.window.end);
  return first < 0 ? [] : all.slice(first, first + REVIEW_SAMPLE);
}

/** A Reviewed-by, Acked-by or Tested-by trailer names a person other than the author, not a bot. */
const seenBySomeoneElse = memoIn((pop: Population, c: Commit): boolean => {
  const author = pop.identityOf(c.authorName, c.authorEmail);
  return commitReviewers(c).some((p) => !pop.isBotPerson(p.name, p.email) && pop.identityOf(p.name, p.email) !== author);
});

/** GitHub's web merges are committed by GitHub itself; the person who merged is the author. */
const WEB_FLOW = 'noreply@github.com';

/**
 * A merge whose merger (its committer; for a merge made on GitHub, its author) wrote none of
 * the commits it brought: a maintainer merging someone else's branch. Merging one's own
 * branch is not a review.
 */
function mergedBySomeoneElse(pop: Population, l: Landing): boolean {
  const m = l.commit;
  if (!isMerge(m)) return false;
  const web = m.committerEmail.toLowerCase() === WEB_FLOW;
  const merger = web ? pop.identityOf(m.authorName, m.authorEmail) : pop.identityOf(m.committerName, m.committerEmail);
  const work = l.brought.filter((c) => c !== m && !isMerge(c));
  return work.length > 0 && work.every((c) => pop.identityOf(c.authorName, c.authorEmail) !== merger);
}
