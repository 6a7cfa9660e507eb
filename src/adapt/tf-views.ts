/**
 * The Terraform resource-type → model-view mapping, shared by the configuration and plan/state
 * adapters through TfSource: EC2 launchers, IAM roles/users/groups/profiles/keys, policy documents,
 * outputs, metadata defaults and AMIs, and the links between them.
 */
import type {
  AccessKey,
  Group,
  Identity,
  Image,
  InstanceProfile,
  Launcher,
  LauncherKind,
  Link,
  MetadataOptions,
  Output,
  PolicyDocument,
  PolicyKind,
  Resource,
  Role,
  User,
} from '../model/model.js';
import type { ModelBuilder } from '../model/builder.js';
import type { Node } from '../model/node.js';
import { flattenValues } from '../model/policy-reader.js';
import type { Prop, Value } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import { dynamicBlock, objectsOf } from './tf-hcl-json.js';
import { readPolicyDocumentData } from './tf-policy-document.js';
import {
  ATTACHMENT_RESOURCES,
  ENDPOINT_POLICY_RESOURCES,
  INLINE_POLICY_RESOURCES,
  OTHER_POLICY_ATTACHMENTS,
  POLICY_DOCUMENT_DATA,
  POLICY_DOCUMENT_OUTPUTS,
  RESOURCE_POLICY_ARGS,
} from './tf-policy-sites.js';
import { IDENTIFYING_ARGS, type TfEntry, type TfSource, type TfTarget } from './tf-source.js';
import { addName } from './unique-names.js';

const LAUNCHER_KINDS: Readonly<Record<string, LauncherKind>> = {
  aws_instance: 'instance',
  aws_spot_instance_request: 'spot-instance-request',
  aws_launch_template: 'launch-template',
  aws_launch_configuration: 'launch-configuration',
  aws_autoscaling_group: 'auto-scaling-group',
  aws_spot_fleet_request: 'spot-fleet',
  aws_ec2_fleet: 'ec2-fleet',
};

/** AMIs in the input, built or looked up, for matching a literal image id. */
const IMAGE_TYPES = ['aws_ami', 'data.aws_ami'];
/** Access-key attributes that are the secret. */
const SECRET_ATTRIBUTES = new Set(['secret', 'ses_smtp_password_v4']);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Views are built first and linked afterwards; their arrays are filled in place. */
function add<T>(list: readonly T[], ...items: T[]): void {
  (list as T[]).push(...items);
}

/** Several places feeding one property (launch specifications, `user_data` and `user_data_base64`). */
function combine(props: Prop[], fallback: Node): Prop {
  const present = props.flat().filter((v) => v.state !== 'absent');
  if (present.length) return present;
  return props[0] ?? [absent(fallback)];
}

interface BlockRead {
  /** The (first) block, when written. */
  node?: Node;
  /** Where it is or would be. */
  slot: Node;
  prop: Prop;
}

interface PolicySite {
  entry: TfEntry;
  node: Node;
  kind: PolicyKind;
  label: string;
  identity?: Identity;
  endpointPolicy?: boolean;
  attach(doc: PolicyDocument): void;
}

export function buildTerraformViews(b: ModelBuilder, src: TfSource): void {
  new ViewBuilder(b, src).run();
}

class ViewBuilder {
  private readonly launchers = new Map<TfEntry, Mutable<Launcher>>();
  private readonly roles = new Map<TfEntry, Mutable<Role>>();
  private readonly users = new Map<TfEntry, User>();
  private readonly groups = new Map<TfEntry, Group>();
  private readonly profiles = new Map<TfEntry, InstanceProfile>();
  private readonly images = new Map<TfEntry, Image>();
  private readonly accessKeys = new Map<TfEntry, Mutable<AccessKey>>();
  private readonly managedPolicies = new Map<TfEntry, PolicyDocument>();
  private readonly dataDocs = new Map<TfEntry, PolicyDocument>();
  private readonly byName = new Map<string, Map<string, TfEntry | undefined>>();
  private rolePolicyNames: Map<Role, Set<string>> | undefined;

  constructor(
    private readonly b: ModelBuilder,
    private readonly src: TfSource,
  ) {}

