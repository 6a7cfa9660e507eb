import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { ModelBuilder } from '../model/builder.js';
import type { AccessKey, Group, Identity, InstanceProfile, Launcher, Link, PolicyDocument, Resource, Role, User } from '../model/model.js';
import { Node } from '../model/node.js';
import type { PolicyDocumentInfo, PolicyReadContext } from '../model/policy-reader.js';
import { readPolicyDocument } from '../model/policy-reader.js';
import type { Value } from '../model/value.js';
import { memberName, staticString, unwrap } from './ast.js';
import type { Recognized } from './constructs.js';
import type { SourceFileDocument } from './document.js';
import type { ObjectProps } from './evaluate.js';
import type { Fragment } from './fragment.js';
import { knownFragment, ObjectBuilder } from './fragment.js';
import type { PolicyEvaluator } from './policies.js';

/** A view type with its readonly arrays made writable, for filling links after the views exist. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

export type IdentityView = Mutable<Role> | Mutable<User> | Mutable<Group>;

/** One recognised construct or API call, with the views made from it. */
export interface Construct {
  readonly rec: Recognized;
  readonly resource: Resource;
  /** The construct's props in the synthetic tree (`props`). */
  readonly props: Node;
  /** Its props as written (AST), for links and policies. */
  readonly ast: ObjectProps;
  launcher?: Mutable<Launcher>;
  role?: Mutable<Role>;
  user?: Mutable<User>;
  group?: Mutable<Group>;
  profile?: Mutable<InstanceProfile>;
  accessKey?: Mutable<AccessKey>;
  policy?: PolicyDocument;
  /** The role an instance construct uses (passed in, or created by CDK) and the profile CDK creates for it. */
  instanceRole?: Mutable<Role>;
  createdProfile?: Mutable<InstanceProfile>;
}

/** What an expression refers to: a construct in the file (maybe an attribute of it), or a literal name. */
export interface Ref {
  construct?: Construct;
  attribute?: string;
  literal?: string;
}

/** Everything the view builders share for one source file. */
export class SourceContext {
  readonly constructs: Construct[] = [];
  private readonly byNode = new Map<TSESTree.Node, Construct>();
  readonly policyContext: PolicyReadContext;

  constructor(
    /** Every node of the file in source order. */
    readonly nodes: readonly TSESTree.Node[],
    readonly doc: SourceFileDocument,
    readonly ev: PolicyEvaluator,
    readonly builder: ModelBuilder,
  ) {
    this.policyContext = {
      resolve: (n) => doc.resolve(n),
      openJsonString: (n) => {
        if (typeof n.value !== 'string' || !n.value.trimStart().startsWith('{')) return undefined;
        try {
          return new Node(n.doc, n.path, JSON.parse(n.value));
        } catch {
          return undefined;
        }
      },
    };
  }

  /** Adds a recognised construct as a resource: `{ Type, props }`, located at the `new` expression. */
  addConstruct(rec: Recognized): Construct {
    const b = new ObjectBuilder(rec.node);
    b.set('Type', knownFragment(rec.spec.type, rec.node.callee));
    if (rec.propsArg) b.set('props', this.ev.value(rec.propsArg));
    const node = this.doc.add('resources', b.build());
    const resource: Resource = { id: this.idOf(rec), type: rec.spec.type, node, properties: node.child('props') };
    this.builder.resources.push(resource);
    const c: Construct = { rec, resource, props: resource.properties, ast: this.ev.objectProps(rec.propsArg) };
    this.constructs.push(c);
    this.byNode.set(rec.node, c);
    return c;
  }

  /** A resource the construct creates without writing it (CDK's instance role and profile), located at the construct. */
  synthetic(at: TSESTree.Node, type: string, id: string): Resource {
    const node = this.doc.add('resources', new ObjectBuilder(at).set('Type', knownFragment(type)).build());
    const resource: Resource = { id, type, node, properties: node.child('props') };
    this.builder.resources.push(resource);
    return resource;
  }

