import { readdirSync, statSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, it, expect } from 'vitest';
import { allRules } from '../rules/index.js';
import { check } from './helpers/policy-fixtures.js';

const POLICY_RULES = [
  'admin-access',
  'allow-not-action',
  'cross-account-trust',
  'passrole-wildcard',
  'policy-syntax',
  'privilege-escalation',
  'trust-wildcard-principal',
  'unknown-action',
  'wildcard-action',
  'wildcard-resource',
];

/**
 * Every bad/good twin of the policy rules, in raw policy, CloudFormation and Terraform form. A twin is a
 * file (`bad.yaml`, `good.plan.json`) or, for a Terraform module, a folder (`bad/`, `good-jsonencode/`)
 * checked as the one module it is.
 */
function twins(): { rule: string; twin: string; files: string[]; bad: boolean }[] {
  const out: { rule: string; twin: string; files: string[]; bad: boolean }[] = [];
  for (const root of ['fixtures/policy', 'fixtures/cloudformation', 'fixtures/terraform']) {
    for (const rule of POLICY_RULES) {
      for (const f of readdirSync(`${root}/${rule}`).sort()) {
        const twin = `${root}/${rule}/${f}`;
        const files = statSync(twin).isDirectory() ? readdirSync(twin).sort().map((m) => `${twin}/${m}`) : [twin];
        out.push({ rule, twin, files, bad: f.startsWith('bad') });
      }
    }
  }
  return out;
}

describe('policy rule fixtures', () => {
  it('registers every policy rule, sorted, with complete metadata', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    for (const id of POLICY_RULES) {
      const rule = allRules.find((r) => r.id === id)!;
      expect(rule, id).toBeDefined();
      expect(rule.tags).toContain('security');
      expect(rule.tags.some((t) => /^external\/cwe\/cwe-\d+$/.test(t))).toBe(true);
      expect(rule.cwe.map((c) => `external/cwe/cwe-${c}`).every((t) => rule.tags.includes(t))).toBe(true);
      expect(rule.docs.examples.map((e) => e.format)).toEqual(['CloudFormation YAML', 'Terraform JSON', 'IAM policy']);
      expect(rule.frontEnds).toEqual(['cli', 'eslint']);
      expect(rule.securitySeverity).toBeGreaterThan(0);
      expect(rule.securitySeverity).toBeLessThanOrEqual(10);
      const validate = new Ajv({ strict: true }).compile(rule.optionsSchema);
      expect(validate(rule.defaultOptions), `${id} defaults`).toBe(true);
      expect(validate({ noSuchOption: true }), `${id} rejects unknown options`).toBe(false);
    }
  });

  it('has a bad and a good twin per rule in each of the three input kinds', () => {
    const all = twins();
    for (const rule of POLICY_RULES) {
      for (const root of ['fixtures/policy', 'fixtures/cloudformation', 'fixtures/terraform']) {
        const mine = all.filter((t) => t.rule === rule && t.twin.startsWith(root));
        expect(mine.some((t) => t.bad), `${root}/${rule} bad`).toBe(true);
        expect(mine.some((t) => !t.bad), `${root}/${rule} good`).toBe(true);
      }
    }
  });

  it.each(twins().filter((t) => t.bad))('$twin fires $rule', ({ rule, files }) => {
    const def = allRules.find((r) => r.id === rule)!;
    expect(check(def, files).length).toBeGreaterThan(0);
  });

  it.each(twins().filter((t) => !t.bad))('$twin is clean under every rule', ({ files }) => {
    const hits = allRules.flatMap((r) => check(r, files).map((x) => `${r.id} ${x.line}:${x.column} ${x.message}`));
    expect(hits).toEqual([]);
  });
});
