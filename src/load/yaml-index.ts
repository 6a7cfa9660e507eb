import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event, type ScalarEvent } from 'js-yaml';
import type { Path } from '../model/source.js';
import { shortTag, type CfnShortTag } from './cfn-tags.js';
import { MAX_DEPTH } from './limits.js';

/** Merges within merges followed when locating a merged key; real templates nest one or two. */
const MAX_MERGE_DEPTH = 32;

const SCALAR = 0;
const MAPPING = 1;
const SEQUENCE = 2;
const ALIAS = 3;

export type ScalarStyleName = 'plain' | 'single' | 'double' | 'literal' | 'folded';
const STYLE_NAMES: Record<number, ScalarStyleName> = {
  [SCALAR_STYLE.PLAIN]: 'plain',
  [SCALAR_STYLE.SINGLE_QUOTED]: 'single',
  [SCALAR_STYLE.DOUBLE_QUOTED]: 'double',
  [SCALAR_STYLE.LITERAL_BLOCK]: 'literal',
  [SCALAR_STYLE.FOLDED_BLOCK]: 'folded',
};

interface Frame {
  kind: 'document' | 'mapping' | 'sequence' | 'skip';
  node: number;
  flow: boolean;
  /** Offset where the frame's content ends so far (its last child, or its last key). */
  lastEnd: number;
  awaitingKey: boolean;
  /** The current mapping key's range and name (-1 when no key is pending): fields, not an object per key. */
  keyStart: number;
  keyEnd: number;
  keyName: string | undefined;
  names: Set<string> | undefined;
  /** For `skip` frames (a collection used as a mapping key): where it starts. */
  start: number;
}

export interface DuplicateKey {
  key: string;
  start: number;
  end: number;
}

/**
 * Positions of a YAML text from js-yaml's own event stream (the parser that built the data, so the
 * structure is the same), built once when the document is first located. Every value gets its range
 * (a short-form tag and an anchor written before it included), its mapping key's range and name, and
 * `next`, the first node after its subtree.
 */
export class YamlIndex {
  private count = 0;
  // Sized once from the number of events (at least one per node): grown arrays were most of what
  // locating a YAML file allocated.
  private readonly kind: Int32Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** The scalar's own range (quotes, block header) without tag or anchor. */
  private readonly ownStart: Int32Array;
  private readonly ownEnd: Int32Array;
  private readonly style: Int32Array;
  private readonly tag: (CfnShortTag | undefined)[];
  private readonly keyStart: Int32Array;
  private readonly keyEnd: Int32Array;
  private readonly keyName: (string | undefined)[];
  private readonly next: Int32Array;
  readonly duplicates: DuplicateKey[] = [];
  /** Each alias node's anchored node (aliases are rare: a map, not a column). */
  private readonly aliasTarget = new Map<number, number>();

  private constructor(
    private readonly text: string,
    capacity: number,
    /** Whether to list repeated keys (the loader asks once; locating does not need a set per mapping). */
    private readonly findDuplicates: boolean,
  ) {
    // One buffer for all the columns: a typed array's own buffer costs more to make than its contents.
    const columns = new Int32Array(capacity * 9);
    const column = (i: number) => columns.subarray(i * capacity, (i + 1) * capacity);
    this.kind = column(0);
    this.start = column(1);
    this.end = column(2);
    this.ownStart = column(3);
    this.ownEnd = column(4);
    this.style = column(5);
    this.tag = new Array<CfnShortTag | undefined>(capacity);
    this.keyStart = column(6);
    this.keyEnd = column(7);
    this.keyName = new Array<string | undefined>(capacity);
    this.next = column(8);
  }

  static build(text: string): YamlIndex {
    return YamlIndex.fromEvents(text, parseEvents(text, { maxDepth: MAX_DEPTH + 1 }));
  }

  /** From the events the data was built from (no second parse). */
  static fromEvents(text: string, events: Event[], findDuplicates = false): YamlIndex {
    const index = new YamlIndex(text, events.length, findDuplicates);
    index.scan(events);
    return index;
  }

