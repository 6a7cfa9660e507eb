import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { PolicyKind, Resource } from '../model/model.js';
import type { Json } from '../model/source.js';
import { keyName, memberName, staticString, unwrap, walk } from './ast.js';
import type { IdentityView, SourceContext } from './context.js';
import { declaredAs } from './evaluate.js';
import type { Fragment } from './fragment.js';
import { ArrayBuilder, isUnknownValue, knownFragment, ObjectBuilder } from './fragment.js';
import { CDKTF_POLICY_DOCUMENT, POLICY_DOCUMENT, POLICY_STATEMENT } from './policies.js';

const POLICY_VERSION = '2012-10-17';
const IDENTITY_ADDERS = new Set(['addToPolicy', 'addToPrincipalPolicy', 'addToRolePolicy']);
const PULUMI_GET_DOCUMENT = new Set(['@pulumi/aws/iam#getPolicyDocument', '@pulumi/aws/iam#getPolicyDocumentOutput']);
/** Receivers whose statements go to their role: `instance.role.addToPrincipalPolicy(…)`, `fn.grantPrincipal.addToPrincipalPolicy(…)`. */
const ROLE_ATTRIBUTES = new Set([undefined, 'role', 'grantPrincipal']);

function wrap(statements: readonly Fragment[], at: TSESTree.Node): Fragment {
  const arr = new ArrayBuilder(at);
  for (const s of statements) arr.push(s);
  return new ObjectBuilder(at).set('Version', knownFragment(POLICY_VERSION)).set('Statement', arr.build()).build();
}

/**
 * Statements added in code: `role.addToPolicy(stmt)`, `addToPrincipalPolicy`, `fn.addToRolePolicy`
 * (one default policy per identity, as CDK merges them) and `bucket.addToResourcePolicy(stmt)`.
 */
export function readAddedStatements(ctx: SourceContext): void {
  const byIdentity = new Map<IdentityView, { at: TSESTree.CallExpression; statements: Fragment[] }>();
  walk(ctx.program, (n) => {
    if (n.type !== T.CallExpression) return;
    const callee = unwrap(n.callee);
    const arg = n.arguments[0];
    if (callee.type !== T.MemberExpression || !arg || arg.type === T.SpreadElement) return;
    const method = memberName(callee) ?? '';
    if (!IDENTITY_ADDERS.has(method) && method !== 'addToResourcePolicy') return;
    const ref = ctx.refOf(callee.object);
    const owner = ref.construct?.resource;
    const receiver = ctx.ev.source(callee.object);
    if (method === 'addToResourcePolicy') {
      const label = `resource policy of ${owner?.id ?? receiver}`;
      ctx.policy(wrap([ctx.ev.statement(arg)], n), { kind: 'resource', label, owner, attachedTo: [] });
      return;
    }
    const identity = ROLE_ATTRIBUTES.has(ref.attribute) ? ctx.identityOf(ref.construct) : undefined;
    if (!identity) {
      ctx.policy(wrap([ctx.ev.statement(arg)], n), { kind: 'identity', label: `policy added with ${receiver}.${method}`, owner, attachedTo: [] });
      return;
    }
    const entry = byIdentity.get(identity) ?? { at: n, statements: [] };
    entry.statements.push(ctx.ev.statement(arg));
    byIdentity.set(identity, entry);
  });
  for (const [identity, { at, statements }] of byIdentity) {
    const doc = ctx.policy(wrap(statements, at), {
      kind: 'identity',
      label: `default policy of ${identity.kind} ${identity.resource.id}`,
      owner: identity.resource,
      attachedTo: [],
    });
    ctx.attach(doc, identity, 'inline');
  }
}

function hasKey(n: TSESTree.ObjectExpression, ...names: string[]): boolean {
  return n.properties.some((p) => p.type === T.Property && names.includes(keyName(p.key, p.computed) ?? ''));
}

/** An object literal that reads as a policy document: a `Statement` of statement-like objects, or a `Version`. */
function looksLikeDocument(n: TSESTree.ObjectExpression): boolean {
  if (!hasKey(n, 'Statement')) return false;
  return hasKey(n, 'Version') || n.properties.some((p) => {
    if (p.type !== T.Property || keyName(p.key, p.computed) !== 'Statement') return false;
    const v = unwrap(p.value);
    const items = v.type === T.ArrayExpression ? v.elements : [v];
    return items.some((i) => i?.type === T.ObjectExpression && hasKey(i, 'Effect', 'Action', 'NotAction'));
  });
}

function looksLikeStatement(n: TSESTree.ObjectExpression): boolean {
  return hasKey(n, 'Effect') && hasKey(n, 'Action', 'NotAction');
}

/** A trust policy when every statement with a principal only grants `sts:AssumeRole*`; a resource policy when any has a principal. */
function inferKind(value: Json): PolicyKind {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  const raw = value.Statement;
  const statements = (Array.isArray(raw) ? raw : [raw]).filter((s): s is { [k: string]: Json } => !!s && typeof s === 'object' && !Array.isArray(s) && !isUnknownValue(s));
  const withPrincipal = statements.filter((s) => 'Principal' in s || 'NotPrincipal' in s);
  if (!withPrincipal.length) return 'unknown';
  const assumeOnly = withPrincipal.every((s) => {
    const a = s.Action;
    const list = Array.isArray(a) ? a : [a];
    return list.length > 0 && list.every((x) => typeof x === 'string' && /^sts:AssumeRole/i.test(x));
  });
  return assumeOnly ? 'trust' : 'resource';
}

/**
 * Policies that no recognised API call took: CDK documents and statements, Pulumi / CDKTF policy
 * documents, object literals and JSON strings that read as policies. Their kind is guessed from their
 * statements only (trust, resource or unknown), so the grammar checks that depend on it stay quiet.
 */
export function readStandalonePolicies(ctx: SourceContext): void {
  const ev = ctx.ev;
  walk(ctx.program, (n) => {
    if (ev.consumed.has(n)) return;
    let fragment: Fragment | undefined;
    if (n.type === T.NewExpression) {
      const key = ev.symbol(n.callee);
      if (key === POLICY_DOCUMENT) fragment = ev.document(n);
      else if (key === POLICY_STATEMENT) fragment = wrap([ev.statement(n)], n);
      else if (key === CDKTF_POLICY_DOCUMENT) fragment = ev.tfDocument(n, n.arguments[2], 'cdktf');
    } else if (n.type === T.CallExpression && PULUMI_GET_DOCUMENT.has(ev.symbol(n.callee) ?? '')) {
      fragment = ev.document(n);
    } else if (n.type === T.ObjectExpression) {
      if (looksLikeDocument(n)) fragment = ev.document(n);
      else if (looksLikeStatement(n)) fragment = wrap([ev.statement(n)], n);
    } else if (n.type === T.Literal || n.type === T.TemplateLiteral) {
      const text = staticString(n);
      if (text !== undefined && /^\s*\{/.test(text) && text.includes('"Statement"')) {
        const f = ev.document(n);
        if (ev.consumed.has(n)) fragment = f;
      }
    }
    if (!fragment) return;
    const name = declaredAs(n)?.name;
    const label = name ? `policy ${name}` : `policy document at line ${n.loc.start.line}`;
    ctx.policy(fragment, { kind: inferKind(fragment.value), label, owner: undefined as Resource | undefined, attachedTo: [] });
  });
}
