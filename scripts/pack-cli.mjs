// Packs the installable CLI (packages/cli, published as engineering-kpis-cli): the bundle that
// `npm run build` writes to dist/cli/kpi.js, the package's README and the licence, as the
// tarball `npm pack` makes. Run after `npm run build`.
//   node scripts/pack-cli.mjs [--out DIR]   prints the tarball's path
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkgDir = path.join(root, 'packages', 'cli');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : root;

const bundle = path.join(root, 'dist', 'cli', 'kpi.js');
if (!fs.existsSync(bundle)) throw new Error('dist/cli/kpi.js is missing: run `npm run build` first');
const extension = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cli = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
if (cli.version !== extension.version) {
  throw new Error(`packages/cli/package.json is version ${cli.version}, the extension ${extension.version}: they ship together`);
}
fs.mkdirSync(path.join(pkgDir, 'dist'), { recursive: true });
fs.copyFileSync(bundle, path.join(pkgDir, 'dist', 'kpi.js'));
fs.chmodSync(path.join(pkgDir, 'dist', 'kpi.js'), 0o755);
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(pkgDir, 'LICENSE'));
fs.copyFileSync(path.join(root, 'ThirdPartyNotices.txt'), path.join(pkgDir, 'ThirdPartyNotices.txt'));
fs.mkdirSync(out, { recursive: true });
const result = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
    cwd: pkgDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
process.stdout.write(`${path.join(out, result[0].filename)}\n`);