  run(): void {
    for (const e of this.src.entries) this.b.resources.push(e.resource);
    for (const e of this.src.entries) this.views(e);
    this.policies();
    for (const [e, p] of this.profiles) this.linkProfile(e, p);
    for (const [e, l] of this.launchers) this.linkLauncher(e, l);
    this.attachments();
    for (const [e, k] of this.accessKeys) this.linkAccessKey(e, k);
    this.outputs();
    this.compact();
  }

  /** The views' lists were filled by push, each with room for 17 entries; most hold one or none. */
  private compact(): void {
    for (const l of this.launchers.values()) compactArrays(l, ['instanceProfileLinks', 'imageLinks', 'templates']);
    for (const p of this.profiles.values()) compactArrays(p as Mutable<InstanceProfile>, ['roles']);
    for (const r of this.roles.values()) compactArrays(r, ['instanceProfiles', 'inlinePolicies', 'attachedPolicies', 'managedPolicyArns']);
    for (const u of this.users.values()) compactArrays(u as Mutable<User>, ['inlinePolicies', 'attachedPolicies', 'managedPolicyArns', 'accessKeys']);
    for (const g of this.groups.values()) compactArrays(g as Mutable<Group>, ['inlinePolicies', 'attachedPolicies', 'managedPolicyArns']);
    for (const k of this.accessKeys.values()) compactArrays(k, ['secretExposures']);
  }

  // ---- values -------------------------------------------------------------------------------

  private argProp(e: TfEntry, key: string): Prop {
    return this.src.resolve(e.arg(key) ?? e.resource.properties.child(key));
  }

  private prop(parent: Node, key: string): Prop {
    return this.src.resolve(parent.get(key) ?? parent.child(key));
  }

  /** A nested block: written (first one), dynamic, unknown (plan), or absent. */
  private block(parent: Node, key: string, written = parent.get(key)): BlockRead {
    const slot = written ?? parent.child(key);
    const first = objectsOf(written)[0];
    if (first) return { node: first, slot, prop: [known(first, first.value ?? null)] };
    const dyn = dynamicBlock(parent, key);
    if (dyn) return { slot, prop: [unknown(dyn, `${key} is a Terraform dynamic block, expanded only when Terraform runs`)] };
    const resolved = this.src.resolve(slot);
    // An absent block keeps what its absence rests on (the plan's configuration), for its options too.
    return { slot, prop: [resolved.find((v) => v.state === 'unknown') ?? resolved.find((v) => v.state === 'absent') ?? absent(slot)] };
  }

  private sub(block: BlockRead, key: string): Prop {
    if (block.node) return this.prop(block.node, key);
    const first = block.prop[0];
    if (first?.state === 'unknown') return [unknown(first.node, first.reason)];
    return [absent(block.slot.child(key), first?.via)];
  }

  /** A set argument, or its slot when the plan says it is unknown; undefined when not set. */
  private present(e: TfEntry, key: string): Node | undefined {
    return this.presentIn(e.resource.properties, key, e.arg(key));
  }

  private presentIn(parent: Node, key: string, written = parent.get(key)): Node | undefined {
    if (written && written.value !== null && written.value !== '') return written;
    const slot = written ?? parent.child(key);
    return this.src.resolve(slot).some((v) => v.state === 'unknown') ? slot : undefined;
  }

  // ---- views --------------------------------------------------------------------------------

