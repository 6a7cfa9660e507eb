import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { Json } from '../model/source.js';
import { keyName, memberName, staticString, unwrap } from './ast.js';
import type { Bindings } from './bindings.js';
import { CONSTANTS, DURATION_UNITS, MANAGED_POLICY_ARN, parseIsoDuration } from './constants.js';
import type { Fragment, Mark } from './fragment.js';
import { ArrayBuilder, isUnknownValue, knownFragment, NOT_A_LITERAL, ObjectBuilder, unknownFragment } from './fragment.js';
import type { IndexToLoc } from './json-string.js';
import { jsonStringFragment } from './json-string.js';

export interface EvalHost {
  readonly bindings: Bindings;
  readonly text: string;
  readonly locs: IndexToLoc;
}

/** An object literal's properties by name, followed through constants and literal spreads. */
export interface ObjectProps {
  /** The object literal (the innermost one when followed through a constant). */
  readonly node?: TSESTree.Node;
  readonly props: Map<string, TSESTree.Node>;
  /** Keys may exist that the source does not show (a spread of something that is not a literal). */
  readonly open: boolean;
  /** false when the expression is not an object literal at all (a variable, a call). */
  readonly known: boolean;
}

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'fill', 'sort', 'reverse', 'copyWithin']);

export function isOpen(f: Fragment): boolean {
  return f.marks.some((m) => m.path.length === 0 && m.open === true);
}

/** The part of a fragment under one key or index. */
export function child(f: Fragment, key: string | number): Fragment | undefined {
  const v = f.value;
  let value: Json | undefined;
  if (Array.isArray(v)) value = typeof key === 'number' ? v[key] : undefined;
  else if (v && typeof v === 'object' && !isUnknownValue(v)) value = Object.prototype.hasOwnProperty.call(v, key) ? v[String(key)] : undefined;
  if (value === undefined) return undefined;
  const marks: Mark[] = [];
  for (const m of f.marks) if (m.path.length > 0 && m.path[0] === key) marks.push({ ...m, path: m.path.slice(1) });
  let part: Fragment | undefined;
  for (const [k, p] of f.parts ?? []) if (k === key) part = p;
  if (!part) return { value, marks };
  return marks.length ? { value, marks: [...marks, ...part.marks], parts: part.parts } : part;
}

/** The same value, located at `node` (where it is used) while its parts keep their own places. */
export function relocate(f: Fragment, node: TSESTree.Node): Fragment {
  const marks: Mark[] = [{ path: [], node }];
  for (const m of f.marks) {
    if (m.path.length > 0) marks.push(m);
    else if (m.unknown || m.open) marks.push({ path: [], unknown: m.unknown, open: m.open });
  }
  return { value: f.value, marks, parts: f.parts };
}

/**
 * Turns expressions into the JSON they evaluate to, as far as the source proves it: literals, object and
 * array literals, constants (`const x = …` never reassigned nor mutated), string concatenation, enum
 * members of the AWS libraries (`ec2.HttpTokens.REQUIRED`), `Duration.hours(12)`, `JSON.stringify`,
 * managed policy ARNs. Anything else is an unknown marker. Nothing is executed.
 */
export class Evaluator {
  private readonly active = new Set<TSESTree.Node>();

  constructor(readonly host: EvalHost) {}

  get bindings(): Bindings {
    return this.host.bindings;
  }

  source(node: TSESTree.Node): string {
    return this.host.text.slice(node.range[0], node.range[1]);
  }

  /** Follows an identifier to the expression of the constant it names (once, guarding cycles). */
  follow<R>(expr: TSESTree.Node, then: (init: TSESTree.Expression) => R): R | undefined {
    const n = unwrap(expr);
    if (n.type !== T.Identifier) return undefined;
    const init = this.bindings.initOf(n);
    if (!init || this.active.has(init)) return undefined;
    this.active.add(init);
    try {
      return then(init);
    } finally {
      this.active.delete(init);
    }
  }

