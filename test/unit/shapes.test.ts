// Four shapes of real histories, generated with fixed dates, each with the answers its own
// bookkeeping expects (counted while generating, never by the extension's code):
// A. patch-mail / integration branch (topics merged by a maintainer, plain subjects,
//    trailers, release candidates, work landing ~12 days after it is written);
// B. squash merges with Conventional Commits (`(#1234)` subjects, bots, AI co-authors,
//    noreply addresses, `revert(scope):`, beta pre-releases);
// C. merge-commit pull requests (`Merge pull request #N from owner/branch`, `[Fix #N]`,
//    `Closes #N` on docs, a maintainer merging his own branches, patch releases);
// D. plain subjects and unprefixed tags (`fix typing (#5917)`, forward merges of `stable`,
//    `3.1.3` and archive `2.3.x` tags).
import * as assert from 'node:assert/strict';
import { evaluate } from '../../src/core/evaluation/evaluate';
import type { Evaluation, KpiResult } from '../../src/core/evaluation/types';
import { parseKpiFile } from '../../src/core/kpiJson/parse';
import { english } from '../../src/core/text/translatable';
import { readHistory } from './helpers/history';
import { tempSpace, type Person, type TempRepo } from './helpers/tempRepo';

const NOW = new Date('2024-07-03T12:00:00Z'); // 8w = 2024-05-06 .. 2024-06-30
const DAY = 86_400_000;
const METRICS = [
  'fixShare',
  'revertRate',
  'reviewCoverage',
  'deploymentFrequency',
  'integrationFrequency',
  'activeContributors',
  'bugFixTurnaround',
];

function kpiJson(repository: Record<string, unknown> = {}): string {
  return JSON.stringify({
    repository,
    objectives: [{ name: 'All', kpis: METRICS.map((metric) => ({ id: metric, name: metric, metric, window: '8w' })) }],
  });
}

type Who = Person;
const person = (name: string, email: string): Who => ({ authorName: name, authorEmail: email });
const iso = (t: number): string => new Date(t).toISOString();

/** A merge of `branch` with `subject`, authored by `author` and committed by `committer`, at `t`. */
function merge(repo: TempRepo, branch: string, subject: string, author: Who, committer: Who, t: number): void {
  repo.mergeAs(branch, subject, author, committer, iso(t));
}

async function run(
  repo: TempRepo,
  repository?: Record<string, unknown>,
): Promise<{ e: Evaluation; k: (m: string) => KpiResult; codes: string[] }> {
  const h = await readHistory(repo.dir);
  const parsed = parseKpiFile(kpiJson(repository));
  assert.deepEqual(
    parsed.problems.filter((p) => p.severity === 'error'),
    [],
  );
  const e = evaluate(parsed.config!, h, NOW);
  return { e, k: (m) => e.objectives[0]!.kpis.find((x) => x.metric === m)!, codes: e.dataQuality.notes.map((n) => n.code) };
}

