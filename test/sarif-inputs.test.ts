import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { assertGitHubSarif } from './helpers/github-sarif.js';
import { cli, REPO } from './helpers/run-cli.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';

/** The text a SARIF region covers in the file (columns are UTF-16 units, end exclusive). */
function regionText(file: string, region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number }): string {
  const lines = readFileSync(join(REPO, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(region.endLine ?? region.startLine).toBe(region.startLine);
  return lines[region.startLine - 1]!.slice(region.startColumn - 1, (region.endColumn ?? region.startColumn + 1) - 1);
}

async function sarifOf(paths: string[]): Promise<Log> {
  const run = await cli(['--format', 'sarif', '--fail-on', 'never', ...paths]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Log;
}

describe('SARIF from every input format', () => {
  it('the whole fixtures folder gives SARIF that validates and follows GitHub’s rules', async () => {
    const log = await sarifOf(['fixtures']);
    expect(sarifSchemaErrors(log)).toEqual([]);
    assertGitHubSarif(log);
    expect(log.runs[0]!.results!.length).toBeGreaterThan(100);
    expect(JSON.stringify(log)).not.toMatch(/wJalrXUtnFEMI|AKIA[A-Z2-7]{16}(?<!EXAMPLE)"/);
  });

  const cases: [string, string, string, string][] = [
    ['CloudFormation YAML', 'fixtures/cloudformation/imdsv1-allowed/bad.yaml', 'imdsv1-allowed', 'optional'],
    ['CloudFormation JSON', 'fixtures/cloudformation/imdsv1-allowed/bad.json', 'imdsv1-allowed', '"optional"'],
    ['Terraform JSON', 'fixtures/terraform/imdsv1-allowed/bad/main.tf.json', 'imdsv1-allowed', '"optional"'],
    ['Terraform plan JSON', 'fixtures/terraform/imdsv1-allowed/bad.plan.json', 'imdsv1-allowed', '"optional"'],
    ['minified Terraform plan JSON', 'fixtures/engine/imdsv1-minified.plan.json', 'imdsv1-allowed', '"optional"'],
    ['IAM policy JSON', 'fixtures/policy/wildcard-action/bad-full-wildcard.json', 'wildcard-action', '"*"'],
  ];
  it.each(cases)('%s: valid SARIF whose region covers exactly the offending value', async (_name, file, ruleId, text) => {
    const log = await sarifOf([file]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    assertGitHubSarif(log);
    // A value reached through a parameter default is reported where the parameter is used (the message says so).
    const results = log.runs[0]!.results!.filter(
      (r) => r.ruleId === ruleId && r.level === 'error' && !/default of parameter/.test(r.message.text ?? ''),
    );
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const loc = r.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation!.uri).toBe(file);
      expect(regionText(file, loc.region! as never)).toBe(text);
      expect(r.locations![0]!.logicalLocations![0]!.kind).toBe('resource');
    }
  });
});
