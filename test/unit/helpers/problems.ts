// kpi.json problems carry English `message` and translatable `text`. Tests assert the message
// and check the text against it here; zhTw() renders a text as a zh-tw display shows it (the
// test host runs in English, so translations are checked from the bundle itself).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../../../src/core/kpiJson/parse';
import { english, fill, type Text } from '../../../src/core/text/translatable';
import { FIXTURES } from './fixtures';

const ZH_TW: Readonly<Record<string, string>> = JSON.parse(
  fs.readFileSync(path.resolve(FIXTURES, '../../l10n/bundle.l10n.zh-tw.json'), 'utf8'),
) as Record<string, string>;

/** `t` in Traditional Chinese, formatted as vscode.l10n.t does; fails when it has no translation. */
export function zhTw(t: Text): string {
  const template = ZH_TW[t.template];
  assert.ok(template !== undefined, `no zh-tw translation of ${JSON.stringify(t.template)}`);
  return fill(template, t.params);
}

/** The problem's text renders to its message, and its template has a zh-tw translation. */
export function checkText(p: Problem): void {
  assert.equal(english(p.text), p.message, `text of ${JSON.stringify(p)}`);
  assert.ok(p.text.template in ZH_TW, `no zh-tw translation of ${JSON.stringify(p.text.template)}`);
}

/** The problem without `text`, for deepEqual against a literal, once checkText has passed. */
export function withoutText<P extends Problem>(p: P): Omit<P, 'text'> {
  checkText(p);
  return Object.fromEntries(Object.entries(p).filter(([key]) => key !== 'text')) as Omit<P, 'text'>;
}
