import { codeBlock, inlineCode, link, table } from './markdown.js';
import { ruleTags, runsInEslint, securityLevel, type DocumentedRule } from './rule-meta.js';

/**
 * The documentation page of one rule: docs/rules/<id>.md and the SARIF `help.markdown`.
 * Everything comes from the rule definition, so the two never disagree.
 */
export function ruleMarkdown(rule: DocumentedRule): string {
  const parts: string[] = [`# ${rule.title}`, rule.description.trim(), facts(rule)];
  parts.push('## Why it matters', rule.docs.why.trim());
  if (rule.docs.examples.length > 0) {
    parts.push('## Examples');
    for (const ex of rule.docs.examples) {
      parts.push(`### ${ex.format}`, 'Bad:', codeBlock(ex.bad, ex.language), 'Good:', codeBlock(ex.good, ex.language));
    }
  }
  parts.push('## How to fix', rule.docs.fix.trim());
  parts.push('## Options', optionsSection(rule));
  const refs = references(rule);
  if (refs.length > 0) parts.push('## References', refs.map((r) => `- ${link(r.title, r.url)}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function facts(rule: DocumentedRule): string {
  const score = securityLevel(rule.securitySeverity);
  const eslint = runsInEslint(rule) ? `yes, as ${inlineCode(`iamlint/${rule.id}`)}` : 'no';
  return table(
    ['Property', 'Value'],
    [
      ['Rule id', inlineCode(rule.id)],
      ['Default severity', rule.severity],
      ['Security severity', score === 'none' ? 'none (not a security result)' : `${rule.securitySeverity.toFixed(1)} (${score})`],
      ['Precision', rule.precision],
      ['Tags', ruleTags(rule).map(inlineCode).join(', ')],
      ['Runs in the CLI', rule.frontEnds.includes('cli') ? 'yes' : 'no'],
      ['Runs in the ESLint plugin', eslint],
    ],
  );
}

interface OptionSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: OptionSchema;
}

function typeOf(schema: OptionSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const type = Array.isArray(schema.type) ? schema.type.join(' \\| ') : (schema.type ?? 'any');
  if (type === 'array' && schema.items) return `${typeOf(schema.items)}[]`;
  return type;
}

function optionsSection(rule: DocumentedRule): string {
  const properties = (rule.optionsSchema?.properties ?? {}) as Record<string, OptionSchema>;
  const names = Object.keys(properties);
  if (names.length === 0) return 'This rule has no options.';
  const defaults = (rule.defaultOptions ?? {}) as Record<string, unknown>;
  const rows = names.map((name) => {
    const schema = properties[name]!;
    const value = name in defaults ? defaults[name] : schema.default;
    return [inlineCode(name), typeOf(schema), value === undefined ? '' : inlineCode(JSON.stringify(value)), schema.description ?? ''];
  });
  return `${table(['Option', 'Type', 'Default', 'Description'], rows)}\n\nOptions are set per rule in the configuration file, under the rule's id.`;
}

function references(rule: DocumentedRule): { title: string; url: string }[] {
  const cwe = rule.cwe.map((n) => ({ title: `CWE-${n}`, url: `https://cwe.mitre.org/data/definitions/${n}.html` }));
  const seen = new Set(rule.docs.references.map((r) => r.url));
  return [...rule.docs.references, ...cwe.filter((r) => !seen.has(r.url))];
}

/** Plain-text help for SARIF `help.text`: description, why, how to fix, reference URLs. */
export function ruleHelpText(rule: DocumentedRule): string {
  const refs = references(rule).map((r) => `- ${r.title}: ${r.url}`);
  return [
    rule.description.trim(),
    rule.docs.why.trim(),
    `How to fix: ${rule.docs.fix.trim()}`,
    ...(refs.length > 0 ? [`References:\n${refs.join('\n')}`] : []),
  ].join('\n\n');
}
