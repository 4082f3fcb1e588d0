// Playwright helpers that act on the VS Code web workbench the way a person does: click the
// activity bar, read tree rows, run a command from the palette, read a webview, look at
// the Problems panel. Selectors are VS Code's own DOM (1.100); keep them all in this file.
import path from 'node:path';
import { harness } from './harness.mjs';

const LONG = 60_000;

/**
 * A fresh browser context showing `folder` with the extension under development loaded,
 * from the shared server or from `server` (one started by harness().startServer).
 */
export async function openWorkbench(folder, { server = harness().server } = {}) {
  const h = harness();
  const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  const consoleLines = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.goto(server.url(folder, [['extensionDevelopmentPath', h.extensionPath]]));
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: LONG });
  return {
    page,
    errors,
    /** Files of the extension that a webview asked for and the workbench could not read. */
    missingResources: () =>
      consoleLines
        .filter((l) => l.includes('Unable to read file') && l.includes(h.extensionPath))
        .map((l) => /requestResourcePath":"([^"]+)"/.exec(l)?.[1] ?? l),
    close: () => context.close(),
  };
}

/** Where a screenshot named `name` goes: test-results/. */
export function screenshotPath(name) {
  return path.join(harness().resultsDir, name);
}

/** On failure, a picture of the window as it was, named after the test (call it in afterEach). */
export async function screenshotOnFailure(test, wb) {
  if (test?.state !== 'failed' || !wb) return;
  const name = `failed-${test
    .fullTitle()
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 80)}.png`;
  await wb.page.screenshot({ path: screenshotPath(name) }).catch(() => {});
  harness().log(`    screenshot: test-results/${name}`);
}

/** Click the view container's entry in the activity bar (it appears once the extension is known). */
export async function openViewContainer(page, title) {
  const entry = page.locator(`.part.activitybar [aria-label^="${title}"]`).first();
  await entry.waitFor({ timeout: LONG });
  // A second click on the active entry would hide the side bar.
  const checked = await entry.evaluate((el) => el.closest('.action-item')?.classList.contains('checked') ?? false);
  if (!checked) await entry.click();
  await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: LONG });
}

/** Widen the side bar so that tree descriptions are not cut off in screenshots. */
export async function widenSideBar(page, width = 520) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/**
 * Rows of the tree view named `viewName`, once `ready(rows)` holds.
 * Each row: { level, label, description, ariaLabel, expanded } (expanded: true, false, or
 * null for a row without children).
 */
export async function treeRows(page, viewName, ready = (rows) => rows.length > 0, timeoutMs = LONG) {
  const tree = page.locator(`.part.sidebar [role="tree"][aria-label="${viewName}"]`);
  await tree.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let rows = [];
  for (;;) {
    rows = await tree.locator('[role="treeitem"]').evaluateAll((els) =>
      els.map((el) => ({
        level: Number(el.getAttribute('aria-level')),
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
        ariaLabel: el.getAttribute('aria-label') ?? '',
        expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : null,
      })),
    );
    if (ready(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`tree "${viewName}" did not get ready; rows: ${JSON.stringify(rows)}`);
    await page.waitForTimeout(200);
  }
}

/** Expand the tree row labelled `label` by clicking it, as a person would, unless it is open. */
export async function expandTreeRow(page, viewName, label, timeoutMs = LONG) {
  const tree = page.locator(`.part.sidebar [role="tree"][aria-label="${viewName}"]`);
  const row = tree
    .locator('[role="treeitem"]')
    .filter({ has: page.locator('.label-name', { hasText: label }) })
    .first();
  await row.waitFor({ timeout: timeoutMs });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: timeoutMs });
}

/** F1, type the command's title, pick the exact entry, Enter. */
export async function runCommand(page, title) {
  // Focus the workbench first, but never by a click into a webview (the dashboard): the
  // webview takes the focus a moment later, and the command palette closes when it loses it.
  const inWebview = await page.evaluate(() => Boolean(document.elementFromPoint(700, 450)?.closest('.webview, iframe')));
  if (inWebview)
    await page
      .locator('.part.sidebar .composite.title')
      .first()
      .click()
      .catch(() => {});
  else
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 450 } })
      .catch(() => {});
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
  await input.waitFor({ timeout: LONG });
  await input.fill(`>${title}`);
  const entry = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await entry.waitFor({ timeout: LONG });
  await page.keyboard.press('Enter');
  await page
    .locator('.quick-input-widget')
    .waitFor({ state: 'hidden', timeout: LONG })
    .catch(() => {});
}

