import type { Finding, Suppression } from '../findings.js';
import type { SuppressionSettings } from '../engine/types.js';
import { fingerprint } from '../engine/locate.js';
import type { Model } from '../model/model.js';
import { commentSuppressions } from './comments.js';
import { snippetAround } from './locate.js';
import { metadataSuppressions } from './metadata.js';
import { terraformSuppressions } from './terraform.js';
import type { CollectedSuppressions, DirectiveProblem, SuppressionEntry } from './types.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';
export const SUPPRESSION_REASON = 'suppression-reason';
/** Findings about suppressions themselves are never suppressed by them. */
const META = new Set([UNUSED_SUPPRESSION, SUPPRESSION_REASON]);

export interface ApplySettings extends SuppressionSettings {
  /** Path used in fingerprints (relative to the base dir), so they do not depend on the working directory. */
  fingerprintFile?: (file: string) => string;
}

/** Every suppression written in the model's documents. */
export function collectSuppressions(model: Model, peerSuppressions: boolean): CollectedSuppressions {
  const parts = [
    ...model.documents.filter((d) => d.format === 'cloudformation-yaml').map((d) => commentSuppressions(d)),
    metadataSuppressions(model, peerSuppressions),
    terraformSuppressions(model),
  ];
  return { entries: parts.flatMap((p) => p.entries), problems: parts.flatMap((p) => p.problems) };
}

/**
 * Marks the model's findings that a suppression covers (with `suppression` set), and adds findings
 * for suppressions that lack a required reason (`suppression-reason`; such a suppression does not
 * apply) and for suppressions that matched nothing (`unused-suppression`).
 */
export function applySuppressions(model: Model, findings: Finding[], settings: ApplySettings): Finding[] {
  const { entries, problems } = collectSuppressions(model, settings.peerSuppressions);
  if (!entries.length && !problems.length) return findings;

  const fpFile = settings.fingerprintFile ?? ((f: string) => f);
  const invalid = (e: SuppressionEntry) =>
    e.badExpiry !== undefined || (settings.requireReason && !e.reasonOptional && e.reason === '');
  const expired = (e: SuppressionEntry) => e.expires !== undefined && settings.today > e.expires;

  const byRule = new Map<string, SuppressionEntry[]>();
  for (const e of entries) {
    const list = byRule.get(e.ruleId);
    if (list) list.push(e);
    else byRule.set(e.ruleId, [e]);
  }
  const used = new Set<SuppressionEntry>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.suppression || META.has(f.ruleId)) {
      out.push(f);
      continue;
    }
    const candidates = [...(byRule.get(f.ruleId) ?? []), ...(byRule.get('*') ?? [])].filter((e) => covers(e, f));
    for (const e of candidates) used.add(e);
    const applies = candidates.sort(byPrecedence).find((e) => !invalid(e) && !expired(e));
    out.push(applies ? { ...f, suppression: toSuppression(applies) } : f);
  }

  const meta = (ruleId: string, message: string, at: Pick<DirectiveProblem, 'file' | 'stableKey' | 'locate' | 'resource'>): Finding => {
    const location = at.locate();
    const doc = model.documents.find((d) => d.file === location.file);
    return {
      ruleId,
      severity: 'warning',
      message,
      location,
      resource: at.resource,
      propertyPath: '',
      fingerprint: fingerprint([ruleId, fpFile(at.file), at.resource?.id, at.stableKey]),
      related: [],
      snippet: snippetAround(doc, location.startLine),
    };
  };

  const reported = new Set<string>();
  for (const e of entries) {
    if (!invalid(e) || reported.has(e.directive)) continue;
    reported.add(e.directive);
    const rules = entries.filter((x) => x.directive === e.directive).map((x) => x.ruleId);
    out.push(meta(SUPPRESSION_REASON, reasonMessage(e, rules), { ...e, resource: resourceOf(e) }));
  }

  if (settings.reportUnused) {
    for (const e of entries) {
      if (used.has(e) || invalid(e) || e.peerRuleId) continue;
      out.push(meta(UNUSED_SUPPRESSION, unusedMessage(e), { ...e, resource: resourceOf(e) }));
    }
    for (const p of problems) out.push(meta(UNUSED_SUPPRESSION, p.message, p));
  }
  return out;
}

function covers(e: SuppressionEntry, f: Finding): boolean {
  switch (e.scope.kind) {
    case 'resource':
      return f.resource?.id === e.scope.resourceId;
    case 'file':
      return f.location.file === e.file;
    case 'line':
      return f.location.file === e.file && f.location.startLine === e.scope.line;
    case 'range':
      return f.location.file === e.file && f.location.startLine >= e.scope.from && f.location.startLine <= e.scope.to;
  }
}

const PRECEDENCE = { line: 0, range: 1, resource: 2, file: 3 } as const;
function byPrecedence(a: SuppressionEntry, b: SuppressionEntry): number {
  return PRECEDENCE[a.scope.kind] - PRECEDENCE[b.scope.kind] || Number(!!a.peerRuleId) - Number(!!b.peerRuleId);
}

function toSuppression(e: SuppressionEntry): Suppression {
  const expiry = e.expires ? ` (expires ${e.expires})` : '';
  const justification = e.peerRuleId && e.origin !== 'cfn-lint' ? `${e.origin} ${e.peerRuleId}: ${e.reason}` : e.reason;
  return { kind: 'inSource', source: e.origin, justification: justification + expiry, location: e.locate() };
}

function resourceOf(e: SuppressionEntry): { id: string; type: string } | undefined {
  return e.scope.kind === 'resource' ? { id: e.scope.resourceId, type: e.scope.resourceType } : undefined;
}

function ruleWords(rules: string[]): string {
  const named = rules.filter((r) => r !== '*');
  return named.length ? named.join(', ') : 'any rule';
}

function reasonMessage(e: SuppressionEntry, rules: string[]): string {
  const what = e.peerRuleId ? `${e.describe} (${ruleWords(rules)})` : `The ${e.describe}`;
  const subject = e.peerRuleId ? `The ${what}` : what;
  if (e.badExpiry !== undefined) {
    return `${subject} has an invalid expiry date \`${e.badExpiry}\`, so it does not suppress ${ruleWords(rules)}; write \`expires: YYYY-MM-DD\`.`;
  }
  const how = e.origin === 'comment' ? 'add `-- <why this is acceptable>` after the rule ids' : e.origin === 'checkov' ? 'add a `comment`' : 'add a `reason`';
  return `${subject} gives no reason, so it does not suppress ${ruleWords(rules)}; ${how}.`;
}

function unusedMessage(e: SuppressionEntry): string {
  const rule = e.ruleId === '*' ? '' : ` ${e.ruleId}`;
  const where =
    e.scope.kind === 'line' ? ` on line ${e.scope.line}` : e.scope.kind === 'range' ? ' in its block' : e.scope.kind === 'resource' ? ` on resource ${e.scope.resourceId}` : ' in this file';
  return `The ${e.describe} suppresses no${rule} finding${where}; remove it, or fix the rule id or its placement.`;
}
