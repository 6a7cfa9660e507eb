import type { InstanceProfile, Launcher, LauncherKind, Link, MetadataDefaults, Role } from '../model/model.js';
import type { Value } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import { unwrap } from './ast.js';
import { knownFragment } from './fragment.js';
import type { Construct, Mutable, SourceContext } from './context.js';
import type { Indexes } from './views-iam.js';
import { createdProfile, createdRole, NameIndex, roleLink } from './views-iam.js';

/** Where a construct keeps its launch settings, in its own spelling. */
interface Layout {
  kind: LauncherKind;
  /** Path to the object holding the settings (`launchTemplateData`), [] for the props themselves. */
  settings: string[];
  /** `metadataOptions` / `MetadataOptions`; '' when the metadata options are the props (ModifyInstanceMetadataOptions). */
  metadata: string;
  fields: { httpTokens: string; httpEndpoint: string; hopLimit: string };
  profile: string;
  /** `{ arn, name }` spelling when the profile is an object (launch templates, RunInstances). */
  profileObject?: [string, string];
  template?: { key: string; id: string; name: string };
  /** The launch template's own name, for links by name. */
  nameKey?: string;
  userData: string;
  image: string;
}

const camel = { httpTokens: 'httpTokens', httpEndpoint: 'httpEndpoint', hopLimit: 'httpPutResponseHopLimit' };
const pascal = { httpTokens: 'HttpTokens', httpEndpoint: 'HttpEndpoint', hopLimit: 'HttpPutResponseHopLimit' };

const LAYOUTS: Partial<Record<string, Layout>> = {
  'cfn-instance': {
    kind: 'instance', settings: [], metadata: 'metadataOptions', fields: camel, profile: 'iamInstanceProfile',
    template: { key: 'launchTemplate', id: 'launchTemplateId', name: 'launchTemplateName' }, userData: 'userData', image: 'imageId',
  },
  'cfn-launch-template': {
    kind: 'launch-template', settings: ['launchTemplateData'], metadata: 'metadataOptions', fields: camel, profile: 'iamInstanceProfile',
    profileObject: ['arn', 'name'], nameKey: 'launchTemplateName', userData: 'userData', image: 'imageId',
  },
  'tf-instance': {
    kind: 'instance', settings: [], metadata: 'metadataOptions', fields: camel, profile: 'iamInstanceProfile',
    template: { key: 'launchTemplate', id: 'id', name: 'name' }, userData: 'userData', image: 'ami',
  },
  'tf-launch-template': {
    kind: 'launch-template', settings: [], metadata: 'metadataOptions', fields: camel, profile: 'iamInstanceProfile',
    profileObject: ['arn', 'name'], nameKey: 'name', userData: 'userData', image: 'imageId',
  },
  'sdk-run-instances': {
    kind: 'instance', settings: [], metadata: 'MetadataOptions', fields: pascal, profile: 'IamInstanceProfile', profileObject: ['Arn', 'Name'],
    template: { key: 'LaunchTemplate', id: 'LaunchTemplateId', name: 'LaunchTemplateName' }, userData: 'UserData', image: 'ImageId',
  },
  'sdk-launch-template': {
    kind: 'launch-template', settings: ['LaunchTemplateData'], metadata: 'MetadataOptions', fields: pascal, profile: 'IamInstanceProfile',
    profileObject: ['Arn', 'Name'], nameKey: 'LaunchTemplateName', userData: 'UserData', image: 'ImageId',
  },
  'sdk-modify-metadata': {
    kind: 'instance', settings: [], metadata: '', fields: pascal, profile: '', userData: '', image: '',
  },
};

const USER_DATA = 'aws-cdk-lib/aws-ec2#UserData.';

/** Everything that launches instances (instances and launch templates of every framework) and account metadata defaults. */
export function readLaunchers(ctx: SourceContext, idx: Indexes): void {
  const templates = new NameIndex();
  const made: [Construct, Layout | undefined][] = [];
  for (const c of ctx.constructs) {
    const shape = c.rec.spec.shape;
    if (shape === 'cdk-instance' || shape === 'cdk-launch-template') {
      c.launcher = cdkLauncher(ctx, idx, c, shape === 'cdk-instance' ? 'instance' : 'launch-template');
      made.push([c, undefined]);
    } else if (LAYOUTS[shape]) {
      const layout = LAYOUTS[shape]!;
      c.launcher = launcher(ctx, idx, c, layout);
      made.push([c, layout]);
      if (layout.nameKey) templates.add(c, ctx.prop(c, layout.nameKey));
    } else if (shape === 'cdk-imdsv2-aspect') {
      // Not an account default, but the same effect on every instance and template of the app or stack it is added to.
      const at = ctx.value(knownFragment('required', c.rec.node));
      ctx.builder.metadataDefaults.push({ resource: c.resource, httpTokens: [known(at, 'required')], httpEndpoint: [absent(c.props.child('httpEndpoint'))] });
    } else if (shape === 'tf-metadata-defaults' || shape === 'sdk-metadata-defaults') {
      const f = shape === 'tf-metadata-defaults' ? camel : pascal;
      const defaults: MetadataDefaults = { resource: c.resource, httpTokens: ctx.prop(c, f.httpTokens), httpEndpoint: ctx.prop(c, f.httpEndpoint) };
      ctx.builder.metadataDefaults.push(defaults);
    }
  }
  for (const [c, layout] of made) {
    if (layout?.template) linkTemplates(ctx, c, layout, templates);
    ctx.builder.launchers.push(c.launcher!);
  }
}

