// The UI suite on the packaged extension: unpacks the .vsix `npm run package` made (a zip
// whose extension/ folder is what VS Code installs) and runs scripts/test-host.mjs --only ui
// with that folder as the extension, so only the files the package ships are there. Checks
// first that the package holds what the Marketplace and the licences ask for.
//   node scripts/test-vsix.mjs engineering-kpis.vsix
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vsix = path.resolve(process.argv[2] ?? 'engineering-kpis.vsix');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-vsix-'));
try {
  execFileSync('unzip', ['-q', vsix, '-d', dir]);
  const ext = path.join(dir, 'extension');
  const required = [
    'package.json',
    'dist/extension.js',
    'dist/engineWorker.js',
    'dist/webview.js',
    'dist/codicon.ttf',
    'media/icon.png',
    'l10n/bundle.l10n.json',
    'l10n/bundle.l10n.zh-tw.json',
    'ThirdPartyNotices.txt',
    'LICENSE.txt',
  ];
  const missing = required.filter(
    (f) => !fs.existsSync(path.join(ext, f)) && !(f === 'LICENSE.txt' && fs.existsSync(path.join(ext, 'LICENSE'))),
  );
  const unwanted = ['src', 'test', 'node_modules', 'out', 'dist/extension.js.map'].filter((f) => fs.existsSync(path.join(ext, f)));
  if (missing.length > 0 || unwanted.length > 0) {
    console.error(`[test-vsix] missing: ${missing.join(', ') || 'none'}; should not ship: ${unwanted.join(', ') || 'none'}`);
    process.exit(1);
  }
  console.log(`[test-vsix] ${path.basename(vsix)} unpacked; running the UI suite on it`);
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'test-host.mjs'), '--only', 'ui', '--extension-path', ext], {
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
