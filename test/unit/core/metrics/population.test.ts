// Who counts: bot patterns, identities merged by .mailmap and the kpi.json alias map, and the
// opt-in per-person breakdown (sorted by name, bots left out).
import * as assert from 'node:assert/strict';
import { breakdownByPerson } from '../../../../src/core/evaluation/breakdown';
import { indexByHash, type Commit, type History } from '../../../../src/core/history';
import { DEFAULT_BOT_PATTERNS, isBot, population } from '../../../../src/core/metrics/population';
import { compileRegexes } from '../../../../src/core/text/patterns';
import { readHistory } from '../../helpers/history';
import { tempSpace } from '../../helpers/tempRepo';

function by(name: string, email: string, extra: Partial<Commit> = {}): Commit {
  return {
    hash: `${name}-${email}`,
    parents: [],
    authorName: name,
    authorEmail: email,
    authorTime: 0,
    committerName: name,
    committerEmail: email,
    commitTime: 0,
    message: 'x',
    files: [],
    ...extra,
  };
}

function historyOf(commits: Commit[]): History {
  return { commits, head: commits[0]?.hash ?? null, shallow: false, commands: [] };
}

describe('core/population', () => {
  describe('isBot', () => {
    const defaults = compileRegexes(DEFAULT_BOT_PATTERNS);
    it('matches the default patterns against the name or the email local part, ignoring case', () => {
      const bots = [
        by('dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'),
        by('Renovate Bot', 'bot@renovateapp.com'), // ^renovate on the name
        by('Build', 'ci-bot@example.com'), // -bot$ on the local part
        by('release-BOT', 'release@example.com'), // -bot$ on the name, any case
        by('Someone', 'dependabot@example.com'), // ^dependabot on the local part
        by('github-actions[bot]', 'actions@github.com'),
      ];
      for (const c of bots) assert.equal(isBot(c, defaults), true, c.authorName);
      const people = [
        by('Abbot', 'abbot@example.com'), // no hyphen
        by('Robot Wars', 'robot@example.com'),
        by('Ana', 'ana@bot.example.com'), // only the local part is read
        by('Bot Builder', 'builder@example.com'),
        by('Ana Renovate', 'ana@example.com'), // ^renovate is anchored
      ];
      for (const c of people) assert.equal(isBot(c, defaults), false, c.authorName);
    });

    it('knows the AI coding agents and GitHub apps by default, by name, local part or whole address', () => {
      const agents = [
        by('Copilot', '198982749+Copilot@users.noreply.github.com'),
        by('copilot-swe-agent[bot]', '198982749+Copilot@users.noreply.github.com'),
        by('Cursor Agent', 'cursoragent@cursor.com'),
        by('Claude', 'noreply@anthropic.com'),
        by('aider (gpt-4o)', 'noreply@aider.chat'),
        by('devin-ai-integration[bot]', '158243242+devin-ai-integration[bot]@users.noreply.github.com'),
        by('google-labs-jules[bot]', '161369871+google-labs-jules[bot]@users.noreply.github.com'),
      ];
      const pop = population(historyOf([...agents, by('Copilot Fan', 'fan@example.com'), by('Ana', 'noreply@example.com')]));
      assert.equal(pop.botCommits, agents.length);
      assert.deepEqual(
        pop.people.map((c) => c.authorName),
        ['Copilot Fan', 'Ana'],
      );
      // A co-author trailer naming an agent is a bot person too; a person with a noreply address is not.
      assert.equal(pop.isBotPerson('Claude', 'noreply@anthropic.com'), true);
      assert.equal(pop.isBotPerson('Claude Paroz', 'claude@example.com'), false);
      // botPatterns replaces the whole default list, the addresses included.
      const custom = population(historyOf(agents), { botPatterns: ['^ci$'] });
      assert.equal(custom.botCommits, 0);
    });

    it('custom patterns replace the defaults; invalid ones match nothing', () => {
      const custom = compileRegexes(['^ci$', '(unclosed', '^jenkins']);
      assert.equal(custom.length, 2);
      assert.equal(isBot(by('CI', 'ci@example.com'), custom), true);
      assert.equal(isBot(by('Jenkins Builder', 'j@example.com'), custom), true);
      assert.equal(isBot(by('dependabot[bot]', 'd@example.com'), custom), false);
      const pop = population(historyOf([by('dependabot[bot]', 'd@example.com'), by('CI', 'ci@example.com')]), { botPatterns: ['^ci$'] });
      assert.equal(pop.botCommits, 1);
      assert.deepEqual(
        pop.people.map((c) => c.authorName),
        ['dependabot[bot]'],
      );
    });
  });

  describe('identityOf and the alias map', () => {
    const pop = population(historyOf([]), {
      aliases: { 'Bob@Example.com': ['robert@home.example', 'Bobby Tables'], 'ana@example.com': ['ana@old.example'] },
    });

    it('folds alias emails and alias names into the canonical email, ignoring case', () => {
      assert.equal(pop.identityOf('Bob', 'bob@example.com'), 'bob@example.com');
      assert.equal(pop.identityOf('Robert', 'ROBERT@home.example'), 'bob@example.com');
      assert.equal(pop.identityOf('bobby tables', 'tables@elsewhere.example'), 'bob@example.com');
      assert.equal(pop.identityOf('Ana', 'ana@old.example'), 'ana@example.com');
    });

    it('uses the lower-cased email otherwise, and the name when there is no email', () => {
      assert.equal(pop.identityOf('Carl', 'Carl@Example.com'), 'carl@example.com');
      assert.equal(pop.identityOf('Carl Other', 'carl@example.com'), 'carl@example.com');
      assert.equal(pop.identityOf('Dora', ''), 'dora');
    });
  });

  it('counts identities merged, bots excluded, on a history without .mailmap', () => {
    const pop = population(
      historyOf([
        by('Bob', 'bob@example.com'),
        by('Robert', 'robert@home.example'),
        by('Bobby', 'bob@example.com'), // same email, another name: one identity
        by('bob', 'BOB@example.com'), // differs only in case: the same raw identity
        by('Carl', 'carl@example.com'),
        by('renovate[bot]', 'bot@renovateapp.com'),
      ]),
      { aliases: { 'bob@example.com': ['robert@home.example'] } },
    );
    // Raw identities: bob, robert, bobby, carl (4); canonical: bob@, carl@ (2).
    assert.equal(pop.identitiesMerged, 2);
    assert.equal(pop.botCommits, 1);
    assert.equal(pop.people.length, 5);
    assert.equal(population(historyOf([])).identitiesMerged, 0);
  });

  describe('on a repository with .mailmap', () => {
    const space = tempSpace();

    it('folds two raw identities into one through .mailmap, and counts the merge', async () => {
      const repo = space.repo();
      repo.write('.mailmap', 'Ana Smith <ana@example.com> Ana <ana@old.example>\n');
      repo.write('a.txt', '1\n').commit('One', '2024-06-17T10:00:00Z', { authorName: 'Ana', authorEmail: 'ana@old.example' });
      repo.write('a.txt', '2\n').commit('Two', '2024-06-18T10:00:00Z', { authorName: 'Ana Smith', authorEmail: 'ana@example.com' });
      repo.write('a.txt', '3\n').commit('Three', '2024-06-19T10:00:00Z', { authorName: 'Bob', authorEmail: 'bob@example.com' });
      const history = await readHistory(repo.dir);
      const [three, two, one] = history.commits;
      assert.ok(one && two && three);
      assert.deepEqual(
        [one.authorName, one.authorEmail, one.authorNameRaw, one.authorEmailRaw],
        ['Ana Smith', 'ana@example.com', 'Ana', 'ana@old.example'],
      );
      const pop = population(history);
      assert.equal(pop.identitiesMerged, 1);
      assert.equal(pop.identityOf(one.authorName, one.authorEmail), pop.identityOf(two.authorName, two.authorEmail));
      // Git applies .mailmap only to authors; a co-author trailer naming the old identity is
      // folded the same way because that raw identity was seen as an author.
      assert.equal(pop.identityOf('Ana', 'ana@old.example'), 'ana@example.com');
      // With an alias on top, Bob joins Ana: two merges.
      assert.equal(population(history, { aliases: { 'ana@example.com': ['bob@example.com'] } }).identitiesMerged, 2);
    });
  });
});

