import type {
  AccessKey,
  Group,
  Image,
  InputProblem,
  InstanceProfile,
  Launcher,
  MetadataDefaults,
  Model,
  Output,
  PolicyAttachment,
  PolicyDocument,
  Resource,
  Role,
  StringScalar,
  User,
} from './model.js';
import { Node } from './node.js';
import type { Json, SourceDocument } from './source.js';
import type { Prop } from './value.js';

/** Mutable collections an adapter fills; `build()` freezes them into a Model with a resource index. */
export class ModelBuilder {
  readonly resources: Resource[] = [];
  readonly launchers: Launcher[] = [];
  readonly roles: Role[] = [];
  readonly users: User[] = [];
  readonly groups: Group[] = [];
  readonly instanceProfiles: InstanceProfile[] = [];
  readonly policies: PolicyDocument[] = [];
  readonly accessKeys: AccessKey[] = [];
  readonly outputs: Output[] = [];
  readonly metadataDefaults: MetadataDefaults[] = [];
  readonly images: Image[] = [];
  readonly policyAttachments: PolicyAttachment[] = [];
  readonly problems: InputProblem[] = [];
  /** See Model.closedReferences. */
  closedReferences = false;

  constructor(
    readonly documents: readonly SourceDocument[],
    private readonly resolver: (node: Node) => Prop,
    private readonly stringSource: (accept?: (text: string) => boolean) => Iterable<StringScalar> = (accept) => allStrings(documents, accept),
  ) {}

  problem(node: Node, message: string): void {
    this.problems.push({ node, message });
  }

  build(): Model {
    const index = new Map<SourceDocument, Map<string, Resource>>();
    for (const r of this.resources) {
      let byPath = index.get(r.node.doc);
      if (!byPath) index.set(r.node.doc, (byPath = new Map()));
      byPath.set(pathKey(r.node.path), r);
    }
    const resourceAt = (node: Node): Resource | undefined => {
      let doc: SourceDocument = node.doc;
      let path = node.path;
      // A policy held in a string belongs to the resource that holds the string.
      for (let hops = 0; hops < 8; hops++) {
        const byPath = index.get(doc);
        if (byPath) {
          for (let len = path.length; len >= 0; len--) {
            const hit = byPath.get(pathKey(path.slice(0, len)));
            if (hit) return hit;
          }
        }
        if (!doc.embeddedIn) return undefined;
        ({ doc, path } = doc.embeddedIn);
      }
      return undefined;
    };
    return {
      documents: this.documents,
      resources: this.resources,
      launchers: this.launchers,
      roles: this.roles,
      users: this.users,
      groups: this.groups,
      instanceProfiles: this.instanceProfiles,
      policies: this.policies,
      accessKeys: this.accessKeys,
      outputs: this.outputs,
      metadataDefaults: this.metadataDefaults,
      images: this.images,
      policyAttachments: this.policyAttachments,
      problems: this.problems,
      strings: this.stringSource,
      resolve: this.resolver,
      resourceAt,
      closedReferences: this.closedReferences,
    };
  }
}

function pathKey(path: readonly (string | number)[]): string {
  return path.join('\u0000');
}

/** Every string scalar in the documents (those `accept` takes), depth-first in document order. */
export function allStrings(documents: readonly SourceDocument[], accept?: (text: string) => boolean): StringScalar[] {
  const out: StringScalar[] = [];
  for (const doc of documents) stringsUnder(Node.root(doc), accept, out);
  return out;
}

/**
 * String scalars under a node (those `accept` takes), in document order, added to `out`. An array,
 * not a generator: a large plan walks millions of values, and each step of a generator is an object.
 */
export function stringsUnder(start: Node, accept?: (text: string) => boolean, out: StringScalar[] = []): StringScalar[] {
  if (typeof start.value === 'string' && !visit(start.value, accept)) return out;
  const stack: Node[] = [start];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n.value;
    // Numbers, booleans, nulls and rejected strings get no node.
    if (typeof v === 'string') out.push({ node: n, value: v });
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (visit(v[i], accept)) stack.push(n.get(i)!);
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) if (visit(v[keys[i]!], accept)) stack.push(n.get(keys[i]!)!);
    }
  }
  return out;
}

function visit(v: Json | undefined, accept: ((text: string) => boolean) | undefined): boolean {
  return typeof v === 'string' ? !accept || accept(v) : typeof v === 'object' && v !== null;
}
