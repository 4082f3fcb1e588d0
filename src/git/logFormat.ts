// Our own `git log` format and its streaming parser.
//
// Every field is separated by NUL (%x00), the one byte a commit message cannot hold (git
// refuses it), and `-z` makes numstat NUL-terminated with raw (unquoted) paths. Each record
// opens with a marker token. The header is consumed positionally (a fixed number of
// fields), so no field content, however hostile, can be mistaken for a record boundary.
import { isCommitId, type Commit, type FileChange } from '../core/history';

/** The field map: which placeholder fills which Commit property, in order. */
const FIELDS = [
  ['hash', '%H'],
  ['parents', '%P'],
  ['authorName', '%aN'],
  ['authorEmail', '%aE'],
  ['authorNameRaw', '%an'],
  ['authorEmailRaw', '%ae'],
  ['authorTime', '%at'],
  ['committerName', '%cN'],
  ['committerEmail', '%cE'],
  ['commitTime', '%ct'],
  ['message', '%B'],
] as const;

const MARKER = '\x1e';
const HEADER_FORMAT = `--format=%x1e%x00${FIELDS.map(([, p]) => p).join('%x00')}%x00`;
/**
 * The same fields without .mailmap (%aN → %an): for a work tree whose `.mailmap` we refused
 * (a FIFO there would block git's read forever; a symlink git ignores anyway).
 */
const HEADER_FORMAT_RAW = HEADER_FORMAT.replace(/%([ac])([NE])/g, (_, who: string, f: string) => `%${who}${f.toLowerCase()}`);
/** Line counts only: the commit id, then its numstat. */
const NUMSTAT_FORMAT = '--format=%x1e%x00%H%x00';
/** No textconv, no external diff, no signatures, no colour: git's own bytes, nothing run. */
const SAFE_LOG = ['--no-ext-diff', '--no-textconv', '--no-show-signature', '--no-color'];

/**
 * The argv of the history read: every commit's header and full message, no diffs (the least
 * work every metric needs). `exclude` reads only what is new since that commit; `mailmap:
 * false` keeps git from reading the work tree's `.mailmap`.
 */
export function headerLogArgs(revision: string, exclude?: string, options: { readonly mailmap?: boolean } = {}): string[] {
  for (const id of exclude === undefined ? [revision] : [revision, exclude]) {
    if (!isCommitId(id)) throw new Error('headerLogArgs takes resolved commit ids only');
  }
  // log.mailmap (on by default) would read .mailmap even for raw placeholders.
  const format = options.mailmap === false ? [HEADER_FORMAT_RAW, '--no-mailmap'] : [HEADER_FORMAT];
  return ['log', '-z', ...format, ...SAFE_LOG, '--end-of-options', revision, ...(exclude === undefined ? [] : [`^${exclude}`]), '--'];
}

/** The mailmap fingerprint of a `.mailmap` the probe refused (see reader.ts). */
export function isRefusedMailmap(fingerprint: string): boolean {
  return fingerprint.startsWith('refused:');
}

/**
 * The argv that reads line counts (numstat, renames found) of exactly these commits, each
 * against its first parent, in the order given. Ids only: they cannot become options.
 */
export function numstatArgs(ids: readonly string[]): string[] {
  if (ids.length === 0 || !ids.every(isCommitId)) throw new Error('numstatArgs takes resolved commit ids only');
  return ['log', '--no-walk=unsorted', '-z', NUMSTAT_FORMAT, '--numstat', '--find-renames', ...SAFE_LOG, '--end-of-options', ...ids, '--'];
}

/** The whole history with line counts in one pass: the reference a planned read must equal. */
export function fullLogArgs(revision: string): string[] {
  const args = headerLogArgs(revision);
  return [...args.slice(0, 3), '--numstat', '--find-renames', ...args.slice(3)];
}

export { isCommitId };

const decoder = new TextDecoder('utf-8', { fatal: false });
const NUMSTAT = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/;

type State =
  | { kind: 'seek' }
  | { kind: 'header'; fields: string[] }
  | { kind: 'files' }
  | { kind: 'renameFrom'; added: number | null; deleted: number | null }
  | { kind: 'renameTo'; added: number | null; deleted: number | null; from: string };

interface Draft {
  header: string[];
  files: FileChange[];
}

