/**
 * Hostile and broken inputs, end to end through the CLI and scan() over temporary folders. Each one
 * gets a clear message naming the file (and the position where there is one), and the rest of the
 * run completes: a bad policy scanned in the same run still gives its located finding.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover.js';
import { defaultScanOptions } from '../../src/engine/defaults.js';
import { scanFiles } from '../../src/engine/scan.js';
import { cli } from '../helpers/run-cli.js';
import { TODAY, workspace, type Workspace } from './pipeline.js';

/** A policy that allows every action: the companion whose finding proves the run went on. */
const ADMIN_POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "*", "Resource": "*" }\n  ]\n}\n';

/** Line and column (UTF-16 units, 1-based) of `needle` in `text`, counted here, independently of the loaders. */
function positionIn(text: string, needle: string): { line: number; column: number } {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const at = body.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = body.slice(0, at).split(/\r\n|\n|\r/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

const star = positionIn(ADMIN_POLICY, '"*"');
/** Where its `"*"` action is. */
const ADMIN_ACTION = { startLine: star.line, startColumn: star.column, endLine: star.line, endColumn: star.column + 3 };

interface JsonRun {
  code: number;
  stderr: string;
  findings: { ruleId: string; message: string; location: { file: string; startLine: number; startColumn: number; endLine: number; endColumn: number } }[];
  files: { file: string; status: string; reason?: string; format?: string }[];
  errors: { file: string; message: string; region?: { startLine: number; startColumn: number } }[];
}

async function run(ws: Workspace, ...args: string[]): Promise<JsonRun> {
  const r = await cli(['--format', 'json', '--no-config', ...args, '.'], { cwd: ws.dir });
  if (r.code === 2) throw new Error(`exit 2: ${r.stderr}`);
  return { code: r.code, stderr: r.stderr, ...(JSON.parse(r.stdout) as Omit<JsonRun, 'code' | 'stderr'>) };
}

function expectAdminFinding(r: JsonRun, file = 'admin.json'): void {
  expect(r.findings.filter((f) => f.ruleId === 'admin-access' && f.location.file === file).map((f) => f.location)).toEqual([
    { file, ...ADMIN_ACTION },
  ]);
}

function errorFor(r: JsonRun, file: string) {
  const errors = r.errors.filter((e) => e.file === file);
  expect(errors, `one error message for ${file} in ${JSON.stringify(r.errors)}`).toHaveLength(1);
  return errors[0]!;
}

const spaces: Workspace[] = [];
function fresh(files: Record<string, string | Uint8Array>): Workspace {
  const ws = workspace('iamlint-adversarial-');
  ws.write({ 'admin.json': ADMIN_POLICY, ...files });
  spaces.push(ws);
  return ws;
}
afterAll(() => {
  for (const ws of spaces) {
    spawnSync('chmod', ['-R', 'u+rwx', ws.dir]);
    ws.remove();
  }
});

const isRoot = process.getuid?.() === 0;
const ROOT_REASON = 'running as root: permission bits do not stop root from reading, so an unreadable file cannot be made';

describe('expansion and depth limits', () => {
  it('stops a YAML alias bomb (billion laughs) with a message naming the file', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const bomb = `AWSTemplateFormatVersion: "2010-09-09"\nMetadata:\n${levels.map((l) => `  ${l}`).join('\n')}\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: { Laughs: *j }\n`;
    const r = await run(fresh({ 'bomb.yaml': bomb }));
    expect(errorFor(r, 'bomb.yaml').message).toMatch(/^YAML error: YAML aliases expand to more than \d+ nodes \(an alias bomb or a recursive alias\)/);
    expect(r.files.find((f) => f.file === 'bomb.yaml')).toMatchObject({ status: 'error', format: 'cloudformation-yaml' });
    expect(r.findings.find((f) => f.location.file === 'bomb.yaml')).toMatchObject({ ruleId: 'parse-error' });
    expectAdminFinding(r);
    expect(r.code).toBe(1);
  });

  it('stops a YAML merge-key bomb with a message naming the file and the line', async () => {
    // Each `<<` copies the 200 keys of Base again: 2,000 merges copy 1.2 million keys from 50 KB.
    const base = Array.from({ length: 200 }, (_, i) => `    k${i}: ${i}`);
    const uses = Array.from({ length: 2000 }, (_, i) => `    u${i}: { <<: [*base, *base, *base] }`);
    const bomb = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  Base: &base', ...base, '  Uses:', ...uses, 'Resources: {}', ''].join('\n');
    const r = await run(fresh({ 'merges.yaml': bomb }));
    expect(errorFor(r, 'merges.yaml').message).toMatch(/^YAML error at line \d+, column \d+: merge keys \(`<<`\) copy more than \d+ keys in all \(a merge bomb\)$/);
    expect(r.files.find((f) => f.file === 'merges.yaml')).toMatchObject({ status: 'error', format: 'cloudformation-yaml' });
    expectAdminFinding(r);
    expect(r.code).toBe(1);
  });

  it('refuses 10,000-level nesting in JSON at the first bracket past the limit', async () => {
    const prefix = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Deep": {"Type": "AWS::S3::Bucket", "Metadata": ';
    const text = `${prefix}${'['.repeat(10_000)}${']'.repeat(10_000)}}}}\n`;
    // Depth 3 before the lists: the 998th bracket is the 1,001st level.
    const column = prefix.length + 998;
    const r = await run(fresh({ 'deep.json': text }));
    expect(errorFor(r, 'deep.json')).toMatchObject({
      message: `JSON error at line 1, column ${column}: nesting is deeper than 1000 levels`,
      region: { startLine: 1, startColumn: column },
    });
    expectAdminFinding(r);
  });

  it('reports the syntax error before deep nesting that hides behind a broken quote', async () => {
    // A single quote opens the first key. Pairing the double quotes from there, the depth check
    // reads the 50,000 lists as the inside of a string; the parser that finds the error's position
    // ends strings at line breaks, so it reads them as lists and must not overflow on them.
    const lines = ['{', `  'Statement": [`, '    {', '      "Sid": "ReadData",', `      "Effect": ${'['.repeat(50_000)}"Allow"${']'.repeat(50_000)}`, '    }', '  ]', '}', ''];
    const r = await run(fresh({ 'typo.json': lines.join('\n') }));
    expect(errorFor(r, 'typo.json')).toMatchObject({
      message: 'JSON error at line 2, column 3: unexpected character',
      region: { startLine: 2, startColumn: 3 },
    });
    expectAdminFinding(r);
  });

  it('refuses 10,000-level nesting in YAML, flow and block style, naming the position', async () => {
    const flow = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Deep:\n    Type: AWS::S3::Bucket\n    Metadata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const blockLines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
    for (let i = 0; i < 1_200; i++) blockLines.push(`${' '.repeat(i + 1)}k${i}:`);
    const r = await run(fresh({ 'deep-flow.yaml': flow, 'deep-block.yaml': blockLines.join('\n') + '\n' }));
    // Block style: the mapping holding k999 (1,000 spaces in, line 1002) is the 1,001st level.
    expect(errorFor(r, 'deep-block.yaml')).toMatchObject({
      message: 'YAML error at line 1002, column 1001: nesting is deeper than 1000 levels',
      region: { startLine: 1002, startColumn: 1001 },
    });
    // Flow style: the 998th bracket (column 1012) is the 1,001st level; the YAML parser stops just after it.
    const flowError = errorFor(r, 'deep-flow.yaml');
    expect(flowError.message).toMatch(/^YAML error at line 5, column 101[23]: nesting is deeper than 1000 levels$/);
    expect(flowError.region?.startLine).toBe(5);
    expectAdminFinding(r);
  });
});

describe('file size', () => {
  it('refuses a file above --max-file-size, naming both sizes, and scans the smaller files', async () => {
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Sid: 'x'.repeat(600) }] });
    const r = await run(fresh({ 'big.json': big }), '--max-file-size', '512');
    expect(errorFor(r, 'big.json').message).toBe(`the file is ${big.length} bytes, above the maximum file size of 512 bytes (--max-file-size)`);
    expect(r.findings.filter((f) => f.location.file === 'big.json').map((f) => f.ruleId)).toEqual(['parse-error']);
    expectAdminFinding(r);
  });
});

