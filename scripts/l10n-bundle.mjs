// Writes l10n/bundle.l10n.json, the English bundle of every runtime string: the UI's
// vscode.l10n.t strings, extracted with @vscode/l10n-dev from src/, and the core's text()
// templates (src/core builds its messages with text() so that it never imports vscode; the
// views translate them with the same bundle). Sorted by key, so the file diffs well.
//   node scripts/l10n-bundle.mjs           write the bundle
//   node scripts/l10n-bundle.mjs --check   exit 1 when the committed bundle is out of date
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const target = path.join(root, 'l10n', 'bundle.l10n.json');

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.generated.ts') ? [p] : [];
  });
}

const files = sourceFiles(path.join(root, 'src'));
const ui = await getL10nJson(files.map((f) => ({ contents: fs.readFileSync(f, 'utf8'), extension: '.ts' })));
const TEXT_CALL = /(?<![\w.])text\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g;
const strings = new Map();
for (const [key, value] of Object.entries(ui)) strings.set(key, typeof value === 'string' ? value : value.message);
for (const f of files.filter((f) => f.startsWith(path.join(root, 'src', 'core')))) {
  for (const m of fs.readFileSync(f, 'utf8').matchAll(TEXT_CALL)) {
    const s = m[2].replace(/\\(['"])/g, '$1');
    strings.set(s, s);
  }
}
const sorted = Object.fromEntries([...strings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const text = `${JSON.stringify(sorted, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
  console.log(`l10n/bundle.l10n.json: ${strings.size} strings`);
}
