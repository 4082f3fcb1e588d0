// Saying what is happening on a slow first read, as a person sees it: this server's git is a
// wrapper that stalls the history read while a flag file exists. The tree says "Reading the
// git history…" (never the "no kpi.json" welcome), the dashboard shows the same notice, a
// notification with Cancel appears, Cancel stops the read and the tree says so; once git is
// fast again, the row's Refresh brings the objectives. Screenshot: test-results/loading.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { realGit, shellQuote } from './gitOnPath.mjs';
import { harness } from './harness.mjs';
import { frameWith, openViewContainer, openWorkbench, runCommand, screenshotOnFailure, screenshotPath, treeRows } from './workbench.mjs';

const TREE = 'Objectives';
const READING = 'Reading the git history…';
const LONG = 60_000;

describe('A slow first read of the history', function () {
  let ws;
  let wb;
  let server;
  let slow;

  before(async function () {
    const h = harness();
    ws = await h.createWorkspace('loading');
    const aside = path.dirname(ws.dir);
    slow = path.join(aside, 'slow-git');
    fs.writeFileSync(slow, '');
    const bin = path.join(aside, 'slow-git-bin');
    fs.mkdirSync(bin, { recursive: true });
    const q = shellQuote;
    fs.writeFileSync(
      path.join(bin, 'git'),
      ['#!/bin/sh', `case " $* " in *" log "*) [ -f ${q(slow)} ] && exec sleep 30 ;; esac`, `exec ${q(realGit())} "$@"`, ''].join('\n'),
      { mode: 0o755 },
    );
    server = await h.startServer({ args: ['--force-disable-user-env'], env: { PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    wb = await openWorkbench(ws.dir, { server });
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
    await server?.stop();
  });

  it('says it is reading, offers Cancel, and reads again on Refresh', async function () {
    const { page } = wb;
    await openViewContainer(page, 'KPIs');
    const rows = await treeRows(page, TREE, (r) => r.some((x) => x.label === READING));
    assert.equal(rows.length, 1, `only the reading row: ${JSON.stringify(rows)}`);
    assert.equal(await page.locator('.part.sidebar .welcome-view-content').count(), 0, 'no "no kpi.json" welcome');
    await runCommand(page, 'KPI: Open Dashboard');
    const frame = await frameWith(page, '.notice');
    assert.ok((await frame.locator('.notice').textContent()).includes(READING), 'the dashboard says so too');
    const toast = page.locator('.notification-toast', { hasText: 'Engineering KPIs: reading the git history…' });
    await toast.waitFor({ timeout: LONG });
    await page.screenshot({ path: screenshotPath('loading.png') });
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await treeRows(page, TREE, (r) => r.some((x) => x.label.startsWith('Reading the git history was cancelled.')));
    fs.rmSync(slow);
    await page
      .locator(`.part.sidebar [role="tree"][aria-label="${TREE}"] [role="treeitem"]`)
      .filter({ hasText: 'cancelled' })
      .first()
      .click();
    await treeRows(page, TREE, (r) => r.some((x) => x.label === ws.objectives[0].name));
  });
});
