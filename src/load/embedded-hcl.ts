import { Node } from '../model/node.js';
import type { Json, Path, Region, SourceComment, SourceDocument } from '../model/source.js';
import { LoadedDocument, valueAt, type StringSpan } from './document.js';

/** Where one node of an embedded expression is, in units of the outer string's decoded value. */
export interface ExpressionSpan {
  /** [start, end) of the node's text. */
  readonly start: number;
  readonly end: number;
  /** The member's key, for a node that is an object member. */
  readonly key?: readonly [number, number];
  /** For a string node: the offset of each unit of its value, then the offset just after the last one. */
  readonly units?: readonly number[];
}

/** The span of the node at exactly this path, or undefined when the adapter recorded none there. */
export type ExpressionSpans = (path: Path) => ExpressionSpan | undefined;

/**
 * A value written as an expression inside a string of another document (a Terraform `jsonencode({…})`
 * call in a `.tf.json` string), already turned into plain data by the adapter that read it. Positions
 * are those of the outer file: exact where the outer string's characters trace back to the source,
 * else the whole outer string.
 */
export class EmbeddedHclDocument extends LoadedDocument {
  constructor(
    private readonly outer: SourceDocument,
    private readonly outerPath: Path,
    root: Json,
    private readonly spans: ExpressionSpans,
    /** File offsets of the outer string's units 0..length; undefined when not exact. */
    private readonly offsets: Int32Array | undefined,
  ) {
    super(outer.file, outer.format, root);
  }

  get embeddedIn(): { doc: SourceDocument; path: Path } {
    return { doc: this.outer, path: this.outerPath };
  }

  private outerRegion(): Region {
    return this.outer.locate(this.outerPath);
  }

  /**
   * The most specific node at or above the path; for an absent member, its parent's key. Values the
   * adapter spliced in without spans of their own are at the nearest node that has one.
   */
  locate(path: Path): Region {
    if (!this.offsets) return this.outerRegion();
    let present = 0;
    while (present < path.length && valueAt(this.root, path.slice(0, present + 1)) !== undefined) present++;
    for (let len = present; len >= 0; len--) {
      const span = this.spans(path.slice(0, len));
      if (!span) continue;
      const [s, e] = len === present && present < path.length && span.key ? span.key : [span.start, span.end];
      return this.inner(s, e);
    }
    return this.outerRegion();
  }

  private inner(start: number, end: number): Region {
    const o = this.offsets;
    const s = o?.[start];
    const e = o?.[end];
    return s === undefined || e === undefined ? this.outerRegion() : this.regionOf(s, e);
  }

  regionOf(start: number, end: number): Region {
    return this.outer instanceof LoadedDocument ? this.outer.regionOf(start, end) : this.outerRegion();
  }

  lines(startLine: number, endLine: number): string[] {
    return this.outer.lines?.(startLine, endLine) ?? [];
  }

  comments(): readonly SourceComment[] {
    return this.outer.comments?.() ?? [];
  }

  stringSpan(path: Path): StringSpan | undefined {
    const value = valueAt(this.root, path);
    if (typeof value !== 'string') return undefined;
    const region = this.locate(path);
    const units = this.spans(path)?.units;
    const o = this.offsets;
    if (!o || !units || units.length !== value.length + 1 || units.some((u) => u >= o.length)) return { value, region };
    return { value, offsets: Int32Array.from(units, (u) => o[u]!), region };
  }
}

/**
 * The root node of a document for `root`, a value the adapter read from the expression text of
 * `node`'s string, positioned through `spans` in the outer file.
 */
export function openEmbeddedExpression(node: Node, root: Json, spans: ExpressionSpans): Node | undefined {
  const raw = node.value;
  if (typeof raw !== 'string') return undefined;
  const outer = node.doc;
  let offsets: Int32Array | undefined;
  if (outer instanceof LoadedDocument) {
    const span = outer.stringSpan(node.path);
    if (span && span.value === raw && span.offsets?.length === raw.length + 1) offsets = span.offsets;
  }
  return Node.root(new EmbeddedHclDocument(outer, node.path, root, spans, offsets));
}
