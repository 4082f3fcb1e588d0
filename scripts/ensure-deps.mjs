// Runs `npm ci` when node_modules is missing or older than package-lock.json, so that
// `npm start` and `npm test` work right after a clone or a lock-file change.
// No npm dependencies: it runs before they exist. Quick (two stat calls) when up to date.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
// npm writes this file at the end of every install, so its time is the install's time.
const installed = path.join(root, 'node_modules', '.package-lock.json');

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

const lockTime = mtime(lock);
const installTime = mtime(installed);
if (lockTime === undefined) {
  console.warn('[ensure-deps] no package-lock.json: skipping');
} else if (installTime === undefined || installTime < lockTime) {
  console.log(`[ensure-deps] node_modules is ${installTime === undefined ? 'missing' : 'older than package-lock.json'}: running npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
}

// `npm test` also needs a browser for the integration tier, and Prometheus (its promtool and
// server) and the Pushgateway for the OpenMetrics checks against real servers. On Debian as root (CI, a fresh machine) they come from Debian's
// packages; elsewhere the message says how.
if (process.argv.includes('--browser')) {
  const onPath = (cmd) => (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, cmd)));
  const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const missing = [];
  if (!chromium.some((p) => fs.existsSync(p))) missing.push('chromium');
  if (!onPath('promtool') || !onPath('prometheus')) missing.push('prometheus');
  if (!onPath('prometheus-pushgateway')) missing.push('prometheus-pushgateway');
  if (missing.length > 0) {
    const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
    if (!canApt) {
      console.error(`[ensure-deps] missing: ${missing.join(', ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')}).`);
      process.exit(1);
    }
    console.log(`[ensure-deps] installing Debian's ${missing.join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  }
}
