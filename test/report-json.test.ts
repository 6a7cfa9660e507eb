import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { render } from '../src/report/index.js';
import { JSON_OUTPUT_VERSION, type JsonOutput } from '../src/report/json.js';
import { cleanResult, mixedResult, options } from './helpers/report-results.js';

const schema = JSON.parse(readFileSync(new URL('../schemas/iamlint-output.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function output(overrides: Parameters<typeof options>[0] = {}, result = mixedResult()): JsonOutput {
  return JSON.parse(render('json', result, options(overrides))) as JsonOutput;
}

describe('JSON output', () => {
  it('validates against schemas/iamlint-output.schema.json', () => {
    for (const out of [output(), output({ baseline: { newCount: 1, fixedCount: 4 } }), output({}, cleanResult())]) {
      expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('the schema rejects output that breaks its contract', () => {
    const out = output() as unknown as { findings: Record<string, unknown>[]; summary: Record<string, unknown> };
    out.findings[0]!.location = { file: 'a.yaml', startLine: 0, startColumn: 1, endLine: 1, endColumn: 2 };
    delete out.summary.failed;
    expect(validate(out)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toContain('/findings/0/location/startLine');
    expect(paths).toContain('/summary');
  });

  it('names the tool and version and lists findings with resource, path and fingerprint', () => {
    const out = output();
    expect(out.version).toBe(JSON_OUTPUT_VERSION);
    expect(out.tool).toEqual({ name: 'iamlint', version: '0.1.0' });
    const imds = out.findings.find((f) => f.location.file === 'templates/app.yaml' && f.ruleId === 'imdsv1-allowed')!;
    expect(imds).toEqual({
      ruleId: 'imdsv1-allowed',
      severity: 'error',
      message: 'Launch template AppTemplate allows IMDSv1 because MetadataOptions.HttpTokens is optional; set it to required.',
      location: { file: 'templates/app.yaml', startLine: 12, startColumn: 23, endLine: 12, endColumn: 31 },
      resource: { id: 'AppTemplate', type: 'AWS::EC2::LaunchTemplate' },
      propertyPath: '/Properties/LaunchTemplateData/MetadataOptions/HttpTokens',
      fingerprint: '9d1c2a7f0b3e4d5c6a7b8c9d0e1f2a3b',
      related: [
        { location: { file: 'templates/app.yaml', startLine: 14, startColumn: 9, endLine: 14, endColumn: 45 }, message: 'the instance profile AppProfile [attached here]' },
        { location: { file: 'templates/app.yaml', startLine: 31, startColumn: 7, endLine: 31, endColumn: 15 }, message: 'the role AppRole it grants.' },
      ],
      suppression: null,
    });
    expect(Object.keys(imds)).not.toContain('snippet');
    expect(out.findings.find((f) => f.ruleId === 'parse-error')!.resource).toBeNull();
  });

  it('keeps suppressed findings with their suppression and counts them apart', () => {
    const out = output();
    const suppressed = out.findings.filter((f) => f.suppression !== null);
    expect(suppressed.map((f) => [f.location.file, f.suppression!.source, f.suppression!.kind])).toEqual([['tf/main.tf.json', 'metadata', 'inSource']]);
    expect(out.summary.findings).toEqual({ error: 4, warning: 1, note: 1, total: 6, suppressed: 1 });
  });

  it('summarises files by format, errors and the threshold', () => {
    const out = output({ baseline: { newCount: 3, fixedCount: 2 } });
    expect(out.summary.files).toEqual({
      scanned: 6,
      skipped: 1,
      errors: 1,
      byFormat: { 'terraform-plan': 1, 'iam-policy': 2, 'cloudformation-yaml': 2, 'terraform-json': 1 },
    });
    expect(out.summary).toMatchObject({ failOn: 'error', failed: true, elapsedMs: 1234.5, baseline: { new: 3, fixed: 2 } });
    expect(out.errors).toEqual([
      {
        file: 'templates/broken.yaml',
        level: 'error',
        message: 'a flow sequence [ is not closed; close it with ].',
        region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 },
      },
    ]);
    expect(out.files.find((f) => f.file === 'package.json')).toEqual({ file: 'package.json', status: 'skipped', reason: 'not a supported input', bytes: 812 });
  });

  it('reports failed: false when nothing reaches the threshold', () => {
    expect(output({ failOn: 'never' }).summary.failed).toBe(false);
    const clean = output({}, cleanResult());
    expect(clean.findings).toEqual([]);
    expect(clean.summary.failed).toBe(false);
    expect(clean.summary.findings.total).toBe(0);
  });

  it('with quiet, lists only findings at or above the threshold', () => {
    const out = output({ quiet: true, failOn: 'warning' });
    expect(out.findings.map((f) => f.severity).sort()).toEqual(['error', 'error', 'error', 'error', 'error', 'warning']);
  });
});
