// A realistic, deterministic git repository for demos and integration tests: four people
// building "harbor", a small shipment-tracking service, over `weeks` weeks before `now`,
// with features, fix branches merged with --no-ff, issue references, release tags,
// Dependabot's dependency bumps, an old identity that .mailmap folds in, and a commented
// kpi.json at its root.
//
// Tests must assert known answers, so the generator records what it made (`facts`): every
// commit with its dates, recorded and canonical author, and kind, and every bug fix the way
// the metric definitions count it. `expectedKpis(facts)` and `expectedDataQuality(facts)`
// turn those facts into what the extension must show, without any of the extension's code
// and without reading git.
//
// Windows, as docs/metrics.md defines them: `Nw` is the N complete ISO weeks (Monday 00:00
// UTC to Monday 00:00 UTC) before the week that contains now; `Nd` is (now − N days, now].
// Commit frequency counts non-merge commits by people by AUTHOR date; bug-fix turnaround
// counts fixes whose landing commit on main has its COMMITTER date in the window. Bot
// commits count nowhere.
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
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BROKEN_KPI_JSON,
  BUGS,
  DEPENDABOT,
  DEPENDENCY_BUMPS,
  GITHUB,
  INITIAL_FILES,
  KPI_JSON,
  MAILMAP,
  OLD_IDENTITY,
  ORG,
  TEAM,
  WORK,
  dependabotMessage,
  fileText,
  followUp,
  kpiConfig,
  makeRandom,
} from './demo-content.mjs';

export { BROKEN_KPI_JSON, KPI_JSON, TEAM, kpiConfig };

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** The windows no generated date may come near: those of the KPIs in KPI_JSON. */
export const GUARDED_WINDOWS = [...new Set(kpiConfig(KPI_JSON).objectives.flatMap((o) => o.kpis.map((k) => k.window ?? '4w')))];
/** Minimum distance of every generated date from every edge of a guarded window. */
export const EDGE_MARGIN = 3 * HOUR;
/** The release-tag glob kpi.json leaves at its default. */
const RELEASE_TAGS = /^v/;

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
  commitsCounted: 56, // non-merge commits by people authored in the 4w window
  commitFrequency: 14, // per week (target >= 10: met)
  bugFixesCounted: 13, // fixes landing in the 12w window
  bugFixTurnaround: 64, // median hours (target <= 48: not met)
  botCommits: 4, // Dependabot's, 2% of all commits
  // What the other readings would give, so that a test can tell they differ: a rolling
  // 28 days (57 commits, 14.25/week), committer dates (55, 13.75/week), bots counted (58,
  // 14.5/week); bug fixes by a rolling 84 days or by author date: median 65 h.
  misreadings: { rollingCommits: 57, committerDateCommits: 55, withBotsCommits: 58, rollingTurnaround: 65, authorDateTurnaround: 65 },
  identitiesMerged: 1,
  dataQuality: ['bots', 'identities'],
};

// ---------------------------------------------------------------- windows

/** Monday 00:00 UTC of the ISO week that contains `t` (epoch ms). */
export function mondayOf(t) {
  const d = new Date(t);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
}

/**
 * What a window expression covers at `now` (epoch ms), as docs/metrics.md defines it:
 * `Nw` is [Monday N weeks before this week's Monday, this week's Monday); `Nd` is
 * (now − N days, now]. `days` is what a per-week rate divides by (days / 7).
 */
