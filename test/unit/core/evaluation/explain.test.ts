// "Explain KPI": the Markdown names the metric's definition, the window, the exact git
// commands and every counted commit, and never lets a hostile name become markup.
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../../src/core/evaluation/evaluate';
import { EXPLAIN_COMMITS, explainKpi, metricDefinition } from '../../../../src/core/evaluation/explain';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { METRIC_IDS } from '../../../../src/core/kpiJson/model';
import { readHistory } from '../../helpers/history';
import { tempSpace } from '../../helpers/tempRepo';

describe('core/explain', () => {
  const space = tempSpace();

  it('has a definition for every metric id', () => {
    for (const id of METRIC_IDS) assert.ok(metricDefinition(id)?.includes('**'), id);
    assert.equal(metricDefinition('linesOfCode'), undefined);
  });

  it('explains a KPI with its definition, window, commands and counted commits', async () => {
    const repo = space.repo();
    const hashes: string[] = [];
    for (let i = 0; i < 5; i++) {
      repo.write(`f${i}.txt`, `${i}\n`);
      hashes.push(repo.commit(i === 2 ? 'feat: <img src=x onerror=alert(1)> **bold**' : `feat: step ${i}`, `2026-03-0${2 + i}T10:00:00Z`));
    }
    const config = parseKpiFile(
      '{ "objectives": [ { "name": "O", "timeframe": { "start": "2026-03-01", "duration": "1q" }, "kpis": [ { "id": "f", "name": "Freq <script>", "metric": "commitFrequency", "target": { "direction": "atLeast", "value": 3 }, "window": "2w" } ] } ] }',
    ).config!;
    const evaluation = evaluate(config, await readHistory(repo.dir), new Date('2026-03-18T12:00:00Z'));
    const text = explainKpi(evaluation.objectives[0]!.kpis[0]!);
    assert.ok(text.startsWith('# Freq \\<script\\>\n'), 'the name is escaped');
    assert.ok(text.includes(metricDefinition('commitFrequency')!));
    assert.ok(text.includes('Window `2w`: 2026-03-02 to 2026-03-15 (UTC). Complete ISO weeks before the current week.'));
    assert.match(text, /^git .*log -z --format=\S+ .*--end-of-options [0-9a-f]{40} --$/m, 'the header log');
    assert.match(text, /^git .*log --no-walk=unsorted .*--numstat .*<5 commits> --$/m, 'the line-count read of the commits it covered');
    assert.ok(text.includes('## Commits counted (5)'));
    for (const h of hashes) assert.ok(text.includes(`\`${h.slice(0, 12)}\``), h);
    assert.ok(text.includes('feat: \\<img src=x onerror=alert\\(1\\)\\> \\*\\*bold\\*\\*'), 'subjects are escaped');
    assert.doesNotMatch(text, /(^|[^\\])<(img|script)/m, 'no unescaped HTML from commits or kpi.json');
    assert.ok(EXPLAIN_COMMITS >= 100);
  });
});
