// A realistic, deterministic git repository for demos and integration tests: four people
// building "harbor", a small shipment-tracking service, over `weeks` weeks before `now`,
// with features, fix branches merged with --no-ff, issue references, release tags,
// Dependabot's dependency bumps, an old identity that .mailmap folds in, a few reverts,
// Reviewed-by and Co-authored-by trailers, and a commented kpi.json at its root whose
// objectives run over the calendar quarter that contains `now` (scripts/demo-content.mjs).
//
// Tests must assert known answers, so the generator records what it made (`facts`): every
// commit with its dates, recorded and canonical author, kind, the commit it reverts and the
// second person its trailer names, and every bug fix the way the metric definitions count
// it. `expectedKpis(facts)`, `expectedObjectives(facts)` and `expectedDataQuality(facts)`
// (scripts/demo-facts.mjs, re-exported here) turn those facts into what the extension must
// show, without any of the extension's code and without reading git.
//
// Windows, as docs/metrics.md defines them: `Nw` is the N complete ISO weeks (Monday 00:00
// UTC to Monday 00:00 UTC) before the week that contains now; `Nd` is (now − N days, now].
// Commit frequency counts non-merge commits by people by AUTHOR date; bug-fix turnaround
// counts fixes whose landing commit on main has its COMMITTER date in the window; revert
// rate and review coverage count landings (first-parent changes on main) by the landing's
// COMMITTER date. Bot commits and bot landings count nowhere.
//
// Dates are whole seconds, and none lies within 3 hours of an edge of the windows in
// kpi.json (their Mondays) or after now − 1 h, so inclusive/exclusive edges cannot change a
// value. On purpose, some commits are authored before a Monday edge and committed after it
// (weekend work rebased on Monday), and some are made in the current, incomplete week: they
// tell author dates from committer dates, and ISO weeks from rolling days.
// Bug-fix counts inside the 12-week window are kept odd so that the median is one value.
//
// DEMO_REFERENCE pins the results for the defaults (weeks 16, seed 42) and its `now`, with
// the window edges spelled out; test/integration/ui/demo-repo.test.mjs checks them.
// `node scripts/demo-repo.mjs DIR 2026-06-18T12:00:00Z` prints them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BROKEN_KPI_JSON,
  BUGS,
  DEPENDABOT,
  DEPENDENCY_BUMPS,
  GITHUB,
  INITIAL_FILES,
  MAILMAP,
  OLD_IDENTITY,
  ORG,
  TEAM,
  WORK,
  dependabotMessage,
  fileText,
  followUp,
  kpiConfig,
  kpiJson,
  makeRandom,
  quarterStart,
} from './demo-content.mjs';
import { expectedDataQuality, expectedKpis, expectedObjectives, mondayOf, windowAt } from './demo-facts.mjs';
import { writeRepository } from './demo-git.mjs';
import { planReverts, planReviews } from './demo-review.mjs';

export { BROKEN_KPI_JSON, TEAM, kpiConfig, kpiJson, quarterStart };
export { expectedDataQuality, expectedKpis, expectedObjectives, landingsOf, mondayOf, timeframeAt, windowAt } from './demo-facts.mjs';
export { shallowClone, worktreeSubfolder } from './demo-git.mjs';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The windows no generated date may come near: those of the KPIs in kpi.json (any `now`). */
export const GUARDED_WINDOWS = [...new Set(kpiConfig(kpiJson(0)).objectives.flatMap((o) => o.kpis.map((k) => k.window ?? '4w')))];
/** Minimum distance of every generated date from every edge of a guarded window. */
export const EDGE_MARGIN = 3 * HOUR;

