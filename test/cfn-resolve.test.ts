import { describe, expect, it } from 'vitest';
import { CfnResolver } from '../src/adapt/cfn-resolve.js';
import { parseSub } from '../src/adapt/cfn-sub.js';
import { readTemplate } from '../src/adapt/cfn-template.js';
import { Node } from '../src/model/node.js';
import type { Json } from '../src/model/source.js';
import type { Value } from '../src/model/value.js';
import { fakeDoc } from './helpers/fake-doc.js';

const TEMPLATE: Json = {
  AWSTemplateFormatVersion: '2010-09-09',
  Parameters: {
    Tokens: { Type: 'String', Default: 'optional', AllowedValues: ['optional', 'required'] },
    NoDefault: { Type: 'String' },
    Subnets: { Type: 'CommaDelimitedList', Default: 'subnet-a, subnet-b' },
    EmptyList: { Type: 'CommaDelimitedList', Default: '' },
    Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
    Env: { Type: 'String', Default: 'prod' },
    Hops: { Type: 'Number', Default: 2 },
  },
  Mappings: {
    EnvMap: {
      prod: { Tokens: 'required', Zones: ['a', 'b'] },
      dev: { Tokens: 'optional' },
    },
  },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
};

/** Resolves a property value written at Resources/Probe/Properties/Value. */
function resolveValue(value: Json, template: Json = TEMPLATE): { values: Value[]; node: Node } {
  const root = structuredClone(template) as { Resources: Record<string, Json> };
  root.Resources.Probe = { Type: 'AWS::EC2::Instance', Properties: { Value: value } };
  const doc = fakeDoc(root as unknown as Json);
  const resolver = new CfnResolver(readTemplate(doc));
  const node = Node.root(doc).at('Resources', 'Probe', 'Properties', 'Value')!;
  return { values: [...resolver.resolve(node)], node };
}

const PROBE = ['Resources', 'Probe', 'Properties', 'Value'];

function only(value: Json): Value {
  const { values } = resolveValue(value);
  expect(values).toHaveLength(1);
  return values[0]!;
}

function summary(v: Value): unknown {
  if (v.state === 'known') return { known: v.value, ...(v.via?.condition ? { when: v.via.condition } : {}) };
  if (v.state === 'unknown') return { unknown: v.reason, partial: v.partial, ...(v.via?.condition ? { when: v.via.condition } : {}) };
  return { absent: true, ...(v.via?.condition ? { when: v.via.condition } : {}) };
}

