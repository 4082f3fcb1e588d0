// What a person sees in VS Code: the KPIs side bar, the dashboard opened from the command
// palette, the data-quality notes, and a broken kpi.json in the Problems panel. Expected
// values come from the demo generator's facts (scripts/demo-repo.mjs), never from the
// extension's code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BROKEN_KPI_JSON } from '../../../scripts/demo-repo.mjs';
import { harness } from './harness.mjs';
import {
  closeToShown,
  editorTabs,
  expandTreeRow,
  frameWith,
  numbersIn,
  openViewContainer,
  openWorkbench,
  problems,
  runCommand,
  screenshotOnFailure,
  screenshotPath,
  treeRows,
  widenSideBar,
} from './workbench.mjs';

const VIEW_CONTAINER = 'KPIs';
const TREE = 'Objectives';
const DASHBOARD_TITLE = 'KPI Dashboard';
const QUALITY = 'Data quality';

/**
 * How a person recognises each data-quality note, with the numbers it must state (`q` is
 * the generator's expectedDataQuality). Deliberately loose on wording: one clue per note.
 */
const NOTE_TEXTS = {
  bots: (t, q) => /\bbot\b/i.test(t) && numbersIn(t).includes(q.botCommits) && numbersIn(t).includes(q.botPercent),
  identities: (t, q) => /identit/i.test(t) && numbersIn(t).includes(q.identitiesMerged),
  noReleaseTags: (t) => /release tag/i.test(t),
  shallow: (t) => /shallow/i.test(t),
  squash: (t) => /squash/i.test(t),
  futureDated: (t) => /future/i.test(t),
  detached: (t) => /detached/i.test(t),
  empty: (t) => /no commits/i.test(t),
};

/** One note per expected code, recognisable by its text, and none for the other codes. */
function assertNotes(texts, q, where) {
  assert.equal(texts.length, q.codes.length, `${where}: one note per expected code (${q.codes.join(', ')}): ${JSON.stringify(texts)}`);
  for (const [code, matches] of Object.entries(NOTE_TEXTS)) {
    const shown = texts.some((t) => matches(t, q));
    assert.equal(
      shown,
      q.codes.includes(code),
      `${where}: a "${code}" note ${q.codes.includes(code) ? 'is expected' : 'is not expected'}: ${JSON.stringify(texts)}`,
    );
  }
}

/** The rows under the "Data quality" root row. */
function qualityNotes(rows) {
  const i = rows.findIndex((r) => r.level === 1 && r.label === QUALITY);
  if (i < 0) return [];
  const after = rows.slice(i + 1);
  const end = after.findIndex((r) => r.level === 1);
  return (end < 0 ? after : after.slice(0, end)).filter((r) => r.level === 2);
}

/** The tree's "Data quality" row, its notes once expanded (by a click when collapsed). */
async function treeQuality(page, count) {
  const rows = await treeRows(page, TREE, (r) => r.some((row) => row.level === 1 && row.label === QUALITY));
  const node = rows.find((row) => row.level === 1 && row.label === QUALITY);
  await expandTreeRow(page, TREE, QUALITY);
  const notes = qualityNotes(await treeRows(page, TREE, (r) => qualityNotes(r).length >= count));
  return { node, notes: notes.map((r) => r.label) };
}

