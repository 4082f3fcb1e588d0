// The Traditional Chinese bundles must translate every string the extension shows.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function placeholders(s: string): string[] {
  return (s.match(/\{\d+\}/g) ?? []).sort();
}

describe('translations (zh-tw)', () => {
  it('bundle.l10n.zh-tw.json translates every vscode.l10n.t string, keeping placeholders', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
        used.add(m[1]!.replace(/\\'/g, "'"));
      }
    }
    assert.ok(used.size > 10, 'expected to find the extension strings');
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-tw.json'), 'utf8')) as Record<string, string>;
    const missing = [...used].filter((k) => !(k in bundle));
    assert.deepEqual(missing, []);
    for (const k of used) assert.deepEqual(placeholders(bundle[k]!), placeholders(k), k);
    const unused = Object.keys(bundle).filter((k) => !used.has(k));
    assert.deepEqual(unused, [], 'stale translations');
  });

  it('package.nls.zh-tw.json has every key of package.nls.json, and package.json uses only known keys', () => {
    const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-tw.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const pkg = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...pkg.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 5);
    for (const k of keys) assert.ok(k in en, `package.json uses %${k}% which package.nls.json lacks`);
  });
});
