import { adapt } from '../../src/adapt/index.js';
import { loadText } from '../../src/load/index.js';
import type { Model, RuleDefinition, Severity } from '../../src/rule-api.js';
import { modelOf } from './policy-fixtures.js';
import { runRule } from './run-rule.js';

export interface FixtureFinding {
  ruleId: string;
  resource: string | undefined;
  severity: Severity;
  line: number;
  column: number;
  /** JSON pointer of the reported node in its document. */
  pointer: string;
  message: string;
  related: { line: number; column: number; pointer: string; message: string }[];
}

/**
 * Loads one fixture through the real loader and the adapter its format calls for (`adapt()` picks
 * CloudFormation, Terraform configuration or plan), runs one rule with its default options (merged with
 * `options`), and returns the findings located, in document order.
 */
export function scanFixture<O extends object>(rule: RuleDefinition<O>, file: string, options?: Partial<O>): FixtureFinding[] {
  return findingsOf(rule, modelOf(file), options);
}

/** The same for a template written in the test: `file` only names it (its extension picks the syntax). */
export function scanText<O extends object>(rule: RuleDefinition<O>, text: string, file: string, options?: Partial<O>): FixtureFinding[] {
  const outcome = loadText(text, file);
  if (outcome.status !== 'loaded') throw new Error(`${file} did not load: ${outcome.status === 'error' ? outcome.message : outcome.reason}`);
  return findingsOf(rule, adapt([outcome.doc]), options);
}

function findingsOf<O extends object>(rule: RuleDefinition<O>, model: Model, options?: Partial<O>): FixtureFinding[] {
  return runRule(rule, model, options)
    .map((r): FixtureFinding => {
      const region = r.node.doc.locate(r.node.path);
      return {
        ruleId: rule.id,
        resource: r.resource?.id ?? model.resourceAt(r.node)?.id,
        severity: r.severity ?? rule.severity,
        line: region.startLine,
        column: region.startColumn,
        pointer: r.node.pointer(),
        message: r.message,
        related: (r.related ?? []).map((x) => {
          const rr = x.node.doc.locate(x.node.path);
          return { line: rr.startLine, column: rr.startColumn, pointer: x.node.pointer(), message: x.message };
        }),
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The comparable part of a finding: `resource severity line:column pointer`. */
export function brief(f: FixtureFinding): string {
  return `${f.resource ?? '-'} ${f.severity} ${f.line}:${f.column} ${f.pointer}`;
}
