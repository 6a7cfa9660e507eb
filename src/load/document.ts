import type { InputFormat, Json, Path, Region, SourceComment, SourceDocument } from '../model/source.js';

/** A string value and where its characters sit in the file (undefined offsets: no exact mapping). */
export interface StringSpan {
  value: string;
  /** File offsets of decoded units 0..value.length (the last one: just after the string's content). */
  offsets?: Int32Array;
  /** The whole literal, quotes included. */
  region: Region;
}

/**
 * The documents the loaders make. Besides the public SourceDocument surface they can say where a
 * string value's characters are, so an embedded JSON document (a policy inside a string) can be
 * positioned inside the outer file.
 */
export abstract class LoadedDocument implements SourceDocument {
  constructor(
    readonly file: string,
    readonly format: InputFormat,
    readonly root: Json,
  ) {}

  abstract locate(path: Path): Region;
  abstract lines(startLine: number, endLine: number): string[];
  abstract comments(): readonly SourceComment[];
  /** The region of `[start, end)` in file offsets. */
  abstract regionOf(start: number, end: number): Region;
  /** The string literal at exactly this path, or undefined (absent, or not a string). */
  abstract stringSpan(path: Path): StringSpan | undefined;

  locateText(path: Path, start: number, end: number): Region | undefined {
    const span = this.stringSpan(path);
    if (!span?.offsets || start < 0 || end > span.value.length || start >= end) return undefined;
    return this.regionOf(span.offsets[start]!, span.offsets[end - 1]! + unitLength(span.offsets, end));
  }
}

/** How many file units the decoded unit before `end` occupies (an escape like `\u0041` takes six). */
function unitLength(offsets: Int32Array, end: number): number {
  const next = offsets[end];
  const last = offsets[end - 1]!;
  return next !== undefined && next > last ? next - last : 1;
}

/** The value at a path of plain data, or undefined. */
export function valueAt(root: Json, path: Path): Json | undefined {
  let v: Json | undefined = root;
  for (const seg of path) {
    if (Array.isArray(v)) {
      const i = typeof seg === 'number' ? seg : Number(seg);
      v = Number.isInteger(i) && i >= 0 && i < v.length ? v[i] : undefined;
    } else if (typeof v === 'object' && v !== null) {
      v = Object.prototype.hasOwnProperty.call(v, seg) ? v[String(seg)] : undefined;
    } else return undefined;
    if (v === undefined) return undefined;
  }
  return v;
}
