// Every commit one click away, as a person does it: in the KPI tree, a counted commit's row
// shows its subject, date and files in its tooltip; a click opens its changes in the
// multi-file diff editor; its context menu copies the id or opens its page on the remote
// (VS Code asks first, and the question names the URL built from the remote). On the
// dashboard, a commit in a card's list opens the same diff. Screenshots:
// test-results/commit-tooltip.png, commit-diff.png, commit-remote.png, dashboard-commits.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { harness } from './harness.mjs';
import {
  frameWith,
  openViewContainer,
  openWorkbench,
  runCommand,
  screenshotOnFailure,
  screenshotPath,
  treeRows,
  widenSideBar,
} from './workbench.mjs';

const TREE = 'Objectives';
const LONG = 60_000;

describe('Counted commits, one click away', function () {
  let ws;
  let wb;
  let kpi;
  let commit;
  let subject;

  const row = (page, label) =>
    page
      .locator(`.part.sidebar [role="tree"][aria-label="${TREE}"] [role="treeitem"]`)
      .filter({ has: page.locator('.label-name', { hasText: label }) })
      .first();

  /** Opens a row's children with its twistie (a click on the label runs the row's command). */
  async function expand(page, label) {
    const r = row(page, label);
    await r.waitFor({ timeout: LONG });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.monaco-tl-twistie').click();
    await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await r.elementHandle(), { timeout: LONG });
  }

  before(async function () {
    ws = await harness().createWorkspace('commits');
    kpi = ws.expected.find((k) => k.commits.length > 0);
    commit = kpi.commits[0];
    subject = execFileSync('git', ['log', '-1', '--format=%s', commit], { cwd: ws.dir, encoding: 'utf8' }).trim();
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:harbor-team/harbor.git'], { cwd: ws.dir });
    wb = await openWorkbench(ws.dir);
    await openViewContainer(wb.page, 'KPIs');
    await treeRows(wb.page, TREE, (rows) => rows.some((r) => r.label === kpi.objective));
    await widenSideBar(wb.page);
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('shows subject, date and files in the tooltip, and opens the changes on a click', async function () {
    const { page } = wb;
    await expand(page, kpi.objective);
    await expand(page, kpi.name);
    await expand(page, 'Commits counted');
    const commitRow = row(page, commit.slice(0, 7));
    await commitRow.waitFor({ timeout: LONG });
    assert.ok((await commitRow.textContent()).includes(subject.slice(0, 30)), 'the row shows the subject');
    await commitRow.hover();
    // The hover's text, once git has answered (VS Code renders the Markdown tooltip as paragraphs).
    let tip;
    for (const deadline = Date.now() + LONG; !tip && Date.now() < deadline; ) {
      await page.waitForTimeout(500);
      tip = await page.evaluate(() => {
        const p = [...document.querySelectorAll('p')].find((e) => /\d+\s+files?\s+changed/.test(e.textContent ?? ''));
        // Markdown renders spaces as no-break spaces.
        return p?.parentElement?.textContent?.replace(/\s+/g, ' ') ?? null;
      });
    }
    assert.ok(tip, 'a tooltip with the files changed');
    assert.ok(tip.includes(subject), `the tooltip names the subject: ${tip}`);
    assert.match(tip, /\d{4}|\d{1,2}:\d{2}/, 'and a date');
    assert.match(tip, /\d+ files? changed/, 'and the files changed');
    await page.screenshot({ path: screenshotPath('commit-tooltip.png') });
    await commitRow.click();
    const tab = page.locator('.part.editor .tab', { hasText: commit.slice(0, 7) }).first();
    await tab.waitFor({ timeout: LONG });
    assert.ok((await tab.textContent()).includes(subject.slice(0, 20)), 'the diff is titled with the short id and subject');
    await page.locator('.part.editor .multiDiffEditor, .part.editor .monaco-diff-editor').first().waitFor({ timeout: LONG });
    await page.screenshot({ path: screenshotPath('commit-diff.png') });
  });

  it('the context menu opens the commit page on the remote, after VS Code asks', async function () {
    const { page } = wb;
    const commitRow = row(page, commit.slice(0, 7));
    await commitRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: LONG });
    const items = await menu.locator('.action-label').allTextContents();
    for (const title of ['Open Commit Changes', 'Copy Commit Id', 'Open Commit on Remote']) {
      assert.ok(
        items.some((t) => t.includes(title)),
        `"${title}" in ${JSON.stringify(items)}`,
      );
    }
    const dialog = page.locator('.monaco-dialog-box');
    // The menu can still be laying itself out when it first shows: click again if the first
    // click found no item under it.
    for (let attempt = 0; ; attempt++) {
      await menu.locator('.action-label', { hasText: 'Open Commit on Remote' }).click();
      if (
        await dialog.waitFor({ timeout: 10_000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      assert.ok(attempt < 2, 'VS Code asks before opening the page');
      await commitRow.click({ button: 'right' });
      await menu.waitFor({ timeout: LONG });
    }
    const text = await dialog.textContent();
    assert.ok(text.includes(`https://github.com/harbor-team/harbor/commit/${commit}`), `the question names the page: ${text}`);
    await page.screenshot({ path: screenshotPath('commit-remote.png') });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: LONG });
  });

  it('on the dashboard, a commit in a card opens the same diff', async function () {
    const { page } = wb;
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'KPI: Open Dashboard');
    const frame = await frameWith(page, `.kpi-card[data-kpi-id="${kpi.id}"]`);
    const card = frame.locator(`.kpi-card[data-kpi-id="${kpi.id}"]`);
    await card.locator('.kpi-counted').click();
    const button = card.locator(`.commit-open[data-commit="${commit}"]`);
    await button.waitFor({ timeout: LONG });
    assert.ok((await button.textContent()).includes(subject), 'the full subject is in the list');
    await card.screenshot({ path: screenshotPath('dashboard-commits.png') });
    await button.focus();
    await page.keyboard.press('Enter');
    await page
      .locator('.part.editor .tab', { hasText: commit.slice(0, 7) })
      .first()
      .waitFor({ timeout: LONG });
  });
});
