// "KPI: Add KPI" edits: to an existing objective (with and without its own time frame and
// review), to a new objective, to a file without objectives; comments and formatting kept.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { addKpiEdits, kpiEntry, type NewKpi } from '../../../../src/core/kpiJson/addKpi';
import { freeId, slugId } from '../../../../src/core/kpiJson/naming';
import { applyEdits } from 'jsonc-parser';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import type { KpiConfig } from '../../../../src/core/kpiJson/model';
import { comments } from '../../helpers/fixtures';

/** Applies the edits, checks the guarantees every addition keeps, returns the new config. */
function add(text: string, k: NewKpi): { text: string; config: KpiConfig } {
  const edits = addKpiEdits(text, k);
  assert.equal(edits.length, 1, 'one edit, one undo step');
  const after = applyEdits(text, edits);
  assert.deepEqual(comments(after), comments(text), 'every comment kept, in order');
  if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(after), 'CRLF kept');
  else assert.ok(!after.includes('\r'), 'LF kept');
  const tabs = /\n\t/.test(text);
  for (const line of after.split(/\r?\n/)) {
    if (tabs) assert.ok(!/^ /.test(line), `space indentation in a tab file: ${JSON.stringify(line)}`);
    else assert.ok(!/^\t/.test(line), `tab indentation in a space file: ${JSON.stringify(line)}`);
  }
  const r = parseKpiFile(after);
  assert.deepEqual(r.problems, [], after);
  assert.ok(r.config);
  return { text: after, config: r.config };
}

const BASE = `// Team KPIs
{
  "objectives": [
    {
      "id": "flow",
      "name": "Flow", // no time frame yet
      "kpis": [
        // the first KPI
        { "id": "commits", "name": "Commits", "metric": "commitFrequency", "target": { "direction": "atLeast", "value": 5 } }
      ]
    },
    {
      "id": "quality",
      /* has its own time frame and review */
      "name": "Quality",
      "timeframe": { "start": "2026-01-01", "end": "2026-06-30" },
      "review": "monthly",
      "kpis": []
    }
  ]
}
`;

const NEW: NewKpi = {
  objective: { index: 0 },
  id: 'reverts',
  name: 'Revert rate',
  metric: 'revertRate',
  direction: 'atMost',
  value: 2,
  window: '8w',
  timeframe: { start: '2026-07-01', duration: '1q' },
  review: 'biweekly',
};

describe('core/addKpi kpiEntry', () => {
  it('writes a git KPI with its metric and a manual KPI with manual: true', () => {
    assert.deepEqual(kpiEntry(NEW), {
      id: 'reverts',
      name: 'Revert rate',
      metric: 'revertRate',
      target: { direction: 'atMost', value: 2 },
      window: '8w',
    });
    assert.deepEqual(kpiEntry({ ...NEW, metric: 'manual' }), {
      id: 'reverts',
      name: 'Revert rate',
      manual: true,
      target: { direction: 'atMost', value: 2 },
      window: '8w',
    });
  });
});

