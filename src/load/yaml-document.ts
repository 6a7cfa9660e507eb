import type { InputFormat, Json, Path, Region, SourceComment } from '../model/source.js';
import { LoadedDocument, valueAt, type StringSpan } from './document.js';
import { LineTable } from './lines.js';
import { fitMap, yamlFlowScalarMap, yamlLiteralBlockMap, type StringMap } from './string-map.js';
import { yamlComments } from './yaml-comments.js';
import { YamlIndex } from './yaml-index.js';
import type { Event } from 'js-yaml';

/**
 * A YAML file: data from js-yaml; positions and comments are recovered from js-yaml's event stream
 * only when asked for (for files that have findings).
 */
export class YamlDocument extends LoadedDocument {
  private readonly table: LineTable;
  private index: YamlIndex | undefined;
  private commentList: SourceComment[] | undefined;

  constructor(
    file: string,
    format: InputFormat,
    root: Json,
    private readonly text: string,
    /** The parser's events, when the loader kept them: positions and comments then need no second parse. */
    private events?: Event[],
  ) {
    super(file, format, root);
    this.table = new LineTable(text);
  }

  private get pos(): YamlIndex {
    return (this.index ??= this.events ? YamlIndex.fromEvents(this.text, this.events) : YamlIndex.build(this.text));
  }

  locate(path: Path): Region {
    const [s, e] = this.pos.span(path);
    return this.table.region(s, e);
  }

  regionOf(start: number, end: number): Region {
    return this.table.region(start, end);
  }

  lines(startLine: number, endLine: number): string[] {
    return this.table.lines(startLine, endLine);
  }

  comments(containing?: string): readonly SourceComment[] {
    // Finding comments takes a second parse; most files hold no suppression at all.
    if (containing !== undefined && !this.commentList && !this.text.includes(containing)) return [];
    return (this.commentList ??= yamlComments(this.text, this.table, this.events));
  }

  stringSpan(path: Path): StringSpan | undefined {
    const value = valueAt(this.root, path);
    if (typeof value !== 'string') return undefined;
    const scalar = this.pos.scalar(path);
    if (!scalar) return undefined;
    const { start, end, style } = scalar;
    let map: StringMap | undefined;
    if (style === 'literal') map = yamlLiteralBlockMap(this.text, start, end);
    else if (style !== 'folded') map = yamlFlowScalarMap(this.text, start, end, style);
    // Folded scalars have no exact mapping: the whole scalar is used.
    return { value, offsets: fitMap(map, value), region: this.table.region(start, end) };
  }
}
