import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { memberName, staticString, unwrap } from './ast.js';
import type { EvalHost } from './evaluate.js';
import { child, Evaluator, isOpen } from './evaluate.js';
import type { Fragment } from './fragment.js';
import { ArrayBuilder, isUnknownValue, knownFragment, ObjectBuilder, unknownFragment } from './fragment.js';
import { jsonStringFragment } from './json-string.js';

const IAM = 'aws-cdk-lib/aws-iam#';
export const POLICY_STATEMENT = `${IAM}PolicyStatement`;
export const POLICY_DOCUMENT = `${IAM}PolicyDocument`;
const PULUMI_GET_DOCUMENT = new Set(['@pulumi/aws/iam#getPolicyDocument', '@pulumi/aws/iam#getPolicyDocumentOutput']);
export const CDKTF_POLICY_DOCUMENT = '@cdktf/provider-aws/lib/data-aws-iam-policy-document#DataAwsIamPolicyDocument';
const POLICY_VERSION = '2012-10-17';
const JSON_ENCODERS = new Set(['#JSON.stringify', '@pulumi/pulumi#jsonStringify', 'cdktf#Fn.jsonencode', '#encodeURIComponent', '@pulumi/pulumi#output']);

/** What a CDK principal object stands for in a statement. */
interface PrincipalInfo {
  star?: TSESTree.Node;
  entries: { type: string; value: Fragment }[];
  conditions: Fragment[];
  action?: string;
  unknown?: TSESTree.Node;
}

/** A list element (`Action`, `Resource`, …) gathered from a constructor prop and later `add…()` calls. */
class ListAcc {
  private builder: ArrayBuilder | undefined;

  constructor(
    private readonly ev: Evaluator,
    private readonly fallback: TSESTree.Node,
    ast: TSESTree.Node | undefined,
  ) {
    if (!ast) return;
    const els = ev.arrayElements(ast);
    if (els) {
      this.builder = new ArrayBuilder(els.node);
      for (const el of els.elements) this.builder.push(el ? ev.value(el) : unknownFragment(ast));
      return;
    }
    const f = ev.value(ast);
    this.builder = new ArrayBuilder(ast);
    if (Array.isArray(f.value)) f.value.forEach((_, i) => this.builder!.push(child(f, i)!));
    else this.builder.push(f);
  }

  add(args: readonly TSESTree.Node[]): void {
    this.builder ??= new ArrayBuilder(this.fallback);
    for (const a of args) this.builder.push(a.type === T.SpreadElement ? unknownFragment(a) : this.ev.value(a));
  }

  addFragment(f: Fragment): void {
    this.builder ??= new ArrayBuilder(this.fallback);
    this.builder.push(f);
  }

  build(): Fragment | undefined {
    return this.builder?.build();
  }
}

/**
 * The evaluator with the IAM policy grammar on top: CDK `PolicyStatement` / `PolicyDocument` and
 * principals, Pulumi `getPolicyDocument`, CDKTF `DataAwsIamPolicyDocument`, JSON strings and
 * `JSON.stringify` — each turned into the standard JSON grammar that `readPolicyDocument` reads, with
 * every part located at the code that wrote it. Policy-like expressions it reads are remembered in
 * `consumed`, so a second pass can pick up the policies no API call used.
 */
export class PolicyEvaluator extends Evaluator {
  readonly consumed = new Set<TSESTree.Node>();
  private policyDepth = 0;

  constructor(host: EvalHost) {
    super(host);
  }

  protected override visitedObject(n: TSESTree.ObjectExpression): void {
    if (this.policyDepth > 0) this.consumed.add(n);
  }

  protected override construct(n: TSESTree.NewExpression): Fragment {
    const key = this.symbol(n.callee);
    if (key === POLICY_STATEMENT) return this.cdkStatement(n);
    if (key === POLICY_DOCUMENT) return this.cdkDocument(n);
    if (key?.startsWith(IAM) && key.endsWith('Principal')) return this.principalFragment([this.principal(n)], n);
    return unknownFragment(n);
  }

  private inPolicy<R>(fn: () => R): R {
    this.policyDepth++;
    try {
      return fn();
    } finally {
      this.policyDepth--;
    }
  }

  /** A policy document wherever one is expected (a string, an object, a CDK document, a data source's `json`). */
  document(expr: TSESTree.Node): Fragment {
    return this.inPolicy(() => this.documentOf(expr));
  }

