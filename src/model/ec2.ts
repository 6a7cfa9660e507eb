/**
 * EC2 semantics that several rules share: the metadata options an instance really gets (its own
 * settings merged over its launch template's, then the account default and the AMI, the way EC2
 * decides each option separately), whether a launcher ends up with an instance profile, what a role's
 * trust policy lets EC2 do, and the text of user data.
 */
import { globMatch } from '../iam/glob.js';
import type { Image, InstanceProfile, Launcher, Link, MetadataDefaults, Model, Resource, Role, Statement } from './model.js';
import { stringsUnder } from './builder.js';
import type { Node } from './node.js';
import type { Value, ValueOrigin } from './value.js';
import { absent, known, mergeOrigin, unknown } from './value.js';
import { memo } from './memo.js';

export type MetadataField = 'httpTokens' | 'httpEndpoint' | 'hopLimit';

/** Where the deciding value of a metadata option comes from. */
export type SettingSource = 'own' | 'template' | 'account-default' | 'image' | 'ec2-default';

export interface EffectiveSetting {
  /** The deciding value; `absent` when nothing in the input sets it (the EC2 default applies). */
  readonly value: Value;
  readonly source: SettingSource;
  /** The launcher (itself or its template) whose setting decides, for `own` and `template`. */
  readonly launcher?: Launcher;
  readonly defaults?: MetadataDefaults;
  readonly image?: Image;
  /** Every parameter default and `Fn::If` branch on the way to the value. */
  readonly via?: ValueOrigin;
}

export type Tri = 'yes' | 'no' | 'unknown';

/** Launchers that carry metadata options, user data and a profile themselves (not groups or fleets). */
export const LAUNCHERS_WITH_OWN_SETTINGS: ReadonlySet<Launcher['kind']> = new Set([
  'instance',
  'launch-template',
  'launch-configuration',
  'spot-instance-request',
]);

export const EC2_SERVICE_PRINCIPALS: readonly string[] = ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'];

/** Words for messages: "Instance WebServer", "Launch template AppTemplate". */
export function launcherLabel(launcher: Launcher): string {
  const words: Record<Launcher['kind'], string> = {
    instance: 'Instance',
    'launch-template': 'Launch template',
    'launch-configuration': 'Launch configuration',
    'auto-scaling-group': 'Auto Scaling group',
    'spot-fleet': 'Spot Fleet',
    'ec2-fleet': 'EC2 Fleet',
    'spot-instance-request': 'Spot Instance request',
  };
  return `${words[launcher.kind]} ${launcher.resource.id}${conditionNote(launcher.resource)}`;
}

/** " (condition IsProd)" for a resource created only under a condition, else "". */
export function conditionNote(resource: Resource): string {
  return resource.condition ? ` (condition ${resource.condition})` : '';
}

/** Where to report a setting that is missing from a resource: its properties, else its type, else the resource. */
export function resourceAnchor(resource: Resource): Node {
  if (resource.properties.value !== undefined) return resource.properties;
  return resource.node.get('Type') ?? resource.node;
}

/** Where to report a missing metadata option: the metadata options block when it is written, else the resource. */
export function metadataAnchor(launcher: Launcher): Node {
  const block = launcher.metadata.block.find(isSet);
  return block ? block.node : resourceAnchor(launcher.resource);
}

/** The name a node has in the input (`HttpTokens`, `http_tokens`), skipping list indexes and intrinsic functions; `fallback` at the root. */
export function nameOf(node: Node, fallback: string): string {
  const [last] = node.lastKeys(1, isPropertyName);
  return (last as string | undefined) ?? fallback;
}

/** Like `nameOf`, with the parent's name in front of a generic one: `IamInstanceProfile.Arn`, `iam_instance_profile.name`. */
export function qualifiedNameOf(node: Node, fallback: string): string {
  const names = node.lastKeys(2, isPropertyName) as string[];
  const last = names[names.length - 1];
  if (last === undefined) return fallback;
  const parent = names[names.length - 2];
  return /^(arn|name|id)$/i.test(last) && parent ? `${parent}.${last}` : last;
}

/** A key that names a property: not an index, not an intrinsic function's name. */
function isPropertyName(k: string | number): boolean {
  return typeof k === 'string' && k !== 'Ref' && k !== 'Condition' && !k.startsWith('Fn::');
}

