/**
 * Documents as the generators build them, before they become text: mappings keep their entries in
 * order and may repeat a key (JSON.stringify cannot write duplicates), and CloudFormation short-form
 * tags are nodes of their own, written as `!Ref X` in YAML and as the long form in JSON.
 */
import type { Json } from '../../src/model/source.js';

export type Tree = string | number | boolean | null | Tree[] | MapNode | TagNode | DeepNode;

export class MapNode {
  constructor(readonly entries: [string, Tree][]) {}
}

export class TagNode {
  /** `tag` is the YAML short form (`!GetAtt`); `key` its long form (`Fn::GetAtt`). */
  constructor(
    readonly tag: string,
    readonly key: string,
    readonly arg: Tree,
  ) {}
}

/**
 * `inner` wrapped in `depth` single-member lists (or `{"Nested": …}` mappings). Kept as one node so
 * that building, writing and counting a 10,000-level chain needs no recursion.
 */
export class DeepNode {
  constructor(
    readonly depth: number,
    readonly asMap: boolean,
    readonly inner: Tree,
  ) {}

  open(json: boolean): string {
    return (this.asMap ? (json ? '{"Nested":' : '{ "Nested": ') : '[').repeat(this.depth);
  }

  close(json: boolean): string {
    return (this.asMap ? (json ? '}' : ' }') : ']').repeat(this.depth);
  }
}

export const map = (entries: Record<string, Tree | undefined>): MapNode =>
  new MapNode(Object.entries(entries).filter((e): e is [string, Tree] => e[1] !== undefined));

const LONG: Record<string, string> = { '!Ref': 'Ref', '!Condition': 'Condition' };
export const tag = (short: string, arg: Tree): TagNode => new TagNode(short, LONG[short] ?? `Fn::${short.slice(1)}`, arg);

/** The long form of a short tag, as JSON templates write it (`!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`). */
export function longForm(t: TagNode): MapNode {
  if (t.key === 'Fn::GetAtt' && typeof t.arg === 'string') {
    const dot = t.arg.indexOf('.');
    return new MapNode([[t.key, dot === -1 ? [t.arg] : [t.arg.slice(0, dot), t.arg.slice(dot + 1)]]]);
  }
  return new MapNode([[t.key, t.arg]]);
}

