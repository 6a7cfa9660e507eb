import type { Model, Resource } from '../model/model.js';
import { Node } from '../model/node.js';
import { parseDirective } from './directive.js';
import { locateAt } from './locate.js';
import type { CollectedSuppressions, SuppressionScope } from './types.js';

/**
 * Terraform JSON comment keys holding the comment syntax:
 *   "//": "iamlint-disable wildcard-action -- reason"     on a resource block: that resource
 *   "//": "iamlint-disable-file … -- reason"              at the top of the file: the whole file
 * The value may also be a list of such strings. Other `"//"` text is an ordinary comment.
 */
export function terraformSuppressions(model: Model): CollectedSuppressions {
  const out: CollectedSuppressions = { entries: [], problems: [] };
  for (const doc of model.documents) {
    if (doc.format !== 'terraform-json') continue;
    const top = Node.root(doc).get('//');
    if (top) read(out, top, { kind: 'file' }, 'the file');
  }
  for (const r of model.resources) {
    if (r.node.doc.format !== 'terraform-json') continue;
    const seen = new Set<string>();
    for (const holder of [r.node, r.properties]) {
      const c = holder.get('//');
      if (!c || seen.has(c.pointer())) continue;
      seen.add(c.pointer());
      read(out, c, { kind: 'resource', resourceId: r.id, resourceType: r.type }, `resource ${r.id}`, r);
    }
  }
  return out;
}

function read(out: CollectedSuppressions, comment: Node, scope: SuppressionScope, owner: string, resource?: Resource): void {
  const texts = comment.isArray ? comment.items() : [comment];
  const res = resource ? { id: resource.id, type: resource.type } : undefined;
  for (const t of texts) {
    if (typeof t.value !== 'string') continue;
    const d = parseDirective(t.value);
    if (!d) continue;
    const stable = `tf-comment:${owner}:${d.text}`;
    const problem = (message: string) => out.problems.push({ file: t.doc.file, message, resource: res, stableKey: stable, locate: () => locateAt(t) });
    if (d.kind === 'unknown') {
      problem(`The "//" comment \`${d.word}\` on ${owner} is not an iamlint directive and suppresses nothing; use iamlint-disable <rule> -- <reason>.`);
      continue;
    }
    if (d.kind === 'enable') {
      problem(`The "//" comment iamlint-enable on ${owner} has no effect (a "//" suppression covers the whole block); remove it.`);
      continue;
    }
    const entryScope: SuppressionScope = d.kind === 'disable-file' ? { kind: 'file' } : scope;
    for (const ruleId of d.rules.length ? d.rules : ['*']) {
      out.entries.push({
        file: t.doc.file,
        ruleId,
        scope: entryScope,
        origin: 'comment',
        reason: d.reason,
        expires: d.expires,
        badExpiry: d.badExpiry,
        directive: `${t.doc.file}:${t.pointer()}`,
        describe: `"//" iamlint-${d.kind} comment on ${owner}`,
        stableKey: `${stable}:${ruleId}`,
        locate: () => locateAt(t),
      });
    }
  }
}
