import { describe } from 'vitest';
import { bad, badJs, CDK, ok, okJs, PULUMI, rule, SDK_EC2, tester } from './eslint-tester.js';

// Made-up keys in the real formats (not AWS's documentation examples, which never fire).
const ID = 'AKIAXTPLPFT7V4SEH2KV';
const TEMP_ID = 'ASIAJ72CEUVW75EFR6ED';
const OTHER_ID = 'ABIAT4SYWB5WKH7DNSIP';
const SECRET = 'u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzd';
const SECRET2 = 'ocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7D';
const S3 = `import { S3Client } from '@aws-sdk/client-s3';\n`;
const V2 = `import AWS from 'aws-sdk';\n`;

describe('hardcoded-access-key', () => {
  tester.run('hardcoded-access-key', rule('hardcoded-access-key'), {
    valid: [
      ok(`${S3}new S3Client({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } });`),
      ok(`${S3}new S3Client({ credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! } });`),
      ok(`import { fromIni } from '@aws-sdk/credential-providers';\n${S3}new S3Client({ credentials: fromIni({ profile: 'deploy' }) });`),
      ok('const env = `AWS_SECRET_ACCESS_KEY=${secret}`;'),
      // Unique ids of users, roles and profiles are not secrets.
      ok(`const userId = 'AIDAXTPLPFT7V4SEH2KV';\nconst roleId = 'AROAXTPLPFT7V4SEH2KV';\nconst profileId = 'AIPAXTPLPFT7V4SEH2KV';`),
      // 40 characters of base64 without anything that says it is a key.
      ok(`const checksum = '${SECRET}';`),
      ok(`const secretAccessKey = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';`),
      ok(`const tooShort = 'AKIA2345';\nconst tooLong = '${ID}Q';\nconst lower = '${ID.toLowerCase()}';`),
      ok(`const notBase32 = 'AKIA0000111188889999';`),
      ok(`const arn = 'arn:aws:iam::123456789012:role/deploy';`),
      ok(`${V2}AWS.config.update({ region: 'eu-west-1' });`),
      ok(`${V2}const creds = new AWS.SharedIniFileCredentials({ profile: 'deploy' });`),
      ok(`${PULUMI}new aws.Provider('prod', { region: 'eu-west-1', profile: 'prod' });`),
      okJs(`module.exports = { accessKeyId: process.env.KEY_ID, region: 'us-east-1' };`),
      okJs(`const key = 'AKIAIOSFODNN7EXAMPLE';`),
    ],
    invalid: [
      bad(
        `${S3}const client = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${ID}', secretAccessKey: '${SECRET}' },\n});`,
        [
          'error',
          `'«${ID}»'`,
          0,
          'credentials.accessKeyId in new S3Client(…) (string literal) contains the AWS access key id AKIA…H2KV in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.',
        ],
        [
          'error',
          `'«${SECRET}»'`,
          0,
          'credentials.secretAccessKey in new S3Client(…) (string literal) contains an AWS secret access key (u8jz…KLzd) in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.',
        ],
      ),
      bad(`${V2}AWS.config.update({ accessKeyId: '${ID}', secretAccessKey: '${SECRET}', region: 'us-east-1' });`, ['error', `'«${ID}»'`], ['error', `'«${SECRET}»'`]),
      bad(`${V2}const config = new AWS.Config({ accessKeyId: '${TEMP_ID}', secretAccessKey: '${SECRET}', sessionToken: token });`, ['error', `'«${TEMP_ID}»'`], ['error', `'«${SECRET}»'`]),
      bad(`${V2}const creds = new AWS.Credentials('${ID}', '${SECRET2}');`, ['error', `'«${ID}»'`], ['error', `'«${SECRET2}»'`]),
      bad(`const env = \`AWS_SECRET_ACCESS_KEY=${SECRET}\`;`, ['error', `AWS_SECRET_ACCESS_KEY=«${SECRET}»`]),
      bad(`const env = 'AWS_ACCESS_KEY_ID=${ID} AWS_DEFAULT_REGION=eu-west-1';`, ['error', `AWS_ACCESS_KEY_ID=«${ID}» AWS_DEFAULT_REGION`]),
      bad(
        'const script = `[default]\\naws_access_key_id = ' + TEMP_ID + '\\naws_secret_access_key = ${secret}\\n`;',
        ['error', `aws_access_key_id = «${TEMP_ID}»`],
      ),
      bad(`const secretAccessKey = '${SECRET}';`, ['error', `'«${SECRET}»'`, 0, `secretAccessKey (string literal) contains an AWS secret access key (u8jz…KLzd) in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.`]),
      bad(`process.env.AWS_ACCESS_KEY_ID = '${ID}';`, ['error', `'«${ID}»'`]),
      bad(`class Deployer {\n  private readonly keyId = '${OTHER_ID}';\n}`, ['error', `'«${OTHER_ID}»'`]),
      bad(`const doc = '{"AccessKey": {"AccessKeyId": "${ID}", "SecretAccessKey": "${SECRET}"}}';`, ['error', `"AccessKeyId": "«${ID}»"`], ['error', `"SecretAccessKey": "«${SECRET}»"`]),
      bad(`${PULUMI}new aws.Provider('prod', { region: 'eu-west-1', accessKey: '${ID}', secretKey: '${SECRET}' });`, ['error', `'«${ID}»'`], ['error', `'«${SECRET}»'`]),
      bad(
        `import { AwsProvider } from '@cdktf/provider-aws/lib/provider';\nnew AwsProvider(this, 'aws', { region: 'eu-west-1', accessKey: '${ID}', secretKey: '${SECRET}' });`,
        ['error', `'«${ID}»'`],
        ['error', `'«${SECRET}»'`],
      ),
      bad(`${CDK}import * as lambda from 'aws-cdk-lib/aws-lambda';\nnew lambda.Function(this, 'Fn', { runtime, handler, code, environment: { AWS_ACCESS_KEY_ID: '${ID}' } });`, ['error', `'«${ID}»'`]),
      bad(`export const settings = [{ name: 'AWS_SECRET_ACCESS_KEY', value: '${SECRET}' }];`, ['error', `'«${SECRET}»'`]),
      badJs(`module.exports = { accessKeyId: '${ID}', secretAccessKey: '${SECRET}' };`, ['error', `'«${ID}»'`], ['error', `'«${SECRET}»'`]),
      badJs(`const AWS = require('aws-sdk');\nAWS.config.credentials = new AWS.Credentials({ accessKeyId: '${ID}', secretAccessKey: '${SECRET}' });`, ['error', `'«${ID}»'`], ['error', `'«${SECRET}»'`]),
      bad(`${SDK_EC2}new RunInstancesCommand({ ImageId: 'ami-1', UserData: Buffer.from('#!/bin/bash\\nexport AWS_ACCESS_KEY_ID=${ID}\\n').toString('base64') });`, ['error', `AWS_ACCESS_KEY_ID=«${ID}»`]),
    ],
  });
});

