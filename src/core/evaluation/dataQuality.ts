// What could make the numbers wrong, stated per repository: shallow clones, bots, merged
// identities, squash merges, missing release tags, future dates, empty or detached HEAD.
import { DEFAULT_RELEASE_RULE, releaseTagKind, releases, suggestReleasePatternFor, type ReleaseRule } from '../metrics/delivery';
import { indexByHash, isMerge, landings, subjectOf, type Commit, type FileProblem, type History, type HistoryRewrites } from '../history';
import { memo } from '../metrics/memo';
import type { Population } from '../metrics/population';
import { likelyDuplicates, type DuplicateIdentity } from './identities';
import { fixEvidence, isFixLandingUnder, isReviewed, unrecognisedFixes } from '../metrics/landing';
import { peopleLandings } from '../metrics/context';
import { detectConvention, type FixRule } from '../metrics/classify';
import { PROVISIONAL_AFTER_DAYS, landingDelayDays } from './provisional';
import { english, type Text } from '../text/translatable';
import { MAX_TRAILER_BLOCK, MAX_TRAILER_PEOPLE, trailersCapped } from '../metrics/trailers';

/** Every note code, in the order notes are listed; `schemas/report.schema.json` names the same. */
export const DATA_QUALITY_CODES = [
  'empty',
  'shallow',
  'partialClone',
  'detached',
  'bots',
  'identities',
  'duplicateIdentities',
  'squash',
  'fixEvidence',
  'fixesUnrecognised',
  'provisionalWeeks',
  'noReleaseTags',
  'releaseTagsExcluded',
  'repoFile',
  'rewritten',
  'trailersCapped',
  'futureDated',
] as const;

export type DataQualityCode = (typeof DATA_QUALITY_CODES)[number];

export interface DataQualityNote {
  readonly code: DataQualityCode;
  readonly severity: 'warning' | 'info';
  readonly message: string;
  /** For `repoFile`: the file and what is wrong with it. */
  readonly file?: FileProblem;
}

export interface DataQuality {
  readonly empty: boolean;
  readonly shallow: boolean;
  readonly detached: boolean;
  readonly botCommits: number;
  /** Share of all commits excluded as bot-made, 0..1, or null for an empty history. */
  readonly botShare: number | null;
  readonly identitiesMerged: number;
  /** People who appear under two addresses that nothing folds (docs/metrics.md#identities). */
  readonly duplicates: readonly DuplicateIdentity[];
  readonly squashWorkflow: boolean;
  /** Median days from writing to landing; above 3, the latest author-date weeks are provisional. */
  readonly landingDelayDays: number | null;
  /** What counts as a fix: kpi.json's patterns, or the convention the history follows. */
  readonly fixEvidence: Text;
  /** When none of the recent landings is a fix while their subjects mention fixes: patterns that would see them. */
  readonly suggestedFixPatterns?: readonly string[];
  /** Releases counted: tags the release rule takes, one per release (docs/metrics.md#delivery). */
  readonly releaseTags: number;
  /** Tags the release patterns match that the exclusions leave out (pre-releases, archive tags by default). */
  readonly excludedTags: number;
  /** With no release: a pattern for the version-like tags the repository has (`[0-9]*` for `3.1.3`). */
  readonly suggestedReleaseTagPattern?: string;
  readonly futureDated: number;
  /** Repository files refused: symlinks, devices, folders where a file should be, oversized. */
  readonly files: readonly FileProblem[];
  /** Replace refs and grafts that change the history git shows. */
  readonly rewrites: HistoryRewrites;
  /** Commits whose trailers name more people than are counted (see trailers.ts). */
  readonly trailersCapped: number;
  readonly notes: readonly DataQualityNote[];
}

/** Commits with capped trailers, counted once per commit list (a refresh reuses it). */
const cappedCount = memo((commits: readonly Commit[]): number => commits.filter(trailersCapped).length);

