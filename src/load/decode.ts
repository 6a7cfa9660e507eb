import type { Region } from '../model/source.js';

export type Decoded = { ok: true; text: string } | { ok: false; message: string; region?: Region };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes → text: refuses binary content (NUL bytes), UTF-16/32 files and invalid UTF-8, naming the first
 * offending position; strips a UTF-8 byte order mark (positions count from the character after it).
 */
export function decodeText(input: string | Uint8Array): Decoded {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    const nul = text.indexOf('\0');
    if (nul !== -1) return failure('binary file: it contains a NUL character', countLines(text, nul));
    return { ok: true, text };
  }
  const bytes = input;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'the file is UTF-16 encoded: save it as UTF-8' };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0);
  if (nul !== -1) return failure('binary file: it contains a NUL byte', byteLines(bytes, nul, bom));
  try {
    return { ok: true, text: utf8.decode(bom ? bytes.subarray(bom) : bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes, bom);
    return failure('the file is not valid UTF-8', byteLines(bytes, bad, bom), ': save it as UTF-8');
  }
}

function failure(what: string, pos: { line: number; column: number }, advice = ''): Decoded {
  return {
    ok: false,
    message: `${what} at line ${pos.line}, column ${pos.column}${advice}`,
    region: { startLine: pos.line, startColumn: pos.column, endLine: pos.line, endColumn: pos.column + 1 },
  };
}

/** Line breaks as LineTable counts them: `\n`, `\r\n` and a lone `\r`. */
function isBreakAt(code: (i: number) => number | undefined, i: number): boolean {
  const c = code(i);
  return c === 10 || (c === 13 && code(i + 1) !== 10);
}

function countLines(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  const code = (i: number) => (i < text.length ? text.charCodeAt(i) : undefined);
  for (let i = 0; i < offset; i++) {
    if (isBreakAt(code, i)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Line and column (in characters of the valid prefix) of a byte offset. */
function byteLines(bytes: Uint8Array, offset: number, from = 0): { line: number; column: number } {
  let line = 1;
  let start = from;
  const code = (i: number) => bytes[i];
  for (let i = from; i < offset; i++) {
    if (isBreakAt(code, i)) {
      line++;
      start = i + 1;
    }
  }
  let column = 1;
  for (let i = start; i < offset; i++) {
    const b = bytes[i]!;
    if ((b & 0xc0) !== 0x80) column += b >= 0xf0 ? 2 : 1; // astral characters are two UTF-16 units
  }
  return { line, column };
}

function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