  private scan(events: Event[]): void {
    const text = this.text;
    const frames: Frame[] = [];
    const anchors = new Map<string, number>();
    let documents = 0;
    const frame = (kind: Frame['kind'], node: number, flow: boolean, start: number): Frame => ({
      kind,
      node,
      flow,
      lastEnd: start,
      awaitingKey: kind === 'mapping',
      keyStart: -1,
      keyEnd: -1,
      keyName: undefined,
      names: kind === 'mapping' && this.findDuplicates ? new Set() : undefined,
      start,
    });
    const completed = (f: Frame | undefined, end: number) => {
      if (!f) return;
      if (end > f.lastEnd) f.lastEnd = end;
      if (f.kind === 'mapping') {
        f.awaitingKey = true;
        f.keyStart = -1;
        f.keyEnd = -1;
        f.keyName = undefined;
      }
    };

    for (const e of events) {
      if (e.type === EVENT_ID.DOCUMENT) {
        if (++documents > 1) break;
        frames.push(frame('document', -1, false, 0));
        continue;
      }
      const top = frames[frames.length - 1];
      if (!top) break;
      if (e.type === EVENT_ID.POP) {
        frames.pop();
        if (top.kind === 'document') break;
        const parent = frames[frames.length - 1];
        if (top.kind === 'skip') {
          if (parent?.kind === 'skip') {
            if (top.lastEnd > parent.lastEnd) parent.lastEnd = top.lastEnd;
          } else if (parent?.kind === 'mapping') {
            parent.keyStart = top.start;
            parent.keyEnd = top.lastEnd;
            parent.keyName = undefined;
            parent.awaitingKey = false;
            if (top.lastEnd > parent.lastEnd) parent.lastEnd = top.lastEnd;
          }
          continue;
        }
        const end = top.flow ? this.flowEnd(top.lastEnd) : top.lastEnd;
        this.end[top.node] = end;
        this.ownEnd[top.node] = end;
        this.next[top.node] = this.count;
        completed(parent, end);
        continue;
      }

      const isCollection = e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE;
      if (top.kind === 'skip') {
        if (isCollection) frames.push(frame('skip', -1, false, nodeStart(e)));
        else top.lastEnd = Math.max(top.lastEnd, this.scalarOrAliasEnd(e));
        continue;
      }
      if (top.kind === 'mapping' && top.awaitingKey) {
        if (isCollection) {
          frames.push(frame('skip', -1, false, nodeStart(e)));
          continue;
        }
        let s = e.anchorStart - 1;
        let en = e.anchorEnd;
        if (e.type === EVENT_ID.SCALAR) {
          this.scalarRange(e);
          s = this.rangeStart;
          en = this.rangeEnd;
        }
        const name = e.type === EVENT_ID.SCALAR ? (isMergeKey(text, e) ? MERGE_KEY : keyString(text, e)) : undefined;
        if (name !== undefined && name !== MERGE_KEY && top.names) {
          if (top.names.has(name)) this.duplicates.push({ key: name, start: s, end: en });
          else top.names.add(name);
        }
        top.keyStart = s;
        top.keyEnd = en;
        top.keyName = name;
        top.awaitingKey = false;
        if (en > top.lastEnd) top.lastEnd = en;
        continue;
      }

      const idx = this.count++;
      const inMapping = top.kind === 'mapping';
      this.keyStart[idx] = inMapping ? top.keyStart : -1;
      this.keyEnd[idx] = inMapping ? top.keyEnd : -1;
      this.keyName[idx] = inMapping ? top.keyName : undefined;
      this.tag[idx] = e.type !== EVENT_ID.ALIAS && e.tagStart >= 0 ? shortTag(text.slice(e.tagStart, e.tagEnd)) : undefined;
      if (e.anchorStart >= 0) {
        const name = text.slice(e.anchorStart, e.anchorEnd);
        if (e.type === EVENT_ID.ALIAS) {
          const target = anchors.get(name);
          if (target !== undefined) this.aliasTarget.set(idx, target);
        } else anchors.set(name, idx);
      }
      const prefix = propsStart(e);
      if (isCollection) {
        const flow = (text[e.start] === '[' && e.type === EVENT_ID.SEQUENCE) || (text[e.start] === '{' && e.type === EVENT_ID.MAPPING);
        this.kind[idx] = e.type === EVENT_ID.MAPPING ? MAPPING : SEQUENCE;
        this.start[idx] = prefix >= 0 ? Math.min(prefix, e.start) : e.start;
        this.ownStart[idx] = e.start;
        this.style[idx] = 0;
        frames.push(frame(e.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', idx, flow, flow ? e.start + 1 : e.start));
        continue;
      }
      let s: number;
      let en: number;
      if (e.type === EVENT_ID.SCALAR) {
        this.scalarRange(e);
        s = this.rangeStart;
        en = this.rangeEnd;
        this.kind[idx] = SCALAR;
        this.style[idx] = e.style;
      } else {
        s = e.anchorStart - 1;
        en = e.anchorEnd;
        this.kind[idx] = ALIAS;
        this.style[idx] = 0;
      }
      this.ownStart[idx] = s;
      this.ownEnd[idx] = en;
      // An empty scalar (`Key:` with nothing after it) may still carry a tag (`!GetAZs`).
      if (s < 0 && prefix >= 0 && e.type === EVENT_ID.SCALAR) {
        s = prefix;
        en = Math.max(e.tagEnd, e.anchorEnd);
      } else if (prefix >= 0 && prefix < s) s = prefix;
      this.start[idx] = s;
      this.end[idx] = en;
      this.next[idx] = idx + 1;
      completed(top, en);
    }
  }

  // scalarRange's answer: two fields instead of an array per scalar (building an index visits thousands).
  private rangeStart = -1;
  private rangeEnd = -1;

  /** A scalar's own range into rangeStart/rangeEnd: quotes included; a block scalar from its `|`/`>` header; -1, -1 when empty. */
  private scalarRange(e: ScalarEvent): void {
    let s = e.valueStart;
    let en = e.valueEnd;
    if (s < 0) en = -1;
    else if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) {
      s--;
      en++;
    } else if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) s = this.blockHeader(s);
    this.rangeStart = s;
    this.rangeEnd = en;
  }