describe('four shapes of real histories, with their own answers', function () {
  this.timeout(60_000);
  const space = tempSpace();

  it('A. patch-mail: topics merged by a maintainer, landing ~12 days later; release candidates are not releases', async () => {
    const repo = space.repo();
    const junio = person('Junio Maintainer', 'junio@example.org');
    const devs = [person('Ann Area', 'ann@example.org'), person('Bo Branch', 'bo@example.org'), person('Cy Core', 'cy@example.org')];
    repo.write('README', 'r\n').commit('Initial revision', iso(Date.parse('2024-03-01T10:00:00Z')), junio);
    repo.tag('v0.99', '2024-03-01T12:00:00Z', 'a very old annotated tag');
    let fixes = 0;
    let landings = 0;
    const topics = 10;
    for (let n = 0; n < topics; n++) {
      const written = Date.parse('2024-04-22T10:00:00Z') + n * 5 * DAY;
      const dev = devs[n % devs.length]!;
      const fix = n % 2 === 0;
      repo.branch(`${dev.authorEmail.slice(0, 2)}/topic-${n}`).checkout(`${dev.authorEmail.slice(0, 2)}/topic-${n}`);
      const subject = fix ? `area${n}: fix memory leak in parser` : `area${n}: add --option-${n}`;
      const trailers = `Signed-off-by: ${dev.authorName} <${dev.authorEmail}>\nReviewed-by: ${devs[(n + 1) % 3]!.authorName} <${devs[(n + 1) % 3]!.authorEmail}>`;
      repo.write(`f${n}.c`, `${n}\n`).commit(`${subject}\n\nBody.\n\n${trailers}`, iso(written), dev);
      repo.checkout('main');
      const landed = written + 12 * DAY;
      merge(
        repo,
        `${dev.authorEmail.slice(0, 2)}/topic-${n}`,
        `Merge branch '${dev.authorEmail.slice(0, 2)}/topic-${n}'`,
        junio,
        junio,
        landed,
      );
      if (landed >= Date.parse('2024-05-06T00:00:00Z') && landed < Date.parse('2024-07-01T00:00:00Z')) {
        landings++;
        if (fix) fixes++;
      }
      if (n === 4) repo.tag('v2.51.0-rc0', iso(landed + 3_600_000).slice(0, 19) + 'Z', 'rc0');
      if (n === 6) repo.tag('v2.51.0-rc1', iso(landed + 3_600_000).slice(0, 19) + 'Z', 'rc1');
      if (n === 7) repo.tag('v2.51.0', iso(landed + 3_600_000).slice(0, 19) + 'Z', 'final');
    }
    repo.tag('v2.51.1', iso(Date.parse('2024-06-29T10:00:00Z')), 'maintenance');
    const { k, codes, e } = await run(repo);
    assert.equal(k('integrationFrequency').sampleSize, landings);
    assert.equal(k('fixShare').details['matching'], fixes, 'fix words in plain subjects count: the history has no other convention');
    assert.match(english(e.dataQuality.fixEvidence), /follows no fix convention/);
    assert.equal(k('reviewCoverage').value, 100, 'every topic carries a Reviewed-by from someone else, and Junio merged others');
    // v2.51.0 and v2.51.1 are releases in the window; the release candidates are left out.
    assert.equal(k('deploymentFrequency').details['releases'], 2);
    assert.equal(e.dataQuality.excludedTags, 2);
    assert.ok(codes.includes('releaseTagsExcluded'));
    // Work lands 12 days after it is written: the latest author-date weeks are provisional.
    assert.ok(codes.includes('provisionalWeeks'));
    assert.ok((e.dataQuality.landingDelayDays ?? 0) >= 12);
    assert.equal(k('bugFixTurnaround').value, null);
    assert.match(k('bugFixTurnaround').why ? english(k('bugFixTurnaround').why!) : '', /closes an issue/);
  });

  it('B. squash merges with Conventional Commits: types decide, bots and agents are not people, approvals are not in git', async () => {
    const repo = space.repo();
    const ana = person('Ana Lima', 'ana@example.com');
    const anaWeb = person('Ana Lima', '1234+analima@users.noreply.github.com');
    const raj = person('Raj Patel', 'raj@example.com');
    const renovate = person('renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com');
    repo.write('a', '0\n').commit('chore: init', '2024-04-29T10:00:00Z', ana);
    const subjects: [string, Who, 'fix' | 'revert' | 'other' | 'bot'][] = [
      ['feat(api): add pagination (#101)', ana, 'other'],
      ['fix(api): handle empty page (#102)', raj, 'fix'],
      ['docs: explain pagination, closes #7 (#103)', ana, 'other'], // closes an issue, but docs: is not a fix
      ['chore(deps): update lodash (#104)', renovate, 'bot'],
      ['fix: crash on start (#105)', anaWeb, 'fix'],
      ['revert(api): drop pagination (#106)', raj, 'revert'],
      ['feat: export csv (#107)', raj, 'other'],
      ['refactor(core): split module (#108)', ana, 'other'],
    ];
    let people = 0;
    let fixes = 0;
    let reverts = 0;
    subjects.forEach(([s, who, kind], i) => {
      const t = Date.parse('2024-05-13T10:00:00Z') + i * 2 * DAY;
      const body =
        kind === 'other' && i === 0
          ? '\n\nCo-authored-by: Claude <noreply@anthropic.com>\nCo-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>'
          : '';
      repo.write('a', `${i + 1}\n`).commit(`${s}${body}`, iso(t), who);
      if (kind === 'bot') return;
      people++;
      if (kind === 'fix' || kind === 'revert') fixes++;
      if (kind === 'revert') reverts++;
    });
    repo.tag('v8.0.0-beta.3', '2024-05-20T12:00:00Z', 'beta');
    repo.tag('v8.0.0', '2024-05-31T12:00:00Z', 'final');
    const { k, codes, e } = await run(repo);
    assert.equal(k('integrationFrequency').sampleSize, people, 'the bot landing is not counted');
    assert.equal(k('fixShare').details['matching'], fixes);
    assert.equal(k('revertRate').details['matching'], reverts, 'a revert(scope): subject is a revert');
    assert.match(english(e.dataQuality.fixEvidence), /uses Conventional Commits/);
    // Ana's two addresses count twice until .mailmap folds them (the duplicate note proposes it);
    // the AI co-authors (Claude, Copilot) and renovate count as no one.
    assert.equal(k('activeContributors').value, 3);
    assert.equal(k('reviewCoverage').value, null, 'no evidence of review anywhere: approvals are not in git');
    assert.equal(k('deploymentFrequency').details['releases'], 1, 'the beta is not a release');
    assert.ok(codes.includes('duplicateIdentities'), 'Ana under her noreply address is proposed for .mailmap');
    assert.ok(codes.includes('bots'));
  });

  it('C. merge-commit pull requests: [Fix #N] is a fix, Closes #N on docs is not, a maintainer merging his own branch is no review', async () => {
    const repo = space.repo();
    const max = person('Max Maintainer', 'max@example.com');
    const eve = person('Eve Contributor', 'eve@example.com');
    const github = person('GitHub', 'noreply@github.com');
    repo.write('a', '0\n').commit('Initial commit', '2024-04-29T10:00:00Z', max);
    const prs: [string, string, Who][] = [
      ['eve/fix_parser', '[Fix #11] Handle nil in parser', eve],
      ['eve/docs', '[Doc] Describe options. Closes #12', eve],
      ['max/cleanup', 'Clean up helpers', max], // his own branch, merged by him
      ['eve/feature', 'Add streaming API', eve],
    ];
    let reviewed = 0;
    prs.forEach(([branch, subject, who], i) => {
      const t = Date.parse('2024-05-13T10:00:00Z') + i * 3 * DAY;
      repo.branch(branch).checkout(branch);
      repo.write(`p${i}`, `${i}\n`).commit(subject, iso(t), who);
      repo.checkout('main');
      merge(repo, branch, `Merge pull request #${20 + i} from owner/${branch}\n\n${subject}`, max, github, t + DAY);
      if (who !== max) reviewed++;
    });
    repo.tag('v2.35.3', '2024-05-12T12:00:00Z', 'before');
    repo.tag('v2.35.4', '2024-05-30T12:00:00Z', 'patch');
    const { k } = await run(repo);
    assert.equal(k('integrationFrequency').sampleSize, prs.length);
    assert.equal(k('fixShare').details['matching'], 1, 'only [Fix #11]: a [Doc] commit that closes an issue is not a fix');
    assert.equal(k('reviewCoverage').details['matching'], reviewed);
    assert.equal(k('deploymentFrequency').details['releases'], 1);
  });

  it('D. plain subjects and unprefixed tags: fix words count, forward merges are not landings, 2.3.x is not a version', async () => {
    const repo = space.repo();
    const lea = person('Lea Plain', 'lea@example.com');
    repo.write('a', '0\n').commit('initial', '2024-04-29T10:00:00Z', lea);
    repo.tag('2.3.x', '2024-04-29T12:00:00Z', 'archive');
    const subjects = ['fix typing (#5917)', 'add docs page', 'crash when empty (#5920)', 'tidy imports', 'support python 3.13'];
    let fixes = 0;
    subjects.forEach((s, i) => {
      repo.write('a', `${i + 1}\n`).commit(s, iso(Date.parse('2024-05-13T10:00:00Z') + i * DAY), lea);
      if (/\b(fix|crash)\b/.test(s)) fixes++;
    });
    repo.tag('3.1.2', '2024-05-20T12:00:00Z', '3.1.2');
    // A fix on the stable branch, forward-merged into main.
    repo.branch('stable').checkout('stable');
    repo.write('s', 's\n').commit('fix regression in loader', '2024-05-27T10:00:00Z', lea);
    repo.checkout('main');
    merge(repo, 'stable', "Merge branch 'stable'", lea, lea, Date.parse('2024-05-28T10:00:00Z'));
    repo.tag('3.1.3', '2024-06-03T12:00:00Z', '3.1.3');
    const before = await run(repo);
    assert.equal(before.k('deploymentFrequency').value, null, 'no tag matches v*');
    assert.equal(before.e.dataQuality.suggestedReleaseTagPattern, '[0-9]*');
    assert.equal(before.k('integrationFrequency').sampleSize, subjects.length, 'the forward merge is not a landing');
    assert.equal(before.k('fixShare').details['matching'], fixes);
    const after = await run(repo, { releaseTagPattern: '[0-9]*' });
    assert.equal(after.k('deploymentFrequency').details['releases'], 2, '3.1.2 and 3.1.3, not 2.3.x');
    assert.equal(after.e.dataQuality.excludedTags, 1);
  });
});
