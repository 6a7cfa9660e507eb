/**
 * Terraform plan JSON (`terraform show -json plan.out`) and state JSON (`terraform show -json`): the
 * planned (or current) values of every resource instance, addressed as Terraform does, with
 * `after_unknown` values unknown and sensitive values never read; links come from the plan's
 * `configuration` references where the values alone do not prove them.
 */
import { openEmbeddedJson } from '../load/embedded.js';
import { ModelBuilder, stringsUnder } from '../model/builder.js';
import type { Model, PolicyDocument, Resource, StringScalar } from '../model/model.js';
import { Node } from '../model/node.js';
import type { PolicyDocumentInfo, PolicyReadContext } from '../model/policy-reader.js';
import { readPolicyDocument, unreadablePolicy } from '../model/policy-reader.js';
import type { Json, Path, SourceDocument } from '../model/source.js';
import type { Prop, ValueOrigin } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import type { ConfigModule } from './tf-plan-config.js';
import { expressionAt, indexConfiguration, notConfigured, referencesUnder } from './tf-plan-config.js';
import type { TfRef } from './tf-reference.js';
import { parseReference, withoutInstanceKeys } from './tf-reference.js';
import { IDENTIFYING_ARGS, type TfEntry, type TfOutputSpec, type TfSource, type TfTarget } from './tf-source.js';
import { buildTerraformViews } from './tf-views.js';

const MAX_DEPTH = 16;
const AFTER_APPLY = 'the value is known only after apply';
const SENSITIVE = 'the plan marks the value as sensitive, so iamlint does not read it';
/**
 * Optional arguments (read by the views) that providers compute when they are not set, so a plan shows
 * them as unknown: when the configuration does not write them they are absent, as in `.tf.json`.
 * Attributes that are only ever computed (`id`, `arn`) stay unknown.
 */
const COMPUTED_ARGUMENTS = new Set([
  'iam_instance_profile',
  'inline_policy',
  'launch_template',
  'managed_policy_arns',
  'metadata_options',
  'name',
  'role',
  'user_data',
  'user_data_base64',
]);
const UNWRITTEN_IN_PLAN: ValueOrigin = { unwrittenInPlan: true };

/** Resource types whose `user_data` the AWS provider stores as a SHA-1 hash. */
const HASHED_USER_DATA = new Set(['aws_instance', 'aws_spot_instance_request', 'aws_launch_configuration']);

export function adaptTerraformPlan(doc: SourceDocument): Model {
  const plan = new PlanSource(doc);
  const b = new ModelBuilder([doc], (n) => plan.resolve(n), (accept) => plan.strings(accept));
  for (const p of plan.problems) b.problem(p.node, p.message);
  buildTerraformViews(b, plan);
  return b.build();
}

class PlanEntry implements TfEntry {
  constructor(
    readonly resource: Resource,
    readonly values: Node,
    /** `module.web["a"]`: the module instance ('' for the root). */
    readonly moduleInstance: string,
    /** `module.web`: the module in the configuration. */
    readonly moduleKey: string,
    /** `aws_instance.x` / `data.aws_ami.y` inside the module. */
    readonly local: string,
    readonly instanceKey: Json | undefined,
    /** after_unknown. */
    readonly unknownMarks: Json | undefined,
    /** The sensitivity marks (sensitive_values, after_sensitive) that mark something: none for most instances. */
    readonly sensitiveMarks: readonly Json[],
    readonly config: Node | undefined,
  ) {}
  arg(key: string): Node | undefined {
    return this.values.get(key);
  }
}

/** A target with the reference it came from: several instances for one reference are settled together. */
interface PlanTarget extends TfTarget {
  readonly group: string;
  readonly configAddress: string;
}

/** 2: the same module instance; 1: one inside the other; 0: unrelated. */
function moduleCloseness(candidate: PlanEntry, from: PlanEntry): number {
  if (candidate.moduleInstance === from.moduleInstance) return 2;
  return candidate.moduleInstance.startsWith(from.moduleInstance) || from.moduleInstance.startsWith(candidate.moduleInstance) ? 1 : 0;
}

