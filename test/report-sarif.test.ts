import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { render } from '../src/report/index.js';
import { automationId, FINGERPRINT_KEY, sarifLog, sarifRegion } from '../src/report/sarif.js';
import { sarifLimitWarnings, UploadSizeMeter } from '../src/report/sarif-limits.js';
import { gzipSync } from 'node:zlib';
import { relativeUri } from '../src/report/paths.js';
import { assertGitHubSarif, gitHubSarifProblems } from './helpers/github-sarif.js';
import { sarifSchemaErrors } from './helpers/sarif-schema.js';
import { cleanResult, mixedResult, options, PLAN_COLUMN } from './helpers/report-results.js';

function mixedLog(overrides: Parameters<typeof options>[0] = {}): Log {
  const result = mixedResult();
  return JSON.parse(render('sarif', result, options(overrides))) as Log;
}

describe('SARIF output', () => {
  it('validates against the OASIS SARIF 2.1.0 schema and GitHub ingestion rules', () => {
    const log = mixedLog({ sarifCategory: 'iamlint/cfn' });
    expect(sarifSchemaErrors(log)).toEqual([]);
    assertGitHubSarif(log);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('is checked by a schema validator that rejects invalid levels and lines', () => {
    const log = mixedLog();
    (log.runs[0]!.results![0] as { level: string }).level = 'critical';
    log.runs[0]!.results![1]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    const errors = sarifSchemaErrors(log).join('\n');
    expect(errors).toContain('/runs/0/results/0/level');
    expect(errors).toContain('/runs/0/results/1/locations/0/physicalLocation/region/startLine');
  });

  it('emits results: [] and a valid log on a clean run', () => {
    const log = JSON.parse(render('sarif', cleanResult(), options())) as Log;
    expect(sarifSchemaErrors(log)).toEqual([]);
    assertGitHubSarif(log);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules!.map((r) => r.id)).toEqual(['imdsv1-allowed', 'wildcard-action']);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications).toEqual([]);
  });

  it('describes every rule that ran, with GitHub metadata, and adds the parse-error descriptor', () => {
    const run = mixedLog().runs[0]!;
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'iamlint', semanticVersion: '0.1.0', version: '0.1.0', informationUri: 'https://github.com/iamlint/iamlint' });
    expect(driver.rules!.map((r) => r.id)).toEqual(['hardcoded-access-key', 'imdsv1-allowed', 'wildcard-action', 'parse-error']);
    const wildcard = driver.rules!.find((r) => r.id === 'wildcard-action')!;
    expect(wildcard).toMatchObject({
      name: 'WildcardAction',
      shortDescription: { text: 'Policy allows every action' },
      fullDescription: { text: 'Finds Allow statements whose Action is `*` or `service:*` for a sensitive service.' },
      helpUri: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/wildcard-action.md',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'external/cwe/cwe-269', 'external/cwe/cwe-732', 'iam', 'least-privilege'],
        precision: 'high',
        'security-severity': '9.3',
      },
    });
    expect(wildcard.help!.markdown).toContain('# Policy allows every action');
    expect(wildcard.help!.markdown).toContain('| `allowReadOnly` | boolean | `true` |');
    expect(wildcard.help!.text).toContain('How to fix: List the actions');
    const parse = driver.rules!.find((r) => r.id === 'parse-error')!;
    expect(parse.properties).toEqual({ tags: ['correctness'], precision: 'very-high', 'problem.severity': 'error' });
    expect(parse.helpUri).toBe('https://github.com/iamlint/iamlint/blob/main/docs/rules/parse-error.md');
  });

  it('writes repository-relative URIs under %SRCROOT% when a subfolder is scanned', () => {
    const run = mixedLog().runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(run.invocations![0]!.workingDirectory).toEqual({ uri: 'file:///work/repo/infra/' });
    const uris = run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation);
    expect(uris).toContainEqual({ uri: 'infra/templates/app.yaml', uriBaseId: '%SRCROOT%' });
    expect(uris).toContainEqual({ uri: 'infra/plan/tfplan.json', uriBaseId: '%SRCROOT%' });
  });

  it('keeps the exact region, the resource and a stable fingerprint for a CloudFormation finding', () => {
    const result = mixedLog().runs[0]!.results!.find((r) => r.ruleId === 'imdsv1-allowed' && r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'infra/templates/app.yaml')!;
    expect(result.ruleIndex).toBe(1);
    expect(result.level).toBe('error');
    expect(result.locations![0]!.physicalLocation!.region).toEqual({ startLine: 12, startColumn: 23, endLine: 12, endColumn: 31 });
    expect(result.locations![0]!.logicalLocations).toEqual([
      { name: 'AppTemplate', kind: 'resource', fullyQualifiedName: 'infra/templates/app.yaml#AppTemplate' },
    ]);
    expect(result.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: '9d1c2a7f0b3e4d5c6a7b8c9d0e1f2a3b' });
    expect(result.partialFingerprints).not.toHaveProperty('primaryLocationLineHash');
  });

  it('links related locations from the message with escaped brackets', () => {
    const result = mixedLog().runs[0]!.results!.find((r) => (r.relatedLocations ?? []).length > 0)!;
    expect(result.message.text).toBe(
      'Launch template AppTemplate allows IMDSv1 because MetadataOptions.HttpTokens is optional; set it to required.' +
        ' Related: [the instance profile AppProfile \\[attached here\\]](1), [the role AppRole it grants](2).',
    );
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'infra/templates/app.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 14, startColumn: 9, endLine: 14, endColumn: 45 } },
        message: { text: 'the instance profile AppProfile \\[attached here\\]' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'infra/templates/app.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 31, startColumn: 7, endLine: 31, endColumn: 15 } },
        message: { text: 'the role AppRole it grants.' },
      },
    ]);
  });

  it('keeps the large column of a minified plan finding on line 1', () => {
    const result = mixedLog().runs[0]!.results!.find((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'infra/plan/tfplan.json')!;
    expect(PLAN_COLUMN).toBeGreaterThan(10_000);
    expect(result.locations![0]!.physicalLocation!.region).toEqual({ startLine: 1, startColumn: PLAN_COLUMN, endLine: 1, endColumn: PLAN_COLUMN + 10 });
  });

  it('reports suppressed findings with their suppression instead of dropping them', () => {
    const result = mixedLog().runs[0]!.results!.find((r) => r.suppressions)!;
    expect(result.ruleId).toBe('imdsv1-allowed');
    expect(result.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Legacy AMI without IMDSv2 support; replaced in Q3.',
        location: {
          physicalLocation: { artifactLocation: { uri: 'infra/tf/main.tf.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, startColumn: 9, endLine: 9, endColumn: 70 } },
        },
        properties: { source: 'metadata' },
      },
    ]);
  });

  it('reports parse errors as results and as tool execution notifications', () => {
    const run = mixedLog().runs[0]!;
    const parse = run.results!.find((r) => r.ruleId === 'parse-error')!;
    expect(parse.ruleIndex).toBe(3);
    expect(parse.locations![0]!.physicalLocation!.region).toEqual({ startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 });
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        workingDirectory: { uri: 'file:///work/repo/infra/' },
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'a flow sequence \\[ is not closed; close it with \\].' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'infra/templates/broken.yaml', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 },
                },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('sets columnKind, the category and baseline counts', () => {
    const run = mixedLog({ sarifCategory: 'iamlint/cfn', baseline: { newCount: 6, fixedCount: 2 } }).runs[0]!;
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.automationDetails).toEqual({ id: 'iamlint/cfn/' });
    expect(run.properties).toEqual({ 'iamlint/baseline': { new: 6, fixed: 2 } });
    expect(automationId('iamlint/')).toBe('iamlint/');
    expect(mixedLog().runs[0]!.automationDetails).toBeUndefined();
  });

  it('with quiet, keeps only findings at or above the threshold', () => {
    const levels = mixedLog({ quiet: true, failOn: 'error' }).runs[0]!.results!.map((r) => r.level);
    expect(levels).not.toContain('warning');
    expect(levels).not.toContain('note');
    expect(levels.length).toBe(5);
  });

  it('clamps regions that would break GitHub', () => {
    expect(sarifRegion({ startLine: 0, startColumn: 0, endLine: -1, endColumn: -1 })).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    expect(sarifRegion({ startLine: 4, startColumn: 9, endLine: 4, endColumn: 9 })).toEqual({ startLine: 4, startColumn: 9, endLine: 4, endColumn: 10 });
    expect(sarifRegion({ startLine: 4, startColumn: 9, endLine: 6, endColumn: 1 })).toEqual({ startLine: 4, startColumn: 9, endLine: 6, endColumn: 1 });
  });

  it('percent-encodes URI segments but keeps separators and readable characters', () => {
    expect(relativeUri('infra/my app#1/a%b.yaml')).toBe('infra/my%20app%231/a%25b.yaml');
    expect(relativeUri('c:odd/x+y@z.json')).toBe('c%3Aodd/x+y@z.json');
  });

  it('uses a file: URI for findings outside the base directory', () => {
    const result = mixedResult();
    const log = sarifLog(result, result.findings, options({ baseDir: '/work/repo/other', cwd: '/work/repo/infra' }));
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///work/repo/infra/plan/tfplan.json' });
  });
});

