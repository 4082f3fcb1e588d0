// The patterns users write in kpi.json (fix and bot patterns as regular expressions, path
// and tag globs) run on RE2's linear-time engine (re2js), so no pattern and no commit
// message can make matching take more than time proportional to the text. JavaScript's own
// engine backtracks: `(a|a)*$` takes exponential time there. Our built-in defaults are fixed
// and reviewed, and stay native for speed.
import { RE2JS } from 're2js';

/** What metrics need of a compiled pattern; a native RegExp is one too. */
export interface Pattern {
  readonly source: string;
  test(text: string): boolean;
}

export type Compiled = { readonly pattern: Pattern } | { readonly error: string };

/** Patterns longer than this are refused: kpi.json is hostile and RE2 compiles in their size. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * A user's regular expression with RE2 syntax, matched case-insensitively. Lookaround and
 * backreferences are not RE2 syntax and give an error (the extension and the CLI refuse the
 * pattern instead of running it on a backtracking engine).
 */
export function compileRegex(source: string): Compiled {
  if (source.length > MAX_PATTERN_LENGTH) return { error: `longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    return { pattern: { source, test: (text) => re.test(text) } };
  } catch (e) {
    return { error: (e as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

/** Every pattern that compiles; the others are kpi.json diagnostics, and match nothing here. */
export function compileRegexes(sources: readonly string[]): Pattern[] {
  return sources.flatMap((s) => {
    const c = compileRegex(s);
    return 'pattern' in c ? [c.pattern] : [];
  });
}

/**
 * A glob over slash-separated paths (or tag names): `*` and `?` within one segment, `**` as a
 * whole segment for any number of folders, `[abc]`, `[a-z]`, `[!a]` or `[^a]`, `{a,b}` (nested
 * too), and `\` to quote the next character. A glob without a slash matches the last segment
 * in any folder, as in .gitignore, unless `whole` is set (tag names: the glob matches the whole
 * name). The glob is translated to RE2 syntax, so it runs in linear time; its meaning is
 * picomatch's with `dot` and `posix` set (a property test checks they agree), except that a
 * trailing `/**` matches what is inside the folder, not the folder's own name, and `**` that is
 * not a whole segment is one `*`, both as in git.
 */
export function compileGlob(glob: string, options: { readonly whole?: boolean } = {}): Compiled {
  if (glob.length > MAX_PATTERN_LENGTH) return { error: `longer than ${MAX_PATTERN_LENGTH} characters` };
  const body = translate(glob);
  if ('error' in body) return body;
  const anchored = options.whole || glob.includes('/') ? `^${body.re}$` : `(?:^|/)${body.re}$`;
  const re = RE2JS.compile(anchored);
  return { pattern: { source: glob, test: (text) => re.test(text) } };
}

/** A glob that must compile (our own defaults); throws on a mistake in ours. */
export function glob(source: string, options: { readonly whole?: boolean } = {}): Pattern {
  const c = compileGlob(source, options);
  if ('error' in c) throw new Error(`glob "${source}": ${c.error}`);
  return c.pattern;
}

const RE2_SPECIAL = /[\\.+*?()|[\]{}^$]/g;

function literal(ch: string): string {
  return ch.replace(RE2_SPECIAL, '\\$&');
}

type Translated = { readonly re: string } | { readonly error: string };

function translate(glob: string): Translated {
  let re = '';
  let depth = 0; // open braces
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    const atSegmentStart = i === 0 || glob[i - 1] === '/';
    if (ch === '\\') {
      if (i + 1 >= glob.length) return { error: 'ends with a lone "\\"' };
      re += literal(glob[++i]!);
    } else if (ch === '*' && glob[i + 1] === '*' && atSegmentStart && (i + 2 === glob.length || glob[i + 2] === '/')) {
      if (i + 2 === glob.length) {
        // `a/**` is everything inside `a` (as in .gitignore); a lone `**` is every path.
        re += '.*';
        i += 1;
      } else {
        re += '(?:[^/]+/)*'; // `**/`: no folder or any number of them
        i += 2;
      }
    } else if (ch === '*') {
      while (glob[i + 1] === '*') i++; // `a**b` is `a*b`
      re += '[^/]*';
    } else if (ch === '?') {
      re += '[^/]';
    } else if (ch === '[') {
      const end = classEnd(glob, i);
      if (end < 0) re += '\\[';
      else {
        let inner = glob.slice(i + 1, end);
        const negated = inner.startsWith('!') || inner.startsWith('^');
        if (negated) inner = inner.slice(1);
        const body = inner.replace(/\\(.)/g, '$1').replace(/[\\\]^[]/g, '\\$&');
        re += negated ? `[^/${body}]` : `[${body}]`;
        i = end;
      }
    } else if (ch === '{') {
      depth++;
      re += '(?:';
    } else if (ch === ',' && depth > 0) {
      re += '|';
    } else if (ch === '}' && depth > 0) {
      depth--;
      re += ')';
    } else {
      re += literal(ch);
    }
  }
  if (depth > 0) return { error: 'has a "{" without its "}"' };
  return { re };
}

/** The index of the `]` that closes the class opened at `start`, or -1 (then `[` is literal). */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++; // `[]a]`: a leading `]` is a member
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '/') return -1;
    else if (glob[i] === ']') return i;
  }
  return -1;
}