/**
 * One reference still naming several instances (a counted resource): the one whose name, ARN or id
 * is the referring value, when exactly one is; otherwise which one is known only to Terraform, so the
 * link stays unknown instead of guessed. A splat (`aws_x.y[*]`) names them all.
 */
function settle(targets: readonly PlanTarget[], value?: string): TfTarget[] {
  if (targets.length === 1) return [{ ref: targets[0]!.ref, address: targets[0]!.address, entry: targets[0]!.entry }];
  const byGroup = new Map<string, PlanTarget[]>();
  for (const t of targets) {
    const group = byGroup.get(t.group);
    if (group) group.push(t);
    else byGroup.set(t.group, [t]);
  }
  const out: TfTarget[] = [];
  for (const group of byGroup.values()) {
    const first = group[0]!;
    if (group.length === 1 || first.ref.index === '*') {
      for (const t of group) out.push({ ref: t.ref, address: t.address, entry: t.entry });
      continue;
    }
    const named = value === undefined ? [] : group.filter((t) => IDENTIFYING_ARGS.some((k) => t.entry?.arg(k)?.value === value));
    const one = named.length === 1 ? named[0]! : undefined;
    out.push(one ? { ref: one.ref, address: one.address, entry: one.entry } : { ref: first.ref, address: first.configAddress });
  }
  return out;
}

/**
 * A change's `before` and `after` objects repeat what prior_state and planned_values hold, which is
 * where values are read from: they are let go once the marks are taken, so a large plan is not held
 * twice while it is checked (about 45 MB of the heap for a 55 MB plan). Nothing reads them; `null`
 * keeps the object's shape.
 */
function releaseChangeValues(change: Node): void {
  const v = change.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
  const record = v as Record<string, Json>;
  if ('before' in record) record.before = null;
  if ('after' in record) record.after = null;
}

function pathKey(path: Path): string {
  return path.join('\u0000');
}

/** Providers show an unset string or block as "" / [] in values. */
function isUnsetShape(v: Json): boolean {
  return v === '' || (Array.isArray(v) && v.length === 0);
}

/** True when the mark tree says `true` at `rel` or above it. */
function marked(marks: Json | undefined, rel: Path): boolean {
  let m = marks;
  for (const step of rel) {
    if (m === true) return true;
    if (m === null || typeof m !== 'object') return false;
    m = Array.isArray(m) ? (typeof step === 'number' ? m[step] : undefined) : (m as Record<string, Json>)[String(step)];
  }
  return m === true;
}

class PlanSource implements TfSource {
  readonly entries: PlanEntry[] = [];
  readonly problems: { node: Node; message: string }[] = [];
  private readonly root: Node;
  private readonly isPlan: boolean;
  /** Made on first need only: nodes built from the root again (not reached from an entry's values) are rare. */
  private byValuesPath: Map<string, PlanEntry> | undefined;
  private readonly byValuesNode = new Map<Node, PlanEntry>();
  private readonly byConfigAddress = new Map<string, PlanEntry[]>();
  private readonly modules: Map<string, ConfigModule>;

  constructor(private readonly doc: SourceDocument) {
    this.root = Node.root(doc);
    this.isPlan = doc.format === 'terraform-plan';
    this.modules = indexConfiguration(this.isPlan ? this.root.get('configuration') : undefined);
    if (!this.root.isObject) {
      this.problems.push({ node: this.root, message: 'a Terraform plan or state JSON file must hold an object' });
      return;
    }
    const changes = new Map<string, Node>();
    for (const rc of this.root.get('resource_changes')?.items() ?? []) {
      const address = rc.valueAt('address');
      if (typeof address === 'string' && rc.valueAt('deposed') === undefined) changes.set(address, rc.get('change') ?? rc.child('change'));
    }
    const values = this.isPlan ? this.root.get('planned_values') : this.root.get('values');
    const seen = new Set<string>();
    this.module(values?.get('root_module'), '', changes, seen, false);
    // Data sources read while planning are in prior_state only.
    if (this.isPlan) this.module(this.root.at('prior_state', 'values', 'root_module'), '', changes, seen, true);
    for (const change of changes.values()) releaseChangeValues(change);
  }