/** The results for the defaults and DEMO_REFERENCE.now, as a cross-check of the facts. */
export const DEMO_REFERENCE = {
  // A Thursday: the current ISO week (from Monday 2026-06-15) is incomplete and belongs to
  // no `Nw` window, while a rolling 28 or 84 days would include it.
  now: '2026-06-18T12:00:00.000Z',
  weeks: 16,
  seed: 42,
  // [start, end) of each kpi.json window at `now`.
  windows: {
    '4w': ['2026-05-18T00:00:00.000Z', '2026-06-15T00:00:00.000Z'],
    '12w': ['2026-03-23T00:00:00.000Z', '2026-06-15T00:00:00.000Z'],
  },
  // From a run of this generator; the demo generator's tests fail when the facts disagree,
  // so a change to the generator that moves them is noticed and this is updated.
  commitsCounted: 58, // non-merge commits by people authored in the 4w window
  commitFrequency: 14.5, // per week
  bugFixesCounted: 13, // fixes landing in the 12w window
  bugFixTurnaround: 64, // median hours
  landings: 50, // main-line changes by people landing in the 4w window (3 of them merges)
  reverts: 2, // of those landings ("This reverts commit ..."): revert rate 4%
  reviewed: 30, // of those landings (Reviewed-by from another person, merges of someone else's work): review coverage 60%
  botCommits: 4, // Dependabot's, 2% of all commits
  identitiesMerged: 1, // Jonas's old laptop identity, folded in by .mailmap
  dataQuality: ['bots', 'fixEvidence', 'identities'], // and not noReleaseTags: v0.1.0 to v0.3.0 exist
  // kpi.json's time frame is the quarter that contains now, 2026-04-01 to 2026-06-30; now is
  // 86% through it. Baselines are the values over the windows ending at 2026-04-01 (that
  // is, on Monday 2026-03-30), and the statuses follow docs/status.md: commit frequency
  // 7 -> 14.5 (target 12, met), revert rate 0 -> 4 (at most 5, met), bug-fix turnaround
  // 45.5 -> 64 (decrease to 60: the baseline already met it, so the threshold rule: at
  // risk; OKR score 0), review coverage 46.2 -> 60 (increase to 80: 41% of the way with 86%
  // of the time gone, off track; OKR score 0.41; a Co-authored-by pair and a maintainer
  // merging their own branch are not reviews). "Fix bugs quickly" scores 0.21 (< 0.7).
  timeframe: ['2026-04-01', '2026-06-30'],
  statuses: { 'commit-frequency': 'met', 'revert-rate': 'met', 'bugfix-turnaround': 'atRisk', 'review-coverage': 'offTrack' },
  baselines: { 'commit-frequency': 7, 'revert-rate': 0, 'bugfix-turnaround': 45.5, 'review-coverage': 46.2 },
  okrScore: 0.205,
  // What other readings of the windows would give, so that a test can tell them apart: a
  // rolling 28 days (59 commits), committer dates (57), bots counted (60); bug fixes by a
  // rolling 84 days or by the landing's author date: 65 h; landings by bots counted too
  // (52 landings, revert rate 2 of 52).
  misreadings: {
    rollingCommits: 59,
    committerDateCommits: 57,
    withBotsCommits: 60,
    rollingTurnaround: 65,
    authorDateTurnaround: 65,
    withBotLandings: 52,
  },
};

/** Every edge of the guarded windows at `now`, ascending. */
export function windowEdges(now) {
  return [...new Set(GUARDED_WINDOWS.flatMap((w) => [windowAt(w, now).start, windowAt(w, now).end]))].sort((a, b) => a - b);
}

// ---------------------------------------------------------------- the plan

/**
 * Create the repository in `dir` (created if missing, must not already hold a repository).
 * Returns the facts: what was generated, for tests to derive expectations from.
 */
