// Text that came from git or kpi.json, made safe for terminals and CI logs: no control
// characters (ANSI escapes), and no line that a CI runner would read as a workflow command
// (GitHub `::cmd::`, Azure `##vso[`, `##[`).

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]/g;
const COMMAND_START = /^(\s*)(::|##\[|##vso\[)/gm;

/** One-line text: newlines become spaces. */
export function safeInline(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(CONTROL, '')
    .replace(COMMAND_START, '$1\u200b$2');
}

/** Multi-line output (a whole report): keeps newlines, defuses every line. */
export function safeBlock(s: string): string {
  return s
    .replace(/\r(?!\n)/g, '\n')
    .replace(CONTROL, (c) => (c === '\r' ? c : ''))
    .replace(COMMAND_START, '$1\u200b$2');
}