describe('literals and Ref', () => {
  it('returns a literal as known at its own node', () => {
    const v = only('required');
    expect(v).toMatchObject({ state: 'known', value: 'required' });
    expect(v.node.path).toEqual(PROBE);
    expect(v.via).toBeUndefined();
    expect(only(3600)).toMatchObject({ state: 'known', value: 3600 });
    expect(only(false)).toMatchObject({ state: 'known', value: false });
  });

  it('keeps an object with more than one key (not an intrinsic) as a known literal', () => {
    const v = only({ Ref: 'Role', Other: 1 });
    expect(v.state).toBe('known');
  });

  it('is absent for a node that does not exist', () => {
    const doc = fakeDoc(TEMPLATE);
    const resolver = new CfnResolver(readTemplate(doc));
    const missing = Node.root(doc).child('Resources').child('Role').child('Properties').child('MaxSessionDuration');
    expect(resolver.resolve(missing)).toEqual([{ state: 'absent', node: missing, via: undefined }]);
  });

  it('follows Ref to a parameter default: node is the place of use, source is the default', () => {
    const v = only({ Ref: 'Tokens' });
    expect(v).toMatchObject({ state: 'known', value: 'optional', via: { parameter: 'Tokens' } });
    expect(v.node.path).toEqual(PROBE);
    expect(v.via?.source?.path).toEqual(['Parameters', 'Tokens', 'Default']);
    expect(only({ Ref: 'Hops' })).toMatchObject({ state: 'known', value: 2, via: { parameter: 'Hops' } });
  });

  it('is unknown for a parameter without a default, naming it', () => {
    expect(only({ Ref: 'NoDefault' })).toMatchObject({ state: 'unknown', reason: 'parameter NoDefault has no default' });
  });

  it('splits list parameter defaults and trims the members', () => {
    expect(only({ Ref: 'Subnets' })).toMatchObject({ state: 'known', value: ['subnet-a', 'subnet-b'] });
    expect(only({ Ref: 'EmptyList' })).toMatchObject({ state: 'known', value: [] });
  });

  it('does not take the SSM parameter name of an SSM-typed parameter for its value', () => {
    const v = only({ Ref: 'Ami' });
    expect(v.state).toBe('unknown');
    expect(v.state === 'unknown' && v.reason).toBe('parameter Ami is read from Systems Manager at deploy time');
  });

  it('is unknown for pseudo parameters and resources, with the reason naming them', () => {
    expect(only({ Ref: 'AWS::Region' })).toMatchObject({ state: 'unknown', reason: 'AWS::Region is known only at deploy time' });
    expect(only({ Ref: 'AWS::AccountId' })).toMatchObject({ state: 'unknown', reason: 'AWS::AccountId is known only at deploy time' });
    expect(only({ Ref: 'Role' })).toMatchObject({ state: 'unknown', reason: 'resource Role (AWS::IAM::Role) is known only after deployment' });
    expect(only({ Ref: 'Nowhere' })).toMatchObject({ state: 'unknown', reason: 'Nowhere is not a parameter or resource of the template' });
    expect(only({ Ref: ['Role'] })).toMatchObject({ state: 'unknown' });
  });

  it('is absent for Ref AWS::NoValue, at the Ref node', () => {
    const v = only({ Ref: 'AWS::NoValue' });
    expect(v.state).toBe('absent');
    expect(v.node.path).toEqual(PROBE);
  });
});

describe('Fn::If', () => {
  it('returns both branches, each with its condition and its own node', () => {
    const { values } = resolveValue({ 'Fn::If': ['IsProd', 'required', { Ref: 'Tokens' }] });
    expect(values.map(summary)).toEqual([
      { known: 'required', when: { name: 'IsProd', branch: true } },
      { known: 'optional', when: { name: 'IsProd', branch: false } },
    ]);
    expect(values[0]!.node.path).toEqual([...PROBE, 'Fn::If', 1]);
    expect(values[1]!.node.path).toEqual([...PROBE, 'Fn::If', 2]);
    expect(values[1]!.via).toMatchObject({ parameter: 'Tokens', condition: { name: 'IsProd', branch: false } });
    expect(values[1]!.via?.source?.path).toEqual(['Parameters', 'Tokens', 'Default']);
  });

  it('flattens nested Ifs, the innermost condition naming each value', () => {
    const { values } = resolveValue({ 'Fn::If': ['IsProd', { 'Fn::If': ['UseV2', 'required', 'optional'] }, { Ref: 'AWS::NoValue' }] });
    expect(values.map(summary)).toEqual([
      { known: 'required', when: { name: 'UseV2', branch: true } },
      { known: 'optional', when: { name: 'UseV2', branch: false } },
      { absent: true, when: { name: 'IsProd', branch: false } },
    ]);
  });

  it('keeps an object branch as a known object at the branch node', () => {
    const { values } = resolveValue({ 'Fn::If': ['IsProd', { HttpTokens: 'required' }, { Ref: 'AWS::NoValue' }] });
    expect(values[0]).toMatchObject({ state: 'known', value: { HttpTokens: 'required' } });
    expect(values[0]!.node.isObject).toBe(true);
    expect(values[1]!.state).toBe('absent');
  });

  it('is unknown when malformed', () => {
    expect(only({ 'Fn::If': ['IsProd', 'a'] })).toMatchObject({ state: 'unknown' });
    expect(only({ 'Fn::If': [{ Ref: 'Env' }, 'a', 'b'] })).toMatchObject({ state: 'unknown' });
  });
});

