// Commit-message trailers (the last paragraph's "Key: value" lines).
import type { Commit } from '../history';
import { memo } from './memo';

export interface Trailer {
  readonly key: string;
  readonly value: string;
}

/** A trailer block longer than this is not read (its trailers count as none). */
export const MAX_TRAILER_BLOCK = 16 * 1024;
/** The most people one commit's Co-authored-by and Reviewed-by trailers credit; the rest are not counted. */
export const MAX_TRAILER_PEOPLE = 50;
const TRAILER_LINE = /^([A-Za-z][A-Za-z0-9-]{0,63}):[ \t]*(\S.{0,1000})$/;
/** Trailers that name a second person who looked at the change: evidence of a review. */
const REVIEW_KEYS = ['reviewed-by', 'acked-by', 'tested-by'];
/** Every trailer that names a person: reviewers and co-authors (what the cap counts). */
const PEOPLE_KEYS = [...REVIEW_KEYS, 'co-authored-by'];

interface TrailerBlock {
  readonly trailers: Trailer[];
  /** The block was longer than MAX_TRAILER_BLOCK and was not read. */
  readonly oversized: boolean;
}

function readTrailers(message: string): TrailerBlock {
  const none = { trailers: [], oversized: false };
  // trimEnd is linear; a /\s+$/ replace is quadratic on a long run of spaces before a letter.
  const trimmed = message.trimEnd();
  const cut = trimmed.lastIndexOf('\n\n');
  if (cut < 0) return none; // a subject alone has no trailers
  const block = trimmed.slice(cut + 2);
  if (block.length > MAX_TRAILER_BLOCK) return { trailers: [], oversized: true };
  const out: Trailer[] = [];
  for (const line of block.split('\n')) {
    const m = TRAILER_LINE.exec(line.trimEnd());
    if (!m) return none;
    out.push({ key: m[1]!.toLowerCase(), value: m[2]! });
  }
  return { trailers: out, oversized: false };
}

/** Trailers of the message's last paragraph, when every line of it is a trailer (git's rule, simplified). */
export function trailersOf(message: string): Trailer[] {
  return readTrailers(message).trailers;
}

const commitTrailerBlock = memo((c: Commit): TrailerBlock => readTrailers(c.message));

/**
 * Whether some of the people a commit's trailers name are not counted: more than
 * MAX_TRAILER_PEOPLE of them, or a block too long to read. Data quality reports these.
 */
export function trailersCapped(c: Commit): boolean {
  // Fewer characters than that many shortest trailer lines cannot hold too many people.
  if (c.message.length < MAX_TRAILER_PEOPLE * 'Reviewed-by: x\n'.length) return false;
  const block = commitTrailerBlock(c);
  return block.oversized || block.trailers.filter((t) => PEOPLE_KEYS.includes(t.key)).length > MAX_TRAILER_PEOPLE;
}

/** "Name <email>" → its parts; a bare value is taken as a name. */
export function parsePerson(value: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^<>\s]{1,320})>\s*$/.exec(value);
  return m ? { name: m[1]!.trim(), email: m[2]!.toLowerCase() } : { name: value.trim(), email: '' };
}

/** trailersOf a commit's message, parsed once per commit. */
export const commitTrailers = (c: Commit): readonly Trailer[] => commitTrailerBlock(c).trailers;

/** The people a commit's Co-authored-by trailers name (once per commit). */
export const commitCoAuthors = memo((c: Commit) => peopleIn(commitTrailers(c), ['co-authored-by']));

/** The people a commit's Reviewed-by, Acked-by and Tested-by trailers name (once per commit). A co-author is not a reviewer. */
export const commitReviewers = memo((c: Commit) => peopleIn(commitTrailers(c), REVIEW_KEYS));

/** The first MAX_TRAILER_PEOPLE people the trailers of these keys name. */
function peopleIn(trailers: readonly Trailer[], keys: readonly string[]): { name: string; email: string }[] {
  return trailers
    .filter((t) => keys.includes(t.key))
    .slice(0, MAX_TRAILER_PEOPLE)
    .map((t) => parsePerson(t.value));
}

export function coAuthors(message: string): { name: string; email: string }[] {
  return peopleIn(trailersOf(message), ['co-authored-by']);
}

export function hasReviewTrailer(message: string): boolean {
  return trailersOf(message).some((t) => REVIEW_KEYS.includes(t.key));
}

/** The people a message's Reviewed-by, Acked-by and Tested-by trailers name. */
export function reviewers(message: string): { name: string; email: string }[] {
  return peopleIn(trailersOf(message), REVIEW_KEYS);
}
