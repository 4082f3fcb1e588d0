// Commit classification and message trailers: fixes, reverts, path globs, trailer blocks.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_FIX_PATTERNS, isFix, isRevert, revertedCommit } from '../../../../src/core/metrics/classify';
import type { Commit } from '../../../../src/core/history';
import { compileRegexes, glob } from '../../../../src/core/text/patterns';
import { coAuthors, hasReviewTrailer, parsePerson, trailersOf } from '../../../../src/core/metrics/trailers';

function commit(message: string): Commit {
  return {
    hash: 'c'.repeat(40),
    parents: ['p'.repeat(40)],
    authorName: 'Ana',
    authorEmail: 'ana@example.com',
    authorTime: 0,
    committerName: 'Ana',
    committerEmail: 'ana@example.com',
    commitTime: 0,
    message,
    files: [],
  };
}

describe('core/classify', () => {
  describe('isFix with the default patterns', () => {
    const defaults = compileRegexes(DEFAULT_FIX_PATTERNS);
    it('takes conventional fix subjects, in any case', () => {
      for (const m of ['fix: null check', 'fix(parser): null check', 'fix!: breaking fix', 'Fix: capitalised', 'FIX(ui)!: shout']) {
        assert.equal(isFix(commit(m), defaults), true, m);
      }
    });

    it('takes closing keywords with an issue number anywhere in the message', () => {
      for (const m of ['Null check, fixes #12', 'Parser\n\nCloses #3', 'resolved: #4', 'fixed#5', 'Resolve #6 at last']) {
        assert.equal(isFix(commit(m), defaults), true, m);
      }
    });

    it('takes every revert', () => {
      assert.equal(isFix(commit('Revert "Add parser"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.\n'), defaults), true);
    });

    it('leaves out words without a colon or an issue number, and fixups', () => {
      for (const m of ['Fix typo', 'fixup! Add parser', 'prefix: x', 'feat: fixes later', 'fixes 12', 'Add fixture #3', 'suffix(fix): x']) {
        assert.equal(isFix(commit(m), defaults), false, m);
      }
    });

    it('reads only the first 4096 characters of a message', () => {
      assert.equal(isFix(commit(`${'x'.repeat(4000)} fixes #1`), defaults), true);
      assert.equal(isFix(commit(`${'x'.repeat(4100)} fixes #1`), defaults), false);
    });
  });

  it('isFix with custom patterns replaces the defaults (reverts still count)', () => {
    const custom = compileRegexes(['^hotfix\\b', 'BUG-\\d+']);
    assert.equal(isFix(commit('hotfix: login'), custom), true);
    assert.equal(isFix(commit('Login (bug-42)'), custom), true); // patterns ignore case
    assert.equal(isFix(commit('fix: login'), custom), false);
    assert.equal(isFix(commit('Login, fixes #3'), custom), false);
    assert.equal(isFix(commit('Revert "Login"'), custom), true);
    assert.equal(isFix(commit('fix: x'), compileRegexes(['(unclosed'])), false); // invalid patterns match nothing
  });

  it('isRevert: a "This reverts commit <id>" line or a Revert " subject', () => {
    const id = '0123456789abcdef0123456789abcdef01234567';
    assert.equal(isRevert(commit(`Revert "Add parser"\n\nThis reverts commit ${id}.\n`)), true);
    assert.equal(revertedCommit(commit(`Undo\n\nThis reverts commit ${id}.`)), id);
    assert.equal(isRevert(commit('Undo\n\nThis reverts commit 0123abc.')), true); // 7 hex digits
    assert.equal(isRevert(commit('Revert "x"')), true);
    assert.equal(isRevert(commit('Undo\n\nThis reverts commit 012345.')), false); // too short
    assert.equal(isRevert(commit('Reverting the parser')), false);
    assert.equal(isRevert(commit('Docs: explain Revert "x"')), false);
  });

  describe('path globs (core/text/patterns)', () => {
    const matches = (g: string, path: string): boolean => glob(g).test(path);

    it('a pattern without a slash matches the file name in any folder', () => {
      assert.equal(matches('package-lock.json', 'package-lock.json'), true);
      assert.equal(matches('package-lock.json', 'web/app/package-lock.json'), true);
      assert.equal(matches('package-lock.json', 'mypackage-lock.json'), false);
      assert.equal(matches('package-lock.json', 'package-lock.json.bak'), false);
      assert.equal(matches('package-lock.json', 'package-lockxjson'), false); // "." is literal
      assert.equal(matches('*.min.js', 'dist/app.min.js'), true);
      assert.equal(matches('*.min.js', 'app.min.jsx'), false);
      assert.equal(matches('v*', 'v1.2.0'), true);
      assert.equal(matches('v*', 'release/v1'), true);
      assert.equal(matches('v*', 'prev1'), false);
    });

    it('a pattern with a slash is anchored at the repository root', () => {
      assert.equal(matches('vendor/**', 'vendor/lib/a.js'), true);
      assert.equal(matches('vendor/**', 'src/vendor/a.js'), false);
      assert.equal(matches('src/*.ts', 'src/a.ts'), true);
      assert.equal(matches('src/*.ts', 'src/deep/a.ts'), false); // * stays within a folder
      assert.equal(matches('src/*.ts', 'lib/src/a.ts'), false);
    });

    it('**/ matches zero or more folders; ** alone matches across slashes', () => {
      assert.equal(matches('**/gen/*.ts', 'gen/a.ts'), true);
      assert.equal(matches('**/gen/*.ts', 'x/y/gen/a.ts'), true);
      assert.equal(matches('**/gen/*.ts', 'x/gen/deep/a.ts'), false);
      assert.equal(matches('docs/**/*.png', 'docs/a.png'), true);
      assert.equal(matches('docs/**/*.png', 'docs/img/ui/a.png'), true);
      assert.equal(matches('**', 'any/path/at/all'), true);
      assert.equal(matches('a/**', 'a/b/c'), true);
    });

    it('? is one character other than a slash; regex characters are literal', () => {
      assert.equal(matches('a?.txt', 'ab.txt'), true);
      assert.equal(matches('a?.txt', 'a.txt'), false);
      assert.equal(matches('a?.txt', 'abc.txt'), false);
      assert.equal(matches('x/a?b', 'x/a/b'), false);
      assert.equal(matches('a+b(1)^$|.txt', 'a+b(1)^$|.txt'), true);
      assert.equal(matches('\\[x\\]\\{2\\}', '[x]{2}'), true); // `[` and `{` are glob syntax unless quoted
      assert.equal(matches('a+b.txt', 'aab.txt'), false);
    });
  });
});

