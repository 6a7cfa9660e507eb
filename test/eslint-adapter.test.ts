import { describe, expect, it } from 'vitest';
import type { Model, Node, Value } from '../src/rule-api.js';
import type { Region } from '../src/model/source.js';
import { modelOf } from './eslint-source.js';

/** The source text a region covers (1-based lines and columns, exclusive end). */
function textAt(code: string, r: Region): string {
  const lines = code.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine - 1]!.slice(r.startColumn - 1, r.endColumn - 1);
  const parts = [lines[r.startLine - 1]!.slice(r.startColumn - 1), ...lines.slice(r.startLine, r.endLine - 1), lines[r.endLine - 1]!.slice(0, r.endColumn - 1)];
  return parts.join('\n');
}
const at = (n: Node) => n.doc.locate(n.path);
const src = (code: string, v: Value | Node) => textAt(code, at('node' in v ? v.node : v));
const only = <T>(xs: readonly T[]): T => {
  expect(xs).toHaveLength(1);
  return xs[0]!;
};

describe('imports are followed by name', () => {
  const forms: [string, string][] = [
    ['namespace import', `import * as ec2 from 'aws-cdk-lib/aws-ec2';\nnew ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['aws_ec2 alias', `import { aws_ec2 as ec2 } from 'aws-cdk-lib';\nnew ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['root namespace', `import * as cdk from 'aws-cdk-lib';\nnew cdk.aws_ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['named import with alias', `import { CfnInstance as Box } from 'aws-cdk-lib/aws-ec2';\nnew Box(this, 'Web', { imageId: 'ami-1' });`],
    ['require', `const ec2 = require('aws-cdk-lib/aws-ec2');\nnew ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['destructured require', `const { aws_ec2: ec2 } = require('aws-cdk-lib');\nnew ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['alias of a member', `import * as cdk from 'aws-cdk-lib';\nconst { CfnInstance } = cdk.aws_ec2;\nnew CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
    ['CDK v1 package', `import * as ec2 from '@aws-cdk/aws-ec2';\nnew ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`],
  ];
  for (const [name, code] of forms) {
    it(`recognises ${name}`, () => {
      const l = only(modelOf(code).launchers);
      expect(l.kind).toBe('instance');
      expect(l.resource.id).toBe('Web');
      expect(l.resource.type).toBe('AWS::EC2::Instance');
    });
  }

  it('ignores a class of the same name from elsewhere, and a shadowed import', () => {
    expect(modelOf(`import { Instance } from './my-instance';\nnew Instance(this, 'Web', { httpTokens: 'optional' });`).launchers).toEqual([]);
    expect(modelOf(`class Instance {}\nnew Instance(this, 'Web', {});`).launchers).toEqual([]);
    const shadowed = `import * as ec2 from 'aws-cdk-lib/aws-ec2';\nfunction f(ec2) { return new ec2.Instance(this, 'Web', {}); }`;
    expect(modelOf(shadowed).launchers).toEqual([]);
    expect(modelOf(`import type { CfnInstance } from 'aws-cdk-lib/aws-ec2';\nnew CfnInstance(this, 'Web', {});`).launchers).toEqual([]);
  });

  it('works on plain JavaScript parsed by espree', () => {
    const code = `const { Instance, HttpTokens } = require('aws-cdk-lib/aws-ec2');\nnew Instance(this, 'Web', { vpc, httpTokens: HttpTokens.OPTIONAL });\n`;
    const l = only(modelOf(code, 'stack.js').launchers);
    const tokens = only(l.metadata.httpTokens);
    expect(tokens).toMatchObject({ state: 'known', value: 'optional' });
    expect(at(tokens.node)).toEqual({ startLine: 2, startColumn: 46, endLine: 2, endColumn: 65 });
  });
});

describe('CDK launchers', () => {
  it('reads requireImdsv2, httpTokens, httpEndpoint and the hop limit with exact regions', () => {
    const code = [
      `import * as ec2 from 'aws-cdk-lib/aws-ec2';`,
      `new ec2.Instance(this, 'A', { vpc, requireImdsv2: true });`,
      `new ec2.Instance(this, 'B', { vpc, httpTokens: ec2.HttpTokens.OPTIONAL, httpEndpoint: false, httpPutResponseHopLimit: 3 });`,
      `new ec2.LaunchTemplate(this, 'C', { httpTokens: ec2.LaunchTemplateHttpTokens.REQUIRED });`,
      `new ec2.Instance(this, 'D', { vpc, requireImdsv2: false });`,
    ].join('\n');
    const [a, b, c, d] = modelOf(code).launchers;
    expect(a!.metadata.httpTokens[0]).toMatchObject({ state: 'known', value: 'required' });
    expect(src(code, a!.metadata.httpTokens[0]!)).toBe('true');
    expect(b!.metadata.httpTokens[0]).toMatchObject({ state: 'known', value: 'optional' });
    expect(src(code, b!.metadata.httpTokens[0]!)).toBe('ec2.HttpTokens.OPTIONAL');
    expect(b!.metadata.httpEndpoint[0]).toMatchObject({ state: 'known', value: 'disabled' });
    expect(b!.metadata.hopLimit[0]).toMatchObject({ state: 'known', value: 3 });
    expect(at(b!.metadata.hopLimit[0]!.node)).toEqual({ startLine: 3, startColumn: 119, endLine: 3, endColumn: 120 });
    expect(c!.kind).toBe('launch-template');
    expect(c!.metadata.httpTokens[0]).toMatchObject({ state: 'known', value: 'required' });
    expect(d!.metadata.httpTokens[0]!.state).toBe('absent');
    expect(src(code, d!.metadata.httpTokens[0]!)).toBe('false');
  });

  it('gives ec2.Instance the role and profile CDK creates, and a launch template none', () => {
    const code = `import * as ec2 from 'aws-cdk-lib/aws-ec2';\nnew ec2.Instance(this, 'Web', { vpc });\nnew ec2.LaunchTemplate(this, 'Tpl', {});`;
    const m = modelOf(code);
    const [web, tpl] = m.launchers;
    expect(web!.instanceProfile[0]!.state).toBe('unknown');
    const link = only(web!.instanceProfileLinks);
    expect(link.target?.resource.id).toBe('Web/InstanceProfile');
    const role = only(link.target!.roles).target!;
    expect(role.resource.id).toBe('Web/InstanceRole');
    expect(role.trustPolicy?.statements[0]?.principal?.entries[0]).toMatchObject({ type: 'Service' });
    expect(tpl!.instanceProfile[0]!.state).toBe('absent');
    expect(src(code, tpl!.instanceProfile[0]!)).toBe('{}');
  });

  it('links the role passed in and CfnInstance profiles, and keeps a role given as profile as a link to the role', () => {
    const code = [
      `import * as ec2 from 'aws-cdk-lib/aws-ec2';`,
      `import * as iam from 'aws-cdk-lib/aws-iam';`,
      `const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });`,
      `const profile = new iam.CfnInstanceProfile(this, 'Profile', { roles: [role.roleName] });`,
      `new ec2.Instance(this, 'Web', { vpc, role });`,
      `new ec2.CfnInstance(this, 'Good', { imageId: 'ami-1', iamInstanceProfile: profile.ref });`,
      `new ec2.CfnInstance(this, 'Bad', { imageId: 'ami-1', iamInstanceProfile: role.roleName });`,
    ].join('\n');
    const m = modelOf(code);
    const [web, good, bad] = m.launchers;
    expect(only(only(web!.instanceProfileLinks).target!.roles).target?.resource.id).toBe('AppRole');
    const goodLink = only(good!.instanceProfileLinks);
    expect(goodLink).toMatchObject({ targetId: 'Profile', attribute: 'ref' });
    expect(only(goodLink.target!.roles).target?.resource.id).toBe('AppRole');
    const badLink = only(bad!.instanceProfileLinks);
    expect(badLink).toMatchObject({ targetId: 'AppRole', attribute: 'roleName', target: undefined });
    expect(badLink.targetResource?.type).toBe('AWS::IAM::Role');
    expect(src(code, badLink.node)).toBe('role.roleName');
  });

  it('turns Duration into seconds and reads managed policies and inline documents', () => {
    const code = [
      `import { Duration, aws_iam as iam } from 'aws-cdk-lib';`,
      `new iam.Role(this, 'R', {`,
      `  assumedBy: new iam.AccountPrincipal('123456789012'),`,
      `  maxSessionDuration: Duration.hours(12),`,
      `  managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],`,
      `  inlinePolicies: { S3: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] }) },`,
      `});`,
      `new iam.Role(this, 'S', { assumedBy: new iam.AnyPrincipal(), maxSessionDuration: Duration.minutes(90) });`,
    ].join('\n');
    const [r, s] = modelOf(code).roles;
    expect(r!.maxSessionDuration[0]).toMatchObject({ state: 'known', value: 43200 });
    expect(src(code, r!.maxSessionDuration[0]!)).toBe('Duration.hours(12)');
    expect(s!.maxSessionDuration[0]).toMatchObject({ state: 'known', value: 5400 });
    const arn = only(r!.managedPolicyArns);
    expect(arn).toMatchObject({ state: 'known', value: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    expect(src(code, arn)).toBe(`iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')`);
    const inline = only(r!.inlinePolicies);
    expect(inline.label).toBe('inline policy S3 of role R');
    expect(inline.kind).toBe('identity');
    expect(inline.version[0]).toMatchObject({ state: 'known', value: '2012-10-17' });
    const trust = r!.trustPolicy!;
    expect(trust.kind).toBe('trust');
    expect(trust.statements[0]!.principal!.entries[0]!.values[0]).toMatchObject({ value: 'arn:aws:iam::123456789012:root' });
    expect(src(code, trust.statements[0]!.principal!.entries[0]!.values[0]!)).toBe(`'123456789012'`);
    expect(s!.trustPolicy!.statements[0]!.principal!.entries[0]).toMatchObject({ type: 'AWS' });
  });

  it('reads PolicyStatement props, effect, principals, conditions and later add…() calls', () => {
    const code = [
      `import * as iam from 'aws-cdk-lib/aws-iam';`,
      `const stmt = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject'], principals: [new iam.OrganizationPrincipal('o-abc123')] });`,
      `stmt.addActions('s3:PutObject');`,
      `stmt.addAllResources();`,
      `bucket.addToResourcePolicy(stmt);`,
    ].join('\n');
    const doc = only(modelOf(code).policies);
    expect(doc.kind).toBe('resource');
    const s = only(doc.statements);
    expect(s.effect[0]).toMatchObject({ state: 'known', value: 'Deny' });
    expect(s.action!.values.map((v) => (v.state === 'known' ? v.value : v.state))).toEqual(['s3:DeleteObject', 's3:PutObject']);
    expect(src(code, s.action!.values[1]!)).toBe(`'s3:PutObject'`);
    expect(s.resource!.values[0]).toMatchObject({ state: 'known', value: '*' });
    expect(src(code, s.resource!.values[0]!)).toBe('stmt.addAllResources()');
    expect(s.principal!.entries[0]!.values[0]).toMatchObject({ value: '*' });
    expect(only(s.conditions)).toMatchObject({ operator: 'StringEquals', key: 'aws:PrincipalOrgID' });
  });
});

describe('policies in other frameworks', () => {
  it('reads JSON strings with escapes, locating every value inside the literal', () => {
    const code = [
      `import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';`,
      `new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'p', PolicyDocument: "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}" });`,
    ].join('\n');
    const doc = only(modelOf(code).policies);
    expect(doc.label).toBe('inline policy p of role app');
    const action = only(only(doc.statements).action!.values);
    expect(action).toMatchObject({ state: 'known', value: '*' });
    expect(src(code, action)).toBe('\\"*\\"');
    expect(at(action.node)).toEqual({ startLine: 2, startColumn: 161, endLine: 2, endColumn: 166 });
  });

  it('links SDK inline policies to the role created by name, through JSON.stringify of a constant', () => {
    const code = [
      `import { CreateRoleCommand, PutRolePolicyCommand, AttachRolePolicyCommand } from '@aws-sdk/client-iam';`,
      `const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };`,
      `const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] };`,
      `await client.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: 7200 }));`,
      `await client.send(new PutRolePolicyCommand({ RoleName: 'worker', PolicyName: 'pass', PolicyDocument: JSON.stringify(policy) }));`,
      `await client.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }));`,
    ].join('\n');
    const m = modelOf(code);
    const role = only(m.roles);
    expect(role.resource.id).toBe('worker');
    expect(role.maxSessionDuration[0]).toMatchObject({ value: 7200 });
    expect(role.trustPolicy?.statements[0]?.principal?.entries[0]?.values[0]).toMatchObject({ value: 'ec2.amazonaws.com' });
    const inline = only(role.inlinePolicies);
    expect(src(code, inline.statements[0]!.action!.values[0]!)).toBe(`'iam:PassRole'`);
    expect(only(role.managedPolicyArns)).toMatchObject({ value: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    // Both object literals were used by calls, so neither is also a stand-alone policy.
    expect(m.policies).toHaveLength(2);
  });

  it('reads Pulumi getPolicyDocument through .then(d => d.json) as the role trust policy', () => {
    const code = [
      `import * as aws from '@pulumi/aws';`,
      `const assume = aws.iam.getPolicyDocument({ statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }] });`,
      `new aws.iam.Role('app', { assumeRolePolicy: assume.then((d) => d.json), maxSessionDuration: 3600, managedPolicyArns: [aws.iam.ManagedPolicy.AdministratorAccess] });`,
    ].join('\n');
    const m = modelOf(code);
    const role = only(m.roles);
    expect(role.resource.type).toBe('aws_iam_role');
    const s = only(role.trustPolicy!.statements);
    expect(s.effect[0]).toMatchObject({ value: 'Allow' });
    expect(s.principal!.entries[0]).toMatchObject({ type: 'Service' });
    expect(src(code, s.principal!.entries[0]!.values[0]!)).toBe(`'ec2.amazonaws.com'`);
    expect(only(role.managedPolicyArns)).toMatchObject({ value: 'arn:aws:iam::aws:policy/AdministratorAccess' });
    expect(m.policies).toHaveLength(1);
  });

  it('reads CDKTF DataAwsIamPolicyDocument through doc.json', () => {
    const code = [
      `import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';`,
      `import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';`,
      `const doc = new DataAwsIamPolicyDocument(this, 'doc', { statement: [{ effect: 'Allow', actions: ['ec2:*'], resources: ['*'], condition: [{ test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['eu-west-1'] }] }] });`,
      `new IamRolePolicy(this, 'p', { role: 'app', policy: doc.json });`,
    ].join('\n');
    const doc = only(modelOf(code).policies);
    expect(doc.label).toBe('role policy p');
    const s = only(doc.statements);
    expect(src(code, s.action!.values[0]!)).toBe(`'ec2:*'`);
    expect(only(s.conditions)).toMatchObject({ operator: 'StringEquals', key: 'aws:RequestedRegion' });
  });

  it('picks up policies no call uses, guessing only trust or resource from their statements', () => {
    const code = [
      `const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] };`,
      `export const statement = { Effect: 'Allow', Action: 's3:*', Resource: '*' };`,
      `const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';`,
    ].join('\n');
    const [a, b, c] = modelOf(code, 'policies.js').policies;
    expect(a).toMatchObject({ kind: 'trust', label: 'policy trust' });
    expect(b).toMatchObject({ kind: 'unknown', label: 'policy statement' });
    expect(c).toMatchObject({ kind: 'unknown', label: 'policy text' });
    expect(at(c!.statements[0]!.action!.values[0]!.node)).toEqual({ startLine: 3, startColumn: 79, endLine: 3, endColumn: 82 });
    expect(src(code, c!.statements[0]!.action!.values[0]!)).toBe('"*"');
  });
});

describe('values the source does not prove', () => {
  it('keeps variables, calls and spreads unknown, and a mutated constant too', () => {
    const code = [
      `import * as aws from '@pulumi/aws';`,
      `new aws.ec2.Instance('a', { metadataOptions: { httpTokens: tokens } });`,
      `new aws.ec2.Instance('b', { ...defaults, ami: 'ami-1' });`,
      `const opts = { httpTokens: 'optional' };`,
      `opts.httpTokens = 'required';`,
      `new aws.ec2.Instance('c', { metadataOptions: opts });`,
      `const fixed = { httpTokens: 'optional' };`,
      `new aws.ec2.Instance('d', { metadataOptions: fixed });`,
    ].join('\n');
    const [a, b, c, d] = modelOf(code).launchers;
    expect(a!.metadata.httpTokens[0]).toMatchObject({ state: 'unknown', reason: 'not a literal in source' });
    expect(b!.metadata.httpTokens[0]!.state).toBe('unknown');
    expect(b!.instanceProfile[0]!.state).toBe('unknown');
    expect(c!.metadata.httpTokens[0]!.state).toBe('unknown');
    expect(d!.metadata.httpTokens[0]).toMatchObject({ state: 'known', value: 'optional' });
    expect(src(code, d!.metadata.httpTokens[0]!)).toBe(`'optional'`);
  });

  it('keeps the known text of templates as a partial value', () => {
    const code = [
      `import * as iam from 'aws-cdk-lib/aws-iam';`,
      'const stmt = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::${bucket}/*`] });',
      'role.addToPolicy(stmt);',
    ].join('\n');
    const r = only(only(modelOf(code).policies).statements).resource!.values[0]!;
    expect(r).toMatchObject({ state: 'unknown', partial: 'arn:aws:s3:::${bucket}/*' });
  });
});

describe('strings for secret scanning', () => {
  const strings = (m: Model) => [...m.strings()].map((s) => ({ path: s.node.path.slice(2).join('.'), value: s.value }));

  it('yields every string once, with the names it is assigned to', () => {
    const code = [
      `const client = new S3Client({ credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'SECRET' } });`,
      `const secretAccessKey = 'S2';`,
      'const env = `AWS_SECRET_ACCESS_KEY=${value}`;',
      `AWS.config.update({ accessKeyId: 'AKIA2' });`,
      `new AWS.Credentials('AKIA3', 'S3');`,
    ].join('\n');
    expect(strings(modelOf(code))).toEqual([
      { path: '0.credentials.accessKeyId', value: 'AKIA1' },
      { path: '0.credentials.secretAccessKey', value: 'SECRET' },
      { path: 'secretAccessKey', value: 'S2' },
      { path: 'env', value: 'AWS_SECRET_ACCESS_KEY=${value}' },
      { path: '0.accessKeyId', value: 'AKIA2' },
      { path: '0', value: 'AKIA3' },
      { path: '1', value: 'S3' },
    ]);
  });

  it('names literals for messages by where they are written', () => {
    const code = `const creds = { secretAccessKey: 'x' };\nnew S3Client({ credentials: { accessKeyId: 'y' } });\nlog('z');`;
    const m = modelOf(code);
    const ids = [...m.strings()].map((s) => m.resourceAt(s.node)?.id);
    expect(ids).toEqual(['creds.secretAccessKey', 'credentials.accessKeyId in new S3Client(…)', 'argument 1 of log(…)']);
  });
});
