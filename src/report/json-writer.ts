/** Where output text goes, piece by piece. */
export type Sink = (chunk: string) => void;

/**
 * An array whose elements are made as they are written: a report's findings in output shape, one at a
 * time. JSON.stringify (below the levels writeJson walks) makes them all at once.
 */
export class MappedArray<T, U> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => U,
  ) {}

  toJSON(): U[] {
    return this.items.map((item) => this.map(item));
  }
}

/** Pieces are passed on in chunks of about this many characters: few writes, never one huge string. */
const CHUNK = 64 * 1024;

/**
 * `JSON.stringify(value, null, 2)` and a newline, written in chunks: the objects and arrays of the
 * first `depth` levels (a report, its findings; a SARIF log, its runs, a run, its results) are walked
 * here and each value below them is stringified on its own, so a large report (10,000 files: 29 MB
 * of JSON) is never held as one text, nor copied again when it is written. Plain data and MappedArray
 * only: no other `toJSON`, no cycles (the reports are built for output).
 */
export function writeJson(value: unknown, sink: Sink, depth = 3): void {
  const pieces: string[] = [];
  let length = 0;
  const put = (s: string) => {
    pieces.push(s);
    length += s.length;
    if (length >= CHUNK) {
      sink(pieces.join(''));
      pieces.length = 0;
      length = 0;
    }
  };
  writeValue(value, '', depth, put);
  put('\n');
  if (length > 0) sink(pieces.join(''));
}

function writeValue(value: unknown, indent: string, depth: number, put: Sink): void {
  if (depth > 0 && value instanceof MappedArray) return writeArray(value.items.length, (i) => value.map(value.items[i]), indent, depth, put);
  if (depth > 0 && Array.isArray(value)) return writeArray(value.length, (i) => value[i], indent, depth, put);
  if (depth > 0 && isPlainObject(value)) return writeObject(value, indent, depth, put);
  put(stringify(value, indent) ?? 'null');
}

function writeArray(length: number, at: (i: number) => unknown, indent: string, depth: number, put: Sink): void {
  if (length === 0) return put('[]');
  const inner = `${indent}  `;
  put('[');
  for (let i = 0; i < length; i++) {
    put(i === 0 ? `\n${inner}` : `,\n${inner}`);
    const item = at(i);
    // As JSON.stringify: what JSON cannot hold is null in an array.
    if (isOmitted(item)) put('null');
    else writeValue(item, inner, depth - 1, put);
  }
  put(`\n${indent}]`);
}

function writeObject(value: Record<string, unknown>, indent: string, depth: number, put: Sink): void {
  const inner = `${indent}  `;
  let written = 0;
  for (const key of Object.keys(value)) {
    const v = value[key];
    // As JSON.stringify: a member whose value JSON cannot hold is left out.
    if (isOmitted(v)) continue;
    put(`${written === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
    writeValue(v, inner, depth - 1, put);
    written++;
  }
  put(written === 0 ? '{}' : `\n${indent}}`);
}

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** One value as JSON.stringify writes it at this indentation (its own lines shifted right). */
function stringify(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  // Strings in JSON never hold a raw newline: every newline here is between members.
  return text === undefined || indent === '' || !text.includes('\n') ? text : text.replaceAll('\n', `\n${indent}`);
}
