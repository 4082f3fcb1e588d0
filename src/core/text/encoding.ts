// Text files as bytes and back, keeping what the file had: UTF-8 with or without a byte
// order mark, or UTF-16 (either byte order) with its mark. Used to rewrite a repository's
// file without changing its encoding.

export type TextEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/** The text without its byte order mark, and the encoding to write it back in. */
export function decodeText(bytes: Uint8Array): { readonly text: string; readonly encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  const label = encoding === 'utf16le' ? 'utf-16le' : encoding === 'utf16be' ? 'utf-16be' : 'utf-8';
  // TextDecoder drops the byte order mark of its own encoding; invalid bytes become U+FFFD.
  return { text: new TextDecoder(label).decode(bytes), encoding };
}

export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  if (encoding === 'utf8bom') return concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(text));
  const out = new Uint8Array(2 + text.length * 2);
  const le = encoding === 'utf16le';
  out[0] = le ? 0xff : 0xfe;
  out[1] = le ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i); // UTF-16 code units, surrogate pairs included
    out[2 + 2 * i + (le ? 0 : 1)] = unit & 0xff;
    out[2 + 2 * i + (le ? 1 : 0)] = unit >> 8;
  }
  return out;
}

function concat(head: readonly number[], tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
