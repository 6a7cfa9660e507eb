import type { Node } from '../model/node.js';
import type { Json } from '../model/source.js';
import type { Prop, Value, ValueOrigin } from '../model/value.js';
import { absent, known, mergeOrigin, unknown } from '../model/value.js';
import { parseSub } from './cfn-sub.js';
import type { CfnTemplate } from './cfn-template.js';
import { PSEUDO_PARAMETERS, getAttParts } from './cfn-template.js';

const MAX_DEPTH = 64;
/** `Fn::If` inside `Fn::Sub` / `Fn::Join` parts multiplies the values; beyond this the value is unknown. */
const MAX_COMBINATIONS = 64;


export function withVia(v: Value, outer: ValueOrigin | undefined): Value {
  if (!outer) return v;
  return { ...v, via: mergeOrigin(outer, v.via) };
}

/** How an unresolved value is written inside a string template: its partial text, or `${Name}` / `${Res.Attr}` / `${Fn::X}`. */
export function placeholder(v: Value): string {
  if (v.state === 'unknown' && v.partial !== undefined) return v.partial;
  const fn = v.node.intrinsic();
  if (!fn) return '${?}';
  if (fn.fn === 'Ref' && typeof fn.arg.value === 'string') return '${' + fn.arg.value + '}';
  if (fn.fn === 'Fn::GetAtt') {
    const parts = getAttParts(fn.arg);
    if (parts) return '${' + parts.id + (parts.attribute ? '.' + parts.attribute : '') + '}';
  }
  return '${' + fn.fn + '}';
}

/** One part of a string being built by `Fn::Sub` or `Fn::Join`. */
interface Piece {
  /** Partial-value text: the literal, or a placeholder when unresolved. */
  raw: string;
  /** The literal text when resolved. */
  text?: string;
  /** Why it is unresolved. */
  reason?: string;
  /** Left out of a `Fn::Join` list (`AWS::NoValue`). */
  skip?: boolean;
  via?: ValueOrigin;
}

function isScalar(v: Json): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function product<T>(lists: T[][]): T[][] | undefined {
  let out: T[][] = [[]];
  for (const list of lists) {
    const next: T[][] = [];
    for (const prefix of out) for (const item of list) next.push([...prefix, item]);
    if (next.length > MAX_COMBINATIONS) return undefined;
    out = next;
  }
  return out;
}

/** The origins of several parts joined into one value: the first parameter and condition named; no single source. */
function combinedVia(vias: (ValueOrigin | undefined)[]): ValueOrigin | undefined {
  let acc: ValueOrigin | undefined;
  for (const via of vias) acc = mergeOrigin(via, acc);
  if (!acc) return undefined;
  const { source: _source, ...rest } = acc;
  return rest.parameter !== undefined || rest.condition !== undefined ? rest : undefined;
}

/**
 * Evaluates CloudFormation intrinsic functions as far as the template proves their values:
 * literals, parameter defaults, `Fn::If` branches, `Fn::Sub` / `Fn::Join` / `Fn::Select` /
 * `Fn::Split` / `Fn::FindInMap` over those. Everything decided at deploy time is unknown, with a reason.
 */
export class CfnResolver {
  constructor(private readonly template: CfnTemplate) {}

  readonly resolve = (node: Node): Prop => this.values(node, 0);

