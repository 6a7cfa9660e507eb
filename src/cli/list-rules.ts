import type { RuleSettings } from '../engine/types.js';
import type { RuleDefinition } from '../rule-api.js';

/** `--list-rules`: id, the level in effect (after config and --rule), description, whether the ESLint plugin runs it. */
export function listRules(rules: readonly RuleDefinition<object>[], settings: RuleSettings): string {
  const rows = [...rules]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => [r.id, settings[r.id]?.level ?? r.severity, r.frontEnds.includes('eslint') ? 'yes' : 'no', r.description]);
  const head = ['RULE', 'SEVERITY', 'ESLINT', 'DESCRIPTION'];
  const widths = [0, 1, 2].map((i) => Math.max(head[i]!.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
  return [line(head), ...rows.map(line), '', `${rows.length} rules. Change a level with --rule ID=off|note|warning|error or in the config file.`, ''].join('\n');
}
