import type { ModelBuilder } from '../model/builder.js';
import type { Link, PolicyDocument, Resource } from '../model/model.js';
import { openEmbeddedJson } from '../load/embedded.js';
import { Node } from '../model/node.js';
import type { PolicyDocumentInfo, PolicyReadContext } from '../model/policy-reader.js';
import { readPolicyDocument } from '../model/policy-reader.js';
import type { Prop, Value } from '../model/value.js';
import { describeOrigin } from '../model/value.js';
import type { Resolve } from './cfn-props.js';
import { propAt } from './cfn-props.js';
import type { CfnRef } from './cfn-refs.js';
import { nameKey, referenceOf } from './cfn-refs.js';
import type { CfnTemplate } from './cfn-template.js';
import { addName } from './unique-names.js';

/** A view type with its readonly arrays made writable, for adapters that fill links after creating views. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

/** Views of one kind, found by logical id or by a name they are given in the template. */
export class ViewIndex<T extends { resource: Resource }> {
  readonly byId = new Map<string, T>();
  /** undefined: two views are given this name (addName). */
  private readonly byName = new Map<string, T | undefined>();

  constructor(
    private readonly ctx: CfnContext,
    private readonly nameOf: (text: string) => string = (s) => s,
  ) {}

  add(view: T, names: Prop): void {
    this.byId.set(view.resource.id, view);
    for (const v of names) {
      const ref = this.ctx.reference(v);
      const key = ref && (ref.literal !== undefined || ref.template !== undefined) ? nameKey(ref) : undefined;
      if (key) addName(this.byName, key, view);
    }
  }

  /**
   * The link a written value makes to a view of this kind: by `Ref`/`Fn::GetAtt` (any resource, the
   * target set only when it is of this kind), or by a literal / template name that a view is given.
   */
  link(v: Value, nameOf: (text: string) => string = this.nameOf): Link<T> | undefined {
    const ref = this.ctx.reference(v);
    if (!ref) return undefined;
    if (ref.targetId !== undefined) {
      return {
        node: v.node,
        targetId: ref.targetId,
        targetResource: this.ctx.resources.get(ref.targetId),
        target: this.byId.get(ref.targetId),
        attribute: ref.attribute,
        via: v.via,
      };
    }
    const key = nameKey(ref, nameOf);
    const target = key ? this.byName.get(key) : undefined;
    if (ref.literal === undefined && !target) return undefined;
    return {
      node: v.node,
      targetId: target?.resource.id,
      targetResource: target?.resource,
      target,
      literal: ref.literal,
      via: v.via,
    };
  }
}

/** Everything the CloudFormation view builders share. */
export class CfnContext {
  readonly resources = new Map<string, Resource>();
  readonly policyContext: PolicyReadContext;

  constructor(
    readonly template: CfnTemplate,
    readonly resolve: Resolve,
    readonly builder: ModelBuilder,
  ) {
    // Policies written as JSON strings (ECR `RepositoryPolicyText`, Logs `PolicyDocument`) open positioned in this file.
    this.policyContext = { resolve, openJsonString: openEmbeddedJson };
  }

  reference(v: Value): CfnRef | undefined {
    return referenceOf(this.template, v);
  }

  ofType(...types: string[]): Resource[] {
    return this.builder.resources.filter((r) => types.includes(r.type));
  }

  /** `Properties.k1.k2…` of a resource, resolved at every level. */
  prop(r: Resource, ...keys: string[]): Value[] {
    return propAt(this.resolve, r.properties, ...keys);
  }

  /**
   * Reads a policy document and adds it to the model: one document per `Fn::If` branch when the
   * whole document is conditional (the label names the condition), none for an `AWS::NoValue` branch.
   */
  policies(node: Node, info: PolicyDocumentInfo): PolicyDocument[] {
    const values = node.intrinsic() ? this.resolve(node) : [];
    const branches = values.length > 1 || values.some((v) => v.via?.condition) ? values : undefined;
    const sites = branches
      ? branches.filter((v) => v.state !== 'absent').map((v) => ({ node: this.readable(v), label: info.label + describeOrigin(v) }))
      : [{ node: values.length === 1 ? this.readable(values[0]!) : node, label: info.label }];
    return sites.map((site) => {
      const doc = readPolicyDocument(site.node, { ...info, label: site.label, attachedTo: [...(info.attachedTo ?? [])] }, this.policyContext);
      this.builder.policies.push(doc);
      return doc;
    });
  }

  /** The node to read a resolved policy value from: a JSON string built by `Fn::Sub` / `Fn::Join` is read as that string, at the intrinsic's place. */
  private readable(v: Value): Node {
    return v.state === 'known' && typeof v.value === 'string' && typeof v.node.value !== 'string' ? new Node(v.node.doc, v.node.path, v.value) : v.node;
  }
}
