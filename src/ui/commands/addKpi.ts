// KPI: Add KPI — a guided walk through the SMART questions (objective, metric, name, window,
// direction, target with a suggestion from the current baseline, time frame, review), then
// one edit that keeps the user's comments and formatting.
import * as vscode from 'vscode';
import { addKpiEdits, type NewKpi } from '../../core/kpiJson/addKpi';
import {
  DIRECTIONS,
  METRIC_IDS,
  type Cadence,
  type Direction,
  type MetricId,
  type Objective,
  type RepositorySettings,
} from '../../core/kpiJson/model';
import { freeId, slugId } from '../../core/kpiJson/naming';
import { parseKpiFile } from '../../core/kpiJson/parse';
import { suggestTarget } from '../../core/kpiJson/smart';
import { METRICS } from '../../core/metrics/registry';
import { isoDate } from '../../core/time/units';
import { offsetRange, toWorkspaceEdit } from '../editor/edits';
import { KPI_FILE } from '../ids';
import type { KpiService } from '../kpiService';
import { MultiStepInput, type InputStep } from '../multiStepInput';
import { metricLabel } from '../presentation';

/** Answers given up front skip their question (tests, other commands). */
export interface AddKpiAnswers {
  readonly objective?: string;
  readonly metric?: MetricId | 'manual';
  readonly name?: string;
  readonly window?: string;
  readonly direction?: Direction;
  readonly target?: number;
  readonly timeframe?: 'quarter' | 'half' | 'none';
  readonly review?: Cadence | 'none';
}

const CADENCES: readonly Cadence[] = ['weekly', 'biweekly', 'monthly', 'quarterly'];

/** What the walk has answered so far. */
interface Draft {
  objective?: NewKpi['objective'] | 'new';
  metric?: MetricId | 'manual';
  name?: string;
  window?: string;
  direction?: Direction;
  target?: number;
  timeframe?: 'quarter' | 'half' | 'none';
  review?: Cadence | 'none';
}

interface Walk {
  readonly service: KpiService;
  readonly objectives: readonly Objective[];
  /** kpi.json's repository settings: the suggested target is measured under them. */
  readonly repository: RepositorySettings;
  readonly given: AddKpiAnswers;
  readonly draft: Draft;
}

interface Question {
  /** Whether the walk asks it: not answered up front, and relevant to the answers so far. */
  readonly needed: (w: Walk) => boolean;
  readonly ask: (input: MultiStepInput, w: Walk, at: { title: string; step: number; totalSteps: number }) => Promise<void>;
}

export function addKpiCommand(service: KpiService): (answers?: unknown) => Promise<boolean> {
  return async (answers?: unknown) => {
    const given = (typeof answers === 'object' && answers !== null ? answers : {}) as AddKpiAnswers;
    const state = service.state;
    const folder = 'folder' in state ? state.folder : await service.pickFolder();
    if (!folder) return false;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, KPI_FILE));
    const text = document.getText();
    const parsed = parseKpiFile(text);
    if (!parsed.config) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Fix the errors in kpi.json before adding a KPI.'));
      return false;
    }
    const walk: Walk = {
      service,
      objectives: parsed.config.objectives,
      repository: parsed.config.repository,
      given,
      draft: answersToDraft(given, parsed.config.objectives),
    };
    const first = stepFrom(walk, 0);
    if (first && !(await MultiStepInput.run(first))) return false;
    const entry = newKpi(walk, text);
    if (!entry) return false;
    if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, addKpiEdits(text, entry))))) return false;
    const editor = await vscode.window.showTextDocument(document);
    const at = document.getText().indexOf(`"${entry.id}"`);
    if (at >= 0) editor.revealRange(offsetRange(document, at, 0), vscode.TextEditorRevealType.InCenter);
    service.requestRefresh();
    return true;
  };
}

function answersToDraft(given: AddKpiAnswers, objectives: readonly Objective[]): Draft {
  const { objective, ...rest } = given;
  const draft: Draft = { ...rest };
  if (objective !== undefined) {
    const index = objectives.findIndex((o) => o.id === objective || o.name === objective);
    draft.objective = index >= 0 ? { index } : { name: objective };
  }
  return draft;
}

/** The step that asks the first needed question at or after `from`, numbered among the needed ones. */
function stepFrom(w: Walk, from: number): InputStep | undefined {
  const index = QUESTIONS.findIndex((q, i) => i >= from && q.needed(w));
  if (index < 0) return undefined;
  return async (input) => {
    const needed = QUESTIONS.filter((q) => q.needed(w));
    const question = QUESTIONS[index]!;
    await question.ask(input, w, { title: vscode.l10n.t('Add KPI'), step: needed.indexOf(question) + 1, totalSteps: needed.length });
    return stepFrom(w, index + 1);
  };
}

/** The objective the KPI joins, when it already exists. */
function chosenObjective(w: Walk): Objective | undefined {
  const o = w.draft.objective;
  return o !== undefined && o !== 'new' && 'index' in o ? w.objectives[o.index] : undefined;
}

const better = (w: Walk): 'higher' | 'lower' =>
  w.draft.metric === undefined || w.draft.metric === 'manual' ? 'higher' : METRICS[w.draft.metric].better;