  private documentOf(expr: TSESTree.Node): Fragment {
    const n = unwrap(expr);
    switch (n.type) {
      case T.Identifier:
        return this.follow(n, (init) => this.documentOf(init)) ?? unknownFragment(n);
      case T.Literal:
      case T.TemplateLiteral: {
        const parsed = jsonStringFragment(n, this.host.text, this.host.locs);
        if (parsed) {
          this.consumed.add(n);
          return parsed;
        }
        return this.value(n);
      }
      case T.AwaitExpression:
        return this.documentOf(n.argument);
      case T.NewExpression: {
        const key = this.symbol(n.callee);
        if (key === POLICY_DOCUMENT) return this.cdkDocument(n);
        return this.value(n);
      }
      case T.CallExpression: {
        const key = this.symbol(n.callee) ?? '';
        const a0 = n.arguments[0];
        if (JSON_ENCODERS.has(key) || key === `${POLICY_DOCUMENT}.fromJson`) return a0 ? this.documentOf(a0) : unknownFragment(n);
        if (PULUMI_GET_DOCUMENT.has(key)) return this.tfDocument(n, a0, 'pulumi');
        const then = this.thenJson(n);
        if (then) return then;
        return this.value(n);
      }
      case T.MemberExpression: {
        const name = memberName(n);
        if (name === 'json' || name === 'minifiedJson') {
          const producer = this.documentProducer(n.object);
          if (producer) return producer;
        }
        return this.value(n);
      }
      default:
        return this.value(n);
    }
  }

  /** `doc.then(d => d.json)` / `doc.then(({ json }) => json)` on a Pulumi `getPolicyDocument` result. */
  private thenJson(n: TSESTree.CallExpression): Fragment | undefined {
    const callee = unwrap(n.callee);
    if (callee.type !== T.MemberExpression || memberName(callee) !== 'then') return undefined;
    const fn = n.arguments[0];
    if (!fn || (fn.type !== T.ArrowFunctionExpression && fn.type !== T.FunctionExpression)) return undefined;
    const param = fn.params[0];
    let body: TSESTree.Node | undefined = fn.body;
    if (body.type === T.BlockStatement) {
      const ret = body.body.length === 1 && body.body[0]!.type === T.ReturnStatement ? body.body[0]!.argument : undefined;
      body = ret ?? undefined;
    }
    if (!param || !body) return undefined;
    const b = unwrap(body);
    const returnsJson =
      (param.type === T.Identifier && b.type === T.MemberExpression && unwrap(b.object).type === T.Identifier &&
        (unwrap(b.object) as TSESTree.Identifier).name === param.name && memberName(b) === 'json') ||
      (param.type === T.ObjectPattern && b.type === T.Identifier && b.name === 'json');
    return returnsJson ? this.documentProducer(callee.object) : undefined;
  }

  /** The document made by a Pulumi `getPolicyDocument` call or a CDKTF `DataAwsIamPolicyDocument`. */
  private documentProducer(expr: TSESTree.Node): Fragment | undefined {
    const n = unwrap(expr);
    if (n.type === T.Identifier) return this.follow(n, (init) => this.documentProducer(init));
    if (n.type === T.AwaitExpression) return this.documentProducer(n.argument);
    if (n.type === T.CallExpression && PULUMI_GET_DOCUMENT.has(this.symbol(n.callee) ?? '')) return this.tfDocument(n, n.arguments[0], 'pulumi');
    if (n.type === T.NewExpression && this.symbol(n.callee) === CDKTF_POLICY_DOCUMENT) return this.tfDocument(n, n.arguments[2], 'cdktf');
    return undefined;
  }

  /** A statement in a CDK document: `new PolicyStatement`, `PolicyStatement.fromJson`, a constant holding one, or JSON. */
  statement(expr: TSESTree.Node): Fragment {
    const n = unwrap(expr);
    if (n.type === T.Identifier) return this.follow(n, (init) => this.statement(init)) ?? unknownFragment(n);
    if (n.type === T.NewExpression && this.symbol(n.callee) === POLICY_STATEMENT) return this.cdkStatement(n);
    return this.inPolicy(() => this.value(n));
  }

