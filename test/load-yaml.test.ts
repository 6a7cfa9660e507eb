import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/index.js';
import type { LoadOutcome } from '../src/load/types.js';
import { valueAt } from '../src/load/document.js';
import type { Json, Path, SourceDocument } from '../src/model/source.js';

const dig = (root: Json, ...path: Path) => valueAt(root, path);

const dir = 'fixtures/input';
const read = (name: string) => readFileSync(`${dir}/${name}`);
const load = (name: string): LoadOutcome => loadText(read(name), `${dir}/${name}`);

function loadedText(input: string | Uint8Array, file: string): SourceDocument {
  const outcome = loadText(input, file);
  if (outcome.status !== 'loaded') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
  return outcome.doc;
}

const loaded = (name: string): SourceDocument => loadedText(read(name), `${dir}/${name}`);

const at = (doc: SourceDocument, path: Path) => {
  const r = doc.locate(path);
  return [r.startLine, r.startColumn, r.endLine, r.endColumn];
};

describe('CloudFormation YAML short-form tags', () => {
  it('load to the same data as the long-form JSON template', () => {
    const yaml = loaded('cfn-short-tags.yaml');
    const json = loaded('cfn-short-tags.json');
    expect(yaml.format).toBe('cloudformation-yaml');
    expect(json.format).toBe('cloudformation-json');
    expect(yaml.root).toStrictEqual(json.root);
  });

  it('splits !GetAtt scalars at the first dot only', () => {
    const doc = loaded('cfn-short-tags.yaml');
    const tags = ['Resources', 'Template', 'Properties', 'LaunchTemplateData', 'TagSpecifications', 0, 'Tags'];
    expect(dig(doc.root, ...tags, 2, 'Value')).toStrictEqual({ 'Fn::GetAtt': ['Vpc', 'Outputs.SubnetId'] });
    expect(dig(doc.root, ...tags, 1, 'Value')).toStrictEqual({ 'Fn::GetAtt': ['Template', 'LatestVersionNumber'] });
    const profileArn = dig(doc.root, 'Resources', 'Template', 'Properties', 'LaunchTemplateData', 'IamInstanceProfile', 'Arn');
    expect(profileArn).toStrictEqual({ 'Fn::GetAtt': ['Profile', 'Arn'] });
  });

  it('keeps block strings: literal lines and a clipped final newline', () => {
    const doc = loaded('cfn-short-tags.yaml');
    const userData = dig(doc.root, 'Resources', 'Template', 'Properties', 'LaunchTemplateData', 'UserData');
    expect(userData).toStrictEqual({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}\n' } });
    const folded = loaded('embedded-policy-in-yaml.yaml');
    expect(dig(folded.root, 'Resources', 'Folded', 'Properties', 'PolicyDocument')).toBe(
      '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}\n',
    );
  });

  it('rejects a tag on a node kind CloudFormation does not take it on, with the position', () => {
    const outcome = load('wrong-tag-kind.yaml');
    expect(outcome).toMatchObject({
      status: 'error',
      format: 'cloudformation-yaml',
      message: 'YAML error at line 6, column 17: !Ref cannot be written on a sequence: CloudFormation takes it on a scalar',
    });
  });

  it('names an unknown tag', () => {
    const outcome = load('unknown-tag.yaml');
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error') return;
    expect(outcome.message).toMatch(/^YAML error at line 6, column \d+: unknown tag !Reff$/);
    expect(outcome.region?.startLine).toBe(6);
  });
});

describe('YAML positions', () => {
  const doc = loaded('cfn-short-tags.yaml');
  const lt = ['Resources', 'Template', 'Properties', 'LaunchTemplateData'];

  it('covers a short-form tagged scalar with its tag', () => {
    expect(at(doc, ['Resources', 'Role', 'Properties', 'RoleName'])).toEqual([26, 17, 26, 46]);
    // The long-form key under the tagged node stays on it.
    expect(at(doc, ['Resources', 'Role', 'Properties', 'RoleName', 'Fn::Sub'])).toEqual([26, 17, 26, 46]);
  });

  it('points Fn::GetAtt indexes under a `!GetAtt A.B` scalar at the scalar', () => {
    expect(at(doc, [...lt, 'IamInstanceProfile', 'Arn', 'Fn::GetAtt', 1])).toEqual([50, 16, 50, 35]);
    expect(at(doc, [...lt, 'IamInstanceProfile', 'Arn', 'Fn::GetAtt', 0])).toEqual([50, 16, 50, 35]);
  });

  it('finds items inside flow sequences under tags', () => {
    expect(at(doc, ['Resources', 'Profile', 'Properties', 'Roles', 0])).toEqual([43, 15, 43, 24]);
    expect(at(doc, ['Resources', 'Profile', 'Properties', 'Roles', 0, 'Ref'])).toEqual([43, 15, 43, 24]);
    expect(at(doc, ['Resources', 'Role', 'Properties', 'Description', 'Fn::Join', 1, 0])).toEqual([27, 33, 27, 51]);
    const tags = [...lt, 'TagSpecifications', 0, 'Tags'];
    expect(at(doc, [...tags, 1, 'Value', 'Fn::GetAtt', 1])).toEqual([64, 43, 64, 62]);
    expect(at(doc, [...lt, 'MetadataOptions', 'HttpTokens', 'Fn::If', 2])).toEqual([57, 46, 57, 54]);
    expect(at(doc, ['Conditions', 'Both', 'Fn::And', 1, 'Fn::Equals', 0, 'Fn::Select', 1, 'Fn::GetAZs'])).toEqual([20, 28, 20, 38]);
  });

  it('spans multi-line nodes to the end of their last line', () => {
    expect(at(doc, [...lt, 'UserData'])).toEqual([52, 19, 55, 24]);
    expect(at(doc, [...lt, 'UserData', 'Fn::Base64', 'Fn::Sub'])).toEqual([53, 20, 55, 24]);
  });

  it('walks into a tagged mapping', () => {
    const p = ['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Fn::Transform', 'Parameters', 'Location'];
    expect(at(doc, p)).toEqual([39, 25, 39, 48]);
  });

  it('points an absent property at the key of its parent', () => {
    expect(at(doc, [...lt, 'MetadataOptions', 'HttpEndpoint'])).toEqual([56, 9, 56, 24]);
    expect(at(doc, [...lt, 'MetadataOptions', 'HttpEndpoint', 'deeper'])).toEqual([56, 9, 56, 24]);
  });

  it('points a key without a value at the key', () => {
    const d = loadedText('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::EC2::Instance\n    Properties:\n', 't.yaml');
    expect(at(d, ['Resources', 'R', 'Properties'])).toEqual([5, 5, 5, 15]);
    expect(at(d, ['Resources', 'R', 'Properties', 'MetadataOptions'])).toEqual([5, 5, 5, 15]);
  });

  it('keeps exact positions after a UTF-8 BOM with CRLF line endings', () => {
    const d = loaded('bom-crlf.yaml');
    expect(dig(d.root, 'AWSTemplateFormatVersion')).toBe('2010-09-09');
    expect(at(d, ['AWSTemplateFormatVersion'])).toEqual([1, 27, 1, 39]);
    const stmt = ['Resources', 'Role', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0];
    expect(at(d, [...stmt, 'Action'])).toEqual([11, 25, 11, 28]);
    expect(at(d, [...stmt, 'Resource'])).toEqual([12, 27, 12, 64]);
    expect(at(d, stmt)).toEqual([10, 17, 12, 64]);
    expect(d.lines!(11, 11)).toEqual(['                Action: "*"']);
  });

  it('lists # comments with their lines, not # inside strings or block scalars', () => {
    const d = loaded('bom-crlf.yaml');
    expect(d.comments!()).toEqual([{ line: 7, text: ' iamlint-disable-line wildcard-action -- reviewed', ownLine: false }]);
    const text = [
      '# iamlint-disable-file imdsv1-allowed -- legacy stack',
      'AWSTemplateFormatVersion: "2010-09-09" # version',
      'Description: "not # a comment"',
      'Resources:',
      '  R:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      UserData: |',
      '        # shell comment, part of the string',
      '      # iamlint-disable-next-line wildcard-action',
      '      ImageId: ami-1',
    ].join('\n');
    expect(loadedText(text, 'c.yaml').comments!()).toEqual([
      { line: 1, text: ' iamlint-disable-file imdsv1-allowed -- legacy stack', ownLine: true },
      { line: 2, text: ' version', ownLine: false },
      { line: 10, text: ' iamlint-disable-next-line wildcard-action', ownLine: true },
    ]);
  });

  it('locates through aliases at the alias', () => {
    const d = loaded('aliases-small.yaml');
    expect(dig(d.root, 'Resources', 'Second', 'Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens')).toBe('optional');
    expect(at(d, ['Resources', 'Second', 'Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens'])).toEqual([13, 27, 13, 32]);
    expect(at(d, ['Resources', 'First', 'Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens'])).toEqual([9, 23, 9, 31]);
  });
});

describe('YAML merge keys', () => {
  const lt = (resource: string, ...rest: Path) => ['Resources', resource, 'Properties', 'LaunchTemplateData', ...rest];

  it('expands `<<` as sam deploy and aws cloudformation package do', () => {
    const d = loaded('merge-keys.yaml');
    expect(dig(d.root, ...lt('Direct'))).toStrictEqual({ ImageId: 'ami-0123456789abcdef0', MetadataOptions: { HttpTokens: 'optional' } });
    expect(dig(d.root, ...lt('Inline', 'MetadataOptions', 'HttpTokens'))).toBe('required');
    expect(dig(d.root, ...lt('Nested'))).toStrictEqual({ ImageId: 'ami-0123456789abcdef0', MetadataOptions: { HttpTokens: 'optional' }, InstanceType: 't3.micro' });
    // A quoted "<<" is an ordinary key.
    expect(Object.keys(dig(d.root, ...lt('Quoted')) as object)).toEqual(['<<']);
  });

  it('locates a merged key at the alias it came through, or in an inline mapping at the key itself', () => {
    const d = loaded('merge-keys.yaml');
    expect(at(d, lt('Direct', 'MetadataOptions', 'HttpTokens'))).toEqual([15, 13, 15, 18]);
    expect(at(d, lt('Inline', 'MetadataOptions', 'HttpTokens'))).toEqual([20, 78, 20, 86]);
    expect(at(d, lt('Inline', 'ImageId'))).toEqual([20, 24, 20, 45]);
    // Through a merge inside the anchored mapping: still the alias this resource wrote.
    expect(at(d, lt('Nested', 'MetadataOptions', 'HttpTokens'))).toEqual([25, 13, 25, 21]);
    // Absent keys stay at the nearest key, also next to a merge or a quoted "<<".
    expect(at(d, lt('Direct', 'InstanceType'))).toEqual([14, 7, 14, 25]);
    expect(at(d, lt('Quoted', 'MetadataOptions'))).toEqual([29, 7, 29, 25]);
  });

  it('loads a large template whose merges copy more keys than js-yaml allows by default (10,000)', () => {
    const defaults = Array.from({ length: 25 }, (_, i) => `    Tag${i}: value-${i}`);
    const resources = Array.from({ length: 600 }, (_, i) => [`  Topic${i}:`, '    Type: AWS::SNS::Topic', '    Metadata:', '      <<: *defaults']).flat();
    const text = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  Defaults: &defaults', ...defaults, 'Resources:', ...resources, ''].join('\n');
    expect(dig(loadedText(text, 'many-merges.yaml').root, 'Resources', 'Topic599', 'Metadata', 'Tag24')).toBe('value-24');
  });

  it('takes keys written in the mapping over merged ones, and earlier sources over later', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Metadata:',
      '  A: &a {X: 1, Y: 1}',
      '  B: &b {X: 2, Z: 2}',
      '  C:',
      '    <<: [*a, *b]',
      '    Y: 3',
    ].join('\n');
    const doc = loadedText(text, 'precedence.yaml');
    expect(dig(doc.root, 'Metadata', 'C')).toStrictEqual({ X: 1, Y: 3, Z: 2 });
    expect(at(doc, ['Metadata', 'C', 'X'])).toEqual([6, 10, 6, 12]);
    expect(at(doc, ['Metadata', 'C', 'Z'])).toEqual([6, 14, 6, 16]);
    expect(at(doc, ['Metadata', 'C', 'Y'])).toEqual([7, 8, 7, 9]);
  });
});

