// The build: the extension, the CLI and the engine worker (node, `vscode` external) and the
// dashboard webview (browser). CommonJS, like the build scripts of VS Code's sample extensions.
// `node esbuild.js [--watch] [--production]`.
const esbuild = require('esbuild');
const { copyFile, mkdir } = require('node:fs/promises');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** What the two Node bundles (extension and CLI) share. */
/** @type {import('esbuild').BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's UMD "main" hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { ...node, entryPoints: { extension: 'src/extension.ts' }, external: ['vscode'], outdir: 'dist' },
  { ...node, entryPoints: { kpi: 'src/cli/main.ts' }, outdir: 'dist/cli', banner: { js: '#!/usr/bin/env node' } },
  // The engine (git reads, parsing, evaluation) runs in this worker, off the extension host's main thread.
  { ...node, entryPoints: { engineWorker: 'src/worker/engineWorker.ts' }, outdir: 'dist' },
  {
    // The dashboard: its script imports uPlot and the styles (uPlot's and ours), so this
    // build writes dist/webview.js and dist/webview.css; no style is inlined into the page.
    entryPoints: { webview: 'media/dashboard.ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
  },
];

/** Static webview assets copied next to the bundle (the only folder webviews may load from). */
async function copyAssets() {
  await mkdir('dist', { recursive: true });
  await copyFile('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
  await copyFile('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');
}

async function main() {
  await copyAssets();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  }
}

module.exports = { builds };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