  /** `new iam.PolicyStatement({ actions, resources, principals, effect, conditions, … })` plus its `add…()` calls. */
  cdkStatement(n: TSESTree.NewExpression): Fragment {
    this.consumed.add(n);
    const p = this.objectProps(n.arguments[0]);
    const b = new ObjectBuilder(n);
    if (n.arguments[0] && !p.known) return unknownFragment(n);
    if (p.open) b.markOpen();
    const at = (k: string) => p.props.get(k);
    if (at('sid')) b.set('Sid', this.value(at('sid')));
    b.set('Effect', at('effect') ? this.value(at('effect')) : knownFragment('Allow'));
    const lists: [string, ListAcc][] = [
      ['Action', new ListAcc(this, n, at('actions'))],
      ['NotAction', new ListAcc(this, n, at('notActions'))],
      ['Resource', new ListAcc(this, n, at('resources'))],
      ['NotResource', new ListAcc(this, n, at('notResources'))],
    ];
    const list = (name: string) => lists.find(([k]) => k === name)![1];
    const principals = this.principalList(at('principals'));
    const notPrincipals = this.principalList(at('notPrincipals'));
    const conditions: Fragment[] = at('conditions') ? [this.value(at('conditions'))] : [];
    let conditionsUnknown = false;
    for (const { path, call } of this.callsOn(n)) {
      if (path.length !== 1) continue;
      const args = call.arguments;
      switch (path[0]) {
        case 'addActions':
          list('Action').add(args);
          break;
        case 'addNotActions':
          list('NotAction').add(args);
          break;
        case 'addResources':
          list('Resource').add(args);
          break;
        case 'addNotResources':
          list('NotResource').add(args);
          break;
        case 'addAllResources':
          list('Resource').addFragment(knownFragment('*', call));
          break;
        case 'addPrincipals':
          principals.push(...args.map((a) => this.principal(a)));
          break;
        case 'addNotPrincipals':
          notPrincipals.push(...args.map((a) => this.principal(a)));
          break;
        case 'addAnyPrincipal':
          principals.push({ entries: [{ type: 'AWS', value: knownFragment('*', call) }], conditions: [] });
          break;
        case 'addArnPrincipal':
          principals.push({ entries: [{ type: 'AWS', value: this.value(args[0]) }], conditions: [] });
          break;
        case 'addServicePrincipal':
          principals.push({ entries: [{ type: 'Service', value: this.value(args[0]) }], conditions: [] });
          break;
        case 'addAwsAccountPrincipal':
          principals.push({ entries: [{ type: 'AWS', value: this.accountArn(args[0], call) }], conditions: [] });
          break;
        case 'addAccountRootPrincipal':
          principals.push({ entries: [{ type: 'AWS', value: unknownFragment(call, 'the account is known only at deploy time') }], conditions: [] });
          break;
        case 'addFederatedPrincipal':
          principals.push({ entries: [{ type: 'Federated', value: this.value(args[0]) }], conditions: args[1] ? [this.value(args[1])] : [] });
          break;
        case 'addCanonicalUserPrincipal':
          principals.push({ entries: [{ type: 'CanonicalUser', value: this.value(args[0]) }], conditions: [] });
          break;
        case 'addCondition':
        case 'addConditions':
        case 'addAccountCondition':
        case 'addSourceAccountCondition':
        case 'addSourceArnCondition':
        case 'addAwsAccountCondition':
          conditionsUnknown = true;
          break;
      }
    }
    for (const [k, acc] of lists) {
      const f = acc.build();
      if (f) b.set(k, f);
    }
    const principalsAst = at('principals');
    if (principals.length) b.set('Principal', this.principalFragment(principals, principalsAst ?? n));
    if (notPrincipals.length) b.set('NotPrincipal', this.principalFragment(notPrincipals, at('notPrincipals') ?? n));
    conditions.push(...principals.flatMap((pr) => pr.conditions));
    const cond = conditionsUnknown ? unknownFragment(n, 'conditions are added in code the linter does not follow') : mergeConditions(conditions, at('conditions') ?? n);
    if (cond) b.set('Condition', cond);
    return b.build();
  }

  /** `new iam.PolicyDocument({ statements })` plus its `addStatements()` calls; CDK always writes Version 2012-10-17. */
  cdkDocument(n: TSESTree.NewExpression): Fragment {
    this.consumed.add(n);
    const p = this.objectProps(n.arguments[0]);
    if (n.arguments[0] && !p.known) return unknownFragment(n);
    const b = new ObjectBuilder(n);
    b.set('Version', knownFragment(POLICY_VERSION));
    const stmtsAst = p.props.get('statements');
    const stmts = new ArrayBuilder(stmtsAst ?? n);
    const els = stmtsAst ? this.arrayElements(stmtsAst) : { node: n, elements: [] };
    if (!els) stmts.push(unknownFragment(stmtsAst));
    else for (const el of els.elements) stmts.push(el ? this.statement(el) : unknownFragment(stmtsAst));
    for (const { path, call } of this.callsOn(n)) {
      if (path.length === 1 && path[0] === 'addStatements') for (const a of call.arguments) stmts.push(this.statement(a));
    }
    b.set('Statement', stmts.build());
    return b.build();
  }