/** The data a loader should build: the last of repeated keys wins, tags become their long form. */
export function toData(t: Tree): Json {
  if (t instanceof TagNode) return toData(longForm(t));
  if (t instanceof MapNode) {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of t.entries) Object.defineProperty(out, k, { value: toData(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (Array.isArray(t)) return t.map(toData);
  if (t instanceof DeepNode) {
    let out = toData(t.inner);
    for (let i = 0; i < t.depth; i++) out = t.asMap ? { Nested: out } : [out];
    return out;
  }
  return t;
}

/** Deepest nesting under a node (memoised: the deep-nesting mutation makes long chains). */
const depths = new WeakMap<object, number>();
export function depthOf(t: Tree): number {
  if (t === null || typeof t !== 'object') return 0;
  const hit = depths.get(t);
  if (hit !== undefined) return hit;
  let d = 0;
  for (const c of children(t)) d = Math.max(d, depthOf(c));
  const result = t instanceof DeepNode ? t.depth + d : d + 1;
  depths.set(t, result);
  return result;
}

export function children(t: Tree): Tree[] {
  if (t instanceof MapNode) return t.entries.map((e) => e[1]);
  if (t instanceof TagNode) return [t.arg];
  if (t instanceof DeepNode) return [t.inner];
  if (Array.isArray(t)) return t;
  return [];
}

// ---------------------------------------------------------------- JSON

export function emitJson(t: Tree, indent: number): string {
  const out: string[] = [];
  const nl = (level: number) => (indent > 0 ? '\n' + ' '.repeat(indent * level) : '');
  const sep = indent > 0 ? ': ' : ':';
  const walk = (v: Tree, level: number): void => {
    if (v instanceof TagNode) return walk(longForm(v), level);
    if (v instanceof DeepNode) {
      out.push(v.open(true));
      walk(v.inner, level);
      out.push(v.close(true));
      return;
    }
    if (v instanceof MapNode) {
      if (v.entries.length === 0) return void out.push('{}');
      out.push('{');
      v.entries.forEach(([k, c], i) => {
        out.push(i ? ',' : '', nl(level + 1), JSON.stringify(k), sep);
        walk(c, level + 1);
      });
      out.push(nl(level), '}');
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return void out.push('[]');
      out.push('[');
      v.forEach((c, i) => {
        out.push(i ? ',' : '', nl(level + 1));
        walk(c, level + 1);
      });
      out.push(nl(level), ']');
      return;
    }
    out.push(JSON.stringify(v));
  };
  walk(t, 0);
  return out.join('') + (indent > 0 ? '\n' : '');
}

// ---------------------------------------------------------------- YAML

export interface YamlStyle {
  /** Small collections (at most this many scalar members) in flow style: `[a, b]`, `{ Service: x }`. */
  flowUpTo: number;
  /** Strings that need no quotes: plain, single or double quoted. */
  quote: 'plain' | 'single' | 'double';
  /** Multi-line strings as `|` blocks (else double-quoted with `\n`). */
  blocks: boolean;
}

const RESERVED = /^(?:true|false|null|~|y|n|yes|no|on|off)$/i;
const PLAIN = /^[A-Za-z][A-Za-z0-9_./:*$-]*$/;

function plainOk(s: string): boolean {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(':');
}

function scalarText(v: string | number | boolean | null, style: YamlStyle, flow: boolean): string {
  if (typeof v !== 'string') return v === null ? 'null' : String(v);
  if (style.quote !== 'double' && plainOk(v) && !(flow && /[,[\]{}]/.test(v))) {
    return style.quote === 'plain' ? v : `'${v}'`;
  }
  return JSON.stringify(v);
}

function isScalar(t: Tree): t is string | number | boolean | null {
  return t === null || typeof t !== 'object';
}

function flowOk(t: Tree, style: YamlStyle): boolean {
  if (t instanceof MapNode) return t.entries.length <= style.flowUpTo && t.entries.every(([, v]) => isScalar(v) && !isMultiline(v));
  if (Array.isArray(t)) return t.length <= style.flowUpTo && t.every((v) => isScalar(v) && !isMultiline(v));
  return false;
}

function isMultiline(v: Tree): boolean {
  return typeof v === 'string' && v.includes('\n');
}

/** Everything on one line; used for small collections and for deep chains (block style would indent quadratically). */
function flow(t: Tree, style: YamlStyle): string {
  // A node takes one tag: a tag inside a tag is written in the long form (`Fn::Base64: !Sub …`).
  if (t instanceof TagNode && t.arg instanceof TagNode) return flow(longForm(t), style);
  if (t instanceof TagNode) return `${t.tag} ${isScalar(t.arg) ? JSON.stringify(t.arg) : flow(t.arg, style)}`;
  if (t instanceof DeepNode) return t.open(false) + flow(t.inner, style) + t.close(false);
  if (t instanceof MapNode) return t.entries.length ? `{ ${t.entries.map(([k, v]) => `${JSON.stringify(k)}: ${flow(v, style)}`).join(', ')} }` : '{}';
  if (Array.isArray(t)) return `[${t.map((v) => flow(v, style)).join(', ')}]`;
  return isMultiline(t) ? JSON.stringify(t) : scalarText(t, style, true);
}

/** Characters a `|` block cannot hold as they are (line ends other than `\n`, tabs, other controls, BOM). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 10) || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
  }
  return false;
}

function blockString(s: string, indent: string): string | undefined {
  if (hasControl(s) || /^[ \n]/.test(s) || /\n\n$/.test(s)) return undefined;
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  if (body.split('\n').some((l) => /\s$/.test(l))) return undefined;
  return `${s.endsWith('\n') ? '|' : '|-'}\n${body
    .split('\n')
    .map((l) => (l ? indent + l : ''))
    .join('\n')}`;
}

/** Block-style YAML the way CloudFormation authors write it, short-form tags included. */
export function emitYaml(t: Tree, style: YamlStyle): string {
  const lines: string[] = [];
  // `prefix` is what goes before the value on its first line (`Key:` or `-`); `indent` the indentation of children.
  const value = (v: Tree, prefix: string, indent: string): void => {
    const child = indent + '  ';
    if (v instanceof DeepNode || depthOf(v) > 30) return void lines.push(`${prefix} ${flow(v, style)}`);
    if (v instanceof TagNode) {
      const arg = v.arg;
      if (isScalar(arg)) return void lines.push(`${prefix} ${v.tag} ${isMultiline(arg) ? JSON.stringify(arg) : scalarText(arg, style, false)}`);
      if (arg instanceof DeepNode || flowOk(arg, style) || (Array.isArray(arg) && arg.length === 0) || (arg instanceof MapNode && arg.entries.length === 0)) {
        return void lines.push(`${prefix} ${v.tag} ${flow(arg, style)}`);
      }
      if (arg instanceof TagNode) return value(longForm(v), prefix, indent);
      lines.push(`${prefix} ${v.tag}`);
      return block(arg, child);
    }
    if (isScalar(v)) {
      const text = typeof v === 'string' && isMultiline(v) && style.blocks ? blockString(v, child) : undefined;
      return void lines.push(`${prefix} ${text ?? (isMultiline(v) ? JSON.stringify(v) : scalarText(v, style, false))}`);
    }
    if (flowOk(v, style) || children(v).length === 0) return void lines.push(`${prefix} ${flow(v, style)}`);
    lines.push(prefix);
    block(v, child);
  };
  const key = (k: string) => (plainOk(k) && style.quote === 'plain' ? k : JSON.stringify(k));
  const block = (v: MapNode | Tree[], indent: string): void => {
    if (v instanceof MapNode) for (const [k, c] of v.entries) value(c, `${indent}${key(k)}:`, indent);
    else
      for (const c of v) {
        if (c instanceof MapNode && c.entries.length > 0 && depthOf(c) <= 30) {
          // `- Effect: Allow` with the other keys under it, as policies are usually written.
          const start = lines.length;
          block(c, indent + '  ');
          lines[start] = `${indent}- ${lines[start]!.slice(indent.length + 2)}`;
        } else value(c, `${indent}-`, indent);
      }
  };
  if (t instanceof MapNode && t.entries.length > 0) block(t, '');
  else if (Array.isArray(t) && t.length > 0) block(t, '');
  else value(t, '---', '');
  return lines.join('\n') + '\n';
}
