import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertGitHubSarif } from './helpers/github-sarif.js';
import { REPO, workspace } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionYml;
const BUILT = existsSync(join(REPO, 'dist/bundle/main.cjs'));

function outputs(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** Runs action/lint.sh as the runner would: inputs in the environment, a fake GITHUB_OUTPUT and RUNNER_TEMP. */
function lintStep(cwd: string, inputs: Record<string, string>) {
  const temp = tempDir('iamlint-runner-');
  const out = join(temp, 'github_output');
  writeFileSync(out, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? temp, GITHUB_OUTPUT: out, RUNNER_TEMP: temp, GITHUB_ACTION_PATH: REPO, IAMLINT_NO_COMPILE_CACHE: '1' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v;
  const proc = spawnSync('bash', [join(REPO, 'action/lint.sh')], { cwd, env, encoding: 'utf8' });
  return { status: proc.status, stdout: proc.stdout, stderr: proc.stderr, outputs: outputs(out), temp };
}

describe('action.yml', () => {
  it('is a composite action whose upload is pinned and runs even when the lint fails', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'config', 'fail-on', 'category', 'upload', 'sarif-file', 'version']);
    expect(action.inputs.upload!.default).toBe('true');
    const [lint, upload, finish] = action.runs.steps;
    expect(lint).toMatchObject({ id: 'lint', shell: 'bash', run: 'bash "$GITHUB_ACTION_PATH/action/lint.sh"' });
    // Inputs reach the script through the environment, never spliced into it.
    expect(lint!.run).not.toContain('${{');
    expect(Object.keys(lint!.env!)).toEqual(['INPUT_PATHS', 'INPUT_CONFIG', 'INPUT_FAIL_ON', 'INPUT_CATEGORY', 'INPUT_SARIF_FILE', 'INPUT_VERSION']);
    expect(upload!.uses).toMatch(/^github\/codeql-action\/upload-sarif@[0-9a-f]{40}$/);
    expect(readFileSync(join(REPO, 'action.yml'), 'utf8')).toMatch(/upload-sarif@[0-9a-f]{40} # v4\.\d+\.\d+\n/);
    expect(upload!.if).toBe("always() && inputs.upload == 'true' && steps.lint.outputs.sarif-file != ''");
    expect(upload!.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: '${{ inputs.category }}' });
    expect(finish!.if).toBe('always()');
  });

  it('fails the job afterwards with the recorded status', () => {
    const finish = action.runs.steps[2]!;
    const run = (code: string) => spawnSync('bash', ['-c', finish.run!], { env: { PATH: process.env.PATH ?? '', LINT_EXIT_CODE: code }, encoding: 'utf8' });
    expect(run('0').status).toBe(0);
    const failed = run('1');
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('::error title=iamlint::iamlint found problems');
    expect(run('2').status).toBe(2);
    expect(run('').status).toBe(2);
  });
});

describe.skipIf(!BUILT)('action/lint.sh (needs dist/: run `npm run build` first)', () => {
  const repo = () => workspace({ '.git/HEAD': 'ref: refs/heads/main\n' }, { 'infra/web.yaml': 'fixtures/cli/bad/launch-template.yaml', 'infra/ok.yaml': 'fixtures/cli/good/launch-template.yaml' });

  it('writes the SARIF file and records exit code 1 on findings, without failing itself', () => {
    const cwd = repo();
    const step = lintStep(cwd, { paths: 'infra', 'fail-on': 'error', category: 'iamlint', config: '', 'sarif-file': '', version: '' });
    expect(step.status).toBe(0);
    expect(step.outputs).toEqual({ 'exit-code': '1', 'sarif-file': join(step.temp, 'iamlint.sarif') });
    const log = JSON.parse(readFileSync(step.outputs['sarif-file']!, 'utf8')) as Log;
    assertGitHubSarif(log);
    expect(log.runs[0]!.automationDetails?.id).toBe('iamlint/');
    expect(log.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri])).toEqual([
      ['imdsv1-allowed', 'infra/web.yaml'],
      ['imds-hop-limit', 'infra/web.yaml'],
    ]);
    expect(step.stdout).toContain('iamlint: 2 result(s) (1 error, 1 note), 0 suppressed');
  });

  it('records 0 when nothing reaches fail-on, and honours paths, sarif-file and config inputs', () => {
    const cwd = repo();
    writeFileSync(join(cwd, 'lint.yaml'), 'rules:\n  imdsv1-allowed: note\n');
    const step = lintStep(cwd, { paths: 'infra/web.yaml  infra/ok.yaml', 'fail-on': 'warning', config: 'lint.yaml', 'sarif-file': join(cwd, 'out/scan.sarif') });
    expect(step.outputs).toEqual({ 'exit-code': '0', 'sarif-file': join(cwd, 'out/scan.sarif') });
    const log = JSON.parse(readFileSync(join(cwd, 'out/scan.sarif'), 'utf8')) as Log;
    expect(log.runs[0]!.results!.map((r) => [r.ruleId, r.level])).toEqual([
      ['imdsv1-allowed', 'note'],
      ['imds-hop-limit', 'note'],
    ]);
    expect(lintStep(cwd, { paths: 'infra', 'fail-on': 'never' }).outputs['exit-code']).toBe('0');
  });

  it('records 2 and no SARIF file on a configuration error', () => {
    const cwd = repo();
    writeFileSync(join(cwd, 'iamlint.config.yaml'), 'failOn: sometimes\n');
    const step = lintStep(cwd, { paths: 'infra' });
    expect(step.status).toBe(0);
    expect(step.outputs).toEqual({ 'exit-code': '2', 'sarif-file': '' });
    expect(step.stderr).toContain('iamlint: iamlint.config.yaml:1:1: /failOn: must be one of "error", "warning", "note", "never"');
  });
});