  private values(node: Node, depth: number): Value[] {
    if (node.value === undefined) return [absent(node)];
    const fn = node.intrinsic();
    if (!fn) return [known(node, node.value)];
    if (depth > MAX_DEPTH) return [unknown(node, 'the intrinsic functions are nested too deeply to evaluate')];
    const d = depth + 1;
    switch (fn.fn) {
      case 'Ref':
        return typeof fn.arg.value === 'string' ? this.named(fn.arg.value, node) : [unknown(node, 'Ref takes the name of a parameter or resource')];
      case 'Fn::If':
        return this.ifValues(node, fn.arg, d);
      case 'Fn::Sub':
        return this.sub(node, fn.arg, d);
      case 'Fn::Join':
        return this.join(node, fn.arg, d);
      case 'Fn::Base64':
        return this.values(fn.arg, d);
      case 'Fn::Select':
        return this.select(node, fn.arg, d);
      case 'Fn::Split':
        return this.split(node, fn.arg, d);
      case 'Fn::FindInMap':
        return this.findInMap(node, fn.arg, d);
      case 'Fn::GetAtt': {
        const parts = getAttParts(fn.arg);
        if (!parts) return [unknown(node, 'Fn::GetAtt takes [resource, attribute]')];
        return [unknown(node, this.attributeReason(parts.id, parts.attribute))];
      }
      case 'Fn::ImportValue':
        return [unknown(node, 'Fn::ImportValue reads an export of another stack at deploy time')];
      case 'Fn::GetAZs':
        return [unknown(node, "Fn::GetAZs lists the region's availability zones at deploy time")];
      case 'Fn::Cidr':
        return [unknown(node, 'Fn::Cidr is computed at deploy time')];
      case 'Fn::Transform':
        return [unknown(node, 'Fn::Transform runs a macro at deploy time')];
      case 'Condition':
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return [unknown(node, `${fn.fn} is a condition, evaluated at deploy time`)];
      default:
        return [unknown(node, `${fn.fn} is not evaluated`)];
    }
  }

  /** `Ref Name` or `${Name}`: a pseudo parameter, a parameter (its default), or a resource. */
  private named(name: string, node: Node): Value[] {
    if (name === 'AWS::NoValue') return [absent(node)];
    if (PSEUDO_PARAMETERS.has(name)) return [unknown(node, `${name} is known only at deploy time`)];
    const param = this.template.parameters.get(name);
    if (param) return [this.parameter(name, param, node)];
    if (this.template.resourceTypes.has(name)) {
      const type = this.template.resourceTypes.get(name);
      return [unknown(node, `resource ${name}${type ? ` (${type})` : ''} is known only after deployment`)];
    }
    return [unknown(node, `${name} is not a parameter or resource of the template`)];
  }

  private attributeReason(id: string, attribute: string | undefined): string {
    const attr = attribute ? `attribute ${attribute}` : 'an attribute';
    if (!this.template.resourceTypes.has(id)) return `${attr} of ${id}, which is not a resource of the template, is unknown`;
    const type = this.template.resourceTypes.get(id);
    return `${attr} of resource ${id}${type ? ` (${type})` : ''} is known only after deployment`;
  }

  private parameter(name: string, def: Node, node: Node): Value {
    const type = def.get('Type')?.value;
    const dflt = def.get('Default');
    if (typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value<')) {
      return unknown(node, `parameter ${name} is read from Systems Manager at deploy time`);
    }
    if (!dflt || dflt.value === null || dflt.value === undefined) return unknown(node, `parameter ${name} has no default`);
    const via: ValueOrigin = { parameter: name, source: dflt };
    const isList = typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'));
    if (isList && typeof dflt.value === 'string') {
      const items = dflt.value === '' ? [] : dflt.value.split(',').map((s) => s.trim());
      return known(node, items, via);
    }
    return known(node, dflt.value, via);
  }

  private ifValues(node: Node, arg: Node, d: number): Value[] {
    const items = arg.items();
    const name = items[0]?.value;
    if (items.length !== 3 || typeof name !== 'string') {
      return [unknown(node, 'Fn::If takes [condition, value if true, value if false]')];
    }
    const out: Value[] = [];
    const branches: [Node, boolean][] = [
      [items[1]!, true],
      [items[2]!, false],
    ];
    for (const [branch, value] of branches) {
      for (const v of this.values(branch, d)) out.push(withVia(v, { condition: { name, branch: value } }));
    }
    return out;
  }

