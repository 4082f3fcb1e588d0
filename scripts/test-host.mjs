// Integration tests in a real VS Code (npm run test:integration). Two parts share one
// VS Code server (scripts/vscode-server.mjs) and one headless Chromium:
//  1. in-host: the mocha suite out/test/integration/index.js runs inside the extension
//     host, like @vscode/test-electron would run it: once on a fresh demo repository, and
//     once on a shallow clone of one (each suite file says which variants it applies to);
//  2. ui: test/integration/ui/*.test.mjs run here in Node and drive the workbench as a
//     person would (activity bar, tree, command palette, dashboard webview, Problems). A
//     suite may start a server of its own through the harness (the restricted-mode suite
//     keeps workspace trust on), with the same environment and log; it stops it itself.
// Prints the totals of all parts as the last line, always "N passed, N failed" (also after
// a harness error or Ctrl+C), and exits non-zero when a test failed or no test ran.
//
// Options: --only host|ui, --grep TEXT, --headed, --keep (keep temp folders),
//          --extension-path DIR (test another build, e.g. an unzipped .vsix's extension/),
//          --prepare (only make a demo workspace + facts file, print them as JSON; used
//          by out/test/integration/runElectron.js).
// Environment: ENGINEERING_KPIS_NOW (default: the demo reference date),
//              KPI_TEST_TIMEOUT_MS (in-host suite, default 300000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import {
  BROKEN_KPI_JSON,
  DEMO_REFERENCE,
  createDemoRepo,
  expectedDataQuality,
  expectedKpis,
  expectedObjectives,
  shallowClone,
  worktreeSubfolder,
} from './demo-repo.mjs';
import { ROOT, chromiumLaunchOptions, ensureServer, startServer } from './vscode-server.mjs';

const require = createRequire(import.meta.url);
const RESULTS_DIR = path.join(ROOT, 'test-results');
const HOST_ENTRY = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const UI_DIR = path.join(ROOT, 'test', 'integration', 'ui');
const NOW = new Date(process.env.ENGINEERING_KPIS_NOW ?? DEMO_REFERENCE.now).toISOString();

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    grep: { type: 'string' },
    headed: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'extension-path': { type: 'string' },
    prepare: { type: 'boolean', default: false },
  },
});
const extensionPath = path.resolve(opts['extension-path'] ?? ROOT);

/** Depth of the shallow clone variant, as CI checkouts make them. */
const SHALLOW_DEPTH = 5;

/**
 * A workspace at `<base>/<name>/harbor` plus `<base>/<name>.facts.json` describing it: the
 * demo repository (variant 'demo'), or a `git clone --depth 5` of one made next to it
 * (variant 'shallow'; its KPI values are partial, so `expected` is empty), or a subfolder of
 * a `git worktree` of one (variant 'worktree'; only the watch suite runs there).
 */
