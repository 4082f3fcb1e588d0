// Reads files from test/fixtures (the sources, not the compiled output).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** test/fixtures, found from out/test/unit/helpers (compiled) or test/unit/helpers (source). */
export const FIXTURES = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../../test/fixtures' : '../../fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}
