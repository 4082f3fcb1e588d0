// Our own `git log` format and its streaming parser.
//
// Every field is separated by NUL (%x00), the one byte a commit message cannot hold (git
// refuses it), and `-z` makes numstat NUL-terminated with raw (unquoted) paths. Each record
// opens with a marker token. The header is consumed positionally (a fixed number of
// fields), so no field content, however hostile, can be mistaken for a record boundary.
import type { Commit, FileChange } from '../core/history';

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
const LOG_FORMAT = `--format=%x1e%x00${FIELDS.map(([, p]) => p).join('%x00')}%x00`;

/** The argv of the one history read: no textconv, no external diff, no signatures. */
export function logArgs(revision: string, exclude?: string): string[] {
  for (const id of exclude === undefined ? [revision] : [revision, exclude]) {
    if (!isCommitId(id)) throw new Error('logArgs takes resolved commit ids only');
  }
  return [
    'log',
    '-z',
    LOG_FORMAT,
    '--numstat',
    '--find-renames',
    '--no-ext-diff',
    '--no-textconv',
    '--no-show-signature',
    '--no-color',
    '--end-of-options',
    revision,
    ...(exclude === undefined ? [] : [`^${exclude}`]),
    '--',
  ];
}

/** A full SHA-1 or SHA-256 object id in lower-case hex. */
export function isCommitId(s: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(s);
}

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

/** Incremental parser: feed stdout chunks, collect finished commits. */
export class LogParser {
  private pending: Buffer[] = [];
  private state: State = { kind: 'seek' };
  private draft: Draft | undefined;
  private readonly out: Commit[] = [];

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

  /** Finishes the stream and returns every commit parsed, in git's order. */
  end(): Commit[] {
    if (this.pending.length > 0) {
      const rest = decoder.decode(Buffer.concat(this.pending));
      this.pending = [];
      if (rest.length > 0) this.token(rest);
    }
    this.finish();
    return this.out;
  }

  /** Commits completed so far (the last one may still be receiving files). */
  get count(): number {
    return this.out.length;
  }

  private token(t: string): void {
    const s = this.state;
    switch (s.kind) {
      case 'header':
        s.fields.push(t);
        if (s.fields.length === FIELDS.length) {
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
    if (!d) return;
    const f = Object.fromEntries(FIELDS.map(([name], i) => [name, d.header[i] ?? ''])) as Record<(typeof FIELDS)[number][0], string>;
    this.out.push({
      hash: f.hash,
      parents: f.parents === '' ? [] : f.parents.split(' '),
      authorName: f.authorName,
      authorEmail: f.authorEmail,
      authorNameRaw: f.authorNameRaw,
      authorEmailRaw: f.authorEmailRaw,
      authorTime: Number(f.authorTime) * 1000,
      committerName: f.committerName,
      committerEmail: f.committerEmail,
      commitTime: Number(f.commitTime) * 1000,
      message: f.message,
      files: d.files,
    });
  }
}