describe('GitHub SARIF checks', () => {
  it('catch what GitHub rejects or misreads', () => {
    const log = mixedLog({ sarifCategory: 'cfn' });
    const run = log.runs[0]!;
    run.columnKind = undefined;
    run.tool.driver.rules![0]!.properties!['security-severity'] = 'high';
    run.tool.driver.rules![1]!.fullDescription = { text: 'x'.repeat(1025) };
    run.tool.driver.rules![2]!.properties!.tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    run.results![0]!.ruleIndex = 2;
    run.results![1]!.locations![0]!.physicalLocation!.region = { startLine: 0, startColumn: 5, endLine: 0, endColumn: 5 };
    run.results![2]!.locations![0]!.physicalLocation!.artifactLocation = { uri: 'C:\\repo\\x.json' };
    run.automationDetails = { id: 'cfn' };
    const problems = gitHubSarifProblems(log).join('\n');
    expect(problems).toContain('columnKind');
    expect(problems).toContain('security-severity "high" is not a numeric string');
    expect(problems).toContain('fullDescription.text has 1025 characters');
    expect(problems).toContain('21 tags');
    expect(problems).toContain('ruleIndex 2 does not point at rule');
    expect(problems).toContain('startLine 0 is not an integer');
    expect(problems).toContain('endColumn 5 is not after startColumn 5');
    expect(problems).toContain('is absolute');
    expect(problems).toContain('automationDetails.id cfn has no category');
    expect(() => assertGitHubSarif(log)).toThrow(/would reject/);
  });
});

