import type { TSESTree } from '@typescript-eslint/utils';
import type { Json, Path, Region } from '../model/source.js';

/** Why a value written in source is unknown to the linter. */
export const NOT_A_LITERAL = 'not a literal in source';

/**
 * The JSON a non-literal expression becomes in the synthetic tree: a single-key `Fn::…` object, so that
 * everything treating intrinsics as opaque (the policy reader among them) leaves it alone, and the
 * source document's resolver answers `unknown` for it.
 */
export const UNKNOWN_KEY = 'Fn::Source';

/** Something recorded at a path relative to a fragment's root. */
export interface Mark {
  path: Path;
  /** The AST node the value at this path was written as. */
  node?: TSESTree.Node | TSESTree.TemplateElement;
  /** An exact region when there is no node of its own (a value inside a JSON string). */
  region?: Region;
  unknown?: { reason: string; partial?: string };
  /** An object that may have keys the source does not show (an unresolved spread). */
  open?: boolean;
  /** For a string: the source offset of each UTF-16 unit of the value, plus one past the end. */
  offsets?: number[];
}

/**
 * A piece of the synthetic tree, with where each part came from: its own marks (paths relative to it)
 * and the fragments it was built from (`parts`, by key or index), flattened only when a document takes it.
 */
export interface Fragment {
  value: Json;
  marks: Mark[];
  parts?: [string | number, Fragment][];
}

export function knownFragment(value: Json, node?: TSESTree.Node): Fragment {
  return { value, marks: node ? [{ path: [], node }] : [] };
}

export function unknownFragment(node: TSESTree.Node | undefined, reason = NOT_A_LITERAL, partial?: string): Fragment {
  return { value: { [UNKNOWN_KEY]: null }, marks: [{ path: [], node, unknown: { reason, partial } }] };
}

export function isUnknownValue(v: Json | undefined): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && UNKNOWN_KEY in v;
}

/** Builds an object fragment key by key; the object itself is located at `node`. */
export class ObjectBuilder {
  readonly value: { [key: string]: Json } = {};
  readonly marks: Mark[] = [];
  private readonly parts: [string, Fragment][] = [];

  constructor(node?: TSESTree.Node) {
    if (node) this.marks.push({ path: [], node });
  }

  /** Sets a key; a key written twice keeps the last value, as in JavaScript. */
  set(key: string, f: Fragment): this {
    this.delete(key);
    this.value[key] = f.value;
    this.parts.push([key, f]);
    return this;
  }

  delete(key: string): this {
    if (!this.has(key)) return this;
    delete this.value[key];
    const i = this.parts.findIndex(([k]) => k === key);
    if (i >= 0) this.parts.splice(i, 1);
    return this;
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.value, key);
  }

  markOpen(): this {
    this.marks.push({ path: [], open: true });
    return this;
  }

  build(): Fragment {
    return { value: this.value, marks: this.marks, parts: this.parts };
  }
}

export class ArrayBuilder {
  readonly value: Json[] = [];
  readonly marks: Mark[] = [];
  private readonly parts: [number, Fragment][] = [];

  constructor(node?: TSESTree.Node) {
    if (node) this.marks.push({ path: [], node });
  }

  push(f: Fragment): this {
    this.parts.push([this.value.length, f]);
    this.value.push(f.value);
    return this;
  }

  build(): Fragment {
    return { value: this.value, marks: this.marks, parts: this.parts };
  }
}
