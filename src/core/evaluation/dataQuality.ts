// What could make the numbers wrong, stated per repository: shallow clones, bots, merged
// identities, squash merges, missing release tags, future dates, empty or detached HEAD.
import { releaseTagMatcher } from '../metrics/delivery';
import { indexByHash, isMerge, landings, subjectOf, type Commit, type FileProblem, type History, type HistoryRewrites } from '../history';
import { memo } from '../metrics/memo';
import type { Population } from '../metrics/population';
import { MAX_TRAILER_BLOCK, MAX_TRAILER_PEOPLE, trailersCapped } from '../metrics/trailers';

export type DataQualityCode =
  | 'empty'
  | 'shallow'
  | 'partialClone'
  | 'detached'
  | 'bots'
  | 'identities'
  | 'squash'
  | 'noReleaseTags'
  | 'futureDated'
  | 'repoFile'
  | 'rewritten'
  | 'trailersCapped';

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
  readonly squashWorkflow: boolean;
  readonly releaseTags: number;
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
  releaseTagPattern = 'v*',
  otherFiles: readonly FileProblem[] = [],
): DataQuality {
  const total = history.commits.length;
  const empty = history.head === null || total === 0;
  const known = indexByHash(history); // kept per commit list: no new set of every id per refresh
  const tagRe = releaseTagMatcher(releaseTagPattern);
  const releaseTags = (history.tags ?? []).filter((t) => tagRe.test(t.name) && known.has(t.commit)).length;
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
  if (squashWorkflow) {
    add('squash', 'info', 'Squash merges detected: branch history is not in git, so fix-branch turnaround and review coverage undercount.');
  }
  if (!empty && releaseTags === 0) {
    add('noReleaseTags', 'info', `No release tags match "${releaseTagPattern}": delivery metrics are unavailable (not zero).`);
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
    squashWorkflow,
    releaseTags,
    futureDated,
    files,
    rewrites,
    trailersCapped: capped,
    notes,
  };
}
