import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { AccessKey, Group, InstanceProfile, Link, PolicyDocument, Role, User } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { Prop, Value } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import { memberName, staticString } from './ast.js';
import type { Construct, IdentityView, Mutable, SourceContext } from './context.js';
import type { Fragment } from './fragment.js';
import { ArrayBuilder, knownFragment, ObjectBuilder, unknownFragment } from './fragment.js';

const POLICY_VERSION = '2012-10-17';

/** Items of a list prop, each resolved; an absent list has none. */
export function listValues(ctx: SourceContext, prop: Prop): Value[] {
  const out: Value[] = [];
  for (const v of prop) {
    if (v.state === 'absent') continue;
    if (v.state === 'known' && Array.isArray(v.value) && v.node.isArray) for (const item of v.node.items()) out.push(...ctx.resolve(item));
    else out.push(v);
  }
  return out;
}

/** Views found by a literal name they are given (`RoleName`, `name`), for the SDK and Terraform styles that link by name. */
export class NameIndex {
  private readonly names = new Map<string, Construct>();
  add(c: Construct, name: Prop): void {
    for (const v of name) if (v.state === 'known' && typeof v.value === 'string' && !this.names.has(v.value)) this.names.set(v.value, c);
  }
  get(name: string): Construct | undefined {
    return this.names.get(name.startsWith('arn:') ? name.slice(name.lastIndexOf('/') + 1) : name);
  }
}

export interface Indexes {
  role: NameIndex;
  user: NameIndex;
  group: NameIndex;
  profile: NameIndex;
}

/** Roles, users, groups, their policies, instance profiles and access keys of one source file. */
export function readIam(ctx: SourceContext): Indexes {
  const idx: Indexes = { role: new NameIndex(), user: new NameIndex(), group: new NameIndex(), profile: new NameIndex() };
  for (const c of ctx.constructs) {
    const shape = c.rec.spec.shape;
    if (shape === 'cdk-role' || shape === 'cfn-role' || shape === 'tf-role' || shape === 'sdk-create-role' || shape === 'sdk-update-role') readRole(ctx, idx, c);
    else if (shape === 'cdk-user' || shape === 'cfn-user' || shape === 'tf-user' || shape === 'sdk-create-user') readIdentity(ctx, idx, c, 'user');
    else if (shape === 'cdk-group' || shape === 'cfn-group' || shape === 'tf-group') readIdentity(ctx, idx, c, 'group');
  }
  for (const c of ctx.constructs) readPolicyConstruct(ctx, idx, c);
  for (const c of ctx.constructs) linkIdentityPolicies(ctx, c);
  for (const c of ctx.constructs) readInstanceProfile(ctx, idx, c);
  readAccessKeys(ctx, idx);
  return idx;
}

function nameKey(shape: string): string {
  if (shape.startsWith('sdk-')) return shape === 'sdk-create-user' ? 'UserName' : 'RoleName';
  if (shape.startsWith('tf-')) return 'name';
  return '';
}

function readRole(ctx: SourceContext, idx: Indexes, c: Construct): void {
  const shape = c.rec.spec.shape;
  const r = c.resource;
  const nameProp = shape === 'cdk-role' || shape === 'cfn-role' ? 'roleName' : nameKey(shape);
  const maxProp = shape.startsWith('sdk-') ? 'MaxSessionDuration' : 'maxSessionDuration';
  const role: Mutable<Role> = {
    kind: 'role',
    resource: r,
    name: ctx.prop(c, nameProp),
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: [],
    trustPolicyProp: [],
    maxSessionDuration: ctx.prop(c, maxProp),
    instanceProfiles: [],
  };
  const trustLabel = `trust policy of role ${r.id}`;
  let trust: Fragment | undefined;
  let trustProp = 'assumeRolePolicy';
  switch (shape) {
    case 'cdk-role': {
      trustProp = 'assumedBy';
      const assumedBy = ctx.ast(c, 'assumedBy');
      // `role.assumeRolePolicy?.addStatements(…)` adds to the trust policy CDK writes.
      const added = ctx.ev
        .callsOn(c.rec.node)
        .filter((x) => x.path.join('.') === 'assumeRolePolicy.addStatements')
        .flatMap(({ call }) => call.arguments.map((a) => ctx.ev.statement(a)));
      if (assumedBy) trust = ctx.ev.trustDocument(assumedBy, ctx.ast(c, 'externalIds'), added);
      break;
    }
    case 'cfn-role':
      trustProp = 'assumeRolePolicyDocument';
      break;
    case 'sdk-create-role':
      trustProp = 'AssumeRolePolicyDocument';
      break;
    case 'sdk-update-role':
      trustProp = '';
      break;
  }
  if (!trust && trustProp) {
    const ast = ctx.ast(c, trustProp);
    if (ast) trust = ctx.ev.document(ast);
  }
  if (trust) {
    role.trustPolicy = ctx.policy(trust, { kind: 'trust', label: trustLabel, owner: r, attachedTo: [role] });
    role.trustPolicyProp = [known(role.trustPolicy.node, role.trustPolicy.node.value ?? null)];
  } else if (!trustProp) {
    role.trustPolicyProp = [unknown(r.node, 'this call does not set the trust policy')];
  } else role.trustPolicyProp = ctx.prop(c, trustProp);
  c.role = role;
  ctx.builder.roles.push(role);
  idx.role.add(c, role.name);
}

