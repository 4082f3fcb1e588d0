// kpi.json parsing and validation: exact diagnostics, no crash on any input, no pollution.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_KPI_DEPTH, MAX_KPI_FILE_BYTES, parseKpiFile, type ParseResult, type Problem } from '../../../../src/core/kpiJson/parse';
import type { KpiConfig } from '../../../../src/core/kpiJson/model';
import { fixture } from '../../helpers/fixtures';
import { checkText, withoutText } from '../../helpers/problems';

const ONE_KPI = (kpi: string, extra = ''): string => `{"objectives": [{"name": "O", "kpis": [${kpi}]}]${extra}}`;

function only(result: ParseResult, code: string): Problem {
  const found = result.problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code} problem in ${JSON.stringify(result.problems)}`);
  checkText(found[0]!);
  return found[0]!;
}

/** The exact range of the first occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string, from = 0): { offset: number; length: number } {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in text`);
  return { offset, length: needle.length };
}

/** A config exactly when nothing is an error; otherwise at least one ranged problem. */
function wellFormed(r: ParseResult): void {
  const hasError = r.problems.some((p) => p.severity === 'error');
  assert.equal(r.config !== undefined, !hasError, JSON.stringify(r.problems));
  for (const p of r.problems) {
    assert.ok(Number.isInteger(p.offset) && p.offset >= 0 && Number.isInteger(p.length) && p.length >= 0, JSON.stringify(p));
    checkText(p);
  }
}

function errors(r: ParseResult): Problem[] {
  return r.problems.filter((p) => p.severity === 'error');
}