  /** The expression behind an identifier (through constants), or the expression itself. */
  target(expr: TSESTree.Node): TSESTree.Node {
    let n = unwrap(expr);
    const seen = new Set<TSESTree.Node>();
    while (n.type === T.Identifier && !seen.has(n)) {
      seen.add(n);
      const init = this.bindings.initOf(n);
      if (!init) break;
      n = unwrap(init);
    }
    return n;
  }

  symbol(expr: TSESTree.Node): string | undefined {
    return this.bindings.symbolKeyOf(expr);
  }

  isUndefined(expr: TSESTree.Node): boolean {
    const n = unwrap(expr);
    if (n.type === T.Identifier && n.name === 'undefined') return this.symbol(n) === '#undefined';
    return n.type === T.UnaryExpression && n.operator === 'void';
  }

  value(expr: TSESTree.Node | null | undefined): Fragment {
    if (!expr) return unknownFragment(undefined);
    const n = unwrap(expr);
    switch (n.type) {
      case T.Literal:
        if ('regex' in n || 'bigint' in n) return unknownFragment(n);
        return knownFragment(n.value as Json, n);
      case T.TemplateLiteral:
        return this.template(n, n);
      case T.TaggedTemplateExpression:
        return this.symbol(n.tag) === '@pulumi/pulumi#interpolate' ? this.template(n.quasi, n) : unknownFragment(n);
      case T.Identifier:
        return this.identifier(n);
      case T.MemberExpression:
        return this.member(n);
      case T.CallExpression:
        return this.call(n);
      case T.NewExpression:
        return this.construct(n);
      case T.ObjectExpression:
        this.visitedObject(n);
        return this.object(n);
      case T.ArrayExpression:
        return this.array(n);
      case T.BinaryExpression:
        return n.operator === '+' ? this.concat(n) : this.arithmetic(n);
      case T.UnaryExpression:
        if (n.operator === '-' && n.argument.type === T.Literal && typeof n.argument.value === 'number') return knownFragment(-n.argument.value, n);
        return unknownFragment(n);
      default:
        return unknownFragment(n);
    }
  }

  /** `new X(…)` as a value: unknown here; the policy evaluator knows statements, documents and principals. */
  protected construct(n: TSESTree.NewExpression): Fragment {
    return unknownFragment(n);
  }

  /** Called for every object literal evaluated. */
  protected visitedObject(_n: TSESTree.ObjectExpression): void {}

  private identifier(n: TSESTree.Identifier): Fragment {
    const c = CONSTANTS.get(this.symbol(n) ?? '');
    if (c !== undefined) return knownFragment(c, n);
    if (this.isMutated(n)) return unknownFragment(n, 'the value is changed after it is declared');
    const f = this.follow(n, (init) => this.value(init));
    return f ? relocate(f, n) : unknownFragment(n);
  }

  /** Whether an object or array constant is modified somewhere (`x.a = …`, `x.push(…)`, `Object.assign(x, …)`). */
  private isMutated(id: TSESTree.Identifier): boolean {
    const init = this.bindings.initOf(id);
    if (!init) return false;
    const i = unwrap(init);
    if (i.type !== T.ObjectExpression && i.type !== T.ArrayExpression) return false;
    for (const ref of this.bindings.readsOf(id)) {
      let top: TSESTree.Node = ref;
      while (top.parent?.type === T.MemberExpression && top.parent.object === top) top = top.parent;
      const p = top.parent;
      if (!p) continue;
      if (top !== ref) {
        if (p.type === T.AssignmentExpression && p.left === top) return true;
        if (p.type === T.UpdateExpression) return true;
        if (p.type === T.UnaryExpression && p.operator === 'delete') return true;
        if (p.type === T.CallExpression && p.callee === top && top.type === T.MemberExpression && ARRAY_MUTATORS.has(memberName(top) ?? '')) return true;
      }
      if (p.type === T.CallExpression && p.arguments[0] === ref && this.symbol(p.callee) === '#Object.assign') return true;
    }
    return false;
  }