  private views(e: TfEntry): void {
    const r = e.resource;
    this.indexNames(e);
    if (r.mode === 'data') {
      if (r.type === 'aws_ami') this.image(e, this.src.dataAttribute(e, 'imds_support'));
      return;
    }
    const kind = LAUNCHER_KINDS[r.type];
    if (kind) return this.launcher(e, kind);
    switch (r.type) {
      case 'aws_iam_role':
        return this.role(e);
      case 'aws_iam_user': {
        const user: User = { kind: 'user', resource: r, name: this.argProp(e, 'name'), ...this.identityLists(), accessKeys: [] };
        this.users.set(e, user);
        this.b.users.push(user);
        return;
      }
      case 'aws_iam_group': {
        const group: Group = { kind: 'group', resource: r, name: this.argProp(e, 'name'), ...this.identityLists() };
        this.groups.set(e, group);
        this.b.groups.push(group);
        return;
      }
      case 'aws_iam_instance_profile': {
        const roleNode = e.arg('role') ?? e.arg('roles');
        const profile: InstanceProfile = {
          resource: r,
          name: this.argProp(e, 'name'),
          rolesProp: roleNode ? this.src.resolve(roleNode) : this.argProp(e, 'role'),
          roles: [],
        };
        this.profiles.set(e, profile);
        this.b.instanceProfiles.push(profile);
        return;
      }
      case 'aws_iam_access_key': {
        const key: Mutable<AccessKey> = { resource: r, user: undefined, status: this.argProp(e, 'status'), secretExposures: [] };
        this.accessKeys.set(e, key);
        this.b.accessKeys.push(key);
        return;
      }
      case 'aws_ec2_instance_metadata_defaults':
        this.b.metadataDefaults.push({ resource: r, httpTokens: this.argProp(e, 'http_tokens'), httpEndpoint: this.argProp(e, 'http_endpoint') });
        return;
      case 'aws_ami':
        this.image(e, this.argProp(e, 'imds_support'));
        return;
    }
  }

  private identityLists(): { inlinePolicies: PolicyDocument[]; attachedPolicies: PolicyDocument[]; managedPolicyArns: Value[] } {
    return { inlinePolicies: [], attachedPolicies: [], managedPolicyArns: [] };
  }

  private image(e: TfEntry, imdsSupport: Prop): void {
    const image: Image = { resource: e.resource, imdsSupport };
    this.images.set(e, image);
    this.b.images.push(image);
  }

  private role(e: TfEntry): void {
    const role: Mutable<Role> = {
      kind: 'role',
      resource: e.resource,
      name: this.argProp(e, 'name'),
      ...this.identityLists(),
      trustPolicyProp: this.argProp(e, 'assume_role_policy'),
      maxSessionDuration: this.argProp(e, 'max_session_duration'),
      instanceProfiles: [],
    };
    this.roles.set(e, role);
    this.b.roles.push(role);
  }

  private metadata(e: TfEntry, props: Node): MetadataOptions {
    const md = this.block(props, 'metadata_options', e.arg('metadata_options'));
    return {
      block: md.prop,
      httpTokens: this.sub(md, 'http_tokens'),
      httpEndpoint: this.sub(md, 'http_endpoint'),
      hopLimit: this.sub(md, 'http_put_response_hop_limit'),
    };
  }

  private launcher(e: TfEntry, kind: LauncherKind): void {
    const props = e.resource.properties;
    const noMetadata = (): MetadataOptions => {
      const slot = props.child('metadata_options');
      return { block: [absent(slot)], httpTokens: [absent(slot.child('http_tokens'))], httpEndpoint: [absent(slot.child('http_endpoint'))], hopLimit: [absent(slot.child('http_put_response_hop_limit'))] };
    };
    let metadata: MetadataOptions;
    let instanceProfile: Prop;
    let userData: Prop;
    let imageId: Prop;
    switch (kind) {
      case 'instance':
      case 'spot-instance-request':
      case 'launch-configuration':
        metadata = this.metadata(e, props);
        instanceProfile = this.argProp(e, 'iam_instance_profile');
        userData = combine([this.src.userData(e, 'user_data'), this.src.userData(e, 'user_data_base64')], props.child('user_data'));
        imageId = this.argProp(e, kind === 'launch-configuration' ? 'image_id' : 'ami');
        break;
      case 'launch-template': {
        metadata = this.metadata(e, props);
        const prof = this.block(props, 'iam_instance_profile', e.arg('iam_instance_profile'));
        instanceProfile = prof.node ? combine([this.sub(prof, 'name'), this.sub(prof, 'arn')], prof.node.child('name')) : prof.prop;
        userData = this.src.userData(e, 'user_data');
        imageId = this.argProp(e, 'image_id');
        break;
      }
      case 'spot-fleet': {
        metadata = noMetadata();
        const specs = objectsOf(e.arg('launch_specification'));
        const slot = props.child('launch_specification');
        instanceProfile = combine(
          specs.flatMap((s) => [this.prop(s, 'iam_instance_profile'), this.prop(s, 'iam_instance_profile_arn')]),
          slot.child('iam_instance_profile'),
        );
        userData = combine(specs.map((s) => this.prop(s, 'user_data')), slot.child('user_data'));
        imageId = combine(specs.map((s) => this.prop(s, 'ami')), slot.child('ami'));
        break;
      }
      default:
        metadata = noMetadata();
        instanceProfile = [absent(props.child('iam_instance_profile'))];
        userData = [absent(props.child('user_data'))];
        imageId = [absent(props.child('image_id'))];
    }
    const launcher: Mutable<Launcher> = {
      kind,
      resource: e.resource,
      metadata,
      instanceProfile,
      instanceProfileLinks: [],
      templates: [],
      templatesUnknown: false,
      userData,
      imageId,
      imageLinks: [],
    };
    this.launchers.set(e, launcher);
    this.b.launchers.push(launcher);
  }