/**
 * Answer the dialog "Do you trust the authors of the files in this folder?" that a server
 * with workspace trust on shows when a folder opens: `trust` false keeps Restricted Mode.
 */
export async function answerTrustDialog(page, { trust }) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'Do you trust the authors' });
  await dialog.waitFor({ timeout: LONG });
  await dialog.locator('.monaco-button', { hasText: trust ? 'Yes, I trust the authors' : "No, I don't trust the authors" }).click();
  await dialog.waitFor({ state: 'hidden', timeout: LONG });
}

/** True while the status bar shows the "Restricted Mode" entry. */
export async function inRestrictedMode(page) {
  return (await page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).count()) > 0;
}

/** Trust the open folder the way a person does: "Workspaces: Manage Workspace Trust", "Trust". */
export async function trustWorkspace(page) {
  await runCommand(page, 'Workspaces: Manage Workspace Trust');
  const editor = page.locator('.part.editor .workspace-trust-editor');
  await editor.waitFor({ timeout: LONG });
  await editor.locator('.monaco-button', { hasText: /^Trust$/ }).click();
  await page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ state: 'detached', timeout: LONG });
}

/**
 * The accessible label (its text, then its tooltip) of the status bar entry whose id ends
 * with `idSuffix`, once `ready(label)` holds; on timeout, the last label read.
 */
export async function statusBarLabel(page, idSuffix, ready = () => true, timeoutMs = 10_000) {
  const entry = page.locator(`.part.statusbar .statusbar-item[id$="${idSuffix}"] a`).first();
  await entry.waitFor({ timeout: LONG });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const label = (await entry.getAttribute('aria-label')) ?? '';
    if (ready(label) || Date.now() > deadline) return label;
    await page.waitForTimeout(200);
  }
}

/**
 * The message a tree view shows above its rows (TreeView.message, '' when none), once
 * `ready(message)` holds; it may arrive before or after the rows it goes with. On timeout,
 * the last message read.
 */
export async function viewMessage(page, viewName, ready = () => true, timeoutMs = 10_000) {
  const pane = page.locator('.part.sidebar .pane', { has: page.locator(`[role="tree"][aria-label="${viewName}"]`) }).first();
  const element = pane.locator('.message').first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hidden = (await element.count()) === 0 || (await element.evaluate((el) => el.classList.contains('hide')));
    const message = hidden ? '' : ((await element.textContent()) ?? '').trim();
    if (ready(message) || Date.now() > deadline) return message;
    await page.waitForTimeout(200);
  }
}

/** The frame (webviews are iframes inside iframes) holding `selector`, waiting for it. */
export async function frameWith(page, selector, timeoutMs = LONG) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      const found = await frame.$(selector).catch(() => null);
      if (found) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

/** The tab titles of the editor area. */
export async function editorTabs(page) {
  return page.locator('.part.editor .tabs-container .tab .label-name').allTextContents();
}

/**
 * Rows of the Problems panel, opened through its command, once `ready(rows)` holds.
 * Each row: { text, severity }, text e.g. "Expected comma  Engineering KPIs  [Ln 5, Col 3]",
 * severity 'error', 'warning' or 'info' from the row's icon (null for a file row).
 */
export async function problems(page, ready = (rows) => rows.length > 0, timeoutMs = LONG) {
  await runCommand(page, 'Problems: Focus on Problems View');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await panel.locator('.monaco-list-row').evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent ?? '',
        severity: ['error', 'warning', 'info'].find((s) => el.querySelector(`.codicon-${s}`)) ?? null,
      })),
    );
    if (ready(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`Problems did not get ready; rows: ${JSON.stringify(rows)}`);
    await page.waitForTimeout(200);
  }
}

/** All numbers in a text, e.g. "14/week · target ≥ 10/week" -> [14, 10]. */
export function numbersIn(text) {
  return [...text.matchAll(/-?\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(',', '.')));
}

/** A shown value agrees with the exact one to the precision shown (at most one decimal). */
export function closeToShown(shown, exact) {
  return Math.abs(shown - exact) <= 0.05 + 1e-9 || (Math.abs(exact) >= 100 && Math.abs(shown - exact) <= 0.5);
}