  private module(mod: Node | undefined, instance: string, changes: Map<string, Node>, seen: Set<string>, priorData: boolean): void {
    if (!mod) return;
    if (!mod.isObject) {
      this.problems.push({ node: mod, message: 'a module in the values must be an object with "resources" and "child_modules"' });
      return;
    }
    const resources = mod.get('resources');
    if (resources && !resources.isArray) this.problems.push({ node: resources, message: '"resources" must be an array' });
    const moduleKey = withoutInstanceKeys(instance);
    for (const r of resources?.items() ?? []) this.resource(r, instance, moduleKey, changes, seen, priorData);
    for (const child of mod.get('child_modules')?.items() ?? []) {
      const address = child.valueAt('address');
      this.module(child, typeof address === 'string' ? address : instance, changes, seen, priorData);
    }
  }

  private resource(r: Node, instance: string, moduleKey: string, changes: Map<string, Node>, seen: Set<string>, priorData: boolean): void {
    const mode = r.valueAt('mode') === 'data' ? 'data' : 'managed';
    // prior_state is read for its data sources only; its managed resources are planned_values' again.
    if (priorData && mode !== 'data') return;
    const address = r.valueAt('address');
    const type = r.valueAt('type');
    const name = r.valueAt('name');
    if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') {
      if (!priorData) this.problems.push({ node: r, message: 'a resource in the values needs "address", "type" and "name"' });
      return;
    }
    if (seen.has(address)) return;
    seen.add(address);
    const values = r.get('values') ?? r.child('values');
    const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    const change = changes.get(address);
    const sensitiveMarks = liveMarks(marksOf(r.valueAt('sensitive_values'), change?.valueAt('after_sensitive')));
    const config = this.modules.get(moduleKey)?.resources.get(local);
    const entry = new PlanEntry(
      { id: address, type, node: r, properties: values, mode },
      values,
      instance,
      moduleKey,
      local,
      r.valueAt('index'),
      change?.valueAt('after_unknown'),
      sensitiveMarks,
      config,
    );
    this.entries.push(entry);
    this.byValuesNode.set(values, entry);
    const configAddress = moduleKey ? `${moduleKey}.${local}` : local;
    const list = this.byConfigAddress.get(configAddress);
    if (list) list.push(entry);
    else this.byConfigAddress.set(configAddress, [entry]);
  }

  // ---- values -------------------------------------------------------------------------------

  /** The resource whose values hold the node. */
  private entryOf(node: Node): PlanEntry | undefined {
    if (node.doc !== this.doc) return undefined;
    for (let n: Node | undefined = node; n; n = n.parent) {
      // Only an entry's own values node is in the map, and it is always reached by the key "values".
      if (n.key !== 'values') continue;
      const entry = this.byValuesNode.get(n);
      if (entry) return entry;
    }
    return this.ownerByPath(node.path)?.entry;
  }

  /** The resource whose values hold the node, and the path inside them. */
  private ownerOf(node: Node): { entry: PlanEntry; rel: Path } | undefined {
    if (node.doc !== this.doc) return undefined;
    // Most nodes were reached from their entry's values node: found by walking up, no path built.
    const rel: (string | number)[] = [];
    for (let n: Node | undefined = node; n; n = n.parent) {
      const entry = n.key === 'values' ? this.byValuesNode.get(n) : undefined;
      if (entry) return { entry, rel: rel.reverse() };
      rel.push(n.key!);
    }
    return this.ownerByPath(node.path);
  }

  /** Resource values always sit at …/resources/<n>/values (planned_values, values, prior_state): one lookup per such prefix. */
  private ownerByPath(path: Path): { entry: PlanEntry; rel: Path } | undefined {
    for (let i = 2; i < path.length; i++) {
      if (path[i] !== 'values' || typeof path[i - 1] !== 'number' || path[i - 2] !== 'resources') continue;
      this.byValuesPath ??= new Map(this.entries.map((e) => [pathKey(e.values.path), e]));
      const entry = this.byValuesPath.get(pathKey(path.slice(0, i + 1)));
      if (entry) return { entry, rel: path.slice(i + 1) };
    }
    return undefined;
  }

  resolve(node: Node): Prop {
    const v = node.value;
    const entry = this.entryOf(node);
    if (!entry) return v === undefined || v === null ? [absent(node)] : [known(node, v)];
    // The usual case, a present value of an instance with nothing sensitive, needs no path inside the values.
    if (entry.sensitiveMarks.length > 0 || v === undefined || v === null || node === entry.values || !node.parent) return this.resolveMarked(node, v);
    if (typeof node.key === 'string' && isUnsetShape(v)) return [absent(node)];
    return [known(node, v)];
  }

  private resolveMarked(node: Node, v: Json | undefined): Prop {
    const { entry, rel } = this.ownerOf(node)!;
    if (entry.sensitiveMarks.some((m) => marked(m, rel))) return [unknown(node, SENSITIVE)];
    if (v === undefined || v === null) {
      if (!marked(entry.unknownMarks, rel)) return [absent(node)];
      if (this.unset(entry, rel)) return [absent(node, UNWRITTEN_IN_PLAN)];
      return [unknown(node, AFTER_APPLY)];
    }
    if (typeof rel[rel.length - 1] === 'string' && isUnsetShape(v)) return [absent(node)];
    return [known(node, v)];
  }

  /** The configuration proves the attribute is not written (a computed default is what is unknown). */
  private unset(entry: PlanEntry, rel: Path): boolean {
    const top = rel[0];
    if (!entry.config || typeof top !== 'string' || !COMPUTED_ARGUMENTS.has(top)) return false;
    const expressions = entry.config.get('expressions');
    return expressions ? notConfigured(expressions, rel) : true;
  }

  userData(entry: TfEntry, key: string): Prop {
    const e = entry as PlanEntry;
    const slot = e.arg(key) ?? e.values.child(key);
    const planned = this.resolve(slot);
    const first = planned[0];
    if (key === 'user_data' && HASHED_USER_DATA.has(e.resource.type) && first?.state === 'known' && typeof first.value === 'string' && /^[0-9a-f]{40}$/.test(first.value)) {
      const constant = e.config?.at('expressions', key, 'constant_value');
      if (constant && typeof constant.value === 'string') return [known(constant, constant.value)];
      return [unknown(slot, 'the plan holds only a SHA-1 hash of the user data')];
    }
    return planned;
  }

  dataAttribute(entry: TfEntry, key: string): Prop {
    return this.resolve(entry.arg(key) ?? entry.resource.properties.child(key));
  }

  // ---- references ---------------------------------------------------------------------------

  referenceTargets(node: Node, from: TfEntry): TfTarget[] {
    const e = from as PlanEntry;
    const found = this.expressionFor(node, e);
    if (!found) return [];
    const refs = referencesUnder(found.expr);
    const targets = this.follow(refs, e.moduleKey, e, 0);
    const value = typeof node.value === 'string' ? node.value : undefined;
    return settle(
      targets.filter((t) => {
        const attr = t.ref.attribute;
        const theirs = t.entry && attr !== undefined ? t.entry.arg(attr)?.value : undefined;
        const comparable = typeof theirs === 'string' && value !== undefined;
        if (comparable) return theirs === value;
        // One expression for a whole list: it names this element only when the values say so.
        return found.remaining === 0;
      }),
      value,
    );
  }

  allTargets(node: Node, from?: TfEntry): TfTarget[] {
    if (!from) return [];
    const e = from as PlanEntry;
    const found = this.expressionFor(node, e);
    return found ? settle(this.follow(referencesUnder(found.expr), e.moduleKey, e, 0)) : [];
  }

  private expressionFor(node: Node, e: PlanEntry) {
    const owner = this.ownerOf(node);
    if (!owner || owner.entry !== e || !e.config) return undefined;
    return expressionAt(e.config.get('expressions'), owner.rel);
  }

  /** Reference strings written in module `moduleKey`, resolved to planned resources (through module outputs and variables). */
  private follow(refs: readonly string[], moduleKey: string, from: PlanEntry | undefined, depth: number, seen = new Set<string>()): PlanTarget[] {
    const out: PlanTarget[] = [];
    if (depth > MAX_DEPTH) return out;
    for (const text of refs) {
      // Each reference is followed once per lookup: module outputs and variables may form diamonds.
      const key = `${moduleKey}\u0000${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const ref = parseReference(text);
      if (!ref) continue;
      const mod = this.modules.get(moduleKey);
      if (ref.root === 'resource' || ref.root === 'data') out.push(...this.targets(ref, moduleKey, from));
      else if (ref.root === 'module' && ref.attribute !== undefined) {
        const child = mod?.calls.get(ref.name);
        const expr = child?.outputs.get(ref.attribute)?.get('expression');
        if (child && expr) out.push(...this.follow(referencesUnder(expr), child.key, from, depth + 1, seen));
      } else if (ref.root === 'var' && mod?.parent && mod.call) {
        const expr = mod.call.at('expressions', ref.name);
        if (expr) out.push(...this.follow(referencesUnder(expr), mod.parent.key, from, depth + 1, seen));
      }
    }
    return out;
  }

  /**
   * The planned instances a reference may name. References resolve in the module instance they are
   * written in, so the closest module instances are kept; among several instances of a counted
   * resource the reference (`aws_x.y`, its index computed) may name any: all are returned, for the
   * values to decide, and `settle` leaves the link unknown when they do not.
   */
  private targets(ref: TfRef, moduleKey: string, from: PlanEntry | undefined): PlanTarget[] {
    const configAddress = moduleKey ? `${moduleKey}.${ref.address}` : ref.address;
    const group = `${configAddress}\u0000${ref.text}`;
    let best: PlanEntry[] = [];
    let bestScore = -1;
    for (const c of this.byConfigAddress.get(configAddress) ?? []) {
      if (ref.index !== undefined && ref.index !== '*' && c.instanceKey !== ref.index) continue;
      const score = from ? moduleCloseness(c, from) : 0;
      if (score > bestScore) {
        best = [c];
        bestScore = score;
      } else if (score === bestScore) best.push(c);
    }
    if (best.length === 0) return [{ ref, address: configAddress, group, configAddress }];
    return best.map((c) => ({ ref, address: c.resource.id, entry: c, group, configAddress }));
  }

  // ---- policies -----------------------------------------------------------------------------

  private readonly policyContext: PolicyReadContext = {
    resolve: (n) => this.resolve(n),
    openJsonString: (n) => openEmbeddedJson(n),
  };

  readPolicy(node: Node, info: PolicyDocumentInfo): PolicyDocument {
    const first = this.resolve(node)[0];
    if (first?.state === 'known') return readPolicyDocument(node, info, this.policyContext);
    const why = first?.state === 'unknown' ? first.reason : 'it is not set';
    return unreadablePolicy(node, info, `the policy document cannot be read: ${why}`);
  }

  // ---- outputs and strings ------------------------------------------------------------------

  outputs(): TfOutputSpec[] {
    const configured = this.modules.get('')?.outputs;
    if (configured && configured.size) {
      return [...configured].map(([name, node]) => {
        const value = node.get('expression') ?? node.child('expression');
        return {
          name,
          node,
          value,
          sensitive: this.resolve(node.get('sensitive') ?? node.child('sensitive')),
          targets: settle(this.follow(referencesUnder(value), '', undefined, 0)),
        };
      });
    }
    const values = this.isPlan ? this.root.get('planned_values') : this.root.get('values');
    return (values?.get('outputs')?.entries() ?? []).map(([name, node]) => ({
      name,
      node,
      value: node.get('value') ?? node.child('value'),
      sensitive: this.resolve(node.get('sensitive') ?? node.child('sensitive')),
      targets: [],
    }));
  }

  /** Each literal string once: planned (or current) values without sensitive ones, configuration, variables. */
  strings(accept?: (text: string) => boolean): StringScalar[] {
    const found: StringScalar[] = [];
    for (const e of this.entries) stringsMarked(e.values, e.sensitiveMarks, accept, found);
    const values = this.isPlan ? this.root.get('planned_values') : this.root.get('values');
    for (const [, out] of values?.get('outputs')?.entries() ?? []) {
      if (out.get('sensitive')?.value === true) continue;
      const v = out.get('value');
      if (v) stringsUnder(v, accept, found);
    }
    if (this.isPlan) {
      const configuration = this.root.get('configuration');
      if (configuration) stringsUnder(configuration, accept, found);
      const variables = this.root.get('variables');
      if (variables) stringsUnder(variables, accept, found);
    }
    const seen = new Set<string>();
    return found.filter((s) => !seen.has(s.value) && seen.add(s.value));
  }
}

/** String scalars under a node in document order, leaving out subtrees the (live) marks call sensitive; added to `out`. */
function stringsMarked(start: Node, marks: readonly Json[], accept: ((text: string) => boolean) | undefined, out: StringScalar[]): void {
  const nodes: Node[] = [start];
  const markStack: (readonly Json[])[] = [marks];
  while (nodes.length) {
    const node = nodes.pop()!;
    const m = markStack.pop()!;
    if (m.length === 0) {
      // Nothing under here is marked (the usual case): no marks to carry down.
      stringsUnder(node, accept, out);
      continue;
    }
    if (m.includes(true)) continue;
    const v = node.value;
    if (typeof v === 'string') {
      if (!accept || accept(v)) out.push({ node, value: v });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        nodes.push(node.get(i)!);
        markStack.push(marksBelow(m, i));
      }
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        nodes.push(node.get(keys[i]!)!);
        markStack.push(marksBelow(m, keys[i]!));
      }
    }
  }
}

const NO_MARKS: readonly Json[] = [];

/** The marks that are there, in an array of their size (kept per planned instance). */
function marksOf(a: Json | undefined, b: Json | undefined): Json[] {
  if (a === undefined) return b === undefined ? [] : [b];
  return b === undefined ? [a] : [a, b];
}

/** The marks under one key or index of a marked container. */
function marksBelow(marks: readonly Json[], key: string | number): readonly Json[] {
  let out: Json[] | undefined;
  for (const x of marks) {
    const below = Array.isArray(x) ? (typeof key === 'number' ? x[key] : undefined) : typeof key === 'string' ? (x as Record<string, Json>)[key] : undefined;
    if (below === undefined) continue;
    (out ??= []).push(below);
  }
  return out ? liveMarks(out) : NO_MARKS;
}

/**
 * Whether a mark tree marks anything: a `true` somewhere in it. Providers write the shape of every
 * block (`{"metadata_options": [{}], "tags": {}}`) with nothing marked; such a tree says nothing, and
 * an instance whose marks all look like that takes the unmarked fast path.
 */
function marksSomething(x: Json): boolean {
  if (x === true) return true;
  if (x === null || typeof x !== 'object') return false;
  if (Array.isArray(x)) {
    for (const item of x) if (marksSomething(item)) return true;
    return false;
  }
  for (const k in x) if (Object.prototype.hasOwnProperty.call(x, k) && marksSomething(x[k]!)) return true;
  return false;
}

/** The marks that can still say something below: `true`, or an object or array with a `true` in it. */
function liveMarks(marks: readonly (Json | undefined)[]): readonly Json[] {
  let out: Json[] | undefined;
  for (const x of marks) {
    if (x === true) return [true];
    if (x !== undefined && marksSomething(x)) (out ??= []).push(x);
  }
  return out ?? NO_MARKS;
}
