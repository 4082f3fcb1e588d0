// Output that cannot command a terminal, a CI system or a Markdown renderer: C0 and C1
// controls (7-bit and 8-bit CSI and OSC) are gone, Azure's ##vso[ is defused anywhere in a
// line, GitHub's :: and Azure's ##[ at a line's start, and Markdown neither mentions people
// nor links anywhere.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { markdownInline } from '../../../../src/core/text/escape';
import { safeBlock, safeInline } from '../../../../src/core/text/safeText';

const ZWSP = '\u200b';

describe('core/text/safeText', () => {
  it('removes 8-bit CSI and OSC sequences introducers and every other C1 control', () => {
    const hostile = 'a\u009b31mred\u009d0;title\u0007b\u0085c\u0090d\u009ce';
    const out = safeInline(hostile);
    assert.equal(out, 'a31mred0;titlebcde');
    assert.ok(![...out].some((ch) => (ch.codePointAt(0)! >= 0x80 && ch.codePointAt(0)! <= 0x9f) || ch.codePointAt(0)! < 0x20));
  });

  it('defuses ##vso[ wherever it appears in a line, in any case, on one line and in a block', () => {
    for (const f of [safeInline, safeBlock]) {
      assert.equal(f('fix: x ##vso[task.setvariable variable=A]1'), `fix: x #${ZWSP}#vso[task.setvariable variable=A]1`);
      assert.equal(f('##VSO[task.complete result=Failed]'), `#${ZWSP}#VSO[task.complete result=Failed]`);
      assert.equal(f('a ##vso[x] b ##vso[y]'), `a #${ZWSP}#vso[x] b #${ZWSP}#vso[y]`);
    }
    assert.equal(safeBlock('ok\n  x ##vso[a]\n'), `ok\n  x #${ZWSP}#vso[a]\n`);
  });

  it('leaves no line starting with a workflow command and no ##vso[ anywhere (property)', () => {
    const piece = fc.constantFrom('::', '##[', '##vso[', '##VsO[', '\n', '\r', ' ', 'x', '\u009b', '\u001b', '#', ':', '[');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const out = safeBlock(parts.join(''));
        for (const line of out.split('\n')) {
          assert.ok(!/^\s*(::|##\[)/.test(line), JSON.stringify(line));
          assert.ok(!/##vso\[/i.test(line), JSON.stringify(line));
        }
        // eslint-disable-next-line no-control-regex -- what must not survive
        assert.ok(!/[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]/.test(out));
      }),
    );
  });

  it('Markdown text mentions nobody and links nowhere', () => {
    const md = markdownInline('ping @octocat and @org/team, see https://evil.example/x and www.evil.example, mail a@b.c');
    assert.ok(!/@[\w-]/.test(md), md);
    assert.ok(!/https?:\/\//.test(md), md);
    assert.ok(!/\bwww\./i.test(md), md);
    assert.ok(!/\[.*\]\(.*\)/.test(md) && !md.includes('!['), md);
    // The text reads the same once zero-width spaces are left out.
    assert.equal(
      md.replaceAll(ZWSP, '').replace(/\\(.)/g, '$1'),
      'ping @octocat and @org/team, see https://evil.example/x and www.evil.example, mail a@b.c',
    );
  });
});
