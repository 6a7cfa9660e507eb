/**
 * Terraform configuration JSON (`*.tf.json`): all files of one module (one directory) into one Model.
 * Strings with `${…}` are unknown unless they are exactly a variable with a default, a local or a
 * literal argument of another resource; references are read from the expression text.
 */
import { openEmbeddedJson } from '../load/embedded.js';
import { ModelBuilder } from '../model/builder.js';
import type { Model, PolicyDocument, Resource, StringScalar } from '../model/model.js';
import { Node } from '../model/node.js';
import type { PolicyDocumentInfo, PolicyReadContext } from '../model/policy-reader.js';
import { readPolicyDocument, unreadablePolicy } from '../model/policy-reader.js';
import type { SourceDocument } from '../model/source.js';
import type { Prop, Value, ValueOrigin } from '../model/value.js';
import { absent, known, unknown } from '../model/value.js';
import { COMMENT_KEY, labelledBodies, members, objectsOf } from './tf-hcl-json.js';
import { openJsonencode } from './tf-jsonencode.js';
import type { TfRef } from './tf-reference.js';
import { readTemplate } from './tf-reference.js';
import type { TfEntry, TfOutputSpec, TfSource, TfTarget } from './tf-source.js';
import { buildTerraformViews } from './tf-views.js';

/** How deep `${local.a}` → `${local.b}` → … chains are followed. */
const MAX_DEPTH = 16;
/** Attributes whose value is the argument of the same name, so a literal argument resolves the reference. */
const ARGUMENT_ATTRIBUTES = new Set(['name', 'arn']);

export function adaptTerraformConfig(docs: SourceDocument[]): Model {
  const module = new ConfigModule(docs);
  const b = new ModelBuilder(docs, (n) => module.resolve(n), (accept) => {
    const out: StringScalar[] = [];
    for (const doc of docs) stringsOf(Node.root(doc), accept, out);
    return out;
  });
  for (const p of module.problems) b.problem(p.node, p.message);
  buildTerraformViews(b, module);
  return b.build();
}

class ConfigEntry implements TfEntry {
  readonly overrides: Node[] = [];
  constructor(readonly resource: Resource) {}
  arg(key: string): Node | undefined {
    for (let i = this.overrides.length - 1; i >= 0; i--) {
      const hit = this.overrides[i]!.get(key);
      if (hit) return hit;
    }
    return key === COMMENT_KEY ? undefined : this.resource.properties.get(key);
  }
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

function isOverrideFile(file: string): boolean {
  const base = baseName(file);
  return base === 'override.tf.json' || base.endsWith('_override.tf.json');
}

function short(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}

class ConfigModule implements TfSource {
  readonly entries: ConfigEntry[] = [];
  readonly problems: { node: Node; message: string }[] = [];
  private readonly byAddress = new Map<string, ConfigEntry>();
  private readonly variables = new Map<string, Node>();
  private readonly locals = new Map<string, Node>();
  private readonly outputBodies: { name: string; body: Node }[] = [];

  constructor(readonly docs: readonly SourceDocument[]) {
    const ordered = [...docs.filter((d) => !isOverrideFile(d.file)), ...docs.filter((d) => isOverrideFile(d.file))];
    for (const doc of ordered) this.read(Node.root(doc), isOverrideFile(doc.file));
  }

  private read(root: Node, override: boolean): void {
    if (!root.isObject) {
      this.problems.push({ node: root, message: 'a Terraform JSON configuration file must hold an object' });
      return;
    }
    const malformed = (what: string) => (n: Node) =>
      this.problems.push({ node: n, message: `${what} must be an object (or an array of objects) in Terraform JSON syntax` });
    for (const mode of ['resource', 'data'] as const) {
      for (const { labels, body } of labelledBodies(root.get(mode), 2, malformed(`a ${mode} block`))) {
        const [type, name] = labels as [string, string];
        const id = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        const existing = this.byAddress.get(id);
        if (existing && override) {
          existing.overrides.push(body);
          continue;
        }
        if (existing) {
          // Terraform rejects the whole module; the first definition is kept so the rest is still checked.
          const first = existing.resource.node.doc.file;
          const second = body.doc.file;
          const where = first === second ? '' : `, in ${baseName(first)} and ${baseName(second)}`;
          this.problems.push({ node: body, message: `${id} is defined twice${where}; Terraform rejects duplicate ${mode} blocks` });
          continue;
        }
        const entry = new ConfigEntry({ id, type, node: body, properties: body, mode: mode === 'data' ? 'data' : 'managed' });
        this.byAddress.set(id, entry);
        this.entries.push(entry);
      }
    }
    for (const { labels, body } of labelledBodies(root.get('variable'), 1, malformed('a variable block'))) {
      const name = labels[0]!;
      if (!this.variables.has(name) || override) this.variables.set(name, body);
    }
    for (const block of objectsOf(root.get('locals'))) {
      for (const [name, value] of members(block)) if (!this.locals.has(name) || override) this.locals.set(name, value);
    }
    for (const { labels, body } of labelledBodies(root.get('output'), 1, malformed('an output block'))) {
      this.outputBodies.push({ name: labels[0]!, body });
    }
  }