describe('the KPIs side bar and the dashboard', function () {
  let ws;
  let wb;

  before(async function () {
    ws = await harness().createWorkspace('views');
    wb = await openWorkbench(ws.dir);
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('lists every objective with its KPIs, values and targets', async function () {
    const { page } = wb;
    await openViewContainer(page, VIEW_CONTAINER);
    const objectives = [...new Set(ws.expected.map((k) => k.objective))];
    const rows = await treeRows(page, TREE, (r) =>
      ws.expected.every((k) => r.some((row) => row.label === k.name && /\d/.test(row.description))),
    );
    assert.deepEqual(
      rows.filter((r) => r.level === 1 && r.label !== QUALITY).map((r) => r.label),
      objectives,
      'objective rows, in kpi.json order',
    );
    for (const o of ws.objectives.filter((x) => x.score !== undefined)) {
      const row = rows.find((r) => r.level === 1 && r.label === o.name);
      assert.ok(
        numbersIn(row.description).some((n) => Math.abs(n - o.score) <= 0.005 + 1e-9),
        `${o.name}: OKR score ${o.score} in "${row.description}"`,
      );
    }
    for (const k of ws.expected) {
      const row = rows.find((r) => r.label === k.name);
      assert.ok(row, `a row for ${k.name}`);
      assert.equal(row.level, 2, `${k.name} is a child of its objective`);
      const objectiveRow = rows
        .slice(0, rows.indexOf(row))
        .filter((r) => r.level === 1)
        .at(-1);
      assert.equal(objectiveRow?.label, k.objective, `${k.name} is under "${k.objective}"`);
      const [shown, target] = numbersIn(row.description);
      assert.ok(shown !== undefined && closeToShown(shown, k.value), `${k.name}: "${row.description}" should show ${k.value}`);
      assert.ok(row.description.includes('target'), `${k.name}: "${row.description}" names the target`);
      assert.equal(target, k.target.value, `${k.name}: target in "${row.description}"`);
      assert.ok(row.description.includes(k.unit.trim()), `${k.name}: unit ${k.unit} in "${row.description}"`);
    }
    await widenSideBar(page);
    await page.screenshot({ path: screenshotPath('sidebar.png') });
  });

  it('opens the dashboard from the command palette and shows a card per KPI', async function () {
    const { page } = wb;
    await runCommand(page, 'KPI: Open Dashboard');
    await page.locator('.part.editor .tab', { hasText: DASHBOARD_TITLE }).first().waitFor({ timeout: 60_000 });
    assert.ok((await editorTabs(page)).includes(DASHBOARD_TITLE), 'a "KPI Dashboard" tab');
    const frame = await frameWith(page, '.kpi-card');
    await frame.waitForFunction((n) => document.querySelectorAll('.kpi-card').length >= n, ws.expected.length);
    const cards = await frame.$$eval('.kpi-card', (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-kpi-id'),
        className: el.className,
        name: el.querySelector('.kpi-name')?.textContent?.trim() ?? null,
        value: el.querySelector('.kpi-value')?.textContent?.trim() ?? null,
        target: el.querySelector('.kpi-target')?.textContent?.trim() ?? null,
        status: el.querySelector('.kpi-status')?.textContent?.trim() ?? null,
        text: el.textContent ?? '',
      })),
    );
    assert.deepEqual(
      cards.map((c) => c.id),
      ws.expected.map((k) => k.id),
      'one card per KPI, in kpi.json order',
    );
    for (const k of ws.expected) {
      const card = cards.find((c) => c.id === k.id);
      assert.equal(card.name, k.name);
      const [shown] = numbersIn(card.value ?? '');
      assert.ok(shown !== undefined && closeToShown(shown, k.value), `${k.id}: value "${card.value}" should show ${k.value}`);
      assert.ok(card.value.includes(k.unit.trim()), `${k.id}: unit in "${card.value}"`);
      assert.ok(numbersIn(card.target ?? '').includes(k.target.value), `${k.id}: target "${card.target}" should name ${k.target.value}`);
      assert.ok(card.status, `${k.id}: a status text`);
      const statusClass = /\bstatus-(\w+)/.exec(card.className)?.[1];
      if (statusClass) assert.equal(statusClass, k.status, `${k.id}: status (docs/status.md; target met: ${k.met})`);
      const guardrail = ws.expected.find((g) => g.id === k.guardrail);
      if (guardrail) assert.ok(card.text.includes(guardrail.name), `${k.id}: the card names its guardrail ${guardrail.name}`);
    }
    // Each objective with its time frame and owner; the OKR objective with its score.
    const sections = await frame.$$eval('section.objective', (els) =>
      els.map((el) => ({
        name: el.querySelector('.objective-name')?.textContent?.trim() ?? '',
        meta: el.querySelector('.objective-meta')?.textContent ?? '',
        score: el.querySelector('.objective-score')?.textContent?.trim() ?? null,
      })),
    );
    assert.deepEqual(
      sections.map((x) => x.name),
      ws.objectives.map((o) => o.name),
      'one section per objective, in kpi.json order',
    );
    for (const o of ws.objectives) {
      const section = sections.find((x) => x.name === o.name);
      assert.ok(
        section.meta.includes(o.timeframe.start) && section.meta.includes(o.timeframe.end),
        `${o.id}: time frame in "${section.meta}"`,
      );
      assert.ok(section.meta.includes(o.owner), `${o.id}: owner in "${section.meta}"`);
      if (o.score === undefined) assert.equal(section.score, null, `${o.id}: no OKR score in KPI mode`);
      else
        assert.ok(
          numbersIn(section.score ?? '').some((n) => Math.abs(n - o.score) <= 0.005 + 1e-9),
          `${o.id}: score ${o.score} in "${section.score}"`,
        );
    }
    const met = ws.expected.filter((k) => k.met === true).map((k) => cards.find((c) => c.id === k.id).status);
    const unmet = ws.expected.filter((k) => k.met === false).map((k) => cards.find((c) => c.id === k.id).status);
    for (const s of unmet) assert.ok(!met.includes(s), `an unmet KPI's status "${s}" differs from a met one's`);
    // A window tall enough for both objectives, for the picture (README: docs/images/dashboard.png).
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport.width, height: 1400 });
    await page.waitForTimeout(500); // let the layout and the last styles settle before the picture
    await page.screenshot({ path: screenshotPath('dashboard.png') });
    await page.setViewportSize(viewport);
    assert.deepEqual(
      [...new Set(wb.missingResources())],
      [],
      'files the dashboard loads but the extension does not ship (an unstyled dashboard)',
    );
  });

  it('shows the data-quality notes in the tree and on the dashboard', async function () {
    const { page } = wb;
    const q = ws.quality;
    assert.ok(q.codes.length > 0, 'the demo calls for data-quality notes');
    await openViewContainer(page, VIEW_CONTAINER);
    const { node, notes } = await treeQuality(page, q.codes.length);
    assert.equal(node.expanded, false, 'information-only notes start collapsed');
    assert.equal(numbersIn(node.description)[0], q.codes.length, `"${node.description}" counts the notes`);
    assertNotes(notes, q, 'tree');
    // The dashboard is still open from the test before; open it when this test runs alone.
    const frame = await frameWith(page, 'section.quality li', 5_000).catch(async () => {
      await runCommand(page, 'KPI: Open Dashboard');
      return frameWith(page, 'section.quality li');
    });
    assert.equal(await frame.$eval('section.quality h2.quality-title', (el) => el.textContent.trim()), QUALITY);
    assertNotes(await frame.$$eval('section.quality li', (els) => els.map((el) => el.textContent.trim())), q, 'dashboard');
    await frame.$eval('section.quality', (el) => el.scrollIntoView({ block: 'end' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('data-quality.png') });
  });
});