/** How many recent main-line changes the squash-merge check looks at. */
const SQUASH_SAMPLE = 50;
const PR_SUFFIX = /\(#\d+\)\s*$/;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Patterns proposed when fixes go unrecognised: the fix words, as kpi.json regular expressions. */
export const SUGGESTED_FIX_PATTERNS: readonly string[] = [
  '\\bfix(e[sd]|ing)?\\b',
  '\\bbugs?\\b',
  '\\bcrash(e[sd]|es)?\\b',
  '\\bleaks?\\b',
  '\\bregressions?\\b',
];

/** The last 200 landings by people: none a fix, and at least 10% (2 or more) of their subjects with a fix word. */
function fixesUnrecognised(history: History, pop: Population, rule: FixRule): { landings: number; mentions: number } | undefined {
  const recent = peopleLandings({ history, population: pop }).slice(0, 200);
  if (recent.some((l) => isFixLandingUnder(rule, l))) return undefined;
  const mentions = unrecognisedFixes(recent);
  return mentions === undefined ? undefined : { landings: recent.length, mentions };
}

/** The first three names, and how many more. */
function sample(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** What a refused file means, in English (the views translate it). */
export function fileProblemMessage(f: FileProblem): string {
  switch (f.problem) {
    case 'symlink':
      return `"${f.path}" is a symbolic link: it is neither read nor written (git ignores a symlinked .mailmap too).`;
    case 'notFile':
      return `"${f.path}" is not a regular file: it is neither read nor written.`;
    case 'notFolder':
      return `"${f.path}" is not a folder: review snapshots and recorded values cannot be kept there.`;
    case 'tooLarge':
      return `"${f.path}" is too large to read: it is ignored.`;
    case 'unreadable':
      return `"${f.path}" cannot be read: it is ignored.`;
  }
}

export function dataQuality(
  history: History,
  pop: Population,
  now: Date,
  releaseRule: ReleaseRule = DEFAULT_RELEASE_RULE,
  otherFiles: readonly FileProblem[] = [],
  fixes: FixRule = detectConvention(pop.people),
): DataQuality {
  const total = history.commits.length;
  const empty = history.head === null || total === 0;
  const known = indexByHash(history); // kept per commit list: no new set of every id per refresh
  const releaseTags = releases(history, releaseRule).length;
  const tagsHere = (history.tags ?? []).filter((t) => known.has(t.commit));
  const excluded = tagsHere.filter((t) => releaseTagKind(t.name, releaseRule) === 'excluded').map((t) => t.name);
  const suggestion = releaseTags === 0 ? suggestReleasePatternFor(history) : undefined;
  const futureDated = history.commits.filter((c) => c.authorTime > now.getTime() || c.commitTime > now.getTime()).length;
  const recent = landings(history).slice(0, SQUASH_SAMPLE);
  const rewrites = history.rewrites ?? { replaceRefs: 0, grafts: false };
  const capped = cappedCount(history.commits);
  // A shallow clone's few first-parent commits say nothing about the workflow.
  const squashWorkflow =
    !history.shallow &&
    recent.length >= 5 &&
    !recent.some((l) => isMerge(l.commit)) &&
    recent.filter((l) => PR_SUFFIX.test(subjectOf(l.commit))).length >= recent.length * 0.3;
  const botShare = total === 0 ? null : pop.botCommits / total;
  const notes: DataQualityNote[] = [];
  const add = (code: DataQualityCode, severity: 'warning' | 'info', message: string): void => {
    notes.push({ code, severity, message });
  };
  if (empty) add('empty', 'warning', 'The repository has no commits yet (unborn HEAD): there is nothing to measure.');
  if (history.shallow)
    add('shallow', 'warning', 'Shallow clone: older history is missing, so values are partial. Run `git fetch --unshallow`.');
  if (history.partial)
    add(
      'partialClone',
      'warning',
      'Partial clone: file contents are not all here, so line counts (change size) are not read and have no data. Nothing is fetched.',
    );
  if (history.detached) add('detached', 'info', 'HEAD is detached: values describe the checked-out commit, not a branch.');
  if (pop.botCommits > 0) {
    add('bots', 'info', `${count(pop.botCommits, 'bot commit is', 'bot commits are')} excluded (${Math.round((botShare ?? 0) * 100)}%).`);
  }
  if (pop.identitiesMerged > 0) {
    add(
      'identities',
      'info',
      `${count(pop.identitiesMerged, 'author identity was', 'author identities were')} merged by .mailmap or aliases.`,
    );
  }
  const duplicates = likelyDuplicates(pop);
  if (duplicates.length > 0) {
    const shown = duplicates
      .slice(0, 3)
      .map((d) => `${d.name}: ${[d.email, ...d.others].join(', ')}`)
      .join('; ');
    add(
      'duplicateIdentities',
      'info',
      `${count(duplicates.length, 'person appears', 'people appear')} under more than one address (${shown}${duplicates.length > 3 ? '; …' : ''}): they count as more than one person until .mailmap maps them ("Merge Duplicate Identities" writes it after you confirm).`,
    );
  }
  if (squashWorkflow) {
    const approvals = recent.some((l) => isReviewed(pop, l));
    add(
      'squash',
      'info',
      approvals
        ? 'Squash merges detected: branch history is not in git, so fix-branch turnaround and review coverage undercount.'
        : 'Squash merges detected, and none of the recent ones records a reviewer: approvals are not in git, so review coverage cannot see them.',
    );
  }
  const patterns = releaseRule.patterns.map((p) => `"${p}"`).join(', ');
  const evidence = fixEvidence(fixes);
  if (!empty) add('fixEvidence', 'info', english(evidence));
  const unrecognised = !empty && fixesUnrecognised(history, pop, fixes);
  if (unrecognised) {
    add(
      'fixesUnrecognised',
      'warning',
      `None of the last ${unrecognised.landings} landings is recognised as a fix, yet ${unrecognised.mentions} of their subjects mention one: fix share has no value until repository.fixPatterns says what this team writes (proposed: ${SUGGESTED_FIX_PATTERNS.join(', ')}).`,
    );
  }
  const delay = landingDelayDays(pop, history);
  if (delay !== null && delay > PROVISIONAL_AFTER_DAYS) {
    add(
      'provisionalWeeks',
      'info',
      `Work lands a median of ${delay} days after it is written: the latest weeks of commit frequency, active contributors and coding days are still filling in. Trends mark them provisional and forecasts leave them out.`,
    );
  }
  if (!empty && releaseTags === 0) {
    add(
      'noReleaseTags',
      'info',
      suggestion
        ? `No release tags match ${patterns}, but ${count(suggestion.tags.length, 'tag looks', 'tags look')} like a version (${sample(suggestion.tags)}): set repository.releaseTagPattern to "${suggestion.pattern}". Delivery metrics are unavailable (not zero) until then.`
        : `No release tags match ${patterns}: delivery metrics are unavailable (not zero).`,
    );
  }
  if (excluded.length > 0) {
    add(
      'releaseTagsExcluded',
      'info',
      `${count(excluded.length, 'tag matches', 'tags match')} the release pattern but ${excluded.length === 1 ? 'is' : 'are'} not counted as ${excluded.length === 1 ? 'a release' : 'releases'} (${sample(excluded)}): ${releaseRule.exclude ? 'repository.releaseTagExclude leaves them out' : 'pre-releases and archive tags are left out unless repository.releaseTagExclude says otherwise'}.`,
    );
  }
  // One note per file and problem: a `.kpi` that is a file refuses both of its files.
  const files = [...(history.fileProblems ?? []), ...otherFiles].filter(
    (f, i, all) => all.findIndex((g) => g.path === f.path && g.problem === f.problem) === i,
  );
  for (const file of files) notes.push({ code: 'repoFile', severity: 'warning', message: fileProblemMessage(file), file });
  if (rewrites.replaceRefs > 0 || rewrites.grafts) {
    const what = [
      ...(rewrites.replaceRefs > 0 ? [`${count(rewrites.replaceRefs, 'replace ref', 'replace refs')} (refs/replace/)`] : []),
      ...(rewrites.grafts ? ['a grafts file (info/grafts)'] : []),
    ].join(' and ');
    add(
      'rewritten',
      'warning',
      `History is rewritten in this clone by ${what}: git shows other commits or parents than those recorded, and values follow what git shows. Review them with \`git replace -l\`.`,
    );
  }
  if (capped > 0) {
    add(
      'trailersCapped',
      'warning',
      `${count(capped, 'commit names', 'commits name')} more than ${MAX_TRAILER_PEOPLE} people in Co-authored-by or Reviewed-by trailers, or has a trailer block over ${MAX_TRAILER_BLOCK / 1024} KiB: at most ${MAX_TRAILER_PEOPLE} are counted per commit, none from an oversized block.`,
    );
  }
  if (futureDated > 0) {
    add(
      'futureDated',
      'warning',
      `${count(futureDated, 'commit is', 'commits are')} dated in the future: metrics that count by that date leave them out.`,
    );
  }
  return {
    empty,
    shallow: history.shallow,
    detached: history.detached ?? false,
    botCommits: pop.botCommits,
    botShare,
    identitiesMerged: pop.identitiesMerged,
    duplicates,
    squashWorkflow,
    fixEvidence: evidence,
    landingDelayDays: delay,
    ...(unrecognised ? { suggestedFixPatterns: SUGGESTED_FIX_PATTERNS } : {}),
    releaseTags,
    excludedTags: excluded.length,
    ...(suggestion ? { suggestedReleaseTagPattern: suggestion.pattern } : {}),
    futureDated,
    files,
    rewrites,
    trailersCapped: capped,
    notes,
  };
}
