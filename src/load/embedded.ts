import { Node } from '../model/node.js';
import type { Json, Path, Region, SourceComment, SourceDocument } from '../model/source.js';
import { LoadedDocument, valueAt, type StringSpan } from './document.js';
import { JsonPositions, parseJson } from './json.js';
import { jsonStringMap } from './string-map.js';
import { decodeUrlEncodedJson } from './url-encoded.js';

/**
 * A JSON document held in a string of another document (a Terraform `policy`, a plan's `jsonencode`
 * result, a CLI wrapper's `PolicyDocument`). Its positions are those of the outer file: exact where
 * every character of the string can be traced back to the source, else the whole outer string.
 */
export class EmbeddedJsonDocument extends LoadedDocument {
  private readonly positions: JsonPositions;

  constructor(
    private readonly outer: SourceDocument,
    private readonly outerPath: Path,
    root: Json,
    text: string,
    /** File offsets of the inner text's units 0..text.length; undefined when not exact. Computed on first use. */
    private readonly offsetsOf: () => Int32Array | undefined,
  ) {
    super(outer.file, outer.format, root);
    this.positions = new JsonPositions(text);
  }

  private offsetTable: Int32Array | undefined | null = null;

  /** Most embedded policies never carry a finding: their character map is made only when one is located. */
  private get offsets(): Int32Array | undefined {
    if (this.offsetTable === null) this.offsetTable = this.offsetsOf();
    return this.offsetTable;
  }

  get embeddedIn(): { doc: SourceDocument; path: Path } {
    return { doc: this.outer, path: this.outerPath };
  }

  private outerRegion(): Region {
    return this.outer.locate(this.outerPath);
  }

  prepareLocate(paths: readonly Path[]): void {
    this.positions.prepare(paths);
  }

  locate(path: Path): Region {
    if (!this.offsets) return this.outerRegion();
    const [s, e] = this.positions.span(path);
    return this.regionOf(this.offsets[s]!, this.offsets[e]!);
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
    const literal = this.offsets ? this.positions.stringLiteral(path) : undefined;
    if (!literal || !this.offsets) return { value, region: this.locate(path) };
    const map = jsonStringMap(this.positions.text, literal[0], literal[1]);
    const offsets = this.offsets;
    return {
      value,
      offsets: map && map.decoded === value ? map.offsets.map((o) => offsets[o]!) : undefined,
      region: this.regionOf(offsets[literal[0]]!, offsets[literal[1]]!),
    };
  }
}

/**
 * The node's value is a string holding a JSON object or array (possibly URL-encoded, as
 * `aws iam get-role-policy` prints it): the root node of a document for it, positioned in the outer
 * file. Undefined when the string is not JSON of that kind.
 */
export function openEmbeddedJson(node: Node): Node | undefined {
  const raw = node.value;
  if (typeof raw !== 'string') return undefined;
  const decoded = decodeUrlEncodedJson(raw);
  const urlEncoded = decoded !== undefined;
  const text = decoded ?? raw;
  if (!/^\s*[[{]/.test(text)) return undefined;
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;

  const outer = node.doc;
  const offsetsOf = (): Int32Array | undefined => {
    if (urlEncoded || !(outer instanceof LoadedDocument)) return undefined;
    const span = outer.stringSpan(node.path);
    return span && span.value === raw ? span.offsets : undefined;
  };
  return Node.root(new EmbeddedJsonDocument(outer, node.path, parsed.value, text, offsetsOf));
}
