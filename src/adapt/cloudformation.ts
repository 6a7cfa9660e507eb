import { ModelBuilder } from '../model/builder.js';
import type { Link, Model, Resource } from '../model/model.js';
import type { SourceDocument } from '../model/source.js';
import { absent } from '../model/value.js';
import { CfnContext } from './cfn-context.js';
import { readLaunchers } from './cfn-ec2.js';
import { readIam } from './cfn-iam.js';
import { readResourcePolicies } from './cfn-policies.js';
import { resourceRefsUnder } from './cfn-refs.js';
import { CfnResolver } from './cfn-resolve.js';
import { isFunctionKey, readTemplate } from './cfn-template.js';

/** The model of one CloudFormation (or SAM) template. */
export function adaptCloudFormation(doc: SourceDocument): Model {
  const template = readTemplate(doc);
  const resolver = new CfnResolver(template);
  const builder = new ModelBuilder([doc], resolver.resolve);
  // A template is self-contained: Ref and Fn::GetAtt can only name its own logical ids.
  builder.closedReferences = true;
  const ctx = new CfnContext(template, resolver.resolve, builder);
  readResources(ctx);
  const iam = readIam(ctx);
  readResourcePolicies(ctx);
  readLaunchers(ctx, iam);
  readOutputs(ctx);
  return builder.build();
}

function readResources(ctx: CfnContext): void {
  const { root } = ctx.template;
  if (!root.isObject) {
    ctx.builder.problem(root, 'the template is not a mapping of sections (Parameters, Resources, Outputs, …)');
    return;
  }
  const section = root.get('Resources');
  if (!section) return;
  if (!section.isObject) {
    ctx.builder.problem(section, 'Resources is not a mapping of logical ids to resource definitions');
    return;
  }
  for (const [id, def] of section.entries()) {
    if (isFunctionKey(id)) continue;
    if (!def.isObject) {
      ctx.builder.problem(def, `resource ${id} is not a mapping with Type and Properties`);
      continue;
    }
    const type = def.get('Type');
    if (!type) {
      ctx.builder.problem(def, `resource ${id} has no Type`);
      continue;
    }
    if (typeof type.value !== 'string' || !type.value) {
      ctx.builder.problem(type, `the Type of resource ${id} is not a string`);
      continue;
    }
    const properties = def.child('Properties');
    if (properties.value !== undefined && properties.value !== null && !properties.isObject) {
      ctx.builder.problem(properties, `the Properties of resource ${id} are not a mapping`);
    }
    const condition = def.get('Condition')?.value;
    const resource: Resource = {
      id,
      type: type.value,
      node: def,
      properties,
      condition: typeof condition === 'string' ? condition : undefined,
    };
    ctx.resources.set(id, resource);
    ctx.builder.resources.push(resource);
  }
}

function readOutputs(ctx: CfnContext): void {
  for (const [name, node] of ctx.template.root.get('Outputs')?.entries() ?? []) {
    if (isFunctionKey(name) || !node.isObject) continue;
    const value = node.child('Value');
    const references: Link<Resource>[] = resourceRefsUnder(ctx.template, value).map((ref) => {
      const target = ctx.resources.get(ref.id);
      return { node: ref.node, targetId: ref.id, targetResource: target, target, attribute: ref.attribute };
    });
    ctx.builder.outputs.push({ name, node, value, sensitive: [absent(node.child('Sensitive'))], references });
  }
}
