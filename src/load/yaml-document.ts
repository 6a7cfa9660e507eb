import type { InputFormat, Json, Path, Region, SourceComment } from '../model/source.js';
import { LoadedDocument, valueAt, type StringSpan } from './document.js';
import { LineTable } from './lines.js';
import { fitMap, yamlFlowScalarMap, yamlLiteralBlockMap, type StringMap } from './string-map.js';
import { yamlComments } from './yaml-comments.js';
import { YamlPositions } from './yaml-locate.js';

/** A YAML file: data from js-yaml, positions and comments recovered from the text only when asked for. */
export class YamlDocument extends LoadedDocument {
  private readonly table: LineTable;
  private positions: YamlPositions | undefined;
  private commentList: SourceComment[] | undefined;

  constructor(
    file: string,
    format: InputFormat,
    root: Json,
    private readonly text: string,
  ) {
    super(file, format, root);
    this.table = new LineTable(text);
  }

  private get pos(): YamlPositions {
    return (this.positions ??= new YamlPositions(this.text));
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

  comments(): readonly SourceComment[] {
    return (this.commentList ??= yamlComments(this.text, this.table));
  }

  stringSpan(path: Path): StringSpan | undefined {
    const value = valueAt(this.root, path);
    if (typeof value !== 'string') return undefined;
    const scalar = this.pos.scalar(path);
    if (!scalar?.range) return undefined;
    const [start, end] = scalar.range;
    let map: StringMap | undefined;
    switch (scalar.type) {
      case 'PLAIN':
        map = yamlFlowScalarMap(this.text, start, end, 'plain');
        break;
      case 'QUOTE_SINGLE':
        map = yamlFlowScalarMap(this.text, start, end, 'single');
        break;
      case 'QUOTE_DOUBLE':
        map = yamlFlowScalarMap(this.text, start, end, 'double');
        break;
      case 'BLOCK_LITERAL':
        map = yamlLiteralBlockMap(this.text, start, end);
        break;
      default:
        map = undefined; // folded scalars: no exact mapping
    }
    return { value, offsets: fitMap(map, value), region: this.table.region(start, end) };
  }
}
