import { createRequire } from 'node:module';
import type * as JsoncParser from 'jsonc-parser';
import type { InputFormat, Json, Path, Region, SourceComment } from '../model/source.js';
import { LoadedDocument, valueAt, type StringSpan } from './document.js';
import { JsonIndex } from './json-index.js';
import { type ContainerEnds, scanNesting } from './json-containers.js';
import { PathPositions } from './json-paths.js';
import { MAX_DEPTH } from './limits.js';
import { LineTable } from './lines.js';
import { jsonStringMap } from './string-map.js';

export type ParsedJson = { ok: true; value: Json; containers?: ContainerEnds } | { ok: false; message: string; offset?: number };

/**
 * JSON.parse, after a bracket-depth check (deep data would overflow every recursive walker later).
 * With `forLocating`, a large text's pass also records where each container ends, for locating
 * findings in it later.
 */
export function parseJson(text: string, forLocating = false): ParsedJson {
  const { deepAt, containers } = scanNesting(text, MAX_DEPTH, forLocating && text.length >= RECORD_CONTAINERS_MIN_LENGTH);
  if (deepAt >= 0) return { ok: false, message: `nesting is deeper than ${MAX_DEPTH} levels`, offset: deepAt };
  try {
    const value = JSON.parse(text) as Json;
    return containers ? { ok: true, value, containers } : { ok: true, value };
  } catch (e) {
    return { ok: false, ...explainJsonError(text, e) };
  }
}

const REASONS: Record<number, string> = {
  1: 'unexpected character',
  2: 'invalid number',
  3: 'a property name in double quotes was expected',
  4: 'a value was expected',
  5: 'a colon was expected',
  6: 'a comma was expected',
  7: 'a closing brace was expected',
  8: 'a closing bracket was expected',
  9: 'unexpected text after the end of the JSON value',
  10: 'comments are not allowed in JSON',
  11: 'unterminated comment',
  12: 'unterminated string',
  13: 'unexpected end of number',
  14: 'invalid unicode escape',
  15: 'invalid escape character',
  16: 'invalid character in a string (control characters must be escaped)',
};

// Loaded on the first invalid file only: it is not needed on the hot path (start-up time).
let tolerant: typeof JsoncParser | undefined;

/** JSON.parse's messages rarely have a position; a tolerant parser finds the first error's offset. */
function explainJsonError(text: string, e: unknown): { message: string; offset?: number } {
  if (!/\S/.test(text)) return { message: 'the file holds no JSON value' };
  tolerant ??= createRequire(import.meta.url)('jsonc-parser') as typeof JsoncParser;
  const errors: JsoncParser.ParseError[] = [];
  try {
    tolerant.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // The tolerant parser recurses: deep nesting that the depth check did not see (it sits after a
    // broken string) can exhaust the stack. Errors found before that are still in order; without
    // any, JSON.parse's own message is used.
  }
  const first = errors[0];
  if (first) {
    const reason = REASONS[first.error] ?? 'syntax error';
    return { message: first.offset >= text.trimEnd().length ? `the text ends early: ${reason}` : reason, offset: first.offset };
  }
  const raw = e instanceof Error ? e.message : String(e);
  const pos = /at position (\d+)/.exec(raw);
  return { message: raw.split('\n')[0]!.replace(/, ".*$/, ''), ...(pos ? { offset: Number(pos[1]) } : {}) };
}

/**
 * Positions for a JSON text, located lazily: paths announced with `prepare` (a run's findings) are
 * found in one pass that records only them; anything else builds the structural index on first use.
 * The one pass is the cheaper for small texts too: over the 599 JSON files of the 1,000-file bench
 * corpus, about 6 ms against 50 ms for building their indexes (CPU profiles), 0.98 of the wall time.
 */
export class JsonPositions {
  private index: JsonIndex | undefined;
  private prepared: PathPositions | undefined;

  constructor(
    readonly text: string,
    private readonly containers?: ContainerEnds,
  ) {}

  private get idx(): JsonIndex {
    return (this.index ??= JsonIndex.build(this.text));
  }

  /** Paths about to be located. */
  prepare(paths: readonly Path[]): void {
    if (this.index || paths.length === 0) return;
    this.prepared = new PathPositions(this.text, paths, this.containers);
  }

  private find(path: Path): { start: number; end: number; keyStart: number; keyEnd: number; depth: number } | undefined {
    const hit = this.prepared?.find(path);
    if (hit) return hit;
    const { node, depth } = this.idx.find(path);
    if (node < 0) return undefined;
    const [start, end] = this.idx.range(node);
    const [keyStart, keyEnd] = this.idx.keyRange(node) ?? [-1, -1];
    return { start, end, keyStart, keyEnd, depth };
  }

  /** [start, end) of the most specific node at or above the path; an absent member points at its parent's key. */
  span(path: Path): [number, number] {
    const hit = this.find(path);
    if (!hit) return [0, this.text.length];
    if (hit.depth === path.length || hit.keyStart < 0) return [hit.start, hit.end];
    return [hit.keyStart, hit.keyEnd];
  }

  /** The literal's range when the whole path exists and is a string. */
  stringLiteral(path: Path): [number, number] | undefined {
    const hit = this.find(path);
    if (!hit || hit.depth !== path.length || this.text.charCodeAt(hit.start) !== 34) return undefined;
    return [hit.start, hit.end];
  }
}

/**
 * From this many characters the depth check also records where each container ends, so the one pass
 * of `prepare` steps over what it skips in one lookup; below, that pass reads through it.
 */
const RECORD_CONTAINERS_MIN_LENGTH = 256 * 1024;

export class JsonDocument extends LoadedDocument {
  private readonly positions: JsonPositions;
  private readonly table: LineTable;

  constructor(file: string, format: InputFormat, root: Json, text: string, containers?: ContainerEnds) {
    super(file, format, root);
    this.positions = new JsonPositions(text, containers);
    this.table = new LineTable(text);
  }

  locate(path: Path): Region {
    const [s, e] = this.positions.span(path);
    return this.table.region(s, e);
  }

  prepareLocate(paths: readonly Path[]): void {
    this.positions.prepare(paths);
  }

  regionOf(start: number, end: number): Region {
    return this.table.region(start, end);
  }

  lines(startLine: number, endLine: number): string[] {
    return this.table.lines(startLine, endLine);
  }

  comments(): readonly SourceComment[] {
    return [];
  }

  stringSpan(path: Path): StringSpan | undefined {
    const value = valueAt(this.root, path);
    if (typeof value !== 'string') return undefined;
    const literal = this.positions.stringLiteral(path);
    if (!literal) return undefined;
    const map = jsonStringMap(this.positions.text, literal[0], literal[1]);
    return {
      value,
      offsets: map && map.decoded === value ? map.offsets : undefined,
      region: this.table.region(literal[0], literal[1]),
    };
  }
}