/** `MetadataOptions.HttpTokens` / `metadata_options.http_tokens`, as the input spells them. */
export function metadataOptionName(launcher: Launcher, field: MetadataField): string {
  const fallbacks: Record<MetadataField, string> = { httpTokens: 'HttpTokens', httpEndpoint: 'HttpEndpoint', hopLimit: 'HttpPutResponseHopLimit' };
  const option = launcher.metadata[field][0];
  const name = option ? nameOf(option.node, fallbacks[field]) : fallbacks[field];
  const block = launcher.metadata.block[0];
  const blockName = block ? nameOf(block.node, 'MetadataOptions') : 'MetadataOptions';
  return blockName === name ? name : `${blockName}.${name}`;
}

export function isTemplate(launcher: Launcher): boolean {
  return launcher.kind === 'launch-template' || launcher.kind === 'launch-configuration';
}


/** A value that says something: known and not `null`, `""` or `[]` (plan JSON writes unset attributes that way). */
export function isSet(v: Value): boolean {
  if (v.state !== 'known') return false;
  const x = v.value;
  return !(x === null || x === '' || (Array.isArray(x) && x.length === 0));
}

/** A known string, lower-cased; undefined otherwise. */
export function knownLower(v: Value): string | undefined {
  return v.state === 'known' && typeof v.value === 'string' ? v.value.toLowerCase() : undefined;
}

