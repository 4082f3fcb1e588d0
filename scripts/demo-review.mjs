// How the demo team reviews and undoes changes: reverts of everyday commits (`git revert`
// style, naming the reverted commit's id) and the Reviewed-by / Co-authored-by trailers
// that make the review-coverage KPI tell a story. scripts/demo-repo.mjs calls these with
// their own random streams, after the rest of the history is planned.
import { TEAM } from './demo-content.mjs';

const DAY = 86_400_000;

/**
 * Everyday changes that were undone: `git revert` of a commit on main one to three days
 * after it landed, by its author or a teammate, with the reason in the body. One about nine
 * weeks before now and two inside the last complete four weeks (REVERTS_DAYS_BACK), so that
 * the revert rate is not trivially 0. The revert removes the text the commit appended.
 */
const REVERTS_DAYS_BACK = [62, 24, 9];
const REVERT_REASONS = [
  'Breaks the nightly import on staging; will retry behind a flag.',
  'Slows down the shipment list noticeably; reverting until we have a benchmark.',
  'Conflicts with the carrier API change that shipped today.',
];

export function planReverts({ random, plan, nowMs, isBad, commit, workTime }) {
  REVERTS_DAYS_BACK.forEach((back, i) => {
    // The latest change of a kind worth reverting that landed at most `back` days before now.
    const from = nowMs - back * DAY;
    const candidates = plan.filter(
      (c) => c.work && !c.straddles && !c.revertedBy && /^(feat|perf|refactor)/.test(c.message) && c.commitTime <= from,
    );
    const target = candidates.sort((a, b) => b.commitTime - a.commitTime)[0];
    if (!target) return;
    const author = random.chance(0.5) ? target.person : random.pick(TEAM.filter((p) => p !== target.person));
    // Noticed the next working day or the one after.
    const at = [1, 2, 3].map((k) => workTime(target.commitTime + k * DAY, author, random)).find((t) => !isBad(t) && t > target.commitTime);
    if (at === undefined) return;
    const [file, snippet] = Object.entries(target.files)[0];
    target.id = `reverted-${target.seq}`;
    target.revertedBy = true;
    commit({
      author,
      authorTime: at,
      commitTime: at,
      message: `Revert "${target.message}"\n\nThis reverts commit {sha}.\n\n${REVERT_REASONS[i % REVERT_REASONS.length]}`,
      kind: 'revert',
      revertOf: target.id,
      removes: { [file]: snippet },
    });
  });
}

/**
 * Who saw a change before it landed: a `Reviewed-by` trailer (the team's merge bot adds it
 * to pull requests squashed onto main; reviewers add it to direct commits) or, for work done
 * in pairs, `Co-authored-by`. Merge commits need no trailer: a merged branch counts as
 * reviewed. The story the review-coverage KPI tells: at first nearly every change was
 * reviewed, in the rush between the 3rd and 6th of 16 weeks few were, and since then the
 * team has been winning it back (reviewShare).
 */
function reviewShare(x) {
  if (x < 0.15) return 0.95;
  if (x < 0.4) return 0.15;
  return 0.3 + 0.65 * ((x - 0.4) / 0.6);
}

export function planReviews({ random, plan, start, nowMs }) {
  for (const c of plan) {
    if (c.ref !== 'main' || c.merge || c.author.bot || c.tag || c.revertOf) continue;
    if (!random.chance(reviewShare((c.authorTime - start) / (nowMs - start)))) continue;
    const other = random.pick(TEAM.filter((p) => p !== c.person));
    const trailer = /\(#\d+\)$/.test(c.message) || random.chance(0.7) ? 'Reviewed-by' : 'Co-authored-by';
    c.message = `${c.message}\n\n${trailer}: ${other.name} <${other.email}>`;
    c.reviewedBy = { trailer, email: other.email };
  }
}