  // ---- names --------------------------------------------------------------------------------

  /** Managed resources by type, data sources by `data.<type>`. */
  private indexNames(e: TfEntry): void {
    const type = e.resource.mode === 'data' ? `data.${e.resource.type}` : e.resource.type;
    let byValue = this.byName.get(type);
    if (!byValue) this.byName.set(type, (byValue = new Map()));
    for (const key of IDENTIFYING_ARGS) {
      const n = e.arg(key);
      if (!n) continue;
      for (const v of this.src.resolve(n)) {
        if (v.state === 'known' && typeof v.value === 'string' && v.value) addName(byValue, v.value, e);
      }
    }
  }

  /** The resource of one of `types` whose name, ARN or id is the literal (an ARN also by its last name segment). */
  private findLiteral(types: readonly string[], literal: string): TfEntry | undefined {
    for (const t of types) {
      const byValue = this.byName.get(t);
      if (byValue?.has(literal)) return byValue.get(literal);
      // By the ARN's last segment only when the ARN is of that kind and not AWS-managed
      // (`arn:aws:iam::aws:policy/ReadOnlyAccess` is not a customer policy named ReadOnlyAccess).
      if (literal.startsWith('arn:') && literal.includes('/') && arnFits(literal, t)) {
        const name = literal.slice(literal.lastIndexOf('/') + 1);
        if (byValue?.has(name)) return byValue.get(name);
      }
    }
    return undefined;
  }

  // ---- links --------------------------------------------------------------------------------

  private linksTo<T>(node: Node | undefined, from: TfEntry, view: (e: TfEntry) => T | undefined, literalTypes: readonly string[]): Link<T>[] {
    if (!node) return [];
    if (node.isArray) return node.items().flatMap((item) => this.linksTo(item, from, view, literalTypes));
    const targets = dedupeTargets(this.src.referenceTargets(node, from));
    if (targets.length) {
      return targets.map((t) => linkTo(node, t, t.entry ? view(t.entry) : undefined));
    }
    const out: Link<T>[] = [];
    for (const v of this.src.resolve(node)) {
      if (v.state !== 'known' || typeof v.value !== 'string' || v.value === '') continue;
      const e = this.findLiteral(literalTypes, v.value);
      const link: Mutable<Link<T>> = { node, literal: v.value };
      if (v.via) link.via = v.via;
      if (e) {
        link.targetResource = e.resource;
        const target = view(e);
        if (target) link.target = target;
      }
      out.push(link);
    }
    return out;
  }

  private readonly roleView = (e: TfEntry) => this.roles.get(e);
  private readonly profileView = (e: TfEntry) => this.profiles.get(e);
  private readonly imageView = (e: TfEntry) => this.images.get(e);
  private identityView(kind: 'role' | 'user' | 'group'): (e: TfEntry) => Identity | undefined {
    return kind === 'role' ? this.roleView : kind === 'user' ? (e) => this.users.get(e) : (e) => this.groups.get(e);
  }
  private templateView(kind: LauncherKind): (e: TfEntry) => Launcher | undefined {
    return (e) => {
      const l = this.launchers.get(e);
      return l?.kind === kind ? l : undefined;
    };
  }
  private identityTypes(kind: 'role' | 'user' | 'group'): string[] {
    return [`aws_iam_${kind}`];
  }

