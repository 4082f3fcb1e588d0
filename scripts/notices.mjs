// Writes ThirdPartyNotices.txt: every npm package whose code the bundles of esbuild.js
// contain (found from esbuild's metafile, so nothing bundled is missed and nothing unbundled
// is listed) and the codicon font copied next to them, each with its licence text. The
// codicon font's licence (CC BY 4.0) asks for attribution; so do the MIT and ISC licences.
//   node scripts/notices.mjs           write the file
//   node scripts/notices.mjs --check   exit 1 when the committed file is out of date
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { builds } = require(path.join(root, 'esbuild.js'));
const target = path.join(root, 'ThirdPartyNotices.txt');

/** The folder of the package that holds `file` (a path under node_modules). */
function packageDir(file) {
  const parts = file.split('/');
  const at = parts.lastIndexOf('node_modules');
  const scoped = parts[at + 1].startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

const dirs = new Set();
for (const b of builds) {
  const result = await esbuild.build({ ...b, absWorkingDir: root, write: false, metafile: true, logLevel: 'silent', sourcemap: false });
  for (const output of Object.values(result.metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) if (input.includes('node_modules/')) dirs.add(packageDir(input));
  }
}
// Copied, not bundled: the codicon font and its stylesheet (esbuild.js copyAssets).
dirs.add('node_modules/@vscode/codicons');

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

/** The package's licence file; for an MIT package that ships none (simple-git), the MIT terms with its author. */
function licenceText(dir, pkg) {
  const file = fs.readdirSync(path.join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (file) return fs.readFileSync(path.join(root, dir, file), 'utf8').trim();
  const repo = (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '');
  const author =
    (typeof pkg.author === 'string' ? pkg.author : pkg.author?.name) ?? `the authors of ${pkg.name}${repo ? ` (${repo})` : ''}`;
  if (pkg.license === 'MIT') return `MIT License\n\nCopyright (c) ${author}\n\n${MIT}`;
  throw new Error(`${dir}: no licence file to reproduce`);
}

const entries = [...dirs]
  .map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
    return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'see below', text: licenceText(dir, pkg) };
  })
  .sort((a, b) => (a.name < b.name ? -1 : 1));
const rule = '-'.repeat(78);
const text = [
  'Engineering KPIs: third-party notices',
  '',
  'The extension (dist/extension.js, dist/engineWorker.js, dist/webview.js, dist/webview.css) and',
  'the CLI (dist/cli/kpi.js, the engineering-kpis-cli package) bundle the code of the packages',
  'below; dist/codicon.ttf and dist/codicon.css are the codicon font of @vscode/codicons.',
  '',
  ...entries.flatMap((e) => [rule, `${e.name} ${e.version} (${e.license})`, rule, '', e.text, '']),
].join('\n');
if (process.argv.includes('--check')) {
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
    console.error('ThirdPartyNotices.txt is out of date: run `npm run notices`');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
  console.log(`ThirdPartyNotices.txt: ${entries.map((e) => e.name).join(', ')}`);
}