describe('YAML bad input', () => {
  it('reports duplicate keys as warnings with positions and keeps the last value', () => {
    const outcome = load('duplicate-keys.yaml');
    expect(outcome.status).toBe('loaded');
    if (outcome.status !== 'loaded') return;
    expect(outcome.warnings).toEqual([
      { message: 'duplicate key "HttpTokens": only its last value is used', region: { startLine: 10, startColumn: 11, endLine: 10, endColumn: 21 } },
      { message: 'duplicate key "Template": only its last value is used', region: { startLine: 11, startColumn: 3, endLine: 11, endColumn: 11 } },
    ]);
    expect(dig(outcome.doc.root, 'Resources', 'Template', 'Properties', 'LaunchTemplateData', 'MetadataOptions')).toStrictEqual({ HttpTokens: 'optional' });
    // Positions follow the value that won.
    expect(at(outcome.doc, ['Resources', 'Template', 'Properties', 'LaunchTemplateData', 'MetadataOptions', 'HttpTokens'])).toEqual([16, 23, 16, 31]);
  });

  it('stops an alias bomb quickly with a clear error', () => {
    const started = performance.now();
    const outcome = load('alias-bomb.yaml');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ status: 'error', format: 'cloudformation-yaml' });
    if (outcome.status !== 'error') return;
    expect(outcome.message).toMatch(/^YAML error: YAML aliases expand to more than 100000 nodes/);
  });

  it('stops a recursive alias', () => {
    const outcome = loadText('AWSTemplateFormatVersion: "2010-09-09"\nMetadata: &a [*a]\n', 'r.yaml');
    expect(outcome.status).toBe('error');
    if (outcome.status === 'error') expect(outcome.message).toMatch(/alias/);
  });

  it('refuses 10,000-level nesting with a clear error', () => {
    const outcome = load('deep-nesting-10000.yaml');
    expect(outcome).toMatchObject({ status: 'error', message: 'YAML error at line 2, column 1012: nesting is deeper than 1000 levels' });
  });

  it('refuses deep nesting built from aliases', () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', `A: &a0 ${'['.repeat(900)}x${']'.repeat(900)}`];
    for (let i = 1; i < 3; i++) lines.push(`B${i}: &a${i} ${'['.repeat(900)}*a${i - 1}${']'.repeat(900)}`);
    const outcome = loadText(lines.join('\n'), 'deep-alias.yaml');
    expect(outcome).toMatchObject({ status: 'error', message: 'YAML error: nesting through aliases is deeper than 1000 levels' });
  });

  it('reports invalid YAML with its position when the file looks like a template', () => {
    const outcome = load('invalid-syntax.yaml');
    expect(outcome.status).toBe('error');
    if (outcome.status !== 'error') return;
    expect(outcome.format).toBe('cloudformation-yaml');
    expect(outcome.message).toMatch(/^YAML error at line 7, column \d+: /);
    expect(outcome.region?.startLine).toBe(7);
  });

  it('skips YAML that is not ours: multi-document manifests, empty and comment-only files', () => {
    expect(load('kubernetes-manifests.yaml')).toMatchObject({ status: 'skipped', reason: 'a multi-document YAML stream, not a template or policy' });
    expect(load('empty.yaml')).toEqual({ status: 'skipped', reason: 'empty file', bytes: 0 });
    expect(load('comments-only.yaml')).toMatchObject({ status: 'skipped', reason: 'empty file (no YAML document, only comments)' });
    expect(loadText('key: value\nlist: [1, 2]\n', 'settings.yml')).toMatchObject({ status: 'skipped' });
    expect(loadText('{{ .Values.name }}: [\n', 'chart/templates/x.yaml')).toMatchObject({ status: 'skipped' });
  });

  it('reads a template followed by an empty document as the template', () => {
    const outcome = loadText('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n---\n', 'one.yaml');
    expect(outcome).toMatchObject({ status: 'loaded', doc: { format: 'cloudformation-yaml' } });
    if (outcome.status === 'loaded') expect(at(outcome.doc, ['Resources'])).toEqual([2, 12, 2, 14]);
  });

  it('refuses a multi-document template', () => {
    const outcome = loadText('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n---\nfoo: bar\n', 'two.yaml');
    expect(outcome).toMatchObject({ status: 'error', format: 'cloudformation-yaml', message: 'the file holds 2 YAML documents; a template must be a single document' });
  });
});