  /** Pulumi `getPolicyDocument({ statements })` / CDKTF `DataAwsIamPolicyDocument(…, { statement })` in the JSON grammar. */
  tfDocument(at: TSESTree.Node, argsExpr: TSESTree.Node | undefined, style: 'pulumi' | 'cdktf'): Fragment {
    this.consumed.add(at);
    const p = this.objectProps(argsExpr);
    if (!p.known) return unknownFragment(at);
    const b = new ObjectBuilder(p.node ?? at);
    b.set('Version', p.props.get('version') ? this.value(p.props.get('version')) : knownFragment(POLICY_VERSION));
    const stmtsAst = p.props.get(style === 'pulumi' ? 'statements' : 'statement');
    const stmts = new ArrayBuilder(stmtsAst ?? at);
    if (stmtsAst) {
      const els = this.arrayElements(stmtsAst);
      if (!els) stmts.push(unknownFragment(stmtsAst));
      else for (const el of els.elements) stmts.push(el ? this.tfStatement(el, style) : unknownFragment(stmtsAst));
    }
    // Statements merged in from other documents are not followed.
    for (const merged of ['sourcePolicyDocuments', 'overridePolicyDocuments', 'sourceJson', 'overrideJson']) {
      const m = p.props.get(merged);
      if (m) stmts.push(unknownFragment(m, 'statements merged from another document are not followed'));
    }
    b.set('Statement', stmts.build());
    return b.build();
  }

  private tfStatement(el: TSESTree.Node, style: 'pulumi' | 'cdktf'): Fragment {
    const p = this.objectProps(el);
    if (!p.known) return unknownFragment(el);
    const b = new ObjectBuilder(p.node ?? el);
    if (p.open) b.markOpen();
    const at = (k: string) => p.props.get(k);
    if (at('sid')) b.set('Sid', this.value(at('sid')));
    b.set('Effect', at('effect') ? this.value(at('effect')) : knownFragment('Allow'));
    for (const [key, prop] of [
      ['Action', 'actions'],
      ['NotAction', 'notActions'],
      ['Resource', 'resources'],
      ['NotResource', 'notResources'],
    ] as const) {
      const ast = at(prop);
      if (ast) b.set(key, this.value(ast));
    }
    for (const [key, prop] of [
      ['Principal', 'principals'],
      ['NotPrincipal', 'notPrincipals'],
    ] as const) {
      const ast = at(prop);
      if (ast) b.set(key, this.tfPrincipals(ast));
    }
    const condAst = at(style === 'pulumi' ? 'conditions' : 'condition');
    if (condAst) b.set('Condition', this.tfConditions(condAst));
    return b.build();
  }

  /** `[{ type: 'AWS', identifiers: [...] }]` → `{ AWS: [...] }`; type `*` → `"*"`. */
  private tfPrincipals(ast: TSESTree.Node): Fragment {
    const els = this.arrayElements(ast);
    if (!els) return unknownFragment(ast);
    const infos: PrincipalInfo[] = [];
    for (const el of els.elements) {
      const p = el ? this.objectProps(el) : undefined;
      const type = p?.known ? staticString(p.props.get('type')) : undefined;
      const ids = p?.props.get('identifiers');
      if (!p || type === undefined || !ids) {
        infos.push({ entries: [], conditions: [], unknown: el ?? ast });
        continue;
      }
      if (type === '*') infos.push({ star: ids, entries: [], conditions: [] });
      else infos.push({ entries: [{ type, value: this.value(ids) }], conditions: [] });
    }
    return this.principalFragment(infos, els.node);
  }

