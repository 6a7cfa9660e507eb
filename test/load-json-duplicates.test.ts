import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/index.js';
import { duplicateJsonKeys } from '../src/load/json-duplicates.js';

describe('duplicateJsonKeys', () => {
  it('finds a name repeated in one object, at its later occurrence, at any depth', () => {
    const text = '{"Resources": {"Box": {"Type": "AWS::EC2::Instance", "Properties": {"InstanceType": "t3.micro", "InstanceType": "t3.small"}}}, "Resources": {}}';
    const found = duplicateJsonKeys(text);
    expect(found.map((d) => [d.key, text.slice(d.start, d.end)])).toEqual([
      ['InstanceType', '"InstanceType"'],
      ['Resources', '"Resources"'],
    ]);
    expect(found[0]!.start).toBe(text.lastIndexOf('"InstanceType"'));
  });

  it('does not mix up objects, arrays, values that look like names, braces in strings, or escapes', () => {
    expect(duplicateJsonKeys('[{"a": 1}, {"a": 2}]')).toEqual([]);
    expect(duplicateJsonKeys('{"a": {"b": 1}, "b": {"a": 2}}')).toEqual([]);
    expect(duplicateJsonKeys('{"a": "a", "b": ["a", "a"]}')).toEqual([]);
    expect(duplicateJsonKeys('{"a": "{\\"a\\": 1, \\"a\\": 2}", "c": "}"}')).toEqual([]);
    expect(duplicateJsonKeys('{"\\u0061": 1, "a": 2}').map((d) => d.key)).toEqual(['a']);
  });

  it('finds none in any JSON.stringify output (which cannot repeat a name)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
        expect(duplicateJsonKeys(JSON.stringify(v, null, indent))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loading JSON with a repeated name', () => {
  it('warns, located at the later name, for a CloudFormation template; the file still loads with the last value', () => {
    const text = '{\n  "Resources": {\n    "Box": {\n      "Type": "AWS::EC2::Instance",\n      "Type": "AWS::EC2::LaunchTemplate"\n    }\n  }\n}\n';
    const outcome = loadText(text, 'stack.template.json');
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
    expect(outcome.warnings).toEqual([{ message: 'duplicate key "Type": only its last value is used', region: { startLine: 5, startColumn: 7, endLine: 5, endColumn: 13 } }]);
  });

  it('does not look for them in Terraform plan output, which Terraform writes itself', () => {
    const text = '{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {"root_module": {}}, "format_version": "1.2"}';
    const outcome = loadText(text, 'plan.json');
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
    expect(outcome.doc.format).toBe('terraform-plan');
    expect(outcome.warnings).toBeUndefined();
  });
});

describe('repeated names in Terraform JSON', () => {
  it('says that iamlint checks only the last one (Terraform merges repeated block keys)', () => {
    const text = '{\n  "resource": {"aws_iam_role": {"a": {"name": "a"}}},\n  "resource": {"aws_iam_role": {"b": {"name": "b"}}}\n}\n';
    const outcome = loadText(text, 'main.tf.json');
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
    expect(outcome.doc.format).toBe('terraform-json');
    expect(outcome.warnings).toEqual([
      {
        message: 'duplicate key "resource": iamlint reads only its last value, so what the earlier one holds is not checked',
        region: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 13 },
      },
    ]);
  });
});
