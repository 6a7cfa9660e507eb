import type { Condition, Identity, ListField, PolicyDocument, PolicyKind, PrincipalField, Resource, Statement } from './model.js';
import type { Node } from './node.js';
import type { Prop, Value, ValueOrigin } from './value.js';
import { absent } from './value.js';

/** How an adapter resolves values in its format, and opens policy documents written as JSON strings. */
export interface PolicyReadContext {
  resolve(node: Node): Prop;
  /** A JSON string holding a policy (Terraform `policy`, `jsonencode` results in plans): its parsed root, positioned. */
  openJsonString?(node: Node): Node | undefined;
}

export interface PolicyDocumentInfo {
  kind: PolicyKind;
  label: string;
  owner?: Resource;
  attachedTo?: Identity[];
  managedPolicyName?: string;
  endpointPolicy?: boolean;
}

/** A policy the input holds but does not let us read (an unresolved intrinsic, a Terraform expression): no statements, and why. */
export function unreadablePolicy(node: Node, info: PolicyDocumentInfo, why: string): PolicyDocument {
  return newPolicyDocument(info, node, [absent(node)], undefined, why);
}

type MutablePolicyDocument = { -readonly [K in keyof PolicyDocument]: PolicyDocument[K] };

/**
 * Every policy document is made here, with all its fields in one order: rules read documents in their
 * hottest loops, and documents built by spreading a base object each had a hidden class of their own
 * (tens of thousands in a large plan), which made every such read slow.
 */
export function newPolicyDocument(info: PolicyDocumentInfo, node: Node, version: Prop, statementNode: Node | undefined, unreadable?: string): MutablePolicyDocument {
  return {
    node,
    kind: info.kind,
    owner: info.owner,
    label: info.label,
    attachedTo: info.attachedTo ?? [],
    managedPolicyName: info.managedPolicyName,
    endpointPolicy: info.endpointPolicy ? true : undefined,
    version,
    statements: NO_STATEMENTS,
    statementNode,
    unreadable,
    statementsUnknown: undefined,
  };
}

const NO_STATEMENTS: readonly Statement[] = Object.freeze([]);

/**
 * Reads a standard IAM policy document (the JSON grammar, in any format) into the model.
 * Intrinsics anywhere are resolved through the context; what stays unknown stays unknown.
 */
export function readPolicyDocument(node: Node, info: PolicyDocumentInfo, ctx: PolicyReadContext): PolicyDocument {
  let docNode = node;
  if (typeof node.value === 'string') {
    const opened = ctx.openJsonString?.(node);
    if (!opened) return unreadablePolicy(node, info, 'the policy is a string that is not JSON');
    docNode = opened;
  } else if (node.intrinsic()) {
    const resolved = ctx.resolve(node);
    const first = resolved[0];
    if (resolved.length === 1 && first?.state === 'known' && typeof first.value === 'string') {
      const opened = ctx.openJsonString?.(first.node);
      if (!opened) return unreadablePolicy(node, info, 'the policy is a string that is not JSON');
      docNode = opened;
    } else if (resolved.length === 1 && first?.state === 'known' && first.node.isObject && !first.node.intrinsic()) {
      docNode = first.node;
    } else {
      const why = first?.state === 'unknown' ? first.reason : 'its value is not known';
      return unreadablePolicy(node, info, `the policy document cannot be read: ${why}`);
    }
  }
  if (!docNode.isObject) return unreadablePolicy(docNode, info, 'the policy document is not an object');
  const stmtNode = docNode.get('Statement');
  const doc = newPolicyDocument(info, docNode, propOf(docNode, 'Version', ctx), stmtNode);
  if (stmtNode) {
    const entries: { node: Node; via?: ValueOrigin }[] = [];
    const fromIntrinsic = (n: Node) => {
      for (const v of ctx.resolve(n)) {
        if (v.state === 'known' && v.node.isObject) entries.push({ node: v.node, via: v.via });
        else if (v.state === 'unknown') doc.statementsUnknown = true;
      }
    };
    if (stmtNode.isArray) {
      for (const item of stmtNode.items()) {
        if (item.isObject && !item.intrinsic()) entries.push({ node: item });
        else if (item.intrinsic()) fromIntrinsic(item);
      }
    } else if (stmtNode.isObject && !stmtNode.intrinsic()) {
      entries.push({ node: stmtNode });
    } else if (stmtNode.intrinsic()) {
      fromIntrinsic(stmtNode);
    }
    // Sized exactly (map, not push): a large plan keeps tens of thousands of these lists.
    doc.statements = entries.map((e, index) => readStatement(doc, e.node, index, ctx, e.via));
  }
  return doc;
}

