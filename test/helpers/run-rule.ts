import { getIamCatalog } from '../../src/iam/catalog.js';
import type { Model, Report, RuleContext, RuleDefinition } from '../../src/rule-api.js';

/** Runs one rule's check on a model with its default options (merged with `options`), collecting the reports. */
export function runRule<O extends object>(rule: RuleDefinition<O>, model: Model, options?: Partial<O>): Report[] {
  const reports: Report[] = [];
  const ctx: RuleContext<O> = {
    model,
    options: { ...rule.defaultOptions, ...options } as O,
    iam: getIamCatalog(),
    report: (r) => reports.push(r),
  };
  rule.check(ctx);
  return reports;
}
