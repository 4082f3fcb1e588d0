// Starter kpi.json templates: valid, commented, dated on the given day, SMART.
import * as assert from 'node:assert/strict';
import { parseKpiFile } from '../../../../src/core/kpiJson/parse';
import { smartProblems } from '../../../../src/core/kpiJson/smart';
import { TEMPLATES, TEMPLATE_IDS, templateById } from '../../../../src/core/kpiJson/templates';
import { comments } from '../../helpers/fixtures';

const DAYS = ['2026-07-01', '2028-02-29', '2026-12-31'];

describe('core/templates', () => {
  it('has one template per id, in order, each found by its id', () => {
    assert.deepEqual(
      TEMPLATES.map((t) => t.id),
      [...TEMPLATE_IDS],
    );
    for (const id of TEMPLATE_IDS) assert.equal(templateById(id).id, id);
    for (const t of TEMPLATES) {
      assert.ok(t.title.length > 0 && t.detail.length > 0, t.id);
    }
  });

  for (const template of TEMPLATES) {
    describe(`template "${template.id}"`, () => {
      for (const today of DAYS) {
        it(`parses with no problem at all, starting its time frames on ${today}`, () => {
          const text = template.text(today);
          const r = parseKpiFile(text);
          assert.deepEqual(r.problems, [], 'no error and no schema warning');
          assert.ok(r.config);
          assert.ok(r.config.objectives.length > 0);
          for (const o of r.config.objectives) {
            assert.ok(o.timeframe, `${o.id} has a time frame`);
            assert.equal(o.timeframe.start, today, o.id);
            assert.ok(o.review !== undefined, `${o.id} has a review cadence`);
            assert.ok(o.kpis.length > 0, `${o.id} has KPIs`);
          }
          // no other date sneaks in
          assert.deepEqual([...new Set(text.match(/\d{4}-\d{2}-\d{2}/g))], [today]);
        });
      }

      it('has comments, a header first', () => {
        const text = template.text('2026-07-01');
        const found = comments(text);
        assert.ok(found.length >= 2, `${found.length} comments`);
        assert.ok(text.startsWith('//'), 'starts with a comment');
      });

      it('raises no SMART warning at all (Measurable, Time-bound, Relevant, guardrails included)', () => {
        const r = parseKpiFile(template.text('2026-07-01'));
        assert.ok(r.config && r.root);
        assert.deepEqual(
          smartProblems(r.config, r.root).map((p) => p.code),
          [],
        );
      });

      it('keeps every KPI measurable: a target, and a metric or manual', () => {
        const r = parseKpiFile(template.text('2026-07-01'));
        for (const k of r.config!.objectives.flatMap((o) => o.kpis)) {
          assert.ok(k.target, k.id);
          assert.ok((k.metric !== undefined) !== (k.manual === true), k.id);
        }
        assert.deepEqual(r.config!.looseKpis, []);
      });
    });
  }

  it('the growth template is an OKR with a leading habit and a manual key result', () => {
    const r = parseKpiFile(templateById('growth').text('2026-07-01'));
    const o = r.config!.objectives[0]!;
    assert.equal(o.mode, 'okr');
    assert.ok(o.kpis.some((k) => k.indicator === 'leading'));
    assert.ok(o.kpis.some((k) => k.manual === true));
  });

  it('the other templates are committed KPIs (mode kpi by default)', () => {
    for (const id of ['delivery', 'quality', 'review'] as const) {
      for (const o of parseKpiFile(templateById(id).text('2026-07-01')).config!.objectives) assert.equal(o.mode, 'kpi', id);
    }
  });
});
