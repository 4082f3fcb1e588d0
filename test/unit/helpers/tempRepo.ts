// Real temporary git repositories for unit tests: fixed identities and dates, no global
// config, and removal after the suite. Git is never mocked.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** An environment for the tests' own git calls: no user, system or GIT_* settings leak in. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_') && v !== undefined) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C', ...extra };
}

export function gitIn(cwd: string, args: readonly string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): string {
  return gitBuffer(cwd, args, opts).toString('utf8');
}

export function gitBuffer(
  cwd: string,
  args: readonly string[],
  opts: { input?: string | Buffer; env?: Record<string, string> } = {},
): Buffer {
  return execFileSync('git', args, {
    cwd,
    env: isolatedEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}

/** Dates for one commit; both default to `date`. ISO 8601 in UTC, e.g. 2024-03-01T12:00:00Z. */
/** A name and an address, in the shape commit() takes. */
export interface Person {
  readonly authorName: string;
  readonly authorEmail: string;
}

export interface CommitDates {
  readonly author?: string;
  readonly committer?: string;
}

export class TempRepo {
  private constructor(readonly dir: string) {}

  /** `git init -b main` with a local identity and signing off. */
  static init(dir: string): TempRepo {
    const repo = new TempRepo(dir);
    repo.git(['init', '-q', '-b', 'main']);
    repo.git(['config', 'user.name', 'Test Author']);
    repo.git(['config', 'user.email', 'author@example.com']);
    repo.git(['config', 'commit.gpgsign', 'false']);
    repo.git(['config', 'tag.gpgsign', 'false']);
    return repo;
  }

  git(args: readonly string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): string {
    return gitIn(this.dir, args, opts);
  }

  write(file: string, text: string): this {
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text, 'utf8');
    return this;
  }

  writeBinary(file: string, bytes: Uint8Array): this {
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
    return this;
  }

  remove(file: string): this {
    this.git(['rm', '-q', '--', file]);
    return this;
  }

  rename(from: string, to: string): this {
    fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    this.git(['mv', '--', from, to]);
    return this;
  }

  /** Stages everything and commits with fixed dates; returns the new commit id. */
  commit(
    message: string,
    date: string,
    opts: CommitDates & { allowEmpty?: boolean; authorName?: string; authorEmail?: string } = {},
  ): string {
    this.git(['add', '-A']);
    const args = ['commit', '-q', '--no-verify', '--cleanup=verbatim', '-m', message];
    if (opts.allowEmpty) args.push('--allow-empty');
    const env = this.dateEnv(date, opts, opts.authorName);
    this.git(args, { env: opts.authorEmail === undefined ? env : { ...env, GIT_AUTHOR_EMAIL: opts.authorEmail } });
    return this.head();
  }

  /** An empty commit (no file changes). */
  emptyCommit(message: string, date: string, opts: CommitDates = {}): string {
    return this.commit(message, date, { ...opts, allowEmpty: true });
  }

  branch(name: string, from?: string): this {
    this.git(from === undefined ? ['branch', name] : ['branch', name, from]);
    return this;
  }

  checkout(name: string): this {
    this.git(['checkout', '-q', name]);
    return this;
  }

  /** `git merge --no-ff` of `branch` into the checked-out branch, with fixed dates. */
  merge(branch: string, date: string, message?: string, opts: CommitDates = {}): string {
    const args = ['merge', '-q', '--no-ff', '--no-edit', '--no-verify'];
    if (message !== undefined) args.push('-m', message);
    args.push(branch);
    this.git(args, { env: this.dateEnv(date, opts) });
    return this.head();
  }

  /** `git merge --no-ff` of `branch` with `subject`, by the author and committer given, at `date`. */
  mergeAs(branch: string, subject: string, author: Person, committer: Person, date: string): string {
    this.git(['merge', '-q', '--no-ff', '-m', subject, branch], {
      env: {
        GIT_AUTHOR_NAME: author.authorName,
        GIT_AUTHOR_EMAIL: author.authorEmail,
        GIT_COMMITTER_NAME: committer.authorName,
        GIT_COMMITTER_EMAIL: committer.authorEmail,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
    return this.head();
  }

  tag(name: string, date: string, message?: string): this {
    const args = message === undefined ? ['tag', name] : ['tag', '-a', name, '-m', message];
    this.git(args, { env: this.dateEnv(date, {}) });
    return this;
  }

  /**
   * A commit made with `git commit-tree`, the message read from stdin verbatim (no cleanup).
   * Points the checked-out branch at it.
   */
  commitTree(
    message: string | Buffer,
    date: string,
    parents: readonly string[] = this.maybeHead(),
    env: Record<string, string> = {},
  ): string {
    const tree = parents.length > 0 ? `${parents[0]}^{tree}` : this.emptyTree();
    const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])];
    const hash = this.git(args, { input: message, env: { ...this.dateEnv(date, {}), ...env } }).trim();
    this.git(['update-ref', 'HEAD', hash]);
    return hash;
  }

  /** Writes a raw commit object (any bytes) with `hash-object` and points HEAD at it. */
  rawCommit(body: Buffer): string {
    const hash = this.git(['hash-object', '-t', 'commit', '-w', '--stdin'], { input: body }).trim();
    this.git(['update-ref', 'HEAD', hash]);
    return hash;
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  emptyTree(): string {
    return this.git(['hash-object', '-t', 'tree', '-w', '--stdin'], { input: '' }).trim();
  }

  private maybeHead(): string[] {
    try {
      return [this.git(['rev-parse', '--verify', '--quiet', 'HEAD']).trim()];
    } catch {
      return [];
    }
  }

  private dateEnv(date: string, opts: CommitDates, authorName?: string): Record<string, string> {
    return {
      GIT_AUTHOR_DATE: opts.author ?? date,
      GIT_COMMITTER_DATE: opts.committer ?? date,
      ...(authorName !== undefined ? { GIT_AUTHOR_NAME: authorName } : {}),
    };
  }
}

/**
 * Temporary folders for one suite. Call inside `describe`: registers an `after` hook that
 * removes every folder made through it.
 */
export function tempSpace(prefix = 'kpi-test-'): { dir(): string; repo(): TempRepo } {
  const made: string[] = [];
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  const dir = (): string => {
    const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
    made.push(d);
    return d;
  };
  return { dir, repo: () => TempRepo.init(dir()) };
}

/** Epoch milliseconds of an ISO date. */
export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad date ${iso}`);
  return t;
}