  /** `[{ test, variable, values }]` → `{ [test]: { [variable]: values } }`; unknown as a whole when any part is. */
  private tfConditions(ast: TSESTree.Node): Fragment {
    const els = this.arrayElements(ast);
    if (!els) return unknownFragment(ast);
    const ops = new Map<string, ObjectBuilder>();
    for (const el of els.elements) {
      const p = el ? this.objectProps(el) : undefined;
      const test = p?.known ? staticString(p.props.get('test')) : undefined;
      const variable = p?.known ? staticString(p.props.get('variable')) : undefined;
      if (!p || test === undefined || variable === undefined) return unknownFragment(ast, 'a condition is not a literal in source');
      let op = ops.get(test);
      if (!op) ops.set(test, (op = new ObjectBuilder(el)));
      op.set(variable, this.value(p.props.get('values')));
    }
    const b = new ObjectBuilder(els.node);
    for (const [test, op] of ops) b.set(test, op.build());
    return b.build();
  }

  private principalList(ast: TSESTree.Node | undefined): PrincipalInfo[] {
    if (!ast) return [];
    const els = this.arrayElements(ast);
    if (!els) return [{ entries: [], conditions: [], unknown: ast }];
    return els.elements.map((el) => (el ? this.principal(el) : { entries: [], conditions: [], unknown: ast }));
  }

  private accountArn(arg: TSESTree.Node | undefined, at: TSESTree.Node): Fragment {
    const f = arg ? this.value(arg) : undefined;
    if (f && (typeof f.value === 'string' || typeof f.value === 'number')) {
      const v = String(f.value);
      return knownFragment(v.startsWith('arn:') ? v : `arn:aws:iam::${v}:root`, arg);
    }
    return unknownFragment(arg ?? at, 'the account is not a literal in source', `arn:aws:iam::\${${arg ? this.source(arg) : ''}}:root`);
  }

  /** A CDK principal object (`new iam.ServicePrincipal('ec2.amazonaws.com')`, `new iam.AnyPrincipal()`, …). */
  principal(expr: TSESTree.Node): PrincipalInfo {
    const n = unwrap(expr);
    const none = { entries: [], conditions: [] };
    if (n.type === T.Identifier) return this.follow(n, (init) => this.principal(init)) ?? { ...none, unknown: n };
    if (n.type === T.CallExpression) {
      const callee = unwrap(n.callee);
      const name = callee.type === T.MemberExpression ? memberName(callee) : undefined;
      if (callee.type === T.MemberExpression && name === 'withConditions') {
        const inner = this.principal(callee.object);
        return { ...inner, conditions: [...inner.conditions, this.value(n.arguments[0])] };
      }
      if (callee.type === T.MemberExpression && name === 'withSessionTags') return this.principal(callee.object);
      return { ...none, unknown: n };
    }
    if (n.type !== T.NewExpression) return { ...none, unknown: n };
    const key = this.symbol(n.callee) ?? '';
    const [a0, a1, a2] = n.arguments;
    const entry = (type: string, value: Fragment): PrincipalInfo => ({ entries: [{ type, value }], conditions: [] });
    const conds = (c: TSESTree.Node | undefined) => (c ? [this.value(c)] : []);
    switch (key.startsWith(IAM) ? key.slice(IAM.length) : '') {
      case 'ServicePrincipal':
        return entry('Service', this.value(a0));
      case 'ArnPrincipal':
        return entry('AWS', this.value(a0));
      case 'AccountPrincipal':
        return entry('AWS', this.accountArn(a0, n));
      case 'AccountRootPrincipal':
        return entry('AWS', unknownFragment(n, 'the account is known only at deploy time'));
      case 'AnyPrincipal':
        return entry('AWS', knownFragment('*', n));
      case 'StarPrincipal':
        return { star: n, entries: [], conditions: [] };
      case 'FederatedPrincipal':
        return { ...entry('Federated', this.value(a0)), conditions: conds(a1), action: staticString(a2) ?? 'sts:AssumeRole' };
      case 'WebIdentityPrincipal':
        return { ...entry('Federated', this.value(a0)), conditions: conds(a1), action: 'sts:AssumeRoleWithWebIdentity' };
      case 'OpenIdConnectPrincipal':
        return { ...entry('Federated', unknownFragment(a0 ?? n)), conditions: conds(a1), action: 'sts:AssumeRoleWithWebIdentity' };
      case 'SamlPrincipal':
      case 'SamlConsolePrincipal':
        return { ...entry('Federated', unknownFragment(a0 ?? n)), conditions: conds(a1), action: 'sts:AssumeRoleWithSAML' };
      case 'OrganizationPrincipal': {
        const org = new ObjectBuilder(n).set('aws:PrincipalOrgID', this.value(a0)).build();
        return { ...entry('AWS', knownFragment('*', n)), conditions: [new ObjectBuilder(n).set('StringEquals', org).build()] };
      }
      case 'CanonicalUserPrincipal':
        return entry('CanonicalUser', this.value(a0));
      case 'CompositePrincipal': {
        const parts = n.arguments.map((a) => (a.type === T.SpreadElement ? { ...none, unknown: a } : this.principal(a)));
        return {
          star: parts.find((x) => x.star)?.star,
          entries: parts.flatMap((x) => x.entries),
          conditions: parts.flatMap((x) => x.conditions),
          action: parts.find((x) => x.action)?.action,
          unknown: parts.find((x) => x.unknown)?.unknown,
        };
      }
      case 'SessionTagsPrincipal':
        return a0 ? this.principal(a0) : { ...none, unknown: n };
      case 'PrincipalWithConditions': {
        const inner = a0 ? this.principal(a0) : { ...none, unknown: n };
        return { ...inner, conditions: [...inner.conditions, ...conds(a1)] };
      }
      default:
        return { ...none, unknown: n };
    }
  }

