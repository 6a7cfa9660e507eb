/**
 * A Terraform JSON string that is exactly `${jsonencode({…})}`, read as the value it encodes, so a
 * policy written that way is read like any JSON policy. What the expression leaves to Terraform
 * (references, function calls, `for` expressions) becomes a `${…}` template string, which the
 * configuration adapter resolves as it resolves any interpolation: unknown unless it is a variable
 * default or a local.
 */
import type { ExpressionSpan } from '../load/embedded-hcl.js';
import { openEmbeddedExpression } from '../load/embedded-hcl.js';
import type { Node } from '../model/node.js';
import type { Json, Path } from '../model/source.js';
import type { HclExpr, HclOpaque } from './tf-hcl-expression.js';
import { parseJsonencodeTemplate } from './tf-hcl-expression.js';
import type { TfRef } from './tf-reference.js';
import { parseReference } from './tf-reference.js';

/** The node a `local.x` or `var.x` reference stands for in the configuration (the local's value, the default). */
export type TfValueLookup = (ref: TfRef) => Node | undefined;

/**
 * The root of the encoded object, positioned in the outer file; undefined when the string is not a
 * `jsonencode` call, the call's argument is not read, or it is not an object. `jsonencode(local.p)`
 * whose local is written as a JSON object gives that object's node itself.
 */
export function openJsonencode(node: Node, lookup: TfValueLookup): Node | undefined {
  if (typeof node.value !== 'string') return undefined;
  const arg = parseJsonencodeTemplate(node.value);
  if (!arg) return undefined;
  if (arg.kind === 'expression') {
    const written = structuredValue(arg, lookup);
    return written?.isObject ? written : undefined;
  }
  if (arg.kind !== 'object') return undefined;
  const spans = new Map<string, ExpressionSpan>();
  const root = toJson(arg, [], spans, lookup, undefined);
  return openEmbeddedExpression(node, root, (path) => spans.get(pathKey(path)));
}

/**
 * A whole-value `local.x` / `var.x` that the configuration writes as a JSON object or array: its value
 * is spliced in, so a `Statement = local.statements` is read as the statements it stands for (a string
 * placeholder there would look like a malformed policy). Positions inside stay at the reference.
 */
function structuredValue(e: HclOpaque, lookup: TfValueLookup): Node | undefined {
  const ref = parseReference(e.text);
  if (!ref || (ref.root !== 'local' && ref.root !== 'var') || ref.text !== ref.address) return undefined;
  const target = lookup(ref);
  return target && (target.isObject || target.isArray) ? target : undefined;
}

function toJson(e: HclExpr, path: Path, spans: Map<string, ExpressionSpan>, lookup: TfValueLookup, key: [number, number] | undefined): Json {
  const span: { start: number; end: number; key?: [number, number]; units?: readonly number[] } = { start: e.start, end: e.end };
  if (key) span.key = key;
  if (e.kind === 'template') span.units = e.units;
  spans.set(pathKey(path), span);
  switch (e.kind) {
    case 'object':
      // fromEntries defines own properties, so a `__proto__` key stays a key
      return Object.fromEntries(e.members.map((m) => [m.key, toJson(m.value, [...path, m.key], spans, lookup, [m.keyStart, m.keyEnd])]));
    case 'tuple':
      return e.items.map((item, i) => toJson(item, [...path, i], spans, lookup, undefined));
    case 'template':
      return e.template;
    case 'literal':
      return e.value;
    case 'expression':
      return structuredValue(e, lookup)?.value ?? '${' + e.text + '}';
  }
}

function pathKey(path: Path): string {
  return JSON.stringify(path);
}