  private sub(node: Node, arg: Node, d: number): Value[] {
    const templateNode = arg.isArray ? arg.get(0) : arg;
    const vars = arg.isArray ? arg.get(1) : undefined;
    if (typeof templateNode?.value !== 'string' || (vars && !vars.isObject)) {
      return [unknown(node, 'Fn::Sub takes a string or [string, {variables}]')];
    }
    const options = parseSub(templateNode.value).map((part): Piece[] => {
      if (part.kind === 'text') return [{ raw: part.raw, text: part.text }];
      const local = vars?.get(part.name);
      if (local) return this.values(local, d).map((v) => this.piece(v, placeholder(v), false));
      const written = '${' + part.name + '}';
      if (part.name.includes('.')) {
        const dot = part.name.indexOf('.');
        return [{ raw: written, reason: this.attributeReason(part.name.slice(0, dot), part.name.slice(dot + 1)) }];
      }
      return this.named(part.name, node).map((v) => this.piece(v, written, false));
    });
    return this.assemble(node, options, '');
  }

  private join(node: Node, arg: Node, d: number): Value[] {
    const items = arg.items();
    const [sepNode, listNode] = items;
    if (items.length !== 2 || !sepNode || !listNode) return [unknown(node, 'Fn::Join takes [separator, list]')];
    const seps = this.values(sepNode, d);
    const sep = seps[0];
    if (seps.length !== 1 || sep?.state !== 'known' || typeof sep.value !== 'string') {
      return [unknown(node, 'the Fn::Join separator is not a known string')];
    }
    if (listNode.isArray) {
      const options = listNode.items().map((item) => this.values(item, d).map((v) => this.piece(v, placeholder(v), true, sep.value as string)));
      return this.assemble(node, options, sep.value);
    }
    const out: Value[] = [];
    for (const list of this.values(listNode, d)) {
      if (list.state === 'known' && Array.isArray(list.value)) {
        const options = list.value.map((item): Piece[] => [
          isScalar(item) ? { raw: String(item), text: String(item) } : { raw: '${?}', reason: 'a Fn::Join list item is not a string' },
        ]);
        out.push(...this.assemble(node, options, sep.value).map((v) => withVia(v, list.via)));
      } else if (list.state === 'unknown') {
        out.push(unknown(node, list.reason, undefined, list.via));
      } else {
        out.push(unknown(node, 'Fn::Join needs a list', undefined, list.via));
      }
    }
    return out;
  }

  private piece(v: Value, written: string, inList: boolean, sep = ''): Piece {
    if (v.state === 'absent') return inList ? { raw: '', skip: true, via: v.via } : { raw: written, reason: 'AWS::NoValue is not a string', via: v.via };
    if (v.state === 'unknown') return { raw: written, reason: v.reason, via: v.via };
    if (isScalar(v.value)) return { raw: String(v.value), text: String(v.value), via: v.via };
    if (inList && Array.isArray(v.value) && v.value.every(isScalar)) {
      const text = v.value.map(String).join(sep);
      return { raw: text, text, via: v.via };
    }
    return { raw: written, reason: 'the value is not a string', via: v.via };
  }

  private assemble(node: Node, options: Piece[][], sep: string): Value[] {
    const combos = product(options);
    if (!combos) return [unknown(node, `the value has more than ${MAX_COMBINATIONS} combinations of Fn::If branches`)];
    return combos.map((combo) => {
      const kept = combo.filter((p) => !p.skip);
      const via = combinedVia(combo.map((p) => p.via));
      const unresolved = kept.find((p) => p.reason !== undefined);
      if (!unresolved) return known(node, kept.map((p) => p.text).join(sep), via);
      return unknown(node, unresolved.reason!, kept.map((p) => p.raw).join(sep), via);
    });
  }