/** A known integer, also written as a numeric string; undefined otherwise. */
export function knownNumber(v: Value): number | undefined {
  if (v.state !== 'known') return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

/**
 * The value a metadata option takes on instances launched by `launcher`, one entry per combination of
 * `Fn::If` branches and launch templates: its own setting, else its launch template's, else the
 * account default in the input (`no-preference` defers), else the AMI (`imds_support = v2.0` makes
 * tokens required), else absent (the EC2 default). Each option is decided separately, as EC2 does.
 */
export function effectiveMetadata(model: Model, launcher: Launcher, field: MetadataField): readonly EffectiveSetting[] {
  // Several rules ask the same launcher the same question; a model does not change once built.
  // All three fields from the start: one shape for every cache entry.
  const byField = effectiveOnce(launcher, () => ({ httpTokens: undefined, httpEndpoint: undefined, hopLimit: undefined }));
  return (byField[field] ??= layered(launcher.metadata[field], { source: 'own', launcher }, undefined, (via) =>
    fromTemplates(model, launcher, field, via),
  ));
}

const effectiveOnce = memo<Launcher, Partial<Record<MetadataField, readonly EffectiveSetting[]>>>('effective metadata');

function layered(
  prop: readonly Value[],
  origin: { source: SettingSource; launcher?: Launcher },
  outer: ValueOrigin | undefined,
  next: (via: ValueOrigin | undefined) => EffectiveSetting[],
): EffectiveSetting[] {
  const out: EffectiveSetting[] = [];
  for (const v of prop) {
    const via = mergeOrigin(outer, v.via);
    // Written out, not spread: a spread here gave every setting a hidden class of its own (45,000 in a large plan).
    if (v.state === 'unknown' || isSet(v)) out.push({ source: origin.source, launcher: origin.launcher, value: v, via });
    else out.push(...next(via));
  }
  return out;
}

function fromTemplates(model: Model, launcher: Launcher, field: MetadataField, via: ValueOrigin | undefined): EffectiveSetting[] {
  if (launcher.templates.length === 0 && !launcher.templatesUnknown) return fallback(model, launcher, field, via, undefined);
  const out: EffectiveSetting[] = [];
  if (launcher.templatesUnknown) {
    out.push({ value: unknown(launcher.resource.node, 'its launch template is not in the input'), source: 'template', via });
  }
  for (const link of launcher.templates) {
    const linkVia = mergeOrigin(via, link.via);
    const template = link.target;
    if (!template) {
      out.push({ value: unknown(link.node, 'its launch template is not in the input'), source: 'template', via: linkVia });
      continue;
    }
    out.push(
      ...layered(template.metadata[field], { source: 'template', launcher: template }, linkVia, (v) =>
        fallback(model, launcher, field, v, template),
      ),
    );
  }
  return out;
}

function fallback(
  model: Model,
  launcher: Launcher,
  field: MetadataField,
  via: ValueOrigin | undefined,
  template: Launcher | undefined,
): EffectiveSetting[] {
  const unset: EffectiveSetting = { value: absent(launcher.metadata[field][0]?.node ?? launcher.resource.properties), source: 'ec2-default', via };
  if (field === 'hopLimit') return [unset];
  const out: EffectiveSetting[] = [];
  for (const defaults of model.metadataDefaults) {
    const prop = field === 'httpTokens' ? defaults.httpTokens : defaults.httpEndpoint;
    for (const v of prop) {
      if (v.state === 'unknown') out.push({ value: v, source: 'account-default', defaults, via: mergeOrigin(via, v.via) });
      else if (isSet(v) && knownLower(v) !== 'no-preference') {
        out.push({ value: v, source: 'account-default', defaults, via: mergeOrigin(via, v.via) });
      }
    }
  }
  if (out.length) return out;
  if (field === 'httpTokens') {
    for (const image of imagesOf(launcher, template)) {
      for (const v of image.imdsSupport) {
        if (knownLower(v) === 'v2.0') return [{ value: known(v.node, 'required', v.via), source: 'image', image, via }];
        // An AMI looked up at plan time (a data source) may well be v2.0: its default is not proven either way.
        if (v.state === 'unknown') return [{ value: v, source: 'image', image, via }];
      }
    }
  }
  return [unset];
}

/** The metadata endpoint is off in every case the input allows (so no IMDS setting or profile matters). */
export function metadataEndpointOff(model: Model, launcher: Launcher): boolean {
  return effectiveMetadata(model, launcher, 'httpEndpoint').every((s) => knownLower(s.value) === 'disabled');
}

/** The AMIs in the input that a launcher starts from: its own image, else its template's. */
export function imagesOf(launcher: Launcher, template?: Launcher): Image[] {
  const own = launcher.imageId.some((v) => v.state === 'unknown' || isSet(v));
  const links = own || !template ? launcher.imageLinks : template.imageLinks;
  return links.flatMap((l) => (l.target ? [l.target] : []));
}

/** Launchers in the input that launch from this launch template or launch configuration. */
export function templateUsers(model: Model, template: Launcher): Launcher[] {
  return model.launchers.filter((l) => l !== template && l.templates.some((t) => t.target === template));
}

export interface ProfileSetting {
  /** The profile value (`IamInstanceProfile` / `iam_instance_profile`), unknown, or absent (no profile). */
  readonly value: Value;
  readonly source: 'own' | 'template' | 'none';
  /** The launcher whose setting gives the profile. */
  readonly launcher?: Launcher;
  readonly links: readonly Link<InstanceProfile>[];
  readonly via?: ValueOrigin;
}

/**
 * The instance profile instances launched by `launcher` get, per `Fn::If` branch and launch template:
 * its own, else its template's; `none` when neither sets one, unknown when a template is not in the input.
 */
export function effectiveInstanceProfile(launcher: Launcher): ProfileSetting[] {
  const out: ProfileSetting[] = [];
  for (const v of launcher.instanceProfile) {
    if (v.state === 'unknown' || isSet(v)) {
      out.push({ value: v, source: 'own', launcher, links: linksFor(launcher, v), via: v.via });
      continue;
    }
    if (launcher.templatesUnknown) out.push({ value: unknown(launcher.resource.node, 'its launch template is not in the input'), source: 'template', links: [], via: v.via });
    for (const link of launcher.templates) {
      const via = mergeOrigin(v.via, link.via);
      const template = link.target;
      if (!template) {
        out.push({ value: unknown(link.node, 'its launch template is not in the input'), source: 'template', links: [], via });
        continue;
      }
      for (const t of template.instanceProfile) {
        const tvia = mergeOrigin(via, t.via);
        if (t.state === 'unknown' || isSet(t)) out.push({ value: t, source: 'template', launcher: template, links: linksFor(template, t), via: tvia });
        else out.push({ value: t, source: 'none', links: [], via: tvia });
      }
    }
    if (launcher.templates.length === 0 && !launcher.templatesUnknown) out.push({ value: v, source: 'none', links: [], via: v.via });
  }
  return out;
}

/** The profile links written for one branch of the profile value (all of them when the branch is not known). */
function linksFor(launcher: Launcher, v: Value): Link<InstanceProfile>[] {
  const cond = v.via?.condition;
  if (!cond) return [...launcher.instanceProfileLinks];
  return launcher.instanceProfileLinks.filter((l) => !l.via?.condition || (l.via.condition.name === cond.name && l.via.condition.branch === cond.branch));
}

// ---------------------------------------------------------------------------------------------
// Trust policies

function actionAllows(values: readonly Value[], action: string): Tri {
  let result: Tri = 'no';
  for (const v of values) {
    if (v.state === 'known' && typeof v.value === 'string') {
      if (globMatch(v.value, action, true)) return 'yes';
    } else if (v.state === 'unknown') result = 'unknown';
  }
  return result;
}

/** Whether a statement's Action / NotAction covers `action`. */
export function statementCoversAction(s: Statement, action: string): Tri {
  if (s.action) return actionAllows(s.action.values, action);
  if (s.notAction) {
    const excluded = actionAllows(s.notAction.values, action);
    return excluded === 'yes' ? 'no' : excluded === 'no' ? 'yes' : 'unknown';
  }
  return 'no';
}

function isEc2Principal(v: Value): Tri {
  if (v.state === 'known' && typeof v.value === 'string') return EC2_SERVICE_PRINCIPALS.includes(v.value.toLowerCase()) ? 'yes' : 'no';
  // `!Join ['', ['ec2.', !Ref AWS::URLSuffix]]` and `ec2.${data.aws_partition.current.dns_suffix}`: EC2 in some partition.
  if (v.state === 'unknown' && v.partial !== undefined && /^ec2\.\$\{[^}]*\}$/i.test(v.partial)) return 'yes';
  return v.state === 'unknown' ? 'unknown' : 'no';
}

