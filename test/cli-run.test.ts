import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { assertGitHubSarif } from './helpers/github-sarif.js';
import { cli, workspace } from './helpers/run-cli.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';

const BAD = 'fixtures/cli/bad/launch-template.yaml';
const GOOD = 'fixtures/cli/good/launch-template.yaml';

describe('exit codes and thresholds', () => {
  it('exits 1 with located findings on the bad twin and 0 on the good one', async () => {
    const bad = await cli([BAD]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${BAD}:11:23 error imdsv1-allowed`);
    expect(bad.stdout).toContain(`${BAD}:12:36 note imds-hop-limit`);
    expect(bad.stderr).toBe('');
    const good = await cli([GOOD]);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toContain('No findings');
  });

  it('follows --fail-on', async () => {
    expect((await cli([BAD, '--fail-on', 'never'])).code).toBe(0);
    const notesOnly = [BAD, '--rule', 'imdsv1-allowed=off'];
    expect((await cli(notesOnly)).code).toBe(0);
    expect((await cli([...notesOnly, '--fail-on', 'warning'])).code).toBe(0);
    expect((await cli([...notesOnly, '--fail-on', 'note'])).code).toBe(1);
  });

  it('applies --rule levels', async () => {
    const run = await cli([BAD, '--rule', 'imdsv1-allowed=warning', '-f', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['imdsv1-allowed', 'warning'],
      ['imds-hop-limit', 'note'],
    ]);
    expect((await cli([BAD, '--rule', 'imdsv1-allowed=warning', '--fail-on', 'warning'])).code).toBe(1);
    expect((await cli([BAD, '--rule', 'imds-hop-limit=error', '--rule', 'imdsv1-allowed=off'])).code).toBe(1);
  });

  it('exits 2 on usage errors with a hint', async () => {
    const unknownRule = await cli([BAD, '--rule', 'imdsv1-alowed=off']);
    expect(unknownRule).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iamlint: --rule imdsv1-alowed: unknown rule; did you mean imdsv1-allowed?\nRun `iamlint --help` for usage.\n',
    });
    const missing = await cli(['fixtures/cli/no-such-dir']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'iamlint: path not found: fixtures/cli/no-such-dir\nRun `iamlint --help` for usage.\n' });
    expect((await cli(['--format', 'xml'])).code).toBe(2);
    expect((await cli(['--bogus'])).stderr).toBe('iamlint: unknown option --bogus\nRun `iamlint --help` for usage.\n');
  });

  it('exits 2 on a config error naming the file and the key', async () => {
    const root = workspace({ '.git/HEAD': '', 'iamlint.config.yaml': 'rules:\n  imdsv1-allowd: error\n', 'stack.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' });
    expect(await cli(['stack.yaml'], { cwd: root })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'iamlint: iamlint.config.yaml:2:3: /rules/imdsv1-allowd: unknown rule; did you mean imdsv1-allowed?\n',
    });
    const options = await cli(['stack.yaml', '--config', 'other.json'], { cwd: root });
    expect(options).toEqual({ code: 2, stdout: '', stderr: 'iamlint: other.json: config file not found\n' });
  });
});

describe('config file end to end', () => {
  it('applies failOn, rule options and per-path overrides, with CLI flags on top', async () => {
    const root = workspace(
      {
        '.git/HEAD': '',
        'iamlint.config.json': JSON.stringify({
          rules: { 'imds-hop-limit': ['note', { max: 3 }] },
          overrides: [{ files: ['legacy/**'], rules: { 'imdsv1-allowed': 'warning' } }],
          failOn: 'warning',
        }),
      },
      { 'app/stack.yaml': BAD, 'legacy/stack.yaml': BAD },
    );
    const run = await cli(['-f', 'json'], { cwd: root });
    const out = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string; location: { file: string } }[] };
    expect(out.findings.map((f) => [f.location.file, f.ruleId, f.severity])).toEqual([
      ['app/stack.yaml', 'imdsv1-allowed', 'error'],
      ['legacy/stack.yaml', 'imdsv1-allowed', 'warning'],
    ]);
    expect(run.code).toBe(1);
    // From a subfolder the config is still found and its globs still apply.
    const sub = await cli(['-f', 'json', '.'], { cwd: join(root, 'legacy') });
    expect((JSON.parse(sub.stdout) as typeof out).findings.map((f) => [f.location.file, f.severity])).toEqual([['stack.yaml', 'warning']]);
    expect((await cli(['legacy', '--fail-on', 'error'], { cwd: root })).code).toBe(0);
    expect((await cli(['legacy', '--fail-on', 'error', '--no-config'], { cwd: root })).code).toBe(1);
  });

  it('honours ignore globs from the config', async () => {
    const root = workspace({ 'iamlint.config.yaml': 'ignore: ["vendor/**"]\n' }, { 'vendor/stack.yaml': BAD, 'own/stack.yaml': GOOD });
    const run = await cli(['.'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 scanned');
  });
});

describe('output formats', () => {
  it('writes JSON, SARIF, GitHub annotations, JUnit and GitLab reports', async () => {
    const json = JSON.parse((await cli([BAD, '-f', 'json'])).stdout) as { version: string; findings: { location: unknown }[] };
    expect(json.version).toBe('iamlint/json@1');
    expect(json.findings[0]!.location).toEqual({ file: BAD, startLine: 11, startColumn: 23, endLine: 11, endColumn: 31 });

    const sarif = JSON.parse((await cli([BAD, '-f', 'sarif', '--sarif-category', 'iamlint/cfn'])).stdout) as Log;
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    assertGitHubSarif(sarif);
    const run = sarif.runs[0]!;
    expect(run.automationDetails?.id).toBe('iamlint/cfn/');
    expect(run.results?.[0]).toMatchObject({
      ruleId: 'imdsv1-allowed',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: BAD }, region: { startLine: 11, startColumn: 23, endLine: 11, endColumn: 31 } } }],
    });

    const github = (await cli([BAD, '-f', 'github'])).stdout;
    expect(github.split('\n')[0]).toMatch(/^::error file=fixtures\/cli\/bad\/launch-template\.yaml,line=11,col=23,endLine=11,endColumn=31,title=/);

    const junit = (await cli([BAD, '-f', 'junit'])).stdout;
    expect(junit.startsWith('<?xml')).toBe(true);
    expect(junit).toContain('imdsv1-allowed');

    const gitlab = JSON.parse((await cli([BAD, '-f', 'gitlab'])).stdout) as { check_name: string; location: { path: string; lines: { begin: number } } }[];
    expect(gitlab.map((i) => [i.check_name, i.location.path, i.location.lines.begin])).toEqual([
      ['imdsv1-allowed', BAD, 11],
      ['imds-hop-limit', BAD, 12],
    ]);
  });

  it('writes --output files (creating folders) and keeps stdout empty', async () => {
    const root = workspace({}, { 'stack.yaml': BAD });
    const run = await cli(['stack.yaml', '-f', 'sarif', '-o', 'reports/iamlint.sarif'], { cwd: root });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const log = JSON.parse(readFileSync(join(root, 'reports/iamlint.sarif'), 'utf8')) as Log;
    expect(log.runs[0]!.results).toHaveLength(2);
  });

  it('colors only on a terminal without --no-color or NO_COLOR', async () => {
    const ESC = '\u001b[';
    expect((await cli([BAD], { isTTY: true })).stdout).toContain(ESC);
    expect((await cli([BAD], { isTTY: false })).stdout).not.toContain(ESC);
    expect((await cli([BAD, '--no-color'], { isTTY: true })).stdout).not.toContain(ESC);
    expect((await cli([BAD], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
  });

  it('gives repository-relative SARIF URIs when a subfolder of a git repository is scanned', async () => {
    const root = workspace({ '.git/HEAD': 'ref: refs/heads/main\n' }, { 'infra/stacks/web.yaml': BAD });
    const run = await cli(['stacks', '-f', 'sarif'], { cwd: join(root, 'infra') });
    const log = JSON.parse(run.stdout) as Log;
    assertGitHubSarif(log);
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    expect(uris).toEqual(['infra/stacks/web.yaml', 'infra/stacks/web.yaml']);
    // The text output stays relative to the working directory.
    expect((await cli(['stacks'], { cwd: join(root, 'infra') })).stdout).toContain('stacks/web.yaml:11:23 error imdsv1-allowed');
    // --base-dir overrides the git top level.
    const based = JSON.parse((await cli(['stacks', '-f', 'sarif', '--base-dir', '.'], { cwd: join(root, 'infra') })).stdout) as Log;
    expect(based.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('stacks/web.yaml');
  });
});

describe('information flags', () => {
  it('lists the rules with severity and ESLint support', async () => {
    const run = await cli(['--list-rules', '--rule', 'imds-hop-limit=off']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+ESLINT\s+DESCRIPTION$/);
    expect(lines.find((l) => l.startsWith('imdsv1-allowed '))).toMatch(/^imdsv1-allowed\s+error\s+(yes|no)\s+\S/);
    expect(lines.find((l) => l.startsWith('imds-hop-limit '))).toMatch(/^imds-hop-limit\s+off\s+/);
  });

  it('prints the version and the help', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--output', '--fail-on', '--rule', '--ignore', '--config', '--base-dir', '--sarif-category', '--max-file-size', '--jobs', '--baseline', '--write-baseline', '--list-rules', '--no-color', '--quiet', '--version']) {
      expect(help.stdout).toContain(flag);
    }
  });
});

it('the bin entry starts with a node shebang', () => {
  const bin = readFileSync('src/cli/bin.ts', 'utf8');
  expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(existsSync('src/cli/run.ts')).toBe(true);
});
