// Shared by the in-host tests: the extension's API, the demo repository's facts, polling.
// The facts file is written by scripts/test-host.mjs (ENGINEERING_KPIS_FACTS); expectations
// in it come from the demo generator, never from the extension's own code. It describes
// one workspace, or several ({ workspaces: [...] }) of which the opened folder is one.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EngineeringKpisApi } from '../../../src/ui/api';

export const EXTENSION_ID = 'engineering-kpis.engineering-kpis';
export const DIAGNOSTIC_SOURCE = 'Engineering KPIs';

export interface ExpectedKpi {
  objective: string;
  objectiveId: string;
  id: string;
  name: string;
  metric: string;
  unit: string;
  target?: { direction: string; value?: number };
  value: number | null;
  /** Whether the target is met; null when there is no value or target. */
  met: boolean | null;
  /** The value over the window ending at the objective's time frame start (or the target's). */
  baseline: number | null;
  /** The status docs/status.md prescribes for this value, target, baseline and time frame. */
  status: string;
  /** OKR mode only: the key result's score. */
  score?: number | null;
  /** Whether a forecast is due: a target, and now inside the objective's time frame. */
  forecast: boolean;
  guardrail?: string;
  sampleCount: number;
  commits: string[];
}

/** An objective as the views show it (scripts/demo-facts.mjs, expectedObjectives). */
export interface ExpectedObjective {
  id: string;
  name: string;
  mode: 'kpi' | 'okr';
  owner?: string;
  /** First and last day, YYYY-MM-DD. */
  timeframe?: { start: string; end: string };
  score?: number;
  success?: boolean;
}

/** The data-quality notes the facts call for (scripts/demo-repo.mjs, expectedDataQuality). */
export interface ExpectedQuality {
  /** Sorted note codes. */
  codes: string[];
  botCommits: number;
  botPercent: number;
  identitiesMerged: number;
  releaseTags: number;
}

/** 'demo': the generated repository; 'shallow': a `git clone --depth` of one. */
export type Variant = 'demo' | 'shallow' | 'worktree';

export interface FixtureFacts {
  variant?: Variant;
  workspace: string;
  now: string;
  /** Empty for a shallow clone, whose values are partial. */
  expected: ExpectedKpi[];
  /** Empty for a shallow clone. */
  objectives: ExpectedObjective[];
  quality: ExpectedQuality;
  kpiJson: string;
  brokenKpiJson: string;
}

export function loadFacts(): FixtureFacts {
  const file = process.env['ENGINEERING_KPIS_FACTS'];
  assert.ok(file, 'ENGINEERING_KPIS_FACTS is not set: run the suite through scripts/test-host.mjs');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as FixtureFacts | { workspaces: FixtureFacts[] };
  if (!('workspaces' in doc)) return doc;
  const opened = path.resolve(workspaceFolder().uri.fsPath);
  const mine = doc.workspaces.find((w) => path.resolve(w.workspace) === opened);
  assert.ok(mine, `${file} describes no workspace at ${opened}`);
  return mine;
}

/** The variant of the opened workspace. */
export function variant(): Variant {
  return loadFacts().variant ?? 'demo';
}

/** `describe` for the workspace variants named; in the others the suite is not declared at all. */
export function describeIn(variants: readonly Variant[], title: string, fn: (this: Mocha.Suite) => void): void {
  if (variants.includes(variant())) describe(title, fn);
}

export async function activeApi(): Promise<EngineeringKpisApi> {
  const ext = vscode.extensions.getExtension<EngineeringKpisApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(
    api && typeof api.whenIdle === 'function' && typeof api.snapshot === 'function',
    'activate() must return { whenIdle, snapshot }',
  );
  return api;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host must open the demo repository as a folder');
  return folder;
}

export function kpiFileUri(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, 'kpi.json');
}

/** Polls `probe` until it returns something other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Equal to 1e-9 relative: values are computed, not parsed from text. */
export function assertClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || actual === null) {
    assert.strictEqual(actual, expected, label);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${label}: expected ${expected}, got ${actual}`);
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}