/** Whether a statement names EC2 among its principals. */
export function statementNamesEc2(s: Statement): Tri {
  if (s.notPrincipal) return 'unknown';
  const p = s.principal;
  if (!p) return 'no';
  if (p.wildcard) {
    if (p.wildcard.state === 'known' && p.wildcard.value === '*') return 'yes';
    return p.wildcard.state === 'unknown' ? 'unknown' : 'no';
  }
  if (p.entries.length === 0) return p.node.intrinsic() ? 'unknown' : 'no';
  let result: Tri = 'no';
  for (const e of p.entries) {
    if (e.type === '') result = 'unknown'; // a principal known only at deploy time
    if (e.type !== 'Service') continue;
    for (const v of e.values) {
      const r = isEc2Principal(v);
      if (r === 'yes') return 'yes';
      if (r === 'unknown') result = 'unknown';
    }
  }
  return result;
}

function effectOf(s: Statement): 'allow' | 'deny' | 'unknown' {
  const values = s.effect.map(knownLower);
  if (values.length && values.every((e) => e === 'allow')) return 'allow';
  if (values.length && values.every((e) => e === 'deny')) return 'deny';
  return 'unknown';
}

/**
 * Whether the role's trust policy lets `ec2.amazonaws.com` call `sts:AssumeRole` (what an instance
 * profile needs): an Allow statement naming EC2 (or `*`) for the action, not cancelled by an
 * unconditional Deny. Unknown when the policy or a relevant part of it cannot be read.
 */
export function trustAllowsEc2(role: Role): Tri {
  const doc = role.trustPolicy;
  if (!doc || doc.unreadable) return 'unknown';
  let allowed: Tri = 'no';
  for (const s of doc.statements) {
    const effect = effectOf(s);
    const action = statementCoversAction(s, 'sts:AssumeRole');
    const principal = statementNamesEc2(s);
    if (effect === 'deny') {
      if (action === 'yes' && principal === 'yes' && s.conditions.length === 0 && !s.conditionsUnknown && !s.via) return 'no';
      continue;
    }
    if (action === 'no' || principal === 'no') continue;
    if (effect === 'allow' && action === 'yes' && principal === 'yes') allowed = 'yes';
    else if (allowed === 'no') allowed = 'unknown';
  }
  // A statement the input does not show may be the one that trusts EC2.
  return allowed === 'no' && doc.statementsUnknown ? 'unknown' : allowed;
}

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];

