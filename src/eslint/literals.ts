import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { Json } from '../model/source.js';
import { keyName, memberName, unwrap } from './ast.js';
import type { SourceFileDocument } from './document.js';
import type { Fragment } from './fragment.js';
import { ArrayBuilder, knownFragment, NOT_A_LITERAL, ObjectBuilder, unknownFragment } from './fragment.js';
import { templateOffsets } from './json-string.js';

function hasString(v: Json): boolean {
  if (typeof v === 'string') return true;
  if (Array.isArray(v)) return v.some(hasString);
  if (v && typeof v === 'object') return Object.values(v).some(hasString);
  return false;
}

/** How to name one entry of `literals` in messages. */
export interface LiteralEntry {
  /** `named`: `{ name: value }` for a variable, property or attribute; `call`: the arguments of a call; `bare`: anything else. */
  readonly form: 'named' | 'call' | 'bare';
  /** The call (`new S3Client(…)`) or the literal's line. */
  readonly call?: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly label: string;
  readonly line: number;
}

/**
 * Every string literal and template literal of the file, once, in `literals` of the document, with the
 * names around it (the variable, property or object key it is assigned to, the other arguments of the
 * call it is passed to) so that secret scanning sees the same evidence as in a template:
 * `credentials: { accessKeyId: 'AKIA…', secretAccessKey: '…' }`, `const secretAccessKey = '…'`,
 * `new AWS.Credentials('AKIA…', '…')`. A template literal with expressions is its text with
 * `${expression}` placeholders (and unknown for everything else).
 */
export function collectLiterals(nodes: readonly TSESTree.Node[], doc: SourceFileDocument, sourceText: string): LiteralEntry[] {
  const source = (n: TSESTree.Node) => sourceText.slice(n.range[0], n.range[1]);
  const covered = new Set<TSESTree.Node>();
  const entries: LiteralEntry[] = [];
  const push = (f: Fragment, entry: LiteralEntry) => {
    doc.add('literals', f);
    entries.push(entry);
  };

  const mirror = (expr: TSESTree.Node): Fragment => {
    const n = unwrap(expr);
    switch (n.type) {
      case T.Literal:
        covered.add(n);
        return 'regex' in n || 'bigint' in n ? unknownFragment(n) : knownFragment(n.value as Json, n);
      case T.TemplateLiteral: {
        covered.add(n);
        if (n.expressions.length === 0) return knownFragment(n.quasis[0]?.value.cooked ?? '', n);
        const placeholder = (e: TSESTree.Node) => '${' + source(e) + '}';
        const text = n.quasis.map((q, i) => (q.value.cooked ?? '') + (n.expressions[i] ? placeholder(n.expressions[i]!) : '')).join('');
        const offsets = templateOffsets(n, sourceText, placeholder);
        return { value: text, marks: [{ path: [], node: n, unknown: { reason: NOT_A_LITERAL, partial: text }, offsets: offsets?.length === text.length + 1 ? offsets : undefined }] };
      }
      case T.ObjectExpression: {
        covered.add(n);
        const b = new ObjectBuilder(n);
        for (const p of n.properties) {
          if (p.type !== T.Property) continue;
          const name = keyName(p.key, p.computed);
          if (name !== undefined && p.kind === 'init' && !p.method) b.set(name, mirror(p.value));
        }
        return b.build();
      }
      case T.ArrayExpression: {
        covered.add(n);
        const b = new ArrayBuilder(n);
        for (const el of n.elements) b.push(!el || el.type === T.SpreadElement ? unknownFragment(el ?? n) : mirror(el));
        return b.build();
      }
      default:
        return unknownFragment(n);
    }
  };

  const named = (name: string | undefined, value: TSESTree.Node, at: TSESTree.Node) => {
    const f = mirror(value);
    if (!hasString(f.value)) return;
    const line = at.loc.start.line;
    if (name === undefined) push(f, { form: 'bare', label: 'value', line });
    else push(new ObjectBuilder(at).set(name, f).build(), { form: 'named', label: name, line });
  };

  for (const n of nodes) {
    switch (n.type) {
      case T.VariableDeclarator:
        if (n.init) named(n.id.type === T.Identifier ? n.id.name : undefined, n.init, n);
        continue;
      case T.AssignmentExpression: {
        const left = n.left;
        const name = left.type === T.Identifier ? left.name : left.type === T.MemberExpression ? memberName(left) : undefined;
        named(name, n.right, n);
        continue;
      }
      case T.PropertyDefinition:
        if (n.value) named(keyName(n.key, n.computed), n.value, n);
        continue;
      case T.TSEnumMember:
        if (n.initializer) named(keyName(n.id, false), n.initializer, n);
        continue;
      case T.JSXAttribute:
        if (n.value?.type === T.Literal && n.name.type === T.JSXIdentifier) named(n.name.name, n.value, n);
        continue;
      case T.CallExpression:
      case T.NewExpression: {
        const args = n.arguments.filter((a): a is TSESTree.Expression => a.type !== T.SpreadElement);
        if (!args.some((a) => isLiteralish(unwrap(a)) && !covered.has(unwrap(a)))) continue;
        const b = new ArrayBuilder(n);
        for (const a of args) b.push(covered.has(unwrap(a)) ? unknownFragment(a) : mirror(a));
        const callee = n.callee.type === T.Super ? 'super' : source(n.callee);
        const label = `${n.type === T.NewExpression ? 'new ' : ''}${callee.length > 40 ? `${callee.slice(0, 39)}…` : callee}(…)`;
        if (hasString(b.value)) push(b.build(), { form: 'call', call: n, label, line: n.loc.start.line });
        continue;
      }
      default:
        if (isLiteralish(n) && !covered.has(n)) {
          const f = mirror(n);
          if (hasString(f.value)) push(f, { form: 'bare', label: n.type === T.Literal || n.type === T.TemplateLiteral ? 'string' : 'value', line: n.loc.start.line });
        }
    }
  }
  return entries;
}

/** `creds.accessKeyId`, `credentials.accessKeyId in new S3Client(…)`, `string at line 9`: a literal's place in words. */
export function describeLiteral(entry: LiteralEntry, rest: readonly (string | number)[]): string {
  const dotted = (keys: readonly (string | number)[]) =>
    keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  switch (entry.form) {
    case 'named':
      return dotted(rest);
    case 'call':
      if (rest.length <= 1) return `argument ${Number(rest[0] ?? 0) + 1} of ${entry.label}`;
      return `${dotted(rest.slice(1))} in ${entry.label}`;
    default:
      return rest.length ? `${dotted(rest)} in the ${entry.label} at line ${entry.line}` : `${entry.label} at line ${entry.line}`;
  }
}

function isLiteralish(n: TSESTree.Node): boolean {
  return n.type === T.Literal || n.type === T.TemplateLiteral || n.type === T.ObjectExpression || n.type === T.ArrayExpression;
}