  private linkProfile(e: TfEntry, profile: InstanceProfile): void {
    const links = this.linksTo(this.present(e, 'role') ?? this.present(e, 'roles'), e, this.roleView, ['aws_iam_role']);
    add(profile.roles, ...links);
    for (const l of links) if (l.target && !l.target.instanceProfiles.includes(profile)) add(l.target.instanceProfiles, profile);
  }

  private linkLauncher(e: TfEntry, l: Mutable<Launcher>): void {
    const props = e.resource.properties;
    const profileLinks = (n: Node | undefined) => this.linksTo(n, e, this.profileView, ['aws_iam_instance_profile']);
    const lt = this.templateView('launch-template');
    const ltTypes = ['aws_launch_template'];
    /** One template specification: its id and name arguments, followed to a launch template. */
    const spec = (block: Node, idKey: string, nameKey: string) => {
      const written = [this.presentIn(block, idKey), this.presentIn(block, nameKey)].filter((n): n is Node => n !== undefined);
      const links = dedupeLinks(written.flatMap((n) => this.linksTo(n, e, lt, ltTypes)));
      add(l.templates, ...links);
      if (written.length && !links.some((x) => x.target)) l.templatesUnknown = true;
    };
    switch (l.kind) {
      case 'instance':
      case 'spot-instance-request':
      case 'launch-configuration':
        add(l.instanceProfileLinks, ...profileLinks(this.present(e, 'iam_instance_profile')));
        for (const b of objectsOf(e.arg('launch_template'))) spec(b, 'id', 'name');
        add(l.imageLinks, ...this.linksTo(this.present(e, l.kind === 'launch-configuration' ? 'image_id' : 'ami'), e, this.imageView, IMAGE_TYPES));
        break;
      case 'launch-template': {
        const prof = objectsOf(e.arg('iam_instance_profile'))[0];
        if (prof) add(l.instanceProfileLinks, ...dedupeLinks([...profileLinks(this.presentIn(prof, 'name')), ...profileLinks(this.presentIn(prof, 'arn'))]));
        add(l.imageLinks, ...this.linksTo(this.present(e, 'image_id'), e, this.imageView, IMAGE_TYPES));
        break;
      }
      case 'auto-scaling-group': {
        const lc = this.present(e, 'launch_configuration');
        if (lc) {
          const links = this.linksTo(lc, e, this.templateView('launch-configuration'), ['aws_launch_configuration']);
          add(l.templates, ...links);
          if (!links.some((x) => x.target)) l.templatesUnknown = true;
        }
        for (const b of objectsOf(e.arg('launch_template'))) spec(b, 'id', 'name');
        for (const mip of objectsOf(e.arg('mixed_instances_policy'))) {
          for (const ltBlock of objectsOf(mip.get('launch_template'))) {
            for (const s of objectsOf(ltBlock.get('launch_template_specification'))) spec(s, 'launch_template_id', 'launch_template_name');
            for (const o of objectsOf(ltBlock.get('override'))) {
              for (const s of objectsOf(o.get('launch_template_specification'))) spec(s, 'launch_template_id', 'launch_template_name');
            }
          }
        }
        if (!objectsOf(e.arg('mixed_instances_policy')).length && dynamicBlock(props, 'mixed_instances_policy')) l.templatesUnknown = true;
        break;
      }
      case 'spot-fleet':
        for (const s of objectsOf(e.arg('launch_specification'))) {
          add(l.instanceProfileLinks, ...profileLinks(this.presentIn(s, 'iam_instance_profile')), ...profileLinks(this.presentIn(s, 'iam_instance_profile_arn')));
          add(l.imageLinks, ...this.linksTo(this.presentIn(s, 'ami'), e, this.imageView, IMAGE_TYPES));
        }
        for (const c of objectsOf(e.arg('launch_template_config'))) {
          for (const s of objectsOf(c.get('launch_template_specification'))) spec(s, 'id', 'name');
        }
        break;
      case 'ec2-fleet':
        for (const c of objectsOf(e.arg('launch_template_config'))) {
          for (const s of objectsOf(c.get('launch_template_specification'))) spec(s, 'launch_template_id', 'launch_template_name');
        }
        break;
    }
    if (dynamicBlock(props, 'launch_template') || dynamicBlock(props, 'launch_template_config')) l.templatesUnknown = true;
  }