function readIdentity(ctx: SourceContext, idx: Indexes, c: Construct, kind: 'user' | 'group'): void {
  const shape = c.rec.spec.shape;
  const nameProp = shape.startsWith('cdk-') || shape.startsWith('cfn-') ? `${kind}Name` : nameKey(shape);
  const base = {
    resource: c.resource,
    name: ctx.prop(c, nameProp),
    inlinePolicies: [] as PolicyDocument[],
    attachedPolicies: [] as PolicyDocument[],
    managedPolicyArns: [] as Value[],
  };
  if (kind === 'user') {
    const user: Mutable<User> = { kind: 'user', ...base, accessKeys: [] };
    c.user = user;
    ctx.builder.users.push(user);
    idx.user.add(c, user.name);
  } else {
    const group: Mutable<Group> = { kind: 'group', ...base };
    c.group = group;
    ctx.builder.groups.push(group);
    idx.group.add(c, group.name);
  }
}

/** Managed policies and inline policies written inside a role, user or group. */
function linkIdentityPolicies(ctx: SourceContext, c: Construct): void {
  const identity = c.role ?? c.user ?? c.group;
  if (!identity) return;
  const shape = c.rec.spec.shape;
  const r = c.resource;
  const kind = identity.kind;
  if (shape === 'cdk-role' || shape === 'cdk-user' || shape === 'cdk-group') {
    const managed = ctx.ast(c, 'managedPolicies');
    const items = managed ? ctx.ev.arrayElements(managed) : undefined;
    const values = listValues(ctx, ctx.prop(c, 'managedPolicies'));
    items?.elements.forEach((el, i) => {
      const policy = el ? ctx.refOf(el).construct?.policy : undefined;
      if (policy) ctx.attach(policy, identity, 'attached');
      else if (values[i]) identity.managedPolicyArns.push(values[i]!);
    });
    if (managed && !items) identity.managedPolicyArns.push(...values);
    for (const { path, call } of ctx.ev.callsOn(c.rec.node)) {
      const arg = call.arguments[0];
      if (path.length !== 1 || !arg) continue;
      if (path[0] === 'addManagedPolicy') {
        const policy = ctx.refOf(arg).construct?.policy;
        if (policy) ctx.attach(policy, identity, 'attached');
        else identity.managedPolicyArns.push(ctx.valueOf(arg));
      } else if (path[0] === 'attachInlinePolicy') {
        const policy = ctx.refOf(arg).construct?.policy;
        if (policy) ctx.attach(policy, identity, 'inline');
      }
    }
    if (shape === 'cdk-role') {
      const inline = ctx.ev.objectProps(ctx.ast(c, 'inlinePolicies'));
      for (const [name, ast] of inline.props) {
        const doc = ctx.policy(ctx.ev.document(ast), { kind: 'identity', label: `inline policy ${name} of role ${r.id}`, owner: r, attachedTo: [identity] });
        identity.inlinePolicies.push(doc);
      }
    }
    return;
  }
  identity.managedPolicyArns.push(...listValues(ctx, ctx.prop(c, shape.startsWith('sdk-') ? 'ManagedPolicyArns' : 'managedPolicyArns')));
  // CloudFormation-style `policies: [{ policyName, policyDocument }]`, Pulumi `inlinePolicies` and CDKTF `inlinePolicy: [{ name, policy }]`.
  const listKey = shape.startsWith('cfn-') ? 'policies' : c.rec.spec.framework === 'pulumi' ? 'inlinePolicies' : 'inlinePolicy';
  const [nameKeyOf, docKey] = shape.startsWith('cfn-') ? ['policyName', 'policyDocument'] : ['name', 'policy'];
  const els = ctx.ev.arrayElements(ctx.ast(c, listKey));
  els?.elements.forEach((el, i) => {
    const entry = ctx.ev.objectProps(el);
    const docAst = entry.props.get(docKey);
    if (!docAst) return;
    const name = staticString(entry.props.get(nameKeyOf)) ?? `#${i + 1}`;
    const doc = ctx.policy(ctx.ev.document(docAst), { kind: 'identity', label: `inline policy ${name} of ${kind} ${r.id}`, owner: r, attachedTo: [identity] });
    identity.inlinePolicies.push(doc);
  });
}

