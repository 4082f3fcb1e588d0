// Where a folder's git state lives, found as git finds it, so that the extension can watch
// the head of a workspace that is a subfolder of a repository or a `git worktree`: there
// `.git` is not in the folder, or is a file ("gitdir: …") naming a folder whose `commondir`
// holds the shared refs. File system only: no git runs before a view needs values.
import { lstat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { RepoFileError, readRepoFile } from './repoFiles';

export interface GitDirs {
  /** The repository or worktree folder that holds the `.git` git found. */
  readonly top: string;
  /** The git directory of this work tree: its own HEAD (`.git`, or `.git/worktrees/<name>`). */
  readonly gitDir: string;
  /** The directory shared by every worktree: refs, packed-refs. Equal to gitDir outside worktrees. */
  readonly commonDir: string;
}

/** `.git` files and `commondir` hold one short path. */
const POINTER_LIMIT = 4096;

/** The git directories of `folder` or of the nearest folder above it with a `.git`; undefined when there is none. */
export async function findGitDirs(folder: string): Promise<GitDirs | undefined> {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const st = await lstat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return { top: dir, gitDir: dotGit, commonDir: await commonDirOf(dotGit) };
    if (st?.isFile()) {
      const target = await pointer(dir, '.git', /^gitdir: (.+)$/);
      if (target === undefined) return undefined; // git would stop here too ("invalid gitfile")
      const gitDir = resolve(dir, target);
      return { top: dir, gitDir, commonDir: await commonDirOf(gitDir) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

async function commonDirOf(gitDir: string): Promise<string> {
  const target = await pointer(gitDir, 'commondir', /^(.+)$/);
  return target === undefined ? gitDir : isAbsolute(target) ? target : resolve(gitDir, target);
}

/** The first line of a small pointer file, matched; undefined when absent, refused or malformed. */
async function pointer(folder: string, name: string, shape: RegExp): Promise<string | undefined> {
  try {
    const bytes = await readRepoFile(folder, name, POINTER_LIMIT);
    if (bytes === undefined) return undefined;
    const line = new TextDecoder().decode(bytes).split(/\r?\n/)[0] ?? '';
    return shape.exec(line.trim())?.[1]?.trim();
  } catch (e) {
    if (e instanceof RepoFileError) return undefined;
    throw e;
  }
}