  private idOf(rec: Recognized): string {
    const id = staticString(rec.idArg);
    if (id) return id;
    if (rec.spec.framework === 'sdk' && rec.propsArg) {
      const props = this.ev.objectProps(rec.propsArg).props;
      for (const k of ['RoleName', 'UserName', 'GroupName', 'PolicyName', 'LaunchTemplateName', 'Bucket', 'InstanceId']) {
        const name = staticString(props.get(k));
        if (name) return name;
      }
    }
    return `${rec.spec.name} (line ${rec.node.loc.start.line})`;
  }

  constructAt(node: TSESTree.Node): Construct | undefined {
    return this.byNode.get(node);
  }

  /** The tree node at `props.k1.k2…` (present or not). */
  node(c: Construct, ...keys: (string | number)[]): Node {
    return keys.reduce((n, k) => n.child(k), c.props);
  }

  /** The values at `props.k1.k2…`: unknown when a part is not a literal, absent when not written. */
  prop(c: Construct, ...keys: (string | number)[]): Value[] {
    return [...this.doc.resolve(this.node(c, ...keys))];
  }

  resolve(node: Node): Value[] {
    return [...this.doc.resolve(node)];
  }

  /** The AST written at `props.k1.k2…`, following object literals and constants. */
  ast(c: Construct, ...keys: string[]): TSESTree.Node | undefined {
    let props = c.ast;
    let found: TSESTree.Node | undefined;
    for (const [i, k] of keys.entries()) {
      found = props.props.get(k);
      if (!found) return undefined;
      if (i < keys.length - 1) props = this.ev.objectProps(found);
    }
    return found;
  }

  /** A fragment as a node of its own (in `values`), for pieces that are not under a resource. */
  value(f: Fragment): Node {
    return this.doc.add('values', f);
  }

  /** The values of an expression evaluated on its own. */
  valueOf(expr: TSESTree.Node): Value {
    return this.doc.resolve(this.value(this.ev.value(expr)))[0]!;
  }

  /** What an expression refers to: `role`, `role.roleName`, `profile.ref`, `this.role`, or a literal name. */
  refOf(expr: TSESTree.Node | undefined): Ref {
    if (!expr) return {};
    let n = unwrap(expr);
    const attrs: string[] = [];
    while (n.type === T.MemberExpression) {
      const name = memberName(n);
      if (name === undefined) return {};
      attrs.unshift(name);
      n = unwrap(n.object);
    }
    if (!attrs.length) {
      const literal = staticString(n);
      if (literal !== undefined) return { literal };
    }
    const target = this.ev.target(n);
    const construct = this.byNode.get(target);
    if (construct) return { construct, attribute: attrs.length ? attrs.join('.') : undefined };
    if (!attrs.length) {
      const v = this.ev.value(n).value;
      if (typeof v === 'string') return { literal: v };
    }
    return {};
  }

  /** A link from a written value to a view, when the source shows where it points. */
  link<V>(value: Value, ast: TSESTree.Node | undefined, pick: (c: Construct) => V | undefined, byName?: (name: string) => Construct | undefined): Link<V> | undefined {
    const ref = this.refOf(ast);
    let c = ref.construct;
    if (!c && ref.literal !== undefined && byName) c = byName(ref.literal);
    if (!c && ref.literal === undefined) return undefined;
    return {
      node: value.node,
      targetId: c?.resource.id,
      targetResource: c?.resource,
      target: c ? pick(c) : undefined,
      attribute: ref.attribute,
      literal: ref.literal,
    };
  }

  /** Reads a policy document fragment and adds it to the model. */
  policy(f: Fragment, info: PolicyDocumentInfo): PolicyDocument {
    const node = this.doc.add('policies', f);
    const doc = readPolicyDocument(node, info, this.policyContext);
    this.builder.policies.push(doc);
    return doc;
  }

  attach(doc: PolicyDocument, identity: IdentityView, how: 'inline' | 'attached'): void {
    const list = how === 'inline' ? identity.inlinePolicies : identity.attachedPolicies;
    if (list.includes(doc)) return;
    list.push(doc);
    (doc.attachedTo as Identity[]).push(identity as Identity);
  }

  identityOf(c: Construct | undefined): IdentityView | undefined {
    return c?.role ?? c?.user ?? c?.group ?? c?.instanceRole;
  }
}