/** A document from CDK `statements: [...]` (plus `addStatements(…)` calls), as CDK writes it. */
function statementsDocument(ctx: SourceContext, c: Construct): Fragment {
  const b = new ObjectBuilder(c.rec.node);
  b.set('Version', knownFragment(POLICY_VERSION));
  const ast = ctx.ast(c, 'statements');
  const stmts = new ArrayBuilder(ast ?? c.rec.node);
  const els = ctx.ev.arrayElements(ast);
  if (ast && !els) stmts.push(unknownFragment(ast));
  for (const el of els?.elements ?? []) stmts.push(el ? ctx.ev.statement(el) : unknownFragment(ast));
  for (const { path, call } of ctx.ev.callsOn(c.rec.node)) {
    if (path.length === 1 && path[0] === 'addStatements') for (const a of call.arguments) stmts.push(ctx.ev.statement(a));
  }
  b.set('Statement', stmts.build());
  return b.build();
}

function identityTarget(ctx: SourceContext, idx: Indexes, kind: 'role' | 'user' | 'group', ast: TSESTree.Node | undefined): IdentityView | undefined {
  const ref = ctx.refOf(ast);
  const c = ref.construct ?? (ref.literal !== undefined ? idx[kind].get(ref.literal) : undefined);
  const id = ctx.identityOf(c);
  return id?.kind === kind ? id : undefined;
}

function readPolicyConstruct(ctx: SourceContext, idx: Indexes, c: Construct): void {
  const spec = c.rec.spec;
  const r = c.resource;
  const ev = ctx.ev;
  switch (spec.shape) {
    case 'cdk-policy':
    case 'cfn-policy': {
      const how = spec.detail === 'managed' ? 'attached' : 'inline';
      const docAst = ctx.ast(c, spec.shape === 'cdk-policy' ? 'document' : 'policyDocument');
      const fragment = docAst ? ev.document(docAst) : statementsDocument(ctx, c);
      const doc = ctx.policy(fragment, { kind: 'identity', label: `${how === 'inline' ? 'policy' : 'managed policy'} ${r.id}`, owner: r, attachedTo: [] });
      c.policy = doc;
      for (const kind of ['role', 'user', 'group'] as const) {
        const els = ev.arrayElements(ctx.ast(c, `${kind}s`));
        for (const el of els?.elements ?? []) {
          const target = el && identityTarget(ctx, idx, kind, el);
          if (target) ctx.attach(doc, target, how);
        }
      }
      for (const { path, call } of ev.callsOn(c.rec.node)) {
        const m = /^attachTo(Role|User|Group)$/.exec(path.join('.'));
        const kind = m?.[1]?.toLowerCase() as 'role' | 'user' | 'group' | undefined;
        const target = kind && identityTarget(ctx, idx, kind, call.arguments[0]);
        if (target) ctx.attach(doc, target, how);
      }
      return;
    }
    case 'tf-policy':
    case 'tf-identity-policy':
    case 'sdk-identity-policy':
    case 'sdk-trust-policy':
    case 'resource-policy': {
      const sdk = spec.framework === 'sdk';
      const [prop, what] = spec.shape === 'resource-policy' ? (spec.detail ?? 'policy:policy').split(':') : [sdk ? 'PolicyDocument' : 'policy', ''];
      const ast = ctx.ast(c, prop!);
      if (!ast) return;
      const kind = spec.shape === 'resource-policy' ? 'resource' : spec.shape === 'sdk-trust-policy' ? 'trust' : 'identity';
      const who = spec.detail === 'role' || spec.detail === 'user' || spec.detail === 'group' ? spec.detail : undefined;
      const whoAst = who ? ctx.ast(c, sdk ? `${who[0]!.toUpperCase()}${who.slice(1)}Name` : who) : spec.shape === 'sdk-trust-policy' ? ctx.ast(c, 'RoleName') : undefined;
      const whoName = staticString(whoAst);
      let label: string;
      if (spec.shape === 'resource-policy') label = `${what} ${r.id}`;
      else if (spec.shape === 'sdk-trust-policy') label = `trust policy of role ${whoName ?? r.id}`;
      else if (who && sdk) label = `inline policy ${staticString(ctx.ast(c, 'PolicyName')) ?? r.id} of ${who} ${whoName ?? 'named at runtime'}`;
      else if (who) label = `${who} policy ${r.id}`;
      else label = `${sdk || spec.shape === 'tf-policy' ? 'managed policy' : 'policy'} ${r.id}`;
      const doc = ctx.policy(ev.document(ast), { kind, label, owner: r, attachedTo: [] });
      c.policy = doc;
      const target = who ? identityTarget(ctx, idx, who, whoAst) : undefined;
      if (target) ctx.attach(doc, target, 'inline');
      return;
    }
    case 'tf-attachment':
    case 'sdk-attach': {
      const who = spec.detail as 'role' | 'user' | 'group';
      const sdk = spec.framework === 'sdk';
      const whoKey = sdk ? `${who[0]!.toUpperCase()}${who.slice(1)}Name` : who;
      const arnKey = sdk ? 'PolicyArn' : 'policyArn';
      const identity = identityTarget(ctx, idx, who, ctx.ast(c, whoKey)) ?? externalIdentity(ctx, c, who, whoKey);
      const policy = ctx.refOf(ctx.ast(c, arnKey)).construct?.policy;
      if (policy) ctx.attach(policy, identity, 'attached');
      else identity.managedPolicyArns.push(...ctx.prop(c, arnKey).filter((v) => v.state !== 'absent'));
      return;
    }
  }
}

