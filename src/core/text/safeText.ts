// Text that came from git or kpi.json, made safe for terminals and CI logs: no C0 or C1
// control characters (so no ANSI escape, neither the 7-bit ESC forms nor the 8-bit CSI
// U+009B and OSC U+009D), no line that a CI runner would read as a workflow command
// (GitHub `::cmd::` and Azure `##[` at a line's start), and no Azure `##vso[` anywhere in
// a line (Azure Pipelines acts on it wherever it appears, a line's start included). Rules: docs/security.md.

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const COMMAND_START = /^(\s*)(::|##\[)/gm;
/** Azure reads ##vso[ anywhere in a line: a zero-width space inside the marker breaks it everywhere. */
const VSO = /##(vso\[)/gi;

/** One-line text: newlines become spaces. */
export function safeInline(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(CONTROL, '')
    .replace(COMMAND_START, '$1\u200b$2')
    .replace(VSO, '#\u200b#$1');
}

/** Multi-line output (a whole report): keeps newlines, defuses every line. */
export function safeBlock(s: string): string {
  return s
    .replace(/\r(?!\n)/g, '\n')
    .replace(CONTROL, (c) => (c === '\r' ? c : ''))
    .replace(COMMAND_START, '$1\u200b$2')
    .replace(VSO, '#\u200b#$1');
}