export function windowAt(text, now) {
  const m = /^(\d+)([dw])$/.exec(text);
  if (!m) throw new Error(`bad window ${text}`);
  const n = Number(m[1]);
  if (m[2] === 'w') {
    const end = mondayOf(now);
    const start = end - n * WEEK;
    return { text, start, end, days: n * 7, contains: (t) => t >= start && t < end };
  }
  const start = now - n * DAY;
  return { text, start, end: now, days: n, contains: (t) => t > start && t <= now };
}

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
  const recorded = (p, t) => (p.handle === OLD_IDENTITY.handle && t < oldIdentityUntil ? { ...p, name: OLD_IDENTITY.name, email: OLD_IDENTITY.email } : p);
  const commit = (c) => {
    const committer = c.committer ?? c.author;
    plan.push({ seq: seq++, ref: 'main', parents: [], ...c, person: c.author, author: recorded(c.author, c.authorTime), committer: recorded(committer, c.commitTime) });
  };

  /** A working-hours instant on day `day` (UTC midnight) in `person`'s time zone. */
  const workTime = (day, person) => {
    const sign = person.tz.startsWith('-') ? -1 : 1;
    const offset = sign * (Number(person.tz.slice(1, 3)) * 60 + Number(person.tz.slice(3))) * 60 * SECOND;
    return day - (day % DAY) + 9 * HOUR + random.int(0, 9.5 * 3600) * SECOND - offset;
  };

  // Root commit and the initial files.
  commit({ author: TEAM[0], authorTime: start + HOUR, commitTime: start + HOUR, message: 'chore: initial project skeleton', kind: 'chore', files: INITIAL_FILES });

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
        commit({ author: person, authorTime: t, commitTime: landed, message: `${title}${squashed}`, kind: title.split(/[(:]/)[0], files: { [file]: fileText(file, title) }, append: true });
      }
    }
  }

  // Weekend work rebased and pushed on Monday morning, across each Monday edge (twice
  // across the end of the windows): only the author date decides whether it counts.
  const lastMonday = mondayOf(nowMs);
  edges.flatMap((e) => (e === lastMonday ? [e, e] : [e])).forEach((edge, i) => {
    const person = TEAM[(i + 1) % TEAM.length];
    const authored = edge - 9 * HOUR - random.int(0, 120) * 60 * SECOND; // Sunday afternoon
    const landed = edge + 8 * HOUR + random.int(0, 120) * 60 * SECOND; // Monday morning
    if (new Date(edge).getUTCDay() !== 1 || isBad(authored) || isBad(landed)) return;
    const [title, file] = nextWork();
    commit({ author: person, authorTime: authored, commitTime: landed, message: title, kind: title.split(/[(:]/)[0], files: { [file]: fileText(file, title) }, append: true, straddles: iso(edge) });
  });

  // kpi.json arrives about five weeks before now (or half-way through a short history).
  const kpiAt = firstGood(Math.max(start + (nowMs - start) / 2, nowMs - 35 * DAY) + 10 * HOUR, isBad);
  commit({ author: TEAM[0], authorTime: kpiAt, commitTime: kpiAt, message: 'chore: track team KPIs in kpi.json', kind: 'chore', files: { 'kpi.json': KPI_JSON } });

  // .mailmap, a few days after Jonas switched to his work identity.
  const jonas = TEAM.find((p) => p.handle === OLD_IDENTITY.handle);
  const mailmapAt = firstGood(workTime(Math.min(oldIdentityUntil + 3 * DAY, nowMs - 2 * DAY), jonas), isBad);
  commit({ author: jonas, authorTime: mailmapAt, commitTime: mailmapAt, message: 'chore: add .mailmap for my old laptop identity', kind: 'chore', files: { '.mailmap': MAILMAP } });

  // Releases every five weeks.
  const tags = [];
  for (let w = 4, minor = 1; w < weeks; w += 5, minor++) {
    const t = firstGood(start + w * WEEK + 2 * DAY + 15 * HOUR, isBad);
    const version = `v0.${minor}.0`;
    const c = { author: TEAM[1], authorTime: t, commitTime: t, message: `chore(release): ${version}`, kind: 'chore', files: { 'CHANGELOG.md': `\n## ${version}\n` }, append: true, tag: version };
    commit(c);
    tags.push(version);
  }

  // Feature branches merged as pull requests (not fixes: they must not count as bug fixes).
  const features = [['csv-export', 'src/api/export.ts', 'feat(api): CSV export of shipments'], ['carrier-webhooks', 'src/notify/webhooks.ts', 'feat(notify): inbound carrier webhooks'], ['dark-mode', 'src/web/theme.ts', 'feat(web): dark mode']];
  features.forEach(([slug, file, title], i) => {
    const person = TEAM[(i + 2) % TEAM.length];
    const ref = `${person.handle}/feat-${slug}`;
    const day0 = start + Math.floor(((i + 1) * (nowMs - start)) / (features.length + 1) / DAY) * DAY;
    let t = day0;
    const n = random.int(2, 4);
    for (let k = 0; k < n; k++) {
      t = firstGood(workTime(day0 + k * DAY, person), isBad);
      commit({ ref, author: person, authorTime: t, commitTime: t, message: k === 0 ? title : followUp(title, k), kind: 'feat', files: { [file]: fileText(file, `${title} ${k}`) }, append: true });
    }
    const m = firstGood(t + random.int(4, 30) * HOUR, isBad);
    commit({ author: TEAM[0], committer: GITHUB, authorTime: m, commitTime: m, message: `Merge pull request #${number()} from ${ref}\n\n${title.split(': ')[1]}`, kind: 'merge', merge: ref });
  });

  planDependabot({ random, nowMs, start, isBad, number, commit });
  const bugFixes = planBugFixes({ random, start, nowMs, isBad, number, commit, workTime });
  plan.sort((a, b) => a.commitTime - b.commitTime || a.seq - b.seq);
  const facts = writeRepository(dir, plan, tags, { nowMs, weeks, seed });
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
      commit({ author: DEPENDABOT, committer: GITHUB, authorTime: opened, commitTime: landed, message: `${subject} (#${pr})\n\n${body}`, kind: 'chore', files, append: true });
      return;
    }
    const ref = `dependabot/npm_and_yarn/${pkg}-${to}`;
    commit({ ref, author: DEPENDABOT, committer: GITHUB, authorTime: opened, commitTime: opened, message: `${subject}\n\n${body}`, kind: 'chore', files, append: true });
    commit({ author: TEAM[i % TEAM.length], committer: GITHUB, authorTime: landed, commitTime: landed, message: `Merge pull request #${pr} from ${ORG}/${ref}\n\n${subject}`, kind: 'merge', merge: ref });
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
    commit({ author: person, authorTime: t, commitTime: t, message: `chore(api): log slow carrier responses, refs #${n}`, kind: 'chore', files: { 'src/api/cache.ts': fileText('src/api/cache.ts', `log slow responses ${n}`) }, append: true });
  }
  return fixes;
}

