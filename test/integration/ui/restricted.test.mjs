// Restricted Mode as a person meets it: a server with workspace trust on (its own, started
// for this suite and stopped after it), a fresh demo workspace opened behind the trust
// dialog, "No, I don't trust the authors". The KPIs view then says why it shows no values,
// kpi.json is still checked (parsing needs no git), and git never runs for the workspace;
// trusting it from "Workspaces: Manage Workspace Trust" computes the KPIs.
//
// "git never ran" is observed, not inferred: this server's PATH starts with a `git` wrapper
// that logs its working directory and arguments, then runs the real git. Our runner passes
// `--no-optional-locks` on every call (src/git/runner.ts); VS Code's own git extension does
// not, so the log tells our calls from its calls. Trusting the workspace is the control:
// our calls then do show up in the log, so the wrapper is the git the extension runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROKEN_KPI_JSON } from '../../../scripts/demo-repo.mjs';
import { realGit, shellQuote } from './gitOnPath.mjs';
import { harness } from './harness.mjs';
import {
  answerTrustDialog,
  closeToShown,
  frameWith,
  inRestrictedMode,
  numbersIn,
  openViewContainer,
  openWorkbench,
  problems,
  runCommand,
  screenshotOnFailure,
  screenshotPath,
  statusBarLabel,
  treeRows,
  trustWorkspace,
  viewMessage,
  widenSideBar,
} from './workbench.mjs';

const VIEW_CONTAINER = 'KPIs';
const TREE = 'Objectives';
const TRUST_ROW = 'Trust this workspace to compute KPIs from git.';
const VIEW_MESSAGE = 'Restricted mode: git is not run.';
const STATUS_ENTRY = 'engineeringKpis.summary';
/** The argument only our git runner passes (src/git/runner.ts). */
const OUR_FLAG = '--no-optional-locks';

/** A folder holding a `git` that appends "<cwd>\t<args>" to `logFile`, then execs the real git. */
function gitWrapper(dir, logFile) {
  const quote = shellQuote;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'git'),
    ['#!/bin/sh', `printf '%s\\t%s\\n' "$(pwd -P)" "$*" >> ${quote(logFile)}`, `exec ${quote(realGit())} "$@"`, ''].join('\n'),
    { mode: 0o755 },
  );
}

/** The wrapper's log: every git call made through this server's PATH, as { cwd, args }. */
function gitCalls(logFile) {
  if (!fs.existsSync(logFile)) return [];
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { cwd: line.slice(0, tab), args: line.slice(tab + 1) };
    });
}

const ours = (call) => call.args.split(' ').includes(OUR_FLAG);

