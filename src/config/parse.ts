import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Document } from 'yaml';
import { jsoncParser, yamlParser } from '../lazy-modules.js';
import { ConfigError } from './errors.js';

export interface Position {
  line: number;
  column: number;
}

export interface ParsedConfigText {
  data: unknown;
  /** Position of the value at `path`, or of the key `key` inside it; undefined when not found. */
  locate(path: readonly (string | number)[], key?: string): Position | undefined;
}

/** Parses a JSON or YAML config file (by extension), keeping positions for error messages. */
export function parseConfigText(display: string, text: string): ParsedConfigText {
  return /\.json$/i.test(display) ? parseJson(display, text) : parseYaml(display, text);
}

function parseJson(display: string, text: string): ParsedConfigText {
  const errors: ParseError[] = [];
  const tree = jsoncParser().parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const at = (offset: number): Position => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  const first = errors[0];
  if (first || !tree) {
    const pos = first ? at(first.offset) : { line: 1, column: 1 };
    throw new ConfigError(display, `invalid JSON: ${first ? jsoncParser().printParseErrorCode(first.error) : 'empty file'}`, pos.line, pos.column);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(display, `invalid JSON: ${(err as Error).message}`);
  }
  return {
    data,
    locate(path, key) {
      const node = jsoncParser().findNodeAtLocation(tree, [...path]);
      if (!node) return undefined;
      if (key !== undefined && node.type === 'object') {
        const prop = node.children?.find((p: JsonNode) => p.children?.[0]?.value === key);
        if (prop?.children?.[0]) return at(prop.children[0].offset);
      }
      const target = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent.children[0]! : node;
      return at(key === undefined ? target.offset : node.offset);
    },
  };
}

function parseYaml(display: string, text: string): ParsedConfigText {
  const lc = new (yamlParser().LineCounter)();
  const doc: Document = yamlParser().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lc.linePos(err.pos[0]);
    throw new ConfigError(display, `invalid YAML: ${err.message.split('\n')[0]}`, pos.line, pos.col);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError(display, `invalid YAML: ${(e as Error).message}`);
  }
  const pos = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return {
    data,
    locate(path, key) {
      let node: unknown = doc.contents;
      let keyNode: unknown;
      for (const seg of [...path, ...(key === undefined ? [] : [key])]) {
        if (yamlParser().isMap(node)) {
          const pair = node.items.find((p) => yamlParser().isPair(p) && yamlParser().isScalar(p.key) && String(p.key.value) === String(seg));
          if (!pair) return undefined;
          keyNode = pair.key;
          node = pair.value;
        } else if (yamlParser().isSeq(node) && typeof seg === 'number') {
          keyNode = undefined;
          node = node.items[seg];
        } else return undefined;
      }
      const target = (keyNode ?? node) as { range?: [number, number, number] } | undefined;
      return pos(target?.range?.[0]);
    },
  };
}
