// Git for the demo repository: write a planned history with `git fast-import` (explicit
// author and committer identities and dates, tags, merged branches deleted; one run, plus
// one more before each revert, whose message names the reverted commit's id) and
// return the facts of what was written; make shallow clones of it and cut the facts down
// to what a clone holds. Plans come from scripts/demo-repo.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TEAM } from './demo-content.mjs';

const SECOND = 1000;
const GIT_ENV = { LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
const iso = (ms) => new Date(ms).toISOString();

/**
 * `git fast-import` writes every commit with explicit author and committer dates. A plan
 * entry may say `revertOf: id` (its message's `{sha}` becomes that commit's id, known once
 * the commits before it are written) and `removes: { file: text }` (the text it takes out).
 */
export function writeRepository(dir, plan, tagNames, { nowMs, weeks, seed, kpiJson }) {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, '.git'))) throw new Error(`${dir} already holds a git repository`);
  const env = { ...process.env, ...GIT_ENV };
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
  const marksFile = path.join(dir, '.git', 'demo-marks');
  let shaByMark = new Map();
  /** Writes what is planned so far; later runs continue from the marks of earlier ones. */
  const flush = () => {
    if (chunks.length === 0) return;
    git(['fast-import', '--quiet', '--force', `--import-marks-if-exists=${marksFile}`, `--export-marks=${marksFile}`], chunks.join(''));
    chunks.length = 0;
    shaByMark = new Map(
      fs
        .readFileSync(marksFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [m, sha] = line.split(' ');
          return [Number(m.slice(1)), sha];
        }),
    );
  };
  const markById = new Map();
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
    for (const [file, text] of Object.entries(c.removes ?? {})) {
      const current = state.files.get(file) ?? '';
      const at = current.lastIndexOf(text);
      if (at < 0) throw new Error(`${file} does not hold the text to remove`);
      updates.set(file, current.slice(0, at) + current.slice(at + text.length));
    }
    let message = c.message;
    let reverts;
    if (c.revertOf) {
      flush();
      reverts = shaByMark.get(markById.get(c.revertOf));
      if (!reverts) throw new Error(`unknown commit to revert: ${c.revertOf}`);
      message = message.replace('{sha}', reverts);
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
    chunks.push(
      `commit refs/heads/${c.ref}\nmark :${mark}\nauthor ${ident(c.author, c.authorTime)}\ncommitter ${ident(c.committer, c.commitTime)}\n`,
    );
    data(`${message}\n`);
    if (parents[0]) chunks.push(`from :${parents[0]}\n`);
    if (parents[1]) chunks.push(`merge :${parents[1]}\n`);
    for (const [file, text] of updates) {
      chunks.push(`M 100644 inline ${file}\n`);
      data(text);
    }
    chunks.push('\n');
    refs.set(c.ref, state);
    if (c.tag) tagsAt.push({ name: c.tag, mark, tagger: c.author, time: c.commitTime });
    if (c.id) markById.set(c.id, mark);
    records.push({ mark, plan: c, parents, message, reverts });
  }
  for (const t of tagsAt) {
    chunks.push(`tag ${t.name}\nfrom :${t.mark}\ntagger ${ident(t.tagger, t.time + 10 * 60 * SECOND)}\n`);
    data(`Release ${t.name}\n`);
  }
  flush();
  fs.rmSync(marksFile);
  // Merged branches are deleted, as after a pull request.
  const merged = [...new Set(plan.map((c) => c.ref))].filter((r) => r !== 'main');
  if (merged.length > 0) git(['update-ref', '--stdin'], merged.map((r) => `delete refs/heads/${r}\n`).join(''));
  git(['reset', '-q', '--hard', 'main']);

  const commits = records.map(({ mark: m, plan: c, parents, message, reverts }) => ({
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
    // Who committed it: GitHub itself for pull requests merged on the web.
    committerEmail: c.committer.email,
    bot: c.author.bot === true,
    ...(c.straddles ? { straddles: c.straddles } : {}),
    authorDate: iso(c.authorTime),
    committerDate: iso(c.commitTime),
    subject: message.split('\n')[0],
    message,
    // The id of the commit this one reverts (its message says "This reverts commit <id>").
    ...(reverts ? { reverts } : {}),
    // A second person named in a trailer: { trailer: 'Reviewed-by' | 'Co-authored-by', email }.
    ...(c.reviewedBy ? { reviewedBy: c.reviewedBy } : {}),
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
    kpiJson,
    shaOf: (id) => byId.get(id),
  };
}

// ---------------------------------------------------------------- clones

/**
 * `git clone --depth <depth>` of a demo repository into `dir`, as CI systems make them.
 * Returns the facts cut down to what the clone holds (asked of git: which commits and tags
 * arrived), with `shallow: true`; bug fixes are left out, as their stories may be cut.
 */
export function shallowClone(facts, dir, depth = 5) {
  const env = { ...process.env, ...GIT_ENV };
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

/**
 * A `git worktree` of the demo repository at `dir` on its own branch, and a subfolder of it
 * holding a copy of kpi.json: a workspace where `.git` is neither in the folder nor a folder
 * (its HEAD lives in the repository's .git/worktrees/). Returns the facts with `dir` the
 * subfolder and `worktree` the worktree's top.
 */
export function worktreeSubfolder(facts, dir, sub = 'team') {
  const env = { ...process.env, ...GIT_ENV };
  const top = path.resolve(dir);
  fs.mkdirSync(path.dirname(top), { recursive: true });
  execFileSync('git', ['worktree', 'add', '--quiet', '-b', 'kpi-worktree', top], {
    cwd: facts.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const folder = path.join(top, sub);
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(path.join(facts.dir, 'kpi.json'), path.join(folder, 'kpi.json'));
  return { ...facts, dir: folder, worktree: top };
}