describe('SARIF limit warnings', () => {
  it('are empty for an ordinary log', () => {
    expect(sarifLimitWarnings(mixedLog())).toEqual([]);
  });

  it('warn about too many results and tags', () => {
    const log = mixedLog();
    const run = log.runs[0]!;
    const one = run.results![0]!;
    run.results = Array.from({ length: 25_001 }, () => one);
    run.tool.driver.rules![0]!.properties!.tags = Array.from({ length: 25 }, (_, i) => `t${i}`);
    const warnings = sarifLimitWarnings(log);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^The run has 25001 results; GitHub rejects runs over 25000 results/);
    expect(warnings[1]).toBe('Rule hardcoded-access-key has 25 tags; GitHub reads at most 20.');
  });

  it('warn when the gzip-compressed file is over 10 MB', () => {
    // Incompressible text: base64 of 12 MB of random bytes stays about 12 MB gzip-compressed.
    const log = mixedLog();
    log.runs[0]!.results![0]!.message.text = randomBytes(12 * 1024 * 1024).toString('base64');
    const warnings = sarifLimitWarnings(log);
    expect(warnings.some((w) => /MB gzip-compressed; GitHub rejects uploads over 10 MB/.test(w))).toBe(true);
  });

  it('measure a log written in pieces: no gzip under 10 MB, block-wise gzip within 1 % of one pass over it', () => {
    const small = new UploadSizeMeter();
    small.add('{"runs": []}\n');
    expect(small.finish()).toEqual({ bytes: 13 });
    const text = randomBytes(9 * 1024 * 1024).toString('base64') + 'é'.repeat(1000);
    const meter = new UploadSizeMeter();
    for (let i = 0; i < text.length; i += 64 * 1024) meter.add(text.slice(i, i + 64 * 1024));
    const size = meter.finish();
    expect(size.bytes).toBe(Buffer.byteLength(text));
    const whole = gzipSync(text).length;
    expect(size.gzipBytes).toBeGreaterThanOrEqual(whole);
    expect(size.gzipBytes! / whole).toBeLessThan(1.01);
  });
});