  private linkAccessKey(e: TfEntry, key: Mutable<AccessKey>): void {
    const link = this.linksTo(this.present(e, 'user'), e, (u) => this.users.get(u), ['aws_iam_user'])[0];
    key.user = link;
    if (link?.target) add(link.target.accessKeys, key);
  }

  // ---- policies -----------------------------------------------------------------------------

  private policies(): void {
    const sites: PolicySite[] = [];
    for (const e of this.src.entries) if (e.resource.mode !== 'data') sites.push(...this.sitesOf(e));
    const usage = new Map<TfEntry, Set<PolicyKind>>();
    const fromData = new Map<PolicySite, TfEntry>();
    for (const site of sites) {
      const data = this.policyData(site);
      if (!data) continue;
      fromData.set(site, data);
      let kinds = usage.get(data);
      if (!kinds) usage.set(data, (kinds = new Set()));
      kinds.add(site.kind);
    }
    for (const e of this.src.entries) {
      if (e.resource.mode !== 'data' || e.resource.type !== POLICY_DOCUMENT_DATA) continue;
      const kinds = [...(usage.get(e) ?? [])];
      const kind: PolicyKind = kinds.length === 1 ? kinds[0]! : 'unknown';
      const doc = readPolicyDocumentData(e, { kind, label: `policy document ${e.resource.id}`, owner: e.resource, attachedTo: [] }, this.src);
      this.dataDocs.set(e, doc);
      this.b.policies.push(doc);
    }
    for (const site of sites) {
      const data = fromData.get(site);
      let doc = data ? this.dataDocs.get(data) : undefined;
      if (doc) {
        if (site.identity && !doc.attachedTo.includes(site.identity)) add(doc.attachedTo, site.identity);
      } else {
        doc = this.src.readPolicy(site.node, {
          kind: site.kind,
          label: site.label,
          owner: site.entry.resource,
          attachedTo: site.identity ? [site.identity] : [],
          ...(site.endpointPolicy ? { endpointPolicy: true } : {}),
        });
        this.b.policies.push(doc);
      }
      site.attach(doc);
    }
  }

  /** The policy-document data source whose JSON a policy argument is. */
  private policyData(site: PolicySite): TfEntry | undefined {
    const targets = dedupeTargets(this.src.referenceTargets(site.node, site.entry));
    const t = targets.length === 1 ? targets[0] : undefined;
    if (!t?.entry || t.entry.resource.mode !== 'data' || t.entry.resource.type !== POLICY_DOCUMENT_DATA) return undefined;
    return t.ref.attribute !== undefined && POLICY_DOCUMENT_OUTPUTS.has(t.ref.attribute) ? t.entry : undefined;
  }

  private sitesOf(e: TfEntry): PolicySite[] {
    const r = e.resource;
    const sites: PolicySite[] = [];
    const role = this.roles.get(e);
    if (role) {
      const trust = this.present(e, 'assume_role_policy');
      if (trust) {
        sites.push({ entry: e, node: trust, kind: 'trust', label: `trust policy of role ${r.id}`, attach: (doc) => (role.trustPolicy = doc) });
      }
      objectsOf(e.arg('inline_policy')).forEach((block, i) => {
        const policy = block.get('policy');
        const name = knownString(this.prop(block, 'name'));
        if (!policy || policy.value === null || policy.value === '' || this.inlineDuplicate(e, name)) return;
        const label = `inline policy ${name ?? i + 1} of role ${r.id}`;
        sites.push({ entry: e, node: policy, kind: 'identity', label, identity: role, attach: (doc) => add(role.inlinePolicies, doc) });
      });
      return sites;
    }
    const inline = INLINE_POLICY_RESOURCES[r.type];
    if (inline) {
      const node = this.present(e, 'policy');
      if (!node) return sites;
      const link = this.linksTo(this.present(e, inline.arg), e, this.identityView(inline.identity), this.identityTypes(inline.identity))[0];
      const identity = link?.target;
      const owner = identity ? ` of ${inline.identity} ${identity.resource.id}` : link?.literal ? ` of ${inline.identity} ${link.literal}` : '';
      sites.push({
        entry: e,
        node,
        kind: 'identity',
        label: `inline policy ${r.id}${owner}`,
        identity,
        attach: (doc) => identity && add(identity.inlinePolicies, doc),
      });
      return sites;
    }
    if (r.type === 'aws_iam_policy') {
      const node = this.present(e, 'policy');
      if (node) sites.push({ entry: e, node, kind: 'identity', label: `managed policy ${r.id}`, attach: (doc) => this.managedPolicies.set(e, doc) });
      return sites;
    }
    const arg = RESOURCE_POLICY_ARGS[r.type];
    if (arg) {
      const node = this.present(e, arg);
      if (node) {
        const site: PolicySite = { entry: e, node, kind: 'resource', label: `resource policy of ${r.id}`, attach: () => undefined };
        if (ENDPOINT_POLICY_RESOURCES.has(r.type)) site.endpointPolicy = true;
        sites.push(site);
      }
    }
    return sites;
  }