/**
 * Incremental parser of NUL-separated records: a marker, `fields` header fields, then
 * numstat entries. Subclasses turn each finished record into what they collect.
 */
abstract class RecordParser<T> {
  private pending: Buffer[] = [];
  private state: State = { kind: 'seek' };
  private draft: Draft | undefined;
  protected readonly out: T[] = [];

  constructor(private readonly fields: number) {}

  protected abstract record(header: readonly string[], files: FileChange[]): T;

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nul = chunk.indexOf(0, start);
      if (nul < 0) break;
      const piece = chunk.subarray(start, nul);
      const token = this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      this.token(decoder.decode(token));
      start = nul + 1;
    }
    if (start < chunk.length) this.pending.push(Buffer.from(chunk.subarray(start)));
  }

  /** Finishes the stream and returns every record parsed, in git's order. */
  end(): T[] {
    if (this.pending.length > 0) {
      const rest = decoder.decode(Buffer.concat(this.pending));
      this.pending = [];
      if (rest.length > 0) this.token(rest);
    }
    this.finish();
    return this.out;
  }

  /** Records completed so far (the last one may still be receiving files). */
  get count(): number {
    return this.out.length;
  }

  private token(t: string): void {
    const s = this.state;
    switch (s.kind) {
      case 'header':
        s.fields.push(t);
        if (s.fields.length === this.fields) {
          this.draft = { header: s.fields, files: [] };
          this.state = { kind: 'files' };
        }
        return;
      case 'renameFrom':
        this.state = { kind: 'renameTo', added: s.added, deleted: s.deleted, from: t };
        return;
      case 'renameTo':
        this.draft?.files.push({ path: t, oldPath: s.from, added: s.added, deleted: s.deleted });
        this.state = { kind: 'files' };
        return;
      case 'seek':
      case 'files': {
        const line = t.startsWith('\n') ? t.slice(1) : t;
        if (line === '') return;
        if (line === MARKER) {
          this.finish();
          this.state = { kind: 'header', fields: [] };
          return;
        }
        const m = s.kind === 'files' ? NUMSTAT.exec(line) : null;
        if (!m) return; // nothing else can appear here; ignore rather than guess
        const added = m[1] === '-' ? null : Number(m[1]);
        const deleted = m[2] === '-' ? null : Number(m[2]);
        const path = m[3] ?? '';
        if (path === '') this.state = { kind: 'renameFrom', added, deleted };
        else this.draft?.files.push({ path, added, deleted });
        return;
      }
    }
  }

  private finish(): void {
    const d = this.draft;
    this.draft = undefined;
    if (d) this.out.push(this.record(d.header, d.files));
  }
}

/** Parses the header log into commits; a full log (fullLogArgs) with `lineCounts` gives their files too. */
export class LogParser extends RecordParser<Commit> {
  constructor(private readonly lineCounts = false) {
    super(FIELDS.length);
  }

  /** One string per distinct name or email: a big history has thousands of people and 100,000s of commits. */
  private readonly people = new Map<string, string>();

  private person(s: string): string {
    const known = this.people.get(s);
    if (known !== undefined) return known;
    this.people.set(s, s);
    return s;
  }

  protected record(header: readonly string[], files: FileChange[]): Commit {
    const f = Object.fromEntries(FIELDS.map(([name], i) => [name, header[i] ?? ''])) as Record<(typeof FIELDS)[number][0], string>;
    return {
      hash: f.hash,
      parents: f.parents === '' ? [] : f.parents.split(' '),
      authorName: this.person(f.authorName),
      authorEmail: this.person(f.authorEmail),
      authorNameRaw: this.person(f.authorNameRaw),
      authorEmailRaw: this.person(f.authorEmailRaw),
      authorTime: Number(f.authorTime) * 1000,
      committerName: this.person(f.committerName),
      committerEmail: this.person(f.committerEmail),
      commitTime: Number(f.commitTime) * 1000,
      message: f.message,
      ...(this.lineCounts ? { files } : {}),
    };
  }
}

/** Parses a numstat read (numstatArgs) into each commit's line counts. */
export class NumstatParser extends RecordParser<{ readonly hash: string; readonly files: FileChange[] }> {
  constructor() {
    super(1);
  }

  protected record(header: readonly string[], files: FileChange[]): { hash: string; files: FileChange[] } {
    return { hash: header[0] ?? '', files };
  }
}