export async function createDemoRepo(dir, { now = new Date(), weeks = 16, seed = 42 } = {}) {
  const nowMs = Math.floor(new Date(now).getTime() / SECOND) * SECOND;
  const start = nowMs - weeks * WEEK;
  const random = makeRandom(seed);
  const edges = windowEdges(nowMs);
  const isBad = (t) => t >= nowMs - HOUR || t <= start || edges.some((e) => Math.abs(t - e) < EDGE_MARGIN);
  let nextNumber = 3; // issue and pull-request numbers share one sequence, as on GitHub
  const number = () => nextNumber++;
  /** @type {Array<object>} planned commits; ordered by commit time when written */
  const plan = [];
  let seq = 0;
  // Jonas's first weeks were committed under his old laptop's identity (see OLD_IDENTITY).
  const oldIdentityUntil = start + OLD_IDENTITY.weeks * WEEK;
  const recorded = (p, t) =>
    p.handle === OLD_IDENTITY.handle && t < oldIdentityUntil ? { ...p, name: OLD_IDENTITY.name, email: OLD_IDENTITY.email } : p;
  const commit = (c) => {
    const committer = c.committer ?? c.author;
    plan.push({
      seq: seq++,
      ref: 'main',
      parents: [],
      ...c,
      person: c.author,
      author: recorded(c.author, c.authorTime),
      committer: recorded(committer, c.commitTime),
    });
  };

  /** A working-hours instant on day `day` (UTC midnight) in `person`'s time zone. */
  const workTime = (day, person, rnd = random) => {
    const sign = person.tz.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(person.tz.slice(1, 3)) * 60 + Number(person.tz.slice(3))) * 60 * SECOND;
    return day - (day % DAY) + 9 * HOUR + rnd.int(0, 9.5 * 3600) * SECOND - offset;
  };

  // Root commit and the initial files.
  commit({
    author: TEAM[0],
    authorTime: start + HOUR,
    commitTime: start + HOUR,
    message: 'chore: initial project skeleton',
    kind: 'chore',
    files: INITIAL_FILES,
  });

  // Everyday work on main: more people commit more often as the project gets going.
  const nextWork = random.deck(WORK);
  for (let day = start - (start % DAY) + DAY; day < nowMs; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const progress = (day - start) / (nowMs - start);
    for (const person of TEAM) {
      const rate = weekday === 0 || weekday === 6 ? 0.04 : 0.21 + 0.2 * progress;
      for (let k = random.poisson(rate); k > 0; k--) {
        const t = workTime(day, person);
        if (isBad(t)) continue;
        const [title, file] = nextWork();
        const squashed = random.chance(0.35) ? ` (#${number()})` : '';
        // Some changes were rebased before landing: committer date a little later.
        const landed = random.chance(0.3) ? t + random.int(5, 240) * 60 * SECOND : t;
        if (isBad(landed)) continue;
        commit({
          author: person,
          authorTime: t,
          commitTime: landed,
          message: `${title}${squashed}`,
          kind: title.split(/[(:]/)[0],
          files: { [file]: fileText(file, title) },
          append: true,
          work: true,
        });
      }
    }
  }

  // Weekend work rebased and pushed on Monday morning, across each Monday edge (twice
  // across the end of the windows): only the author date decides whether it counts.
  const lastMonday = mondayOf(nowMs);
  edges
    .flatMap((e) => (e === lastMonday ? [e, e] : [e]))
    .forEach((edge, i) => {
      const person = TEAM[(i + 1) % TEAM.length];
      const authored = edge - 9 * HOUR - random.int(0, 120) * 60 * SECOND; // Sunday afternoon
      const landed = edge + 8 * HOUR + random.int(0, 120) * 60 * SECOND; // Monday morning
      if (new Date(edge).getUTCDay() !== 1 || isBad(authored) || isBad(landed)) return;
      const [title, file] = nextWork();
      commit({
        author: person,
        authorTime: authored,
        commitTime: landed,
        message: title,
        kind: title.split(/[(:]/)[0],
        files: { [file]: fileText(file, title) },
        append: true,
        work: true,
        straddles: iso(edge),
      });
    });

  // kpi.json arrives about five weeks before now (or half-way through a short history).
  const kpiAt = firstGood(Math.max(start + (nowMs - start) / 2, nowMs - 35 * DAY) + 10 * HOUR, isBad);
  commit({
    author: TEAM[0],
    authorTime: kpiAt,
    commitTime: kpiAt,
    message: 'chore: track team KPIs in kpi.json',
    kind: 'chore',
    files: { 'kpi.json': kpiJson(nowMs) },
  });

  // .mailmap, a few days after Jonas switched to his work identity.
  const jonas = TEAM.find((p) => p.handle === OLD_IDENTITY.handle);
  const mailmapAt = firstGood(workTime(Math.min(oldIdentityUntil + 3 * DAY, nowMs - 2 * DAY), jonas), isBad);
  commit({
    author: jonas,
    authorTime: mailmapAt,
    commitTime: mailmapAt,
    message: 'chore: add .mailmap for my old laptop identity',
    kind: 'chore',
    files: { '.mailmap': MAILMAP },
  });

  // Releases every five weeks.
  const tags = [];
  for (let w = 4, minor = 1; w < weeks; w += 5, minor++) {
    const t = firstGood(start + w * WEEK + 2 * DAY + 15 * HOUR, isBad);
    const version = `v0.${minor}.0`;
    const c = {
      author: TEAM[1],
      authorTime: t,
      commitTime: t,
      message: `chore(release): ${version}`,
      kind: 'chore',
      files: { 'CHANGELOG.md': `\n## ${version}\n` },
      append: true,
      tag: version,
    };
    commit(c);
    tags.push(version);
  }

  // Feature branches merged as pull requests (not fixes: they must not count as bug fixes).
  const features = [
    ['csv-export', 'src/api/export.ts', 'feat(api): CSV export of shipments'],
    ['carrier-webhooks', 'src/notify/webhooks.ts', 'feat(notify): inbound carrier webhooks'],
    ['dark-mode', 'src/web/theme.ts', 'feat(web): dark mode'],
  ];
  features.forEach(([slug, file, title], i) => {
    const person = TEAM[(i + 2) % TEAM.length];
    const ref = `${person.handle}/feat-${slug}`;
    const day0 = start + Math.floor(((i + 1) * (nowMs - start)) / (features.length + 1) / DAY) * DAY;
    let t = day0;
    const n = random.int(2, 4);
    for (let k = 0; k < n; k++) {
      t = firstGood(workTime(day0 + k * DAY, person), isBad);
      commit({
        ref,
        author: person,
        authorTime: t,
        commitTime: t,
        message: k === 0 ? title : followUp(title, k),
        kind: 'feat',
        files: { [file]: fileText(file, `${title} ${k}`) },
        append: true,
      });
    }
    const m = firstGood(t + random.int(4, 30) * HOUR, isBad);
    commit({
      author: TEAM[0],
      committer: GITHUB,
      authorTime: m,
      commitTime: m,
      message: `Merge pull request #${number()} from ${ref}\n\n${title.split(': ')[1]}`,
      kind: 'merge',
      merge: ref,
    });
  });

  planDependabot({ random, nowMs, start, isBad, number, commit });
  const bugFixes = planBugFixes({ random, start, nowMs, isBad, number, commit, workTime });
  // Reverts and review trailers draw from their own streams, so that they leave the rest of
  // the history (and the numbers above that depend on it) as it was.
  planReverts({ random: makeRandom(seed + 1), plan, nowMs, isBad, commit, workTime });
  planReviews({ random: makeRandom(seed + 2), plan, start, nowMs });
  plan.sort((a, b) => a.commitTime - b.commitTime || a.seq - b.seq);
  const facts = writeRepository(dir, plan, tags, { nowMs, weeks, seed, kpiJson: kpiJson(nowMs) });
  facts.bugFixes = bugFixes.map((b) => ({ ...b, start: iso(b.start), end: iso(b.end), commits: b.commits.map((c) => facts.shaOf(c)) }));
  delete facts.shaOf;
  return facts;
}

/**
 * Dependabot's pull requests (DEPENDENCY_BUMPS): opened early in the morning UTC, landed by a
 * person some hours later, as a merge commit or squashed (then the bot's commit is on main).
 */
function planDependabot({ random, nowMs, start, isBad, number, commit }) {
  DEPENDENCY_BUMPS.forEach(([pkg, from, to, daysBack, how], i) => {
    const day = nowMs - daysBack * DAY - (nowMs % DAY);
    if (day <= start) return;
    const opened = firstGood(day + 4 * HOUR + random.int(0, 3600) * SECOND, isBad);
    const landed = firstGood(opened + random.int(6, 30) * HOUR, isBad);
    const { subject, body } = dependabotMessage(pkg, from, to);
    const pr = number();
    const files = { 'package.json': fileText('package.json', subject) };
    if (how === 'squash') {
      commit({
        author: DEPENDABOT,
        committer: GITHUB,
        authorTime: opened,
        commitTime: landed,
        message: `${subject} (#${pr})\n\n${body}`,
        kind: 'chore',
        files,
        append: true,
      });
      return;
    }
    const ref = `dependabot/npm_and_yarn/${pkg}-${to}`;
    commit({
      ref,
      author: DEPENDABOT,
      committer: GITHUB,
      authorTime: opened,
      commitTime: opened,
      message: `${subject}\n\n${body}`,
      kind: 'chore',
      files,
      append: true,
    });
    commit({
      author: TEAM[i % TEAM.length],
      committer: GITHUB,
      authorTime: landed,
      commitTime: landed,
      message: `Merge pull request #${pr} from ${ORG}/${ref}\n\n${subject}`,
      kind: 'merge',
      merge: ref,
    });
  });
}

/** `t` (whole seconds), or the nearest earlier hour that is no edge case. */
function firstGood(t, isBad) {
  const first = Math.floor(t / SECOND) * SECOND;
  for (let x = first; x > first - 30 * DAY; x -= HOUR) if (!isBad(x)) return x;
  throw new Error(`no usable time before ${iso(first)}`);
}

/**
 * Bug stories, one or so per week, in five shapes the metric definitions tell apart:
 *  issue     mention of #N on main, later a main-line commit "... (fixes #N)";
 *  rebased   one commit "... (closes #N)" authored at the start, committed at the end;
 *  branch    fix/... or hotfix/... branch merged with "Merge branch '...'" (no issue);
 *  pr        mention of #N on main, then a PR from owner/fix-... whose merge body says
 *            "fixes #N": counted once, as the issue (start = the earlier mention);
 *  branchRef bugfix/... branch whose own commit says "fixes #N" but whose merge does not:
 *            not a main-line closing commit, so it counts as the fix branch only.
 * Plus issues that are mentioned and never closed. Returns the counted bug fixes.
 */
function planBugFixes({ random, start, nowMs, isBad, number, commit, workTime }) {
  const shapes = ['issue', 'branch', 'pr', 'rebased', 'issue', 'branchRef', 'pr', 'branch'];
  const bugs = random.deck(BUGS);
  const stories = [];
  const weeks = Math.floor((nowMs - start) / WEEK);
  for (let w = 0; w < weeks; w++) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const person = random.pick(TEAM);
      const t0 = workTime(start + w * WEEK + random.int(1, 5) * DAY, person);
      // Whole hours, skewed: most fixes land in a day or two, a few take a week.
      const hours = Math.min(180, Math.max(2, Math.round(Math.exp(Math.log(64) + 1.3 * (random.next() * 2 - 1)))));
      const story = { shape: shapes[(w + attempt) % shapes.length], person, t0, t1: t0 + hours * HOUR, hours, bug: bugs() };
      const times = storyTimes(story, random);
      if (times.every((t) => !isBad(t))) {
        story.times = times;
        stories.push(story);
        break;
      }
    }
  }
  // Two fixes across the edges of the bug-fix window, where only the landing commit's
  // committer date decides: work started on a Saturday before the window's first Monday
  // and landed (rebased) after it, so it counts; and a fix authored on the Sunday before
  // the window ends and landed on Monday, in the current week, so it does not.
  const window = windowAt(kpiWindow('bugFixTurnaround'), nowMs);
  const acrossEdges = [
    { shape: 'rebased', t0: window.start - 30 * HOUR, hours: 50 },
    { shape: 'issue', t0: window.end - 62 * HOUR, hours: 72, fixAuthored: window.end - 8 * HOUR },
  ];
  for (const p of acrossEdges) {
    const story = { ...p, person: random.pick(TEAM), t1: p.t0 + p.hours * HOUR, bug: bugs(), pinned: true };
    const times = story.fixAuthored ? [story.t0, story.fixAuthored, story.t1] : storyTimes(story, random);
    if (times.every((t) => !isBad(t))) stories.push({ ...story, times });
  }
  // An odd count inside the window keeps the median a single sample.
  const counted = (s) => window.contains(s.t1);
  if (stories.filter(counted).length % 2 === 0) {
    const i = stories.findIndex((s) => counted(s) && !s.pinned);
    if (i >= 0) stories.splice(i, 1);
  }
  const fixes = stories.map((s, i) => emitStory(s, i, { number, commit }));
  // Two issues that are talked about but still open.
  for (const back of [20, 9]) {
    const person = TEAM[back % TEAM.length];
    const t = firstGood(workTime(nowMs - back * DAY - (nowMs % DAY), person), isBad);
    const n = number();
    commit({
      author: person,
      authorTime: t,
      commitTime: t,
      message: `chore(api): log slow carrier responses, refs #${n}`,
      kind: 'chore',
      files: { 'src/api/cache.ts': fileText('src/api/cache.ts', `log slow responses ${n}`) },
      append: true,
    });
  }
  return fixes;
}

