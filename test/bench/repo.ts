// A generated repository that costs per commit what real projects cost: thousands of files
// of realistic size in nested folders, commits that change one to three of them, topic
// branches merged by a maintainer, realistic messages with trailers, release tags. It is
// streamed into `git fast-import` with back-pressure, so 300,000 commits need no more
// memory than 3,000.
import { execFileSync, spawn } from 'node:child_process';

const env = { ...process.env, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** A small deterministic generator, so that a size always gives the same repository. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = ['core', 'net', 'ui', 'storage', 'auth', 'search', 'sync', 'api', 'build', 'docs'];
const WORDS = ['buffer', 'parser', 'cache', 'index', 'session', 'token', 'stream', 'queue', 'config', 'render', 'socket', 'schema'];
const PEOPLE = [
  'Ada Lovelace <ada@example.com>',
  'Grace Hopper <grace@example.com>',
  'Linus Torvalds <linus@example.com>',
  'Margaret Hamilton <margaret@example.com>',
  'Ken Thompson <ken@example.com>',
  'Barbara Liskov <barbara@example.com>',
  'Dennis Ritchie <dennis@example.com>',
  'Frances Allen <frances@example.com>',
];
const BOT = 'dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>';

/** 40 top-level folders × 10 subfolders × 10 files: 4,000 paths three levels deep. */
function paths(): string[] {
  const out: string[] = [];
  for (let a = 0; a < 40; a++) {
    for (let b = 0; b < 10; b++) {
      for (let c = 0; c < 10; c++) out.push(`src/${AREAS[a % AREAS.length]}${a}/${WORDS[b % WORDS.length]}${b}/file${c}.c`);
    }
  }
  return out;
}

/** A source file of about `lines` lines of code-like text; `version` changes a few of them. */
function fileText(path: string, lines: number, version: number): string {
  const out: string[] = [`/* ${path} */`, '#include "common.h"', ''];
  const changed = version % lines;
  for (let i = 0; i < lines; i++) {
    const v = i === changed || i === (changed * 7) % lines ? version : 0;
    out.push(
      `static int ${WORDS[i % WORDS.length]}_${i}(struct ctx *c, int n) { return c->${WORDS[(i * 5) % WORDS.length]}[n % ${i + 3}] + ${v}; }`,
    );
  }
  return `${out.join('\n')}\n`;
}

function message(rnd: () => number, i: number, kind: 'fix' | 'feat' | 'chore'): string {
  const area = AREAS[Math.floor(rnd() * AREAS.length)]!;
  const word = WORDS[Math.floor(rnd() * WORDS.length)]!;
  const subject =
    kind === 'fix'
      ? `${area}: fix ${word} leak when the ${WORDS[i % WORDS.length]} is closed early${rnd() < 0.5 ? ` (fixes #${1000 + (i % 9000)})` : ''}`
      : kind === 'feat'
        ? `${area}: teach ${word} to reuse the ${WORDS[(i * 3) % WORDS.length]} between calls`
        : `${area}: tidy up ${word} handling`;
  const body = Array.from(
    { length: 2 + Math.floor(rnd() * 6) },
    () =>
      `The ${word} code path ${WORDS[Math.floor(rnd() * WORDS.length)]}s more than it needs to; keep it to one pass and say why in a comment.`,
  );
  const trailers = [
    `Signed-off-by: ${PEOPLE[i % PEOPLE.length]}`,
    ...(rnd() < 0.4 ? [`Reviewed-by: ${PEOPLE[(i + 3) % PEOPLE.length]}`] : []),
  ];
  return `${subject}\n\n${body.join('\n')}\n\n${trailers.join('\n')}\n`;
}

export interface BenchRepo {
  readonly commits: number;
  /** The epoch ms of the newest commit: reports are evaluated just after it. */
  readonly newest: number;
}

/** Writes a repository of about `commits` commits (merges included) into `dir`, ending at `end`. */
export async function makeRepo(dir: string, commits: number, end = Date.UTC(2026, 5, 10)): Promise<BenchRepo> {
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env });
  const rnd = random(commits);
  const all = paths();
  const sizes = all.map(() => 60 + Math.floor(rnd() * 240)); // 60–300 lines: 5–30 KB
  const versions = all.map(() => 0);
  // About 1.5 commits an hour for a large project: the history spans commits / 36 days.
  const span = Math.round((commits / 36) * 86_400_000);
  const start = end - span;
  const step = span / commits;
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: dir, env, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited with ${code}`))));
  });
  const write = async (text: string): Promise<void> => {
    if (!child.stdin.write(text)) await new Promise((r) => child.stdin.once('drain', r));
  };
  const data = (s: string): string => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const modify = (k: number): string => {
    versions[k]!++;
    return `M 100644 inline ${all[k]}\n${data(fileText(all[k]!, sizes[k]!, versions[k]!))}`;
  };
  // The first commit holds the whole tree.
  let mark = 1;
  let made = 1;
  const first = [`commit refs/heads/main\nmark :1\ncommitter ${PEOPLE[0]} ${Math.floor(start / 1000)} +0000\n${data('Initial import\n')}`];
  for (let k = 0; k < all.length; k++) first.push(`M 100644 inline ${all[k]}\n${data(fileText(all[k]!, sizes[k]!, 0))}`);
  await write(first.join(''));
  let mainTip = 1;
  let t = start;
  const changes = (): string => {
    const n = 1 + Math.floor(rnd() * 3);
    const out: string[] = [];
    for (let j = 0; j < n; j++) out.push(modify(Math.floor(rnd() * all.length)));
    return out.join('');
  };
  const kindOf = (): 'fix' | 'feat' | 'chore' => (rnd() < 0.3 ? 'fix' : rnd() < 0.6 ? 'feat' : 'chore');
  while (made < commits) {
    if (rnd() < 0.12 && made + 4 <= commits) {
      // A topic branch of three commits written over the days before the maintainer merges it.
      const topicStart = mainTip;
      const who = PEOPLE[Math.floor(rnd() * PEOPLE.length)]!;
      let parent = topicStart;
      for (let j = 0; j < 3; j++) {
        const at = Math.floor((t - (3 - j) * 86_400_000 * (1 + rnd() * 3)) / 1000);
        mark++;
        await write(
          `commit refs/heads/topic\nmark :${mark}\nauthor ${who} ${at} +0000\ncommitter ${who} ${at} +0000\n${data(message(rnd, made, kindOf()))}from :${parent}\n${changes()}`,
        );
        parent = mark;
        made++;
      }
      t += step;
      mark++;
      await write(
        `commit refs/heads/main\nmark :${mark}\ncommitter ${PEOPLE[0]} ${Math.floor(t / 1000)} +0000\n${data(`Merge branch 'topic-${mark}'\n`)}from :${mainTip}\nmerge :${parent}\n`,
      );
      mainTip = mark;
      made++;
    } else {
      t += step;
      mark++;
      const who = rnd() < 0.05 ? BOT : PEOPLE[Math.floor(rnd() * PEOPLE.length)]!;
      const at = Math.floor(t / 1000);
      await write(
        `commit refs/heads/main\nmark :${mark}\nauthor ${who} ${at - Math.floor(rnd() * 7200)} +0000\ncommitter ${who} ${at} +0000\n${data(message(rnd, made, kindOf()))}from :${mainTip}\n${changes()}`,
      );
      mainTip = mark;
      made++;
      if (made % 900 === 0)
        await write(`tag v${Math.floor(made / 900)}.0.0\nfrom :${mark}\ntagger ${PEOPLE[0]} ${at} +0000\n${data('release\n')}`);
    }
  }
  await write('done\n');
  child.stdin.end();
  await done;
  execFileSync('git', ['reset', '-q', '--hard', 'main'], { cwd: dir, env });
  execFileSync('git', ['branch', '-q', '-D', 'topic'], { cwd: dir, env, stdio: 'ignore' });
  return { commits: made, newest: t };
}

/** One more commit on main that changes a file, dated `at`. */
export function addCommit(dir: string, at: number): void {
  const e = { ...env, GIT_AUTHOR_DATE: `${Math.floor(at / 1000)} +0000`, GIT_COMMITTER_DATE: `${Math.floor(at / 1000)} +0000` };
  execFileSync('sh', ['-c', 'echo "/* one more line */" >> README.bench && git add README.bench'], { cwd: dir, env: e });
  execFileSync(
    'git',
    ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--no-verify', '-m', 'fix: one more change'],
    {
      cwd: dir,
      env: e,
    },
  );
}