describe('bytes that are not text', () => {
  it('refuses invalid UTF-8 at the offending character', async () => {
    const line3 = '  "Statement": [{ "Sid": "café ☕ caf';
    const text = Buffer.concat([Buffer.from(`{\n  "Version": "2012-10-17",\n${line3}`), Buffer.from([0xe9]), Buffer.from('", "Effect": "Allow" }]\n}\n')]);
    const r = await run(fresh({ 'latin1.json': text }));
    const column = line3.length + 1;
    expect(errorFor(r, 'latin1.json')).toMatchObject({
      message: `the file is not valid UTF-8 at line 3, column ${column}: save it as UTF-8`,
      region: { startLine: 3, startColumn: column },
    });
    expectAdminFinding(r);
  });

  it('refuses NUL bytes, and a binary file with a .json name, at the first NUL', async () => {
    const template = Buffer.from('AWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  Role:\0\r\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const r = await run(fresh({ 'nul.yaml': template, 'image.json': png }));
    expect(errorFor(r, 'nul.yaml')).toMatchObject({ message: 'binary file: it contains a NUL byte at line 3, column 8', region: { startLine: 3, startColumn: 8 } });
    // \r\n after the signature is one line break; \x1a\n is the second.
    expect(errorFor(r, 'image.json')).toMatchObject({ message: 'binary file: it contains a NUL byte at line 3, column 1' });
    expectAdminFinding(r);
  });

  it('skips an empty file and a whitespace-only file, saying so, and scans the rest', async () => {
    const r = await run(fresh({ 'empty.yaml': '', 'blank.json': '\r\n  \n' }));
    expect(r.files.filter((f) => f.file !== 'admin.json')).toEqual([
      { file: 'blank.json', status: 'skipped', reason: 'empty file', bytes: 5 },
      { file: 'empty.yaml', status: 'skipped', reason: 'empty file', bytes: 0 },
    ]);
    expect(r.errors).toEqual([]);
    expectAdminFinding(r);
  });
});

describe('byte order marks and line ends: positions stay exact', () => {
  const template = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Description: Zugriff für Ünïcödé 😀',
    'Resources:',
    '  WebTemplate:',
    '    Type: AWS::EC2::LaunchTemplate',
    '    Properties:',
    '      LaunchTemplateData:',
    '        MetadataOptions:',
    '          HttpTokens: optional',
  ];
  const policy = '{"Version": "2012-10-17", "Statement": [{"Sid": "😀é", "Effect": "Allow", "Action": "*", "Resource": "*"}]}';

  for (const [name, eol, bom] of [
    ['UTF-8 BOM and CRLF', '\r\n', true],
    ['CRLF without BOM', '\r\n', false],
    ['lone CR line ends', '\r', false],
    ['BOM and LF', '\n', true],
  ] as const) {
    it(`${name}: the IMDSv1 finding in YAML and the wildcard in JSON point at the value`, async () => {
      const yaml = (bom ? '\ufeff' : '') + template.join(eol) + eol;
      const json = (bom ? '\ufeff' : '') + ['{', `  "Description": "ünï 😀", "Statement": ${policy.slice(policy.indexOf('['), -1)}`, '}'].join(eol) + eol;
      const r = await run(fresh({ 'stack.yaml': yaml, 'policy.json': json }));
      const imds = r.findings.find((f) => f.ruleId === 'imdsv1-allowed');
      expect(imds?.location).toEqual({ file: 'stack.yaml', startLine: 9, startColumn: 23, endLine: 9, endColumn: 31 });
      const at = positionIn(yaml, 'optional');
      expect(imds?.location).toMatchObject({ startLine: at.line, startColumn: at.column });
      const star = positionIn(json, '"*"');
      expect(r.findings.find((f) => f.ruleId === 'admin-access' && f.location.file === 'policy.json')?.location).toEqual({
        file: 'policy.json',
        startLine: star.line,
        startColumn: star.column,
        endLine: star.line,
        endColumn: star.column + 3,
      });
      expect(r.errors).toEqual([]);
    });
  }
});