async function prepareWorkspace(base, name, { variant = 'demo' } = {}) {
  let dir = path.join(base, name, 'harbor');
  let facts = await createDemoRepo(variant === 'demo' ? dir : path.join(base, name, 'origin', 'harbor'), { now: new Date(NOW) });
  if (variant === 'shallow') facts = shallowClone(facts, dir, SHALLOW_DEPTH);
  if (variant === 'worktree') {
    facts = worktreeSubfolder(facts, dir);
    dir = facts.dir;
  }
  const expected = variant === 'demo' ? expectedKpis(facts) : [];
  const objectives = variant === 'demo' ? expectedObjectives(facts) : [];
  const quality = expectedDataQuality(facts);
  const factsFile = path.join(base, `${name}.facts.json`);
  const doc = {
    variant,
    workspace: dir,
    now: NOW,
    expected,
    objectives,
    quality,
    kpiJson: facts.kpiJson,
    brokenKpiJson: BROKEN_KPI_JSON,
    facts,
  };
  fs.writeFileSync(factsFile, JSON.stringify(doc, null, 2));
  return { variant, dir, facts, expected, objectives, quality, factsFile, doc };
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------- part 1: in the extension host

async function runHostSuite({ server, browser, workspace, resultsFile, hostLog }) {
  fs.rmSync(resultsFile, { force: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const started = Date.now();
  try {
    let exit;
    const exited = new Promise((resolve) => {
      exit = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const errors = [];
    page.on('console', (m) => {
      hostLog.write(`[browser ${m.type()}] ${m.text()}\n`);
      if (m.type() === 'error' && /Activating extension|engineering-kpis|extensionTestsPath|integration[/\\]index/i.test(m.text()))
        errors.push(m.text());
    });
    page.on('pageerror', (e) => hostLog.write(`[page error] ${e.message}\n`));
    await page.goto(
      server.url(workspace, [
        ['extensionDevelopmentPath', extensionPath],
        ['extensionTestsPath', HOST_ENTRY],
      ]),
    );
    const timeoutMs = Number(process.env.KPI_TEST_TIMEOUT_MS ?? 300_000);
    let code;
    try {
      code = await withTimeout(exited, timeoutMs, 'the in-host suite');
    } catch (err) {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'in-host-timeout.png') }).catch(() => {});
      throw err;
    }
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
    // --grep may match tests of one workspace variant only: the other one then ran none.
    if (opts.grep && results && results.passed + results.failed + results.pending === 0) return { passed: 0, failed: 0, noneMatched: true };
    log(`in-host suite finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0 || !results?.passed) {
      for (const e of errors.slice(0, 10)) log(`  [extension host] ${e.split('\n').slice(0, 4).join('\n    ')}`);
    }
    if (!results) {
      // run() never got as far as writing results: the entry failed to load, or threw early.
      return {
        passed: 0,
        failed: 1,
        failures: [{ title: 'in-host suite', error: `exit code ${code} and no results (see test-results/vscode-server.log)` }],
      };
    }
    if (code !== 0 && results.failed === 0) {
      results.failed = 1;
      results.failures.push({ title: 'in-host suite', error: `exit code ${code}` });
    }
    return results;
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- part 2: as a person

async function runUiSuite({ server, browser, base, env, onOutput }) {
  const Mocha = require('mocha');
  const { setHarness } = await import('../test/integration/ui/harness.mjs');
  let count = 0;
  let servers = 0;
  setHarness({
    root: ROOT,
    extensionPath,
    now: NOW,
    server,
    browser,
    resultsDir: RESULTS_DIR,
    createWorkspace: (name, options) => prepareWorkspace(base, `ui-${++count}-${name}`, options),
    // Another server for one suite (e.g. { trustWorkspace: false }); the suite stops it.
    // Same environment and log as the shared one, plus `options.env`.
    startServer: (options = {}) =>
      startServer({ ...options, dataDir: path.join(base, `vscode-ui-${++servers}`), env: { ...env, ...options.env }, onOutput }),
    log,
  });
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 90_000,
    reporter: 'spec',
    forbidOnly: Boolean(process.env.CI),
    ...(opts.grep ? { grep: opts.grep } : {}),
  });
  const files = fs.existsSync(UI_DIR)
    ? fs
        .readdirSync(UI_DIR)
        .filter((f) => f.endsWith('.test.mjs'))
        .sort()
    : [];
  for (const f of files) mocha.addFile(path.join(UI_DIR, f));
  await mocha.loadFilesAsync();
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mocha.dispose();
  return { passed: stats.passes, failed: stats.failures, pending: stats.pending };
}

// ---------------------------------------------------------------- main

let tempBase;
/** [label, { passed, failed, pending? }] of every part that ran, for the summary line. */
const parts = [];
let harnessFailures = 0;

/** The last line of every run, whatever happened: "N passed, N failed". */
function summaryLine() {
  const passed = parts.reduce((n, [, r]) => n + r.passed, 0);
  const failed = parts.reduce((n, [, r]) => n + r.failed, harnessFailures);
  return { passed, failed, text: `${passed} passed, ${failed} failed` };
}

async function main() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-it-'));
  tempBase = opts.keep || opts.prepare ? undefined : base;
  if (opts.prepare) {
    const { dir, factsFile } = await prepareWorkspace(base, 'electron');
    const resultsFile = path.join(base, 'electron.results.json');
    process.stdout.write(
      JSON.stringify({
        workspace: dir,
        factsFile,
        resultsFile,
        env: { ENGINEERING_KPIS_NOW: NOW, ENGINEERING_KPIS_FACTS: factsFile, ENGINEERING_KPIS_TEST_RESULTS: resultsFile },
      }) + '\n',
    );
    return 0;
  }
  const runHost = opts.only === undefined || opts.only === 'host';
  const runUi = opts.only === undefined || opts.only === 'ui';
  const missing = [
    [path.join(extensionPath, 'dist', 'extension.js'), 'npm run build'],
    ...(runHost ? [[HOST_ENTRY, 'npm run compile-tests']] : []),
  ].filter(([f]) => !fs.existsSync(f));
  if (missing.length > 0) {
    for (const [f, fix] of missing) log(`missing ${path.relative(ROOT, f)}: run \`${fix}\` first (npm test does both)`);
    log('0 passed, 1 failed');
    return 1;
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const f of fs.readdirSync(RESULTS_DIR)) {
    if (/^(failed-.*|in-host-timeout)\.png$/.test(f)) fs.rmSync(path.join(RESULTS_DIR, f));
  }
  const serverLog = fs.createWriteStream(path.join(RESULTS_DIR, 'vscode-server.log'));
  const t0 = Date.now();
  ensureServer({ log });

  // The in-host workspaces; the tests find their own facts by the folder VS Code opened.
  const hosts = runHost
    ? [
        await prepareWorkspace(base, 'host'),
        await prepareWorkspace(base, 'host-shallow', { variant: 'shallow' }),
        await prepareWorkspace(base, 'host-worktree', { variant: 'worktree' }),
      ]
    : [];
  const hostFacts = path.join(base, 'host.facts.json');
  if (runHost) fs.writeFileSync(hostFacts, JSON.stringify({ workspaces: hosts.map((h) => h.doc) }, null, 2));
  const resultsFile = path.join(base, 'host.results.json');
  // The extension host inherits the server's environment: this is how the clock, the facts
  // and the results file reach the in-host tests.
  const serverTmp = path.join(base, 'tmp');
  fs.mkdirSync(serverTmp);
  const env = {
    // VS Code's git extension leaves an IPC socket in the temp folder: keep it in ours.
    TMPDIR: serverTmp,
    ENGINEERING_KPIS_NOW: NOW,
    ...(runHost ? { ENGINEERING_KPIS_FACTS: hostFacts } : {}),
    ENGINEERING_KPIS_TEST_RESULTS: resultsFile,
    ...(opts.grep ? { ENGINEERING_KPIS_TEST_GREP: opts.grep } : {}),
  };
  // Late output of a stopping server must not write to the closed log (an error after the summary).
  const onOutput = (chunk) => serverLog.writableEnded || serverLog.write(chunk);
  let server;
  let browser;
  try {
    server = await startServer({ dataDir: path.join(base, 'vscode'), env, onOutput });
    const { chromium } = require('playwright-core');
    browser = await chromium.launch(chromiumLaunchOptions({ headless: !opts.headed }));
    log(`VS Code server on ${server.base}, Chromium ${browser.version()}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    for (const host of hosts) {
      const label = host.variant === 'demo' ? 'in-host' : `in-host, ${host.variant}`;
      log(`\n=== ${label} suite (mocha inside the extension host, ${path.relative(base, host.dir)}) ===`);
      const r = await runHostSuite({ server, browser, workspace: host.dir, resultsFile, hostLog: serverLog }).catch((err) => ({
        passed: 0,
        failed: 1,
        failures: [{ title: `${label} suite`, error: String(err?.stack ?? err) }],
      }));
      if (r.noneMatched) {
        log(`no test here matches --grep ${JSON.stringify(opts.grep)}`);
        continue;
      }
      for (const line of r.report ?? []) log(line);
      for (const f of r.failures ?? []) log(`  FAILED ${f.title}\n    ${f.error.split('\n').slice(0, 6).join('\n    ')}`);
      parts.push([label, r]);
    }
    if (runUi) {
      log('\n=== Node suite (demo repository checks, Playwright driving the workbench) ===');
      const r = await runUiSuite({ server, browser, base, env, onOutput }).catch((err) => {
        log(String(err?.stack ?? err));
        return { passed: 0, failed: 1 };
      });
      parts.push(['ui', r]);
    }
  } catch (err) {
    log(`harness error: ${err?.stack ?? err}`);
    harnessFailures += 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    serverLog.end();
    if (opts.keep) log(`kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
  let empty = false;
  log('');
  for (const [name, r] of parts) {
    log(`${name}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`);
    if (r.passed + r.failed === 0) empty = true;
  }
  log(`integration tests took ${((Date.now() - t0) / 1000).toFixed(1)} s; server log in test-results/vscode-server.log`);
  const total = summaryLine();
  log(total.text);
  return total.failed > 0 || total.passed === 0 || empty ? 1 : 0;
}

// Ctrl+C: exit, so that the servers' exit hooks end them (Chromium is ended by Playwright).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`\n${signal}: stopping`);
    if (tempBase) fs.rmSync(tempBase, { recursive: true, force: true });
    harnessFailures += 1; // the interrupted part
    log(summaryLine().text);
    process.exit(130);
  });
}
main().then(
  (code) => process.exit(code),
  (err) => {
    log(String(err?.stack ?? err));
    log('0 passed, 1 failed');
    process.exit(1);
  },
);