describe('format detection for YAML', () => {
  it('loads SAM templates as CloudFormation', () => {
    expect(loaded('sam-function.yaml').format).toBe('cloudformation-yaml');
  });

  it('loads a template whose Resources is not a mapping (the adapter reports it)', () => {
    expect(loaded('resources-not-a-mapping.yaml').format).toBe('cloudformation-yaml');
  });

  it('recognises templates by resource types without AWSTemplateFormatVersion', () => {
    const o = loadText('Resources:\n  R:\n    Type: AWS::IAM::Role\n', 'r.template');
    expect(o.status === 'loaded' && o.doc.format).toBe('cloudformation-yaml');
    const custom = loadText('Resources:\n  R:\n    Type: Custom::Thing\n', 'c.yml');
    expect(custom.status === 'loaded' && custom.doc.format).toBe('cloudformation-yaml');
  });

  it('reads a JSON body in a .yaml or .template file as JSON', () => {
    const o = loadText('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}', 't.template');
    expect(o.status === 'loaded' && o.doc.format).toBe('cloudformation-json');
    const flow = loadText('{AWSTemplateFormatVersion: "2010-09-09", Resources: {}}', 'flow.yaml');
    expect(flow.status === 'loaded' && flow.doc.format).toBe('cloudformation-yaml');
  });
});
