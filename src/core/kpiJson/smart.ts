// SMART checks of kpi.json: Measurable (a target), Time-bound (a time frame), Relevant (inside
// an objective), Attainable (met at least sometimes in past weeks), and a quality guardrail
// for every speed KPI. Each problem carries the fix when the fix is clear.
import { findNodeAtLocation, findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import type { Evaluation, KpiResult } from '../evaluation/types';
import { allKpis } from '../evaluation/evaluate';
import { parseKpiFile, type ParseResult, type Problem } from './parse';
import { METRICS } from '../metrics/registry';
import type { JsonPath, KpiDefinition, KpiConfig, Target } from './model';
import { formatNumber } from '../text/format';
import { english, text, type Text } from '../text/translatable';

export type SmartFix =
  | { readonly kind: 'addTimeframe'; readonly objectivePath: JsonPath }
  | { readonly kind: 'setTarget'; readonly kpiPath: JsonPath; readonly direction: 'atLeast' | 'atMost'; readonly value: number }
  | { readonly kind: 'addGuardrail'; readonly kpiPath: JsonPath; readonly kpiId: string; readonly window: string | undefined }
  | { readonly kind: 'setReleaseTagPattern'; readonly pattern: string }
  | { readonly kind: 'setFixPatterns'; readonly patterns: readonly string[] }
  | { readonly kind: 'replaceValue'; readonly path: JsonPath; readonly value: string };

export interface SmartProblem extends Problem {
  readonly fix?: SmartFix;
}

/**
 * Suggested target: 10% better than the current baseline (a common, reachable step), with
 * no decimals from 10, one from 1, two significant digits below. A KPI that should rise is
 * never offered a target it already meets (from 0 or below it is 1); one that should fall is
 * never offered more than it has.
 */
export function suggestTarget(baseline: number, better: 'higher' | 'lower'): number {
  const raw = better === 'higher' ? baseline * 1.1 : baseline * 0.9;
  const a = Math.abs(raw);
  const v = Number(a >= 10 ? raw.toFixed(0) : a >= 1 ? raw.toFixed(1) : raw.toPrecision(2));
  if (better === 'higher') return baseline <= 0 ? 1 : v > baseline ? v : raw;
  return v <= baseline ? v : baseline;
}

export function smartProblems(config: KpiConfig, root: Node, evaluation?: Evaluation): SmartProblem[] {
  const out: SmartProblem[] = [];
  const add = (path: JsonPath, code: string, t: Text, fix?: SmartFix): void => {
    const node = findNodeAtLocation(root, [...path]) ?? root;
    out.push({
      severity: 'warning',
      code,
      message: english(t),
      text: t,
      offset: node.offset,
      length: node.length,
      ...(fix ? { fix } : {}),
    });
  };
  const results = new Map<string, KpiResult>((evaluation ? allKpis(evaluation) : []).map((k) => [k.id, k]));
  const check = (k: KpiDefinition, inObjective: boolean, aspirational = false): void => {
    const metric = k.metric !== undefined ? METRICS[k.metric] : undefined;
    const result = results.get(k.id);
    if (!k.target) {
      const v = result?.value ?? null;
      const fix: SmartFix | undefined =
        metric && v !== null
          ? {
              kind: 'setTarget',
              kpiPath: k.path,
              direction: metric.better === 'higher' ? 'atLeast' : 'atMost',
              value: suggestTarget(v, metric.better),
            }
          : undefined;
      add(
        [...k.path, 'name'],
        'smart-measurable',
        text('"{0}" has no target, so it is not Measurable: add a target with a direction.', k.name),
        fix,
      );
    } else if (result && !aspirational) {
      const reach = unattainable(k.target, result);
      if (reach) add([...k.path, 'target'], 'smart-attainable', reach);
    }
    if (!inObjective) {
      add(
        [...k.path, 'name'],
        'smart-relevant',
        text('"{0}" belongs to no objective, so it is not tied to a goal (Relevant): move it into an objective.', k.name),
      );
    }
    if (metric?.category === 'speed' && k.guardrail === undefined) {
      add(
        [...k.path, 'metric'],
        'smart-guardrail',
        text(
          '{0} is a speed KPI without a quality guardrail: pushing it alone can lower quality. Pair it with a quality KPI through "guardrail".',
          metric.title,
        ),
        { kind: 'addGuardrail', kpiPath: k.path, kpiId: k.id, window: k.window },
      );
    }
  };
  for (const o of config.objectives) {
    if (!o.timeframe && o.kpis.length > 0) {
      add(
        [...o.path, 'name'],
        'smart-time-bound',
        text('"{0}" has no time frame, so its KPIs are not Time-bound: add a start and an end or duration.', o.name),
        {
          kind: 'addTimeframe',
          objectivePath: o.path,
        },
      );
    }
    // OKR key results are meant to stretch: they are not checked for attainability.
    for (const k of o.kpis) check(k, true, o.mode === 'okr');
  }
  for (const k of config.looseKpis) check(k, false);
  // Fix-based KPIs where no recent landing is recognised as a fix, yet subjects mention fixes.
  const fixPatterns = evaluation?.dataQuality?.suggestedFixPatterns;
  if (fixPatterns && allKpiDefinitions(config).some((k) => k.metric === 'fixShare' || k.metric === 'changeFailureRate')) {
    add(
      config.repository.fixPatterns !== undefined ? ['repository', 'fixPatterns'] : ['repository'],
      'smart-fix-patterns',
      text(
        'No recent landing is recognised as a fix, yet the subjects mention fixes: fix share cannot be Measured until repository.fixPatterns says what this team writes.',
      ),
      { kind: 'setFixPatterns', patterns: fixPatterns },
    );
  }
  // Delivery KPIs without a single release, where the tags say which pattern the team uses.
  const suggested = evaluation?.dataQuality?.suggestedReleaseTagPattern; // a partial evaluation (tests, old results) may lack it
  const delivery = allKpiDefinitions(config).some((k) => k.metric !== undefined && DELIVERY.has(k.metric));
  if (suggested !== undefined && delivery) {
    add(
      config.repository.releaseTagPattern !== undefined ? ['repository', 'releaseTagPattern'] : ['repository'],
      'smart-release-pattern',
      text('No tag matches the release pattern, so delivery KPIs cannot be Measured; the tags look like "{0}".', suggested),
      { kind: 'setReleaseTagPattern', pattern: suggested },
    );
  }
  return out;
}

const DELIVERY = new Set<string>(['deploymentFrequency', 'leadTime', 'changeFailureRate']);

function allKpiDefinitions(config: KpiConfig): KpiDefinition[] {
  return [...config.objectives.flatMap((o) => o.kpis), ...config.looseKpis];
}

/** Past weeks needed before history can say anything about attainability. */
const MIN_WEEKS = 4;

/**
 * Why a target looks out of reach, or undefined. A threshold that must hold (atLeast, atMost,
 * range) should have held at least once in past weeks. An improvement target (increaseTo,
 * decreaseTo) is expected to be new ground, so it is flagged only when it lies beyond the
 * best week on record by more than the whole spread of past weeks.
 */
export function unattainable(target: Target, result: KpiResult): Text | undefined {
  const a = result.attainability;
  if (!a || a.of < MIN_WEEKS || a.met > 0) return undefined;
  if (target.direction !== 'increaseTo' && target.direction !== 'decreaseTo') {
    return text('This target was met in 0 of the last {0} weeks of history: is it Attainable?', a.of);
  }
  const past = result.series.slice(-a.of).flatMap((p) => (p.value === null ? [] : [p.value]));
  if (past.length < MIN_WEEKS || target.value === undefined) return undefined;
  const best = target.direction === 'increaseTo' ? Math.max(...past) : Math.min(...past);
  const spread = Math.max(...past) - Math.min(...past);
  const beyond = target.direction === 'increaseTo' ? target.value - best : best - target.value;
  if (beyond <= spread) return undefined;
  return text(
    'This target is {0} beyond the best of the last {1} weeks ({2}), more than their whole spread: is it Attainable?',
    formatNumber(beyond),
    a.of,
    formatNumber(best),
  );
}

/** "met in 3 of the last 26 weeks" */
export function attainabilityText(a: { met: number; of: number }): string {
  return `met in ${formatNumber(a.met)} of the last ${formatNumber(a.of)} weeks`;
}

/** Everything kpi.json should show in the Problems panel: parse and schema problems, then SMART checks. */
export function allProblems(source: string, evaluation?: Evaluation): { parse: ParseResult; problems: (Problem | SmartProblem)[] } {
  const parse = parseKpiFile(source);
  const smart = parse.config && parse.root ? smartProblems(parse.config, parse.root, evaluation) : [];
  const root = parse.root;
  const problems = root ? parse.problems.map((p) => (p.code === 'unknown-metric' ? withMetricSuggestion(p, root) : p)) : parse.problems;
  return { parse, problems: [...problems, ...smart] };
}

/** An unknown metric id with a close known one: the problem carries the "did you mean" fix. */
function withMetricSuggestion(p: Problem, root: Node): Problem | SmartProblem {
  const node = findNodeAtOffset(root, p.offset);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return p;
  const suggestion = didYouMean(node.value, Object.keys(METRICS));
  return suggestion === undefined ? p : { ...p, fix: { kind: 'replaceValue', path: getNodePath(node), value: suggestion } };
}

/**
 * The option closest to `word` (case-insensitive edit distance, a swap of two neighbours
 * counting once), when it is close enough to be a typo: at most a third of the word's length,
 * and at least 1. Ties go to the first option.
 */
export function didYouMean(word: string, options: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length === 0 || w.length > 100) return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const d = editDistance(w, option.toLowerCase());
    if (!best || d < best.distance) best = { option, distance: d };
  }
  const limit = Math.max(1, Math.floor(w.length / 3));
  return best && best.distance <= limit ? best.option : undefined;
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
