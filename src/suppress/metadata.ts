import type { Model, Resource } from '../model/model.js';
import { Node } from '../model/node.js';
import type { SourceDocument } from '../model/source.js';
import { isIsoDate, parseReason } from './directive.js';
import { locateAt } from './locate.js';
import { mapPeerRule, type PeerTool } from './peer-map.js';
import type { CollectedSuppressions, SuppressionEntry, SuppressionScope } from './types.js';

/**
 * CloudFormation `Metadata` suppressions, on resources and on the template:
 *   Metadata: { iamlint: { suppress: [{ rule, reason, expires? }] } }
 * and, when `peers` is set, the peer tools' own blocks mapped through PEER_RULE_MAP.
 */
export function metadataSuppressions(model: Model, peers: boolean): CollectedSuppressions {
  const out: CollectedSuppressions = { entries: [], problems: [] };
  for (const doc of model.documents) {
    if (!isCloudFormation(doc)) continue;
    const md = Node.root(doc).get('Metadata');
    if (md) collect(out, md, { kind: 'file' }, 'the template', undefined, peers);
  }
  for (const r of model.resources) {
    if (!isCloudFormation(r.node.doc)) continue;
    const md = r.node.get('Metadata');
    if (md) collect(out, md, { kind: 'resource', resourceId: r.id, resourceType: r.type }, `resource ${r.id}`, r, peers);
  }
  return out;
}

function isCloudFormation(doc: SourceDocument): boolean {
  return doc.format === 'cloudformation-yaml' || doc.format === 'cloudformation-json';
}

function collect(out: CollectedSuppressions, md: Node, scope: SuppressionScope, owner: string, resource: Resource | undefined, peers: boolean): void {
  const res = resource ? { id: resource.id, type: resource.type } : undefined;
  const file = md.doc.file;
  const problem = (node: Node, message: string) =>
    out.problems.push({ file, message, resource: res, stableKey: `metadata:${owner}:${node.pointer()}`, locate: () => locateAt(node) });

  const own = md.get('iamlint');
  if (own) {
    const list = own.get('suppress');
    if (!own.isObject || !list || !list.isArray) {
      problem(list ?? own, `The Metadata.iamlint block of ${owner} has no \`suppress\` list, so it suppresses nothing; write \`suppress: [{ rule, reason }]\`.`);
    } else {
      for (const item of list.items()) {
        const rules = ruleList(item.get('rule'));
        if (!item.isObject || !rules) {
          problem(item, `An entry of Metadata.iamlint.suppress on ${owner} has no \`rule\` and suppresses nothing; write \`{ rule: <rule id>, reason: <why> }\`.`);
          continue;
        }
        const reasonNode = item.get('reason');
        const parsed = parseReason(typeof reasonNode?.value === 'string' ? reasonNode.value : '');
        const expiresNode = item.get('expires');
        let { expires, badExpiry } = parsed;
        if (expiresNode) {
          const v = expiresNode.value;
          if (typeof v === 'string' && isIsoDate(v)) expires = v;
          else badExpiry = String(v);
        }
        for (const ruleId of rules) {
          out.entries.push(
            entry(item, scope, ruleId, parsed.reason, {
              origin: 'metadata',
              expires,
              badExpiry,
              describe: `Metadata.iamlint suppression on ${owner}`,
              stableKey: `metadata:${owner}:${ruleId}`,
            }),
          );
        }
      }
    }
  }
  if (!peers) return;
  if (resource) {
    peerList(out, md.at('cfn_nag', 'rules_to_suppress'), 'cfn_nag', scope, owner, 'id', 'reason');
    peerList(out, md.at('checkov', 'skip'), 'checkov', scope, owner, 'id', 'comment');
  }
  const ignore = md.at('cfn-lint', 'config', 'ignore_checks');
  for (const item of ignore?.items() ?? []) {
    if (typeof item.value !== 'string') continue;
    for (const ruleId of mapPeerRule('cfn-lint', item.value)) {
      out.entries.push(
        entry(item, scope, ruleId, `cfn-lint ignore_checks ${item.value}`, {
          origin: 'cfn-lint',
          peerRuleId: item.value,
          reasonOptional: true,
          describe: `cfn-lint ignore_checks ${item.value} on ${owner}`,
          stableKey: `cfn-lint:${owner}:${item.value}:${ruleId}`,
        }),
      );
    }
  }
}

function peerList(out: CollectedSuppressions, list: Node | undefined, tool: PeerTool, scope: SuppressionScope, owner: string, idKey: string, reasonKey: string) {
  for (const item of list?.items() ?? []) {
    const id = item.get(idKey)?.value;
    if (typeof id !== 'string') continue;
    const raw = item.get(reasonKey)?.value;
    const parsed = parseReason(typeof raw === 'string' ? raw : '');
    for (const ruleId of mapPeerRule(tool, id)) {
      out.entries.push(
        entry(item, scope, ruleId, parsed.reason, {
          origin: tool,
          peerRuleId: id,
          expires: parsed.expires,
          badExpiry: parsed.badExpiry,
          describe: `${tool} suppression of ${id} on ${owner}`,
          stableKey: `${tool}:${owner}:${id}:${ruleId}`,
        }),
      );
    }
  }
}

function ruleList(node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  if (typeof node.value === 'string' && node.value.trim()) return [node.value.trim()];
  if (Array.isArray(node.value) && node.value.length && node.value.every((v) => typeof v === 'string' && v.trim())) {
    return (node.value as string[]).map((v) => v.trim());
  }
  return undefined;
}

function entry(
  node: Node,
  scope: SuppressionScope,
  ruleId: string,
  reason: string,
  rest: Pick<SuppressionEntry, 'origin' | 'describe' | 'stableKey'> & Partial<SuppressionEntry>,
): SuppressionEntry {
  return {
    file: node.doc.file,
    ruleId,
    scope,
    reason,
    directive: `${node.doc.file}:${node.pointer()}`,
    locate: () => locateAt(node),
    ...rest,
  };
}
