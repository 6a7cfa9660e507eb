import { describe } from 'vitest';
import { bad, badJs, badWith, CDK, CDK_IAM, ok, okJs, PULUMI, PULUMI_JS, rule, SDK_IAM, tester } from './eslint-tester.js';

const CDKTF = `import { IamRole } from '@cdktf/provider-aws/lib/iam-role';\nimport { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';\nimport { IamUser } from '@cdktf/provider-aws/lib/iam-user';\n`;
const trust = (principal: string, extra = '') =>
  `JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: ${principal}, Action: 'sts:AssumeRole'${extra} }] })`;

describe('max-session-duration', () => {
  tester.run('max-session-duration', rule('max-session-duration'), {
    valid: [
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012'), maxSessionDuration: Duration.hours(1) });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012') });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012'), maxSessionDuration: Duration.hours(4) });`, { maxSeconds: 14400 }),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012'), maxSessionDuration: props.maxSession });`),
      ok(`${CDK}new iam.CfnRole(this, 'R', { assumeRolePolicyDocument: doc, maxSessionDuration: 3600 });`),
      ok(`${PULUMI}new aws.iam.Role('r', { assumeRolePolicy: ${trust(`{ AWS: 'arn:aws:iam::123456789012:root' }`)}, maxSessionDuration: 3600 });`),
      ok(`${CDKTF}new IamRole(this, 'r', { assumeRolePolicy: policy, maxSessionDuration: config.seconds });`),
      ok(`${SDK_IAM}new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: doc });`),
      ok(`import { Role } from './my-constructs';\nnew Role(this, 'R', { maxSessionDuration: 43200 });`),
      okJs(`${PULUMI_JS}new aws.iam.Role('r', { assumeRolePolicy: policy, maxSessionDuration: 1800 * 2 });`),
    ],
    invalid: [
      bad(`${CDK}new iam.Role(this, 'Deploy', {\n  assumedBy: new iam.AccountPrincipal('123456789012'),\n  maxSessionDuration: Duration.hours(12),\n});`, ['warning', 'Duration.hours(12)']),
      bad(`${CDK}new iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: Duration.seconds(7200) });`, ['warning', 'Duration.seconds(7200)']),
      bad(`${CDK}new iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: Duration.minutes(90) });`, ['warning', 'Duration.minutes(90)']),
      bad(`${CDK}new iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: Duration.parse('PT8H') });`, ['warning', "Duration.parse('PT8H')"]),
      // Outside 1–12 hours the deployment fails.
      bad(`${CDK}new iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: Duration.hours(24) });`, ['error', 'Duration.hours(24)']),
      bad(`${CDK}new iam.CfnRole(this, 'Deploy', { assumeRolePolicyDocument: doc, maxSessionDuration: 600 });`, ['error', '600']),
      // EC2 credentials ignore the setting.
      bad(`${CDK}new iam.Role(this, 'Ec2Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'), maxSessionDuration: Duration.hours(12) });`, ['note', 'Duration.hours(12)']),
      bad(`${PULUMI}new aws.iam.Role('deploy', { assumeRolePolicy: ${trust(`{ AWS: 'arn:aws:iam::123456789012:root' }`)}, maxSessionDuration: 43200 });`, ['warning', '43200']),
      bad(`${CDKTF}new IamRole(this, 'deploy', { assumeRolePolicy: policy, maxSessionDuration: 28800 });`, ['warning', '28800']),
      bad(`${SDK_IAM}new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: doc, MaxSessionDuration: 7200 });`, ['warning', '7200']),
      bad(`${SDK_IAM}await iam.send(new UpdateRoleCommand({ RoleName: 'deploy', MaxSessionDuration: 36000 }));`, ['warning', '36000']),
      badWith({ maxSeconds: 7200 }, `${CDK}new iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: Duration.hours(3) });`, ['warning', 'Duration.hours(3)']),
      bad(`${CDK}const TWELVE_HOURS = Duration.hours(12);\nnew iam.Role(this, 'Deploy', { assumedBy: new iam.ArnPrincipal(ciRoleArn), maxSessionDuration: TWELVE_HOURS });`, ['warning', 'maxSessionDuration: «TWELVE_HOURS»']),
      badJs(`${PULUMI_JS}new aws.iam.Role('deploy', { assumeRolePolicy: policy, maxSessionDuration: 3600 * 4 });`, ['warning', '3600 * 4']),
      badJs(`const { Role, ArnPrincipal } = require('aws-cdk-lib/aws-iam');\nconst { Duration } = require('aws-cdk-lib');\nnew Role(this, 'Deploy', { assumedBy: new ArnPrincipal(arn), maxSessionDuration: Duration.hours(6) });`, ['warning', 'Duration.hours(6)']),
    ],
  });
});

describe('iam-user-access-key', () => {
  tester.run('iam-user-access-key', rule('iam-user-access-key'), {
    valid: [
      ok(`${CDK}new iam.User(this, 'Deploy');`),
      ok(`${SDK_IAM}new CreateUserCommand({ UserName: 'deploy' });`),
      ok(`import { AccessKey } from './keys';\nnew AccessKey('k', { user: 'deploy' });`),
    ],
    invalid: [
      bad(`${CDK}const user = new iam.User(this, 'Deploy');\nnew iam.AccessKey(this, 'Key', { user });`, ['warning', "'Key', «{ user }»"]),
      bad(
        `${CDK}const user = new iam.User(this, 'Deploy');\nconst key = new iam.AccessKey(this, 'Key', { user });\nnew CfnOutput(this, 'Secret', { value: key.secretAccessKey.unsafeUnwrap() });`,
        ['error', 'key.secretAccessKey'],
      ),
      bad(`${CDK}new iam.CfnAccessKey(this, 'Key', { userName: 'deploy', status: 'Active' });`, ['warning', "{ userName: 'deploy', status: 'Active' }"]),
      bad(`${PULUMI}const user = new aws.iam.User('deploy', {});\nnew aws.iam.AccessKey('key', { user: user.name });`, ['warning', '{ user: user.name }']),
      bad(`${CDKTF}const user = new IamUser(this, 'deploy', { name: 'deploy' });\nnew IamAccessKey(this, 'key', { user: user.name });`, ['warning', '{ user: user.name }']),
      bad(`${SDK_IAM}await iam.send(new CreateAccessKeyCommand({ UserName: 'deploy' }));`, ['warning', "{ UserName: 'deploy' }"]),
    ],
  });
});

describe('trust-wildcard-principal', () => {
  tester.run('trust-wildcard-principal', rule('trust-wildcard-principal'), {
    valid: [
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.OrganizationPrincipal('o-a1b2c3d4e5') });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AnyPrincipal(), externalIds: ['partner-7d1f'] });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: principal });`),
      ok(`${PULUMI}new aws.iam.Role('r', { assumeRolePolicy: ${trust(`{ AWS: '*' }`, `, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }`)} });`),
      ok(`${CDK_IAM}const stmt = new iam.PolicyStatement({ actions: ['s3:GetObject'], principals: [new iam.AnyPrincipal()], resources: ['*'], effect: iam.Effect.DENY });\nbucket.addToResourcePolicy(stmt);`),
    ],
    invalid: [
      bad(`${CDK}new iam.Role(this, 'Open', { assumedBy: new iam.AnyPrincipal() });`, [
        'error',
        'new iam.AnyPrincipal()',
        0,
        'statement 1 of trust policy of role Open lets any AWS principal in any account assume the role (Principal {"AWS": "*"}) with no condition that narrows who: name the trusted principals, or add a condition such as aws:PrincipalOrgID, aws:PrincipalArn or aws:SourceArn.',
      ]),
      bad(`${CDK}new iam.Role(this, 'Open', { assumedBy: new iam.ArnPrincipal('*') });`, ['error', "'*'"]),
      bad(`${CDK}new iam.Role(this, 'Open', { assumedBy: new iam.StarPrincipal() });`, ['error', 'new iam.StarPrincipal()']),
      bad(`${CDK}new iam.Role(this, 'Open', { assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), new iam.AnyPrincipal()) });`, ['error', 'new iam.AnyPrincipal()']),
      bad(`${PULUMI}new aws.iam.Role('open', { assumeRolePolicy: ${trust(`{ AWS: '*' }`)} });`, ['error', "AWS: «'*'»"]),
      bad(`${PULUMI}new aws.iam.Role('open', { assumeRolePolicy: ${trust(`'*'`)} });`, ['error', "Principal: «'*'»"]),
      bad(
        `${PULUMI}const doc = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['*'] }] }] });\nnew aws.iam.Role('open', { assumeRolePolicy: doc.json });`,
        ['error', "identifiers: «['*']»"],
      ),
      bad(`${SDK_IAM}new CreateRoleCommand({ RoleName: 'open', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}' });`, ['error', '"AWS":«"*"»']),
      bad(`${SDK_IAM}new UpdateAssumeRolePolicyCommand({ RoleName: 'open', PolicyDocument: ${trust(`{ AWS: ['*'] }`)} });`, ['error', "AWS: [«'*'»]"]),
      badJs(`const iam = require('aws-cdk-lib/aws-iam');\nnew iam.Role(this, 'Open', { assumedBy: new iam.AnyPrincipal() });`, ['error', 'new iam.AnyPrincipal()']),
    ],
  });
});

describe('cross-account-trust', () => {
  tester.run('cross-account-trust', rule('cross-account-trust'), {
    valid: [
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012'), externalIds: ['partner-7d1f'] });`),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.AccountPrincipal('123456789012') });`, { trustedAccounts: ['123456789012'] }),
      ok(`${CDK}new iam.Role(this, 'R', { assumedBy: new iam.ArnPrincipal('arn:aws:iam::123456789012:role/ci') });`),
    ],
    invalid: [
      bad(`${CDK}new iam.Role(this, 'Partner', { assumedBy: new iam.AccountPrincipal('123456789012') });`, ['note', "'123456789012'"]),
      bad(`${CDKTF}new IamRole(this, 'partner', { assumeRolePolicy: ${trust(`{ AWS: 'arn:aws:iam::123456789012:root' }`)} });`, ['note', "'arn:aws:iam::123456789012:root'"]),
      bad(`${SDK_IAM}new CreateRoleCommand({ RoleName: 'partner', AssumeRolePolicyDocument: ${trust(`{ AWS: '123456789012' }`)} });`, ['note', "'123456789012'"]),
    ],
  });
});
