// Merge Duplicate Identities as a person meets it: a teammate who also committed from
// GitHub's web editor (a noreply address) shows up in Data quality; clicking that row asks
// before anything is written and shows the .mailmap lines; "Add to .mailmap" writes them,
// git folds the two addresses, and the note goes away. Saved as test-results/merge-identities.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { harness } from './harness.mjs';
import { expandTreeRow, openViewContainer, openWorkbench, screenshotOnFailure, screenshotPath, treeRows } from './workbench.mjs';

const LONG = 60_000;
const TREE = 'Objectives';
const NOTE = /^1 person appears under more than one address/;

describe('Merge Duplicate Identities, from the Data quality row', function () {
  let ws;
  let wb;
  let person;
  const noreply = '4242+teammate@users.noreply.github.com';

  before(async function () {
    ws = await harness().createWorkspace('identities');
    const git = (args, env = {}) => execFileSync('git', args, { cwd: ws.dir, env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
    // The newest commit by a person (not a bot): the same full name, committed again from the web editor.
    const [name, email] = git(['log', '--no-merges', '--format=%aN%x09%aE', '-200'])
      .split('\n')
      .map((l) => l.split('\t'))
      .find(([n]) => /\s/.test(n) && !/bot/i.test(n));
    person = { name, email };
    const date = new Date(Date.parse(harness().now) - 2 * 86_400_000).toISOString();
    fs.writeFileSync(path.join(ws.dir, 'web-edit.txt'), 'edited on github.com\n');
    git(['add', 'web-edit.txt']);
    git(['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Edit from the web'], {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: noreply,
      GIT_COMMITTER_NAME: 'GitHub',
      GIT_COMMITTER_EMAIL: 'noreply@github.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    wb = await openWorkbench(ws.dir);
    await openViewContainer(wb.page, 'KPIs');
    await treeRows(wb.page, TREE, (rows) => rows.some((r) => r.label === 'Data quality'));
  });

  afterEach(async function () {
    await screenshotOnFailure(this.currentTest, wb);
  });

  after(async function () {
    await wb?.close();
  });

  it('asks before writing, shows the lines, writes .mailmap, and the note goes away', async function () {
    const { page } = wb;
    await expandTreeRow(page, TREE, 'Data quality');
    await treeRows(page, TREE, (rows) => rows.some((r) => NOTE.test(r.label)));
    const row = page
      .locator(`.part.sidebar [role="tree"][aria-label="${TREE}"] [role="treeitem"]`)
      .filter({ has: page.locator('.label-name', { hasText: NOTE }) })
      .first();
    await row.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: '.mailmap' });
    await dialog.waitFor({ timeout: LONG });
    const line = `${person.name} <${person.email.toLowerCase()}> <${noreply}>`;
    const shown = await dialog.textContent();
    assert.ok(shown.includes('Fold the addresses below (1) into the people they belong to?'), shown);
    assert.ok(shown.includes(line), `the dialog shows the line to be written: ${shown}`);
    const mailmap = path.join(ws.dir, '.mailmap');
    const before = fs.existsSync(mailmap) ? fs.readFileSync(mailmap, 'utf8') : '';
    assert.ok(!before.includes(noreply), 'nothing is written before the answer');
    await page.screenshot({ path: screenshotPath('merge-identities.png') });
    await dialog.locator('.monaco-button', { hasText: 'Add to .mailmap' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: LONG });
    const deadline = Date.now() + LONG;
    while (!(fs.existsSync(mailmap) && fs.readFileSync(mailmap, 'utf8').includes(line))) {
      if (Date.now() > deadline) throw new Error('.mailmap never got the line');
      await page.waitForTimeout(200);
    }
    const after = fs.readFileSync(mailmap, 'utf8');
    assert.ok(after.startsWith(before), 'the lines are appended; what was there stays');
    // The refresh folds the two addresses: the note is gone, the rest of Data quality stays.
    const rows = await treeRows(page, TREE, (r) => r.some((x) => x.label === 'Data quality') && !r.some((x) => NOTE.test(x.label)));
    assert.ok(
      rows.some((r) => /author identit/.test(r.label)),
      'the identities note counts the fold',
    );
  });
});