describe('a shallow clone', function () {
  let ws;
  let wb;

  before(async function () {
    ws = await harness().createWorkspace('shallow', { variant: 'shallow' });
    wb = await openWorkbench(ws.dir);
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('is a warning under "Data quality", shown without a click', async function () {
    const { page } = wb;
    const q = ws.quality;
    assert.ok(q.codes.includes('shallow'), `the facts call for a shallow note: ${q.codes.join(', ')}`);
    await openViewContainer(page, VIEW_CONTAINER);
    const rows = await treeRows(page, TREE, (r) => qualityNotes(r).length >= q.codes.length);
    const node = rows.find((row) => row.level === 1 && row.label === QUALITY);
    assert.equal(node.expanded, true, 'a warning opens the notes');
    assert.equal(numbersIn(node.description)[0], q.codes.length, `"${node.description}" counts the notes`);
    assertNotes(
      qualityNotes(rows).map((r) => r.label),
      q,
      'tree',
    );
    await widenSideBar(page);
    await page.screenshot({ path: screenshotPath('data-quality-shallow.png') });
  });
});

describe('a broken kpi.json', function () {
  let ws;
  let wb;

  before(async function () {
    ws = await harness().createWorkspace('broken');
    wb = await openWorkbench(ws.dir);
    await openViewContainer(wb.page, VIEW_CONTAINER);
    await treeRows(wb.page, TREE, (r) => r.some((row) => row.label === ws.expected[0].name));
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('shows up in the Problems panel as an "Engineering KPIs" error, and goes away when fixed', async function () {
    const { page } = wb;
    const file = path.join(ws.dir, 'kpi.json');
    const original = fs.readFileSync(file, 'utf8');
    // The demo's kpi.json follows the SMART checks: nothing of ours in Problems, not even a warning.
    const ours = (r) => r.text.includes('Engineering KPIs');
    assert.deepEqual((await problems(page, () => true)).filter(ours), [], 'no problems on the demo kpi.json');
    fs.writeFileSync(file, BROKEN_KPI_JSON);
    const ourError = (r) => r.severity === 'error' && ours(r);
    const rows = await problems(page, (r) => r.some(ourError));
    assert.ok(
      rows.some((r) => r.text.includes('kpi.json')),
      `the problem is filed under kpi.json: ${JSON.stringify(rows)}`,
    );
    // The tree says what is wrong and keeps the last good values visible.
    await treeRows(
      page,
      TREE,
      (r) =>
        r.some((row) => row.label.startsWith('kpi.json has errors')) && ws.expected.every((k) => r.some((row) => row.label === k.name)),
    );
    await page.screenshot({ path: screenshotPath('problems.png') });
    fs.writeFileSync(file, original);
    // Fixed: the error goes, and no SMART warning takes its place.
    await problems(page, (r) => !r.some(ours));
    await treeRows(page, TREE, (r) => ws.expected.every((k) => r.some((row) => row.label === k.name)));
  });
});

describe('the command palette', function () {
  let ws;
  let wb;

  before(async function () {
    ws = await harness().createWorkspace('palette');
    wb = await openWorkbench(ws.dir);
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('offers the three KPI commands by their titles', async function () {
    const { page } = wb;
    await openViewContainer(page, VIEW_CONTAINER);
    await treeRows(page, TREE);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor();
    await input.fill('>KPI:');
    const titles = ['KPI: Refresh', 'KPI: Open Dashboard', 'KPI: Create kpi.json'];
    for (const t of titles) await page.locator('.quick-input-widget .monaco-list-row', { hasText: t }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await runCommand(page, 'KPI: Refresh');
    await treeRows(page, TREE, (r) => ws.expected.every((k) => r.some((row) => row.label === k.name)));
  });
});
