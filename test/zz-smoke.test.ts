import { it } from 'vitest';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../eslint-plugin.js';
const run = (code: string) => {
  const linter = new Linter({ configType: 'flat' });
  const msgs = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...plugin.configs.strict }], 'app.ts');
  for (const m of msgs) console.log(`${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} [${m.messageId}] ${m.message}`);
  console.log('----');
};
it('pulumi', () => run(`
import * as aws from '@pulumi/aws';
const assume = aws.iam.getPolicyDocument({ statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] });
const role = new aws.iam.Role('app', { assumeRolePolicy: assume.then((d) => d.json), maxSessionDuration: 50000 });
new aws.iam.RolePolicy('p', { role: role.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjects', 'ec2:*'], Resource: '*' }] }) });
new aws.iam.RolePolicyAttachment('admin', { role: role.name, policyArn: aws.iam.ManagedPolicy.AdministratorAccess });
const profile = new aws.iam.InstanceProfile('prof', { role: role.name });
new aws.ec2.Instance('web', { ami: 'ami-123', instanceType: 't3.micro', iamInstanceProfile: role.name, metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 3 } });
new aws.ec2.LaunchTemplate('lt', { metadataOptions: { httpTokens: 'required', httpEndpoint: 'disabled' }, iamInstanceProfile: { name: profile.name } });
new aws.iam.AccessKey('key', { user: 'deploy' });
`));
it('cdktf', () => run(`
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { iamRole, dataAwsIamPolicyDocument, iamPolicy } from '@cdktf/provider-aws';
const doc = new dataAwsIamPolicyDocument.DataAwsIamPolicyDocument(this, 'doc', { statement: [{ effect: 'Allow', notActions: ['iam:*'], resources: ['*'] }] });
new iamPolicy.IamPolicy(this, 'pol', { policy: doc.json });
const role = new iamRole.IamRole(this, 'r', { assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] }), maxSessionDuration: 7200 });
new Instance(this, 'web', { ami: 'ami-1', instanceType: 't3.micro' });
`));
it('sdk', () => run(`
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { IAMClient, PutRolePolicyCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] };
await iam.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), MaxSessionDuration: 3600 }));
await iam.send(new PutRolePolicyCommand({ RoleName: 'worker', PolicyName: 'run', PolicyDocument: JSON.stringify(policy) }));
await ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, MetadataOptions: { HttpTokens: 'optional' } }));
const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAQWERTYUIOPASDFGH', secretAccessKey: process.env.SECRET } });
const env = \`AWS_SECRET_ACCESS_KEY=abcdEFGH1234abcdEFGH1234abcdEFGH1234abcd\`;
`));