export function readStatement(doc: PolicyDocument, node: Node, index: number, ctx: PolicyReadContext, via?: ValueOrigin): Statement {
  const conditionNode = node.get('Condition');
  const { conditions, unknownConditions } = conditionNode ? readConditions(conditionNode, ctx) : { conditions: [], unknownConditions: false };
  return {
    doc,
    node,
    index,
    via,
    sid: propOf(node, 'Sid', ctx),
    effect: propOf(node, 'Effect', ctx),
    action: listField(node.get('Action'), ctx),
    notAction: listField(node.get('NotAction'), ctx),
    resource: listField(node.get('Resource'), ctx),
    notResource: listField(node.get('NotResource'), ctx),
    principal: principalField(node.get('Principal'), ctx),
    notPrincipal: principalField(node.get('NotPrincipal'), ctx),
    conditionNode,
    conditions,
    conditionsUnknown: unknownConditions,
  };
}

export function propOf(parent: Node, key: string, ctx: PolicyReadContext): Prop {
  const n = parent.get(key);
  return n ? ctx.resolve(n) : [absent(parent.child(key))];
}

/** A string-or-list element, each item resolved and `Fn::If` branches flattened; absent branches dropped. */
export function listField(node: Node | undefined, ctx: PolicyReadContext): ListField | undefined {
  if (!node) return undefined;
  return { node, values: flattenValues(node, ctx) };
}

export function flattenValues(node: Node, ctx: PolicyReadContext): Value[] {
  const out: Value[] = [];
  const push = (v: Value) => {
    if (v.state === 'absent') return;
    if (v.state === 'known' && Array.isArray(v.value)) {
      const arr = v.node.isArray ? v.node.items() : [];
      if (arr.length === v.value.length) for (const item of arr) for (const r of ctx.resolve(item)) push(withVia(r, v.via));
      else for (const item of v.value) out.push({ state: 'known', value: item, node: v.node, via: v.via });
      return;
    }
    out.push(v);
  };
  if (node.isArray) for (const item of node.items()) for (const v of ctx.resolve(item)) push(v);
  else for (const v of ctx.resolve(node)) push(v);
  // Grown by push, the array has room for 17; the model keeps one per policy element.
  return out.slice();
}

function withVia(v: Value, via: ValueOrigin | undefined): Value {
  return via && !v.via ? { ...v, via } : v;
}

export function principalField(node: Node | undefined, ctx: PolicyReadContext): PrincipalField | undefined {
  if (!node) return undefined;
  if (typeof node.value === 'string') {
    const v = ctx.resolve(node);
    return { node, wildcard: v.find((x) => x.state === 'known' && x.value === '*') ?? v[0], entries: [] };
  }
  if (node.intrinsic()) {
    // `Fn::If` between principals, or a parameter: read what each branch proves; an unknown stays an entry of unknown type.
    const resolved = ctx.resolve(node);
    const wildcard = resolved.find((v) => v.state === 'known' && v.value === '*');
    const entries: PrincipalField['entries'][number][] = [];
    for (const v of resolved) {
      if (v.state === 'unknown') entries.push({ type: '', node, values: [v] });
      else if (v.state === 'known' && v.node.isObject && !v.node.intrinsic()) {
        for (const [type, n] of v.node.entries()) entries.push({ type, node: n, values: flattenValues(n, ctx).map((x) => withVia(x, v.via)) });
      }
    }
    return { node, wildcard, entries };
  }
  const entries = node.isObject ? node.entries().map(([type, n]) => ({ type, node: n, values: flattenValues(n, ctx) })) : [];
  return { node, entries };
}

function readConditions(node: Node, ctx: PolicyReadContext): { conditions: Condition[]; unknownConditions: boolean } {
  if (!node.isObject || node.intrinsic()) return { conditions: [], unknownConditions: true };
  const conditions: Condition[] = [];
  let unknownConditions = false;
  for (const [operator, block] of node.entries()) {
    if (!block.isObject || block.intrinsic()) {
      unknownConditions = true;
      continue;
    }
    for (const [key, valueNode] of block.entries()) {
      conditions.push({ operator, key, node: valueNode, values: flattenValues(valueNode, ctx) });
    }
  }
  return { conditions, unknownConditions };
}