/** An identity that a policy attachment names but the file does not define: a view of its own, made from the attachment. */
function externalIdentity(ctx: SourceContext, c: Construct, kind: 'role' | 'user' | 'group', nameKey: string): IdentityView {
  const base = { resource: c.resource, name: ctx.prop(c, nameKey), inlinePolicies: [], attachedPolicies: [], managedPolicyArns: [] };
  const reason = `the ${kind} is not defined in this file`;
  if (kind === 'role') {
    const role: Mutable<Role> = {
      kind: 'role',
      ...base,
      trustPolicyProp: [unknown(c.resource.node, reason)],
      maxSessionDuration: [unknown(c.resource.node, reason)],
      instanceProfiles: [],
    };
    ctx.builder.roles.push(role);
    return role;
  }
  if (kind === 'user') {
    const user: Mutable<User> = { kind: 'user', ...base, accessKeys: [] };
    ctx.builder.users.push(user);
    return user;
  }
  const group: Mutable<Group> = { kind: 'group', ...base };
  ctx.builder.groups.push(group);
  return group;
}

/** The role CDK creates for an instance or profile without one: trusted by EC2, default session duration. */
export function createdRole(ctx: SourceContext, c: Construct, at: TSESTree.Node): Mutable<Role> {
  const resource = ctx.synthetic(at, 'AWS::IAM::Role', `${c.resource.id}/InstanceRole`);
  const principal = new ObjectBuilder(at).set('Service', knownFragment('ec2.amazonaws.com')).build();
  const stmt = new ObjectBuilder()
    .set('Effect', knownFragment('Allow'))
    .set('Action', knownFragment('sts:AssumeRole'))
    .set('Principal', principal)
    .build();
  const doc = new ObjectBuilder(at).set('Version', knownFragment(POLICY_VERSION)).set('Statement', new ArrayBuilder().push(stmt).build()).build();
  const role: Mutable<Role> = {
    kind: 'role',
    resource,
    name: [unknown(resource.node, 'CDK names the role at synthesis')],
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: [],
    trustPolicyProp: [],
    maxSessionDuration: [absent(resource.properties.child('maxSessionDuration'))],
    instanceProfiles: [],
  };
  role.trustPolicy = ctx.policy(doc, { kind: 'trust', label: `trust policy of role ${resource.id}`, owner: resource, attachedTo: [role] });
  role.trustPolicyProp = [known(role.trustPolicy.node, role.trustPolicy.node.value ?? null)];
  ctx.builder.roles.push(role);
  c.instanceRole = role;
  return role;
}

/** The instance profile CDK creates for a role (`ec2.Instance`, `ec2.LaunchTemplate` with `role`, `iam.InstanceProfile`). */
export function createdProfile(ctx: SourceContext, c: Construct, at: TSESTree.Node, role: Link<Role> | undefined, rolesProp: Value[]): Mutable<InstanceProfile> {
  const resource = ctx.synthetic(at, 'AWS::IAM::InstanceProfile', `${c.resource.id}/InstanceProfile`);
  const profile: Mutable<InstanceProfile> = {
    resource,
    name: [unknown(resource.node, 'CDK names the instance profile at synthesis')],
    rolesProp,
    roles: role ? [role] : [],
  };
  const view = role?.target as Mutable<Role> | undefined;
  if (view && !view.instanceProfiles.includes(profile)) view.instanceProfiles.push(profile);
  ctx.builder.instanceProfiles.push(profile);
  c.createdProfile = profile;
  return profile;
}