  private select(node: Node, arg: Node, d: number): Value[] {
    const items = arg.items();
    const [indexNode, listNode] = items;
    if (items.length !== 2 || !indexNode || !listNode) return [unknown(node, 'Fn::Select takes [index, list]')];
    const out: Value[] = [];
    for (const ix of this.values(indexNode, d)) {
      const raw = ix.state === 'known' ? ix.value : undefined;
      const index = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
      if (index === undefined || !Number.isInteger(index) || index < 0) {
        out.push(unknown(node, ix.state === 'unknown' ? `the Fn::Select index is unknown: ${ix.reason}` : 'the Fn::Select index is not a number', undefined, ix.via));
        continue;
      }
      if (listNode.isArray) {
        const item = listNode.get(index);
        if (!item) out.push(unknown(node, `Fn::Select index ${index} is out of range`, undefined, ix.via));
        else out.push(...this.values(item, d).map((v) => withVia(v, ix.via)));
        continue;
      }
      for (const list of this.values(listNode, d)) {
        const via = mergeOrigin(ix.via, list.via);
        if (list.state === 'known' && Array.isArray(list.value)) {
          if (index >= list.value.length) out.push(unknown(node, `Fn::Select index ${index} is out of range`, undefined, via));
          else if (list.node.isArray && list.node.value === list.value) out.push(...this.values(list.node.get(index)!, d).map((v) => withVia(v, via)));
          else out.push(known(node, list.value[index]!, via));
        } else if (list.state === 'unknown') {
          out.push(unknown(node, list.reason, undefined, via));
        } else {
          out.push(unknown(node, 'Fn::Select needs a list', undefined, via));
        }
      }
    }
    return out;
  }

  private split(node: Node, arg: Node, d: number): Value[] {
    const items = arg.items();
    const [delimNode, sourceNode] = items;
    if (items.length !== 2 || !delimNode || !sourceNode) return [unknown(node, 'Fn::Split takes [delimiter, string]')];
    const delims = this.values(delimNode, d);
    const delim = delims[0];
    if (delims.length !== 1 || delim?.state !== 'known' || typeof delim.value !== 'string' || delim.value === '') {
      return [unknown(node, 'the Fn::Split delimiter is not a known string')];
    }
    return this.values(sourceNode, d).map((v) => {
      if (v.state === 'known' && typeof v.value === 'string') return known(node, v.value.split(delim.value as string), combinedVia([v.via]));
      if (v.state === 'unknown') return unknown(node, v.reason, undefined, v.via);
      return unknown(node, 'Fn::Split needs a string', undefined, v.via);
    });
  }

  private findInMap(node: Node, arg: Node, d: number): Value[] {
    const items = arg.items();
    if (items.length !== 3 && items.length !== 4) return [unknown(node, 'Fn::FindInMap takes [map, top-level key, second-level key]')];
    const keyOptions = items.slice(0, 3).map((k) => this.values(k, d));
    const combos = product(keyOptions);
    if (!combos) return [unknown(node, `the value has more than ${MAX_COMBINATIONS} combinations of Fn::If branches`)];
    const fallback = items[3]?.get('DefaultValue');
    const out: Value[] = [];
    for (const keys of combos) {
      const via = combinedVia(keys.map((k) => k.via));
      const bad = keys.find((k) => k.state !== 'known' || !isScalar(k.value));
      if (bad) {
        out.push(unknown(node, bad.state === 'unknown' ? `a Fn::FindInMap key is unknown: ${bad.reason}` : 'a Fn::FindInMap key is not a string', undefined, via));
        continue;
      }
      const path = keys.map((k) => String((k as { value: Json }).value));
      const entry = this.template.mappings?.at(...path);
      if (entry) {
        out.push(entry.isObject ? known(entry, entry.value!, via) : known(node, entry.value!, mergeOrigin(via, { source: entry })));
      } else if (fallback) {
        out.push(...this.values(fallback, d).map((v) => withVia(v, via)));
      } else {
        out.push(unknown(node, `Mappings has no entry ${path.join('/')}`, undefined, via));
      }
    }
    return out;
  }
}
