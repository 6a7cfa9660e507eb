import type { AccessKey, Group, Identity, InstanceProfile, Link, PolicyDocument, Resource, Role, User } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { Value } from '../model/value.js';
import { knownStrings } from '../model/value.js';
import type { CfnContext, Mutable } from './cfn-context.js';
import { ViewIndex } from './cfn-context.js';
import { listItems, objectsOf } from './cfn-props.js';
import { resourceRefsUnder } from './cfn-refs.js';

type IdentityView = Mutable<Role> | Mutable<User> | Mutable<Group>;

/** The IAM views of one template, indexed for the launcher views that link to them. */
export interface CfnIam {
  roles: ViewIndex<Mutable<Role>>;
  users: ViewIndex<Mutable<User>>;
  groups: ViewIndex<Mutable<Group>>;
  profiles: ViewIndex<Mutable<InstanceProfile>>;
}

export function readIam(ctx: CfnContext): CfnIam {
  const iam: CfnIam = {
    roles: new ViewIndex(ctx, lastSegment),
    users: new ViewIndex(ctx, lastSegment),
    groups: new ViewIndex(ctx, lastSegment),
    profiles: new ViewIndex(ctx, lastSegment),
  };
  for (const r of ctx.builder.resources) {
    if (r.type === 'AWS::IAM::Role') readRole(ctx, iam, r);
    else if (r.type === 'AWS::IAM::User') readUser(ctx, iam, r);
    else if (r.type === 'AWS::IAM::Group') readGroup(ctx, iam, r);
  }
  readPolicyResources(ctx, iam);
  for (const r of ctx.ofType('AWS::IAM::InstanceProfile')) readInstanceProfile(ctx, iam, r);
  readAccessKeys(ctx, iam);
  readServerlessFunctions(ctx);
  return iam;
}

/** The name at the end of an ARN (`arn:aws:iam::1:instance-profile/path/web` → `web`); a plain name is itself. */
export function lastSegment(text: string): string {
  return text.startsWith('arn:') ? text.slice(text.lastIndexOf('/') + 1) : text;
}

function readRole(ctx: CfnContext, iam: CfnIam, r: Resource): void {
  const trustNode = r.properties.get('AssumeRolePolicyDocument');
  const role: Mutable<Role> = {
    kind: 'role',
    resource: r,
    name: ctx.prop(r, 'RoleName'),
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: managedPolicyArns(ctx, r),
    trustPolicyProp: ctx.prop(r, 'AssumeRolePolicyDocument'),
    maxSessionDuration: ctx.prop(r, 'MaxSessionDuration'),
    instanceProfiles: [],
  };
  if (trustNode) {
    // A trust policy that differs by condition is several documents; the role's own is then not one known document.
    const docs = ctx.policies(trustNode, { kind: 'trust', label: `trust policy of role ${r.id}`, owner: r });
    if (docs.length === 1) role.trustPolicy = docs[0];
  }
  readInlinePolicies(ctx, role, 'role');
  ctx.builder.roles.push(role);
  iam.roles.add(role, role.name);
}

function readUser(ctx: CfnContext, iam: CfnIam, r: Resource): void {
  const user: Mutable<User> = {
    kind: 'user',
    resource: r,
    name: ctx.prop(r, 'UserName'),
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: managedPolicyArns(ctx, r),
    accessKeys: [],
  };
  readInlinePolicies(ctx, user, 'user');
  ctx.builder.users.push(user);
  iam.users.add(user, user.name);
}

function readGroup(ctx: CfnContext, iam: CfnIam, r: Resource): void {
  const group: Mutable<Group> = {
    kind: 'group',
    resource: r,
    name: ctx.prop(r, 'GroupName'),
    inlinePolicies: [],
    attachedPolicies: [],
    managedPolicyArns: managedPolicyArns(ctx, r),
  };
  readInlinePolicies(ctx, group, 'group');
  ctx.builder.groups.push(group);
  iam.groups.add(group, group.name);
}

function managedPolicyArns(ctx: CfnContext, r: Resource): Value[] {
  return listItems(ctx.resolve, ctx.prop(r, 'ManagedPolicyArns'));
}

/** `Policies: [{PolicyName, PolicyDocument}]` written inside a role, user or group. */
function readInlinePolicies(ctx: CfnContext, identity: IdentityView, kind: string): void {
  const r = identity.resource;
  objectsOf(listItems(ctx.resolve, ctx.prop(r, 'Policies'))).forEach((entry, i) => {
    const docNode = entry.node.get('PolicyDocument');
    if (!docNode) return;
    const [name] = knownStrings(ctx.resolve(entry.node.child('PolicyName')));
    const label = `inline policy ${typeof name === 'string' ? name : `#${i + 1}`} of ${kind} ${r.id}`;
    identity.inlinePolicies.push(...ctx.policies(docNode, { kind: 'identity', label, owner: r, attachedTo: [identity as Identity] }));
  });
}

function attach(doc: PolicyDocument, identity: IdentityView, how: 'inline' | 'attached'): void {
  const list = how === 'inline' ? identity.inlinePolicies : identity.attachedPolicies;
  if (list.includes(doc)) return;
  list.push(doc);
  (doc.attachedTo as Identity[]).push(identity as Identity);
}

/** The identities a list property (`Roles`, `Users`, `Groups`) or a name property (`RoleName`) names. */
function identitiesNamed(ctx: CfnContext, values: Value[], index: ViewIndex<IdentityView>): IdentityView[] {
  const out: IdentityView[] = [];
  for (const v of listItems(ctx.resolve, values)) {
    const target = index.link(v)?.target;
    if (target && !out.includes(target)) out.push(target);
  }
  return out;
}

