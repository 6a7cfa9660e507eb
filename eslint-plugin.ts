/**
 * iamlint as an ESLint plugin (`iamlint/eslint-plugin`): the same rules as the CLI, run on the AWS CDK,
 * CDKTF, Pulumi and AWS SDK code of JavaScript and TypeScript files. See docs/eslint.md.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { allRules } from './rules/index.js';
import { packageInfo } from './src/config/package-root.js';
import type { Severity } from './src/findings.js';
import { eslintRule } from './src/eslint/rules.js';
import type { IamlintEslintRule } from './src/eslint/rules.js';

export type { MessageId } from './src/eslint/rules.js';
export { eslintResultsToSarif } from './src/eslint/sarif.js';
export type { EslintSarifOptions } from './src/eslint/sarif.js';

const sourceRules = allRules.filter((r) => r.frontEnds.includes('eslint'));

/** The rules by id, with their typescript-eslint types (for RuleTester and typed configs). */
export const rules: Record<string, IamlintEslintRule> = Object.fromEntries(sourceRules.map((r) => [r.id, eslintRule(r)]));

/**
 * `recommended`: errors as `error`, warnings as `warn`, notes off (they are advice, such as a hop
 * limit of 2 or a cross-account trust, not problems to fix before merging).
 * `strict`: every rule as `error`.
 */
const RECOMMENDED: Record<Severity, Linter.RuleSeverity> = { error: 'error', warning: 'warn', note: 'off' };

const plugin = {
  meta: { name: 'iamlint', version: packageInfo().version, namespace: 'iamlint' },
  // typescript-eslint v8 rule modules and ESLint's own types differ only in details ESLint never reads.
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as Record<'recommended' | 'strict', Linter.Config>,
} satisfies ESLint.Plugin;

plugin.configs.recommended = {
  name: 'iamlint/recommended',
  plugins: { iamlint: plugin },
  rules: Object.fromEntries(sourceRules.map((r) => [`iamlint/${r.id}`, RECOMMENDED[r.severity]])),
};
plugin.configs.strict = {
  name: 'iamlint/strict',
  plugins: { iamlint: plugin },
  rules: Object.fromEntries(sourceRules.map((r) => [`iamlint/${r.id}`, 'error' as const])),
};

export default plugin;
