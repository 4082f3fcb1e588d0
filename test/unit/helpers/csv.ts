// CSV reports are read back by an independent, maintained parser (csv-parse), strictly:
// every record must have as many fields as the header, and quotes must be well formed.
import { parse } from 'csv-parse/sync';

export function readCsv(text: string): string[][] {
  return parse(text, { relax_column_count: false, relax_quotes: false, record_delimiter: '\r\n', skip_empty_lines: false }) as string[][];
}