  /** A role's `inline_policy` block that an `aws_iam_role_policy` in the input also defines (state lists both). */
  private inlineDuplicate(roleEntry: TfEntry, name: string | undefined): boolean {
    if (name === undefined) return false;
    if (!this.rolePolicyNames) {
      this.rolePolicyNames = new Map();
      for (const e of this.src.entries) {
        if (e.resource.type !== 'aws_iam_role_policy' || e.resource.mode === 'data') continue;
        const policyName = knownString(this.argProp(e, 'name'));
        const target = this.linksTo(this.present(e, 'role'), e, this.roleView, ['aws_iam_role'])[0]?.target;
        if (policyName === undefined || !target) continue;
        let names = this.rolePolicyNames.get(target);
        if (!names) this.rolePolicyNames.set(target, (names = new Set()));
        names.add(policyName);
      }
    }
    const role = this.roles.get(roleEntry);
    return role !== undefined && (this.rolePolicyNames.get(role)?.has(name) ?? false);
  }

  /** Managed-policy ARNs and the customer-managed policies in the input they stand for. */
  private attachments(): void {
    const attachedArns = new Map<Identity, Set<string>>();
    const attach = (identity: Identity, values: readonly Value[], policies: TfEntry[]) => {
      let seen = attachedArns.get(identity);
      if (!seen) attachedArns.set(identity, (seen = new Set()));
      for (const v of values) {
        if (v.state === 'absent') continue;
        if (v.state === 'known' && typeof v.value === 'string') {
          if (seen.has(v.value)) continue;
          seen.add(v.value);
        }
        add(identity.managedPolicyArns, v);
      }
      for (const p of policies) {
        const doc = this.managedPolicies.get(p);
        if (!doc || identity.attachedPolicies.includes(doc)) continue;
        add(identity.attachedPolicies, doc);
        if (!doc.attachedTo.includes(identity)) add(doc.attachedTo, identity);
      }
    };
    for (const e of this.src.entries) {
      if (e.resource.mode === 'data') continue;
      const other = OTHER_POLICY_ATTACHMENTS[e.resource.type];
      const otherNode = other ? this.present(e, other) : undefined;
      if (otherNode) this.b.policyAttachments.push({ resource: e.resource, policyArns: flattenValues(otherNode, this.src) });
      const spec = ATTACHMENT_RESOURCES[e.resource.type];
      if (!spec) continue;
      const policyNode = this.present(e, spec.policy);
      const values = policyNode ? flattenValues(policyNode, this.src) : [];
      if (values.length) this.b.policyAttachments.push({ resource: e.resource, policyArns: values });
      const policies = policyNode ? this.policyEntries(policyNode, e, !spec.policyList) : [];
      for (const idSpec of spec.identities) {
        const links = this.linksTo(this.present(e, idSpec.arg), e, this.identityView(idSpec.kind), this.identityTypes(idSpec.kind));
        for (const link of links) if (link.target) attach(link.target, values, policies);
      }
    }
    for (const [e, role] of this.roles) {
      const list = this.present(e, 'managed_policy_arns');
      if (list) attach(role, flattenValues(list, this.src), this.policyEntries(list, e, false));
    }
  }

