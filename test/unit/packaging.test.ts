// What the packages ship besides code: the third-party notices match what the bundles hold
// (scripts/notices.mjs --check, from esbuild's metafile), the manifest has what the
// Marketplace needs, and the CLI package ships the notices with its bundle.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../../..');

describe('packaging', function () {
  this.timeout(60_000);

  it('ThirdPartyNotices.txt lists exactly the packages the bundles contain, with their licences', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'notices.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const text = fs.readFileSync(path.join(ROOT, 'ThirdPartyNotices.txt'), 'utf8');
    for (const name of ['simple-git', 'jsonc-parser', 'uplot', '@vscode/codicons'])
      assert.match(text, new RegExp(`^${name} \\S+ \\(`, 'm'), name);
    assert.match(text, /Attribution 4\.0 International/, 'the codicon font licence (CC BY 4.0) is reproduced');
  });

  it('the manifest has an icon, a repository, a prepublish build, and ships the notices and both bundles', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      icon: string;
      repository: { url: string };
      scripts: Record<string, string>;
    };
    assert.ok(fs.statSync(path.join(ROOT, pkg.icon)).size > 1000, pkg.icon);
    assert.equal(fs.readFileSync(path.join(ROOT, pkg.icon)).subarray(1, 4).toString(), 'PNG');
    assert.match(pkg.repository.url, /^https:\/\//);
    assert.match(pkg.scripts['vscode:prepublish']!, /esbuild\.js --production/);
    assert.doesNotMatch(pkg.scripts['package']!, /allow-missing-repository/);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const f of ['!ThirdPartyNotices.txt', '!l10n/*.json', '!media/icon.png']) assert.ok(ignore.includes(f), f);
    const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', 'cli', 'package.json'), 'utf8')) as { files: string[] };
    assert.ok(cli.files.includes('ThirdPartyNotices.txt'));
  });
});
