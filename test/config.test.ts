import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args.js';
import { planRun } from '../src/cli/plan.js';
import { CliUsageError } from '../src/cli/usage-error.js';
import { ConfigError } from '../src/config/errors.js';
import { gitTopLevel } from '../src/config/git-root.js';
import { rebaseGlob, rebaseIgnore } from '../src/config/globs.js';
import { findConfigFile, loadConfig } from '../src/config/load.js';
import { configSchemaPath } from '../src/config/package-root.js';
import type { RuleDefinition } from '../src/rule-api.js';
import { tempDir } from './helpers/temp-dir.js';

function rule(id: string, properties: Record<string, unknown> = {}): RuleDefinition<object> {
  return {
    id,
    title: id,
    description: `${id} description`,
    docs: { why: '', examples: [], fix: '', references: [] },
    severity: 'warning',
    securitySeverity: 5,
    precision: 'high',
    tags: ['security'],
    cwe: [],
    optionsSchema: { type: 'object', additionalProperties: false, properties },
    defaultOptions: {},
    frontEnds: ['cli'],
    check: () => undefined,
  };
}

const RULES = [
  rule('imdsv1-allowed'),
  rule('imds-hop-limit', { max: { type: 'integer', minimum: 1, maximum: 64 } }),
  rule('max-session-duration', { maxSeconds: { type: 'integer', minimum: 3600, maximum: 43200 } }),
  rule('wildcard-action'),
];