  private member(n: TSESTree.MemberExpression): Fragment {
    const key = this.symbol(n);
    if (key) {
      const c = CONSTANTS.get(key);
      if (c !== undefined) return knownFragment(c, n);
      const managed = /^@pulumi\/aws\/iam#ManagedPolic(?:y|ies)\.(\w+)$/.exec(key);
      if (managed) {
        const arn = MANAGED_POLICY_ARN(managed[1]!);
        return arn ? knownFragment(arn, n) : unknownFragment(n, 'the managed policy ARN is not known to the linter');
      }
    }
    const name = memberName(n);
    if (name === undefined) return unknownFragment(n);
    const obj = unwrap(n.object);
    if (obj.type !== T.Identifier && obj.type !== T.MemberExpression && obj.type !== T.ObjectExpression) return unknownFragment(n);
    const base = this.value(obj);
    if (isUnknownValue(base.value) || isOpen(base)) return unknownFragment(n);
    const c = Array.isArray(base.value) && /^\d+$/.test(name) ? child(base, Number(name)) : child(base, name);
    return c ?? unknownFragment(n);
  }

  protected call(n: TSESTree.CallExpression): Fragment {
    const callee = unwrap(n.callee);
    const key = this.symbol(callee) ?? '';
    const [a0, a1, a2] = n.arguments;
    switch (key) {
      case '#JSON.stringify':
      case '@pulumi/pulumi#jsonStringify':
      case 'cdktf#Fn.jsonencode':
      case '@pulumi/pulumi#output':
      case '#btoa':
      case 'cdktf#Fn.base64encode':
      case 'aws-cdk-lib#Fn.base64':
        return a0 ? this.value(a0) : unknownFragment(n);
      case '#JSON.parse':
        return (a0 && jsonStringFragment(unwrap(a0), this.host.text, this.host.locs)) || unknownFragment(n);
      case 'aws-cdk-lib/aws-iam#ManagedPolicy.fromAwsManagedPolicyName': {
        const name = a0 ? this.value(a0) : undefined;
        if (name && typeof name.value === 'string') return knownFragment(`arn:aws:iam::aws:policy/${name.value}`, n);
        return unknownFragment(n, NOT_A_LITERAL, `arn:aws:iam::aws:policy/\${${a0 ? this.source(a0) : ''}}`);
      }
      case 'aws-cdk-lib/aws-iam#ManagedPolicy.fromManagedPolicyArn':
        return a2 ? this.value(a2) : unknownFragment(n);
      case 'aws-cdk-lib/aws-iam#ManagedPolicy.fromManagedPolicyName': {
        const name = a2 ? staticString(a2) : undefined;
        return unknownFragment(n, 'the account id is known only at deploy time', `arn:aws:iam::\${AWS::AccountId}:policy/${name ?? '${…}'}`);
      }
      case 'aws-cdk-lib/aws-iam#PolicyStatement.fromJson':
      case 'aws-cdk-lib/aws-iam#PolicyDocument.fromJson':
        return a0 ? this.value(a0) : unknownFragment(n);
      case 'aws-cdk-lib#Duration.parse': {
        const text = a0 ? staticString(a0) : undefined;
        const seconds = text === undefined ? undefined : parseIsoDuration(text);
        return seconds === undefined ? unknownFragment(n) : knownFragment(seconds, n);
      }
      case '@pulumi/pulumi#concat':
        return this.joined(n, n.arguments);
    }
    const unit = /^aws-cdk-lib#Duration\.(\w+)$/.exec(key);
    if (unit && DURATION_UNITS[unit[1]!] !== undefined && a0) {
      const amount = this.value(a0);
      if (typeof amount.value === 'number') return knownFragment(amount.value * DURATION_UNITS[unit[1]!]!, n);
      return unknownFragment(n);
    }
    // Buffer.from(text).toString('base64'): the text itself, as user data is read decoded.
    if (callee.type === T.MemberExpression && memberName(callee) === 'toString' && a1 === undefined) {
      const inner = unwrap(callee.object);
      if (inner.type === T.CallExpression && this.symbol(inner.callee) === '#Buffer.from' && inner.arguments[0] && staticString(a0) === 'base64') {
        return this.value(inner.arguments[0]);
      }
    }
    return unknownFragment(n);
  }

