import type { InstanceProfile, Launcher, LauncherKind, Link, MetadataOptions, Resource } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { Value } from '../model/value.js';
import { absent } from '../model/value.js';
import type { CfnContext, Mutable } from './cfn-context.js';
import { ViewIndex } from './cfn-context.js';
import type { CfnIam } from './cfn-iam.js';
import { field, fieldOfAll, listItems, objectsOf } from './cfn-props.js';

const KINDS: ReadonlyMap<string, LauncherKind> = new Map([
  ['AWS::EC2::Instance', 'instance'],
  ['AWS::EC2::LaunchTemplate', 'launch-template'],
  ['AWS::AutoScaling::LaunchConfiguration', 'launch-configuration'],
  ['AWS::AutoScaling::AutoScalingGroup', 'auto-scaling-group'],
  ['AWS::EC2::SpotFleet', 'spot-fleet'],
  ['AWS::EC2::EC2Fleet', 'ec2-fleet'],
]);

type LauncherView = Mutable<Launcher>;

/** Every resource that launches EC2 instances, with its own settings and the templates it launches from. */
export function readLaunchers(ctx: CfnContext, iam: CfnIam): void {
  const launchers: LauncherView[] = [];
  const templates = new ViewIndex<LauncherView>(ctx);
  const configurations = new ViewIndex<LauncherView>(ctx);
  for (const r of ctx.builder.resources) {
    const kind = KINDS.get(r.type);
    if (!kind) continue;
    const launcher = readLauncher(ctx, iam, r, kind);
    launchers.push(launcher);
    if (kind === 'launch-template') templates.add(launcher, ctx.prop(r, 'LaunchTemplateName'));
    if (kind === 'launch-configuration') configurations.add(launcher, ctx.prop(r, 'LaunchConfigurationName'));
  }
  for (const launcher of launchers) linkTemplates(ctx, launcher, templates, configurations);
  ctx.builder.launchers.push(...launchers);
}

/** The values of `keys` under each settings object; absent at `fallback.keys…` when there are no settings objects. */
function under(ctx: CfnContext, settings: Value[], fallback: Node, ...keys: string[]): Value[] {
  if (!settings.length) return [absent(keys.reduce((n, k) => n.child(k), fallback))];
  let current = settings;
  for (const key of keys) current = fieldOfAll(ctx.resolve, current, key);
  return current;
}

/** Where a launcher's own launch settings are: the properties, `LaunchTemplateData`, or each spot fleet launch specification. */
function settingsOf(ctx: CfnContext, r: Resource, kind: LauncherKind): Value[] {
  switch (kind) {
    case 'instance':
    case 'launch-configuration':
      return [...ctx.resolve(r.properties)];
    case 'launch-template':
      return ctx.prop(r, 'LaunchTemplateData');
    case 'spot-fleet':
      return listItems(ctx.resolve, ctx.prop(r, 'SpotFleetRequestConfigData', 'LaunchSpecifications'));
    default:
      return [];
  }
}

function readLauncher(ctx: CfnContext, iam: CfnIam, r: Resource, kind: LauncherKind): LauncherView {
  const settings = settingsOf(ctx, r, kind);
  const props = r.properties;
  const hasMetadata = kind === 'instance' || kind === 'launch-template' || kind === 'launch-configuration';
  const meta = (key?: string) => {
    const keys = key ? ['MetadataOptions', key] : ['MetadataOptions'];
    return hasMetadata ? under(ctx, settings, props, ...keys) : [absent(keys.reduce((n, k) => n.child(k), props))];
  };
  const metadata: MetadataOptions = {
    block: meta(),
    httpTokens: meta('HttpTokens'),
    httpEndpoint: meta('HttpEndpoint'),
    hopLimit: meta('HttpPutResponseHopLimit'),
  };
  const specsNode = props.child('SpotFleetRequestConfigData').child('LaunchSpecifications');
  let instanceProfile: Value[];
  if (kind === 'launch-template') instanceProfile = under(ctx, settings, props, 'IamInstanceProfile').flatMap((v) => profileNameOrArn(ctx, v));
  else if (kind === 'spot-fleet') instanceProfile = under(ctx, settings, specsNode, 'IamInstanceProfile', 'Arn');
  else if (kind === 'instance' || kind === 'launch-configuration') instanceProfile = under(ctx, settings, props, 'IamInstanceProfile');
  else instanceProfile = [absent(props.child('IamInstanceProfile'))];
  const launchesItself = kind !== 'auto-scaling-group' && kind !== 'ec2-fleet';
  const settingsFallback = kind === 'spot-fleet' ? specsNode : props;
  const own = (key: string) => (launchesItself ? under(ctx, settings, settingsFallback, key) : [absent(props.child(key))]);
  const initMetadata = r.node.at('Metadata', 'AWS::CloudFormation::Init');
  return {
    kind,
    resource: r,
    metadata,
    instanceProfile,
    instanceProfileLinks: profileLinks(iam, instanceProfile),
    templates: [],
    templatesUnknown: false,
    userData: own('UserData'),
    initMetadata,
    imageId: own('ImageId'),
    imageLinks: [],
  };
}

