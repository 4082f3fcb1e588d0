// User patterns run in linear time: regular expressions on RE2 (re2js), globs translated to
// RE2. Globs mean what picomatch (a maintained glob library) says they mean.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, compileRegex, MAX_PATTERN_LENGTH, type Compiled } from '../../../../src/core/text/patterns';

function ok(c: Compiled): { test(s: string): boolean } {
  if ('error' in c) assert.fail(`did not compile: ${c.error}`);
  return c.pattern;
}

/** The slowest of a few adversarial texts, in ms. */
function slowest(test: (s: string) => boolean): number {
  let worst = 0;
  for (const text of ['a'.repeat(4096) + '!', 'ab'.repeat(2048), `${'a/'.repeat(2048)}b`, '\n'.repeat(4096)]) {
    const t = process.hrtime.bigint();
    test(text);
    worst = Math.max(worst, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return worst;
}

describe('core/text/patterns', () => {
  it('runs the classic catastrophic patterns in linear time, where the native engine would not return', () => {
    for (const p of ['(a|a)*$', '(a+)+$', '(a|aa)+$', '(.*a){12}$', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
      const re = ok(compileRegex(p));
      assert.ok(slowest((s) => re.test(s)) < 200, p);
    }
  });

  it('matches case-insensitively with RE2 syntax, as fix patterns need', () => {
    const re = ok(compileRegex('\\bfix(e[sd])?\\b:?\\s*#\\d+'));
    assert.equal(re.test('Area: FIXES #12'), true);
    assert.equal(re.test('prefix #12'), false);
  });

  it('refuses what RE2 cannot run in linear time: lookaround, backreferences, and oversized patterns', () => {
    for (const p of ['(?=a)b', '(?!x)y', '(?<=a)b', '(a)\\1', 'a'.repeat(MAX_PATTERN_LENGTH + 1), '(']) {
      assert.ok('error' in compileRegex(p), p);
    }
  });

  it('keeps every random pattern under a time bound on adversarial texts (property)', () => {
    const piece = fc.constantFrom('a', 'b', '.', '*', '+', '?', '|', '(', ')', '(a|a)', '{2,}', '[ab]', '$', '^', '\\b', '.*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const c = compileRegex(pieces.join(''));
        if ('error' in c) return true; // refused, never run
        return slowest((s) => c.pattern.test(s)) < 250;
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every random glob under a time bound (property)', () => {
    const piece = fc.constantFrom('a', '*', '**', '?', '/', '[ab]', '{a,b*}', '*a*');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const c = compileGlob(pieces.join(''));
        if ('error' in c) return true;
        return slowest((s) => c.pattern.test(s)) < 250;
      }),
      { numRuns: 300 },
    );
  });

  it('gives globs the meaning picomatch gives them (property)', () => {
    const segment = fc
      .array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[!a]', '{a,b}', '{x,*b}', '\\*'), { minLength: 1, maxLength: 4 })
      .map((p) => p.join(''))
      .filter((s) => s !== '.' && s !== '..') // `./` and `../` segments are not in git's paths
      .filter((s) => !s.includes('**')); // `a**b` is `a*b` in git; picomatch crosses folders there
    const globArb = fc
      .array(fc.oneof({ weight: 4, arbitrary: segment }, { weight: 1, arbitrary: fc.constant('**') }), { minLength: 1, maxLength: 4 })
      .filter((segs) => segs.length === 1 || segs[segs.length - 1] !== '**') // a trailing `/**` is git's (below)
      .map((segs) => segs.join('/'));
    const pathArb = fc
      .array(
        // Names ending in a dot: picomatch's `*.*` wants a character after the dot, git's
        // wildmatch (and ours, checked below) does not.
        fc.stringMatching(/^[ab.*]{1,4}$/).filter((s) => s !== '.' && s !== '..' && !s.endsWith('.')),
        { minLength: 1, maxLength: 4 },
      )
      .map((segs) => segs.join('/'));
    fc.assert(
      fc.property(globArb, pathArb, (g, path) => {
        const ours = ok(compileGlob(g)).test(path);
        const theirs = picomatch(g, { dot: true, posix: true, basename: !g.includes('/') })(path);
        assert.equal(ours, theirs, `glob ${JSON.stringify(g)} on ${JSON.stringify(path)}`);
      }),
      { numRuns: 3000 },
    );
    // Where picomatch differs, the glob means what it means to git: `*` may match nothing.
    assert.equal(ok(compileGlob('*.*')).test('b.'), true);
  });

  it('matches release tags and paths as documented', () => {
    const cases: [string, string, boolean][] = [
      ['v*', 'v2.51.0', true],
      ['vendor/**', 'vendor/a/b.c', true],
      ['vendor/**', 'vendor', false], // inside the folder, as in .gitignore (picomatch would say true)
      ['vendor/**', 'src/vendor/a', false],
      ['*.min.js', 'a/b/c.min.js', true],
      ['**/*.po', 'po/de.po', true],
      ['**/*.po', 'de.po', true],
      ['src/{a,b}/*.ts', 'src/b/x.ts', true],
      ['src/{a,b}/*.ts', 'src/c/x.ts', false],
      ['[0-9]*.x', '3.1.x', true],
      ['[!0-9]*', '2.3.x', false],
    ];
    for (const [g, text, expected] of cases) assert.equal(ok(compileGlob(g)).test(text), expected, `${g} on ${text}`);
    assert.ok('error' in compileGlob('{a,b'));
    assert.equal(ok(compileGlob('a**b')).test('a/x/b'), false); // not a whole segment: one `*`, as in git
    // Tag names are matched whole: `v*` is not `release/v2`.
    assert.equal(ok(compileGlob('v*', { whole: true })).test('release/v2'), false);
    assert.equal(ok(compileGlob('v*')).test('release/v2'), true);
  });
});
