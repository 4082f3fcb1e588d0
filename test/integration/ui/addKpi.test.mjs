// KPI: Add KPI as a person walks it: one question at a time in the quick input, each with
// its step counter, Back to the question before (its answer kept), Escape to stop without
// a change, and the new KPI in the tree at the end.
import assert from 'node:assert/strict';
import { harness } from './harness.mjs';
import { openViewContainer, openWorkbench, runCommand, screenshotOnFailure, screenshotPath, treeRows } from './workbench.mjs';

const LONG = 60_000;
const NEW_NAME = 'Commits a week (added by hand)';

/** The open quick input: its title (with the step counter), prompt or placeholder, and rows. */
async function quickInput(page) {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: LONG });
  return widget.evaluate((el) => ({
    title: el.querySelector('.quick-input-title')?.textContent?.trim() ?? '',
    placeholder: el.querySelector('.quick-input-box input')?.getAttribute('placeholder') ?? '',
    value: el.querySelector('.quick-input-box input')?.value ?? '',
    message: el.querySelector('.quick-input-message')?.textContent?.trim() ?? '',
    rows: [...el.querySelectorAll('.monaco-list-row .label-name')].map((r) => r.textContent?.trim() ?? ''),
    back: el.querySelector('.quick-input-titlebar .codicon-quick-input-back') !== null,
  }));
}

/** Waits until what the quick input shows satisfies `ready`, and returns it. */
async function quickInputWhen(page, ready, what) {
  const deadline = Date.now() + LONG;
  for (;;) {
    const q = await quickInput(page);
    if (ready(q)) return q;
    if (Date.now() > deadline) throw new Error(`the quick input never showed ${what}: ${JSON.stringify(q)}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until the quick input shows step `n` of some total, and returns what it shows. */
async function atStep(page, n) {
  const deadline = Date.now() + LONG;
  for (;;) {
    const q = await quickInput(page);
    if (new RegExp(`\\b${n}/\\d+`).test(q.title)) return q;
    if (Date.now() > deadline) throw new Error(`the quick input never reached step ${n}: ${JSON.stringify(q)}`);
    await page.waitForTimeout(100);
  }
}

async function type(page, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(text);
}

describe('Add KPI, walked step by step', function () {
  let ws;
  let wb;

  before(async function () {
    ws = await harness().createWorkspace('add-kpi');
    wb = await openWorkbench(ws.dir);
    await openViewContainer(wb.page, 'KPIs');
    await treeRows(wb.page, 'Objectives', (r) => ws.expected.every((k) => r.some((row) => row.label === k.name)));
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('Escape at the first question ends the walk and changes nothing', async function () {
    const { page } = wb;
    await runCommand(page, 'KPI: Add KPI');
    const first = await atStep(page, 1);
    assert.match(first.title, /Add KPI/);
    assert.equal(first.back, false, 'the first question has no Back button');
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: LONG });
    const tabs = await page.locator('.part.editor .tab.dirty').count();
    assert.equal(tabs, 0, 'no editor was changed');
  });

  it('numbers each question, goes Back with the answer kept, and adds the KPI the tree then shows', async function () {
    const { page } = wb;
    const objectives = [...new Set(ws.expected.map((k) => k.objective))];
    await runCommand(page, 'KPI: Add KPI');

    const objective = await atStep(page, 1);
    // Until the objective is known, the time frame and review questions count too.
    assert.match(objective.title, /\b1\/8\b/, `eight questions at most: ${objective.title}`);
    assert.deepEqual(objective.rows.slice(0, objectives.length), objectives, 'the objectives of kpi.json, in order');
    await page.keyboard.press('Enter');

    const metric = await atStep(page, 2);
    // The demo's objectives have their time frame and review: those two questions drop out.
    assert.match(metric.title, /\b2\/6\b/, `six questions for an objective with a time frame and a review: ${metric.title}`);
    await type(page, 'Commit frequency');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Commit frequency' }).first().waitFor({ timeout: LONG });
    await page.keyboard.press('Enter');

    const name = await atStep(page, 3);
    assert.equal(name.back, true, 'later questions have a Back button');
    await type(page, '');
    await page.keyboard.press('Enter');
    // The validation message comes a moment after Enter.
    const empty = await quickInputWhen(page, (q) => /Enter a name/.test(q.message), 'the empty-name message');
    assert.match(empty.title, /\b3\/6\b/, 'an empty name is not accepted: still the third question');
    await type(page, NEW_NAME);
    await page.keyboard.press('Enter');

    await atStep(page, 4);
    await page.locator('.quick-input-titlebar .codicon-quick-input-back').click();
    const again = await atStep(page, 3);
    assert.equal(again.value, NEW_NAME, 'Back shows the question before with its answer');
    await page.screenshot({ path: screenshotPath('add-kpi-back.png') });
    await page.keyboard.press('Enter');

    await atStep(page, 4); // window: the first choice
    await page.keyboard.press('Enter');
    await atStep(page, 5); // direction: the better one first
    await page.keyboard.press('Enter');
    await atStep(page, 6);
    await type(page, '25');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: LONG });

    const rows = await treeRows(page, 'Objectives', (r) => r.some((row) => row.label === NEW_NAME));
    const row = rows.find((r) => r.label === NEW_NAME);
    assert.equal(row.level, 2, 'the new KPI is under an objective');
    const objectiveRow = rows
      .slice(0, rows.indexOf(row))
      .filter((r) => r.level === 1)
      .at(-1);
    assert.equal(objectiveRow?.label, objectives[0], 'under the objective picked first');
    assert.match(row.description, /25/, `the target it was given: "${row.description}"`);
    await page.screenshot({ path: screenshotPath('add-kpi-done.png') });
  });
});
