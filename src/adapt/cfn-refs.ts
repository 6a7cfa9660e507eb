import type { Node } from '../model/node.js';
import type { Value } from '../model/value.js';
import { parseSub } from './cfn-sub.js';
import type { CfnTemplate } from './cfn-template.js';
import { PSEUDO_PARAMETERS, getAttParts } from './cfn-template.js';

/** What a value written in the template points at. */
export interface CfnRef {
  /** A logical id referenced with `Ref`, `Fn::GetAtt`, or as the one resource placeholder of a `Fn::Sub` / `Fn::Join`. */
  targetId?: string;
  attribute?: string;
  /** A literal string (possibly from a parameter default). */
  literal?: string;
  /** An unresolved string template that evaluates the same wherever the same text is written in this stack. */
  template?: string;
}

export interface ResourceRef {
  /** The `Ref` / `Fn::GetAtt` / `Fn::Sub` node. */
  node: Node;
  id: string;
  attribute?: string;
}

/** True when a `Ref` / `${}` name is neither a pseudo parameter nor a parameter, so it names a resource (possibly one not in the template). */
function namesResource(t: CfnTemplate, name: string): boolean {
  return !PSEUDO_PARAMETERS.has(name) && !t.parameters.has(name);
}

/** Resource references made by this node itself (not by arbitrary nested functions). */
function directRefs(t: CfnTemplate, node: Node, depth = 0, naming = false): ResourceRef[] {
  const fn = node.intrinsic();
  if (!fn || depth > 16) return [];
  if (fn.fn === 'Ref') {
    const name = fn.arg.value;
    return typeof name === 'string' && namesResource(t, name) ? [{ node, id: name }] : [];
  }
  if (fn.fn === 'Fn::GetAtt') {
    const parts = getAttParts(fn.arg);
    return parts ? [{ node, id: parts.id, attribute: parts.attribute }] : [];
  }
  if (fn.fn === 'Fn::Sub') {
    const template = fn.arg.isArray ? fn.arg.get(0)?.value : fn.arg.value;
    const vars = fn.arg.isArray ? fn.arg.get(1) : undefined;
    if (typeof template !== 'string') return [];
    const out: ResourceRef[] = [];
    const parts = parseSub(template);
    parts.forEach((part, i) => {
      if (part.kind !== 'var' || (naming && !namesWhole(parts.length, i, parts[i - 1]))) return;
      const local = vars?.get(part.name);
      if (local) {
        out.push(...directRefs(t, local, depth + 1, naming));
        return;
      }
      const dot = part.name.indexOf('.');
      if (dot > 0) out.push({ node, id: part.name.slice(0, dot), attribute: part.name.slice(dot + 1) });
      else if (namesResource(t, part.name)) out.push({ node, id: part.name });
    });
    return out;
  }
  if (fn.fn === 'Fn::Join') {
    const separator = fn.arg.get(0)?.value;
    const items = fn.arg.get(1)?.items() ?? [];
    const last = items.length - 1;
    return items.flatMap((item, i) => {
      const before = items[i - 1]?.value;
      const prefix = typeof before === 'string' && separator === '' ? { kind: 'text' as const, text: before } : undefined;
      return !naming || (i === last && namesWhole(items.length, i, prefix)) ? directRefs(t, item, depth + 1, naming) : [];
    });
  }
  return [];
}

/**
 * A reference names the resource only when it is the whole value, or the last part of an ARN
 * (`…:role/${X}`): `${X}-legacy` or `!Join ['-', [!Ref X, old]]` names something else.
 */
function namesWhole(count: number, index: number, before: { kind: string; text?: string } | undefined): boolean {
  if (count === 1) return true;
  return index === count - 1 && before?.kind === 'text' && /[/:]$/.test(before.text ?? '');
}

/**
 * What a resolved value references. Values reached through `Fn::If` are already one per branch; an
 * unknown value whose node is a `Ref`/`Fn::GetAtt` (or a `Fn::Sub`/`Fn::Join` with exactly one
 * resource in it) references that resource; a known string is a literal.
 */
export function referenceOf(t: CfnTemplate, v: Value): CfnRef | undefined {
  if (v.state === 'absent') return undefined;
  if (v.state === 'known') return typeof v.value === 'string' ? { literal: v.value } : undefined;
  const refs = directRefs(t, v.node, 0, true);
  const distinct = new Map(refs.map((r) => [`${r.id}\u0000${r.attribute ?? ''}`, r]));
  if (distinct.size === 1) {
    const [only] = distinct.values();
    return { targetId: only!.id, attribute: only!.attribute };
  }
  if (distinct.size === 0 && v.partial !== undefined && isStableTemplate(v.partial)) return { template: v.partial };
  return undefined;
}

/** A partial value whose placeholders are all `Ref`s, attributes or pseudo parameters: same text, same value within one stack. */
function isStableTemplate(partial: string): boolean {
  return !partial.includes('${Fn::') && !partial.includes('${?}');
}

/** Every resource reference anywhere under a node (outputs, exposure searches), in document order. */
export function resourceRefsUnder(t: CfnTemplate, start: Node): ResourceRef[] {
  const out: ResourceRef[] = [];
  const stack: Node[] = [start];
  while (stack.length) {
    const n = stack.pop()!;
    const fn = n.intrinsic();
    if (fn && (fn.fn === 'Ref' || fn.fn === 'Fn::GetAtt' || fn.fn === 'Fn::Sub')) {
      out.push(...directRefs(t, n).filter((r) => r.node === n));
    }
    const children = n.isArray ? n.items() : n.isObject ? n.entries().map(([, c]) => c) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/**
 * Keys under which a name value can be matched against another resource's name: literal text, or a
 * stable template (`${AWS::StackName}-web` names the same thing wherever it is written in the stack).
 * `nameOf` extracts the name from an ARN-like text when the property takes either.
 */
export function nameKey(ref: CfnRef, nameOf: (text: string) => string = (s) => s): string | undefined {
  if (ref.literal !== undefined) return 'lit:' + nameOf(ref.literal);
  if (ref.template !== undefined) {
    const name = nameOf(ref.template);
    return (name.includes('${') ? 'tpl:' : 'lit:') + name;
  }
  return undefined;
}