describe('the file system', () => {
  it('walks through symbolic link loops once, reporting a link to itself and a dangling link', async () => {
    const ws = fresh({ 'stacks/app.yaml': template('optional') });
    symlinkSync('..', join(ws.dir, 'stacks', 'up'));
    symlinkSync('.', join(ws.dir, 'stacks', 'here'));
    symlinkSync('self.yaml', join(ws.dir, 'self.yaml'));
    symlinkSync('missing.json', join(ws.dir, 'dangling.json'));
    const r = await run(ws);
    expect(r.files.map((f) => f.file)).toEqual(['admin.json', 'dangling.json', 'self.yaml', 'stacks/app.yaml']);
    expect(errorFor(r, 'self.yaml').message).toBe('symbolic link loop');
    expect(errorFor(r, 'dangling.json').message).toBe('broken symbolic link: its target does not exist');
    expect(r.findings.filter((f) => f.ruleId === 'imdsv1-allowed').map((f) => `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`)).toEqual([
      `stacks/app.yaml:${TOKENS.line}:${TOKENS.column}`,
    ]);
    expectAdminFinding(r);
  });

  it.skipIf(isRoot)(`reports an unreadable file and an unreadable folder and scans the rest (skipped: ${ROOT_REASON})`, async () => {
    const ws = fresh({ 'locked.yaml': template('optional'), 'private/stack.yaml': template('optional') });
    chmodSync(join(ws.dir, 'locked.yaml'), 0o000);
    chmodSync(join(ws.dir, 'private'), 0o000);
    const r = await run(ws);
    expect(errorFor(r, 'locked.yaml').message).toBe('permission denied: the file cannot be read');
    expect(errorFor(r, 'private').message).toBe('permission denied: the folder cannot be read');
    expectAdminFinding(r);
  });

  it('reports a file deleted between discovery and reading, naming it, and scans the rest', async () => {
    const ws = fresh({ 'gone.yaml': template('optional'), 'stays.yaml': template('optional') });
    const { files } = await discover(['.'], { cwd: ws.dir, ignore: [] });
    expect(files.map((f) => f.file)).toEqual(['admin.json', 'gone.yaml', 'stays.yaml']);
    rmSync(join(ws.dir, 'gone.yaml'));
    const base = defaultScanOptions();
    const part = await scanFiles(files, defaultScanOptions({ cwd: ws.dir, baseDir: ws.dir, suppressions: { ...base.suppressions, today: TODAY } }));
    expect(part.notifications.filter((n) => n.file === 'gone.yaml')).toEqual([
      { file: 'gone.yaml', level: 'error', message: 'the file does not exist (deleted while scanning?)', region: undefined },
    ]);
    expect(part.files.find((f) => f.file === 'gone.yaml')).toMatchObject({ status: 'error' });
    expect(part.findings.filter((f) => f.ruleId === 'imdsv1-allowed').map((f) => `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`)).toEqual([
      `stays.yaml:${TOKENS.line}:${TOKENS.column}`,
    ]);
  });

  it('reports a named FIFO without waiting for a writer', async () => {
    const ws = fresh({});
    const made = spawnSync('mkfifo', [join(ws.dir, 'pipe.yaml')]);
    if (made.status !== 0) return; // no mkfifo on this system: nothing to test
    const r = await cli(['--format', 'json', '--no-config', 'pipe.yaml', 'admin.json'], { cwd: ws.dir });
    const out = JSON.parse(r.stdout) as JsonRun;
    expect(out.errors.filter((e) => e.file === 'pipe.yaml').map((e) => e.message)).toEqual(['not a regular file or folder']);
    expectAdminFinding({ ...out, code: r.code, stderr: r.stderr });
  });

  it('exits 2 on a path that does not exist, naming it', async () => {
    const ws = fresh({});
    const r = await cli(['--no-config', 'admin.json', 'no-such-dir'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iamlint: path not found: no-such-dir');
  });
});

function template(tokens: string): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  WebTemplate:',
    '    Type: AWS::EC2::LaunchTemplate',
    '    Properties:',
    '      LaunchTemplateData:',
    `        MetadataOptions: { HttpTokens: ${tokens} }`,
    '',
  ].join('\n');
}

/** Where the template's `optional` is. */
const TOKENS = positionIn(template('optional'), 'optional');

describe('the text output names the file and position of each problem', () => {
  it('prints file:line:col for a parse error beside the findings of the other files', async () => {
    const ws = fresh({ 'broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Role: [unclosed\n' });
    mkdirSync(join(ws.dir, 'empty-dir'));
    const r = await cli(['--no-config', '.'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yaml:4:1 error parse-error\n\s+YAML error at line 4, column 1: /m);
    expect(r.stdout).toContain(`admin.json:${star.line}:${star.column} error admin-access`);
  });
});
