// Parses and validates kpi.json (JSON with comments). Never throws: every problem becomes a
// ranged diagnostic, and a config is returned only when nothing blocks evaluation.
import { compileGlob, compileRegex } from '../text/patterns';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import generatedValidator from './schemaValidator.generated';
import { slugId } from './naming';
import { isCalendarDate } from '../time/calendar';
import { english, text, type Text } from '../text/translatable';
import type {
  Direction,
  Indicator,
  JsonPath,
  KpiConfig,
  KpiDefinition,
  MetricId,
  Mode,
  Objective,
  ObjectiveType,
  RepositorySettings,
  Review,
  Target,
  Timeframe,
} from './model';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The English wording (the CLI prints it); `text` is the same, translatable. */
  readonly message: string;
  readonly text: Text;
  readonly severity: Severity;
  readonly offset: number;
  readonly length: number;
  readonly code: string;
}

export interface ParseResult {
  /** Present when the file can be evaluated (warnings allowed). */
  readonly config?: KpiConfig;
  /** The syntax tree, for ranges and edits (absent after a syntax error). */
  readonly root?: Node;
  readonly problems: readonly Problem[];
}

/** Files larger than this are refused instead of parsed (a kpi.json is small). */
export const MAX_KPI_FILE_BYTES = 2 * 1024 * 1024;
/** Deepest nesting of objects and arrays read; the schema needs 7. The parser recurses. */
export const MAX_KPI_DEPTH = 64;

// Compiled ahead of time from schemas/kpi.schema.json (scripts/schema-validator.mjs): no
// schema is compiled at run time.
const validateSchema = generatedValidator as unknown as ValidateFunction;