  // ---- values -------------------------------------------------------------------------------

  resolve(node: Node, depth = 0): Prop {
    const v = node.value;
    if (v === undefined || v === null) return [absent(node)];
    if (typeof v !== 'string') return [known(node, v)];
    const t = readTemplate(v);
    if (t.literal !== undefined) return [known(node, t.literal)];
    const why = `Terraform expression ${short(v)} is evaluated only when Terraform runs`;
    const ref = t.single;
    if (ref && depth < MAX_DEPTH) {
      const through = this.through(ref, node, depth);
      if (through) return through;
      if (ref.root === 'var' && ref.text === ref.address && this.variables.has(ref.name) && !this.variables.get(ref.name)!.get('default')) {
        return [unknown(node, `Terraform variable ${ref.address} has no default`, v)];
      }
    }
    return [unknown(node, why, v)];
  }

  /** A whole-string reference to a variable default, a local, or a literal argument of a resource. */
  private through(ref: TfRef, node: Node, depth: number): Prop | undefined {
    if ((ref.root === 'var' || ref.root === 'local') && ref.text !== ref.address) return undefined;
    if (ref.root === 'var') {
      const def = this.variables.get(ref.name)?.get('default');
      if (!def) return undefined;
      const via: ValueOrigin = { parameter: ref.address, source: def };
      return def.value === null ? [absent(node, via)] : [known(node, def.value ?? null, via)];
    }
    if (ref.root === 'local') {
      const local = this.locals.get(ref.name);
      return local ? this.resolve(local, depth + 1).map((v) => relocate(v, node)) : undefined;
    }
    if ((ref.root === 'resource' || ref.root === 'data') && ref.attribute && ARGUMENT_ATTRIBUTES.has(ref.attribute)) {
      if (ref.text !== `${ref.address}.${ref.attribute}`) return undefined;
      const arg = this.byAddress.get(ref.address)?.arg(ref.attribute);
      if (!arg) return undefined;
      const values = this.resolve(arg, depth + 1);
      return values.every((x) => x.state === 'known') ? values.map((x) => relocate(x, node)) : undefined;
    }
    return undefined;
  }

  userData(entry: TfEntry, key: string): Prop {
    return this.resolve(entry.arg(key) ?? entry.resource.properties.child(key));
  }

  dataAttribute(entry: TfEntry, key: string): Prop {
    const written = entry.arg(key);
    if (written) return this.resolve(written);
    return [unknown(entry.resource.properties.child(key), `data source ${entry.resource.id} is read from AWS only when Terraform runs`)];
  }

  // ---- references ---------------------------------------------------------------------------

  referenceTargets(node: Node, _from?: TfEntry, depth = 0): TfTarget[] {
    if (typeof node.value !== 'string' || depth > MAX_DEPTH) return [];
    const ref = readTemplate(node.value).single;
    if (!ref) return [];
    if (ref.root === 'local') {
      const local = this.locals.get(ref.name);
      return local ? this.referenceTargets(local, undefined, depth + 1) : [];
    }
    return ref.root === 'resource' || ref.root === 'data' ? [this.target(ref)] : [];
  }

  allTargets(node: Node, _from?: TfEntry, seenLocals = new Set<string>()): TfTarget[] {
    const out: TfTarget[] = [];
    const strings: StringScalar[] = [];
    stringsOf(node, undefined, strings);
    for (const s of strings) {
      for (const ref of readTemplate(s.value).refs) {
        if (ref.root === 'resource' || ref.root === 'data') out.push(this.target(ref));
        else if (ref.root === 'local' && !seenLocals.has(ref.name)) {
          seenLocals.add(ref.name);
          const local = this.locals.get(ref.name);
          if (local) out.push(...this.allTargets(local, undefined, seenLocals));
        }
      }
    }
    return out;
  }