/** The window of the first KPI in KPI_JSON with this metric. */
function kpiWindow(metric) {
  const kpi = kpiConfig(KPI_JSON).objectives.flatMap((o) => o.kpis).find((k) => k.metric === metric);
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
      add({ id: id(), author: p, authorTime: s.t0, commitTime: s.t0, message: `test(${scope}): reproduce ${problem} (#${n})`, kind: 'test', files: { [`test/${scope}/regressions.test.ts`]: fileText('x.ts', `reproduce ${problem}`) } });
      add({ id: id(), author: p, authorTime: s.fixAuthored, commitTime: s.t1, message: `fix(${scope}): ${remedy} (fixes #${n})\n\n${capital(problem)}.`, files: change(remedy) });
      return { kind: 'issue', ref: `#${n}`, start: s.t0, end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    case 'rebased': {
      const n = number();
      add({ id: id(), author: p, authorTime: s.t0, commitTime: s.t1, message: `fix(${scope}): ${remedy} (closes #${n})`, files: change(remedy) });
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
      add({ id: id(), author: maintainer, authorTime: s.t1, commitTime: s.t1, message: `Merge branch '${ref}'`, kind: 'merge', merge: ref });
      return { kind: 'fixBranch', ref, start: s.branchCommits[0], end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    case 'pr': {
      const n = number();
      const ref = `${p.handle}/fix-${slug}`;
      add({ id: id(), author: p, authorTime: s.t0, commitTime: s.t0, message: `chore(${scope}): more logging around ${problem}, see #${n}`, kind: 'chore', files: change(`logging ${n}`) });
      s.branchCommits.forEach((t, k) => {
        add({ id: id(), ref, author: p, authorTime: t, commitTime: t, message: k === 0 ? `fix(${scope}): ${remedy}` : `test(${scope}): regression test for ${problem}`, files: change(`${remedy} ${k}`) });
      });
      add({ id: id(), author: maintainer, committer: GITHUB, authorTime: s.t1, commitTime: s.t1, message: `Merge pull request #${number()} from ${ref}\n\n${capital(remedy)}, fixes #${n}`, kind: 'merge', merge: ref });
      return { kind: 'issue', ref: `#${n}`, start: s.t0, end: s.t1, hours: s.hours, shape: s.shape, commits: ids };
    }
    default:
      throw new Error(`unknown story shape ${s.shape}`);
  }
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const iso = (ms) => new Date(ms).toISOString();

// ---------------------------------------------------------------- writing it

/** One `git fast-import` run writes every commit with explicit author and committer dates. */
function writeRepository(dir, plan, tagNames, { nowMs, weeks, seed }) {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, '.git'))) throw new Error(`${dir} already holds a git repository`);
  const env = { ...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  const git = (args, input) => execFileSync('git', args, { cwd: dir, env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', TEAM[0].name]);
  git(['config', 'user.email', TEAM[0].email]);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);
  git(['config', 'core.autocrlf', 'false']);

  const chunks = [];
  const data = (text) => chunks.push(`data ${Buffer.byteLength(text)}\n${text}\n`);
  const ident = (p, ms) => `${p.name} <${p.email}> ${ms / SECOND} ${p.tz}`;
  const refs = new Map(); // ref -> { mark, files: Map, changed: Set }
  const main = () => refs.get('main');
  const records = [];
  const tagsAt = [];
  let mark = 0;
  for (const c of plan) {
    const isNewRef = !refs.has(c.ref);
    const base = isNewRef ? main() : refs.get(c.ref);
    const state = { mark: 0, files: new Map(base ? base.files : []), changed: new Set(isNewRef ? [] : base.changed) };
    const updates = new Map();
    for (const [file, text] of Object.entries(c.files ?? {})) {
      const next = c.append ? (state.files.get(file) ?? '') + text : text;
      updates.set(file, next);
    }
    const parents = base ? [base.mark] : [];
    if (c.merge) {
      const merged = refs.get(c.merge);
      for (const file of merged.changed) updates.set(file, merged.files.get(file));
      parents.push(merged.mark);
      // A later branch of the same name starts afresh from main.
      refs.delete(c.merge);
    }
    for (const [file, text] of updates) {
      state.files.set(file, text);
      if (c.ref !== 'main') state.changed.add(file);
    }
    state.mark = ++mark;
    chunks.push(`commit refs/heads/${c.ref}\nmark :${mark}\nauthor ${ident(c.author, c.authorTime)}\ncommitter ${ident(c.committer, c.commitTime)}\n`);
    data(`${c.message}\n`);
    if (parents[0]) chunks.push(`from :${parents[0]}\n`);
    if (parents[1]) chunks.push(`merge :${parents[1]}\n`);
    for (const [file, text] of updates) {
      chunks.push(`M 100644 inline ${file}\n`);
      data(text);
    }
    chunks.push('\n');
    refs.set(c.ref, state);
    if (c.tag) tagsAt.push({ name: c.tag, mark, tagger: c.author, time: c.commitTime });
    records.push({ mark, plan: c, parents });
  }
  for (const t of tagsAt) {
    chunks.push(`tag ${t.name}\nfrom :${t.mark}\ntagger ${ident(t.tagger, t.time + 10 * 60 * SECOND)}\n`);
    data(`Release ${t.name}\n`);
  }
  const marksFile = path.join(dir, '.git', 'demo-marks');
  git(['fast-import', '--quiet', `--export-marks=${marksFile}`], chunks.join(''));
  const shaByMark = new Map(
    fs.readFileSync(marksFile, 'utf8').trim().split('\n').map((line) => {
      const [m, sha] = line.split(' ');
      return [Number(m.slice(1)), sha];
    }),
  );
  fs.rmSync(marksFile);
  // Merged branches are deleted, as after a pull request.
  const merged = [...new Set(plan.map((c) => c.ref))].filter((r) => r !== 'main');
  if (merged.length > 0) git(['update-ref', '--stdin'], merged.map((r) => `delete refs/heads/${r}\n`).join(''));
  git(['reset', '-q', '--hard', 'main']);

  const commits = records.map(({ mark: m, plan: c, parents }) => ({
    sha: shaByMark.get(m),
    branch: c.ref,
    mainLine: c.ref === 'main',
    isMerge: parents.length > 1,
    parents: parents.map((p) => shaByMark.get(p)),
    kind: c.kind,
    // As recorded in the commit; `identity` is who it is (the canonical email), `bot` whose.
    author: c.author.name,
    authorEmail: c.author.email,
    identity: c.person.email,
    bot: c.author.bot === true,
    ...(c.straddles ? { straddles: c.straddles } : {}),
    authorDate: iso(c.authorTime),
    committerDate: iso(c.commitTime),
    subject: c.message.split('\n')[0],
    message: c.message,
  }));
  const byId = new Map(records.filter((r) => r.plan.id).map((r) => [r.plan.id, shaByMark.get(r.mark)]));
  if (tagNames.length !== tagsAt.length) throw new Error('tag bookkeeping is off');
  return {
    dir: path.resolve(dir),
    now: iso(nowMs),
    weeks,
    seed,
    team: TEAM.map(({ name, email }) => ({ name, email })),
    shallow: false,
    commits,
    tags: tagsAt.map((t) => ({ name: t.name, sha: shaByMark.get(t.mark) })),
    kpiJson: KPI_JSON,
    shaOf: (id) => byId.get(id),
  };
}

// ---------------------------------------------------------------- expectations

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The KPI values the extension must report for a demo repository, from the generator's
 * facts alone (docs/metrics.md: commit frequency rounded to 2 decimals, turnaround to 1).
 * `met` says whether the target is met; how far off an unmet KPI is (at risk or off
 * track) is the extension's business. Not for shallow clones, whose values are partial.
 */
export function expectedKpis(facts, { kpiText = facts.kpiJson } = {}) {
  if (facts.shallow) throw new Error('expectedKpis: a shallow clone holds only part of the facts');
  const now = Date.parse(facts.now);
  const bySha = new Map(facts.commits.map((c) => [c.sha, c]));
  const result = [];
  for (const objective of kpiConfig(kpiText).objectives) {
    for (const kpi of objective.kpis) {
      const window = windowAt(kpi.window ?? '4w', now);
      let value = null;
      let commits = [];
      let samples = [];
      if (kpi.metric === 'commitFrequency') {
        const counted = facts.commits.filter((c) => !c.bot && !c.isMerge && window.contains(Date.parse(c.authorDate)));
        commits = counted.map((c) => c.sha);
        value = round(counted.length / (window.days / 7), 2);
        samples = counted.map(() => 1);
      } else if (kpi.metric === 'bugFixTurnaround') {
        // A fix lands with its last commit on the main line (a merge, or the closing commit).
        const landing = (b) => bySha.get(b.commits.at(-1));
        const counted = facts.bugFixes.filter((b) => landing(b).mainLine && window.contains(Date.parse(landing(b).committerDate)));
        samples = counted.map((b) => b.hours);
        const m = median(samples);
        value = m === null ? null : round(m, 1);
        commits = counted.flatMap((b) => b.commits);
      }
      const t = kpi.target;
      const met = value === null || !t ? null : t.direction === 'atLeast' ? value >= t.value : t.direction === 'atMost' ? value <= t.value : null;
      const windowRange = { start: iso(window.start), end: iso(window.end) };
      result.push({ objective: objective.name, id: kpi.id, name: kpi.name, metric: kpi.metric, unit: kpi.unit ?? '', target: t, window: kpi.window, windowRange, value, met, sampleCount: samples.length, commits });
    }
  }
  return result;
}

/**
 * The data-quality notes the extension must report, from the facts: their codes (sorted)
 * and the numbers the notes state. What each code means:
 *   bots          commits whose author is a bot (Dependabot here) were left out;
 *   identities    recorded author identities that belong to one person (.mailmap);
 *   noReleaseTags no tag matches the release pattern (kpi.json's default "v*");
 *   shallow       a shallow clone; futureDated: dates after now; empty: no commits;
 *   squash        none of the last 50 main-line changes is a merge, there are at least 5,
 *                 and at least 30% of their subjects end with "(#N)".
 * `detached` never applies: the demo and its clones have `main` checked out.
 */
export function expectedDataQuality(facts) {
  const now = Date.parse(facts.now);
  const people = facts.commits.filter((c) => !c.bot);
  const recordedIdentities = new Set(people.map((c) => `${c.author}\0${c.authorEmail}`.toLowerCase()));
  const persons = new Set(people.map((c) => c.identity.toLowerCase()));
  const botCommits = facts.commits.length - people.length;
  const mainLine = facts.commits.filter((c) => c.mainLine).sort((a, b) => Date.parse(b.committerDate) - Date.parse(a.committerDate));
  const recent = mainLine.slice(0, 50);
  const squash = recent.length >= 5 && !recent.some((c) => c.isMerge) && recent.filter((c) => /\(#\d+\)\s*$/.test(c.subject)).length >= recent.length * 0.3;
  const quality = {
    empty: facts.commits.length === 0,
    shallow: facts.shallow === true,
    detached: false,
    bots: botCommits > 0,
    identities: recordedIdentities.size > persons.size,
    squash,
    noReleaseTags: facts.commits.length > 0 && !facts.tags.some((t) => RELEASE_TAGS.test(t.name)),
    futureDated: facts.commits.some((c) => Date.parse(c.authorDate) > now || Date.parse(c.committerDate) > now),
  };
  return {
    codes: Object.keys(quality).filter((k) => quality[k]).sort(),
    botCommits,
    botPercent: facts.commits.length === 0 ? 0 : Math.round((botCommits / facts.commits.length) * 100),
    identitiesMerged: recordedIdentities.size - persons.size,
    releaseTags: facts.tags.filter((t) => RELEASE_TAGS.test(t.name)).length,
  };
}

/**
 * `git clone --depth <depth>` of a demo repository into `dir`, as CI systems make them.
 * Returns the facts cut down to what the clone holds (asked of git: which commits and tags
 * arrived), with `shallow: true`; bug fixes are left out, as their stories may be cut.
 */
export function shallowClone(facts, dir, depth = 5) {
  const env = { ...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  const run = (args, cwd) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  run(['clone', '--quiet', '--depth', String(depth), '--branch', 'main', pathToFileURL(facts.dir).href, path.resolve(dir)]);
  const present = new Set(run(['rev-list', 'HEAD'], dir).trim().split('\n'));
  const tagNames = new Set(run(['tag', '--list'], dir).trim().split('\n').filter(Boolean));
  return {
    ...facts,
    dir: path.resolve(dir),
    shallow: true,
    depth,
    commits: facts.commits.filter((c) => present.has(c.sha)),
    tags: facts.tags.filter((t) => tagNames.has(t.name) && present.has(t.sha)),
    bugFixes: undefined,
  };
}

/** Overwrite kpi.json with a syntax error; `restore()` puts the previous text back. */
export function createBrokenKpiJson(dir) {
  const file = path.join(dir, 'kpi.json');
  const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : KPI_JSON;
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
  console.log(`${facts.commits.length} commits (${facts.commits.filter((c) => c.isMerge).length} merges), ${facts.bugFixes.length} bug fixes, tags ${facts.tags.map((x) => x.name).join(' ')} in ${ms} ms`);
  for (const k of expectedKpis(facts)) {
    console.log(`${k.name}: ${k.value} ${k.unit} from ${k.sampleCount} samples in [${k.windowRange.start}, ${k.windowRange.end}) (target met: ${k.met})`);
  }
  const q = expectedDataQuality(facts);
  console.log(`data quality: ${q.codes.join(', ') || 'none'} (${q.botCommits} bot commits, ${q.botPercent}%; ${q.identitiesMerged} identities merged; ${q.releaseTags} release tags)`);
}
