// kpi.json bytes to text, the same way in the CLI and the extension: UTF-8 with or without a
// byte order mark. A UTF-16 file (a BOM or NUL bytes) is one clear problem, not hundreds of
// syntax errors from reading it as UTF-8.

const utf8 = new TextDecoder('utf-8'); // strips a UTF-8 BOM; invalid bytes become U+FFFD

export type Decoded = { readonly text: string } | { readonly error: string };

export function decodeKpiFile(bytes: Uint8Array): Decoded {
  const utf16Bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  const nul = bytes.subarray(0, 64).includes(0);
  if (utf16Bom || nul) return { error: 'kpi.json is not UTF-8 (it looks like UTF-16): save it as UTF-8.' };
  return { text: utf8.decode(bytes) };
}