const QUESTIONS: readonly Question[] = [
  {
    // Relevant: which objective does it measure?
    needed: (w) => w.given.objective === undefined,
    ask: async (input, w, at) => {
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('Which objective does this KPI measure?'),
        items: [
          ...w.objectives.map((o, index) => ({ label: o.name, description: o.id, index })),
          { label: vscode.l10n.t('$(add) New objective…'), index: -1 },
        ],
      });
      w.draft.objective = pick.index >= 0 ? { index: pick.index } : 'new';
    },
  },
  {
    needed: (w) => w.given.objective === undefined && w.draft.objective === 'new',
    ask: async (input, w, at) => {
      const name = await input.showInputBox({
        ...at,
        prompt: vscode.l10n.t('Name the objective (what the team wants to achieve)'),
        validate: required,
      });
      w.draft.objective = { name };
    },
  },
  {
    // Measurable: which metric?
    needed: (w) => w.given.metric === undefined,
    ask: async (input, w, at) => {
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('What do you measure?'),
        items: [
          ...METRIC_IDS.map((id) => ({
            label: metricLabel(id, METRICS[id].title),
            description: METRICS[id].unit,
            id: id as MetricId | 'manual',
          })),
          { label: vscode.l10n.t('Manual value'), description: vscode.l10n.t('recorded by hand'), id: 'manual' as const },
        ],
      });
      w.draft.metric = pick.id;
    },
  },
  {
    // Specific: its name.
    needed: (w) => w.given.name === undefined,
    ask: async (input, w, at) => {
      const m = w.draft.metric;
      const suggested = m === undefined || m === 'manual' ? '' : metricLabel(m, METRICS[m].title);
      w.draft.name = await input.showInputBox({
        ...at,
        prompt: vscode.l10n.t('Name the KPI'),
        value: w.draft.name ?? suggested,
        validate: required,
      });
    },
  },
  {
    // The window it is measured over.
    needed: (w) => w.given.window === undefined,
    ask: async (input, w, at) => {
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('Measured over which window? (Nw: complete ISO weeks, Nd: rolling days)'),
        items: ['4w', '8w', '12w', '30d'].map((label) => ({ label })),
      });
      w.draft.window = pick.label;
    },
  },
  {
    // The direction that counts as better.
    needed: (w) => w.given.direction === undefined,
    ask: async (input, w, at) => {
      const order: Direction[] =
        better(w) === 'higher' ? ['increaseTo', 'atLeast', 'decreaseTo', 'atMost'] : ['decreaseTo', 'atMost', 'increaseTo', 'atLeast'];
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('Which direction is better?'),
        items: order.filter((d) => DIRECTIONS.includes(d)).map((d) => ({ label: d, description: directionText(d), direction: d })),
      });
      w.draft.direction = pick.direction;
    },
  },
  {
    // Attainable: the target, suggested from the current baseline.
    needed: (w) => w.given.target === undefined,
    ask: async (input, w, at) => {
      const m = w.draft.metric;
      const baseline =
        m === undefined || m === 'manual' || w.draft.window === undefined
          ? null
          : await w.service.currentValue(m, w.draft.window, w.repository);
      const value = await input.showInputBox({
        ...at,
        prompt:
          baseline === null ? vscode.l10n.t('Target value') : vscode.l10n.t('Target value (now {0}; suggested: 10% better)', baseline),
        value: baseline === null ? '' : String(suggestTarget(baseline, better(w))),
        validate: (v) => (Number.isFinite(Number(v)) && v.trim() !== '' ? undefined : vscode.l10n.t('Enter a number')),
      });
      w.draft.target = Number(value);
    },
  },
  {
    // Time-bound: a time frame, when the objective has none.
    needed: (w) => w.given.timeframe === undefined && !chosenObjective(w)?.timeframe,
    ask: async (input, w, at) => {
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('By when should it be met?'),
        items: [
          { label: vscode.l10n.t('One quarter from today'), id: 'quarter' as const },
          { label: vscode.l10n.t('Six months from today'), id: 'half' as const },
          { label: vscode.l10n.t('No time frame'), id: 'none' as const },
        ],
      });
      w.draft.timeframe = pick.id;
    },
  },
  {
    // ...and a review cadence, when the objective has none.
    needed: (w) => w.given.review === undefined && !chosenObjective(w)?.review,
    ask: async (input, w, at) => {
      const pick = await input.showQuickPick({
        ...at,
        placeholder: vscode.l10n.t('How often will the team review it?'),
        items: [...CADENCES, 'none' as const].map((c) => ({ label: c, cadence: c })),
      });
      w.draft.review = pick.cadence;
    },
  },
];

function required(v: string): string | undefined {
  return v.trim() === '' ? vscode.l10n.t('Enter a name') : undefined;
}

/** The entry to insert, once every question has its answer. */
function newKpi(w: Walk, text: string): NewKpi | undefined {
  const d = w.draft;
  if (d.objective === undefined || d.objective === 'new' || !d.metric || !d.name || !d.window || !d.direction || d.target === undefined)
    return undefined;
  const existing = chosenObjective(w);
  const timeframe =
    !existing?.timeframe && d.timeframe && d.timeframe !== 'none'
      ? { start: isoDate(Date.now()), duration: d.timeframe === 'quarter' ? '1q' : '2q' }
      : undefined;
  const review = !existing?.review && d.review && d.review !== 'none' ? d.review : undefined;
  return {
    objective: d.objective,
    id: freeId(text, slugId(d.name)),
    name: d.name,
    metric: d.metric,
    direction: d.direction,
    value: d.target,
    window: d.window,
    ...(timeframe ? { timeframe } : {}),
    ...(review ? { review } : {}),
  };
}

function directionText(d: Direction): string {
  switch (d) {
    case 'increaseTo':
      return vscode.l10n.t('rise to the target by the deadline');
    case 'decreaseTo':
      return vscode.l10n.t('fall to the target by the deadline');
    case 'atLeast':
      return vscode.l10n.t('stay at or above the target');
    case 'atMost':
      return vscode.l10n.t('stay at or below the target');
    case 'range':
      return vscode.l10n.t('stay inside a range');
  }
}