  /** `aws_iam_policy` resources a policy-ARN argument refers to (a single ARN, or a list of them). */
  private policyEntries(node: Node, from: TfEntry, single: boolean): TfEntry[] {
    const targets = single ? this.src.referenceTargets(node, from) : this.src.allTargets(node, from);
    const out: TfEntry[] = [];
    for (const t of targets) {
      if (t.entry?.resource.type === 'aws_iam_policy' && t.entry.resource.mode !== 'data' && (t.ref.attribute === 'arn' || t.ref.attribute === 'id')) {
        if (!out.includes(t.entry)) out.push(t.entry);
      }
    }
    if (single && !out.length) {
      for (const v of this.src.resolve(node)) {
        if (v.state !== 'known' || typeof v.value !== 'string') continue;
        const hit = this.findLiteral(['aws_iam_policy'], v.value);
        if (hit && hit.resource.mode !== 'data' && !out.includes(hit)) out.push(hit);
      }
    }
    return out;
  }

  // ---- outputs ------------------------------------------------------------------------------

  private outputs(): void {
    for (const spec of this.src.outputs()) {
      const references = dedupeTargets(spec.targets).map((t) => linkTo(spec.value, t, t.entry?.resource));
      const output: Output = { name: spec.name, node: spec.node, value: spec.value, sensitive: spec.sensitive, references };
      this.b.outputs.push(output);
      const notSensitive = spec.sensitive.every((v) => v.state === 'absent' || (v.state === 'known' && v.value === false));
      if (!notSensitive) continue;
      for (const t of spec.targets) {
        if (!t.entry || t.ref.attribute === undefined || !SECRET_ATTRIBUTES.has(t.ref.attribute)) continue;
        const key = this.accessKeys.get(t.entry);
        if (key && !key.secretExposures.includes(spec.value)) add(key.secretExposures, spec.value);
      }
    }
  }
}

function knownString(p: Prop): string | undefined {
  for (const v of p) if (v.state === 'known' && typeof v.value === 'string' && v.value) return v.value;
  return undefined;
}

function linkTo<T>(node: Node, t: TfTarget, target: T | undefined): Link<T> {
  const link: Mutable<Link<T>> = { node, targetId: t.address };
  if (t.entry) link.targetResource = t.entry.resource;
  if (target) link.target = target;
  if (t.ref.attribute !== undefined) link.attribute = t.ref.attribute;
  return link;
}

/** Replaces each non-empty list with a copy of its own length (a sliced array has no spare room). */
function compactArrays<T extends object>(view: T, keys: readonly (keyof T)[]): void {
  for (const k of keys) {
    const list = view[k];
    if (Array.isArray(list) && list.length > 0) view[k] = list.slice() as T[keyof T];
  }
}

/** One target per address, the one naming an attribute first. */
function dedupeTargets(targets: readonly TfTarget[]): TfTarget[] {
  const byAddress = new Map<string, TfTarget>();
  for (const t of targets) {
    const seen = byAddress.get(t.address);
    if (!seen || (seen.ref.attribute === undefined && t.ref.attribute !== undefined)) byAddress.set(t.address, t);
  }
  return [...byAddress.values()];
}

function dedupeLinks<T>(links: Link<T>[]): Link<T>[] {
  const out: Link<T>[] = [];
  for (const l of links) {
    const key: Resource | string | undefined = l.targetResource ?? l.targetId ?? l.literal;
    if (out.some((o) => (o.targetResource ?? o.targetId ?? o.literal) === key)) continue;
    out.push(l);
  }
  return out;
}

/** The IAM resource type an ARN's resource part names, for the Terraform types whose names we index. */
const ARN_RESOURCE_TYPES: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role: 'role',
  aws_iam_user: 'user',
  aws_iam_group: 'group',
  aws_iam_instance_profile: 'instance-profile',
};

function arnFits(arn: string, type: string): boolean {
  const parts = arn.split(':');
  if (parts[4] === 'aws') return false;
  const want = ARN_RESOURCE_TYPES[type];
  const resource = parts.slice(5).join(':');
  return want === undefined || resource.startsWith(`${want}/`);
}
