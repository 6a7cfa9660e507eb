import type { ReportingDescriptor } from 'sarif';
import { ruleHelpText, ruleMarkdown } from '../docs/rule-markdown.js';
import { pascalCase, REPO_URL, ruleDocsUrl, ruleTags, securityLevel, type DocumentedRule } from '../docs/rule-meta.js';

/** GitHub rejects descriptions over 1024 characters. */
export const MAX_DESCRIPTION = 1024;
/** GitHub limit for `name`. */
export const MAX_NAME = 255;

export const INFORMATION_URI = REPO_URL;

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** The SARIF reporting descriptor of a rule: what GitHub shows in the alert's rule panel. */
export function ruleDescriptor(rule: DocumentedRule, documented = true): ReportingDescriptor {
  const level = securityLevel(rule.securitySeverity);
  const properties: Record<string, unknown> = { tags: ruleTags(rule), precision: rule.precision };
  if (level !== 'none') properties['security-severity'] = rule.securitySeverity.toFixed(1);
  else properties['problem.severity'] = rule.severity === 'note' ? 'recommendation' : rule.severity;
  return {
    id: rule.id,
    name: clip(pascalCase(rule.id), MAX_NAME),
    shortDescription: { text: clip(rule.title, MAX_DESCRIPTION) },
    fullDescription: { text: clip(rule.description, MAX_DESCRIPTION) },
    help: { text: ruleHelpText(rule), markdown: ruleMarkdown(rule) },
    ...(documented ? { helpUri: ruleDocsUrl(rule.id) } : {}),
    defaultConfiguration: { level: rule.severity },
    properties,
  };
}
