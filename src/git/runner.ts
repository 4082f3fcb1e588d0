// The one way git is run: fixed safety flags, a clean environment with LC_ALL=C, an idle
// timeout, cancellation that kills the child, and stdout streamed to the caller.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

import { GitError } from './errors';

export { GitError, type GitErrorKind } from './errors';

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Called with each stdout chunk as it arrives; run() then resolves with '' (nothing is kept). */
  readonly onStdout?: (chunk: Buffer) => void;
}

export interface RunnerOptions {
  readonly gitPath?: string;
  /** Kill git when it prints nothing for this long. */
  readonly timeoutMs?: number;
}

const MIN_GIT_VERSION: readonly [number, number] = [2, 24];

/**
 * Configuration that must not come from the repository. `core.fsmonitor` and `diff.external`
 * cannot be set here (simple-git refuses both without an unsafe option, even to empty
 * values). fsmonitor is never consulted because we run no command that refreshes the index
 * (no `status`, no `diff` against the work tree) and pass `--no-optional-locks`; external
 * diff drivers are off through `--no-ext-diff` on the log (see logArgs).
 */
const SAFE_CONFIG = [
  'log.showSignature=false',
  'color.ui=false',
  'core.quotepath=false',
  'log.mailmap=true',
  // Messages and names as UTF-8 whatever the repository or the user configured: the parser
  // reads UTF-8, and an i18n.logOutputEncoding of Latin-1 would change names and matches.
  'i18n.logOutputEncoding=UTF-8',
];

/** PATH without relative entries ('', '.', 'bin'): those name folders inside the repository. */
function absolutePath(value: string | undefined): string[] {
  return (value ?? '').split(delimiter).filter((p) => p !== '' && isAbsolute(p));
}

/** Only what git needs to find itself and the user's global config. */
function cleanEnv(): Record<string, string> {
  // No transport, ever: in a partial clone a diff would otherwise fetch missing objects on
  // demand through the repository's own uploadpack or sshCommand. GIT_ALLOW_PROTOCOL empty
  // allows no protocol (simple-git refuses `-c protocol.allow`, and the environment wins over
  // any configuration), and newer git's GIT_NO_LAZY_FETCH refuses on-demand fetches outright.
  const env: Record<string, string> = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: '', GIT_NO_LAZY_FETCH: '1' };
  for (const key of ['HOME', 'USERPROFILE', 'SystemRoot', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME']) {
    const v = process.env[key];
    if (v !== undefined) env[key] = v;
  }
  env['PATH'] = absolutePath(process.env['PATH']).join(delimiter);
  return env;
}

/**
 * git's absolute path, found on the absolute entries of PATH. git is never started by a bare
 * name: on Windows a `git.exe` in the working folder would run first, and a relative PATH
 * entry would find one in the repository on any system.
 */
export function resolveGit(configured?: string): string | undefined {
  if (configured !== undefined) return isAbsolute(configured) ? configured : undefined;
  const names = process.platform === 'win32' ? ['git.exe', 'git.cmd'] : ['git'];
  for (const dir of absolutePath(process.env['PATH'])) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        if (statSync(candidate).isFile()) {
          accessSync(candidate, constants.X_OK);
          return candidate;
        }
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

const MISSING = 'Git was not found. Install git 2.24 or later and make sure it is on the PATH.';

export class GitRunner {
  private version: Promise<[number, number, number]> | undefined;
  private binary: string | undefined;

  constructor(
    readonly cwd: string,
    private readonly options: RunnerOptions = {},
  ) {}

  /** The installed git's version; throws a GitError when git is missing or too old. */
  checkVersion(signal?: AbortSignal): Promise<[number, number, number]> {
    this.version ??= this.exec(['version'], signal === undefined ? {} : { signal }).then((out) => {
      const m = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(out);
      if (!m) throw new GitError('failed', `Could not read git's version from "${out.trim().slice(0, 80)}".`);
      const v: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
      const [major, minor] = MIN_GIT_VERSION;
      if (v[0] < major || (v[0] === major && v[1] < minor)) {
        throw new GitError('tooOld', `Git ${v.join('.')} is too old: Engineering KPIs needs git ${major}.${minor} or later.`);
      }
      return v;
    });
    // A failed check (git missing, a cancelled call) is asked again next time, not remembered.
    this.version.catch(() => {
      this.version = undefined;
    });
    return this.version;
  }

  /** Runs `git <args>` in `cwd` after checking the version; resolves with stdout. */
  async run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    await this.checkVersion(opts.signal);
    return this.exec(args, opts);
  }

  /** Display form of an invocation, for provenance. */
  static display(args: readonly string[]): string {
    return ['git', ...args.map((a) => (/^[\w./=:@%-]+$/.test(a) ? a : JSON.stringify(a)))].join(' ');
  }

  private async exec(args: readonly string[], opts: RunOptions): Promise<string> {
    if (opts.signal?.aborted) throw new GitError('cancelled', 'Cancelled.');
    this.binary ??= resolveGit(this.options.gitPath);
    if (this.binary === undefined) throw new GitError('missing', MISSING);
    const git: SimpleGit = simpleGit({
      baseDir: this.cwd,
      binary: this.binary,
      maxConcurrentProcesses: 2,
      config: SAFE_CONFIG,
      timeout: { block: this.options.timeoutMs ?? 120_000 },
      ...(opts.signal ? { abort: opts.signal } : {}),
      // simple-git resolves a non-zero exit when stderr is empty (`symbolic-ref --quiet`,
      // `merge-base --is-ancestor`, `rev-parse --verify --quiet`): every non-zero exit rejects.
      errors: (error, result) => error ?? (result.exitCode !== 0 ? new Error(`git exited with status ${result.exitCode}`) : undefined),
    }).env(cleanEnv());
    const onStdout = opts.onStdout;
    if (onStdout) {
      git.outputHandler((_cmd, stdout) => {
        // simple-git keeps every stdout chunk until git exits, so memory would grow with
        // git's output (hundreds of MB for a big history). A streamed read takes the stream
        // instead: its own collector (the only 'data' listener at this point; its timeout
        // plugin listens later) is removed, and only the parser sees the bytes.
        stdout.removeAllListeners('data');
        stdout.on('data', (b: Buffer) => onStdout(b));
      });
    }
    try {
      return await git.raw(['--no-optional-locks', ...args]);
    } catch (e) {
      throw toGitError(e, opts.signal);
    }
  }
}

function toGitError(e: unknown, signal: AbortSignal | undefined): GitError {
  if (e instanceof GitError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (signal?.aborted) return new GitError('cancelled', 'Cancelled.');
  if (/ENOENT/.test(msg) && /spawn/.test(msg)) {
    return new GitError('missing', MISSING);
  }
  if (/not a git repository/i.test(msg)) {
    return new GitError('notRepository', 'This folder is not a git repository. Run `git init`, or open the repository folder.');
  }
  if (/dubious ownership|unsafe repository/i.test(msg)) {
    return new GitError(
      'failed',
      'Git refuses to read this repository because another user owns it. If you trust it, add it with `git config --global --add safe.directory <path>`.',
    );
  }
  if (/timed? ?out|block timeout/i.test(msg)) return new GitError('timeout', 'Git stopped answering and was stopped.');
  return new GitError('failed', `Git failed: ${msg.trim().split('\n')[0]?.slice(0, 300) ?? ''}`);
}