describe('core/breakdown breakdownByPerson', () => {
  it('sorts by name (case- and accent-insensitive), never by count, merges identities, leaves out bots', () => {
    const commits = [
      by('bob', 'bob@example.com', { hash: 'b1' }),
      by('bob', 'bob@example.com', { hash: 'b2' }),
      by('Robert', 'robert@home.example', { hash: 'b3' }),
      by('Émile', 'emile@example.com', { hash: 'e1' }),
      by('carl', 'carl@example.com', { hash: 'c1' }),
      by('carl', 'carl@example.com', { hash: 'c2' }),
      by('Ana', 'ana@example.com', { hash: 'a1' }),
      by('dependabot[bot]', 'dependabot@example.com', { hash: 'd1' }),
      by('Zed', 'zed@example.com', { hash: 'z1' }),
    ];
    const history = historyOf(commits);
    const pop = population(history, { aliases: { 'bob@example.com': ['robert@home.example'] } });
    const counted = ['b1', 'b2', 'b3', 'b1', 'e1', 'c1', 'c2', 'a1', 'd1', 'unknown'];
    assert.deepEqual(breakdownByPerson(counted, indexByHash(history), pop), [
      { name: 'Ana', commits: 1 },
      { name: 'bob', commits: 3 }, // b1 listed twice counts once
      { name: 'carl', commits: 2 },
      { name: 'Émile', commits: 1 },
    ]);
    assert.deepEqual(breakdownByPerson([], indexByHash(history), pop), []);
  });
});
