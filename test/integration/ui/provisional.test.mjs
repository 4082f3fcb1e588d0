// Provisional weeks as a person sees them on the dashboard: on a history whose work lands two
// weeks after it is written, the trend chart of commit frequency (dated by author) says that
// its latest weeks are provisional, in its legend, its text alternative and the read-out of
// the newest week. Saved as test-results/dashboard-provisional.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harness } from './harness.mjs';
import { frameWith, openViewContainer, openWorkbench, runCommand, screenshotOnFailure, screenshotPath, treeRows } from './workbench.mjs';

const DAY = 86_400_000;

/** Three commits a week on a topic branch for 16 weeks, each branch merged 14 days after its first commit. */
function lateLandingRepo(dir, now) {
  const git = (args, date) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Ana Writer',
        GIT_AUTHOR_EMAIL: 'ana@example.com',
        GIT_COMMITTER_NAME: 'Max Maintainer',
        GIT_COMMITTER_EMAIL: 'max@example.com',
        ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
      },
      encoding: 'utf8',
    });
  git(['init', '-q', '-b', 'main']);
  const start = now - 16 * 7 * DAY;
  fs.writeFileSync(path.join(dir, 'start.txt'), 's\n');
  git(['add', '.']);
  git(['commit', '-q', '-m', 'Start'], new Date(start - DAY).toISOString());
  for (let n = 0, t = start; t + 14 * DAY < now; n++, t += 7 * DAY) {
    git(['checkout', '-q', '-b', `topic-${n}`]);
    for (let k = 0; k < 3; k++) {
      fs.writeFileSync(path.join(dir, `f${n}-${k}.txt`), `${k}\n`);
      git(['add', '.']);
      git(['commit', '-q', '-m', `Work ${n}.${k}`], new Date(t + k * DAY).toISOString());
    }
    git(['checkout', '-q', 'main']);
    git(['merge', '-q', '--no-ff', '-m', `Merge topic-${n}`, `topic-${n}`], new Date(t + 14 * DAY).toISOString());
  }
  const kpis = {
    objectives: [
      {
        name: 'Steady flow',
        kpis: [{ id: 'commits', name: 'Commits', metric: 'commitFrequency', window: '1w', target: { direction: 'atLeast', value: 3 } }],
      },
    ],
  };
  fs.writeFileSync(path.join(dir, 'kpi.json'), `${JSON.stringify(kpis, null, 2)}\n`);
}

describe('Provisional weeks on the dashboard chart', function () {
  let dir;
  let wb;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-provisional-'));
    lateLandingRepo(dir, Date.parse(harness().now));
    wb = await openWorkbench(dir);
    await openViewContainer(wb.page, 'KPIs');
    await treeRows(wb.page, 'Objectives', (rows) => rows.some((r) => r.label === 'Steady flow'));
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks the latest weeks provisional in the legend, the text alternative and the read-out', async function () {
    const { page } = wb;
    await runCommand(page, 'KPI: Open Dashboard');
    const frame = await frameWith(page, '.kpi-card[data-kpi-id="commits"] .chart-plot canvas');
    const card = frame.locator('.kpi-card[data-kpi-id="commits"]');
    const legend = await card.locator('.chart-legend').textContent();
    assert.ok(legend.includes('Provisional'), `the legend names the provisional weeks: ${legend}`);
    const label = await card.locator('.chart-plot').getAttribute('aria-label');
    const weeks = /The last (\d+) weeks are provisional: work written then is still landing\./.exec(label);
    assert.ok(weeks && Number(weeks[1]) >= 2, `the text alternative says how many weeks are provisional: ${label}`);
    // The newest week, at the right end of the plot: its value is read out as provisional.
    const box = await card.locator('.chart-plot .u-over').boundingBox();
    await card.locator('.chart-plot .u-over').hover({ position: { x: box.width - 2, y: box.height / 2 } });
    const readout = card.locator('.chart-readout');
    await readout.filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
    assert.match(await readout.textContent(), /: \d+(\.\d+)?\/week \(Provisional\)$|: \d+(\.\d+)? \S+ \(Provisional\)$/);
    await card.screenshot({ path: screenshotPath('dashboard-provisional.png') });
  });
});
