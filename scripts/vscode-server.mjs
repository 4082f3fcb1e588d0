// A real VS Code for tests and demos without a desktop download: the VS Code server from
// the `code-server` npm package, plus Debian's Chromium to show its web workbench.
// Recipe and reasons: shared/notes/vscode-test-host.md. No npm dependencies here, so the
// demo and the test runner can both import it before anything else is known to work.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIR = path.join(ROOT, '.vscode-test', 'server');

const VSCODE_SUBDIR = path.join('node_modules', 'code-server', 'lib', 'vscode');
const MARKER = `.installed-code-server-${CODE_SERVER_VERSION}`;
// The native modules the server itself loads; everything else stays unbuilt.
const NATIVE_MODULES = ['@vscode/spdlog', 'node-pty', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];

/** Absolute path of the server's entry point, whether or not it is installed yet. */
export function serverMain(dir = SERVER_DIR) {
  return path.join(dir, VSCODE_SUBDIR, 'out', 'server-main.js');
}

/**
 * Install code-server's VS Code into `.vscode-test/server` unless already there.
 * Installs into a sibling temporary folder and renames it at the end, so an interrupted
 * install never leaves a half-built server behind a marker. Returns the server-main path.
 */
export function ensureServer({ log = (m) => console.log(m) } = {}) {
  if (fs.existsSync(path.join(SERVER_DIR, MARKER)) && fs.existsSync(serverMain())) {
    return serverMain();
  }
  const started = Date.now();
  log(`[vscode-server] installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, SERVER_DIR)} (about 30 s, once)`);
  fs.mkdirSync(path.dirname(SERVER_DIR), { recursive: true });
  const tmp = fs.mkdtempSync(`${SERVER_DIR}.tmp-`);
  try {
    const quiet = {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
    };
    // Install scripts stay off: code-server's postinstall refuses root, ripgrep's downloads.
    execFileSync('npm', ['install', '--ignore-scripts', '--no-save', '--prefix', tmp, `code-server@${CODE_SERVER_VERSION}`], quiet);
    const vscodeDir = path.join(tmp, VSCODE_SUBDIR);
    execFileSync('npm', ['install', '--omit=dev', '--ignore-scripts'], { ...quiet, cwd: vscodeDir });
    execFileSync('npm', ['rebuild', ...NATIVE_MODULES], { ...quiet, cwd: vscodeDir, env: { ...quiet.env, npm_config_yes: 'true' } });
    fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    installRipgrep(vscodeDir, log);
    fs.writeFileSync(path.join(tmp, MARKER), `${new Date().toISOString()}\n`);
    fs.rmSync(SERVER_DIR, { recursive: true, force: true });
    fs.renameSync(tmp, SERVER_DIR);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  log(`[vscode-server] installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return serverMain();
}

// Workbench search needs a ripgrep binary; the npm package would download one from GitHub.
function installRipgrep(vscodeDir, log) {
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) {
    log('[vscode-server] no ripgrep found: search in the workbench will not work (apt-get install -y ripgrep)');
    return;
  }
  const bin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.copyFileSync(rg, path.join(bin, 'rg'));
  fs.chmodSync(path.join(bin, 'rg'), 0o755);
}

/** Path of a Chromium the workbench can run in; throws with install advice when missing. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found (looked at ' +
        candidates.join(', ') +
        ').\n' +
        'Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH).\n' +
        'Do not use `npx playwright install`: it downloads a browser build and fails here.',
    );
  }
  return found;
}

/** Launch options for playwright-core's `chromium.launch` with Debian's Chromium. */
export function chromiumLaunchOptions({ headless = true } = {}) {
  return {
    executablePath: findChromium(),
    headless,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function answersHttp(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Start the server on 127.0.0.1 and wait until it answers HTTP.
 * @param {object} options
 * @param {number} [options.port] a free port is picked when omitted
 * @param {string} [options.dataDir] holds user and server data; a fresh temp folder when omitted
 * @param {Record<string, string>} [options.env] added to the server's (and so the extension host's) environment
 * @param {(chunk: string, stream: 'stdout' | 'stderr') => void} [options.onOutput] server and extension host output
 * @param {boolean} [options.trustWorkspace] false leaves workspace trust on (restricted-mode suites)
 * @param {string[]} [options.args] extra server arguments
 * @param {number} [options.timeoutMs]
 */
export async function startServer(options = {}) {
  const main = ensureServer();
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-vscode-'));
  const ownsDataDir = options.dataDir === undefined;
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [
    main,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--user-data-dir',
    path.join(dataDir, 'user'),
    '--server-data-dir',
    path.join(dataDir, 'server'),
    ...(options.trustWorkspace === false ? [] : ['--disable-workspace-trust']),
    ...(options.args ?? []),
  ];
  // Own process group, so stop() also ends the extension hosts and watchers it forks.
  const child = spawn(process.execPath, args, {
    cwd: dataDir,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // Detached, so a Ctrl+C in the terminal does not reach it: end it when this process ends.
  const killOnExit = () => killGroup(child.pid, 'SIGKILL');
  process.on('exit', killOnExit);
  const onOutput = options.onOutput ?? (() => {});
  child.stdout.setEncoding('utf8').on('data', (c) => onOutput(c, 'stdout'));
  child.stderr.setEncoding('utf8').on('data', (c) => onOutput(c, 'stderr'));
  let exited = false;
  let spawnError;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
    child.on('error', (err) => {
      spawnError = err;
      exited = true;
      resolve({ code: null, signal: null });
    });
  });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await answersHttp(`${base}/version`))) {
    if (exited) throw new Error(`VS Code server exited before answering on ${base}${spawnError ? `: ${spawnError.message}` : ''}`);
    if (Date.now() > deadline) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`VS Code server did not answer on ${base} within ${options.timeoutMs ?? 60_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const authority = `127.0.0.1:${port}`;
  /** A path on this machine as the workbench's remote URI. */
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  return {
    port,
    pid: child.pid,
    base,
    dataDir,
    remote,
    /**
     * Workbench URL for a folder. `payload` pairs are [key, value]; values for
     * extensionDevelopmentPath and extensionTestsPath may be plain absolute paths.
     * @param {string | undefined} folder
     * @param {Array<[string, string]>} [payload]
     */
    url(folder, payload = []) {
      const pairs = payload.map(([k, v]) =>
        (k === 'extensionDevelopmentPath' || k === 'extensionTestsPath') && v.startsWith('/') ? [k, remote(v)] : [k, v],
      );
      if (!pairs.some(([k]) => k === 'skipWelcome')) pairs.push(['skipWelcome', 'true']);
      const query = [];
      if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
      query.push(`payload=${encodeURIComponent(JSON.stringify(pairs))}`);
      return `${base}/?${query.join('&')}`;
    },
    /** Stop the server and everything it started; safe to call twice. */
    async stop() {
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      // Stragglers of the group (extension host, pty host) get no grace period.
      killGroup(child.pid, 'SIGKILL');
      process.off('exit', killOnExit);
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