  /** Several principals as one `Principal` element (`"*"` when any is the star principal). */
  principalFragment(infos: readonly PrincipalInfo[], at: TSESTree.Node): Fragment {
    const star = infos.find((i) => i.star)?.star;
    if (star) return knownFragment('*', star);
    const byType = new Map<string, Fragment[]>();
    for (const info of infos) for (const e of info.entries) byType.set(e.type, [...(byType.get(e.type) ?? []), e.value]);
    const unknownAt = infos.find((i) => i.unknown)?.unknown;
    if (!byType.size) return unknownFragment(unknownAt ?? at);
    const b = new ObjectBuilder(at);
    for (const [type, values] of byType) {
      if (values.length === 1) b.set(type, values[0]!);
      else {
        const arr = new ArrayBuilder();
        for (const v of values) arr.push(v);
        b.set(type, arr.build());
      }
    }
    if (unknownAt) b.markOpen();
    return b.build();
  }

  /** The trust policy CDK writes for `assumedBy` (plus `externalIds`). */
  trustDocument(assumedBy: TSESTree.Node, externalIds: TSESTree.Node | undefined, added: readonly Fragment[] = []): Fragment {
    const info = this.principal(assumedBy);
    const stmt = new ObjectBuilder();
    stmt.set('Effect', knownFragment('Allow'));
    stmt.set('Action', knownFragment(info.action ?? 'sts:AssumeRole'));
    stmt.set('Principal', this.principalFragment([info], assumedBy));
    const conditions = [...info.conditions];
    if (externalIds) {
      const ext = new ObjectBuilder(externalIds).set('sts:ExternalId', this.value(externalIds)).build();
      conditions.push(new ObjectBuilder(externalIds).set('StringEquals', ext).build());
    }
    const cond = mergeConditions(conditions, assumedBy);
    if (cond) stmt.set('Condition', cond);
    const doc = new ObjectBuilder(assumedBy);
    doc.set('Version', knownFragment(POLICY_VERSION));
    const stmts = new ArrayBuilder().push(stmt.build());
    for (const a of added) stmts.push(a);
    doc.set('Statement', stmts.build());
    return doc.build();
  }
}

/** Merges condition blocks (`{ StringEquals: {…} }`) into one; unknown when any block is not a literal. */
function mergeConditions(blocks: readonly Fragment[], at: TSESTree.Node): Fragment | undefined {
  if (!blocks.length) return undefined;
  if (blocks.length === 1) return blocks[0];
  const ops = new Map<string, ObjectBuilder>();
  for (const block of blocks) {
    const v = block.value;
    if (!v || typeof v !== 'object' || Array.isArray(v) || isUnknownValue(v) || isOpen(block)) return unknownFragment(at, 'a condition is not a literal in source');
    for (const op of Object.keys(v)) {
      const opFrag = child(block, op)!;
      const ov = opFrag.value;
      if (!ov || typeof ov !== 'object' || Array.isArray(ov) || isUnknownValue(ov)) return unknownFragment(at, 'a condition is not a literal in source');
      let target = ops.get(op);
      if (!target) ops.set(op, (target = new ObjectBuilder()));
      for (const k of Object.keys(ov)) target.set(k, child(opFrag, k)!);
    }
  }
  const b = new ObjectBuilder(at);
  for (const [op, o] of ops) b.set(op, o.build());
  return b.build();
}