function tree(files: Record<string, string>): string {
  const root = tempDir('iamlint-config-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function configError(file: string, cwd: string): ConfigError {
  try {
    loadConfig(file, RULES, cwd);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const YAML_CONFIG = `# yaml-language-server: $schema=node_modules/iamlint/schemas/iamlint-config.schema.json
rules:
  imds-hop-limit: [note, { max: 2 }]
  max-session-duration:
    level: error
    options: { maxSeconds: 7200 }
  wildcard-action: off
ignore:
  - generated/**
  - "*.bak.json"
overrides:
  - files: ["sandbox/**"]
    rules:
      imdsv1-allowed: warning
failOn: warning
baseline: .iamlint-baseline.json
suppressions:
  requireReason: false
`;

describe('config files', () => {
  it('reads every setting form and resolves the baseline path', () => {
    const root = tree({ 'iamlint.config.yaml': YAML_CONFIG });
    const config = loadConfig(join(root, 'iamlint.config.yaml'), RULES, root);
    expect(config).toEqual({
      file: join(root, 'iamlint.config.yaml'),
      dir: root,
      rules: {
        'imds-hop-limit': { level: 'note', options: { max: 2 } },
        'max-session-duration': { level: 'error', options: { maxSeconds: 7200 } },
        'wildcard-action': { level: 'off' },
      },
      ignore: ['generated/**', '*.bak.json'],
      overrides: [{ files: ['sandbox/**'], rules: { 'imdsv1-allowed': { level: 'warning' } } }],
      failOn: 'warning',
      baseline: join(root, '.iamlint-baseline.json'),
      suppressions: { requireReason: false },
    });
  });

  it('is found from the working directory upwards, and not above the git top level', () => {
    const root = tree({
      'iamlint.config.json': '{}',
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/.iamlint.yml': 'failOn: note\n',
      'repo/iamlint.config.yaml': 'failOn: warning\n',
      'repo/infra/stacks/app.yaml': '',
      'other/infra/x.yaml': '',
    });
    const repo = join(root, 'repo');
    expect(gitTopLevel(join(repo, 'infra/stacks'))).toBe(repo);
    // iamlint.config.yaml comes before .iamlint.yml in the same folder.
    expect(findConfigFile(join(repo, 'infra/stacks'), repo)).toBe(join(repo, 'iamlint.config.yaml'));
    expect(findConfigFile(join(root, 'other/infra'), undefined)).toBe(join(root, 'iamlint.config.json'));
    const inner = tree({ 'iamlint.config.json': '{}', 'repo/.git': 'gitdir: /elsewhere\n', 'repo/src/a.yaml': '' });
    expect(findConfigFile(join(inner, 'repo/src'), join(inner, 'repo'))).toBeUndefined();
  });

  it('names the file, position, key and problem', () => {
    const root = tree({
      'unknown-key.yaml': 'rules: {}\nrule:\n  imdsv1-allowed: off\n',
      'unknown-rule.yaml': 'rules:\n  imdsv1-allowd: error\n',
      'bad-level.yaml': 'rules:\n  imdsv1-allowed: warn\n',
      'bad-option.yaml': 'rules:\n  imds-hop-limit: [note, { max: 100 }]\n',
      'unknown-option.yaml': 'rules:\n  imds-hop-limit:\n    level: note\n    options:\n      maximum: 2\n',
      'override.json': '{\n  "overrides": [\n    { "rules": {} }\n  ]\n}\n',
      'fail-on.json': '{ "failOn": "critical" }',
      'syntax.json': '{\n  "rules": {\n    "imdsv1-allowed": "off",\n  }\n}\n',
      'syntax.yaml': 'rules:\n  imdsv1-allowed: [off\n',
      'duplicate.yaml': 'failOn: error\nfailOn: note\n',
      'not-object.yaml': '- rules\n',
    });
    const msg = (f: string) => configError(join(root, f), root).message;
    expect(msg('unknown-key.yaml')).toBe('unknown-key.yaml:2:1: /rule: unknown key; did you mean rules?');
    expect(msg('unknown-rule.yaml')).toBe('unknown-rule.yaml:2:3: /rules/imdsv1-allowd: unknown rule; did you mean imdsv1-allowed?');
    expect(msg('bad-level.yaml')).toBe(
      'bad-level.yaml:2:3: /rules/imdsv1-allowed: must be a level ("off", "note", "warning", "error"), [level, options] or { level, options }',
    );
    expect(msg('bad-option.yaml')).toBe('bad-option.yaml:2:28: /rules/imds-hop-limit/1/max: must be <= 64 (options of rule imds-hop-limit)');
    expect(msg('unknown-option.yaml')).toBe(
      'unknown-option.yaml:5:7: /rules/imds-hop-limit/options/maximum: unknown key; imds-hop-limit takes max (options of rule imds-hop-limit)',
    );
    expect(msg('override.json')).toBe('override.json:3:5: /overrides/0: missing required key `files`');
    expect(msg('fail-on.json')).toBe('fail-on.json:1:3: /failOn: must be one of "error", "warning", "note", "never"');
    expect(msg('syntax.json')).toBe('syntax.json:4:3: invalid JSON: PropertyNameExpected');
    expect(msg('syntax.yaml')).toMatch(/^syntax\.yaml:3:1: invalid YAML: /);
    expect(msg('duplicate.yaml')).toBe('duplicate.yaml:2:1: invalid YAML: Map keys must be unique');
    expect(msg('not-object.yaml')).toBe('not-object.yaml:1:1: /: must be object');
    expect(configError(join(root, 'missing.yaml'), root).message).toBe('missing.yaml: config file not found');
  });

  it('ships a draft-07 schema that ajv compiles', () => {
    const schema = JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = new Ajv({ strict: true, strictTuples: false }).compile(schema);
    expect(validate({ rules: { 'imdsv1-allowed': ['error', {}] }, overrides: [{ files: ['a/**'], rules: {} }] })).toBe(true);
    expect(validate({ rules: { 'imdsv1-allowed': ['error', {}, {}] } })).toBe(false);
  });
});

describe('globs relative to the config folder', () => {
  it('rewrites globs for a working directory below the config folder', () => {
    expect(rebaseGlob('infra/legacy/**', '/repo', '/repo')).toEqual(['infra/legacy/**']);
    expect(rebaseGlob('infra/legacy/**', '/repo', '/repo/infra')).toEqual(['legacy/**', '../infra/legacy/**']);
    expect(rebaseGlob('**/sandbox/*.yaml', '/repo', '/repo/infra')).toEqual(['**/sandbox/*.yaml', '../**/sandbox/*.yaml']);
    expect(rebaseGlob('*/legacy/**', '/repo', '/repo/infra')).toEqual(['legacy/**', '../*/legacy/**']);
    expect(rebaseGlob('docs/**', '/repo', '/repo/infra')).toEqual(['../docs/**']);
    expect(rebaseGlob('infra/**', '/repo/config', '/repo/infra')).toEqual(['../config/infra/**']);
  });
  it('keeps base-name ignore patterns as they are', () => {
    expect(rebaseIgnore('*.generated.json', '/repo', '/repo/infra')).toEqual(['*.generated.json']);
    expect(rebaseIgnore('vendor/', '/repo', '/repo/infra')).toEqual(['vendor/']);
    expect(rebaseIgnore('infra/vendor/', '/repo', '/repo/infra')).toEqual(['vendor/', '../infra/vendor/']);
  });
});

describe('planRun: command line over config', () => {
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'iamlint.config.yaml': YAML_CONFIG,
    'infra/app.yaml': '',
  });
  const plan = (argv: string[], cwd = root) => planRun(parseCliArgs(argv), { cwd, today: '2026-06-15' }, RULES);

  it('turns the config into scan options', () => {
    const p = plan([]);
    expect(p.baseDir).toBe(root);
    expect(p.failOn).toBe('warning');
    expect(p.baseline).toBe(join(root, '.iamlint-baseline.json'));
    expect(p.scan).toEqual({
      paths: ['.'],
      cwd: root,
      baseDir: root,
      ignore: ['generated/**', '*.bak.json'],
      maxFileSize: 100 * 1024 * 1024,
      snippets: true,
      ownsProcess: true,
      rules: {
        'imds-hop-limit': { level: 'note', options: { max: 2 } },
        'max-session-duration': { level: 'error', options: { maxSeconds: 7200 } },
        'wildcard-action': { level: 'off' },
      },
      overrides: [{ files: ['sandbox/**'], rules: { 'imdsv1-allowed': { level: 'warning' } } }],
      suppressions: { requireReason: false, peerSuppressions: true, reportUnused: true, today: '2026-06-15' },
      jobs: 0,
    });
  });

  it('lets flags win, also over overrides, and rebases config globs for a subfolder', () => {
    const p = plan(['--fail-on', 'error', '--rule', 'imdsv1-allowed=off', '--rule', 'imds-hop-limit=error', '--ignore', 'tmp/**', '--baseline', 'b.json', '--jobs', '1'], join(root, 'infra'));
    expect(p.failOn).toBe('error');
    expect(p.baseDir).toBe(root);
    expect(p.baseline).toBe(join(root, 'infra/b.json'));
    expect(p.scan.rules['imds-hop-limit']).toEqual({ level: 'error', options: { max: 2 } });
    expect(p.scan.rules['imdsv1-allowed']).toEqual({ level: 'off' });
    expect(p.scan.overrides).toEqual([{ files: ['../sandbox/**'], rules: { 'imdsv1-allowed': { level: 'off' } } }]);
    expect(p.scan.ignore).toEqual(['../generated/**', '*.bak.json', 'tmp/**']);
    expect(p.scan.jobs).toBe(1);
  });

  it('rejects unknown --rule ids with close ones, a missing --base-dir and --no-config with --config', () => {
    expect(() => plan(['--rule', 'imds-hoplimit=off'])).toThrow(new CliUsageError('--rule imds-hoplimit: unknown rule; did you mean imds-hop-limit?'));
    expect(() => plan(['--rule', 'zzz=off'])).toThrow(new CliUsageError('--rule zzz: unknown rule; run iamlint --list-rules to see the rule ids'));
    expect(() => plan(['--base-dir', 'nowhere'])).toThrow(`--base-dir ${join(root, 'nowhere')}: not a directory`);
    expect(() => plan(['--no-config', '--config', 'x.yaml'])).toThrow('--config and --no-config cannot be used together');
    expect(plan(['--no-config']).failOn).toBe('error');
  });
});
