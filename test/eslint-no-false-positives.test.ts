import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';
import plugin from '../eslint-plugin.js';

/** Every iamlint rule at `error`, over code that does things right or that the source cannot judge. */
function findings(code: string, file = 'infra/stack.ts'): string[] {
  const parser = file.endsWith('.ts') ? tsParser : espree;
  const config: Linter.Config[] = [{ files: ['**/*.{ts,js}'], languageOptions: { parser }, ...plugin.configs.strict }];
  return new Linter({ configType: 'flat' }).verify(code, config, file).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}

describe('no findings on well-built infrastructure code', () => {
  it('a CDK stack with a scoped role, an IMDSv2 instance and a launch template', () => {
    const code = `
import { Duration, Stack, aws_ec2 as ec2, aws_iam as iam, aws_s3 as s3, aws_lambda as lambda } from 'aws-cdk-lib';
import policyJson from './policy.json';

export class Web extends Stack {
  constructor(scope: any, id: string, props: { vpc: ec2.IVpc; partnerAccount: string }) {
    super(scope, id);
    const bucket = new s3.Bucket(this, 'Assets');
    const role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), new iam.ServicePrincipal('ssm.amazonaws.com')),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
      inlinePolicies: { Imported: iam.PolicyDocument.fromJson(policyJson) },
    });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeTags', 'ec2:DescribeInstances'], resources: ['*'] }));
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    bucket.grantRead(role);
    new ec2.Instance(this, 'Web', { vpc: props.vpc, role, requireImdsv2: true, instanceType: new ec2.InstanceType('t3.micro'), machineImage: ec2.MachineImage.latestAmazonLinux2023() });
    new ec2.LaunchTemplate(this, 'Batch', { role, requireImdsv2: true });
    new iam.Role(this, 'Partner', { assumedBy: new iam.AccountPrincipal(props.partnerAccount), externalIds: ['7f1d'] });
    new iam.Role(this, 'SameAccount', { assumedBy: new iam.AccountRootPrincipal(), maxSessionDuration: Duration.hours(1) });
    new lambda.Function(this, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('fn'),
      initialPolicy: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queueArn] })],
    });
  }
}`;
    expect(findings(code)).toEqual([]);
  });

  it('Pulumi with an EC2 trust policy, a profile, scoped policies and IMDSv2', () => {
    const code = `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const bucket = new aws.s3.BucketV2('assets');
const role = new aws.iam.Role('web', { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'ec2.amazonaws.com' }) });
const doc = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ['s3:GetObject'], resources: [pulumi.interpolate\`\${bucket.arn}/*\`] }] });
new aws.iam.RolePolicy('web-s3', { role: role.id, policy: doc.json });
new aws.iam.RolePolicyAttachment('ssm', { role: role.name, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore });
const profile = new aws.iam.InstanceProfile('web', { role: role.name });
new aws.ec2.Instance('web', { ami: ami.id, instanceType: 't3.micro', iamInstanceProfile: profile.name, metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 } });`;
    expect(findings(code)).toEqual([]);
  });

  it('SDK code that takes credentials from the environment and policies from files', () => {
    const code = `
import { readFileSync } from 'node:fs';
import { IAMClient, PutRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { fromEnv } from '@aws-sdk/credential-providers';
const iam = new IAMClient({ credentials: fromEnv() });
const ec2 = new EC2Client({ region: process.env.AWS_REGION });
export async function run(roleName, document, launchTemplateId) {
  await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: readFileSync('trust.json', 'utf8') }));
  await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'app', PolicyDocument: JSON.stringify(document) }));
  await ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateId: launchTemplateId } }));
}`;
    expect(findings(code, 'scripts/deploy.js')).toEqual([]);
  });

  it('code that only looks like IAM: schemas, forms, other classes named Instance or Role', () => {
    const code = `
import { Role, Instance } from './model';
export const schema = { properties: { Version: { type: 'string' }, Statement: { type: 'array', items: { properties: { Effect: { enum: ['Allow', 'Deny'] }, Action: { type: 'string' } } } } } };
export const form = { Effect: effectField, Action: actionField };
new Role('admin', { maxSessionDuration: 43200, assumeRolePolicy: '*' });
new Instance('web', { metadataOptions: { httpTokens: 'optional' } });
const sha = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const docs = 'Use AKIAIOSFODNN7EXAMPLE as the access key id in examples.';`;
    expect(findings(code)).toEqual([]);
  });
});
