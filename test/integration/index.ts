// Entry point of the in-host suite. VS Code loads this file in the extension host (the web
// test host in scripts/test-host.mjs, or @vscode/test-electron in runElectron.ts) and
// awaits run(): it resolves when every test passed and rejects otherwise, also when no
// test ran. When ENGINEERING_KPIS_TEST_RESULTS names a file, the counts are written
// there, because only an exit code crosses back from the web workbench.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: Array<{ title: string; error: string }>;
  /** The reporter's output: the web workbench shows extension host output only in its dev tools. */
  report: string[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    forbidOnly: Boolean(process.env['CI']),
    ...(process.env['ENGINEERING_KPIS_TEST_GREP'] ? { grep: process.env['ENGINEERING_KPIS_TEST_GREP'] } : {}),
  });
  const suiteDir = path.resolve(__dirname, 'suite');
  for (const file of testFiles(suiteDir)) mocha.addFile(file);

  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [], report: [] };
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const consoleLog = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => {
    results.report.push(format(...args));
    consoleLog(...args);
  };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    runner.on('fail', (test, err: unknown) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });

  base.consoleLog = consoleLog;
  console.log(`in-host: ${results.passed} passed, ${results.failed} failed`);
  const out = process.env['ENGINEERING_KPIS_TEST_RESULTS'];
  if (out) fs.writeFileSync(out, JSON.stringify(results, null, 2));
  if (results.failed > 0) throw new Error(`${results.failed} in-host test(s) failed`);
  if (results.passed === 0) throw new Error(`no in-host test ran (looked in ${suiteDir})`);
}

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}
