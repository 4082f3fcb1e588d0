// Releases are releases, on real repositories with the tags real projects have: release
// candidates and betas, maintenance releases, unprefixed version tags, archive tags (2.3.x),
// nested annotated tags and a tag object without a tagger line.
import * as assert from 'node:assert/strict';
import { dataQuality } from '../../../../src/core/evaluation/dataQuality';
import { fixEdits } from '../../../../src/core/kpiJson/fixes';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { smartProblems } from '../../../../src/core/kpiJson/smart';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { isPreRelease, leadTime, releaseRuleOf, releases, suggestReleasePatternFor } from '../../../../src/core/metrics/delivery';
import { windowEndingAt } from '../../../../src/core/time/window';
import { english } from '../../../../src/core/text/translatable';
import { population } from '../../../../src/core/metrics/population';
import { applyEdits } from 'jsonc-parser';
import { readHistory } from '../../helpers/history';
import { tempSpace, type TempRepo } from '../../helpers/tempRepo';

const NOW = new Date('2024-07-01T00:00:00Z');

describe('core/metrics/delivery: which tags are releases', () => {
  const space = tempSpace();

  /** One commit a day from June 1st; `tags` puts tags on the commit of that day (annotated when given a message). */
  function repoWith(days: number, tags: Record<number, readonly (string | [string, string])[]>): TempRepo {
    const repo = space.repo();
    for (let d = 1; d <= days; d++) {
      const date = `2024-06-${String(d).padStart(2, '0')}T10:00:00Z`;
      repo.write(`f${d}.txt`, `${d}\n`).commit(d % 4 === 0 ? `fix: bug ${d}` : `feat: work ${d}`, date);
      for (const t of tags[d] ?? []) {
        const tagDate = `2024-06-${String(d).padStart(2, '0')}T12:00:00Z`;
        if (typeof t === 'string') repo.tag(t, tagDate);
        else repo.tag(t[0], tagDate, t[1]);
      }
    }
    return repo;
  }

  it('recognises pre-releases and nothing else', () => {
    for (const name of ['v2.51.0-rc0', 'v8.0.0-beta.3', 'v1.0.0-alpha', 'v3.0.0-pre.1', '1.0rc1', 'release/v2.0-RC2', 'v4.0.0-preview']) {
      assert.equal(isPreRelease(name), true, name);
    }
    for (const name of ['v2.51.0', 'v2.51.1', '3.1.3', 'v1', 'v2.0.0+build.5', 'release-2024.06', 'v1.0.0-hotfix']) {
      assert.equal(isPreRelease(name), false, name);
    }
  });

  it('leaves release candidates and betas out by default; releaseTagExclude [] counts them', async () => {
    const repo = repoWith(12, {
      2: [['v2.50.0', 'v2.50.0']],
      5: [['v2.51.0-rc0', 'rc0']],
      7: [['v2.51.0-rc1', 'rc1']],
      9: [['v2.51.0', 'v2.51.0']],
      11: ['v2.51.1'],
    });
    const history = await readHistory(repo.dir);
    const names = (rule = releaseRuleOf()): string[] => releases(history, rule).map((r) => r.tag.name);
    assert.deepEqual(names(), ['v2.50.0', 'v2.51.0', 'v2.51.1']);
    // The final release shipped everything since v2.50.0, release candidates' commits included.
    assert.equal(releases(history)[1]!.commits.length, 7);
    assert.deepEqual(names(releaseRuleOf({ releaseTagExclude: [] })), ['v2.50.0', 'v2.51.0-rc0', 'v2.51.0-rc1', 'v2.51.0', 'v2.51.1']);
    assert.deepEqual(names(releaseRuleOf({ releaseTagExclude: ['*.1'] })), ['v2.50.0', 'v2.51.0-rc0', 'v2.51.0-rc1', 'v2.51.0']);
    // Data quality counts what the metrics use, and says how many tags were left out.
    const dq = dataQuality(history, population(history, {}), NOW);
    assert.equal(dq.releaseTags, 3);
    assert.equal(dq.excludedTags, 2);
    assert.deepEqual(
      dq.notes.filter((n) => n.code === 'releaseTagsExcluded').map((n) => n.message),
      [
        '2 tags match the release pattern but are not counted as releases (v2.51.0-rc0, v2.51.0-rc1): pre-releases and archive tags are left out unless repository.releaseTagExclude says otherwise.',
      ],
    );
  });

  it('counts a final release tagged on the commit of its release candidate', async () => {
    const repo = repoWith(6, { 2: ['v1.0.0'], 5: [['v1.1.0-rc1', 'rc1']] });
    repo.tag('v1.1.0', '2024-06-06T15:00:00Z', 'final, on the release candidate');
    repo.git(['tag', '-d', 'v1.1.0']);
    repo.git(['tag', '-a', 'v1.1.0', '-m', 'final', 'v1.1.0-rc1^{commit}'], { env: { GIT_COMMITTER_DATE: '2024-06-06T15:00:00Z' } });
    const history = await readHistory(repo.dir);
    assert.deepEqual(
      releases(history).map((r) => [r.tag.name, r.commits.length]),
      [
        ['v1.0.0', 2],
        ['v1.1.0', 3],
      ],
    );
    // With pre-releases counted, the final is a deployment of its own that ships nothing new.
    assert.deepEqual(
      releases(history, releaseRuleOf({ releaseTagExclude: [] })).map((r) => [r.tag.name, r.commits.length]),
      [
        ['v1.0.0', 2],
        ['v1.1.0-rc1', 3],
        ['v1.1.0', 0],
      ],
    );
    // A moving alias on the same commit is still not another release.
    repo.git(['tag', '-a', 'v1', '-m', 'moving alias', 'v1.1.0^{commit}'], { env: { GIT_COMMITTER_DATE: '2024-06-07T09:00:00Z' } });
    const again = await readHistory(repo.dir);
    assert.deepEqual(
      releases(again).map((r) => r.tag.name),
      ['v1.0.0', 'v1.1.0'],
    );
    assert.equal(dataQuality(again, population(again, {}), NOW).releaseTags, 2);
  });

  it('takes a list of patterns, and never counts archive tags such as 2.3.x', async () => {
    const repo = repoWith(8, { 1: ['2.3.x'], 2: ['3.1.2'], 4: ['release-7'], 6: ['3.1.3'], 8: ['nightly'] });
    const history = await readHistory(repo.dir);
    const rule = releaseRuleOf({ releaseTagPattern: ['[0-9]*', 'release-*'] });
    assert.deepEqual(
      releases(history, rule).map((r) => r.tag.name),
      ['3.1.2', 'release-7', '3.1.3'],
    );
    const dq = dataQuality(history, population(history, {}), NOW, rule);
    assert.equal(dq.excludedTags, 1);
    assert.match(dq.notes.find((n) => n.code === 'releaseTagsExcluded')?.message ?? '', /\(2\.3\.x\)/);
  });

  it('proposes the pattern of unprefixed version tags when none matches v*, with a quick fix in kpi.json', async () => {
    const repo = repoWith(8, { 1: ['2.3.x'], 3: ['3.1.1'], 5: ['3.1.2'], 7: ['3.1.3'], 8: ['3.2.0rc1'] });
    const history = await readHistory(repo.dir);
    assert.deepEqual(suggestReleasePatternFor(history), { pattern: '[0-9]*', tags: ['3.1.1', '3.1.2', '3.1.3'] });
    const dq = dataQuality(history, population(history, {}), NOW);
    assert.equal(dq.releaseTags, 0);
    assert.equal(dq.suggestedReleaseTagPattern, '[0-9]*');
    assert.deepEqual(
      dq.notes.filter((n) => n.code === 'noReleaseTags').map((n) => n.message),
      [
        'No release tags match "v*", but 3 tags look like a version (3.1.1, 3.1.2, 3.1.3): set repository.releaseTagPattern to "[0-9]*". Delivery metrics are unavailable (not zero) until then.',
      ],
    );
    const text =
      '{\n  "objectives": [{ "name": "Ship", "kpis": [{ "id": "d", "name": "Deploys", "metric": "deploymentFrequency", "window": "4w" }] }]\n}\n';
    const parsed = parseKpiFile(text);
    const evaluation = evaluate(parsed.config!, history, NOW);
    const problem = smartProblems(parsed.config!, parsed.root!, evaluation).find((p) => p.code === 'smart-release-pattern');
    assert.ok(problem?.fix, 'a quick fix is offered');
    const fixed = applyEdits(text, fixEdits(text, problem.fix, '2024-07-01'));
    const after = parseKpiFile(fixed);
    assert.equal(after.config?.repository.releaseTagPattern, '[0-9]*');
    const deploys = evaluate(after.config!, history, NOW).objectives[0]!.kpis[0]!;
    // 3.1.1, 3.1.2 and 3.1.3 in the 4 complete weeks before July; not 2.3.x, not 3.2.0rc1.
    assert.equal(deploys.details?.['releases'], 3);
    assert.equal(deploys.value, 0.75);
    // No proposal where nothing looks like a version, nor when delivery KPIs are absent.
    const plain = repoWith(3, { 2: ['nightly', 'latest'] });
    assert.equal(suggestReleasePatternFor(await readHistory(plain.dir)), undefined);
    const noDelivery = parseKpiFile(
      '{"objectives": [{"name": "O", "kpis": [{"name": "C", "metric": "commitFrequency", "window": "4w"}]}]}',
    );
    assert.equal(
      smartProblems(noDelivery.config!, noDelivery.root!, evaluate(noDelivery.config!, history, NOW)).some(
        (p) => p.code === 'smart-release-pattern',
      ),
      false,
    );
  });

  it('peels a tag of a tag to its commit, and dates a tag without a tagger line by its commit', async () => {
    const repo = repoWith(4, { 2: [['v1.0.0', 'inner']] });
    repo.git(['tag', '-a', 'v1.0.1', '-m', 'a tag of a tag', 'v1.0.0'], { env: { GIT_COMMITTER_DATE: '2024-06-03T12:00:00Z' } });
    const head = repo.head();
    const object = `object ${head}\ntype commit\ntag v1.1.0\n\nno tagger line\n`;
    const tagId = repo.git(['hash-object', '-t', 'tag', '-w', '--literally', '--stdin'], { input: object }).trim();
    repo.git(['update-ref', 'refs/tags/v1.1.0', tagId]);
    const history = await readHistory(repo.dir);
    const byName = new Map((history.tags ?? []).map((t) => [t.name, t]));
    const second = repo.git(['rev-parse', 'HEAD~2']).trim();
    assert.equal(byName.get('v1.0.1')?.commit, second, 'the nested tag peels to the commit');
    assert.equal(byName.get('v1.0.1')?.time, Date.parse('2024-06-03T12:00:00Z'));
    assert.equal(byName.get('v1.1.0')?.time, Date.parse('2024-06-04T10:00:00Z'), "the commit's date, not 1970");
    // v1.0.1 is on v1.0.0's commit: an alias, not another release; v1.1.0 is a release.
    assert.deepEqual(
      releases(history).map((r) => r.tag.name),
      ['v1.0.0', 'v1.1.0'],
    );
  });

  it('names a release that ships more than a quarter of the lead-time samples', async () => {
    // v1.0.0 ships days 1–2, v1.1.0 days 3–8 (6 of 8 changes), both inside 8w.
    const repo = repoWith(8, { 2: [['v1.0.0', 'one']], 8: [['v1.1.0', 'two']] }); // annotated: tagged at noon
    const history = await readHistory(repo.dir);
    const r = leadTime.compute({ history, window: windowEndingAt(NOW, '8w') });
    assert.equal(r.sampleSize, 8);
    assert.equal(r.details?.['largestReleaseShare'], 75);
    assert.equal(r.note && english(r.note), 'v1.1.0 shipped 6 of the 8 changes (75%): the median leans on it.');
    // One release alone is not "leaning": no note.
    const one = leadTime.compute({ history, window: windowEndingAt(new Date('2024-06-04T00:00:00Z'), '3d') });
    assert.equal(one.sampleSize, 2);
    assert.equal(one.note, undefined);
  });
});
