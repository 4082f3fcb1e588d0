// The repository's own files that we read or write (kpi.json, .mailmap, .kpi/history.jsonl,
// .kpi/values.jsonl, and any added later) come from whoever wrote the repository. A committed
// symlink could point anywhere (~/.ssh, /dev/zero, a FIFO that never answers), so:
// - no path component inside the folder may be a symlink, and the file must be a regular file;
// - reads are bounded in size and cannot block on a device or a FIFO;
// - writes go to a temporary file in the same folder, then rename over the target, so a
//   symlink planted between our check and our write is replaced, never followed; the text
//   keeps the file's encoding and byte order mark.
// No `vscode` here: the extension, its worker and the CLI share it.
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { decodeText, encodeText } from '../core/text/encoding';
import type { FileProblem } from '../core/history';

export type RepoFileProblem = FileProblem['problem'];

export class RepoFileError extends Error {
  constructor(
    readonly problem: RepoFileProblem,
    /** The path inside the repository, with forward slashes. */
    readonly path: string,
    detail?: string,
  ) {
    super(describe(problem, path, detail));
    this.name = 'RepoFileError';
  }

  get file(): FileProblem {
    return { path: this.path, problem: this.problem };
  }
}

function describe(problem: RepoFileProblem, path: string, detail?: string): string {
  switch (problem) {
    case 'symlink':
      return `"${path}" in the repository is a symbolic link; it is neither read nor written.`;
    case 'notFile':
      return `"${path}" in the repository is not a regular file; it is neither read nor written.`;
    case 'notFolder':
      return `"${path}" in the repository is not a folder, so nothing can be kept in it.`;
    case 'tooLarge':
      return `"${path}" in the repository is larger than ${detail ?? 'the limit'}; it is not read.`;
    case 'unreadable':
      return `"${path}" in the repository cannot be read${detail ? ` (${detail})` : ''}.`;
  }
}

/** Size limits: generous for real files, small enough that a hostile one cannot exhaust memory. */
export const LIMITS = {
  kpiJson: 4 * 1024 * 1024,
  mailmap: 4 * 1024 * 1024,
  state: 64 * 1024 * 1024, // .kpi/*.jsonl grow over years of snapshots
  gitFile: 64 * 1024 * 1024, // .git/shallow and info/grafts, fingerprinted: 41 bytes per commit
} as const;

const NOFOLLOW = constants.O_NOFOLLOW ?? 0; // not on Windows, where the lstat checks remain
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Checks each folder of `relPath` below `folder` (creating them when `create`), then the file
 * itself; returns the absolute path and whether the file exists. `relPath` is ours (a
 * constant), never user input, and uses forward slashes.
 */
async function checked(folder: string, relPath: string, create: boolean): Promise<{ file: string; exists: boolean }> {
  const parts = relPath.split('/');
  let dir = folder;
  for (let i = 0; i < parts.length - 1; i++) {
    dir = join(dir, parts[i]!);
    const shown = parts.slice(0, i + 1).join('/');
    const st = await lstat(dir).catch((e: unknown) => {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined;
      throw new RepoFileError('unreadable', shown, code(e));
    });
    if (!st) {
      if (!create) return { file: join(folder, ...parts), exists: false };
      await mkdir(dir).catch((e: unknown) => {
        if (code(e) !== 'EEXIST') throw new RepoFileError('notFolder', shown, code(e));
      });
      const again = await lstat(dir);
      if (again.isSymbolicLink()) throw new RepoFileError('symlink', shown);
      if (!again.isDirectory()) throw new RepoFileError('notFolder', shown);
    } else if (st.isSymbolicLink()) throw new RepoFileError('symlink', shown);
    else if (!st.isDirectory()) throw new RepoFileError('notFolder', shown);
  }
  const file = join(dir, parts[parts.length - 1]!);
  const st = await lstat(file).catch((e: unknown) => {
    if (code(e) === 'ENOENT') return undefined;
    throw new RepoFileError('unreadable', relPath, code(e));
  });
  if (!st) return { file, exists: false };
  if (st.isSymbolicLink()) throw new RepoFileError('symlink', relPath);
  if (!st.isFile()) throw new RepoFileError('notFile', relPath);
  return { file, exists: true };
}

/**
 * The bytes of a regular file inside `folder`, or undefined when it does not exist. Throws a
 * RepoFileError for a symlink, a device, a FIFO, a folder or a file over `maxBytes`.
 */
export async function readRepoFile(folder: string, relPath: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const { file, exists } = await checked(folder, relPath, false);
  if (!exists) return undefined;
  return readBounded(file, relPath, maxBytes);
}

async function readBounded(file: string, relPath: string, maxBytes: number): Promise<Uint8Array> {
  // O_NOFOLLOW refuses a symlink swapped in after the check; O_NONBLOCK keeps a FIFO swapped
  // in from blocking the open; fstat then refuses anything but a regular file.
  const handle = await open(file, constants.O_RDONLY | NOFOLLOW | NONBLOCK).catch((e: unknown) => {
    throw new RepoFileError(code(e) === 'ELOOP' ? 'symlink' : 'unreadable', relPath, code(e));
  });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new RepoFileError('notFile', relPath);
    if (st.size > maxBytes) throw new RepoFileError('tooLarge', relPath, `${maxBytes} bytes`);
    const buffer = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new RepoFileError('tooLarge', relPath, `${maxBytes} bytes`);
      if (length === buffer.length) break; // grew while read: the bound holds
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The text of a repository file (its encoding detected from its BOM), or undefined. */
export async function readRepoText(folder: string, relPath: string, maxBytes: number): Promise<string | undefined> {
  const bytes = await readRepoFile(folder, relPath, maxBytes);
  return bytes === undefined ? undefined : decodeText(bytes).text;
}

/**
 * Replaces a regular file inside `folder` (creating it and its folders when needed) with
 * `update` of its current text, atomically, in the file's own encoding and byte order mark.
 */
export async function updateRepoText(
  folder: string,
  relPath: string,
  maxBytes: number,
  update: (current: string | undefined) => string,
): Promise<void> {
  const { file, exists } = await checked(folder, relPath, true);
  const before = exists ? decodeText(await readBounded(file, relPath, maxBytes)) : undefined;
  const bytes = encodeText(update(before?.text), before?.encoding ?? 'utf8');
  const mode = exists ? (await lstat(file)).mode & 0o777 : 0o644;
  await writeAtomically(file, bytes, mode);
}

/**
 * Writes `bytes` to `file` through a temporary file in the same folder and a rename, so a
 * symlink at `file` is replaced, not followed. Also for the CLI's `--out` (a path in a
 * checkout may be a committed symlink).
 */
export async function writeAtomically(file: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // `wx` (O_EXCL) never opens an existing file or a symlink planted at the temporary name.
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}
