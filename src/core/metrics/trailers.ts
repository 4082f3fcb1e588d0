// Commit-message trailers (the last paragraph's "Key: value" lines).
import type { Commit } from '../history';
import { memo } from './memo';

export interface Trailer {
  readonly key: string;
  readonly value: string;
}

const MAX_TRAILER_BLOCK = 16 * 1024;
const TRAILER_LINE = /^([A-Za-z][A-Za-z0-9-]{0,63}):[ \t]*(\S.{0,1000})$/;

/** Trailers of the message's last paragraph, when every line of it is a trailer (git's rule, simplified). */
export function trailersOf(message: string): Trailer[] {
  // trimEnd is linear; a /\s+$/ replace is quadratic on a long run of spaces before a letter.
  const trimmed = message.trimEnd();
  const cut = trimmed.lastIndexOf('\n\n');
  if (cut < 0) return []; // a subject alone has no trailers
  const block = trimmed.slice(cut + 2);
  if (block.length > MAX_TRAILER_BLOCK) return [];
  const out: Trailer[] = [];
  for (const line of block.split('\n')) {
    const m = TRAILER_LINE.exec(line.trimEnd());
    if (!m) return [];
    out.push({ key: m[1]!.toLowerCase(), value: m[2]! });
  }
  return out;
}

/** "Name <email>" → its parts; a bare value is taken as a name. */
export function parsePerson(value: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^<>\s]{1,320})>\s*$/.exec(value);
  return m ? { name: m[1]!.trim(), email: m[2]!.toLowerCase() } : { name: value.trim(), email: '' };
}

/** trailersOf a commit's message, parsed once per commit. */
export const commitTrailers = memo((c: Commit): readonly Trailer[] => trailersOf(c.message));

/** The people a commit's Co-authored-by trailers name (once per commit). */
export const commitCoAuthors = memo((c: Commit) => peopleIn(commitTrailers(c), ['co-authored-by']));

/** The people a commit's Reviewed-by and Co-authored-by trailers name (once per commit). */
export const commitReviewers = memo((c: Commit) => peopleIn(commitTrailers(c), ['reviewed-by', 'co-authored-by']));

function peopleIn(trailers: readonly Trailer[], keys: readonly string[]): { name: string; email: string }[] {
  return trailers.filter((t) => keys.includes(t.key)).map((t) => parsePerson(t.value));
}

export function coAuthors(message: string): { name: string; email: string }[] {
  return trailersOf(message)
    .filter((t) => t.key === 'co-authored-by')
    .map((t) => parsePerson(t.value));
}

export function hasReviewTrailer(message: string): boolean {
  return trailersOf(message).some((t) => t.key === 'reviewed-by' || t.key === 'co-authored-by');
}

/** The people a message's Reviewed-by and Co-authored-by trailers name. */
export function reviewers(message: string): { name: string; email: string }[] {
  return trailersOf(message)
    .filter((t) => t.key === 'reviewed-by' || t.key === 'co-authored-by')
    .map((t) => parsePerson(t.value));
}
