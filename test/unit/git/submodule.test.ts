// A submodule is a gitlink: adding or bumping it shows in numstat as a one-line change of the
// submodule's path, and its own history is never read into the parent's.
import * as assert from 'node:assert/strict';
import { readHistory } from '../helpers/history';
import { tempSpace } from '../helpers/tempRepo';

describe('git/logFormat with a submodule', () => {
  const space = tempSpace();

  it('reads gitlink changes as one-line changes of the submodule path', async () => {
    const lib = space.repo();
    lib.commit('lib: first', '2026-01-05T10:00:00Z', { allowEmpty: true });
    const app = space.repo();
    app.write('README.md', 'app\n');
    app.commit('app: start', '2026-01-05T11:00:00Z');
    // Local file submodules need protocol.file.allow (git >= 2.38.1 refuses them by default).
    app.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib']);
    const added = app.commit('app: add lib', '2026-01-06T10:00:00Z');
    lib.commit('lib: second', '2026-01-07T10:00:00Z', { allowEmpty: true });
    app.git(['-C', 'vendor/lib', '-c', 'protocol.file.allow=always', 'pull', '-q', '--ff-only']);
    app.git(['add', 'vendor/lib']);
    const bumped = app.commit('app: bump lib', '2026-01-08T10:00:00Z');

    const history = await readHistory(app.dir);
    assert.deepEqual(
      history.commits.map((c) => c.message.trim()),
      ['app: bump lib', 'app: add lib', 'app: start'],
      "the submodule's own commits are not in the parent's history",
    );
    const byHash = new Map(history.commits.map((c) => [c.hash, c]));
    assert.deepEqual(
      byHash
        .get(added)
        ?.files?.map((f) => [f.path, f.added, f.deleted])
        .sort(),
      [
        ['.gitmodules', 3, 0],
        ['vendor/lib', 1, 0],
      ],
    );
    assert.deepEqual(byHash.get(bumped)?.files, [{ path: 'vendor/lib', added: 1, deleted: 1 }]);
  });
});
