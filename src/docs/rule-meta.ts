import type { RuleDefinition } from '../rule-api.js';

/** The fields of a rule that documentation and SARIF descriptors read (built-in pseudo-rules have no `check`). */
export type DocumentedRule = Pick<
  RuleDefinition<object>,
  'id' | 'title' | 'description' | 'docs' | 'severity' | 'securitySeverity' | 'precision' | 'tags' | 'cwe' | 'frontEnds'
> & { optionsSchema?: Record<string, unknown>; defaultOptions?: object };

export const REPO_URL = 'https://github.com/iamlint/iamlint';

export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

export function ruleDocsUrl(id: string): string {
  return `${REPO_URL}/blob/main/${ruleDocsPath(id)}`;
}

export type SecurityLevel = 'critical' | 'high' | 'medium' | 'low' | 'none';

/** GitHub's bands: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low, anything else none. */
export function securityLevel(score: number): SecurityLevel {
  if (!(score >= 0.1 && score <= 10)) return 'none';
  if (score > 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** GitHub reads at most 20 tags per rule. */
export const MAX_TAGS = 20;

/** `security` for security rules, `external/cwe/cwe-N` per CWE, then the rule's own tags; no duplicates, at most 20. */
export function ruleTags(rule: DocumentedRule): string[] {
  const tags = [
    ...(securityLevel(rule.securitySeverity) !== 'none' ? ['security'] : []),
    ...rule.cwe.map((n) => `external/cwe/cwe-${n}`),
    ...rule.tags,
  ];
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

/** `imdsv1-allowed` → `Imdsv1Allowed` (the SARIF rule `name`). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export function runsInEslint(rule: DocumentedRule): boolean {
  return rule.frontEnds.includes('eslint');
}