export function parseKpiFile(source: string): ParseResult {
  if (source.length > MAX_KPI_FILE_BYTES) {
    return { problems: [problem('error', 'too-large', text('kpi.json is larger than {0} bytes.', MAX_KPI_FILE_BYTES), 0, 0)] };
  }
  const tooDeep = deeperThan(source, MAX_KPI_DEPTH);
  if (tooDeep !== undefined) {
    return {
      problems: [
        problem('error', 'too-deep', text('kpi.json nests objects and arrays deeper than {0} levels.', MAX_KPI_DEPTH), tooDeep, 1),
      ],
    };
  }
  const syntax: ParseError[] = [];
  const root = parseTree(source, syntax, { allowTrailingComma: true, disallowComments: false });
  if (syntax.length > 0 || root === undefined) {
    // The first syntax error only: what follows it is the parser losing its place (a missing
    // quote gives seven errors for one mistake), and fixing the first clears the rest.
    const problems = syntax.slice(0, 1).map((e) => problem('error', 'syntax', SYNTAX[printParseErrorCode(e.error)], e.offset, e.length));
    if (problems.length === 0) problems.push(problem('error', 'empty', text('kpi.json is empty.'), 0, 0));
    return { problems };
  }
  const problems: Problem[] = [];
  const value = toValue(root, problems);
  if (!validateSchema(value)) {
    for (const err of withoutOneOfBranches(validateSchema.errors ?? [])) {
      const p = schemaProblem(root, err);
      if (p) problems.push(p);
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { root, problems: dedupe(problems) };
  const config = buildConfig(root, value as RawFile, problems);
  const all = dedupe(problems);
  return all.some((p) => p.severity === 'error') ? { root, problems: all } : { root, config, problems: all };
}

interface RawTarget {
  direction: Direction;
  value?: number;
  min?: number;
  max?: number;
  baseline?: number;
  warning?: number;
}
interface RawKpi {
  id?: string;
  name: string;
  metric?: MetricId;
  manual?: boolean;
  params?: { statistic?: 'median' | 'p75' };
  target?: RawTarget;
  unit?: string;
  window?: string;
  description?: string;
  indicator?: Indicator;
  owner?: string;
  guardrail?: string;
}
interface RawObjective {
  id?: string;
  name: string;
  description?: string;
  type?: ObjectiveType;
  mode?: Mode;
  timeframe?: Timeframe;
  review?: Review;
  owner?: string;
  kpis: RawKpi[];
}
interface RawFile {
  objectives: RawObjective[];
  kpis?: RawKpi[];
  repository?: RepositorySettings;
  reviewHistory?: boolean;
}

/** What building the config reports through: problems at a path, and ids claimed so far. */
interface Builder {
  readonly report: Report;
  /** Records an id; a second use of the same id is an error at `path`. */
  readonly claim: (id: string, path: JsonPath) => void;
}

function buildConfig(root: Node, raw: RawFile, problems: Problem[]): KpiConfig {
  const seen = new Set<string>();
  const report: Report = (severity, code, message, path) => {
    const node = findNodeAtLocation(root, [...path]) ?? root;
    problems.push(problem(severity, code, message, node.offset, node.length));
  };
  const b: Builder = {
    report,
    claim: (id, path) => {
      if (seen.has(id)) report('error', 'duplicate-id', text('Duplicate id "{0}": ids must be unique in kpi.json.', id), path);
      seen.add(id);
    },
  };
  const objectives = raw.objectives.map((o, oi) => buildObjective(o, oi, b));
  const looseKpis = (raw.kpis ?? []).map((k, ki) => buildKpi(k, ['kpis', ki], `kpi-${ki + 1}`, b));
  checkGuardrails([...objectives.flatMap((o) => o.kpis), ...looseKpis], report);
  return { objectives, looseKpis, repository: buildRepository(raw.repository ?? {}, report), reviewHistory: raw.reviewHistory === true };
}

function buildKpi(k: RawKpi, path: JsonPath, fallback: string, b: Builder): KpiDefinition {
  const kid = k.id ?? slugId(k.name, fallback);
  b.claim(kid, [...path, k.id !== undefined ? 'id' : 'name']);
  // Allowlisted members only: a spread would copy unknown keys (and `__proto__`).
  const t = k.target;
  return compact<KpiDefinition>({
    id: kid,
    name: k.name,
    metric: k.metric,
    manual: k.manual,
    params: k.params ? compact({ statistic: k.params.statistic }) : undefined,
    target: t
      ? compact<Target>({ direction: t.direction, value: t.value, min: t.min, max: t.max, baseline: t.baseline, warning: t.warning })
      : undefined,
    unit: k.unit,
    window: k.window,
    description: k.description,
    indicator: k.indicator,
    owner: k.owner,
    guardrail: k.guardrail,
    path,
  });
}

function buildObjective(o: RawObjective, oi: number, b: Builder): Objective {
  const path: JsonPath = ['objectives', oi];
  const oid = o.id ?? slugId(o.name, `objective-${oi + 1}`);
  b.claim(oid, [...path, o.id !== undefined ? 'id' : 'name']);
  const timeframe = o.timeframe
    ? compact<Timeframe>({ start: o.timeframe.start, end: o.timeframe.end, duration: o.timeframe.duration })
    : undefined;
  if (timeframe) checkTimeframe(timeframe, [...path, 'timeframe'], b.report);
  const review: Review | undefined =
    o.review === undefined ? undefined : typeof o.review === 'string' ? o.review : { dates: [...o.review.dates] };
  if (review !== undefined && typeof review !== 'string') {
    review.dates.forEach((d, i) => {
      if (!isCalendarDate(d)) b.report('error', 'date', text('"{0}" is not a calendar date.', d), [...path, 'review', 'dates', i]);
    });
  }
  return compact<Objective>({
    id: oid,
    name: o.name,
    description: o.description,
    type: o.type,
    mode: o.mode ?? 'kpi',
    timeframe,
    review,
    owner: o.owner,
    kpis: o.kpis.map((k, ki) => buildKpi(k, [...path, 'kpis', ki], `kpi-${oi + 1}-${ki + 1}`, b)),
    path,
  });
}

/** A guardrail names another KPI of the file. */
function checkGuardrails(kpis: readonly KpiDefinition[], report: Report): void {
  const ids = new Set(kpis.map((k) => k.id));
  for (const k of kpis) {
    if (k.guardrail !== undefined && !ids.has(k.guardrail)) {
      report('error', 'unknown-guardrail', text('Guardrail "{0}" is not the id of a KPI in this file.', k.guardrail), [
        ...k.path,
        'guardrail',
      ]);
    } else if (k.guardrail === k.id) {
      report('error', 'self-guardrail', text('A KPI cannot be its own guardrail.'), [...k.path, 'guardrail']);
    }
  }
}

function buildRepository(repo: RepositorySettings, report: Report): RepositorySettings {
  for (const key of ['botPatterns', 'fixPatterns'] as const) {
    (repo[key] ?? []).forEach((pattern, i) => {
      const issue = regexIssue(pattern);
      if (issue) report('error', 'regex', issue, ['repository', key, i]);
    });
  }
  (repo.excludePaths ?? []).forEach((pattern, i) => {
    const issue = globIssue(pattern);
    if (issue) report('error', 'glob', issue, ['repository', 'excludePaths', i]);
  });
  const tagPatterns = repo.releaseTagPattern;
  if (typeof tagPatterns === 'string') {
    const issue = globIssue(tagPatterns);
    if (issue) report('error', 'glob', issue, ['repository', 'releaseTagPattern']);
  } else {
    (tagPatterns ?? []).forEach((pattern, i) => {
      const issue = globIssue(pattern);
      if (issue) report('error', 'glob', issue, ['repository', 'releaseTagPattern', i]);
    });
  }
  (repo.releaseTagExclude ?? []).forEach((pattern, i) => {
    const issue = globIssue(pattern);
    if (issue) report('error', 'glob', issue, ['repository', 'releaseTagExclude', i]);
  });
  return compact<RepositorySettings>({
    mainBranch: repo.mainBranch,
    botPatterns: repo.botPatterns,
    fixPatterns: repo.fixPatterns,
    aliases: repo.aliases,
    excludePaths: repo.excludePaths,
    releaseTagPattern: repo.releaseTagPattern,
    releaseTagExclude: repo.releaseTagExclude,
  });
}

type Report = (severity: Severity, code: string, message: Text, path: JsonPath) => void;

function checkTimeframe(t: Timeframe, path: JsonPath, report: Report): void {
  if (!isCalendarDate(t.start)) report('error', 'date', text('"{0}" is not a calendar date.', t.start), [...path, 'start']);
  if (t.end !== undefined) {
    if (!isCalendarDate(t.end)) report('error', 'date', text('"{0}" is not a calendar date.', t.end), [...path, 'end']);
    else if (isCalendarDate(t.start) && t.end < t.start) {
      report('error', 'timeframe-order', text('The time frame ends before it starts.'), [...path, 'end']);
    }
  }
}

/**
 * User patterns run on RE2's linear-time engine; one it cannot compile (lookaround and
 * backreferences are not RE2 syntax) is an error, so the file is refused rather than run on a
 * backtracking engine. The engine's own reason stays in English: it names the part at fault.
 */
function regexIssue(pattern: string): Text | undefined {
  const c = compileRegex(pattern);
  return 'error' in c ? text('Invalid regular expression (RE2 syntax): {0}', c.error) : undefined;
}

function globIssue(pattern: string): Text | undefined {
  const c = compileGlob(pattern);
  return 'error' in c ? text('Invalid glob: {0}', c.error) : undefined;
}

/**
 * A failed `oneOf` also reports every branch's own failure; those say nothing useful
 * ("must have required property 'manual'"), so only the `oneOf` error itself is kept.
 */
function withoutOneOfBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const failed = errors.filter((e) => e.keyword === 'oneOf').map((e) => e.schemaPath);
  return errors.filter((e) => e.keyword === 'oneOf' || !failed.some((f) => e.schemaPath.startsWith(`${f}/`)));
}

/** What a failed `oneOf` means, by where it is in the file (ajv's schemaPath is relative to the $ref). */
const ONE_OF_MESSAGES: readonly [RegExp, (where: string) => Text][] = [
  [/\/kpis\/\d+$/, (w) => text('{0} needs exactly one of "metric" (a git metric) and "manual": true.', w)],
  [/\/timeframe$/, (w) => text('{0} needs exactly one of "end" and "duration".', w)],
  [/\/review$/, (w) => text('{0} must be weekly, biweekly, monthly, quarterly, or { "dates": [...] }.', w)],
];

function schemaProblem(root: Node, err: ErrorObject): Problem | undefined {
  if (err.keyword === 'if') return undefined; // the failing `then`/`else` branch reports the cause
  if (err.keyword === 'oneOf') {
    const path = pointerToPath(err.instancePath);
    const at = findNodeAtLocation(root, path) ?? root;
    const where = path.join('.');
    const message =
      ONE_OF_MESSAGES.find(([re]) => re.test(err.instancePath))?.[1](where) ?? text('{0} does not match any allowed form.', where);
    return problem('error', 'schema-oneOf', message, at.offset, Math.min(at.length, 1));
  }
  const path = pointerToPath(err.instancePath);
  const at = findNodeAtLocation(root, path) ?? root;
  const where = path.length > 0 ? path.join('.') : 'kpi.json';
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const prop = at.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === key)?.children?.[0];
      const node = prop ?? at;
      return problem('warning', 'unknown-key', text('Unknown property "{0}" in {1}: it is ignored.', key, where), node.offset, node.length);
    }
    case 'required': {
      const missing = String((err.params as { missingProperty: string }).missingProperty);
      return problem('error', 'required', text('{0} needs "{1}".', where, missing), at.offset, Math.min(at.length, 1));
    }
    case 'enum': {
      const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ');
      const code = path[path.length - 1] === 'metric' ? 'unknown-metric' : 'enum';
      return problem('error', code, text('{0} must be one of {1}.', where, allowed), at.offset, at.length);
    }
    default:
      return problem('error', `schema-${err.keyword}`, ajvText(where, err), at.offset, at.length);
  }
}

