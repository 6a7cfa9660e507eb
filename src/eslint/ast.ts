import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { Region } from '../model/source.js';

/** Strips what does not change a value at runtime: TS casts, non-null assertions, optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case T.TSAsExpression:
      case T.TSSatisfiesExpression:
      case T.TSNonNullExpression:
      case T.TSTypeAssertion:
      case T.TSInstantiationExpression:
        n = n.expression;
        continue;
      case T.ChainExpression:
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** A string written literally: a string literal or a template literal without expressions. */
export function staticString(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === T.Literal && typeof n.value === 'string') return n.value;
  if (n.type === T.TemplateLiteral && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of an object property or class member key, when it is static. */
export function keyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === T.Identifier) return key.name;
  if (key.type === T.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (computed) return staticString(key);
  return undefined;
}

/** The property name of `a.b` or `a['b']`. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (node.property.type === T.PrivateIdentifier) return undefined;
  return keyName(node.property, node.computed);
}

/** ESTree locations have 1-based lines and 0-based columns; regions have 1-based columns (end exclusive in both). */
export function regionOf(loc: TSESTree.SourceLocation): Region {
  return { startLine: loc.start.line, startColumn: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}

export function locOf(region: Region): TSESTree.SourceLocation {
  return {
    start: { line: region.startLine, column: region.startColumn - 1 },
    end: { line: region.endLine, column: region.endColumn - 1 },
  };
}

/** ESLint's `sourceCode.visitorKeys`: the child keys of each node type, in source order. */
export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** Keys that hold types, not values. */
const SKIP = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeArguments', 'typeParameters', 'superTypeArguments', 'implements']);

/** Every node of the tree in source order (pre-order), skipping type annotations (they hold no values). */
export function preorder(root: TSESTree.Node, visitorKeys?: VisitorKeys): TSESTree.Node[] {
  const keysOf = new Map<string, readonly string[]>();
  const out: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    let keys = keysOf.get(node.type);
    if (!keys) {
      keys = (visitorKeys?.[node.type] ?? Object.keys(node)).filter((k) => !SKIP.has(k));
      keysOf.set(node.type, keys);
    }
    const record = node as unknown as Record<string, unknown>;
    for (let i = keys.length - 1; i >= 0; i--) {
      const v = record[keys[i]!];
      if (Array.isArray(v)) {
        for (let j = v.length - 1; j >= 0; j--) if (isNode(v[j])) stack.push(v[j]);
      } else if (isNode(v)) stack.push(v);
    }
  }
  return out;
}

function isNode(v: unknown): v is TSESTree.Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string' && 'loc' in v;
}
