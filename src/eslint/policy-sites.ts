import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { PolicyKind } from '../model/model.js';
import type { Json } from '../model/source.js';
import { keyName, memberName, staticString, unwrap } from './ast.js';
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
  for (const n of ctx.nodes) {
    if (n.type !== T.CallExpression) continue;
    const callee = unwrap(n.callee);
    const arg = n.arguments[0];
    if (callee.type !== T.MemberExpression || !arg || arg.type === T.SpreadElement) continue;
    const method = memberName(callee) ?? '';
    if (!IDENTITY_ADDERS.has(method) && method !== 'addToResourcePolicy') continue;
    const ref = ctx.refOf(callee.object);
    const owner = ref.construct?.resource;
    const receiver = ctx.ev.source(callee.object);
    if (method === 'addToResourcePolicy') {
      const label = `resource policy of ${owner?.id ?? receiver}`;
      ctx.policy(wrap([ctx.ev.statement(arg)], n), { kind: 'resource', label, owner, attachedTo: [] });
      continue;
    }
    const identity = ROLE_ATTRIBUTES.has(ref.attribute) ? ctx.identityOf(ref.construct) : undefined;
    if (!identity) {
      ctx.policy(wrap([ctx.ev.statement(arg)], n), { kind: 'identity', label: `policy added with ${receiver}.${method}`, owner, attachedTo: [] });
      continue;
    }
    const entry = byIdentity.get(identity) ?? { at: n, statements: [] };
    entry.statements.push(ctx.ev.statement(arg));
    byIdentity.set(identity, entry);
  }
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

function prop(n: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  for (const p of n.properties) if (p.type === T.Property && keyName(p.key, p.computed) === name) return unwrap(p.value);
  return undefined;
}

const EFFECT = /^(allow|deny)$/i;
const isList = (v: TSESTree.Node | undefined) => !!v && (staticString(v) !== undefined || v.type === T.ArrayExpression || v.type === T.TemplateLiteral);

/**
 * An object literal that reads as a policy statement: `Effect: 'Allow' | 'Deny'` written literally, or
 * actions with resources or principals. Objects that merely have such keys (a JSON Schema of the
 * grammar, a form model) do not.
 */
function looksLikeStatement(n: TSESTree.Node | null | undefined): boolean {
  if (n?.type !== T.ObjectExpression) return false;
  const effect = staticString(prop(n, 'Effect'));
  if (effect !== undefined) return EFFECT.test(effect);
  const actions = isList(prop(n, 'Action')) || isList(prop(n, 'NotAction'));
  return actions && ['Resource', 'NotResource', 'Principal', 'NotPrincipal'].some((k) => prop(n, k));
}

/** An object literal that reads as a policy document: a `Statement` of statement-like objects, and a literal `Version` if any. */
function looksLikeDocument(n: TSESTree.ObjectExpression, target: (e: TSESTree.Node) => TSESTree.Node): boolean {
  const written = prop(n, 'Statement');
  const statement = written && target(written);
  const version = prop(n, 'Version');
  if (!statement || (version && staticString(version) === undefined)) return false;
  if (statement.type === T.ArrayExpression) return statement.elements.some((e) => !!e && e.type !== T.SpreadElement && looksLikeStatement(target(e)));
  return looksLikeStatement(statement);
}

/** The same test on parsed JSON (a policy written as a JSON string). */
function jsonLooksLikeDocument(v: Json): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const statement = v.Statement;
  if (statement === undefined || (v.Version !== undefined && typeof v.Version !== 'string')) return false;
  const items = Array.isArray(statement) ? statement : [statement];
  return items.some((s) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return false;
    if (typeof s.Effect === 'string') return EFFECT.test(s.Effect);
    return (s.Action !== undefined || s.NotAction !== undefined) && ['Resource', 'NotResource', 'Principal', 'NotPrincipal'].some((k) => k in s);
  });
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
  for (const n of ctx.nodes) {
    if (ev.consumed.has(n)) continue;
    let fragment: Fragment | undefined;
    if (n.type === T.NewExpression) {
      const key = ev.symbol(n.callee);
      if (key === POLICY_DOCUMENT) fragment = ev.document(n);
      else if (key === POLICY_STATEMENT) fragment = wrap([ev.statement(n)], n);
      else if (key === CDKTF_POLICY_DOCUMENT) fragment = ev.tfDocument(n, n.arguments[2], 'cdktf');
    } else if (n.type === T.CallExpression && PULUMI_GET_DOCUMENT.has(ev.symbol(n.callee) ?? '')) {
      fragment = ev.document(n);
    } else if (n.type === T.ObjectExpression) {
      if (looksLikeDocument(n, (e) => ev.target(e))) fragment = ev.document(n);
      else if (looksLikeStatement(n) && staticString(prop(n, 'Effect')) !== undefined) fragment = wrap([ev.statement(n)], n);
    } else if (n.type === T.Literal || n.type === T.TemplateLiteral) {
      const text = staticString(n);
      if (text !== undefined && /^\s*\{/.test(text) && text.includes('"Statement"')) {
        const f = ev.document(n);
        if (ev.consumed.has(n) && jsonLooksLikeDocument(f.value)) fragment = f;
      }
    }
    if (!fragment) continue;
    const name = declaredAs(n)?.name;
    const label = name ? `policy ${name}` : `policy document at line ${n.loc.start.line}`;
    ctx.policy(fragment, { kind: inferKind(fragment.value), label, attachedTo: [] });
  }
}