/** The window of the first KPI in kpi.json with this metric. */
function kpiWindow(metric) {
  const kpi = kpiConfig(kpiJson(0))
    .objectives.flatMap((o) => o.kpis)
    .find((k) => k.metric === metric);
  return kpi?.window ?? '4w';
}

/** All instants a story uses: mention, branch commits, landing. */
function storyTimes(s, random) {
  const span = s.t1 - s.t0;
  const frac = (f) => s.t0 + Math.floor((span * f) / SECOND) * SECOND;
  switch (s.shape) {
    case 'issue':
      s.fixAuthored = frac(0.6 + 0.3 * random.next());
      return [s.t0, s.fixAuthored, s.t1];
    case 'rebased':
      return [s.t0, s.t1];
    case 'branch':
    case 'branchRef':
      s.branchCommits = [s.t0, ...(random.chance(0.6) ? [frac(0.5)] : [])];
      return [...s.branchCommits, s.t1];
    case 'pr':
      s.branchCommits = [frac(0.3), frac(0.7)];
      return [s.t0, ...s.branchCommits, s.t1];
    default:
      throw new Error(`unknown story shape ${s.shape}`);
  }
}

function emitStory(s, index, { number, commit }) {
  const [scope, problem, remedy, file, slug] = s.bug;
  const p = s.person;
  const change = (title) => ({ [file]: fileText(file, title) });
  const ids = [];
  const add = (c) => {
    commit({ kind: 'fix', append: true, ...c });
    ids.push(c.id);
  };
  const id = () => `story-${slug}-${ids.length}-${s.t0}`;
  const maintainer = TEAM.find((m) => m !== p) ?? p;
  switch (s.shape) {
    case 'issue': {
      const n = number();
      add({
        id: id(),
        author: p,
        authorTime: s.t0,
        commitTime: s.t0,
        message: `test(${scope}): reproduce ${problem} (#${n})`,
        kind: 'test',
        files: { [`test/${scope}/regressions.test.ts`]: fileText('x.ts', `reproduce ${problem}`) },
      });
      add({
        id: id(),
        author: p,
        authorTime: s.fixAuthored,
        commitTime: s.t1,
        message: `fix(${scope}): ${remedy} (fixes #${n})\n\n${capital(problem)}.`,
        files: change(remedy),
      });
      return { kind: 'issue', ref: `#${n}`, start: s.t0, end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    case 'rebased': {
      const n = number();
      add({
        id: id(),
        author: p,
        authorTime: s.t0,
        commitTime: s.t1,
        message: `fix(${scope}): ${remedy} (closes #${n})`,
        files: change(remedy),
      });
      return { kind: 'issue', ref: `#${n}`, start: s.t0, end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    case 'branch':
    case 'branchRef': {
      const prefix = s.shape === 'branchRef' ? 'bugfix' : index % 3 === 0 ? 'hotfix' : 'fix';
      const ref = `${prefix}/${slug}`;
      const n = s.shape === 'branchRef' ? number() : undefined;
      s.branchCommits.forEach((t, k) => {
        const message = k === 0 ? `fix(${scope}): ${remedy}${n ? ` (fixes #${n})` : ''}` : `test(${scope}): cover ${problem}`;
        add({ id: id(), ref, author: p, authorTime: t, commitTime: t, message, files: change(`${remedy} ${k}`) });
      });
      add({
        id: id(),
        author: maintainer,
        authorTime: s.t1,
        commitTime: s.t1,
        message: `Merge branch '${ref}'`,
        kind: 'merge',
        merge: ref,
      });
      return { kind: 'fixBranch', ref, start: s.branchCommits[0], end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    case 'pr': {
      const n = number();
      const ref = `${p.handle}/fix-${slug}`;
      add({
        id: id(),
        author: p,
        authorTime: s.t0,
        commitTime: s.t0,
        message: `chore(${scope}): more logging around ${problem}, see #${n}`,
        kind: 'chore',
        files: change(`logging ${n}`),
      });
      s.branchCommits.forEach((t, k) => {
        add({
          id: id(),
          ref,
          author: p,
          authorTime: t,
          commitTime: t,
          message: k === 0 ? `fix(${scope}): ${remedy}` : `test(${scope}): regression test for ${problem}`,
          files: change(`${remedy} ${k}`),
        });
      });
      add({
        id: id(),
        author: maintainer,
        committer: GITHUB,
        authorTime: s.t1,
        commitTime: s.t1,
        message: `Merge pull request #${number()} from ${ref}\n\n${capital(remedy)}, fixes #${n}`,
        kind: 'merge',
        merge: ref,
      });
      return { kind: 'issue', ref: `#${n}`, start: s.t0, end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    default:
      throw new Error(`unknown story shape ${s.shape}`);
  }
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const iso = (ms) => new Date(ms).toISOString();

/** Overwrite kpi.json with a syntax error; `restore()` puts the previous text back. */
export function createBrokenKpiJson(dir) {
  const file = path.join(dir, 'kpi.json');
  const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : kpiJson(Date.now());
  fs.writeFileSync(file, BROKEN_KPI_JSON);
  return { file, original, restore: () => fs.writeFileSync(file, original) };
}

// `node scripts/demo-repo.mjs DIR [NOW]`: make a repository and print what it holds.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, nowText] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/demo-repo.mjs DIR [NOW as ISO date]');
    process.exit(2);
  }
  const t = Date.now();
  const facts = await createDemoRepo(dir, nowText ? { now: new Date(nowText) } : {});
  const ms = Date.now() - t;
  console.log(
    `${facts.commits.length} commits (${facts.commits.filter((c) => c.isMerge).length} merges), ${facts.bugFixes.length} bug fixes, tags ${facts.tags.map((x) => x.name).join(' ')} in ${ms} ms`,
  );
  const kpis = expectedKpis(facts);
  for (const o of expectedObjectives(facts)) {
    console.log(
      `${o.name} (${o.mode}, ${o.timeframe ? `${o.timeframe.start} to ${o.timeframe.end}` : 'no time frame'}${o.score !== undefined ? `, score ${o.score.toFixed(2)}` : ''})`,
    );
    for (const k of kpis.filter((x) => x.objectiveId === o.id)) {
      console.log(
        `  ${k.name}: ${k.value} ${k.unit} from ${k.sampleCount} samples in [${k.windowRange.start}, ${k.windowRange.end}); baseline ${k.baseline}, target met: ${k.met}, ${k.status}${k.score !== undefined ? `, score ${k.score}` : ''}`,
      );
    }
  }
  const q = expectedDataQuality(facts);
  console.log(
    `data quality: ${q.codes.join(', ') || 'none'} (${q.botCommits} bot commits, ${q.botPercent}%; ${q.identitiesMerged} identities merged; ${q.releaseTags} release tags)`,
  );
}