  private scalarOrAliasEnd(e: Event): number {
    if (e.type === EVENT_ID.SCALAR) {
      this.scalarRange(e);
      return this.rangeEnd;
    }
    if (e.type === EVENT_ID.ALIAS) return e.anchorEnd;
    return -1;
  }

  /** The `|`/`>` indicator on the line before a block scalar's content. */
  private blockHeader(contentStart: number): number {
    const text = this.text;
    let lineEnd = contentStart;
    if (text[lineEnd - 1] === '\n') lineEnd--;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    const lineStart = Math.max(text.lastIndexOf('\n', lineEnd - 1), text.lastIndexOf('\r', lineEnd - 1)) + 1;
    const m = /(^|[ \t])[|>][-+0-9]*[ \t]*(#.*)?$/.exec(text.slice(lineStart, lineEnd));
    return m ? lineStart + m.index + m[1]!.length : contentStart;
  }

  /** After a flow collection's last child: the offset just past its closing bracket. */
  private flowEnd(from: number): number {
    const text = this.text;
    for (let i = from; i < text.length; i++) {
      const c = text[i];
      if (c === ']' || c === '}') return i + 1;
      if (c === '#') {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== ',' && c !== ':' && c !== '?') return from;
    }
    return from;
  }

  /** Walks a path as far as it exists (a long-form key under a short-form tag stays on the tagged node). */
  find(path: Path): { node: number; complete: boolean } {
    if (this.count === 0) return { node: -1, complete: false };
    let node = 0;
    let i = 0;
    while (i < path.length) {
      const kind = this.kind[node];
      if (kind === ALIAS) break;
      const segment = path[i]!;
      const tag = this.tag[node];
      if (tag && segment === tag.key) {
        i++;
        if (tag.key === 'Fn::GetAtt' && kind === SCALAR && i < path.length && /^[01]$/.test(String(path[i]))) i++;
        continue;
      }
      const end = this.next[node]!;
      let hit = -1;
      if (kind === MAPPING) {
        const name = String(segment);
        hit = this.childKeyed(node, name);
        if (hit < 0) hit = this.merged(node, name, 0);
      } else if (kind === SEQUENCE) {
        const k = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
        for (let c = node + 1, j = 0; c < end && k >= 0; c = this.next[c]!, j++) {
          if (j === k) {
            hit = c;
            break;
          }
        }
      }
      if (hit < 0) break;
      node = hit;
      i++;
    }
    return { node, complete: i === path.length };
  }

  /**
   * Where a key a mapping does not write itself comes from through a merge (`<<`): the alias it came
   * through (data reached through an alias is located at the alias), or the key in an inline mapping.
   * Keys written in the mapping win over merged ones, and earlier sources in `<<: [*a, *b]` over later.
   */
  private merged(mapping: number, name: string, depth: number): number {
    if (depth > MAX_MERGE_DEPTH) return -1;
    const merge = this.childKeyed(mapping, MERGE_KEY);
    if (merge < 0) return -1;
    const sources = this.kind[merge] === SEQUENCE ? this.children(merge) : [merge];
    for (const source of sources) {
      const target = this.kind[source] === ALIAS ? this.aliasTarget.get(source) : source;
      if (target === undefined || this.kind[target] !== MAPPING) continue;
      const own = this.childKeyed(target, name);
      if (own >= 0) return source === target ? own : source;
      const inner = this.merged(target, name, depth + 1);
      if (inner >= 0) return source === target ? inner : source;
    }
    return -1;
  }

  private children(node: number): number[] {
    const out: number[] = [];
    for (let c = node + 1; c < this.next[node]!; c = this.next[c]!) out.push(c);
    return out;
  }

  /** The mapping's child under this key (the last one, as with a repeated key the last value wins). */
  private childKeyed(mapping: number, name: string): number {
    let hit = -1;
    for (let c = mapping + 1; c < this.next[mapping]!; c = this.next[c]!) if (this.keyName[c] === name) hit = c;
    return hit;
  }

  /** [start, end) for SourceDocument.locate: the node; an absent path's deepest key; an empty value's key. */
  span(path: Path): [number, number] {
    const { node, complete } = this.find(path);
    if (node < 0) return [0, this.text.length];
    if (this.kind[node] === ALIAS) return [this.start[node]!, this.end[node]!];
    const hasKey = this.keyStart[node]! >= 0;
    if (hasKey && (!complete || this.start[node]! < 0)) return [this.keyStart[node]!, this.keyEnd[node]!];
    if (this.start[node]! < 0) return [0, this.text.length];
    return [this.start[node]!, this.end[node]!];
  }

  /** The scalar at exactly this path: its own range and style. */
  scalar(path: Path): { start: number; end: number; style: ScalarStyleName } | undefined {
    const { node, complete } = this.find(path);
    if (node < 0 || !complete || this.kind[node] !== SCALAR || this.ownStart[node]! < 0) return undefined;
    return { start: this.ownStart[node]!, end: this.ownEnd[node]!, style: STYLE_NAMES[this.style[node]!] ?? 'plain' };
  }
}

/** Where a node's tag or anchor starts (`&a` is reported from its `&`), or -1. */
function propsStart(e: Event): number {
  if (e.type === EVENT_ID.ALIAS || e.type === EVENT_ID.POP || e.type === EVENT_ID.DOCUMENT) return -1;
  const anchor = e.anchorStart >= 0 ? e.anchorStart - 1 : -1;
  if (e.tagStart >= 0 && (anchor < 0 || e.tagStart < anchor)) return e.tagStart;
  return anchor;
}

function nodeStart(e: Event): number {
  if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
    const p = propsStart(e);
    return p >= 0 ? Math.min(p, e.start) : e.start;
  }
  return -1;
}

