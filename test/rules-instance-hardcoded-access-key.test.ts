import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../rules/hardcoded-access-key.js';
import { cli } from './helpers/run-cli.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/hardcoded-access-key';
const TF = 'fixtures/terraform/hardcoded-access-key';

/** Every fake credential in the bad fixtures of the instance rules: none may appear whole in any output. */
const SECRETS = [
  'AKIAUJZDEGXDNCF32EPF',
  'AKIA3DHODZDOCIS2JHTL',
  'AKIAGMXGEDN73U55XTPL',
  'jORS+6ilI8ihN5KXSc7Tvo+hBKqFYY+kv5ZJr3J1',
  'TWDtkwtDDb/xHKas1VOqg6YYZYn9ZhyiA4uoRgna',
];

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    '- error 12:14 /Parameters/DeployKeyId/Default',
    '- error 17:14 /Parameters/DeploySecretAccessKey/Default',
    'ExporterFunction error 43:38 /Resources/ExporterFunction/Properties/Environment/Variables/AWS_ACCESS_KEY_ID_PARTNER',
    'ExporterFunction error 44:42 /Resources/ExporterFunction/Properties/Environment/Variables/AWS_SECRET_ACCESS_KEY_PARTNER',
    'ReportHost error 58:21 /Resources/ReportHost/Properties/UserData/Fn::Base64/Fn::Sub',
  ],
  [`${CFN}/bad.json`]: [
    '- error 11:18 /Parameters/DeployKeyId/Default',
    '- error 17:18 /Parameters/DeploySecretAccessKey/Default',
    'ExporterFunction error 60:42 /Resources/ExporterFunction/Properties/Environment/Variables/AWS_ACCESS_KEY_ID_PARTNER',
    'ExporterFunction error 61:46 /Resources/ExporterFunction/Properties/Environment/Variables/AWS_SECRET_ACCESS_KEY_PARTNER',
    'ReportHost error 76:24 /Resources/ReportHost/Properties/UserData/Fn::Base64/Fn::Sub',
  ],
  [`${TF}/bad/main.tf.json`]: [
    '- error 11:21 /provider/aws/access_key',
    '- error 12:21 /provider/aws/secret_key',
    '- error 22:18 /variable/partner_key_id/default',
    'aws_lambda_function.exporter error 43:42 /resource/aws_lambda_function/exporter/environment/variables/PARTNER_SECRET_ACCESS_KEY',
  ],
  // Each literal once: the copies in `variables`, `resource_changes` and `configuration` are the same value.
  [`${TF}/bad.plan.json`]: [
    'aws_lambda_function.exporter error 56:37 /planned_values/root_module/resources/1/values/environment/0/variables/PARTNER_KEY_ID',
    'aws_lambda_function.exporter error 57:48 /planned_values/root_module/resources/1/values/environment/0/variables/PARTNER_SECRET_ACCESS_KEY',
    '- error 271:31 /configuration/provider_config/aws/expressions/access_key/constant_value',
    '- error 277:31 /configuration/provider_config/aws/expressions/secret_key/constant_value',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('hardcoded-access-key on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (documentation example keys, principal ids, random strings)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('masks every key in its messages', () => {
    const messages = Object.keys(expected).flatMap((file) => scanFixture(rule, file).map((f) => f.message));
    expect(messages.length).toBe(18);
    for (const m of messages) for (const s of SECRETS) expect(m).not.toContain(s);
    const [id, secret] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(id!.message).toBe(
      'The value at Parameters/DeployKeyId/Default contains the AWS access key id AKIA…2EPF in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.',
    );
    expect(secret!.message).toContain('contains an AWS secret access key (jORS…r3J1) in plain text');
  });

  it('names the resource that holds the key', () => {
    const found = scanFixture(rule, `${TF}/bad/main.tf.json`);
    expect(found[3]!.message).toMatch(/^aws_lambda_function\.exporter \(aws_lambda_function\) contains an AWS secret access key \(TWDt…Rgna\)/);
  });
});