/** A launch template's `IamInstanceProfile` is `{Arn}` or `{Name}`: the one that is written. */
function profileNameOrArn(ctx: CfnContext, v: Value): Value[] {
  if (v.state !== 'known' || !v.node.isObject || v.node.value !== v.value) return [v];
  if (v.node.get('Arn')) return field(ctx.resolve, v, 'Arn');
  if (v.node.get('Name')) return field(ctx.resolve, v, 'Name');
  return [absent(v.node.child('Arn'), v.via)];
}

function profileLinks(iam: CfnIam, values: Value[]): Link<InstanceProfile>[] {
  const out: Link<InstanceProfile>[] = [];
  for (const v of values) {
    if (v.state === 'absent') continue;
    const link = iam.profiles.link(v);
    if (!link) continue;
    // `…:instance-profile/${Role}` names a profile that shares the role's name (made outside the
    // template), so it does not prove the role itself was given as the profile.
    if (link.targetResource && !link.target && v.state === 'unknown' && v.partial?.includes('instance-profile/')) continue;
    out.push(link);
  }
  return out;
}

function linkTemplates(ctx: CfnContext, launcher: LauncherView, templates: ViewIndex<LauncherView>, configurations: ViewIndex<LauncherView>): void {
  const r = launcher.resource;
  const follow = (v: Value, index: ViewIndex<LauncherView>) => {
    const link = index.link(v);
    if (link) launcher.templates.push(link);
    if (!link?.target) launcher.templatesUnknown = true;
  };
  let specs: Value[];
  switch (launcher.kind) {
    case 'instance':
      specs = ctx.prop(r, 'LaunchTemplate');
      break;
    case 'auto-scaling-group': {
      const mixed = ctx.prop(r, 'MixedInstancesPolicy', 'LaunchTemplate');
      const overrides = objectsOf(listItems(ctx.resolve, mixed.flatMap((v) => field(ctx.resolve, v, 'Overrides'))));
      specs = [
        ...ctx.prop(r, 'LaunchTemplate'),
        ...mixed.flatMap((v) => field(ctx.resolve, v, 'LaunchTemplateSpecification')),
        ...overrides.flatMap((v) => field(ctx.resolve, v, 'LaunchTemplateSpecification')).filter((v) => v.state !== 'absent'),
      ];
      for (const v of ctx.prop(r, 'LaunchConfigurationName')) if (v.state !== 'absent') follow(v, configurations);
      break;
    }
    case 'spot-fleet':
    case 'ec2-fleet': {
      const configs = launcher.kind === 'spot-fleet' ? ctx.prop(r, 'SpotFleetRequestConfigData', 'LaunchTemplateConfigs') : ctx.prop(r, 'LaunchTemplateConfigs');
      specs = objectsOf(listItems(ctx.resolve, configs)).flatMap((v) => field(ctx.resolve, v, 'LaunchTemplateSpecification'));
      break;
    }
    default:
      return;
  }
  for (const spec of specs) {
    if (spec.state === 'absent') continue;
    if (spec.state === 'unknown' || !spec.node.isObject || spec.node.value !== spec.value) {
      launcher.templatesUnknown = true;
      continue;
    }
    const written = [...field(ctx.resolve, spec, 'LaunchTemplateId'), ...field(ctx.resolve, spec, 'LaunchTemplateName')].filter(
      (v) => v.state !== 'absent',
    );
    if (!written.length) launcher.templatesUnknown = true;
    for (const v of written) follow(v, templates);
  }
}