describe('credentials-on-instance', () => {
  tester.run('credentials-on-instance', rule('credentials-on-instance'), {
    valid: [
      ok(`${CDK}const ud = ec2.UserData.forLinux();\nud.addCommands('yum install -y httpd', 'aws s3 cp s3://bucket/app.zip /opt/app.zip');\nnew ec2.Instance(this, 'Web', { vpc, userData: ud, requireImdsv2: true });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', userData: '#!/bin/bash\\nexport AWS_DEFAULT_REGION=eu-west-1\\n' });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', userData: '#!/bin/bash\\nexport AWS_ACCESS_KEY_ID=$(cat /run/secrets/id)\\n' });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', userData: script });`),
    ],
    invalid: [
      bad(
        `${CDK}const ud = ec2.UserData.forLinux();\nud.addCommands('yum install -y awscli', 'aws configure set aws_access_key_id "$KEY_ID"');\nnew ec2.Instance(this, 'Web', { vpc, userData: ud });`,
        [
          'error',
          `'aws configure set aws_access_key_id "$KEY_ID"'`,
          0,
          'Instance Web puts AWS access keys on the instance in its user data (aws configure set aws_access_key_id), which leaves long-term credentials on disk; remove them and attach an instance profile whose role grants what the instance needs.',
        ],
      ),
      bad(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', userData: \`#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=\${secret}\nexport AWS_ACCESS_KEY_ID=AKIA\n\` });`, ['error', '`#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=${secret}\nexport AWS_ACCESS_KEY_ID=AKIA\n`']),
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', userData: cdk.Fn.base64('#!/bin/bash\\necho "$CREDS" > ~/.aws/credentials') });\nimport * as cdk from 'aws-cdk-lib';`, ['error', `'#!/bin/bash\\necho "$CREDS" > ~/.aws/credentials'`]),
      bad(`${SDK_EC2}const script = '#!/bin/bash\\naws configure set aws_secret_access_key "$S"';\nnew RunInstancesCommand({ ImageId: 'ami-1', UserData: Buffer.from(script).toString('base64') });`, ['error', 'UserData: Buffer.from(«script»)']),
    ],
  });
});
