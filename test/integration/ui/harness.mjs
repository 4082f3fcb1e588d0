// What scripts/test-host.mjs hands the UI tests: the running VS Code server, the browser,
// and helpers to make demo workspaces and to start another server for one suite (the suite
// stops it in its `after`). One module instance is shared by the runner and the test files
// (same URL), so the runner sets it and the tests read it.
let current;

export function setHarness(h) {
  current = h;
}

/**
 * @returns {{
 *   root: string, now: string, server: any, browser: any, resultsDir: string,
 *   createWorkspace(name: string, options?: { variant?: 'demo' | 'shallow' }):
 *     Promise<{ variant: string, dir: string, facts: any, expected: any[], objectives: any[], quality: any }>,
 *   startServer(options?: { trustWorkspace?: boolean, env?: Record<string, string>, args?: string[] }):
 *     Promise<any>,
 *   log(line: string): void,
 * }}
 */
export function harness() {
  if (!current) throw new Error('UI tests run through scripts/test-host.mjs (npm run test:integration)');
  return current;
}