/** `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy` / `UserPolicy` / `GroupPolicy`, and the identities they attach to. */
function readPolicyResources(ctx: CfnContext, iam: CfnIam): void {
  const roles = iam.roles as ViewIndex<IdentityView>;
  const users = iam.users as ViewIndex<IdentityView>;
  const groups = iam.groups as ViewIndex<IdentityView>;
  const managed = new Map<string, PolicyDocument[]>();
  for (const r of ctx.builder.resources) {
    const docNode = r.properties.get('PolicyDocument');
    if (!docNode) continue;
    let docs: PolicyDocument[];
    let targets: IdentityView[];
    let how: 'inline' | 'attached' = 'inline';
    switch (r.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        how = r.type === 'AWS::IAM::Policy' ? 'inline' : 'attached';
        docs = ctx.policies(docNode, {
          kind: 'identity',
          label: `${how === 'inline' ? 'policy' : 'managed policy'} ${r.id}`,
          owner: r,
        });
        if (how === 'attached') managed.set(r.id, docs);
        targets = [
          ...identitiesNamed(ctx, ctx.prop(r, 'Roles'), roles),
          ...identitiesNamed(ctx, ctx.prop(r, 'Users'), users),
          ...identitiesNamed(ctx, ctx.prop(r, 'Groups'), groups),
        ];
        break;
      case 'AWS::IAM::RolePolicy':
      case 'AWS::IAM::UserPolicy':
      case 'AWS::IAM::GroupPolicy': {
        const kind = r.type.slice('AWS::IAM::'.length, -'Policy'.length);
        const nameProp = `${kind}Name`;
        docs = ctx.policies(docNode, { kind: 'identity', label: `${kind.toLowerCase()} policy ${r.id}`, owner: r });
        targets = identitiesNamed(ctx, ctx.prop(r, nameProp), kind === 'Role' ? roles : kind === 'User' ? users : groups);
        break;
      }
      default:
        continue;
    }
    for (const t of targets) for (const doc of docs) attach(doc, t, how);
  }
  // `ManagedPolicyArns: [!Ref MyManagedPolicy]` attaches a policy of the template as well.
  const identities: IdentityView[] = [...ctx.builder.roles, ...ctx.builder.users, ...ctx.builder.groups] as IdentityView[];
  for (const identity of identities) {
    for (const v of identity.managedPolicyArns) {
      const id = ctx.reference(v)?.targetId;
      for (const doc of (id !== undefined && managed.get(id)) || []) attach(doc, identity, 'attached');
    }
  }
}

function readInstanceProfile(ctx: CfnContext, iam: CfnIam, r: Resource): void {
  const rolesProp = ctx.prop(r, 'Roles');
  const roles: Link<Role>[] = [];
  for (const v of listItems(ctx.resolve, rolesProp)) {
    const link = iam.roles.link(v);
    if (link) roles.push(link);
  }
  const profile: Mutable<InstanceProfile> = { resource: r, name: ctx.prop(r, 'InstanceProfileName'), rolesProp, roles };
  for (const link of roles) {
    const role = link.target as Mutable<Role> | undefined;
    if (role && !role.instanceProfiles.includes(profile)) role.instanceProfiles.push(profile);
  }
  ctx.builder.instanceProfiles.push(profile);
  iam.profiles.add(profile, profile.name);
}

/** Storing the secret in Secrets Manager is the documented safe place for it, not an exposure. */
const SAFE_SECRET_HOLDERS = new Set(['AWS::SecretsManager::Secret']);

function readAccessKeys(ctx: CfnContext, iam: CfnIam): void {
  const keys = ctx.ofType('AWS::IAM::AccessKey');
  if (!keys.length) return;
  const exposures = new Map<string, Node[]>();
  for (const ref of resourceRefsUnder(ctx.template, ctx.template.root)) {
    if (ref.attribute !== 'SecretAccessKey') continue;
    const holder = ctx.builder.resources.find((r) => isUnder(ref.node, r.node));
    if (holder && SAFE_SECRET_HOLDERS.has(holder.type)) continue;
    const list = exposures.get(ref.id) ?? [];
    list.push(ref.node);
    exposures.set(ref.id, list);
  }
  for (const r of keys) {
    let user: Link<User> | undefined;
    for (const v of ctx.prop(r, 'UserName')) {
      user = iam.users.link(v);
      if (user) break;
    }
    const key: AccessKey = { resource: r, user, status: ctx.prop(r, 'Status'), secretExposures: exposures.get(r.id) ?? [] };
    (user?.target as Mutable<User> | undefined)?.accessKeys.push(key);
    ctx.builder.accessKeys.push(key);
  }
}

function isUnder(node: Node, ancestor: Node): boolean {
  return ancestor.path.length <= node.path.length && ancestor.path.every((p, i) => node.path[i] === p);
}

/** SAM functions: policy documents written in `Policies` (managed policy names and SAM policy templates are not documents). */
function readServerlessFunctions(ctx: CfnContext): void {
  for (const r of ctx.ofType('AWS::Serverless::Function')) {
    const docs = objectsOf(listItems(ctx.resolve, ctx.prop(r, 'Policies'))).filter((v) => v.node.get('Statement'));
    docs.forEach((v, i) => {
      const label = docs.length > 1 ? `policy #${i + 1} of function ${r.id}` : `policy of function ${r.id}`;
      ctx.policies(v.node, { kind: 'identity', label, owner: r });
    });
  }
}