describe('hardcoded-access-key evidence', () => {
  const template = (props: string[]) =>
    ['Resources:', '  Fn:', '    Type: AWS::Lambda::Function', '    Properties:', ...props.map((p) => '      ' + p), ''].join('\n');

  it('ignores principal ids and documentation examples', () => {
    const yaml = template([
      'Description: user AIDAJQABLZS4A3QDU576Q, role AROAJQABLZS4A3QDU576Q, profile AIPAJQABLZS4A3QDU576Q',
      'Environment:',
      '  Variables:',
      '    AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE',
      '    AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ]);
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });

  it('counts a 40-character string only with evidence', () => {
    const yaml = template([
      'Environment:',
      '  Variables:',
      '    BUILD_TOKEN: zV8fUkkibjL5DZPjN0MEQ7wjJJibaZUPgHV7iB3m',
      '    PARTNER_SECRET_KEY: zV8fUkkibjL5DZPjN0MEQ7wjJJibaZUPgHV7iB3n',
      'Code:',
      '  ZipFile: |',
      '    import boto3',
      '    s3 = boto3.client("s3", aws_secret_access_key="yEZDz+TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7")',
    ]);
    expect(scanText(rule, yaml, 'template.yaml').map((f) => `${f.line}:${f.column} ${f.pointer}`)).toEqual([
      '8:31 /Resources/Fn/Properties/Environment/Variables/PARTNER_SECRET_KEY',
      '10:18 /Resources/Fn/Properties/Code/ZipFile',
    ]);
  });

  it('pairs a secret with an access key id next to it, and reads environment Name/Value pairs', () => {
    const yaml = [
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: public.ecr.aws/docker/library/nginx:1.27',
      '          Environment:',
      '            - Name: UPLOAD_CREDENTIAL',
      '              Value: AKIAPFT7V4SEH2KVJ72C:yEZDz+TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7',
      '            - Name: AWS_SECRET_ACCESS_KEY',
      '              Value: 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',
      '',
    ].join('\n');
    const found = scanText(rule, yaml, 'template.yaml');
    expect(found.map((f) => `${f.line}:${f.column} ${f.message.split(' in plain')[0]!.split('contains ')[1]}`)).toEqual([
      '10:22 the AWS access key id AKIA…J72C',
      '10:22 an AWS secret access key (yEZD…QlY7)',
      '12:22 an AWS secret access key (tmUd…TCQC)',
    ]);
  });

  it('decodes base64 user data before scanning it', () => {
    const script = Buffer.from('#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAPFT7V4SEH2KVJ72C\n/opt/app/run\n').toString('base64');
    const text = JSON.stringify(
      { resource: { aws_instance: { app: { ami: 'ami-0c7217cdde317cfec', instance_type: 't3.micro', user_data_base64: script } } } },
      null,
      2,
    );
    const [f, ...rest] = scanText(rule, text, 'main.tf.json');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ resource: 'aws_instance.app', line: 7, column: 29, pointer: '/resource/aws_instance/app/user_data_base64' });
    expect(f!.message).toContain('contains the AWS access key id AKIA…J72C in its base64 user data in plain text');
  });
});

describe('outputs of a scan never hold a whole key', () => {
  const dirs = [CFN, TF, 'fixtures/cloudformation/credentials-on-instance', 'fixtures/terraform/credentials-on-instance'];

  it.each(['sarif', 'json'])('--format %s', async (format) => {
    const run = await cli(['--format', format, ...dirs]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hardcoded-access-key');
    expect(SECRETS.filter((s) => run.stdout.includes(s))).toEqual([]);
  });

  it('the fixtures do hold the keys (the test above can fail)', () => {
    const files = [`${CFN}/bad.yaml`, `${TF}/bad/main.tf.json`, `${TF}/bad.plan.json`];
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(SECRETS.filter((s) => text.includes(s))).toEqual(SECRETS);
  });
});
