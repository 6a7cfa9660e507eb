import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type Scalar,
  type Tags,
} from 'yaml';
import type { Path } from '../model/source.js';
import { CFN_SHORT_TAGS, shortTag } from './cfn-tags.js';

/** The CloudFormation short forms as `yaml` custom tags that keep the nodes as they are (only ranges are read). */
const YAML_TAGS: Tags = CFN_SHORT_TAGS.flatMap(({ tag }) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (node: unknown) => node },
  { tag, collection: 'map' as const, resolve: (node: unknown) => node },
]);

function parse(text: string, uniqueKeys: boolean): Document.Parsed {
  return parseDocument(text, { customTags: YAML_TAGS, uniqueKeys, prettyErrors: false, strict: false });
}

/** Every key that repeats an earlier key of its mapping (the first occurrence is not listed). */
export function duplicateKeys(text: string): { key: string; start: number; end: number }[] {
  const doc = parse(text, true);
  const starts = new Set(doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
  if (starts.size === 0) return [];
  const out: { key: string; start: number; end: number }[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && key.range && starts.has(key.range[0])) {
        out.push({ key: String(key.value), start: key.range[0], end: key.range[1] });
      }
    },
  });
  return out.sort((a, b) => a.start - b.start);
}

export interface Found {
  /** The node reached (null: a key without a value). */
  node: YamlNode | null;
  /** The key of the pair whose value `node` is; null for sequence items and the root. */
  key: YamlNode | null;
  /** Whether the whole path was matched. */
  complete: boolean;
}

/**
 * Positions for a YAML text, parsed with `yaml` (which keeps ranges) only on the first call. Paths are
 * those of the data js-yaml built: a long-form key (`Ref`, `Fn::GetAtt`) under a short-form tagged
 * node stays on that node, and so do `Fn::GetAtt` indexes under a `!GetAtt A.B` scalar.
 */
export class YamlPositions {
  private doc: Document.Parsed | undefined;

  constructor(readonly text: string) {}

  private get parsed(): Document.Parsed {
    return (this.doc ??= parse(this.text, false));
  }

  find(path: Path): Found {
    let node: YamlNode | null = this.parsed.contents;
    let key: YamlNode | null = null;
    let i = 0;
    while (i < path.length && node) {
      if (isAlias(node)) break;
      const segment = path[i]!;
      const short = shortTag(node.tag);
      if (short && segment === short.key) {
        i++;
        if (short.key === 'Fn::GetAtt' && isScalar(node) && i < path.length && /^[01]$/.test(String(path[i]))) i++;
        continue;
      }
      if (isMap(node)) {
        let hit: { key: unknown; value: unknown } | undefined;
        for (const pair of node.items) if (keyMatches(pair.key, segment)) hit = pair;
        if (!hit) break;
        key = hit.key as YamlNode;
        node = (hit.value as YamlNode | null) ?? null;
        i++;
        continue;
      }
      if (isSeq(node)) {
        const k = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
        const item = k >= 0 ? node.items[k] : undefined;
        if (item === undefined) break;
        key = null;
        node = (item as YamlNode | null) ?? null;
        i++;
        continue;
      }
      break;
    }
    return { node, key, complete: i === path.length };
  }

  /** [start, end) of the most specific node at or above the path (see SourceDocument.locate). */
  span(path: Path): [number, number] {
    const { node, key, complete } = this.find(path);
    // Data reached through an alias is reported where the alias is used.
    if (node && isAlias(node)) return rangeOf(node);
    const keyRange = key ? rangeOf(key) : undefined;
    if (!complete && keyRange) return keyRange;
    if (!node || isEmptyScalar(node)) return keyRange ?? (node ? rangeOf(node) : [0, this.text.length]);
    return [this.startOf(node), this.endOf(node)];
  }

  /** The scalar at exactly this path, when it is one. */
  scalar(path: Path): Scalar | undefined {
    const { node, complete } = this.find(path);
    return complete && node && isScalar(node) ? node : undefined;
  }

  /** Where the node's text starts, including a short-form tag and an anchor written before it. */
  private startOf(node: YamlNode): number {
    const start = node.range?.[0] ?? 0;
    const tag = shortTag(node.tag)?.tag;
    const anchor = node.anchor ? `&${node.anchor}` : undefined;
    if (!tag && !anchor) return start;
    const text = this.text;
    let result = start;
    let p = start;
    for (let round = 0; round < 2; round++) {
      let q = p;
      while (q > 0 && isSpace(text.charCodeAt(q - 1))) q--;
      let t = q;
      while (t > 0 && !isSpace(text.charCodeAt(t - 1)) && !isFlowIndicator(text.charCodeAt(t - 1))) t--;
      const token = text.slice(t, q);
      if (token === '' || (token !== tag && token !== anchor)) break;
      result = p = t;
    }
    return result;
  }

  /** Where the node's text ends: flow collections at their bracket, block ones at their last item. */
  private endOf(node: YamlNode): number {
    let n: YamlNode = node;
    for (;;) {
      if (!isCollection(n) || n.flow) return n.range?.[1] ?? 0;
      const last = n.items[n.items.length - 1];
      if (last === undefined) return n.range?.[1] ?? 0;
      if (isPair(last)) {
        const value = last.value as YamlNode | null;
        if (!value || isEmptyScalar(value)) return rangeOf(last.key as YamlNode)[1];
        n = value;
      } else {
        const item = last as YamlNode;
        if (isEmptyScalar(item)) return item.range?.[0] ?? 0;
        n = item;
      }
    }
  }
}

function rangeOf(node: YamlNode): [number, number] {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function isEmptyScalar(node: YamlNode): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}

function keyMatches(key: unknown, segment: string | number): boolean {
  if (!isScalar(key)) return false;
  const s = String(segment);
  return String(key.value) === s || key.source === s;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isFlowIndicator(c: number): boolean {
  return c === 91 || c === 123 || c === 44; // [ { ,
}
