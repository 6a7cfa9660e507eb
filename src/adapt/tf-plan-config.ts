/**
 * The `configuration` part of a plan: the unevaluated module tree, whose expression `references`
 * prove links the planned values alone cannot (an instance profile created in the same plan).
 */
import type { Node } from '../model/node.js';
import type { Path } from '../model/source.js';
import { memo } from '../model/memo.js';

export interface ConfigModule {
  /** `''` for the root, `module.a.module.b` below (no instance keys). */
  readonly key: string;
  readonly node: Node;
  readonly parent?: ConfigModule;
  /** The `module_calls.<name>` object in the parent (its `expressions` feed this module's variables). */
  readonly call?: Node;
  /** `aws_x.y` / `data.aws_x.y` → the configuration resource object. */
  readonly resources: Map<string, Node>;
  readonly outputs: Map<string, Node>;
  readonly calls: Map<string, ConfigModule>;
}

/** Every module of the configuration by key; empty when the plan has none (state JSON). */
export function indexConfiguration(configuration: Node | undefined): Map<string, ConfigModule> {
  const out = new Map<string, ConfigModule>();
  const visit = (node: Node, key: string, parent?: ConfigModule, call?: Node) => {
    const mod: ConfigModule = { key, node, parent, call, resources: new Map(), outputs: new Map(), calls: new Map() };
    out.set(key, mod);
    for (const r of node.get('resources')?.items() ?? []) {
      const type = r.get('type')?.value;
      const name = r.get('name')?.value;
      if (typeof type !== 'string' || typeof name !== 'string') continue;
      const local = r.get('mode')?.value === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      mod.resources.set(local, r);
    }
    for (const [name, o] of node.get('outputs')?.entries() ?? []) mod.outputs.set(name, o);
    for (const [name, c] of node.get('module_calls')?.entries() ?? []) {
      const child = c.get('module');
      if (!child?.isObject) continue;
      const childKey = key ? `${key}.module.${name}` : `module.${name}`;
      visit(child, childKey, mod, c);
      mod.calls.set(name, out.get(childKey)!);
    }
  };
  const root = configuration?.get('root_module');
  if (root?.isObject) visit(root, '');
  return out;
}

/** An expression representation: `{ "constant_value": … }` or `{ "references": [...] }`. */
export function isExpression(n: Node): boolean {
  return n.isObject && (n.get('references') !== undefined || n.get('constant_value') !== undefined);
}

/**
 * The expression that sets the value at `rel` (a path inside a resource's values), following nested
 * block expressions; `remaining` counts the steps below it (an element of a list set by one expression).
 */
export function expressionAt(expressions: Node | undefined, rel: Path): { expr: Node; remaining: number } | undefined {
  let cur = expressions;
  let i = 0;
  for (; cur && i < rel.length; i++) {
    if (isExpression(cur)) break;
    const step = rel[i]!;
    cur = cur.isArray ? (typeof step === 'number' ? cur.get(step) : undefined) : typeof step === 'string' ? cur.get(step) : undefined;
  }
  return cur && isExpression(cur) ? { expr: cur, remaining: rel.length - i } : undefined;
}

/**
 * True when the configuration proves the value at `rel` is not set (an attribute missing from its
 * block's expressions), so an "unknown after apply" there is the provider's default being computed.
 */
export function notConfigured(expressions: Node | undefined, rel: Path): boolean {
  let cur = expressions;
  for (const step of rel) {
    if (!cur || isExpression(cur)) return false;
    if (cur.isArray) {
      cur = typeof step === 'number' ? cur.get(step) : undefined;
      if (!cur) return false;
      continue;
    }
    if (!cur.isObject || typeof step !== 'string') return false;
    const next = cur.get(step);
    if (!next) return true;
    cur = next;
  }
  return false;
}

/** Every instance of a counted resource shares one configuration block: its references are read once. */
const referencesOnce = memo<object, readonly string[]>('expression references');

/** Reference strings of an expression and of every expression nested in a block expression. */
export function referencesUnder(n: Node): readonly string[] {
  const v = n.value;
  if (typeof v !== 'object' || v === null) return [];
  return referencesOnce(v, () => readReferences(n));
}

function readReferences(n: Node): string[] {
  const out: string[] = [];
  const stack = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.isArray) stack.push(...cur.items());
    else if (cur.isObject) {
      const refs = cur.get('references');
      if (refs?.isArray && isExpression(cur)) {
        for (const r of refs.items()) if (typeof r.value === 'string') out.push(r.value);
      } else for (const [, c] of cur.entries()) stack.push(c);
    }
  }
  return out;
}