describe('core/addKpi addKpiEdits', () => {
  it('appends to an existing objective and gives it the time frame and review it lacks', () => {
    const { config } = add(BASE, NEW);
    const o = config.objectives[0]!;
    assert.deepEqual(o.timeframe, { start: '2026-07-01', duration: '1q' });
    assert.equal(o.review, 'biweekly');
    assert.deepEqual(
      o.kpis.map((k) => k.id),
      ['commits', 'reverts'],
    );
    assert.deepEqual(o.kpis[1], {
      id: 'reverts',
      name: 'Revert rate',
      metric: 'revertRate',
      target: { direction: 'atMost', value: 2 },
      window: '8w',
      path: ['objectives', 0, 'kpis', 1],
    });
    assert.equal(config.objectives[1]!.kpis.length, 0, 'the other objective is untouched');
  });

  it('keeps the time frame and review of an objective that has them', () => {
    const { config } = add(BASE, { ...NEW, objective: { index: 1 } });
    const o = config.objectives[1]!;
    assert.deepEqual(o.timeframe, { start: '2026-01-01', end: '2026-06-30' });
    assert.equal(o.review, 'monthly');
    assert.deepEqual(
      o.kpis.map((k) => [k.id, k.path]),
      [['reverts', ['objectives', 1, 'kpis', 0]]],
    );
    assert.equal(config.objectives[0]!.timeframe, undefined, 'the other objective is untouched');
  });

  it('adds only what was given: no time frame or review when none is passed', () => {
    const bare: NewKpi = {
      objective: NEW.objective,
      id: NEW.id,
      name: NEW.name,
      metric: NEW.metric,
      direction: NEW.direction,
      value: NEW.value,
      window: NEW.window,
    };
    const { config } = add(BASE, bare);
    assert.equal(config.objectives[0]!.timeframe, undefined);
    assert.equal(config.objectives[0]!.review, undefined);
    assert.equal(config.objectives[0]!.kpis.length, 2);
  });

  it('adds a manual KPI', () => {
    const { config } = add(BASE, { ...NEW, id: 'nps', name: 'NPS', metric: 'manual', direction: 'increaseTo', value: 40 });
    const k = config.objectives[0]!.kpis[1]!;
    assert.equal(k.manual, true);
    assert.equal(k.metric, undefined);
  });

  it('creates a new objective at the end, with an id from its name', () => {
    const { config } = add(BASE, { ...NEW, objective: { name: 'Ship Safely!' } });
    assert.equal(config.objectives.length, 3);
    const o = config.objectives[2]!;
    assert.deepEqual(
      { id: o.id, name: o.name, timeframe: o.timeframe, review: o.review, kpis: o.kpis.map((k) => k.id), path: o.path },
      {
        id: 'ship-safely',
        name: 'Ship Safely!',
        timeframe: { start: '2026-07-01', duration: '1q' },
        review: 'biweekly',
        kpis: ['reverts'],
        path: ['objectives', 2],
      },
    );
  });

  it('creates the objectives array in a file without one', () => {
    const text = `// Only settings so far
{
  "repository": { "mainBranch": "main" } // the main line
}
`;
    // the file itself is not valid yet ("objectives" is required); the addition makes it valid
    assert.equal(parseKpiFile(text).config, undefined);
    const { config } = add(text, { ...NEW, objective: { name: 'Flow' } });
    assert.deepEqual(config.repository, { mainBranch: 'main' });
    assert.deepEqual(
      config.objectives.map((o) => [o.id, o.kpis.map((k) => k.id)]),
      [['flow', ['reverts']]],
    );
  });

  it('adds to an empty objectives array and to a file with only loose KPIs', () => {
    const empty = add('{ "objectives": [] }', { ...NEW, objective: { name: 'First' } });
    assert.deepEqual(
      empty.config.objectives.map((o) => o.id),
      ['first'],
    );
    const loose = add('{\n  // loose\n  "kpis": [{ "id": "c", "name": "C", "metric": "revertRate" }]\n}', {
      ...NEW,
      objective: { name: 'Flow' },
    });
    assert.deepEqual(
      loose.config.objectives.map((o) => o.kpis[0]!.id),
      ['reverts'],
    );
    assert.deepEqual(
      loose.config.looseKpis.map((k) => k.id),
      ['c'],
    );
  });

  it('keeps tabs and CRLF', () => {
    const crlfTabs = BASE.split('\n')
      .map((line) => line.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2)))
      .join('\r\n');
    for (const k of [NEW, { ...NEW, objective: { index: 1 } }, { ...NEW, objective: { name: 'New one' } }]) {
      const { text } = add(crlfTabs, k);
      const line = text.split('\r\n').find((l) => l.includes('"id": "reverts"'));
      assert.ok(line && /^\t+"id": "reverts",$/.test(line), JSON.stringify(line));
    }
    // four spaces stay four spaces
    const four = BASE.replace(/^( {2})+/gm, (m) => ' '.repeat(m.length * 2));
    const { text } = add(four, NEW);
    for (const line of text.split('\n')) {
      const indent = /^ */.exec(line)![0].length;
      assert.equal(indent % 4, 0, `indentation of ${JSON.stringify(line)}`);
    }
  });

  it('returns no edit for an objective index that does not exist', () => {
    assert.deepEqual(addKpiEdits(BASE, { ...NEW, objective: { index: 2 } }), []);
    assert.deepEqual(addKpiEdits('{ "kpis": [] }', { ...NEW, objective: { index: 0 } }), []);
  });

  it('touches only the objective it adds to: the text before it is unchanged', () => {
    const edit = addKpiEdits(BASE, { ...NEW, objective: { index: 1 } })[0]!;
    assert.ok(edit.offset > BASE.indexOf('"Quality"'));
  });
});

describe('core/naming freeId and slugId', () => {
  it('slugId keeps letters and digits, lowercased, joined by dashes', () => {
    assert.equal(slugId('Ship Safely!'), 'ship-safely');
    assert.equal(slugId('  Lead time (p75)  '), 'lead-time-p75');
    assert.equal(slugId('交付頻率'), 'kpi');
    assert.equal(slugId('x'.repeat(100)), 'x'.repeat(64));
    assert.equal(slugId('???', 'objective-3'), 'objective-3');
  });

  it('freeId returns the base when unused, else the first free numbered id', () => {
    assert.equal(freeId(BASE, 'reverts'), 'reverts');
    assert.equal(freeId(BASE, 'commits'), 'commits-2');
    const taken = BASE.replace('"Commits"', '"commits-2"').replace('"Quality"', '"commits-3"');
    assert.equal(freeId(taken, 'commits'), 'commits-4');
    // a prefix of a used id is free
    assert.equal(freeId(BASE, 'commit'), 'commit');
  });

  it('property: freeId never returns an id that is used in the file', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom<string>('a', 'a-2', 'a-3', 'a-4', 'b', 'b-2'), { maxLength: 6 }), (used) => {
        const text = JSON.stringify({ objectives: [{ name: 'O', kpis: used.map((id) => ({ id, name: id, metric: 'revertRate' })) }] });
        const id = freeId(text, 'a');
        return !used.includes(id) && /^a(-\d+)?$/.test(id);
      }),
    );
  });
});