/** A link to the role view of a construct (its own role, or the role CDK creates for it). */
export function roleLink(ctx: SourceContext, idx: Indexes, value: Value, ast: TSESTree.Node | undefined): Link<Role> | undefined {
  return ctx.link(value, ast, (t) => t.role ?? t.instanceRole, (name) => idx.role.get(name));
}

function readInstanceProfile(ctx: SourceContext, idx: Indexes, c: Construct): void {
  const shape = c.rec.spec.shape;
  if (shape !== 'cdk-instance-profile' && shape !== 'cfn-instance-profile' && shape !== 'tf-instance-profile') return;
  const r = c.resource;
  const nameProp = shape === 'tf-instance-profile' ? 'name' : 'instanceProfileName';
  const roles: Link<Role>[] = [];
  let rolesProp: Value[];
  if (shape === 'cfn-instance-profile') {
    rolesProp = ctx.prop(c, 'roles');
    const els = ctx.ev.arrayElements(ctx.ast(c, 'roles'));
    const values = listValues(ctx, rolesProp);
    els?.elements.forEach((el, i) => {
      const v = values[i];
      const link = v && el ? roleLink(ctx, idx, v, el) : undefined;
      if (link) roles.push(link);
    });
  } else {
    rolesProp = ctx.prop(c, 'role');
    const v = rolesProp[0]!;
    if (v.state === 'absent' && shape === 'cdk-instance-profile') {
      const role = createdRole(ctx, c, c.rec.node);
      rolesProp = [unknown(r.node, 'iam.InstanceProfile creates a role trusted by EC2')];
      roles.push({ node: r.node, targetId: role.resource.id, targetResource: role.resource, target: role });
    } else {
      const link = roleLink(ctx, idx, v, ctx.ast(c, 'role'));
      if (link) roles.push(link);
    }
  }
  const profile: Mutable<InstanceProfile> = { resource: r, name: ctx.prop(c, nameProp), rolesProp, roles };
  for (const link of roles) {
    const role = link.target as Mutable<Role> | undefined;
    if (role && !role.instanceProfiles.includes(profile)) role.instanceProfiles.push(profile);
  }
  c.profile = profile;
  ctx.builder.instanceProfiles.push(profile);
  idx.profile.add(c, profile.name);
}

const CFN_OUTPUT = 'aws-cdk-lib#CfnOutput';

function readAccessKeys(ctx: SourceContext, idx: Indexes): void {
  const keys = ctx.constructs.filter((c) => /-access-key$/.test(c.rec.spec.shape));
  if (!keys.length) return;
  for (const c of keys) {
    const shape = c.rec.spec.shape;
    const userKey = shape === 'cfn-access-key' ? 'userName' : shape === 'sdk-access-key' ? 'UserName' : 'user';
    const userValue = ctx.prop(c, userKey)[0]!;
    const user = userValue.state === 'absent' ? undefined : ctx.link<User>(userValue, ctx.ast(c, userKey), (t) => t.user, (name) => idx.user.get(name));
    const key: Mutable<AccessKey> = { resource: c.resource, user, status: ctx.prop(c, shape === 'sdk-access-key' ? 'Status' : 'status'), secretExposures: [] };
    (user?.target as Mutable<User> | undefined)?.accessKeys.push(key);
    c.accessKey = key;
    ctx.builder.accessKeys.push(key);
  }
  // `new CfnOutput(this, 'Secret', { value: key.secretAccessKey.unsafeUnwrap() })` prints the secret in the stack outputs.
  for (const n of ctx.nodes) {
    if (n.type !== T.MemberExpression) continue;
    const name = memberName(n);
    if (name !== 'secretAccessKey' && name !== 'attrSecretAccessKey') continue;
    const key = ctx.refOf(n.object).construct?.accessKey;
    if (!key || !insideOutput(ctx, n)) continue;
    key.secretExposures.push(ctx.value(unknownFragment(n, 'the secret access key of the access key')) as Node);
  }
}

function insideOutput(ctx: SourceContext, n: TSESTree.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === T.NewExpression) return ctx.ev.symbol(p.callee) === CFN_OUTPUT;
  }
  return false;
}
