// The HTML report as a reviewer opens it: `kpi report --format html` on the demo repository,
// loaded in headless Chromium (no scripts run: the report has none), read like a user would,
// and saved as test-results/report.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { harness } from './harness.mjs';

describe('the HTML report in a browser', function () {
  let ws;
  let page;

  before(async function () {
    ws = await harness().createWorkspace('report');
    page = await harness().browser.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  });

  after(async function () {
    await page?.close();
  });

  it('shows a card per KPI with its value, status, an inline SVG trend and the data-quality notes', async function () {
    const { root, now, resultsDir } = harness();
    const file = path.join(ws.dir, '..', 'report.html');
    execFileSync(process.execPath, [
      path.join(root, 'dist', 'cli', 'kpi.js'),
      'report',
      '--dir',
      ws.dir,
      '--format',
      'html',
      '--out',
      file,
      '--now',
      now,
    ]);
    await page.goto(`file://${file}`);
    const cards = await page.$$eval('article.card', (els) =>
      els.map((el) => ({
        name: el.querySelector('h3')?.textContent ?? '',
        status: el.querySelector('.status')?.textContent ?? '',
        value: el.querySelector('.value')?.textContent ?? '',
        chart: el.querySelector('svg[role="img"]')?.getAttribute('aria-label') ?? '',
        paths: el.querySelectorAll('svg path').length,
      })),
    );
    assert.deepEqual(
      cards.map((c) => c.name),
      ws.expected.map((k) => k.name),
      'one card per KPI, in kpi.json order',
    );
    for (const [i, k] of ws.expected.entries()) {
      const card = cards[i];
      assert.ok(card.value.includes(k.unit.trim()), `${k.id}: value "${card.value}" has its unit`);
      assert.ok(card.status.length > 0, `${k.id}: a status`);
      assert.match(card.chart, /^Weekly trend of /, `${k.id}: the chart has a text alternative`);
      assert.ok(card.paths >= 1, `${k.id}: the trend is drawn`);
    }
    const notes = await page.$$eval('section li', (els) => els.map((e) => e.textContent ?? ''));
    assert.equal(notes.length, ws.quality.codes.length, `data-quality notes: ${JSON.stringify(notes)}`);
    await page.screenshot({ path: path.join(resultsDir, 'report.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(resultsDir, 'report.png')).size > 10_000);
  });
});
