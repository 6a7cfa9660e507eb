import type { Json, Path, SourceDocument } from './source.js';

/**
 * A position in a document: the data at a path, plus helpers to walk it. Cheap to create: a child
 * keeps its parent and key, and builds its path only when asked (most nodes a run walks are never
 * located, and copying a path per step was some 40 % of what a large plan added to memory).
 */
export class Node {
  private cachedPath: Path | undefined;
  private parentNode: Node | undefined = undefined;
  private ownKey: string | number | undefined = undefined;

  constructor(
    readonly doc: SourceDocument,
    path: Path | undefined,
    readonly value: Json | undefined,
  ) {
    this.cachedPath = path;
  }

  private static under(parent: Node, key: string | number, value: Json | undefined): Node {
    const n = new Node(parent.doc, undefined, value);
    n.parentNode = parent;
    n.ownKey = key;
    return n;
  }

  /** Keys from the document root to this node. */
  get path(): Path {
    if (this.cachedPath) return this.cachedPath;
    // Sized exactly: paths of located nodes are kept, and a grown array has room for 17.
    let depth = 1;
    let top = this.parentNode!;
    while (!top.cachedPath) {
      depth++;
      top = top.parentNode!;
    }
    const above = top.cachedPath;
    const path = new Array<string | number>(above.length + depth);
    for (let i = 0; i < above.length; i++) path[i] = above[i]!;
    let n: Node | undefined = this.parentNode;
    path[path.length - 1] = this.ownKey!;
    for (let i = path.length - 2; n && !n.cachedPath; i--, n = n.parentNode) path[i] = n.ownKey!;
    this.cachedPath = path;
    return path;
  }

  /**
   * The last `count` keys on the way from the root to this node that `accept` takes, in root-to-node
   * order; walks up the parents, so a name for a message costs no path (and keeps none).
   */
  lastKeys(count: number, accept: (key: string | number) => boolean): (string | number)[] {
    const found: (string | number)[] = [];
    if (count > 0 && !this.cachedPath && accept(this.ownKey!)) found.push(this.ownKey!);
    let n = this.cachedPath ? undefined : this.parentNode;
    for (; n && !n.cachedPath && found.length < count; n = n.parentNode) if (accept(n.ownKey!)) found.push(n.ownKey!);
    const above = this.cachedPath ?? n?.cachedPath;
    if (above) for (let i = above.length - 1; i >= 0 && found.length < count; i--) if (accept(above[i]!)) found.push(above[i]!);
    return found.reverse();
  }

  static root(doc: SourceDocument): Node {
    return new Node(doc, [], doc.root);
  }

  get isObject(): boolean {
    return typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value);
  }
  get isArray(): boolean {
    return Array.isArray(this.value);
  }
  get isString(): boolean {
    return typeof this.value === 'string';
  }
  /** The node this one was reached from by `get`/`child`; undefined for a root or a node made with its path. */
  get parent(): Node | undefined {
    return this.parentNode;
  }

  /** The key or index this node has in its parent. */
  get key(): string | number | undefined {
    if (this.parentNode) return this.ownKey;
    const path = this.cachedPath!;
    return path[path.length - 1];
  }

  /** Child by key or index; undefined when absent (an explicit `null` is present). */
  get(key: string | number): Node | undefined {
    const v = this.value;
    if (typeof key === 'number') {
      if (!Array.isArray(v) || key < 0 || key >= v.length) return undefined;
      return Node.under(this, key, v[key]);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    return Node.under(this, key, v[key]);
  }

  /** The value of a child, as `get(key)?.value` gives it, without making a node for it. */
  valueAt(key: string): Json | undefined {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    return v[key];
  }

  /** Descend through several keys; undefined as soon as one is absent. */
  at(...keys: (string | number)[]): Node | undefined {
    let n: Node | undefined;
    for (const k of keys) {
      n = (n ?? this).get(k);
      if (!n) return undefined;
    }
    return n ?? this;
  }

  /** Child whose key matches case-insensitively (IAM policy element names are case-sensitive, Terraform blocks are not). */
  getIgnoreCase(key: string): Node | undefined {
    const direct = this.get(key);
    if (direct || !this.isObject) return direct;
    const lower = key.toLowerCase();
    for (const k of Object.keys(this.value as object)) if (k.toLowerCase() === lower) return this.get(k);
    return undefined;
  }

  entries(): [string, Node][] {
    if (!this.isObject) return [];
    return Object.keys(this.value as object).map((k) => [k, this.get(k)!]);
  }

  items(): Node[] {
    if (!Array.isArray(this.value)) return [];
    return this.value.map((_, i) => this.get(i)!);
  }

  /** A single-key object whose key is `Ref`, `Condition` or `Fn::…`: a CloudFormation intrinsic. */
  intrinsic(): { fn: string; arg: Node } | undefined {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    // Asked of most mappings a run reads, nearly all of them not intrinsics: counted without a key list.
    let fn: string | undefined;
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      if (fn !== undefined) return undefined;
      fn = k;
    }
    if (fn !== undefined && (fn === 'Ref' || fn === 'Condition' || fn.startsWith('Fn::'))) return { fn, arg: this.get(fn)! };
    return undefined;
  }

  /** A JSON pointer (RFC 6901) for the path. */
  pointer(): string {
    return jsonPointer(this.path);
  }

  /** A node for a path under this node, present or not (value undefined when absent). */
  child(key: string | number): Node {
    return this.get(key) ?? Node.under(this, key, undefined);
  }
}

export function jsonPointer(path: Path): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * One string per place in the input, for rules that report a place once: the file and pointer, and
 * for a document held in a string (a policy in a plan) the string's place too, so two embedded
 * documents of one file never share a key.
 */
export function placeKey(node: Pick<Node, 'doc' | 'path'>, ...qualifiers: readonly (string | undefined)[]): string {
  let key = jsonPointer(node.path);
  let doc = node.doc;
  for (let outer = doc.embeddedIn; outer; outer = doc.embeddedIn) {
    key = `${jsonPointer(outer.path)}#${key}`;
    doc = outer.doc;
  }
  return [doc.file, key, ...qualifiers.map((q) => q ?? '')].join('\u0000');
}
