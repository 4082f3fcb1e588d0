// Commit links from remote URLs: known hosts in their https, ssh and scp-like forms; anything
// else, or anything hostile, gets no link.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { commitWebUrl, parseRemote } from '../../../../src/core/text/remoteUrl';

const H = 'a'.repeat(40);

describe('core/text/remoteUrl', () => {
  it('links a commit on GitHub, GitLab (with subgroups) and Bitbucket, from every URL form', () => {
    const cases: [string, string][] = [
      ['https://github.com/owner/repo.git', `https://github.com/owner/repo/commit/${H}`],
      ['https://user:token@github.com/owner/repo', `https://github.com/owner/repo/commit/${H}`],
      ['git@github.com:owner/repo.git', `https://github.com/owner/repo/commit/${H}`],
      ['ssh://git@github.com:22/owner/repo.git', `https://github.com/owner/repo/commit/${H}`],
      ['https://www.GitHub.com/Owner/re.po/', `https://github.com/Owner/re.po/commit/${H}`],
      ['https://gitlab.com/group/sub/project.git', `https://gitlab.com/group/sub/project/-/commit/${H}`],
      ['git@gitlab.com:group/project.git', `https://gitlab.com/group/project/-/commit/${H}`],
      ['https://bitbucket.org/team/repo.git', `https://bitbucket.org/team/repo/commits/${H}`],
    ];
    for (const [remote, url] of cases) assert.equal(commitWebUrl(remote, H), url, remote);
  });

  it('gives no link for unknown hosts, odd paths, hostile text or a bad id', () => {
    for (const remote of [
      'https://example.com/owner/repo.git',
      'https://github.com.evil.test/owner/repo',
      'https://evil.test/github.com/owner/repo',
      'https://github.com/owner',
      'https://github.com/owner/repo/extra',
      'https://github.com/../repo',
      'https://github.com/owner/repo?x=1',
      'https://github.com/owner/re po',
      'https://github.com/owner/%2e%2e',
      'javascript:alert(1)//github.com/a/b',
      '/srv/git/repo.git',
      'file:///srv/git/repo.git',
      'git@github.com:/owner/repo',
      '',
    ]) {
      assert.equal(commitWebUrl(remote, H), undefined, remote);
    }
    assert.equal(commitWebUrl('https://github.com/o/r', 'HEAD'), undefined);
    assert.equal(commitWebUrl('https://github.com/o/r', H.slice(0, 12)), undefined);
  });

  it('any link it gives is an https URL on a known host made of plain segments (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('https://github.com/', 'git@gitlab.com:', 'ssh://bitbucket.org/', ''),
        (tail, head) => {
          const url = commitWebUrl(head + tail, H);
          if (url === undefined) return;
          const u = new URL(url);
          assert.equal(u.protocol, 'https:');
          assert.ok(['github.com', 'gitlab.com', 'bitbucket.org'].includes(u.host));
          assert.equal(u.search, '');
          assert.equal(u.hash, '');
          assert.ok(
            u.pathname.split('/').every((s) => s === '' || /^[A-Za-z0-9_.-]+$/.test(s)),
            u.pathname,
          );
          assert.ok(parseRemote(head + tail));
        },
      ),
    );
  });
});
