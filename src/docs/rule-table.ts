import { inlineCode, table } from './markdown.js';
import { ruleDocsPath, runsInEslint, type DocumentedRule } from './rule-meta.js';

/** `CloudFormation YAML` and `CloudFormation JSON` are one column entry: the syntax is not the format. */
function formatFamily(format: string): string {
  return format
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\s+(YAML|JSON)$/i, '')
    .trim();
}

export function ruleFormats(rule: DocumentedRule): string[] {
  return [...new Set(rule.docs.examples.map((e) => formatFamily(e.format)).filter((f) => f !== ''))];
}

/** The README rule table: id linked to its page, severity, description, formats, and whether ESLint runs it. */
export function ruleTable(rules: readonly DocumentedRule[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (sorted.length === 0) return '_No rules are registered yet._';
  return table(
    ['Rule', 'Severity', 'Description', 'Formats', 'ESLint'],
    sorted.map((r) => [
      `[${inlineCode(r.id)}](${ruleDocsPath(r.id)})`,
      r.severity,
      r.description,
      ruleFormats(r).join(', '),
      runsInEslint(r) ? 'yes' : 'no',
    ]),
  );
}

export const TABLE_START = '<!-- rules:start -->';
export const TABLE_END = '<!-- rules:end -->';

/** README text with the table between the markers; a `## Rules` section with the markers is appended when they are missing. */
export function withRuleTable(readme: string | undefined, tableText: string): string {
  const block = `${TABLE_START}\n${tableText}\n${TABLE_END}`;
  const text = readme ?? '';
  const start = text.indexOf(TABLE_START);
  const end = start < 0 ? -1 : text.indexOf(TABLE_END, start);
  if (start >= 0 && end >= 0) return text.slice(0, start) + block + text.slice(end + TABLE_END.length);
  const sep = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${sep}## Rules\n\n${block}\n`;
}
