// Likely duplicate identities on a real repository: the same full name or a GitHub login
// under two addresses is proposed as one person; the proposed .mailmap lines, once written,
// fold them (git applies them), and nothing else is tied.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataQuality } from '../../../../src/core/evaluation/dataQuality';
import { appendMailmap, githubLogin, likelyDuplicates, mailmapLines } from '../../../../src/core/evaluation/identities';
import { activeContributors } from '../../../../src/core/metrics/activity';
import { population } from '../../../../src/core/metrics/population';
import { windowEndingAt } from '../../../../src/core/time/window';
import { readHistory } from '../../helpers/history';
import { tempSpace } from '../../helpers/tempRepo';

const NOW = new Date('2024-07-01T00:00:00Z');

describe('core/evaluation/identities likelyDuplicates', () => {
  const space = tempSpace();

  it('reads GitHub logins from noreply addresses, old and new forms', () => {
    assert.equal(githubLogin('12345+AnaSmith@users.noreply.github.com'), 'anasmith');
    assert.equal(githubLogin('anasmith@users.noreply.github.com'), 'anasmith');
    assert.equal(githubLogin('ana@example.com'), undefined);
  });

  it('ties one person under two addresses, by full name or GitHub login, and writes the .mailmap that folds them', async () => {
    const repo = space.repo();
    let n = 0;
    const by = (name: string, email: string, day: number): void => {
      repo
        .write(`f${++n}.txt`, `${n}\n`)
        .commit(`Work ${n}`, `2024-06-${String(day).padStart(2, '0')}T10:00:00Z`, { authorName: name, authorEmail: email });
    };
    by('Ana Smith', 'ana@work.example', 3);
    by('Ana Smith', 'ana@work.example', 4);
    by('ana  smith', '12345+anasmith@users.noreply.github.com', 5); // the same full name, other case and spaces
    by('Bob Jones', 'bob@example.com', 6);
    by('bobby', '99+bob@users.noreply.github.com', 7); // login "bob" = the local part of bob@example.com
    by('John Able', 'john@a.example', 10); // the same local part, other people: not tied
    by('John Baker', 'john@b.example', 11);
    by('Sam', 'sam@x.example', 12); // one word is not a full name
    by('Sam', 'sam@y.example', 13);
    const history = await readHistory(repo.dir);
    const pop = population(history, {});
    assert.deepEqual(likelyDuplicates(pop), [
      { name: 'Ana Smith', email: 'ana@work.example', others: ['12345+anasmith@users.noreply.github.com'], evidence: 'name' },
      { name: 'Bob Jones', email: 'bob@example.com', others: ['99+bob@users.noreply.github.com'], evidence: 'login' },
    ]);
    const dq = dataQuality(history, pop, NOW);
    assert.deepEqual(
      dq.notes.filter((x) => x.code === 'duplicateIdentities').map((x) => x.message),
      [
        '2 people appear under more than one address (Ana Smith: ana@work.example, 12345+anasmith@users.noreply.github.com; Bob Jones: bob@example.com, 99+bob@users.noreply.github.com): they count as more than one person until .mailmap maps them ("Merge Duplicate Identities" writes it after you confirm).',
      ],
    );
    const people = (h: typeof history): number | null =>
      activeContributors.compute({ history: h, window: windowEndingAt(NOW, '4w') }).value;
    assert.equal(people(history), 8);

    // The lines, appended to an existing .mailmap without a final newline, once.
    const lines = mailmapLines(likelyDuplicates(pop));
    assert.deepEqual(lines, [
      'Ana Smith <ana@work.example> <12345+anasmith@users.noreply.github.com>',
      'Bob Jones <bob@example.com> <99+bob@users.noreply.github.com>',
    ]);
    const existing = 'Carol <carol@example.com> <c@old.example>';
    const text = appendMailmap(existing, lines);
    assert.equal(text, `${existing}\n# Same people, other addresses (added by Engineering KPIs)\n${lines.join('\n')}\n`);
    assert.equal(appendMailmap(text, lines), text, 'nothing is added twice');
    assert.equal(appendMailmap(undefined, []), '');

    // Written, git folds them: two fewer people, no duplicates left, two identities merged.
    fs.writeFileSync(path.join(repo.dir, '.mailmap'), text);
    const after = await readHistory(repo.dir);
    const popAfter = population(after, {});
    assert.equal(people(after), 6);
    assert.deepEqual(likelyDuplicates(popAfter), []);
    assert.equal(popAfter.identitiesMerged, 2);
  });

  it('ignores bots and an address that .mailmap already folds', async () => {
    const repo = space.repo();
    repo.write('.mailmap', 'Dana Lee <dana@example.com> <dana@laptop.local>\n');
    repo.write('a.txt', 'a\n').commit('One', '2024-06-03T10:00:00Z', { authorName: 'Dana Lee', authorEmail: 'dana@example.com' });
    repo.write('b.txt', 'b\n').commit('Two', '2024-06-04T10:00:00Z', { authorName: 'Dana Lee', authorEmail: 'dana@laptop.local' });
    repo.write('c.txt', 'c\n').commit('Bump', '2024-06-05T10:00:00Z', {
      authorName: 'dependabot[bot]',
      authorEmail: '49699333+dependabot[bot]@users.noreply.github.com',
    });
    repo.write('d.txt', 'd\n').commit('Bump', '2024-06-06T10:00:00Z', { authorName: 'dependabot[bot]', authorEmail: 'support@github.com' });
    const history = await readHistory(repo.dir);
    assert.deepEqual(likelyDuplicates(population(history, {})), []);
  });
});
