// The typed ids of src/ui/ids.ts and package.json agree: every contributed command, view,
// context key, setting and localized title, both ways, so that a renamed id fails here and
// not in a user's command palette.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Settings, Views } from '../../../src/ui/ids';

const ROOT = path.join(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
    viewsWelcome?: { view: string; when?: string }[];
    walkthroughs?: unknown[];
  };
};
const c = pkg.contributes;

/** Every `when` clause in the manifest. */
function whenClauses(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((v) => whenClauses(v, out));
  else if (typeof x === 'object' && x !== null)
    for (const [k, v] of Object.entries(x)) {
      if ((k === 'when' || k === 'enablement') && typeof v === 'string') out.push(v);
      else whenClauses(v, out);
    }
  return out;
}

describe('ui/ids and package.json agree', () => {
  it('the same commands, each registered by the extension', () => {
    assert.deepEqual(c.commands.map((x) => x.command).sort(), Object.values(Commands).sort());
    const extension = fs.readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');
    for (const key of Object.keys(Commands)) assert.match(extension, new RegExp(`registerCommand\\(Commands\\.${key},`), key);
    for (const [menu, items] of Object.entries(c.menus)) {
      for (const item of items) assert.ok(Object.values(Commands).includes(item.command as never), `${menu}: ${item.command}`);
    }
  });

  it('the same views and view container', () => {
    const views = Object.values(c.views)
      .flat()
      .map((v) => v.id);
    assert.deepEqual(views, [Views.tree]);
    assert.deepEqual(
      Object.values(c.viewsContainers)
        .flat()
        .map((v) => v.id),
      [Views.container],
    );
    assert.ok(Object.keys(c.views).includes(Views.container));
  });

  it('every context key of ours in a when clause is one the extension sets', () => {
    const ours = new Set<string>(Object.values(ContextKeys));
    const viewIds = new Set<string>([Views.tree, Views.container, Views.dashboard]);
    for (const clause of whenClauses(c)) {
      for (const key of clause.match(/engineeringKpis\.[A-Za-z.]+/g) ?? []) {
        assert.ok(ours.has(key) || viewIds.has(key), `${key} in "${clause}"`);
      }
    }
    const extension = fs.readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');
    for (const key of Object.keys(ContextKeys)) assert.match(extension, new RegExp(`'setContext', ContextKeys\\.${key}`), key);
  });

  it('the same settings', () => {
    const declared = Object.keys(c.configuration.properties).sort();
    const typed = Object.entries(Settings)
      .filter(([k]) => k !== 'section')
      .map(([, v]) => `${Settings.section}.${v}`)
      .sort();
    assert.deepEqual(declared, typed);
  });

  it('every %title% has an English and a Traditional Chinese string', () => {
    const text = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const keys = [...new Set([...text.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]!))];
    assert.ok(keys.length > 10);
    for (const file of ['package.nls.json', 'package.nls.zh-tw.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
      assert.deepEqual(
        keys.filter((k) => typeof nls[k] !== 'string' || nls[k] === ''),
        [],
        file,
      );
    }
  });
});
