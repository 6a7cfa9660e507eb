import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ModelBuilder, stringsUnder } from '../model/builder.js';
import type { Model, Resource } from '../model/model.js';
import { Node } from '../model/node.js';
import type { VisitorKeys } from './ast.js';
import { preorder } from './ast.js';
import { Bindings } from './bindings.js';
import { recognize } from './constructs.js';
import { SourceContext } from './context.js';
import { SourceFileDocument } from './document.js';
import type { LiteralEntry } from './literals.js';
import { collectLiterals, describeLiteral } from './literals.js';
import { PolicyEvaluator } from './policies.js';
import { readAddedStatements, readStandalonePolicies } from './policy-sites.js';
import { readLaunchers } from './views-ec2.js';
import { readIam } from './views-iam.js';

/** What the adapter needs from ESLint's `SourceCode` (typescript-eslint's or espree's). */
export interface SourceInput {
  readonly ast: TSESTree.Program;
  readonly text: string;
  readonly scopeManager: TSESLint.Scope.ScopeManager | null;
  readonly lines: readonly string[];
  /** Child keys by node type (ESLint's `sourceCode.visitorKeys`); without them every own key is visited. */
  readonly visitorKeys?: VisitorKeys;
  getLocFromIndex(index: number): TSESTree.Position;
}

/**
 * The model of one JavaScript or TypeScript file: the AWS CDK, CDKTF, Pulumi and SDK calls it makes,
 * read into the same views the template adapters produce (launchers, roles, instance profiles,
 * policies, access keys, every string literal), on a synthetic document whose paths locate back to
 * the exact AST ranges. Only what the source proves is known; everything else is unknown.
 */
export function adaptSource(source: SourceInput, file: string): Model {
  const bindings = new Bindings(source.scopeManager);
  const doc = new SourceFileDocument(file, source.lines, source.text, source);
  const ev = new PolicyEvaluator({ bindings, text: source.text, locs: source });
  const literals = new Node(doc, ['literals'], doc.root.literals);
  const builder = new ModelBuilder([doc], (n) => doc.resolve(n), (accept) => stringsUnder(literals, accept));
  const ctx = new SourceContext(preorder(source.ast, source.visitorKeys), doc, ev, builder);
  for (const n of ctx.nodes) {
    const rec = recognize(n, bindings, (e) => ev.target(e));
    if (rec) ctx.addConstruct(rec);
  }
  // Evaluating props above may have read policy documents as plain values; they count as used only when a view reads them.
  ev.consumed.clear();
  const idx = readIam(ctx);
  readLaunchers(ctx, idx);
  readAddedStatements(ctx);
  readStandalonePolicies(ctx);
  const entries = collectLiterals(ctx.nodes, doc, source.text);
  const model = builder.build();
  return { ...model, resourceAt: (n) => model.resourceAt(n) ?? literalOwner(ctx, entries, n) };
}

/**
 * The resource a string literal belongs to, for messages: the construct it is passed to, or else the
 * literal itself named by where it is written (`creds.secretAccessKey`, `credentials.accessKeyId in
 * new S3Client(…)`). These stand-ins are not in `model.resources`.
 */
function literalOwner(ctx: SourceContext, entries: readonly LiteralEntry[], n: Node): Resource | undefined {
  if (n.doc !== ctx.doc || n.path[0] !== 'literals' || typeof n.path[1] !== 'number') return undefined;
  const entry = entries[n.path[1]];
  if (!entry) return undefined;
  const construct = entry.call ? ctx.constructAt(entry.call) : undefined;
  if (construct) return construct.resource;
  return { id: describeLiteral(entry, n.path.slice(2)), type: 'string literal', node: n, properties: n };
}