/**
 * The keywords kpi.schema.json uses, in ajv's own English wording (so the message is what ajv
 * says) but translatable; any other keyword keeps ajv's wording as a value.
 */
function ajvText(where: string, err: ErrorObject): Text {
  const params = err.params as { type?: unknown; pattern?: unknown; limit?: unknown };
  switch (err.keyword) {
    case 'type':
      return text('{0} must be {1}.', where, String(params.type));
    case 'pattern':
      return text('{0} must match pattern "{1}".', where, String(params.pattern));
    case 'minLength':
      return text('{0} must NOT have fewer than {1} characters.', where, Number(params.limit));
    case 'maxLength':
      return text('{0} must NOT have more than {1} characters.', where, Number(params.limit));
    case 'maxItems':
      return text('{0} must NOT have more than {1} items.', where, Number(params.limit));
    case 'exclusiveMinimum':
      return text('{0} must be > {1}.', where, Number(params.limit));
    default:
      return text('{0} {1}.', where, err.message ?? 'is invalid');
  }
}

/** Each of jsonc-parser's syntax errors in words. */
const SYNTAX: Record<ReturnType<typeof printParseErrorCode>, Text> = {
  InvalidSymbol: text('Syntax error: invalid symbol.'),
  InvalidNumberFormat: text('Syntax error: invalid number format.'),
  PropertyNameExpected: text('Syntax error: property name expected.'),
  ValueExpected: text('Syntax error: value expected.'),
  ColonExpected: text('Syntax error: colon expected.'),
  CommaExpected: text('Syntax error: comma expected.'),
  CloseBraceExpected: text('Syntax error: close brace expected.'),
  CloseBracketExpected: text('Syntax error: close bracket expected.'),
  EndOfFileExpected: text('Syntax error: end of file expected.'),
  InvalidCommentToken: text('Syntax error: invalid comment token.'),
  UnexpectedEndOfComment: text('Syntax error: unexpected end of comment.'),
  UnexpectedEndOfString: text('Syntax error: unexpected end of string.'),
  UnexpectedEndOfNumber: text('Syntax error: unexpected end of number.'),
  InvalidUnicode: text('Syntax error: invalid unicode.'),
  InvalidEscapeCharacter: text('Syntax error: invalid escape character.'),
  InvalidCharacter: text('Syntax error: invalid character.'),
  '<unknown ParseErrorCode>': text('Syntax error.'),
};

