import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './helpers/run-cli.js';

const TEMPLATE = [
  'Resources:',
  '  Box:',
  '    Type: AWS::EC2::Instance',
  '    Properties:',
  '      ImageId: ami-0c02fb55956c7d316',
  '      IamInstanceProfile: app',
  '      MetadataOptions: { HttpTokens: required }',
  '',
].join('\n');

describe('CLI edge cases', () => {
  it('reports duplicate YAML keys as a located warning, not an error that fails the run', async () => {
    const dir = workspace({ 'stack.yaml': TEMPLATE.replace('      ImageId:', '      InstanceType: t3.micro\n      InstanceType: t3.small\n      ImageId:') });
    const run = await cli(['--format', 'json', 'stack.yaml'], { cwd: dir });
    expect(run.code).toBe(0);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string; location: { startLine: number } }[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.severity, f.location.startLine])).toEqual([['parse-error', 'warning', 6]]);
  });

  it('refuses a baseline entry without a file, naming the key (exit 2)', async () => {
    const dir = workspace({ 'stack.yaml': TEMPLATE, 'baseline.json': JSON.stringify({ version: 1, findings: [{ fingerprint: 'abc' }] }) });
    const run = await cli(['--baseline', join(dir, 'baseline.json'), 'stack.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/findings/0/file: must be a string');
  });

  it('exits 2 for a pattern that matches no file, as for a path that does not exist', async () => {
    const dir = workspace({ 'stack.yaml': TEMPLATE });
    const run = await cli(['stacks/*.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no files match the pattern stacks/*.yaml');
  });

  it('fails the run (exit 1) when an input could not be followed, though every file it read is clean', async () => {
    const dir = workspace({ 'stack.yaml': TEMPLATE });
    symlinkSync(join(dir, 'moved-away.yaml'), join(dir, 'network.yaml'));
    symlinkSync(join(dir, 'moved-away.md'), join(dir, 'README.md'));
    let run = await cli(['--format', 'json', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { findings: unknown[]; errors: { file: string; message: string }[]; summary: { failed: boolean } };
    expect(out.findings).toEqual([]);
    expect(out.errors).toEqual([{ file: 'network.yaml', level: 'error', message: 'broken symbolic link: its target does not exist' }]);
    expect(out.summary.failed).toBe(true);
    // --fail-on never still never fails.
    run = await cli(['--fail-on', 'never', '.'], { cwd: dir });
    expect(run.code).toBe(0);
  });

  it('re-includes with ! in --ignore, as gitignore does', async () => {
    const dir = workspace({ 'stacks/a.yaml': TEMPLATE, 'stacks/keep.yaml': TEMPLATE, 'top.yaml': TEMPLATE });
    const run = await cli(['--format', 'json', '--ignore', 'stacks/*', '--ignore', '!stacks/keep.yaml', '.'], { cwd: dir });
    const files = (JSON.parse(run.stdout) as { files: { file: string; status: string }[] }).files.map((f) => f.file);
    expect(files).toEqual(['stacks/keep.yaml', 'top.yaml']);
  });
});
