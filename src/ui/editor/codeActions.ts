// Quick fixes for kpi.json's SMART warnings: add a time frame, set the target from the
// baseline, add a guardrail KPI. Edits keep the user's comments and formatting.
import * as vscode from 'vscode';
import type { Evaluation } from '../../core/evaluation/types';
import { fixEdits } from '../../core/kpiJson/fixes';
import { allProblems, type SmartFix, type SmartProblem } from '../../core/kpiJson/smart';
import { problemRange } from './diagnostics';
import { isoDate } from '../../core/time/units';
import { toWorkspaceEdit } from './edits';

export class KpiCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly evaluation: () => Evaluation | undefined) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const wanted = context.diagnostics.filter(
      (d) => typeof d.code === 'string' && (d.code.startsWith('smart-') || d.code === 'unknown-metric'),
    );
    if (wanted.length === 0) return [];
    const text = document.getText();
    const problems = allProblems(text, this.evaluation()).problems.filter(
      (p): p is SmartProblem & { fix: SmartFix } => 'fix' in p && p.fix !== undefined,
    );
    const actions: vscode.CodeAction[] = [];
    for (const d of wanted) {
      const p = problems.find((x) => x.code === d.code && problemRange(document, x).isEqual(d.range));
      if (!p || !problemRange(document, p).intersection(range)) continue;
      const action = new vscode.CodeAction(title(p.fix), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.edit = toWorkspaceEdit(document, fixEdits(text, p.fix, isoDate(Date.now())));
      actions.push(action);
    }
    return actions;
  }
}

function title(fix: SmartFix): string {
  switch (fix.kind) {
    case 'addTimeframe':
      return vscode.l10n.t('Add a time frame (this quarter from today)');
    case 'setTarget':
      return vscode.l10n.t('Set the target from the baseline ({0} {1})', fix.direction === 'atLeast' ? '≥' : '≤', fix.value);
    case 'addGuardrail':
      return vscode.l10n.t('Add a guardrail KPI (revert rate)');
    case 'setFixPatterns':
      return vscode.l10n.t('Recognise fixes by the words in their subjects (fix, bug, crash, leak, regression)');
    case 'setReleaseTagPattern':
      return vscode.l10n.t('Count tags like "{0}" as releases', fix.pattern);
    case 'replaceValue':
      return vscode.l10n.t('Did you mean "{0}"?', fix.value);
  }
}