/**
 * The offset of the first bracket nested deeper than `max`, found with jsonc-parser's scanner
 * (iterative: strings and comments are skipped as the parser skips them), before the
 * recursive parser could overflow the stack.
 */
function deeperThan(source: string, max: number): number | undefined {
  const scanner = createScanner(source, true);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Builds plain data from the syntax tree; keys such as `__proto__` become own properties. A
 * key given twice is an error (which one counts would be a guess; JSON leaves it open), and so
 * is a number too large for a double (1e400 would become Infinity).
 */
function toValue(node: Node, problems: Problem[]): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k === undefined || v === undefined) continue;
        const key = String(k.value);
        if (seen.has(key)) {
          problems.push(problem('error', 'duplicate-key', text('"{0}" is given more than once in this object.', key), k.offset, k.length));
        }
        seen.add(key);
        Object.defineProperty(out, key, { value: toValue(v, problems), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((c) => toValue(c, problems));
    case 'number':
      if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
        problems.push(problem('error', 'number-range', text('This number is too large to be represented.'), node.offset, node.length));
      }
      return node.value;
    default:
      return node.value;
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function problem(severity: Severity, code: string, t: Text, offset: number, length: number): Problem {
  return { severity, code, message: english(t), text: t, offset, length };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}:${p.offset}:${p.length}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined members so that `exactOptionalPropertyTypes` holds. */
function compact<T>(o: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}
