// Quick fixes for SMART problems, as text edits that keep the user's comments and formatting
// (jsonc-parser's modify). Pure: the UI turns them into a WorkspaceEdit.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions } from 'jsonc-parser';
import { freeId } from './naming';
import type { SmartFix } from './smart';

export function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.includes('\t'),
    tabSize: indent.includes('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Edits for one fix; `today` (YYYY-MM-DD) starts a new time frame. */
export function fixEdits(text: string, fix: SmartFix, today: string): Edit[] {
  const formattingOptions = formattingOf(text);
  switch (fix.kind) {
    case 'addTimeframe':
      return [...modify(text, [...fix.objectivePath, 'timeframe'], { start: today, duration: '1q' }, { formattingOptions })];
    case 'setTarget':
      return modify(text, [...fix.kpiPath, 'target'], { direction: fix.direction, value: fix.value }, { formattingOptions });
    case 'setFixPatterns':
      return modify(text, ['repository', 'fixPatterns'], [...fix.patterns], { formattingOptions });
    case 'setReleaseTagPattern':
      return modify(text, ['repository', 'releaseTagPattern'], fix.pattern, { formattingOptions });
    case 'replaceValue':
      return modify(text, [...fix.path], fix.value, { formattingOptions });
    case 'addGuardrail': {
      const root = parseTree(text);
      const kpis = root ? findNodeAtLocation(root, [...fix.kpiPath.slice(0, -1)]) : undefined;
      if (!root || !kpis || kpis.type !== 'array') return [];
      const id = freeId(text, `${fix.kpiId}-guardrail`);
      const guardrail = {
        id,
        name: 'Revert rate (guardrail)',
        metric: 'revertRate',
        target: { direction: 'atMost', value: 5 },
        ...(fix.window !== undefined ? { window: fix.window } : {}),
      };
      // Two edits on one text: set the reference first, then append (offsets are after the first).
      const first = modify(text, [...fix.kpiPath, 'guardrail'], id, { formattingOptions });
      const afterFirst = applyEdits(text, first);
      const append = modify(afterFirst, [...fix.kpiPath.slice(0, -1), -1], guardrail, { formattingOptions, isArrayInsertion: true });
      return [minimalEdit(text, applyEdits(afterFirst, append))];
    }
  }
}

/** One edit that turns `before` into `after`, touching only the part that differs. */
export function minimalEdit(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) };
}
