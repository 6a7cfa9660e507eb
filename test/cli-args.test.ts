import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseSize } from '../src/cli/args.js';
import { CliUsageError } from '../src/cli/usage-error.js';

const usage = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(CliUsageError);
    return (err as Error).message;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
};

describe('parseCliArgs', () => {
  it('defaults to the current folder, text output and no overrides', () => {
    expect(parseCliArgs([])).toMatchObject({
      paths: ['.'],
      format: 'text',
      failOn: undefined,
      rules: [],
      ignore: [],
      listRules: false,
      noColor: false,
      quiet: false,
    });
  });

  it('reads every flag, short forms and repeated ones', () => {
    const args = parseCliArgs([
      'infra',
      '-f',
      'sarif',
      '-o',
      'out/iamlint.sarif',
      '--fail-on',
      'warning',
      '--rule',
      'imds-hop-limit=off',
      '--rule',
      'max-session-duration = error',
      '--ignore',
      'fixtures/**',
      '--ignore',
      '*.generated.json',
      '--config',
      'ci/iamlint.yaml',
      '--base-dir',
      '..',
      '--sarif-category',
      'iamlint/cfn',
      '--max-file-size',
      '10MB',
      '-j',
      '4',
      '--baseline',
      'baseline.json',
      '--no-color',
      '-q',
      'policies/*.json',
    ]);
    expect(args).toEqual({
      paths: ['infra', 'policies/*.json'],
      format: 'sarif',
      output: 'out/iamlint.sarif',
      failOn: 'warning',
      rules: [
        { id: 'imds-hop-limit', level: 'off' },
        { id: 'max-session-duration', level: 'error' },
      ],
      ignore: ['fixtures/**', '*.generated.json'],
      config: 'ci/iamlint.yaml',
      noConfig: false,
      baseDir: '..',
      sarifCategory: 'iamlint/cfn',
      maxFileSize: 10 * 1024 * 1024,
      jobs: 4,
      baseline: 'baseline.json',
      writeBaseline: undefined,
      listRules: false,
      noColor: true,
      quiet: true,
      version: false,
      help: false,
    });
  });

  it('takes paths after -- even when they start with a dash', () => {
    expect(parseCliArgs(['--format', 'json', '--', '-odd-name.yaml']).paths).toEqual(['-odd-name.yaml']);
  });

  it('rejects unknown options with a suggestion', () => {
    expect(usage(['--formt', 'json'])).toBe('unknown option --formt; did you mean --format?');
    expect(usage(['-x'])).toBe('unknown option -x');
  });

  it('rejects bad values', () => {
    expect(usage(['--format', 'xml'])).toBe('--format must be one of text, json, sarif, github, junit, gitlab (got "xml")');
    expect(usage(['--fail-on', 'critical'])).toBe('--fail-on must be one of error, warning, note, never (got "critical")');
    expect(usage(['--rule', 'imdsv1-allowed'])).toBe('--rule takes ID=off|note|warning|error (got "imdsv1-allowed")');
    expect(usage(['--rule', 'imdsv1-allowed=warn'])).toBe('--rule imdsv1-allowed: the level must be one of off, note, warning, error (got "warn")');
    expect(usage(['--jobs', 'many'])).toBe('--jobs takes a whole number (0 = automatic, 1 = no worker threads; got "many")');
    expect(usage(['--output'])).toBe('--output needs a value');
    expect(usage(['--quiet=yes'])).toBe('--quiet does not take a value');
    expect(usage(['--output', ''])).toBe('--output needs a value');
  });
});

describe('parseSize', () => {
  it('reads bytes and binary units', () => {
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('512KB')).toBe(512 * 1024);
    expect(parseSize('10mb')).toBe(10 * 1024 * 1024);
    expect(parseSize('1.5G')).toBe(1.5 * 1024 ** 3);
  });
  it('rejects nonsense and zero', () => {
    for (const bad of ['', '0', '-1', '10 parsecs', 'MB']) expect(() => parseSize(bad)).toThrow(/--max-file-size takes a size/);
  });
});