describe('core/kpiFile parseKpiFile', () => {
  it('parses the commented fixture to the expected config, deriving missing ids from names', () => {
    const r = parseKpiFile(fixture('valid.kpi.json'));
    assert.deepEqual(r.problems, []);
    const expected: KpiConfig = {
      repository: { mainBranch: 'main' },
      looseKpis: [],
      reviewHistory: false,
      objectives: [
        {
          id: 'ship-small-changes-often',
          name: 'Ship small changes often!',
          description: 'Small batches, fast feedback.',
          mode: 'kpi',
          path: ['objectives', 0],
          kpis: [
            {
              id: 'commit-frequency-team',
              name: 'Commit Frequency (team)',
              metric: 'commitFrequency',
              target: { direction: 'atLeast', value: 10, warning: 2 },
              window: '4w',
              path: ['objectives', 0, 'kpis', 0],
            },
            {
              id: 'fix-speed',
              name: 'Bug-fix turnaround',
              metric: 'bugFixTurnaround',
              target: { direction: 'range', min: 1, max: 48 },
              unit: 'hours',
              window: '30d',
              description: 'From first mention to landing.',
              path: ['objectives', 0, 'kpis', 1],
            },
          ],
        },
        {
          id: 'objective-2',
          name: '???',
          mode: 'kpi',
          path: ['objectives', 1],
          kpis: [
            { id: 'untargeted', name: 'Untargeted', metric: 'commitFrequency', path: ['objectives', 1, 'kpis', 0] },
            {
              id: 'kpi-2-2',
              name: '!!!',
              metric: 'bugFixTurnaround',
              target: { direction: 'decreaseTo', value: 24 },
              path: ['objectives', 1, 'kpis', 1],
            },
          ],
        },
      ],
    };
    assert.deepEqual(r.config, expected);
  });

  it('omits optional members instead of setting them to undefined', () => {
    const r = parseKpiFile(ONE_KPI('{"name": "K", "metric": "commitFrequency"}'));
    assert.deepEqual(r.config, {
      objectives: [
        {
          id: 'o',
          name: 'O',
          mode: 'kpi',
          path: ['objectives', 0],
          kpis: [{ id: 'k', name: 'K', metric: 'commitFrequency', path: ['objectives', 0, 'kpis', 0] }],
        },
      ],
      looseKpis: [],
      repository: {},
      reviewHistory: false,
    });
    const kpi = r.config?.objectives[0]?.kpis[0];
    assert.deepEqual(Object.keys(kpi ?? {}), ['id', 'name', 'metric', 'path']);
  });

  describe('a syntax error is one problem (the first; the rest is the parser losing its place), with the exact offset and length', () => {
    const cases: [string, { code: string; message: string; offset: number; length: number }[]][] = [
      // A missing closing quote: jsonc-parser reports seven errors for it.
      [
        '{ "objectives": [ { "name": "x, "kpis": [] } ] }',
        [{ code: 'syntax', message: 'Syntax error: invalid symbol.', offset: 33, length: 4 }],
      ],
      ['{"objectives" [] }', [{ code: 'syntax', message: 'Syntax error: colon expected.', offset: 14, length: 1 }]],
      ['{"objectives": [}', [{ code: 'syntax', message: 'Syntax error: value expected.', offset: 16, length: 1 }]],
      ['{"objectives": [],, }', [{ code: 'syntax', message: 'Syntax error: property name expected.', offset: 18, length: 1 }]],
      ['{"objectives": [ /* open', [{ code: 'syntax', message: 'Syntax error: unexpected end of comment.', offset: 17, length: 7 }]],
      ['', [{ code: 'syntax', message: 'Syntax error: value expected.', offset: 0, length: 0 }]],
      ['// only a comment', [{ code: 'syntax', message: 'Syntax error: value expected.', offset: 17, length: 0 }]],
    ];
    for (const [text, expected] of cases) {
      it(JSON.stringify(text), () => {
        const r = parseKpiFile(text);
        assert.equal(r.config, undefined);
        assert.deepEqual(
          r.problems.map(withoutText).map(({ code, message, offset, length }) => ({ code, message, offset, length })),
          expected,
        );
        assert.ok(r.problems.every((p) => p.severity === 'error'));
      });
    }

    it('an unterminated string', () => {
      const text = '{"objectives": "abc';
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(withoutText(r.problems[0]!), {
        severity: 'error',
        code: 'syntax',
        message: 'Syntax error: unexpected end of string.',
        offset: 15,
        length: 4,
      });
    });
  });

  it('refuses a file larger than the limit without parsing it', () => {
    const r = parseKpiFile(' '.repeat(MAX_KPI_FILE_BYTES + 1));
    assert.deepEqual(r.problems.map(withoutText), [
      { severity: 'error', code: 'too-large', message: `kpi.json is larger than ${MAX_KPI_FILE_BYTES} bytes.`, offset: 0, length: 0 },
    ]);
  });

  describe('legal but extreme files', () => {
    it('refuses nesting thousands deep with one error at the bracket too deep, without overflowing the stack', () => {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const text = `{"objectives": [], "x": ${open.repeat(20_000)}1${close.repeat(20_000)}}`;
        const r = parseKpiFile(text);
        assert.equal(r.config, undefined);
        const p = only(r, 'too-deep');
        assert.equal(p.severity, 'error');
        // The bracket that opens level MAX_KPI_DEPTH + 1: the root object and "x"'s first MAX - 1.
        let at = text.indexOf(open[0]!, text.indexOf('"x"'));
        for (let i = 0; i < MAX_KPI_DEPTH - 1; i++) at = text.indexOf(open[0]!, at + 1);
        assert.deepEqual({ offset: p.offset, length: p.length }, { offset: at, length: 1 });
      }
      // Brackets inside strings and comments do not count.
      const quoted = `// ${'['.repeat(500)}\n` + ONE_KPI(`{"name": "${'{['.repeat(90)}", "metric": "commitFrequency", "window": "4w"}`);
      assert.deepEqual(errors(parseKpiFile(quoted)), []);
      assert.ok(parseKpiFile(quoted).config);
    });

    it('reports a number too large for a double, instead of reading it as Infinity', () => {
      const text = ONE_KPI(
        '{"name": "K", "metric": "commitFrequency", "window": "4w", "target": {"direction": "atLeast", "value": 1e400}}',
      );
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(only(r, 'number-range').offset, rangeOf(text, '1e400').offset);
      assert.deepEqual(only(r, 'number-range').length, 5);
      assert.equal(only(r, 'number-range').severity, 'error');
      // -1e400 too.
      assert.equal(parseKpiFile(text.replace('1e400', '-1e400')).problems.filter((p) => p.code === 'number-range').length, 1);
    });

    it('reports a duplicate key at each later occurrence, instead of letting the last one win silently', () => {
      const text = '{"objectives": [{"name": "O", "id": "a", "id": "b", "kpis": []}], "reviewHistory": true, "reviewHistory": false}';
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      const dupes = r.problems.filter((p) => p.code === 'duplicate-key');
      dupes.forEach(checkText);
      assert.deepEqual(
        dupes.map(({ severity, offset, length, message }) => ({ severity, offset, length, message })),
        [
          {
            severity: 'error',
            ...rangeOf(text, '"id"', text.indexOf('"id"') + 1),
            message: '"id" is given more than once in this object.',
          },
          {
            severity: 'error',
            ...rangeOf(text, '"reviewHistory"', text.indexOf('"reviewHistory"') + 1),
            message: '"reviewHistory" is given more than once in this object.',
          },
        ],
      );
      // The same key in two objects is not a duplicate.
      assert.ok(parseKpiFile('{"objectives": [{"name": "O", "id": "a", "kpis": []}, {"name": "P", "id": "b", "kpis": []}]}').config);
    });
  });

  describe('schema errors', () => {
    it('reports wrong types at the offending value', () => {
      const text = ONE_KPI('{"name": "K", "metric": "commitFrequency", "window": 4, "target": {"direction": "atLeast", "value": "10"}}');
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(
        errors(r)
          .map(({ code, offset, length }) => ({ code, offset, length }))
          .sort((a, b) => a.offset - b.offset),
        [
          { code: 'schema-type', offset: text.indexOf('"window": 4') + '"window": '.length, length: 1 },
          { code: 'schema-type', ...rangeOf(text, '"10"') },
        ],
      );
      assert.ok(errors(r).some((p) => p.message === 'objectives.0.kpis.0.window must be string.'));
      assert.ok(errors(r).some((p) => p.message === 'objectives.0.kpis.0.target.value must be number.'));
    });

    it('reports a root that is not an object', () => {
      for (const text of ['[1]', 'null', '"objectives"']) {
        const r = parseKpiFile(text);
        assert.deepEqual(r.problems.map(withoutText), [
          { severity: 'error', code: 'schema-type', message: 'kpi.json must be object.', offset: 0, length: text.length },
        ]);
      }
    });

    it('reports a missing required property at the start of its object', () => {
      const text = ONE_KPI('{"metric": "commitFrequency"}');
      const p = only(parseKpiFile(text), 'required');
      assert.deepEqual(withoutText(p), {
        severity: 'error',
        code: 'required',
        message: 'objectives.0.kpis.0 needs "name".',
        offset: text.indexOf('{"metric": "commitFrequency"}'),
        length: 1,
      });
    });

    it('reports a KPI with neither metric nor manual at the start of its object', () => {
      const text = ONE_KPI('{"name": "K"}');
      const p = only(parseKpiFile(text), 'schema-oneOf');
      assert.deepEqual(withoutText(p), {
        severity: 'error',
        code: 'schema-oneOf',
        message: 'objectives.0.kpis.0 needs exactly one of "metric" (a git metric) and "manual": true.',
        offset: text.indexOf('{"name": "K"}'),
        length: 1,
      });
    });

    it('reports an unknown metric as unknown-metric on the metric value', () => {
      const text = ONE_KPI('{"name": "K", "metric": "linesOfCode"}');
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(
        r.problems.map(({ severity, code, offset, length }) => ({ severity, code, offset, length })),
        [{ severity: 'error', code: 'unknown-metric', ...rangeOf(text, '"linesOfCode"') }],
      );
      assert.match(r.problems[0]?.message ?? '', /^objectives\.0\.kpis\.0\.metric must be one of "commitFrequency", .*"bugFixTurnaround"/);
    });

    it('reports an unknown direction as enum on the direction value', () => {
      const text = ONE_KPI('{"name": "K", "metric": "commitFrequency", "target": {"direction": "up", "value": 1}}');
      const p = only(parseKpiFile(text), 'enum');
      assert.deepEqual({ offset: p.offset, length: p.length }, rangeOf(text, '"up"'));
    });

    it('warns about an unknown key at the key and still returns the config without it', () => {
      const text = ONE_KPI(
        '{"name": "K", "metric": "commitFrequency", "colour": "red", "target": {"direction": "atLeast", "value": 2, "stretch": 5}}',
        ', "owner": "me"',
      );
      const r = parseKpiFile(text);
      assert.deepEqual(
        r.problems.map(({ severity, code, offset, length }) => ({ severity, code, offset, length })).sort((a, b) => a.offset - b.offset),
        [
          { severity: 'warning', code: 'unknown-key', ...rangeOf(text, '"colour"') },
          { severity: 'warning', code: 'unknown-key', ...rangeOf(text, '"stretch"') },
          { severity: 'warning', code: 'unknown-key', ...rangeOf(text, '"owner"') },
        ],
      );
      assert.ok(r.problems.some((p) => p.message === 'Unknown property "colour" in objectives.0.kpis.0: it is ignored.'));
      assert.deepEqual(r.config?.objectives[0]?.kpis[0], {
        id: 'k',
        name: 'K',
        metric: 'commitFrequency',
        target: { direction: 'atLeast', value: 2 },
        path: ['objectives', 0, 'kpis', 0],
      });
    });

    it('reports duplicate ids at the later id, explicit or derived', () => {
      const text = `{"objectives": [
        {"id": "flow", "name": "Flow", "kpis": [
          {"id": "lead", "name": "Lead A", "metric": "commitFrequency"},
          {"id": "lead", "name": "Lead B", "metric": "commitFrequency"},
          {"name": "Lead time", "metric": "commitFrequency"},
          {"name": "Lead-time", "metric": "commitFrequency"}
        ]},
        {"name": "FLOW", "kpis": []}
      ]}`;
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      const dups = r.problems.filter((p) => p.code === 'duplicate-id');
      assert.deepEqual(
        dups.map(withoutText).map(({ message, offset, length }) => ({ message, offset, length })),
        [
          { message: 'Duplicate id "lead": ids must be unique in kpi.json.', ...rangeOf(text, '"lead"', text.indexOf('"lead"') + 1) },
          { message: 'Duplicate id "lead-time": ids must be unique in kpi.json.', ...rangeOf(text, '"Lead-time"') },
          { message: 'Duplicate id "flow": ids must be unique in kpi.json.', ...rangeOf(text, '"FLOW"') },
        ],
      );
    });

    it('reports an invalid window at the window value', () => {
      for (const bad of ['4 weeks', '0d', '10000d', '4W', '4m', '', '-1d']) {
        const text = ONE_KPI(`{"name": "K", "metric": "commitFrequency", "window": ${JSON.stringify(bad)}}`);
        const r = parseKpiFile(text);
        assert.equal(r.config, undefined, bad);
        assert.deepEqual(
          r.problems.map(({ severity, code, offset, length }) => ({ severity, code, offset, length })),
          [{ severity: 'error', code: 'schema-pattern', ...rangeOf(text, JSON.stringify(bad), text.indexOf('"window"') + 8) }],
          bad,
        );
      }
      for (const good of ['1d', '9999d', '4w', '52w']) {
        assert.ok(parseKpiFile(ONE_KPI(`{"name": "K", "metric": "commitFrequency", "window": "${good}"}`)).config, good);
      }
    });

    it('requires min and max for a range target, and value otherwise', () => {
      const text = ONE_KPI('{"name": "K", "metric": "commitFrequency", "target": {"direction": "range", "min": 1}}');
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(r.problems.map(withoutText), [
        {
          severity: 'error',
          code: 'required',
          message: 'objectives.0.kpis.0.target needs "max".',
          offset: text.indexOf('{"direction"'),
          length: 1,
        },
      ]);
      const both = parseKpiFile(ONE_KPI('{"name": "K", "metric": "commitFrequency", "target": {"direction": "range", "value": 3}}'));
      assert.deepEqual(
        both.problems.map((p) => p.message),
        ['objectives.0.kpis.0.target needs "min".', 'objectives.0.kpis.0.target needs "max".'],
      );
      const noValue = parseKpiFile(ONE_KPI('{"name": "K", "metric": "commitFrequency", "target": {"direction": "atMost"}}'));
      assert.deepEqual(
        noValue.problems.map((p) => p.message),
        ['objectives.0.kpis.0.target needs "value".'],
      );
      assert.ok(
        parseKpiFile(ONE_KPI('{"name": "K", "metric": "commitFrequency", "target": {"direction": "range", "min": 1, "max": 2}}')).config,
      );
    });

    it('rejects a mainBranch that starts with "-"', () => {
      const text = '{"repository": {"mainBranch": "--output=/tmp/x"}, "objectives": []}';
      const r = parseKpiFile(text);
      assert.equal(r.config, undefined);
      assert.deepEqual(
        r.problems.map(({ code, offset, length }) => ({ code, offset, length })),
        [{ code: 'schema-pattern', ...rangeOf(text, '"--output=/tmp/x"') }],
      );
    });
  });

  describe('prototype keys', () => {
    const hostile = `{
      "__proto__": {"polluted": "root"},
      "constructor": {"prototype": {"polluted": "ctor"}},
      "objectives": [{
        "name": "O", "__proto__": {"polluted": "objective"}, "prototype": {"polluted": "p"},
        "kpis": [{
          "name": "K", "metric": "commitFrequency", "constructor": {"prototype": {"polluted": "kpi"}},
          "target": {"direction": "atLeast", "value": 1, "__proto__": {"polluted": "target"},
                     "constructor": {"prototype": {"polluted": "tctor"}}, "prototype": {"polluted": "tp"}}
        }]
      }],
      "repository": {"__proto__": {"mainBranch": "evil"}}
    }`;

    it('keeps user-named keys such as alias emails as plain own properties', () => {
      const text = '{"repository": {"aliases": {"__proto__": ["x@y"], "constructor": ["c@d"], "a@b": ["a2@b"]}}, "objectives": []}';
      const r = parseKpiFile(text);
      assert.deepEqual(r.problems, []);
      const aliases = r.config?.repository.aliases;
      assert.ok(aliases);
      assert.equal(Object.getPrototypeOf(aliases), Object.prototype);
      assert.deepEqual(Object.keys(aliases), ['__proto__', 'constructor', 'a@b']);
      assert.deepEqual(Object.getOwnPropertyDescriptor(aliases, '__proto__')?.value, ['x@y']);
    });

    it('pollutes neither Object.prototype nor the result', () => {
      const r = parseKpiFile(hostile);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
      assert.ok(r.config, JSON.stringify(r.problems));
      assert.ok(r.problems.every((p) => p.severity === 'warning' && p.code === 'unknown-key'));
      assert.equal(r.problems.length, 9);
      const objective = r.config.objectives[0]!;
      const kpi = objective.kpis[0]!;
      const target = kpi.target!;
      for (const o of [r.config, objective, kpi, target, r.config.repository]) {
        assert.equal(Object.getPrototypeOf(o), Object.prototype);
        assert.equal((o as Record<string, unknown>).polluted, undefined);
      }
      assert.deepEqual(Object.keys(target), ['direction', 'value']);
      assert.deepEqual(target, { direction: 'atLeast', value: 1 });
      assert.deepEqual(kpi, {
        id: 'k',
        name: 'K',
        metric: 'commitFrequency',
        target: { direction: 'atLeast', value: 1 },
        path: ['objectives', 0, 'kpis', 0],
      });
      assert.equal(r.config.repository.mainBranch, undefined);
      assert.deepEqual(r.config.repository, {});
    });
  });

  describe('never throws', () => {
    it('on any prefix of a valid file', () => {
      const text = fixture('valid.kpi.json');
      for (let i = 0; i <= text.length; i++) {
        wellFormed(parseKpiFile(text.slice(0, i)));
      }
      assert.ok(parseKpiFile(text).config);
    });

    it('on any prefix of generated valid files', () => {
      const name = fc.string({ minLength: 1, maxLength: 30 }).filter((n) => n.trim().length > 0);
      const target = fc.oneof(
        fc.record({
          direction: fc.constantFrom('atLeast', 'atMost', 'increaseTo', 'decreaseTo'),
          value: fc.integer({ min: -100, max: 100 }),
        }),
        fc.record({ direction: fc.constant('range'), min: fc.integer({ min: 0, max: 10 }), max: fc.integer({ min: 10, max: 99 }) }),
      );
      const kpi = fc.record(
        { name, metric: fc.constantFrom('commitFrequency', 'bugFixTurnaround'), target, window: fc.constantFrom('7d', '4w', '30d') },
        { requiredKeys: ['name', 'metric'] },
      );
      const file = fc.record({
        objectives: fc.array(fc.record({ name, kpis: fc.array(kpi, { maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
      });
      fc.assert(
        fc.property(file, fc.nat(), (f, cut) => {
          // Comments and a trailing comma, as people write them; unique ids so the file is valid.
          const withIds = {
            objectives: f.objectives.map((o, i) => ({ id: `o${i}`, ...o, kpis: o.kpis.map((k, j) => ({ id: `k${i}-${j}`, ...k })) })),
          };
          const text = `// generated\n${JSON.stringify(withIds, null, 2).replace(/\n}$/, ',\n  /* end */\n}')}`;
          const full = parseKpiFile(text);
          assert.deepEqual(full.problems, []);
          wellFormed(parseKpiFile(text.slice(0, cut % (text.length + 1))));
        }),
        { numRuns: 500 },
      );
    });

    it('on random strings', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
          wellFormed(parseKpiFile(s));
        }),
        { numRuns: 1000 },
      );
    });

    it('on JSON-like text built from kpi.json tokens', () => {
      const token = fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        '"objectives"',
        '"kpis"',
        '"name"',
        '"metric"',
        '"target"',
        '"direction"',
        '"range"',
        '"__proto__"',
        '"constructor"',
        '"commitFrequency"',
        '1',
        '-2.5e3',
        'true',
        'null',
        '"x"',
        '//c\n',
        '/*',
        '*/',
        ' ',
        '\n',
        '"',
        '\\',
      );
      fc.assert(
        fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
          wellFormed(parseKpiFile(tokens.join('')));
        }),
        { numRuns: 2000 },
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('on structurally plausible files with arbitrary values', () => {
      const key = fc.constantFrom(
        'id',
        'name',
        'metric',
        'target',
        'window',
        'unit',
        'description',
        'direction',
        'value',
        'min',
        'max',
        'warning',
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
      );
      const loose = fc.dictionary(
        key,
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('commitFrequency', 'bugFixTurnaround', 'range', 'atLeast', '4w', 'x')),
        { maxKeys: 8 },
      );
      const file = fc.record({
        objectives: fc.array(fc.record({ name: fc.string(), kpis: fc.array(loose, { maxLength: 3 }) }), { maxLength: 3 }),
      });
      fc.assert(
        fc.property(file, (f) => {
          const r = parseKpiFile(JSON.stringify(f));
          wellFormed(r);
          if (r.config)
            for (const o of r.config.objectives) for (const k of o.kpis) assert.equal(Object.getPrototypeOf(k), Object.prototype);
        }),
        { numRuns: 1000 },
      );
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
});