describe('Restricted Mode (a server with workspace trust on)', function () {
  let ws;
  let wb;
  let server;
  let gitLog;
  let wsReal;

  before(async function () {
    const h = harness();
    ws = await h.createWorkspace('restricted');
    wsReal = fs.realpathSync(ws.dir);
    const aside = path.dirname(ws.dir);
    gitLog = path.join(aside, 'git-calls.log');
    gitWrapper(path.join(aside, 'git-wrapper'), gitLog);
    server = await h.startServer({
      trustWorkspace: false,
      // The extension host would otherwise take PATH from a login shell (/etc/profile resets
      // it), and the wrapper would not be the git it finds.
      args: ['--force-disable-user-env'],
      env: { PATH: `${path.join(aside, 'git-wrapper')}${path.delimiter}${process.env.PATH}` },
    });
    wb = await openWorkbench(ws.dir, { server });
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
    await server?.stop();
  });

  it('opens the folder behind the trust dialog; "No, I don\'t trust the authors" keeps Restricted Mode', async function () {
    const { page } = wb;
    await answerTrustDialog(page, { trust: false });
    assert.ok(await inRestrictedMode(page), 'the status bar shows "Restricted Mode"');
  });

  it('the KPIs view says why it shows no values, the status bar and the dashboard agree', async function () {
    const { page } = wb;
    await openViewContainer(page, VIEW_CONTAINER);
    const rows = await treeRows(page, TREE, (r) => r.some((row) => row.label === TRUST_ROW));
    assert.deepEqual(
      rows.map((r) => r.label),
      [TRUST_ROW],
      'one row, the trust message: no objective and no KPI',
    );
    assert.equal(await viewMessage(page, TREE, (m) => m === VIEW_MESSAGE), VIEW_MESSAGE, 'the view message');
    const status = await statusBarLabel(page, STATUS_ENTRY, (l) => l.includes(VIEW_MESSAGE));
    assert.ok(status.includes(VIEW_MESSAGE), `the status bar entry says restricted mode, not that kpi.json needs attention: "${status}"`);
    assert.ok(!/\d/.test(status), `no counts in the status bar entry: "${status}"`);

    await runCommand(page, 'KPI: Open Dashboard');
    const frame = await frameWith(page, '.notice');
    const notice = await frame.$eval('.notice', (el) => el.textContent?.trim() ?? '');
    assert.ok(notice.includes(TRUST_ROW), `the dashboard's notice: "${notice}"`);
    assert.equal((await frame.$$('.kpi-card')).length, 0, 'no KPI cards on the dashboard');

    await widenSideBar(page);
    await page.mouse.move(900, 700); // off the sash, which stays highlighted under the mouse
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('restricted.png') });
  });

  it('still checks kpi.json: a broken file is an "Engineering KPIs" problem until it is fixed', async function () {
    const { page } = wb;
    const file = path.join(ws.dir, 'kpi.json');
    const original = fs.readFileSync(file, 'utf8');
    const ourProblem = (r) => r.text.includes('Engineering KPIs');
    assert.deepEqual((await problems(page, () => true)).filter(ourProblem), [], 'no problems on the demo kpi.json');
    fs.writeFileSync(file, BROKEN_KPI_JSON);
    try {
      const rows = await problems(page, (r) => r.some((row) => row.severity === 'error' && ourProblem(row)));
      assert.ok(
        rows.some((r) => r.text.includes('kpi.json')),
        `the problem is filed under kpi.json: ${JSON.stringify(rows)}`,
      );
      // Still restricted: the trust message, no "kpi.json has errors" row with last values.
      const tree = await treeRows(page, TREE);
      assert.deepEqual(
        tree.map((r) => r.label),
        [TRUST_ROW],
        'the tree still shows only the trust message',
      );
    } finally {
      fs.writeFileSync(file, original);
    }
    await problems(page, (r) => !r.some(ourProblem));
    // A refresh asked for by the person runs no git either (checked in the next test).
    await runCommand(page, 'KPI: Refresh');
    await treeRows(page, TREE, (r) => r.length === 1 && r[0].label === TRUST_ROW);
  });

  it('runs no git while restricted (the git on its PATH logs every call)', async function () {
    assert.ok(await inRestrictedMode(wb.page), 'still in Restricted Mode');
    const calls = gitCalls(gitLog);
    assert.deepEqual(calls.filter(ours), [], `no git call of ours, in any folder: ${JSON.stringify(calls)}`);
    assert.deepEqual(
      calls.filter((c) => c.cwd === wsReal || c.cwd.startsWith(`${wsReal}/`)),
      [],
      "no git call at all in the workspace (VS Code's git extension is off in Restricted Mode too)",
    );
  });

  it('trusting the workspace ("Manage Workspace Trust", "Trust") computes the KPIs with git', async function () {
    const { page } = wb;
    await trustWorkspace(page);
    await openViewContainer(page, VIEW_CONTAINER);
    const rows = await treeRows(page, TREE, (r) =>
      ws.expected.every((k) => r.some((row) => row.label === k.name && /\d/.test(row.description))),
    );
    assert.ok(!rows.some((r) => r.label === TRUST_ROW), 'the trust message is gone');
    for (const k of ws.expected) {
      const row = rows.find((r) => r.label === k.name);
      const [shown] = numbersIn(row.description);
      assert.ok(shown !== undefined && closeToShown(shown, k.value), `${k.name}: "${row.description}" should show ${k.value}`);
    }
    assert.equal(await viewMessage(page, TREE, (m) => m === ''), '', 'no view message once trusted');
    const status = await statusBarLabel(page, STATUS_ENTRY, (l) => !l.includes(VIEW_MESSAGE));
    assert.ok(!status.includes(VIEW_MESSAGE), `the status bar entry counts KPIs now: "${status}"`);
    const mine = gitCalls(gitLog).filter(ours);
    assert.ok(mine.length > 0, 'our git calls went through the wrapper once trusted');
    assert.ok(
      mine.every((c) => c.cwd === wsReal),
      `our git calls run in the workspace: ${JSON.stringify([...new Set(mine.map((c) => c.cwd))])}`,
    );
    assert.ok(
      mine.some((c) => /(^| )log( |$)/.test(c.args)),
      `one of them reads the history: ${JSON.stringify(mine.map((c) => c.args))}`,
    );
  });
});
