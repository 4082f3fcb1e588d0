// `npm start [-- FOLDER] [-- --browser] [-- --port N]`: try the extension on a realistic
// repository. Without FOLDER it makes a fresh demo repository in .demo/workspace (dated up
// to now). With a desktop VS Code (`code` on PATH) and a display, it opens a window with
// the extension under development; otherwise it serves VS Code in the browser from
// .vscode-test/server with the extension loaded, prints the URL, and runs until Ctrl+C.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoRepo, expectedDataQuality, expectedKpis, expectedObjectives } from './demo-repo.mjs';
import { ROOT, ensureServer, startServer } from './vscode-server.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string' },
  },
});

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, cmd)));
}

async function workspace() {
  if (positionals[0]) {
    const folder = path.resolve(positionals[0]);
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${folder} is not a folder`);
    return folder;
  }
  const folder = path.join(ROOT, '.demo', 'workspace');
  // Made anew each time, so that its history always ends just before now.
  fs.rmSync(folder, { recursive: true, force: true });
  const facts = await createDemoRepo(folder);
  console.log(`Demo repository: ${path.relative(ROOT, folder)} (${facts.commits.length} commits over ${facts.weeks} weeks, 4 people)`);
  const kpis = expectedKpis(facts);
  for (const o of expectedObjectives(facts)) {
    console.log(
      `  ${o.name}: ${o.timeframe.start} to ${o.timeframe.end}${o.score !== undefined ? `, OKR score ${o.score.toFixed(2)}` : ''}`,
    );
    for (const k of kpis.filter((x) => x.objectiveId === o.id)) {
      const better = ['atLeast', 'increaseTo'].includes(k.target.direction) ? '≥' : '≤';
      console.log(`    ${k.name}: ${k.value ?? '—'} ${k.unit} (target ${better} ${k.target.value}, ${k.status})`);
    }
  }
  console.log(`  Data quality notes: ${expectedDataQuality(facts).codes.join(', ') || 'none'}`);
  return folder;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js')))
    throw new Error('dist/extension.js is missing: run `npm run build` (npm start does)');
  const folder = await workspace();

  if (!opts.browser && process.env.DISPLAY && onPath('code')) {
    console.log('Opening desktop VS Code with the extension under development…');
    const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, folder], { stdio: 'inherit' });
    return r.status ?? 1;
  }

  ensureServer();
  const demoDir = path.join(ROOT, '.demo');
  const logFile = path.join(demoDir, 'vscode-server.log');
  const log = fs.createWriteStream(logFile);
  const server = await startServer({
    ...(opts.port ? { port: Number(opts.port) } : {}),
    dataDir: path.join(demoDir, 'vscode-data'),
    onOutput: (chunk) => log.write(chunk),
  });
  const url = server.url(folder, [['extensionDevelopmentPath', ROOT]]);
  console.log('\nVS Code with Engineering KPIs is running. Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log(`Then click the KPIs icon in the activity bar, or run "KPI: Open Dashboard" (F1).`);
  console.log(
    `It listens on 127.0.0.1 only: from another machine, forward port ${server.port} (ssh -L ${server.port}:127.0.0.1:${server.port} …).`,
  );
  console.log(
    `After \`npm run build\` (or \`npm run watch\`), reload the page to load the new build. Server log: ${path.relative(ROOT, logFile)}`,
  );
  console.log('Press Ctrl+C to stop.');

  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log('\nStopping VS Code…');
  await server.stop();
  log.end();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
