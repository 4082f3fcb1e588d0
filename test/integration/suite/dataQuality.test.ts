// Data-quality notes through the API (snapshot().dataQuality), in both workspace variants:
// the demo repository (Dependabot's commits, an identity folded in by .mailmap, v* release
// tags) and a shallow clone of it. The expected codes come from the generator's facts.
import * as assert from 'assert';
import { activeApi, describeIn, loadFacts, variant } from './helpers';

const facts = loadFacts();

async function qualityCodes(): Promise<string[]> {
  const api = await activeApi();
  await api.whenIdle();
  const snapshot = api.snapshot();
  assert.ok(snapshot, 'snapshot() is undefined after whenIdle()');
  assert.strictEqual(snapshot.error, undefined, `snapshot has an error: ${snapshot.error}`);
  assert.ok(Array.isArray(snapshot.dataQuality), 'snapshot().dataQuality is an array of note codes');
  return [...snapshot.dataQuality];
}

describeIn(['demo', 'shallow'], `data-quality notes (${variant()} workspace)`, () => {
  it('are exactly the notes the repository calls for', async () => {
    assert.deepStrictEqual((await qualityCodes()).sort(), facts.quality.codes);
  });

  if (variant() === 'demo') {
    it('name the bot commits and the identity .mailmap folds in, and no missing release tags', async () => {
      const codes = await qualityCodes();
      assert.ok(facts.quality.botCommits > 0, 'the demo has Dependabot commits');
      assert.ok(codes.includes('bots'), `bot commits are noted: ${codes.join(', ')}`);
      assert.ok(facts.quality.identitiesMerged > 0, 'the demo has an old identity in .mailmap');
      assert.ok(codes.includes('identities'), `merged identities are noted: ${codes.join(', ')}`);
      assert.ok(facts.quality.releaseTags > 0, 'the demo has v* release tags');
      assert.ok(!codes.includes('noReleaseTags'), `release tags are found: ${codes.join(', ')}`);
      assert.ok(!codes.includes('shallow'), 'the demo repository is complete');
    });
  } else {
    it('say that the clone is shallow', async () => {
      const codes = await qualityCodes();
      assert.ok(codes.includes('shallow'), `a shallow clone is noted: ${codes.join(', ')}`);
    });
  }
});
