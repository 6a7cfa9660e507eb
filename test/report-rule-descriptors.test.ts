import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { allRules } from '../rules/index.js';
import { render } from '../src/report/index.js';
import { ruleDescriptor } from '../src/report/sarif-rules.js';
import { BUILTIN_RULES } from '../src/report/builtin-rules.js';
import type { RuleDefinition } from '../src/rule-api.js';
import { assertGitHubSarif } from './helpers/github-sarif.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';
import { options } from './helpers/report-results.js';

/** Rule files: modules under rules/ that define a rule (helpers shared by rules do not call defineRule). */
function ruleFiles(): string[] {
  const dir = new URL('../rules/', import.meta.url);
  return readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && readFileSync(new URL(f, dir), 'utf8').includes('defineRule('));
}

describe('descriptors of the registered rules', () => {
  it('registry holds every rule file', () => {
    const files = ruleFiles();
    expect(allRules.length, `rules/ has ${files.length} rule files but rules/index.ts registers ${allRules.length}`).toBeGreaterThanOrEqual(files.length);
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
  });

  it('every registered rule gives a GitHub-valid descriptor', () => {
    const log = JSON.parse(
      render('sarif', { findings: [], files: [], notifications: [], rules: allRules as RuleDefinition[], elapsedMs: 1 }, options()),
    ) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    assertGitHubSarif(log);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(allRules.length);
    for (const rule of allRules) {
      const d = ruleDescriptor(rule);
      expect(rule.id, 'kebab-case id').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.properties?.['security-severity'], `${rule.id}: security rules carry a security-severity`).toMatch(/^\d+\.\d$/);
      expect(d.properties?.tags, rule.id).toContain('security');
      expect(d.help?.markdown, rule.id).toContain('## How to fix');
      expect(rule.docs.examples.length, `${rule.id}: at least one bad/good example`).toBeGreaterThan(0);
    }
  });

  it('built-in ids give GitHub-valid descriptors too', () => {
    for (const rule of BUILTIN_RULES) {
      const d = ruleDescriptor(rule);
      expect(d.properties).not.toHaveProperty('security-severity');
      expect(d.shortDescription?.text.length).toBeGreaterThan(0);
      expect(d.help?.text.length).toBeGreaterThan(0);
    }
  });
});
