import type { Node } from './node.js';
import type { Json } from './source.js';

/**
 * A property's value as far as the input proves it.
 * - known: a literal (possibly reached through a parameter default or an `Fn::If` branch, said in `via`);
 * - unknown: an unresolved intrinsic, a parameter without a default, a Terraform interpolation or plan
 *   unknown, a variable in source code. `partial` keeps the known text with `${…}` placeholders when
 *   the value is a string template (`arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`);
 * - absent: not set at all; `node` is where it would be (its parent exists, or an ancestor does).
 */
export type Value = KnownValue | UnknownValue | AbsentValue;

export interface KnownValue {
  state: 'known';
  value: Json;
  node: Node;
  via?: ValueOrigin;
}

export interface UnknownValue {
  state: 'unknown';
  node: Node;
  reason: string;
  partial?: string;
  via?: ValueOrigin;
}

export interface AbsentValue {
  state: 'absent';
  /** The node where the property would be (value undefined), so a finding can point at its parent. */
  node: Node;
  via?: ValueOrigin;
}

/** How a value was reached, for messages: "(from the default of parameter X)", "(when condition C is true)". */
export interface ValueOrigin {
  parameter?: string;
  condition?: { name: string; branch: boolean };
  /** Where the literal really sits when it is not at `node` (a parameter default). */
  source?: Node;
  /**
   * Absent by the plan's configuration: the plan leaves the value to after apply, and the configuration
   * it holds does not write the argument (the provider computes a default). That configuration leaves
   * out dynamic blocks, so messages say what the absence rests on.
   */
  unwrittenInPlan?: true;
}

/**
 * Every value a property may take: one element normally, several when `Fn::If` branches differ.
 * Never empty.
 */
export type Prop = readonly Value[];

export const known = (node: Node, value: Json, via?: ValueOrigin): KnownValue => ({ state: 'known', value, node, via });
export const unknown = (node: Node, reason: string, partial?: string, via?: ValueOrigin): UnknownValue => ({
  state: 'unknown',
  node,
  reason,
  partial,
  via,
});
export const absent = (node: Node, via?: ValueOrigin): AbsentValue => ({ state: 'absent', node, via });

export function isKnown(v: Value): v is KnownValue {
  return v.state === 'known';
}

/** The known string values of a prop (lower-cased if asked); unknown and absent are left out. */
export function knownStrings(prop: Prop, lower = false): string[] {
  const out: string[] = [];
  for (const v of prop) {
    if (v.state === 'known' && typeof v.value === 'string') out.push(lower ? v.value.toLowerCase() : v.value);
  }
  return out;
}

/** Words for a message: " (from the default of parameter X, when condition C is true)" or "". */
export function describeOrigin(v: Value): string {
  const parts: string[] = [];
  if (v.via?.parameter) parts.push(`from the default of parameter ${v.via.parameter}`);
  if (v.via?.condition) parts.push(`when condition ${v.via.condition.name} is ${v.via.condition.branch}`);
  if (v.via?.unwrittenInPlan) parts.push("the plan shows it as known after apply and the plan's configuration does not write it");
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Combine two origins; the inner one wins where both say something. */
export function mergeOrigin(outer: ValueOrigin | undefined, inner: ValueOrigin | undefined): ValueOrigin | undefined {
  if (!outer) return inner;
  if (!inner) return outer;
  const out: ValueOrigin = {};
  const parameter = inner.parameter ?? outer.parameter;
  const condition = inner.condition ?? outer.condition;
  const source = inner.source ?? outer.source;
  if (parameter !== undefined) out.parameter = parameter;
  if (condition !== undefined) out.condition = condition;
  if (source !== undefined) out.source = source;
  if (inner.unwrittenInPlan || outer.unwrittenInPlan) out.unwrittenInPlan = true;
  return out;
}