function launcher(ctx: SourceContext, idx: Indexes, c: Construct, layout: Layout): Mutable<Launcher> {
  const s = layout.settings;
  const meta = layout.metadata ? [...s, layout.metadata] : s;
  // ModifyInstanceMetadataOptions changes only what it names; the rest of the instance's settings stay as they are.
  const field = (key: string): Value[] => {
    const v = ctx.prop(c, ...meta, key);
    if (layout.metadata === '' && v[0]?.state === 'absent') return [unknown(v[0].node, 'this call leaves the setting unchanged')];
    return v;
  };
  const block = layout.metadata ? ctx.prop(c, ...meta) : [known(c.props, c.props.value ?? null)];
  let instanceProfile: Value[];
  let profileAst = layout.profile ? ctx.ast(c, ...s, layout.profile) : undefined;
  if (!layout.profile) instanceProfile = [unknown(c.resource.node, 'the call changes an existing instance')];
  else if (layout.profileObject) {
    const [arnKey, nameKey] = layout.profileObject;
    const obj = ctx.prop(c, ...s, layout.profile)[0]!;
    if (obj.state === 'known' && obj.node.isObject) {
      const which = obj.node.get(arnKey) ? arnKey : obj.node.get(nameKey) ? nameKey : arnKey;
      instanceProfile = ctx.prop(c, ...s, layout.profile, which);
      profileAst = ctx.ast(c, ...s, layout.profile, which);
    } else instanceProfile = [obj];
  } else instanceProfile = ctx.prop(c, ...s, layout.profile);
  return {
    kind: layout.kind,
    resource: c.resource,
    metadata: {
      block,
      httpTokens: field(layout.fields.httpTokens),
      httpEndpoint: field(layout.fields.httpEndpoint),
      hopLimit: field(layout.fields.hopLimit),
    },
    instanceProfile,
    instanceProfileLinks: profileLinks(ctx, idx, instanceProfile, profileAst),
    templates: [],
    templatesUnknown: false,
    userData: layout.userData ? userData(ctx, c, [...s, layout.userData]) : [absent(c.props.child('UserData'))],
    imageId: layout.image ? ctx.prop(c, ...s, layout.image) : [absent(c.props.child('ImageId'))],
    imageLinks: [],
  };
}

function profileLinks(ctx: SourceContext, idx: Indexes, values: Value[], ast: Parameters<SourceContext['refOf']>[0]): Link<InstanceProfile>[] {
  const out: Link<InstanceProfile>[] = [];
  for (const v of values) {
    if (v.state === 'absent') continue;
    const link = ctx.link<InstanceProfile>(v, ast, (t) => t.profile ?? t.createdProfile, (name) => idx.profile.get(name));
    if (link) out.push(link);
  }
  return out;
}

/**
 * CDK `ec2.Instance` / `ec2.LaunchTemplate`: `requireImdsv2: true` means tokens required; `httpTokens`,
 * `httpEndpoint` (a boolean) and `httpPutResponseHopLimit` are the other metadata props. An instance
 * without `role` or `instanceProfile` gets a role and profile that CDK creates; a launch template gets
 * a profile only with `role` or `instanceProfile`.
 */