/**
 * Whether EC2 is the only principal that can assume the role: every Allow statement that grants an
 * `sts:AssumeRole*` action names only the EC2 service principal. Credentials that EC2 delivers
 * through an instance profile ignore the role's maximum session duration.
 */
export function onlyEc2CanAssume(role: Role): Tri {
  const doc = role.trustPolicy;
  if (!doc || doc.unreadable || doc.statementsUnknown) return 'unknown';
  let granting = 0;
  let result: Tri = 'yes';
  for (const s of doc.statements) {
    const effect = effectOf(s);
    if (effect === 'deny') continue;
    const covers = ASSUME_ACTIONS.map((a) => statementCoversAction(s, a));
    if (covers.every((c) => c === 'no')) continue;
    if (effect === 'unknown' || covers.includes('unknown') || s.notPrincipal) return 'unknown';
    granting++;
    const p = s.principal;
    if (!p || p.wildcard || p.entries.length === 0) return p?.wildcard?.state === 'unknown' || p?.node.intrinsic() ? 'unknown' : 'no';
    for (const e of p.entries) {
      if (e.type === '') return 'unknown';
      if (e.type !== 'Service') return 'no';
      for (const v of e.values) {
        const r = isEc2Principal(v);
        if (r === 'no') return 'no';
        if (r === 'unknown') result = 'unknown';
      }
    }
  }
  return granting === 0 ? 'unknown' : result;
}

// ---------------------------------------------------------------------------------------------
// User data

export interface UserDataText {
  /** The node that holds the text: a literal scalar when one does, else the user data value. */
  readonly node: Node;
  readonly text: string;
  /** The text was base64 in the input (Terraform `user_data_base64`, launch template `user_data`). */
  readonly decoded: boolean;
  readonly via?: ValueOrigin;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decoded text when `s` is base64 of readable text (a script or cloud-config); undefined otherwise. */
export function decodeBase64Text(s: string): string | undefined {
  const compact = s.replace(/\s+/g, '');
  if (compact.length < 16 || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  const text = Buffer.from(compact, 'base64').toString('utf8');
  if (!text.length || text.includes('\uFFFD')) return undefined;
  let printable = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) printable++;
  }
  return printable / text.length > 0.97 && /\s/.test(text) ? text : undefined;
}

/**
 * The texts of a launcher's user data: each resolved value (with `${…}` placeholders where a part is
 * unknown), base64 decoded where it is base64, and the literal strings written inside it (the parts of
 * `Fn::Join`, the template of `Fn::Sub`) so a match can be located on the most specific node.
 */
export function userDataTexts(launcher: Launcher): readonly UserDataText[] {
  return userDataOnce(launcher, readUserDataTexts);
}

/** Two rules read every launcher's user data; the model does not change once built. */
const userDataOnce = memo<Launcher, readonly UserDataText[]>('user data texts');

function samePlace(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.doc !== b.doc) return false;
  const pa = a.path;
  const pb = b.path;
  return pa.length === pb.length && pa.every((k, i) => k === pb[i]);
}

function readUserDataTexts(launcher: Launcher): UserDataText[] {
  const out: UserDataText[] = [];
  // A launcher has a handful of texts: compared in place, paths only when two texts are the same.
  const add = (node: Node, text: string, decoded: boolean, via?: ValueOrigin) => {
    for (const o of out) if (o.text === text && samePlace(o.node, node)) return;
    out.push({ node, text, decoded, via });
  };
  for (const v of launcher.userData) {
    if (v.state === 'absent') continue;
    for (const s of stringsUnder(v.node)) {
      add(s.node, s.value, false, v.via);
      const d = decodeBase64Text(s.value);
      if (d !== undefined) add(s.node, d, true, v.via);
    }
    const text = v.state === 'known' && typeof v.value === 'string' ? v.value : v.state === 'unknown' ? v.partial : undefined;
    if (text === undefined) continue;
    add(v.node, text, false, v.via);
    const d = decodeBase64Text(text);
    if (d !== undefined) add(v.node, d, true, v.via);
  }
  return out;
}
