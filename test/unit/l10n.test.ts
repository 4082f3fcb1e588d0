// The Traditional Chinese bundles must translate every string the extension shows: the UI's
// vscode.l10n.t strings, and the core's text() templates (kpi.json problems, SMART warnings).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseKpiFile, type Problem } from '../../src/core/kpiJson/parse';
import { allProblems, unattainable } from '../../src/core/kpiJson/smart';
import type { KpiResult } from '../../src/core/evaluation/types';
import { zhTw } from './helpers/problems';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function placeholders(s: string): string[] {
  return (s.match(/\{\d+\}/g) ?? []).sort();
}

/** The first argument of every `call('…')` (or `call("…")`) in the files, as the string it denotes. */
function literals(files: readonly string[], call: RegExp): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(call)) out.add(m[2]!.replace(/\\(['"])/g, '$1'));
  }
  return out;
}

const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-tw.json'), 'utf8')) as Record<string, string>;
const coreFiles = sourceFiles(join(root, 'src', 'core'));
const uiStrings = literals(sourceFiles(join(root, 'src')), /l10n\.t\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g);
const coreTemplates = literals(coreFiles, /(?<![\w.])text\(\s*(['"])((?:(?!\1)[^\\]|\\.)*)\1/g);

function assertTranslated(used: ReadonlySet<string>): void {
  const missing = [...used].filter((k) => !(k in bundle));
  assert.deepEqual(missing, []);
  for (const k of used) assert.deepEqual(placeholders(bundle[k]!), placeholders(k), k);
}

describe('the English bundle (l10n/bundle.l10n.json)', () => {
  it('is what scripts/l10n-bundle.mjs extracts from the sources now (@vscode/l10n-dev and the core templates)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'l10n-bundle.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('has exactly the keys of the zh-tw bundle: nothing untranslated, no translation left behind', () => {
    const english = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.ok(Object.keys(english).length > 100);
    assert.deepEqual(Object.keys(bundle).sort(), Object.keys(english).sort());
    for (const [k, v] of Object.entries(english)) assert.equal(v, k, 'an English value is its key');
  });
});

describe('translations (zh-tw)', () => {
  it('bundle.l10n.zh-tw.json translates every vscode.l10n.t string, keeping placeholders', () => {
    assert.ok(uiStrings.size > 10, 'expected to find the extension strings');
    assertTranslated(uiStrings);
  });

  it('bundle.l10n.zh-tw.json translates every text() template of the core, keeping placeholders', () => {
    assert.ok(coreTemplates.size > 30, 'expected to find the kpi.json problem templates');
    assertTranslated(coreTemplates);
  });

  it('the core calls text() with a literal template only, so that the test above sees them all', () => {
    const callers = coreFiles.filter((f) =>
      /import \{[^}]*\btext\b[^}]*\} from '(?:\.\.?\/)+(?:text\/)?translatable'/.test(readFileSync(f, 'utf8')),
    );
    assert.ok(callers.length >= 2, 'expected kpiJson/parse.ts and kpiJson/smart.ts to build their problems with text()');
    const dynamic = callers.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?<![\w.])text\((?!\s*['"])[^\n]*/g)].map((m) => `${f}: ${m[0]}`),
    );
    assert.deepEqual(dynamic, []);
  });

  it('has no stale translations', () => {
    const unused = Object.keys(bundle).filter((k) => !uiStrings.has(k) && !coreTemplates.has(k));
    assert.deepEqual(unused, [], 'stale translations');
  });

  it('package.nls.zh-tw.json has every key of package.nls.json, and package.json uses only known keys', () => {
    const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-tw.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const pkg = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...pkg.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!);
    assert.ok(keys.length > 5);
    for (const k of keys) assert.ok(k in en, `package.json uses %${k}% which package.nls.json lacks`);
  });
});

describe('kpi.json problems in zh-tw (as the Problems panel shows them)', () => {
  const zh = (problems: readonly Problem[], code: string): string[] => problems.filter((p) => p.code === code).map((p) => zhTw(p.text));
  const one = (kpi: string, objectiveExtra = ''): string => `{ "objectives": [{ "name": "O"${objectiveExtra}, "kpis": [${kpi}] }] }`;

  it('syntax, schema and semantic problems', () => {
    assert.deepEqual(zh(parseKpiFile('{"objectives" [] }').problems, 'syntax'), ['語法錯誤:應有冒號。']);
    assert.deepEqual(zh(parseKpiFile(one('{ "metric": "commitFrequency" }')).problems, 'required'), [
      'objectives.0.kpis.0 缺少必要的屬性 "name"。',
    ]);
    assert.deepEqual(zh(parseKpiFile(one('{ "name": "K" }')).problems, 'schema-oneOf'), [
      'objectives.0.kpis.0 必須恰好有 "metric"(git 指標)與 "manual": true 其中之一。',
    ]);
    assert.deepEqual(
      zh(parseKpiFile(one('{ "name": "K", "metric": "commitFrequency" }', ', "review": "daily"')).problems, 'schema-oneOf'),
      ['objectives.0.review 必須是 weekly、biweekly、monthly、quarterly 或 { "dates": [...] }。'],
    );
    assert.deepEqual(zh(parseKpiFile(one('{ "name": "K", "metric": "commitFrequency", "window": 4 }')).problems, 'schema-type'), [
      'objectives.0.kpis.0.window 的類型必須是 string。',
    ]);
    assert.deepEqual(zh(parseKpiFile(one('{ "name": "K", "metric": "commitFrequency", "colour": "red" }')).problems, 'unknown-key'), [
      'objectives.0.kpis.0 中有未知的屬性 "colour",將予以忽略。',
    ]);
    const dup = one(
      '{ "id": "lead", "name": "A", "metric": "commitFrequency" }, { "id": "lead", "name": "B", "metric": "commitFrequency" }',
    );
    assert.deepEqual(zh(parseKpiFile(dup).problems, 'duplicate-id'), ['id "lead" 重複:kpi.json 中的 id 不可重複。']);
    const late = one('{ "name": "K", "metric": "commitFrequency" }', ', "timeframe": { "start": "2026-07-01", "end": "2026-01-01" }');
    assert.deepEqual(zh(parseKpiFile(late).problems, 'timeframe-order'), ['期間的結束日期早於開始日期。']);
  });

  it('SMART warnings, with the names from kpi.json as they are', () => {
    const text = '{ "objectives": [{ "name": "Flow", "kpis": [{ "name": "Lead", "metric": "leadTime" }] }], "kpis": [] }';
    const { problems } = allProblems(text);
    assert.deepEqual(zh(problems, 'smart-time-bound'), [
      '"Flow" 沒有期間,因此其 KPI 沒有時限(Time-bound):請加上 "start",以及 "end" 或 "duration"。',
    ]);
    assert.deepEqual(zh(problems, 'smart-measurable'), ['"Lead" 沒有目標值,因此無法衡量(Measurable):請加上有方向的目標值。']);
    assert.deepEqual(zh(problems, 'smart-guardrail'), [
      'Lead time for changes 是速度類 KPI,卻沒有品質護欄:單獨推動它可能犧牲品質。請透過 "guardrail" 搭配一個品質類 KPI。',
    ]);
  });

  it('the Attainable check, with its numbers', () => {
    const weeks = (values: number[], met: number): KpiResult =>
      ({ series: values.map((value, i) => ({ week: i, value })), attainability: { met, of: values.length } }) as unknown as KpiResult;
    const never = unattainable({ direction: 'atLeast', value: 10 }, weeks([6, 7, 8, 7, 9, 8], 0));
    assert.equal(never && zhTw(never), '此目標值在最近 6 週的歷史中一次也未達成:它可達成(Attainable)嗎?');
    const far = unattainable({ direction: 'increaseTo', value: 13.5 }, weeks([6, 7, 8, 7, 9, 8], 0));
    assert.equal(far && zhTw(far), '此目標值超出最近 6 週的最佳值(9)達 4.5,大於這幾週數值的整體差距:它可達成(Attainable)嗎?');
  });
});
