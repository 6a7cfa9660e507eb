import type { TSESTree } from '@typescript-eslint/utils';
import { Node } from '../model/node.js';
import type { Json, Path, Region, SourceDocument } from '../model/source.js';
import type { Prop } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import { regionOf } from './ast.js';
import type { Fragment } from './fragment.js';
import { isUnknownValue } from './fragment.js';
import type { IndexToLoc } from './json-string.js';
import { stringSource } from './json-string.js';

/** `values` holds pieces views need nodes for that are not under a resource (`addManagedPolicy(…)` arguments, user data commands). */
export type Container = 'resources' | 'policies' | 'literals' | 'values';

const key = (path: Path) => path.join('\u0000');

/**
 * A JavaScript/TypeScript file seen as a SourceDocument: `root` is a synthetic JSON tree of what the
 * linter could prove from the AST (`resources`, stand-alone `policies`, and every `literals` expression),
 * and `locate` gives back the exact AST range recorded for a path or its nearest recorded ancestor.
 */
export class SourceFileDocument implements SourceDocument {
  readonly format = 'source' as const;
  readonly root: Record<Container, Json[]> = { resources: [], policies: [], literals: [], values: [] };
  private readonly places = new Map<string, TSESTree.Node | TSESTree.TemplateElement | Region>();
  private readonly unknowns = new Map<string, { reason: string; partial?: string }>();
  private readonly open = new Set<string>();
  private readonly offsets = new Map<string, number[]>();

  constructor(
    readonly file: string,
    private readonly sourceLines: readonly string[],
    private readonly sourceText: string,
    private readonly locs: IndexToLoc,
  ) {}

  /** Appends a fragment to one of the root lists and returns the node for it. */
  add(container: Container, f: Fragment): Node {
    const list = this.root[container];
    const path: Path = [container, list.length];
    list.push(f.value);
    this.record(f, key(path));
    return new Node(this, path, f.value);
  }

  private record(f: Fragment, prefix: string): void {
    for (const m of f.marks) {
      const k = m.path.length ? `${prefix}\u0000${key(m.path)}` : prefix;
      if (m.region) this.places.set(k, m.region);
      else if (m.node) this.places.set(k, m.node);
      if (m.unknown) this.unknowns.set(k, m.unknown);
      if (m.open) this.open.add(k);
      if (m.offsets) this.offsets.set(k, m.offsets);
    }
    for (const [k, part] of f.parts ?? []) this.record(part, `${prefix}\u0000${k}`);
  }

  locate(path: Path): Region {
    for (let len = path.length; len >= 0; len--) {
      const place = this.places.get(key(path.slice(0, len)));
      if (!place) continue;
      return 'startLine' in place ? place : regionOf(place.loc);
    }
    return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  }

  /** Characters [start, end) of the string at `path`, when it is a literal in the source (escapes accounted for). */
  locateText(path: Path, start: number, end: number): Region | undefined {
    const value = this.valueAt(path);
    if (typeof value !== 'string' || start < 0 || end > value.length || start >= end) return undefined;
    const k = key(path);
    let offsets = this.offsets.get(k);
    const place = this.places.get(k);
    if (!offsets && place && !('startLine' in place) && place.type !== 'TemplateElement') {
      const src = stringSource(place, this.sourceText);
      if (src?.offsets && src.value === value) offsets = src.offsets.map((o) => src.start + o);
    }
    if (!offsets || offsets.length !== value.length + 1) return undefined;
    const last = offsets[end - 1]!;
    const next = offsets[end]!;
    const a = this.locs.getLocFromIndex(offsets[start]!);
    const b = this.locs.getLocFromIndex(next > last ? next : last + 1);
    return { startLine: a.line, startColumn: a.column + 1, endLine: b.line, endColumn: b.column + 1 };
  }

  lines(startLine: number, endLine: number): string[] {
    return this.sourceLines.slice(startLine - 1, endLine);
  }

  /** The values a node of this document may take: unknown for non-literals and keys an unresolved spread may supply. */
  resolve(node: Node): Prop {
    if (node.value === undefined) {
      for (let len = node.path.length - 1; len >= 0; len--) {
        const prefix = node.path.slice(0, len);
        const v = this.valueAt(prefix);
        if (v === undefined) continue;
        const k = key(prefix);
        if (isUnknownValue(v)) return [unknown(node, this.unknowns.get(k)?.reason ?? 'not a literal in source')];
        if (this.open.has(k)) {
          return [unknown(node, 'the object is spread from a value that is not a literal in source')];
        }
        break;
      }
      return [absent(node)];
    }
    const u = this.unknowns.get(key(node.path));
    if (u || isUnknownValue(node.value)) return [unknown(node, u?.reason ?? 'not a literal in source', u?.partial)];
    return [known(node, node.value)];
  }

  private valueAt(path: Path): Json | undefined {
    let v: Json | undefined = this.root as unknown as Json;
    for (const p of path) {
      if (v === null || typeof v !== 'object') return undefined;
      if (Array.isArray(v)) v = typeof p === 'number' ? v[p] : undefined;
      else v = Object.prototype.hasOwnProperty.call(v, p) ? v[String(p)] : undefined;
      if (v === undefined) return undefined;
    }
    return v;
  }
}
