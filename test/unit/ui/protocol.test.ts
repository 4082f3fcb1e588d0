// Messages from the dashboard webview are untrusted: only the exact known shapes pass.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isFromWebview } from '../../../src/ui/protocol';

const ID = 'c'.repeat(40);

describe('ui/protocol isFromWebview', () => {
  it('accepts the known messages, with a full commit id for openCommit', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'openKpiFile' },
      { type: 'openCommit', id: ID },
      { type: 'openCommit', id: 'd'.repeat(64) },
    ]) {
      assert.ok(isFromWebview(m), JSON.stringify(m));
    }
  });

  it('refuses extra keys, other types, and anything but a full lower-case hex id', () => {
    for (const m of [
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'run', command: 'x' },
      { type: 'openCommit' },
      { type: 'openCommit', id: 'HEAD' },
      { type: 'openCommit', id: ID.slice(0, 12) },
      { type: 'openCommit', id: ID.toUpperCase() },
      { type: 'openCommit', id: `${ID} --output=x` },
      { type: 'openCommit', id: ID, path: '/etc/passwd' },
      { type: 'openCommit', id: 42 },
    ]) {
      assert.equal(isFromWebview(m), false, JSON.stringify(m));
    }
  });

  it('refuses any random object (property)', () => {
    fc.assert(
      fc.property(fc.object(), (o) => {
        if (isFromWebview(o)) assert.ok(['ready', 'refresh', 'openKpiFile', 'openCommit'].includes((o as { type: string }).type));
      }),
    );
  });
});
