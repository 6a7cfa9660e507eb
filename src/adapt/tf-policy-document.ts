/**
 * The `aws_iam_policy_document` data source read into the same PolicyDocument model as a JSON policy:
 * each `statement` block becomes a Statement whose nodes are the blocks and arguments as written
 * (configuration) or planned (plan/state values).
 */
import type { Condition, ListField, PolicyDocument, PrincipalField, Statement } from '../model/model.js';
import type { Node } from '../model/node.js';
import type { PolicyDocumentInfo, PolicyReadContext } from '../model/policy-reader.js';
import { flattenValues, listField, newPolicyDocument } from '../model/policy-reader.js';
import type { Prop, Value } from '../model/value.js';
import { known, unknown } from '../model/value.js';
import { dynamicBlock, objectsOf } from './tf-hcl-json.js';
import type { TfEntry, TfSource } from './tf-source.js';

/** The data source's default `version` and statement `effect`. */
const DEFAULT_VERSION = '2012-10-17';
const DEFAULT_EFFECT = 'Allow';

export function readPolicyDocumentData(entry: TfEntry, info: PolicyDocumentInfo, src: TfSource): PolicyDocument {
  const body = entry.resource.properties;
  // `&{aws:username}` is the data source's spelling of the policy variable `${aws:username}`.
  const ctx: PolicyReadContext = {
    resolve: (n) => src.resolve(n).map(policyVariables),
  };
  const versionNode = entry.arg('version');
  const version = versionNode ? nonAbsent(ctx.resolve(versionNode), () => [known(versionNode, DEFAULT_VERSION)]) : [known(body.child('version'), DEFAULT_VERSION)];
  const statementNode = entry.arg('statement');
  const doc = newPolicyDocument(info, body, version, statementNode && objectsOf(statementNode).length ? statementNode : undefined);
  doc.statements = objectsOf(statementNode).map((block, index) => readStatementBlock(doc, block, index, ctx));
  return doc;
}

function policyVariables(v: Value): Value {
  if (v.state === 'known' && typeof v.value === 'string' && v.value.includes('&{')) return { ...v, value: v.value.replace(/&\{/g, '${') };
  return v;
}

function nonAbsent(p: Prop, fallback: () => Prop): Prop {
  return p.every((v) => v.state === 'absent') ? fallback() : p;
}

function isEmpty(n: Node): boolean {
  return n.value === null || (Array.isArray(n.value) && n.value.length === 0) || n.value === '';
}

/** `actions`, `resources`, …: a list argument; an empty list (how plans show an unset one) is no field. */
function listArg(block: Node, key: string, ctx: PolicyReadContext): ListField | undefined {
  const n = block.get(key);
  if (n && !isEmpty(n)) return listField(n, ctx);
  const slot = n ?? block.child(key);
  const r = ctx.resolve(slot);
  return r.some((v) => v.state === 'unknown') ? { node: slot, values: r } : undefined;
}

function principalsArg(block: Node, key: string, ctx: PolicyReadContext): PrincipalField | undefined {
  const node = block.get(key);
  const blocks = objectsOf(node);
  const dyn = dynamicBlock(block, key);
  if (!blocks.length && !dyn) {
    const r = node ? [] : ctx.resolve(block.child(key)).filter((v) => v.state === 'unknown');
    return r.length ? { node: block.child(key), entries: [{ type: '', node: block.child(key), values: r }] } : undefined;
  }
  const entries: { type: string; node: Node; values: Value[] }[] = [];
  let wildcard: Value | undefined;
  for (const pb of blocks) {
    const typeNode = pb.get('type');
    const typeValue = typeNode ? ctx.resolve(typeNode)[0] : undefined;
    const type = typeValue?.state === 'known' && typeof typeValue.value === 'string' ? typeValue.value : '';
    const ids = pb.get('identifiers');
    const values = ids ? flattenValues(ids, ctx) : ctx.resolve(pb.child('identifiers')).filter((v) => v.state !== 'absent');
    // `type = "*"` with `identifiers = ["*"]` is how the data source writes `"Principal": "*"`.
    if (type === '*') wildcard = values.find((v) => v.state === 'known' && v.value === '*') ?? values[0];
    else entries.push({ type, node: ids ?? pb, values });
  }
  if (dyn) entries.push({ type: '', node: dyn, values: [unknown(dyn, `${key} is a Terraform dynamic block`)] });
  const field: PrincipalField = wildcard ? { node: node ?? dyn!, wildcard, entries } : { node: node ?? dyn!, entries };
  return field;
}

function readStatementBlock(doc: PolicyDocument, block: Node, index: number, ctx: PolicyReadContext): Statement {
  const conditionNode = block.get('condition');
  const conditions: Condition[] = [];
  let conditionsUnknown = dynamicBlock(block, 'condition') !== undefined;
  for (const cb of objectsOf(conditionNode)) {
    const test = knownString(cb, 'test', ctx);
    const variable = knownString(cb, 'variable', ctx);
    const valuesNode = cb.get('values');
    if (test === undefined || variable === undefined) {
      conditionsUnknown = true;
      continue;
    }
    const values = valuesNode ? flattenValues(valuesNode, ctx) : ctx.resolve(cb.child('values')).filter((v) => v.state !== 'absent');
    conditions.push({ operator: test, key: variable, node: valuesNode ?? cb, values });
  }
  const effectNode = block.get('effect');
  const effect = effectNode ? nonAbsent(ctx.resolve(effectNode), () => [known(effectNode, DEFAULT_EFFECT)]) : [known(block.child('effect'), DEFAULT_EFFECT)];
  const sidNode = block.get('sid');
  return {
    doc,
    node: block,
    index,
    sid: ctx.resolve(sidNode ?? block.child('sid')),
    effect,
    action: listArg(block, 'actions', ctx),
    notAction: listArg(block, 'not_actions', ctx),
    resource: listArg(block, 'resources', ctx),
    notResource: listArg(block, 'not_resources', ctx),
    principal: principalsArg(block, 'principals', ctx),
    notPrincipal: principalsArg(block, 'not_principals', ctx),
    conditionNode: conditionNode && objectsOf(conditionNode).length ? conditionNode : undefined,
    conditions,
    conditionsUnknown,
  };
}

function knownString(block: Node, key: string, ctx: PolicyReadContext): string | undefined {
  const n = block.get(key);
  if (!n) return undefined;
  const v = ctx.resolve(n)[0];
  return v?.state === 'known' && typeof v.value === 'string' ? v.value : undefined;
}
