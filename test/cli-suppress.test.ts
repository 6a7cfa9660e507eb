import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { assertGitHubSarif } from './helpers/github-sarif.js';
import { cli, workspace } from './helpers/run-cli.js';

const STACK = 'fixtures/cli/suppressions/stack.yaml';
// Launch templates without an instance profile also get a note; it is not what these tests are about.
const QUIET_NOTES = ['--rule', 'missing-instance-profile=off'];

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  location: { startLine: number; startColumn: number };
  resource: { id: string } | null;
  suppression: { kind: string; source: string; justification: string; location?: { startLine: number } } | null;
}

async function findings(args: string[], today?: string): Promise<{ code: number; list: JsonFinding[] }> {
  const run = await cli([...args, '-f', 'json', ...QUIET_NOTES], { today });
  return { code: run.code, list: (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings };
}

describe('suppressions through the CLI', () => {
  it('suppresses, lapses, and reports missing reasons and unused suppressions', async () => {
    const { code, list } = await findings([STACK]);
    expect(list.map((f) => [f.ruleId, f.location.startLine, f.resource?.id ?? null, f.suppression?.source ?? null])).toEqual([
      ['imdsv1-allowed', 10, 'VendorTemplate', 'comment'],
      ['imdsv1-allowed', 17, 'MigrationTemplate', null],
      ['suppression-reason', 24, null, null],
      ['imds-hop-limit', 25, 'ContainerTemplate', null],
      ['unused-suppression', 31, null, null],
      ['imdsv1-allowed', 47, 'LegacyTemplate', 'metadata'],
    ]);
    expect(list[0]!.suppression).toEqual({
      kind: 'inSource',
      source: 'comment',
      justification: 'vendor AMI cannot use IMDSv2 yet (OPS-41)',
      location: { file: STACK, startLine: 9, startColumn: 11, endLine: 9, endColumn: 98 },
    });
    expect(list[4]!.message).toBe(
      'The iamlint-disable-next-line comment on line 31 suppresses no imdsv1-allowed finding on line 32; remove it, or fix the rule id or its placement.',
    );
    expect(list[5]!.suppression).toMatchObject({ kind: 'inSource', source: 'metadata', justification: 'legacy fleet, retired with the Q3 cut-over' });
    // The expired suppression leaves an unsuppressed error, so the run fails.
    expect(code).toBe(1);
  });

  it('honours the expiry date as given', async () => {
    const { list } = await findings([STACK], '2020-01-31');
    expect(list.find((f) => f.location.startLine === 17)!.suppression?.justification).toBe('accepted for the migration (expires 2020-01-31)');
  });

  it('follows the suppression settings of the config file', async () => {
    const root = workspace(
      { '.git/HEAD': '', 'iamlint.config.yaml': 'suppressions:\n  requireReason: false\n  reportUnused: false\n  peerSuppressions: false\n' },
      { 'stack.yaml': STACK },
    );
    const run = await cli(['stack.yaml', '-f', 'json', ...QUIET_NOTES], { cwd: root });
    const list = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(list.map((f) => [f.ruleId, f.location.startLine, f.suppression?.source ?? null])).toEqual([
      ['imdsv1-allowed', 10, 'comment'],
      ['imdsv1-allowed', 17, null],
      ['imds-hop-limit', 25, 'comment'],
      ['imdsv1-allowed', 47, 'metadata'],
    ]);
  });

  it('exports suppressed findings to SARIF with their justification', async () => {
    const run = await cli([STACK, '-f', 'sarif', ...QUIET_NOTES]);
    const log = JSON.parse(run.stdout) as Log;
    assertGitHubSarif(log);
    const results = log.runs[0]!.results!;
    const vendor = results.find((r) => r.locations?.[0]?.physicalLocation?.region?.startLine === 10)!;
    expect(vendor.suppressions).toEqual([expect.objectContaining({ kind: 'inSource', justification: 'vendor AMI cannot use IMDSv2 yet (OPS-41)' })]);
    expect(results.find((r) => r.locations?.[0]?.physicalLocation?.region?.startLine === 17)!.suppressions ?? []).toEqual([]);
  });

  it('suppresses Terraform JSON resources through "//" comments', async () => {
    const config = {
      resource: {
        aws_launch_template: {
          vendor: {
            '//': 'iamlint-disable imdsv1-allowed -- vendor AMI cannot use IMDSv2 yet (OPS-41)',
            name: 'vendor',
            metadata_options: { http_tokens: 'optional' },
          },
          app: { name: 'app', metadata_options: { http_tokens: 'optional' } },
        },
      },
    };
    const root = workspace({ 'main.tf.json': JSON.stringify(config, null, 2) });
    const run = await cli(['.', '-f', 'json', ...QUIET_NOTES], { cwd: root });
    const list = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(list.map((f) => [f.ruleId, f.resource?.id, f.suppression?.justification ?? null])).toEqual([
      ['imdsv1-allowed', 'aws_launch_template.vendor', 'vendor AMI cannot use IMDSv2 yet (OPS-41)'],
      ['imdsv1-allowed', 'aws_launch_template.app', null],
    ]);
    expect(run.code).toBe(1);
  });
});
