// For UI suites that put their own `git` on a server's PATH (a logging or a stalling
// wrapper): where the real git is, so that the wrapper can hand over to it.
import fs from 'node:fs';
import path from 'node:path';

/** The first `git` on PATH that is an executable file (the real one, before any wrapper). */
export function realGit() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'git');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('git is not on PATH');
}

/** A shell-quoted string. */
export function shellQuote(s) {
  return `'${s.replaceAll("'", "'\\''")}'`;
}