describe('core/trailers', () => {
  it('reads the last paragraph when every line of it is a trailer; keys lower-cased', () => {
    assert.deepEqual(
      trailersOf('Subject\n\nBody text.\n\nReviewed-by: Rita <rita@example.com>\nCo-authored-by: Carl <carl@example.com>\n'),
      [
        { key: 'reviewed-by', value: 'Rita <rita@example.com>' },
        { key: 'co-authored-by', value: 'Carl <carl@example.com>' },
      ],
    );
    assert.deepEqual(trailersOf('Subject\n\nSigned-off-by:\tAna   \n\n\n'), [{ key: 'signed-off-by', value: 'Ana' }]);
  });

  it('finds no trailers in a subject alone, a body paragraph, or a mixed last paragraph', () => {
    assert.deepEqual(trailersOf('Reviewed-by: Rita <rita@example.com>'), []); // the subject is never a trailer block
    assert.deepEqual(trailersOf('Subject\n\nReviewed-by: Rita\nand some prose'), []);
    assert.deepEqual(trailersOf('Subject\n\nReviewed-by: Rita\n\nThanks to everyone.'), []); // trailers not last
    assert.deepEqual(trailersOf('Subject\n\nReviewed-by: Rita\n  continued'), []); // no continuation lines
    assert.deepEqual(trailersOf('Subject\n\nReviewed-by:'), []); // a value is required
    assert.deepEqual(trailersOf('Subject\n\n1st-key: v'), []); // keys start with a letter
    assert.deepEqual(trailersOf('Subject\n\nReviewed by: Rita'), []); // no spaces in keys
    assert.deepEqual(trailersOf(''), []);
  });

  it('ignores a trailer block larger than 16 KiB', () => {
    const line = `Co-authored-by: ${'a'.repeat(900)} <a@example.com>\n`;
    assert.equal(trailersOf(`S\n\n${line.repeat(10)}`).length, 10);
    assert.deepEqual(trailersOf(`S\n\n${line.repeat(20)}`), []);
  });

  it('parsePerson splits "Name <email>", lower-cases the email, and takes a bare value as a name', () => {
    assert.deepEqual(parsePerson('Ana Smith <Ana@Example.COM>'), { name: 'Ana Smith', email: 'ana@example.com' });
    assert.deepEqual(parsePerson('  Ana  <a@b>  '), { name: 'Ana', email: 'a@b' });
    assert.deepEqual(parsePerson('<a@b>'), { name: '', email: 'a@b' });
    assert.deepEqual(parsePerson('Ana Smith'), { name: 'Ana Smith', email: '' });
    assert.deepEqual(parsePerson('Ana <a b@c>'), { name: 'Ana <a b@c>', email: '' }); // no spaces in an email
    assert.deepEqual(parsePerson('Ana <a@b> extra'), { name: 'Ana <a@b> extra', email: '' });
  });

  it('coAuthors and hasReviewTrailer read only the trailer block', () => {
    const msg =
      'Subject\n\nPairing with Co-authored-by: Zed <zed@x>\n\nCo-authored-by: Carl <CARL@example.com>\nSigned-off-by: Ana <ana@example.com>';
    assert.deepEqual(coAuthors(msg), [{ name: 'Carl', email: 'carl@example.com' }]);
    assert.equal(hasReviewTrailer(msg), false, 'a co-author is not a reviewer');
    assert.equal(hasReviewTrailer('Subject\n\nReviewed-by: Rita <rita@x>'), true);
    assert.equal(hasReviewTrailer('Subject\n\nAcked-by: Rita <rita@x>'), true);
    assert.equal(hasReviewTrailer('Subject\n\nTested-by: Rita <rita@x>'), true);
    assert.equal(hasReviewTrailer('Subject\n\nSigned-off-by: Ana <ana@x>'), false);
    assert.equal(hasReviewTrailer('Subject\n\nReviewed-by: Rita <rita@x>\nnot a trailer'), false);
  });

  it('never throws on arbitrary strings (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.constantFrom('\n', '\n\n', 'Co-authored-by: ', 'Reviewed-by:', '<', '>', '@', ' ', '\t', '\r\n', ':'),
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        const t = trailersOf(s);
        for (const { key, value } of t) {
          assert.equal(key, key.toLowerCase());
          parsePerson(value);
        }
        coAuthors(s);
        hasReviewTrailer(s);
      }),
      { numRuns: 3000 },
    );
  });
});
