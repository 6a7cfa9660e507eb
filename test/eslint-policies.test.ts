import { describe } from 'vitest';
import { bad, badJs, badWith, CDK, CDK_IAM, ok, okJs, PULUMI, PULUMI_JS, rule, SDK_IAM, tester } from './eslint-tester.js';

const CDKTF = `import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';\nimport { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';\nimport { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';\n`;
const doc = (statement: string) => `{ Version: '2012-10-17', Statement: [${statement}] }`;

describe('wildcard-action', () => {
  tester.run('wildcard-action', rule('wildcard-action'), {
    valid: [
      ok(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }));`),
      ok(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: props.actions, resources: ['*'] });`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: [\`s3:\${verb}\`], resources: ['*'] });`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });`, { allowServiceWildcards: ['s3'] }),
      ok(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: ['ec2:Describe*'], Resource: '*' }`)}) });`),
      ok(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }`)}) });`),
      ok(`${CDKTF}new DataAwsIamPolicyDocument(this, 'd', { statement: [{ actions: ['logs:PutLogEvents'], resources: ['*'] }] });`),
      ok(`${SDK_IAM}new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: JSON.stringify(${doc(`{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queueArn }`)}) });`),
      ok(`${SDK_IAM}new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: policyJson });`),
      ok(`const notAPolicy = { Statement: 'hello', Action: '*' };`),
      ok(`const iam = { PolicyStatement: class {} };\nnew iam.PolicyStatement({ actions: ['*'] });`),
      ok(`import { PolicyStatement } from './policy';\nnew PolicyStatement({ actions: ['*'], resources: ['*'] });`),
      okJs(`const iam = require('aws-cdk-lib/aws-iam');\nrole.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [table.tableArn] }));`),
      okJs(`${PULUMI_JS}new aws.iam.RolePolicy('p', { role: 'app', policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: 'sns:Publish', Resource: topic.arn }`)}) });`),
    ],
    invalid: [
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.arnForObjects('*')] }));`, [
        'warning',
        "'s3:*'",
        0,
        'statement 1 of policy added with role.addToPolicy allows every s3 action ("s3:*"): list only the s3 actions the workload needs.',
      ]),
      bad(`${CDK}const role = new iam.Role(this, 'App', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });\nrole.addToPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [tableArn] }));`, [
        'warning',
        "'dynamodb:*'",
        0,
        'statement 1 of default policy of role App allows every dynamodb action ("dynamodb:*"): list only the dynamodb actions the workload needs.',
      ]),
      bad(`${CDK_IAM}const stmt = new iam.PolicyStatement({ resources: [queueArn] });\nstmt.addActions('sqs:*');\nfn.addToRolePolicy(stmt);`, ['warning', "'sqs:*'"]),
      bad(`${CDK_IAM}new iam.PolicyStatement({ actions: ['*:*'], resources: [bucketArn] });`, ['error', "'*:*'"]),
      bad(`${CDK_IAM}new iam.Policy(this, 'P', { statements: [new iam.PolicyStatement({ actions: ['ec2:*'], resources: [instanceArn] })] });`, ['warning', "'ec2:*'"]),
      bad(`${CDK_IAM}new iam.ManagedPolicy(this, 'P', { document: iam.PolicyDocument.fromJson(${doc(`{ Effect: 'Allow', Action: 'kms:*', Resource: keyArn }`)}) });`, ['warning', "'kms:*'"]),
      bad(`${CDK_IAM}const stmt = iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: ['lambda:*'], Resource: fnArn });\nfn.addToRolePolicy(stmt);`, ['warning', "'lambda:*'"]),
      bad(`${CDK}new iam.CfnPolicy(this, 'P', { policyName: 'p', policyDocument: ${doc(`{ Effect: 'Allow', Action: 'sqs:*', Resource: queueArn }`)}, roles: ['app'] });`, ['warning', "'sqs:*'"]),
      bad(`${PULUMI}new aws.iam.RolePolicy('p', { role: 'app', policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: ['sns:*'], Resource: topicArn }`)}) });`, ['warning', "'sns:*'"]),
      bad(`${PULUMI}new aws.iam.Policy('p', { policy: ${doc(`{ Effect: 'Allow', Action: 'cloudwatch:*', Resource: '*' }`)} });`, ['warning', "'cloudwatch:*'"]),
      bad(`${PULUMI}const d = aws.iam.getPolicyDocument({ statements: [{ actions: ['ecr:*'], resources: [repoArn] }] });\nnew aws.iam.Policy('p', { policy: d.then((x) => x.json) });`, ['warning', "'ecr:*'"]),
      bad(`${CDKTF}const d = new DataAwsIamPolicyDocument(this, 'd', { statement: [{ effect: 'Allow', actions: ['ssm:*'], resources: [paramArn] }] });\nnew IamPolicy(this, 'p', { policy: d.json });`, ['warning', "'ssm:*'"]),
      bad(`${SDK_IAM}const policy = ${doc(`{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: secretArn }`)};\nawait iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));`, ['warning', "'secretsmanager:*'"]),
      bad(`${SDK_IAM}new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:*","Resource":"*"}}' });`, ['warning', '"sts:*"']),
      bad(`export const policy = ${doc(`{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: userArn }`)};`, ['warning', "'iam:*'"]),
      badWith({ allowServiceWildcards: ['s3'] }, `${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:*', 'sqs:*'], resources: [arn] });`, ['warning', "'sqs:*'"]),
      badJs(`const iam = require('aws-cdk-lib/aws-iam');\nrole.addToPolicy(new iam.PolicyStatement({ actions: ['glue:*'], resources: [jobArn] }));`, ['warning', "'glue:*'"]),
      badJs(`${PULUMI_JS}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: 'rds:*', Resource: dbArn }`)}) });`, ['warning', "'rds:*'"]),
    ],
  });
});

describe('admin-access', () => {
  tester.run('admin-access', rule('admin-access'), {
    valid: [
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')] });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(policyName)] });`),
      ok(`${PULUMI}new aws.iam.RolePolicyAttachment('a', { role: 'app', policyArn: aws.iam.ManagedPolicy.AmazonS3ReadOnlyAccess });`),
      ok(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));`),
    ],
    invalid: [
      bad(`${CDK}new iam.Role(this, 'Admin', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')] });`, [
        'error',
        "iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')",
      ]),
      bad(`${CDK}const role = new iam.Role(this, 'Ops', { assumedBy: new iam.AccountRootPrincipal() });\nrole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess'));`, ['warning', "iam.ManagedPolicy.fromAwsManagedPolicyName('PowerUserAccess')"]),
      bad(`${PULUMI}new aws.iam.RolePolicyAttachment('admin', { role: 'app', policyArn: aws.iam.ManagedPolicy.AdministratorAccess });`, ['error', 'aws.iam.ManagedPolicy.AdministratorAccess']),
      bad(`${PULUMI}new aws.iam.Role('admin', { assumeRolePolicy: policy, managedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] });`, ['error', "'arn:aws:iam::aws:policy/AdministratorAccess'"]),
      bad(`${CDKTF}new IamRolePolicyAttachment(this, 'admin', { role: 'app', policyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' });`, ['warning', "'arn:aws:iam::aws:policy/IAMFullAccess'"]),
      bad(`${SDK_IAM}new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });`, ['error', "'arn:aws:iam::aws:policy/AdministratorAccess'"]),
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));`, ['error', "'*'"]),
      bad(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: '*', Resource: '*' }`)}) });`, ['error', "Action: «'*'»"]),
    ],
  });
});

describe('wildcard-resource, allow-not-action, passrole-wildcard', () => {
  tester.run('wildcard-resource', rule('wildcard-resource'), {
    valid: [
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['ec2:DescribeInstances'], resources: ['*'] });`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [\`arn:aws:s3:::\${bucket}/*\`] });`),
    ],
    invalid: [
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));`, ['warning', "resources: [«'*'»]"]),
      bad(`${CDK_IAM}const s = new iam.PolicyStatement({ actions: ['sqs:DeleteQueue'] });\ns.addAllResources();\nrole.addToPolicy(s);`, ['warning', 's.addAllResources()']),
    ],
  });
  tester.run('allow-not-action', rule('allow-not-action'), {
    valid: [ok(`${CDK_IAM}new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:*'], resources: ['*'] });`)],
    invalid: [
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));`, ['warning', "['iam:*']"]),
      bad(`${CDKTF}new DataAwsIamPolicyDocument(this, 'd', { statement: [{ notActions: ['s3:DeleteBucket'], resources: ['*'] }] });`, ['warning', "['s3:DeleteBucket']"]),
    ],
  });
  tester.run('passrole-wildcard', rule('passrole-wildcard'), {
    valid: [
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [roleArn] });`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'], conditions: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } });`),
    ],
    invalid: [
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));`, ['error', "'iam:PassRole'"]),
      bad(`${SDK_IAM}new PutRolePolicyCommand({ RoleName: 'ci', PolicyName: 'p', PolicyDocument: JSON.stringify(${doc(`{ Effect: 'Allow', Action: 'iam:Pass*', Resource: 'arn:aws:iam::123456789012:role/*' }`)}) });`, ['error', "'iam:Pass*'"]),
    ],
  });
});

describe('privilege-escalation, unknown-action, policy-syntax', () => {
  tester.run('privilege-escalation', rule('privilege-escalation'), {
    valid: [ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['iam:GetRole', 'iam:ListRoles'], resources: ['*'] });`)],
    invalid: [
      bad(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:CreatePolicyVersion'], resources: ['*'] }));`, ['error', "'iam:CreatePolicyVersion'"]),
      bad(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: ['iam:AttachUserPolicy'], Resource: '*' }`)}) });`, ['error', "'iam:AttachUserPolicy'"]),
    ],
  });
  tester.run('unknown-action', rule('unknown-action'), {
    valid: [
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:GetObject', 'ec2:RunInstances', 'sqs:SendMessage'], resources: ['*'] });`),
      ok(`${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:GetObjects'], resources: ['*'] });`, { ignore: ['s3:GetObjects'] }),
    ],
    invalid: [
      bad(`${CDK_IAM}new iam.PolicyStatement({ actions: ['s3:GetObjects'], resources: ['*'] });`, ['warning', "'s3:GetObjects'"]),
      bad(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify(${doc(`{ Effect: 'Allow', Action: 'ec2:RunInstance', Resource: '*' }`)}) });`, ['warning', "'ec2:RunInstance'"]),
      bad(`${CDKTF}new DataAwsIamPolicyDocument(this, 'd', { statement: [{ actions: ['dynamo:GetItem'], resources: ['*'] }] });`, ['warning', "'dynamo:GetItem'"]),
    ],
  });
  tester.run('policy-syntax', rule('policy-syntax'), {
    valid: [
      ok(`${CDK_IAM}role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [arn] }));`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });`),
      ok(`${PULUMI}const d = aws.iam.getPolicyDocument({ statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }] });\nnew aws.iam.Role('r', { assumeRolePolicy: d.then((x) => x.json) });`),
      ok(`${SDK_IAM}new PutRolePolicyCommand({ RoleName: 'r', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: arn }] }) });`),
    ],
    invalid: [
      bad(`${PULUMI}new aws.iam.Policy('p', { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }] }) });`, ['error', "'allow'"]),
      bad(`${SDK_IAM}new CreatePolicyCommand({ PolicyName: 'p', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: arn }] }) });`, ['warning', "{ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: arn }] }"]),
    ],
  });
});