function cdkLauncher(ctx: SourceContext, idx: Indexes, c: Construct, kind: 'instance' | 'launch-template'): Mutable<Launcher> {
  const props = c.props;
  const block: Value[] = props.value !== undefined && props.isObject ? [known(props, props.value)] : ctx.resolve(props);
  const require = ctx.prop(c, 'requireImdsv2')[0]!;
  const tokens = ctx.prop(c, 'httpTokens');
  let httpTokens: Value[];
  if (tokens[0]!.state !== 'absent') httpTokens = tokens;
  else if (require.state === 'known' && require.value === true) httpTokens = [known(require.node, 'required')];
  else if (require.state === 'unknown') httpTokens = [require];
  else httpTokens = [absent(require.node)];
  const endpoint = ctx.prop(c, 'httpEndpoint').map((v) =>
    v.state === 'known' && typeof v.value === 'boolean' ? known(v.node, v.value ? 'enabled' : 'disabled') : v,
  );
  let instanceProfile: Value[];
  let links: Link<InstanceProfile>[];
  const profileAst = ctx.ast(c, 'instanceProfile');
  const roleAst = ctx.ast(c, 'role');
  if (profileAst) {
    instanceProfile = ctx.prop(c, 'instanceProfile');
    links = profileLinks(ctx, idx, instanceProfile, profileAst);
  } else if (roleAst || (kind === 'instance' && !c.ast.open && c.ast.known)) {
    const roleValue = roleAst ? ctx.prop(c, 'role')[0]! : undefined;
    const link = roleValue ? roleLink(ctx, idx, roleValue, roleAst) : undefined;
    const role = roleValue ? (link?.target as Mutable<Role> | undefined) : createdRole(ctx, c, c.rec.node);
    if (role) c.instanceRole = role;
    const roleLinkOf = link ?? (role ? { node: c.resource.node, targetId: role.resource.id, targetResource: role.resource, target: role } : undefined);
    const profile = createdProfile(ctx, c, c.rec.node, roleLinkOf, roleValue ? [roleValue] : [unknown(c.resource.node, 'the construct creates its role')]);
    const at = roleValue?.node ?? c.resource.node;
    instanceProfile = [unknown(at, `the ${kind === 'instance' ? 'ec2.Instance' : 'ec2.LaunchTemplate'} construct creates an instance profile for its role`)];
    links = [{ node: at, targetId: profile.resource.id, targetResource: profile.resource, target: profile }];
  } else if (kind === 'instance') {
    // The props are not all visible: the role or profile may be among what is not shown.
    instanceProfile = [unknown(props, 'the props are not a literal in source')];
    links = [];
  } else {
    instanceProfile = [absent(props.child('instanceProfile'))];
    links = [];
  }
  return {
    kind,
    resource: c.resource,
    metadata: { block, httpTokens, httpEndpoint: endpoint, hopLimit: ctx.prop(c, 'httpPutResponseHopLimit') },
    instanceProfile,
    instanceProfileLinks: links,
    templates: [],
    templatesUnknown: false,
    userData: cdkUserData(ctx, c),
    imageId: ctx.prop(c, 'machineImage'),
    imageLinks: [],
  };
}

/** `ec2.UserData.forLinux()` with `addCommands(…)`: each command is a value of its own; `UserData.custom(text)` is the text. */
function cdkUserData(ctx: SourceContext, c: Construct): Value[] {
  const ast = ctx.ast(c, 'userData');
  if (!ast) return ctx.prop(c, 'userData');
  const target = ctx.ev.target(ast);
  if (target.type !== 'CallExpression') return ctx.prop(c, 'userData');
  const key = ctx.ev.symbol(target.callee) ?? '';
  if (!key.startsWith(USER_DATA)) return ctx.prop(c, 'userData');
  const method = key.slice(USER_DATA.length);
  if (method === 'custom') return target.arguments[0] ? [ctx.valueOf(target.arguments[0])] : ctx.prop(c, 'userData');
  const commands = ctx.ev
    .callsOn(target)
    .filter((x) => x.path.length === 1 && x.path[0] === 'addCommands')
    .flatMap(({ call }) => call.arguments.map((a) => ctx.valueOf(unwrap(a))));
  return commands.length ? commands : [absent(c.props.child('userData'))];
}

/** User data as a string, or the decoded text of `Buffer.from(text).toString('base64')`. */
function userData(ctx: SourceContext, c: Construct, path: string[]): Value[] {
  const v = ctx.prop(c, ...path);
  if (v[0]?.state === 'absent' && path[path.length - 1] === 'userData') {
    const b64 = ctx.prop(c, ...path.slice(0, -1), 'userDataBase64');
    if (b64[0]?.state !== 'absent') return b64;
  }
  return v;
}

function linkTemplates(ctx: SourceContext, c: Construct, layout: Layout, templates: NameIndex): void {
  const t = layout.template!;
  const launcher = c.launcher!;
  const spec = ctx.prop(c, t.key)[0]!;
  if (spec.state === 'absent') return;
  if (spec.state === 'unknown' || !spec.node.isObject) {
    launcher.templatesUnknown = true;
    return;
  }
  const written = [t.id, t.name].filter((k) => spec.node.get(k));
  if (!written.length) launcher.templatesUnknown = true;
  for (const k of written) {
    const value = ctx.prop(c, t.key, k)[0]!;
    const link = ctx.link<Launcher>(value, ctx.ast(c, t.key, k), (x) => (x.launcher?.kind === 'launch-template' ? x.launcher : undefined), (name) => templates.get(name));
    if (link) launcher.templates.push(link);
    if (!link?.target) launcher.templatesUnknown = true;
  }
}