  private target(ref: TfRef): TfTarget {
    const entry = this.byAddress.get(ref.address);
    return entry ? { ref, address: ref.address, entry } : { ref, address: ref.address };
  }

  // ---- policies -----------------------------------------------------------------------------

  /** A local's value or a variable's default as written, for `jsonencode` arguments that name them. */
  private readonly configValue = (ref: TfRef): Node | undefined =>
    ref.root === 'local' ? this.locals.get(ref.name) : ref.root === 'var' ? this.variables.get(ref.name)?.get('default') : undefined;

  private readonly policyContext: PolicyReadContext = {
    resolve: (n) => this.resolve(n),
    openJsonString: (n) => openEmbeddedJson(n),
  };

  readPolicy(node: Node, info: PolicyDocumentInfo, depth = 0): PolicyDocument {
    const v = node.value;
    if (typeof v !== 'string') return readPolicyDocument(node, info, this.policyContext);
    const t = readTemplate(v);
    if (t.literal !== undefined) return readPolicyDocument(node, info, this.policyContext);
    const ref = t.single;
    if (ref && ref.text === ref.address && depth < MAX_DEPTH) {
      if (ref.root === 'var') {
        const def = this.variables.get(ref.name)?.get('default');
        if (def && typeof def.value === 'string') return this.readPolicy(def, info, depth + 1);
      }
      if (ref.root === 'local') {
        const local = this.locals.get(ref.name);
        if (local) return this.readPolicy(local, info, depth + 1);
      }
    }
    // A JSON string whose string values hold interpolations (`"Resource": "${aws_s3_bucket.b.arn}/*"`).
    const opened = t.sole === undefined ? openEmbeddedJson(node) : undefined;
    if (opened) return readPolicyDocument(node, info, { ...this.policyContext, openJsonString: () => opened });
    // `${jsonencode({ Version = "2012-10-17", Statement = […] })}`: the expression read as the JSON it encodes.
    const encoded = t.sole !== undefined ? openJsonencode(node, this.configValue) : undefined;
    if (encoded) return readPolicyDocument(node, info, { ...this.policyContext, openJsonString: () => encoded });
    const fn = t.sole !== undefined ? /^([A-Za-z_][\w-]*)\s*\(/.exec(t.sole)?.[1] : undefined;
    const why = fn
      ? `it is the Terraform expression ${fn}(…), which is evaluated only when Terraform runs (iamlint reads aws_iam_policy_document data sources, JSON strings, jsonencode() of an object written out, and plan JSON)`
      : `it is the Terraform expression ${short(v)}, which is evaluated only when Terraform runs`;
    return unreadablePolicy(node, info, `the policy document cannot be read: ${why}`);
  }

  // ---- outputs and strings ------------------------------------------------------------------

  outputs(): TfOutputSpec[] {
    return this.outputBodies.map(({ name, body }) => {
      const value = body.get('value') ?? body.child('value');
      return { name, node: body, value, sensitive: this.resolve(body.get('sensitive') ?? body.child('sensitive')), targets: this.allTargets(value) };
    });
  }

}

/** A value reached through a local or another resource's argument, reported at the referencing node. */
function relocate(v: Value, node: Node): Value {
  const via: ValueOrigin = { ...v.via, source: v.via?.source ?? v.node };
  if (v.state === 'known') return known(node, v.value, via);
  if (v.state === 'unknown') return unknown(node, v.reason, v.partial, via);
  return absent(node, via);
}

/** String scalars under a node (those `accept` takes) in document order, `"//"` comments left out; added to `out`. */
function stringsOf(start: Node, accept: ((text: string) => boolean) | undefined, out: StringScalar[]): void {
  const stack: Node[] = [start];
  while (stack.length) {
    const n = stack.pop()!;
    if (typeof n.value === 'string') {
      if (!accept || accept(n.value)) out.push({ node: n, value: n.value });
    } else if (n.isArray) for (const c of n.items().reverse()) stack.push(c);
    else if (n.isObject) for (const [, c] of members(n).reverse()) stack.push(c);
  }
}
