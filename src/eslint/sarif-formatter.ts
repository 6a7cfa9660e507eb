/**
 * An ESLint formatter that writes SARIF 2.1.0 for GitHub code scanning:
 * `npx eslint -f ./node_modules/iamlint/dist/src/eslint/sarif-formatter.js . > eslint.sarif`.
 */
import type { ESLint } from 'eslint';
import { packageInfo } from '../config/package-root.js';
import { eslintResultsToSarif } from './sarif.js';

export default function format(results: ESLint.LintResult[], context?: ESLint.LintResultData): string {
  const log = eslintResultsToSarif(results, {
    cwd: context?.cwd ?? process.cwd(),
    toolVersion: packageInfo().version,
    rulesMeta: context?.rulesMeta as Parameters<typeof eslintResultsToSarif>[1]['rulesMeta'],
  });
  return `${JSON.stringify(log, null, 2)}\n`;
}
