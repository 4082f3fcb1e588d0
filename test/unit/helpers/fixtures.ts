// Reads files from test/fixtures (the sources, not the compiled output).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import * as path from 'node:path';

/** test/fixtures, found from out/test/unit/helpers (compiled) or test/unit/helpers (source). */
export const FIXTURES = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../../test/fixtures' : '../../fixtures',
);

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Every comment in a JSON-with-comments text, in order (to check that edits keep them). */
export function comments(text: string): string[] {
  const s = createScanner(text, false);
  const out: string[] = [];
  for (let k = s.scan(); k !== SyntaxKind.EOF; k = s.scan()) {
    if (k === SyntaxKind.LineCommentTrivia || k === SyntaxKind.BlockCommentTrivia) out.push(s.getTokenValue());
  }
  return out;
}

/** Offset and length of the n-th occurrence of `needle` (for exact diagnostic ranges). */
export function rangeOf(text: string, needle: string, n = 1): { offset: number; length: number } {
  let offset = -1;
  for (let i = 0; i < n; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${needle} (#${n}) not in text`);
  }
  return { offset, length: needle.length };
}
