// The same in-host suite in desktop VS Code, through @vscode/test-electron (npm run
// test:electron). It downloads VS Code, so it needs the network: use it on a developer
// machine or in a CI that may download; here, scripts/test-host.mjs runs the suite in the
// VS Code server instead. The demo workspace and its facts come from that script's
// --prepare mode, so both runners test the same repository with the same clock.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

interface Prepared {
  workspace: string;
  factsFile: string;
  resultsFile: string;
  env: Record<string, string>;
}

async function main(): Promise<number> {
  // out/test/integration/runElectron.js -> the repository root
  const root = path.resolve(__dirname, '..', '..', '..');
  const prepared = JSON.parse(
    execFileSync(process.execPath, [path.join(root, 'scripts', 'test-host.mjs'), '--prepare'], { cwd: root, encoding: 'utf8' }),
  ) as Prepared;
  try {
    await runTests({
      version: process.env['VSCODE_TEST_VERSION'] ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index'),
      extensionTestsEnv: prepared.env,
      launchArgs: [prepared.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (err) {
    console.error(`desktop VS Code tests failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    fs.rmSync(path.dirname(path.dirname(prepared.workspace)), { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
