// A small RFC 4180 reader for tests, so that CSV reports are read back by an independent parser.
import * as assert from 'node:assert/strict';

/** A small RFC 4180 reader: CRLF records, comma-separated fields, quoted fields with "" escapes. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(ch !== '\r' && ch !== '\n', `a bare line break outside quotes at ${i}`);
      field += ch;
      i++;
    }
  }
  assert.equal(quoted, false, 'an unterminated quoted field');
  assert.ok(field === '' && row.length === 0, 'the last record ends with CRLF');
  return rows;
}