  private object(n: TSESTree.ObjectExpression): Fragment {
    const b = new ObjectBuilder(n);
    for (const p of n.properties) {
      if (p.type === T.SpreadElement) {
        const f = this.value(p.argument);
        const v = f.value;
        if (v && typeof v === 'object' && !Array.isArray(v) && !isUnknownValue(v)) {
          for (const k of Object.keys(v)) b.set(k, child(f, k)!);
          if (isOpen(f)) b.markOpen();
        } else b.markOpen();
        continue;
      }
      const name = keyName(p.key, p.computed);
      if (name === undefined) {
        b.markOpen();
        continue;
      }
      if (p.kind !== 'init' || p.method) {
        b.set(name, unknownFragment(p));
        continue;
      }
      if (this.isUndefined(p.value)) {
        b.delete(name);
        continue;
      }
      b.set(name, this.value(p.value));
    }
    return b.build();
  }

  private array(n: TSESTree.ArrayExpression): Fragment {
    const b = new ArrayBuilder(n);
    for (const el of n.elements) {
      if (el === null) b.push(knownFragment(null));
      else if (el.type === T.SpreadElement) {
        const f = this.value(el.argument);
        if (Array.isArray(f.value)) f.value.forEach((_, i) => b.push(child(f, i)!));
        else b.push(unknownFragment(el));
      } else b.push(this.value(el));
    }
    return b.build();
  }