describe('Fn::Sub', () => {
  it('substitutes parameter defaults and keeps the first parameter in via', () => {
    const v = only({ 'Fn::Sub': 'tokens-${Tokens}-${Env}' });
    expect(v).toMatchObject({ state: 'known', value: 'tokens-optional-prod', via: { parameter: 'Tokens' } });
    expect(v.via?.source).toBeUndefined();
  });

  it('is unknown with a partial value when a pseudo parameter stays', () => {
    const v = only({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' });
    expect(v).toMatchObject({
      state: 'unknown',
      reason: 'AWS::Partition is known only at deploy time',
      partial: 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess',
    });
    expect(v.node.path).toEqual(PROBE);
  });

  it('substitutes what it knows and keeps the rest as placeholders', () => {
    const v = only({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Env}-${Bucket}/${Bucket.Arn}/*' });
    expect(v).toMatchObject({ state: 'unknown', partial: 'arn:${AWS::Partition}:s3:::prod-${Bucket}/${Bucket.Arn}/*' });
  });

  it('names the attribute of a resource in the reason', () => {
    expect(only({ 'Fn::Sub': '${Role.Arn}' })).toMatchObject({
      state: 'unknown',
      reason: 'attribute Arn of resource Role (AWS::IAM::Role) is known only after deployment',
      partial: '${Role.Arn}',
    });
  });

  it('writes ${!Literal} as the literal ${Literal}', () => {
    expect(only({ 'Fn::Sub': 'echo ${!HOME} ${Env}' })).toMatchObject({ state: 'known', value: 'echo ${HOME} prod' });
  });

  it('uses the variables of the list form, local names first', () => {
    expect(only({ 'Fn::Sub': ['${Env}-${Name}', { Name: 'web', Env: 'local' }] })).toMatchObject({ state: 'known', value: 'local-web' });
    expect(only({ 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: { Ref: 'Bucket' } }] })).toMatchObject({
      state: 'unknown',
      partial: 'arn:aws:s3:::${Bucket}/*',
    });
    expect(only({ 'Fn::Sub': ['${X}', { X: { 'Fn::Sub': '${AWS::StackName}-x' } }] })).toMatchObject({
      state: 'unknown',
      partial: '${AWS::StackName}-x',
    });
  });

  it('multiplies Fn::If branches in variables', () => {
    const { values } = resolveValue({ 'Fn::Sub': ['ec2:${Verb}', { Verb: { 'Fn::If': ['IsProd', 'Describe*', '*'] } }] });
    expect(values.map(summary)).toEqual([
      { known: 'ec2:Describe*', when: { name: 'IsProd', branch: true } },
      { known: 'ec2:*', when: { name: 'IsProd', branch: false } },
    ]);
  });

  it('is unknown for a list parameter, a parameter without default and a malformed Sub', () => {
    expect(only({ 'Fn::Sub': '${Subnets}' })).toMatchObject({ state: 'unknown', partial: '${Subnets}' });
    expect(only({ 'Fn::Sub': 'x-${NoDefault}' })).toMatchObject({ state: 'unknown', reason: 'parameter NoDefault has no default', partial: 'x-${NoDefault}' });
    expect(only({ 'Fn::Sub': [{ Ref: 'Env' }] })).toMatchObject({ state: 'unknown' });
    expect(only({ 'Fn::Sub': ['x', 'not-a-map'] })).toMatchObject({ state: 'unknown' });
  });

  it('keeps text with an unclosed placeholder as it is', () => {
    expect(only({ 'Fn::Sub': 'a ${b' })).toMatchObject({ state: 'known', value: 'a ${b' });
  });
});

describe('Fn::Join', () => {
  it('joins known parts, including parameter defaults', () => {
    expect(only({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] })).toMatchObject({ state: 'known', value: 'a-prod-3' });
    expect(only({ 'Fn::Join': [',', { Ref: 'Subnets' }] })).toMatchObject({ state: 'known', value: 'subnet-a,subnet-b' });
  });

  it('gives a partial value naming the unknown parts', () => {
    const v = only({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/', { 'Fn::GetAtt': ['Role', 'Arn'] }, '/', { 'Fn::ImportValue': 'x' }]],
    });
    expect(v).toMatchObject({
      state: 'unknown',
      reason: 'AWS::Partition is known only at deploy time',
      partial: 'arn:${AWS::Partition}:iam::aws:policy/${Role.Arn}/${Fn::ImportValue}',
    });
  });

  it('uses the partial value of a nested Sub', () => {
    expect(only({ 'Fn::Join': ['/', [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' }, '*']] })).toMatchObject({
      partial: 'arn:${AWS::Partition}:s3:::b/*',
    });
  });

  it('drops AWS::NoValue items and multiplies Fn::If items', () => {
    const { values } = resolveValue({ 'Fn::Join': [',', ['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }, 'c']] });
    expect(values.map(summary)).toEqual([
      { known: 'a,b,c', when: { name: 'IsProd', branch: true } },
      { known: 'a,c', when: { name: 'IsProd', branch: false } },
    ]);
  });

  it('is unknown when the separator or list cannot be known', () => {
    expect(only({ 'Fn::Join': [{ Ref: 'NoDefault' }, ['a']] })).toMatchObject({ state: 'unknown' });
    expect(only({ 'Fn::Join': [',', { 'Fn::GetAZs': '' }] })).toMatchObject({ state: 'unknown' });
    expect(only({ 'Fn::Join': [','] })).toMatchObject({ state: 'unknown' });
  });

  it('stops at too many combinations', () => {
    const branch = { 'Fn::If': ['IsProd', 'a', 'b'] };
    const v = only({ 'Fn::Join': ['', Array.from({ length: 8 }, () => branch)] });
    expect(v).toMatchObject({ state: 'unknown', reason: 'the value has more than 64 combinations of Fn::If branches' });
  });
});

describe('Fn::Base64, Fn::Select, Fn::Split, Fn::FindInMap', () => {
  it('treats Fn::Base64 as the value of its argument', () => {
    expect(only({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}' } })).toMatchObject({ state: 'known', value: '#!/bin/bash\necho prod' });
    const v = only({ 'Fn::Base64': 'plain' });
    expect(v.node.path).toEqual([...PROBE, 'Fn::Base64']);
  });

  it('selects from a literal list at the item node, and from a list parameter', () => {
    const v = only({ 'Fn::Select': [1, ['a', { Ref: 'Env' }]] });
    expect(v).toMatchObject({ state: 'known', value: 'prod', via: { parameter: 'Env' } });
    expect(v.node.path).toEqual([...PROBE, 'Fn::Select', 1, 1]);
    expect(only({ 'Fn::Select': ['0', { Ref: 'Subnets' }] })).toMatchObject({ state: 'known', value: 'subnet-a' });
  });

  it('is unknown for an index out of range, an unknown index or an unknown list', () => {
    expect(only({ 'Fn::Select': [5, ['a']] })).toMatchObject({ state: 'unknown', reason: 'Fn::Select index 5 is out of range' });
    expect(only({ 'Fn::Select': [{ Ref: 'NoDefault' }, ['a']] })).toMatchObject({ state: 'unknown' });
    expect(only({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] })).toMatchObject({
      state: 'unknown',
      reason: "Fn::GetAZs lists the region's availability zones at deploy time",
    });
  });

  it('splits a known string', () => {
    expect(only({ 'Fn::Split': [',', 'a,b'] })).toMatchObject({ state: 'known', value: ['a', 'b'] });
    expect(only({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'x/y/z'] }] })).toMatchObject({ state: 'known', value: 'y' });
    expect(only({ 'Fn::Split': [',', { Ref: 'AWS::StackName' }] })).toMatchObject({ state: 'unknown' });
  });

  it('finds known keys in Mappings, the entry as source', () => {
    const v = only({ 'Fn::FindInMap': ['EnvMap', { Ref: 'Env' }, 'Tokens'] });
    expect(v).toMatchObject({ state: 'known', value: 'required', via: { parameter: 'Env' } });
    expect(v.node.path).toEqual(PROBE);
    expect(v.via?.source?.path).toEqual(['Mappings', 'EnvMap', 'prod', 'Tokens']);
    expect(only({ 'Fn::FindInMap': ['EnvMap', 'prod', 'Zones'] })).toMatchObject({ state: 'known', value: ['a', 'b'] });
  });

  it('is unknown for deploy-time keys and missing entries, unless a DefaultValue is given', () => {
    expect(only({ 'Fn::FindInMap': ['EnvMap', { Ref: 'AWS::Region' }, 'Tokens'] })).toMatchObject({
      state: 'unknown',
      reason: 'a Fn::FindInMap key is unknown: AWS::Region is known only at deploy time',
    });
    expect(only({ 'Fn::FindInMap': ['EnvMap', 'test', 'Tokens'] })).toMatchObject({ state: 'unknown', reason: 'Mappings has no entry EnvMap/test/Tokens' });
    expect(only({ 'Fn::FindInMap': ['EnvMap', 'test', 'Tokens', { DefaultValue: 'required' }] })).toMatchObject({ state: 'known', value: 'required' });
  });
});

describe('deploy-time functions', () => {
  it('is unknown with a reason for each', () => {
    expect(only({ 'Fn::GetAtt': ['Role', 'Arn'] })).toMatchObject({
      state: 'unknown',
      reason: 'attribute Arn of resource Role (AWS::IAM::Role) is known only after deployment',
    });
    expect(only({ 'Fn::GetAtt': 'Bucket.DomainName' })).toMatchObject({ reason: 'attribute DomainName of resource Bucket (AWS::S3::Bucket) is known only after deployment' });
    expect(only({ 'Fn::ImportValue': 'shared-role' })).toMatchObject({ reason: 'Fn::ImportValue reads an export of another stack at deploy time' });
    expect(only({ 'Fn::Cidr': ['10.0.0.0/16', 4, 8] })).toMatchObject({ reason: 'Fn::Cidr is computed at deploy time' });
    expect(only({ 'Fn::Transform': { Name: 'AWS::Include' } })).toMatchObject({ reason: 'Fn::Transform runs a macro at deploy time' });
    expect(only({ 'Fn::Equals': ['a', 'b'] })).toMatchObject({ reason: 'Fn::Equals is a condition, evaluated at deploy time' });
    expect(only({ 'Fn::Length': [1, 2] })).toMatchObject({ reason: 'Fn::Length is not evaluated' });
  });

  it('does not recurse without bound', () => {
    let deep: Json = 'x';
    for (let i = 0; i < 200; i++) deep = { 'Fn::Base64': deep };
    expect(only(deep)).toMatchObject({ state: 'unknown', reason: 'the intrinsic functions are nested too deeply to evaluate' });
  });
});

describe('parseSub', () => {
  it('splits text, placeholders and escapes', () => {
    expect(parseSub('a${B}c${!D}${ E.F }')).toEqual([
      { kind: 'text', text: 'a', raw: 'a' },
      { kind: 'var', name: 'B', raw: '${B}' },
      { kind: 'text', text: 'c${D}', raw: 'c${!D}' },
      { kind: 'var', name: 'E.F', raw: '${ E.F }' },
    ]);
    expect(parseSub('')).toEqual([]);
  });
});
