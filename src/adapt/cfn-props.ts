import type { Node } from '../model/node.js';
import type { Prop, Value } from '../model/value.js';
import { absent, unknown } from '../model/value.js';
import { withVia } from './cfn-resolve.js';

export type Resolve = (node: Node) => Prop;

/**
 * The values at `start.k1.k2…`, following `Fn::If` and parameter defaults at every level: an absent
 * parent makes its children absent (at the node where they would be), an unknown parent makes them unknown.
 */
export function propAt(resolve: Resolve, start: Node, ...keys: string[]): Value[] {
  let current: readonly Value[] = resolve(start);
  for (const key of keys) current = fieldOfAll(resolve, current, key);
  return keys.length ? (current as Value[]) : current.slice();
}

/** `field` of each value, flattened; a single parent's values are not copied again. */
export function fieldOfAll(resolve: Resolve, parents: readonly Value[], key: string): Value[] {
  if (parents.length === 1) return field(resolve, parents[0]!, key);
  const out: Value[] = [];
  for (const p of parents) for (const v of field(resolve, p, key)) out.push(v);
  return out;
}

/** The values of `key` inside each value of a parent prop. */
export function field(resolve: Resolve, parent: Value, key: string): Value[] {
  if (parent.state === 'absent') return [absent(parent.node.child(key), parent.via)];
  if (parent.state === 'unknown') return [unknown(parent.node, parent.reason, undefined, parent.via)];
  // YAML `MetadataOptions:` with nothing after it sets nothing.
  if (parent.value === null) return [absent(parent.node.child(key), parent.via)];
  if (!parent.node.isObject || parent.node.value !== parent.value || parent.node.intrinsic()) {
    return [unknown(parent.node, `${key} cannot be read: its parent is not a mapping`, undefined, parent.via)];
  }
  const child = parent.node.get(key);
  if (!child) return [absent(parent.node.child(key), parent.via)];
  const values = resolve(child);
  return parent.via ? values.map((v) => withVia(v, parent.via)) : values.slice();
}

/**
 * The elements of a list property, each resolved, with `Fn::If` flattened and `AWS::NoValue` dropped.
 * A list that is itself unknown yields that unknown value.
 */
export function listItems(resolve: Resolve, prop: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const v of prop) {
    if (v.state === 'absent') continue;
    if (v.state === 'unknown') {
      out.push(v);
      continue;
    }
    if (!Array.isArray(v.value)) {
      out.push(v);
      continue;
    }
    if (v.node.isArray && v.node.value === v.value) {
      for (const item of v.node.items()) for (const r of resolve(item)) if (r.state !== 'absent') out.push(withVia(r, v.via));
    } else {
      for (const item of v.value) out.push({ state: 'known', value: item, node: v.node, via: v.via });
    }
  }
  return out;
}

/** The nodes of mapping values in a prop (known objects only), with their origin. */
export function objectsOf(prop: readonly Value[]): Value[] {
  return prop.filter((v) => v.state === 'known' && v.node.isObject && v.node.value === v.value && !v.node.intrinsic());
}