  private template(t: TSESTree.TemplateLiteral, at: TSESTree.Node): Fragment {
    if (t.expressions.length === 0) {
      const cooked = t.quasis[0]?.value.cooked;
      return cooked == null ? unknownFragment(at) : knownFragment(cooked, at);
    }
    let text = '';
    let partial = '';
    let allKnown = true;
    t.quasis.forEach((q, i) => {
      const cooked = q.value.cooked ?? '';
      text += cooked;
      partial += cooked;
      const e = t.expressions[i];
      if (!e) return;
      const v = this.value(e).value;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        text += String(v);
        partial += String(v);
      } else {
        allKnown = false;
        partial += '${' + this.source(e) + '}';
      }
    });
    return allKnown ? knownFragment(text, at) : unknownFragment(at, NOT_A_LITERAL, partial);
  }

  private concat(n: TSESTree.BinaryExpression): Fragment {
    const parts: TSESTree.Node[] = [];
    const flatten = (e: TSESTree.Node) => {
      const u = unwrap(e);
      if (u.type === T.BinaryExpression && u.operator === '+') {
        flatten(u.left);
        flatten(u.right);
      } else parts.push(u);
    };
    flatten(n);
    return this.joined(n, parts);
  }

  /** `3600 * 4`: numbers only. */
  private arithmetic(n: TSESTree.BinaryExpression): Fragment {
    if (n.left.type === T.PrivateIdentifier) return unknownFragment(n);
    const a = this.value(n.left).value;
    const b = this.value(n.right).value;
    if (typeof a !== 'number' || typeof b !== 'number') return unknownFragment(n);
    const result = n.operator === '*' ? a * b : n.operator === '-' ? a - b : n.operator === '/' ? a / b : undefined;
    return result === undefined || !Number.isFinite(result) ? unknownFragment(n) : knownFragment(result, n);
  }

  /** `a + b + c` or `pulumi.concat(a, b)`: a known string when every part is known, else a partial template. */
  private joined(at: TSESTree.Node, parts: readonly TSESTree.Node[]): Fragment {
    const values = parts.map((p) => this.value(p).value);
    if (values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      const [first, ...rest] = values as (string | number | boolean)[];
      const result = rest.reduce<string | number | boolean>(
        (acc, v) => (typeof acc === 'number' && typeof v === 'number' ? acc + v : String(acc) + String(v)),
        first!,
      );
      return knownFragment(result, at);
    }
    if (!values.some((v) => typeof v === 'string')) return unknownFragment(at);
    const partial = values.map((v, i) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '${' + this.source(parts[i]!) + '}')).join('');
    return unknownFragment(at, NOT_A_LITERAL, partial);
  }

  /**
   * Method calls made on the variable an expression is assigned to, in source order: for
   * `const stmt = new iam.PolicyStatement(…)`, `stmt.addActions('s3:*')` gives `{ path: ['addActions'] }`;
   * `role.assumeRolePolicy?.addStatements(…)` gives `['assumeRolePolicy', 'addStatements']`.
   */
  callsOn(expr: TSESTree.Node): { path: string[]; call: TSESTree.CallExpression }[] {
    const id = declaredAs(expr);
    if (!id || !this.bindings.initOf(id)) return [];
    const out: { path: string[]; call: TSESTree.CallExpression }[] = [];
    for (const ref of this.bindings.readsOf(id)) {
      const path: string[] = [];
      let cur: TSESTree.Node = ref;
      while (cur.parent?.type === T.MemberExpression && cur.parent.object === cur) {
        const name = memberName(cur.parent);
        if (name === undefined) break;
        path.push(name);
        cur = cur.parent;
      }
      const call = cur.parent;
      if (path.length && call?.type === T.CallExpression && call.callee === cur) out.push({ path, call });
    }
    return out.sort((a, b) => a.call.range[0] - b.call.range[0]);
  }

  /** The properties of an object-literal expression (through constants and spreads of literals). */
  objectProps(expr: TSESTree.Node | null | undefined): ObjectProps {
    const props = new Map<string, TSESTree.Node>();
    if (!expr) return { props, open: false, known: false };
    const n = unwrap(expr);
    if (n.type === T.Identifier) {
      if (this.isMutated(n)) return { node: n, props, open: true, known: false };
      return this.follow(n, (init) => this.objectProps(init)) ?? { node: n, props, open: true, known: false };
    }
    if (n.type !== T.ObjectExpression) return { node: n, props, open: true, known: false };
    let open = false;
    for (const p of n.properties) {
      if (p.type === T.SpreadElement) {
        const inner = this.objectProps(p.argument);
        if (!inner.known) open = true;
        for (const [k, v] of inner.props) props.set(k, v);
        open ||= inner.open;
        continue;
      }
      const name = keyName(p.key, p.computed);
      if (name === undefined) {
        open = true;
        continue;
      }
      if (p.kind === 'init' && !p.method && this.isUndefined(p.value)) props.delete(name);
      else props.set(name, p.kind === 'init' && !p.method ? p.value : p);
    }
    return { node: n, props, open, known: true };
  }

  /** The elements of an array-literal expression (through constants); undefined when it is not one. */
  arrayElements(expr: TSESTree.Node | null | undefined): { node: TSESTree.Node; elements: (TSESTree.Node | undefined)[] } | undefined {
    if (!expr) return undefined;
    const n = unwrap(expr);
    if (n.type === T.Identifier) return this.follow(n, (init) => this.arrayElements(init));
    if (n.type !== T.ArrayExpression) return undefined;
    const elements: (TSESTree.Node | undefined)[] = [];
    for (const el of n.elements) {
      if (el === null) continue;
      if (el.type === T.SpreadElement) {
        const inner = this.arrayElements(el.argument);
        if (inner) elements.push(...inner.elements);
        else elements.push(undefined);
      } else elements.push(el);
    }
    return { node: n, elements };
  }
}

const WRAPPERS: ReadonlySet<string> = new Set([T.TSAsExpression, T.TSSatisfiesExpression, T.TSNonNullExpression, T.TSTypeAssertion, T.AwaitExpression]);

/** The identifier a value is declared as (`const x = <expr>`), looking through casts and `await`. */
export function declaredAs(expr: TSESTree.Node): TSESTree.Identifier | undefined {
  let n: TSESTree.Node = expr;
  while (n.parent && WRAPPERS.has(n.parent.type)) n = n.parent;
  const decl = n.parent;
  if (decl?.type === T.VariableDeclarator && decl.init === n && decl.id.type === T.Identifier) return decl.id;
  return undefined;
}
