import type { RuleDefinition } from '../src/rule-api.js';

/**
 * Every rule, one import per file. Keep sorted by id; `npm run docs` regenerates docs/rules and the README table from these.
 */
export const allRules: RuleDefinition<object>[] = [
  // rules are added here, one line each, sorted by id
];
