import { describe, it, expect } from 'vitest';
import { allRules } from '../rules/index.js';
import { adapt } from '../src/adapt/index.js';
import { loadText } from '../src/load/index.js';
import { runRule } from './helpers/run-rule.js';

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

const FILE_NAMES: Record<string, string> = { 'IAM policy': 'example.json', 'Terraform JSON': 'example.tf.json' };

/** The documented examples that are whole files: raw policies and Terraform JSON. */
const cases = POLICY_RULES.flatMap((id) => {
  const rule = allRules.find((r) => r.id === id)!;
  return rule.docs.examples.filter((e) => FILE_NAMES[e.format]).map((e) => ({ id, format: e.format, example: e }));
});

function reportsFor(id: string, text: string, file: string): number {
  const outcome = loadText(text, file);
  if (outcome.status !== 'loaded') throw new Error(`${id} example ${file} does not load: ${JSON.stringify(outcome)}`);
  return runRule(allRules.find((r) => r.id === id)!, adapt([outcome.doc])).length;
}

describe('documented examples of the policy rules', () => {
  it.each(cases)('$id: the bad $format example fires and the good one does not', ({ id, format, example }) => {
    expect(reportsFor(id, example.bad, FILE_NAMES[format]!)).toBeGreaterThan(0);
    expect(reportsFor(id, example.good, FILE_NAMES[format]!)).toBe(0);
  });
});