/** The name a merge key (a plain, untagged `<<`) is indexed under, so that a quoted "<<" stays an ordinary key. */
const MERGE_KEY = '\u0000<<';

function isMergeKey(text: string, e: ScalarEvent): boolean {
  return e.style === SCALAR_STYLE.PLAIN && e.tagStart < 0 && e.valueEnd - e.valueStart === 2 && text.startsWith('<<', e.valueStart);
}

/** The first characters of the core schema's null, boolean and number spellings: other keys need no further test. */
const CORE_SCALAR_FIRST = /^[-+.~0-9nNtTfF]/;

/** The key as js-yaml stores it: plain scalars resolved by the core schema, then made strings. */
function keyString(text: string, e: ScalarEvent): string {
  const raw = e.valueStart < 0 ? '' : getScalarValue(text, e);
  if (e.style !== SCALAR_STYLE.PLAIN || e.tagStart >= 0) return raw;
  if (raw !== '' && !CORE_SCALAR_FIRST.test(raw)) return raw;
  if (raw === '' || raw === '~' || raw === 'null' || raw === 'Null' || raw === 'NULL') return 'null';
  if (/^(true|True|TRUE)$/.test(raw)) return 'true';
  if (/^(false|False|FALSE)$/.test(raw)) return 'false';
  if (/^[-+]?[0-9]+$/.test(raw)) return String(Number(raw));
  if (/^0o[0-7]+$/.test(raw)) return String(parseInt(raw.slice(2), 8));
  if (/^0x[0-9a-fA-F]+$/.test(raw)) return String(parseInt(raw.slice(2), 16));
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(raw)) return String(Number(raw));
  if (/^[-+]?\.(inf|Inf|INF)$/.test(raw)) return raw.startsWith('-') ? '-Infinity' : 'Infinity';
  if (/^\.(nan|NaN|NAN)$/.test(raw)) return 'NaN';
  return raw;
}
