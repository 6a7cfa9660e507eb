import { describe, expect, it } from 'vitest';
import rule from '../rules/credentials-on-instance.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/credentials-on-instance';
const TF = 'fixtures/terraform/credentials-on-instance';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'BuildAgent error 27:21 /Resources/BuildAgent/Properties/UserData/Fn::Base64/Fn::Sub',
    'WorkerTemplate error 49:17 /Resources/WorkerTemplate/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Join/1/1',
    'ReportHost error 64:15 /Resources/ReportHost/Metadata/AWS::CloudFormation::Init/config/files/~1root~1.aws~1credentials',
  ],
  [`${CFN}/bad.json`]: [
    'BuildAgent error 35:24 /Resources/BuildAgent/Properties/UserData/Fn::Base64/Fn::Sub',
    'WorkerTemplate error 57:19 /Resources/WorkerTemplate/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Join/1/1',
    'ReportHost error 81:41 /Resources/ReportHost/Metadata/AWS::CloudFormation::Init/config/files/~1root~1.aws~1credentials',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_instance.build_agent error 23:22 /resource/aws_instance/build_agent/user_data',
    'aws_launch_configuration.runner error 33:22 /resource/aws_launch_configuration/runner/user_data',
  ],
  [`${TF}/bad.plan.json`]: ['aws_launch_template.agent error 55:26 /planned_values/root_module/resources/0/values/user_data'],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('credentials-on-instance on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (assume-role exports, cleanup of old files)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('says what the script does without printing any value', () => {
    const messages = scanFixture(rule, `${CFN}/bad.yaml`).map((f) => f.message);
    expect(messages).toEqual([
      'Instance BuildAgent puts AWS access keys on the instance in its user data (aws configure set aws_access_key_id), which leaves long-term credentials on disk; remove them and attach an instance profile whose role grants what the instance needs.',
      'Launch template WorkerTemplate puts AWS access keys on the instance in its user data (AWS_ACCESS_KEY_ID=…), which leaves long-term credentials on disk; remove them and attach an instance profile whose role grants what the instance needs.',
      'Instance ReportHost puts AWS access keys on the instance in its cfn-init metadata (writes /root/.aws/credentials), which leaves long-term credentials on disk; remove them and attach an instance profile whose role grants what the instance needs.',
    ]);
    const plan = scanFixture(rule, `${TF}/bad.plan.json`)[0]!;
    expect(plan.message).toContain('(aws configure set aws_access_key_id)');
    expect(plan.message).not.toContain('AKIA');
  });
});

describe('credentials-on-instance patterns', () => {
  const instance = (userData: string[]) =>
    [
      'Resources:',
      '  Host:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-0c7217cdde317cfec',
      '      UserData:',
      '        Fn::Base64: !Sub |',
      ...userData.map((l) => '          ' + l),
      '',
    ].join('\n');

  it.each([
    ['cat > ~/.aws/credentials <<EOF', 'writes ~/.aws/credentials'],
    ['echo "[default]" | tee /home/ec2-user/.aws/credentials', 'writes ~/.aws/credentials'],
    ['cp /tmp/creds /root/.aws/credentials', 'writes ~/.aws/credentials'],
    ['aws configure set profile.deploy.aws_secret_access_key ${Secret}', 'aws configure set aws_secret_access_key'],
    ['echo "AWS_SECRET_ACCESS_KEY=${Secret}" >> /etc/environment', 'AWS_SECRET_ACCESS_KEY=…'],
    ['docker run -e AWS_ACCESS_KEY_ID=${KeyId} app:latest', 'AWS_ACCESS_KEY_ID=…'],
    ['[Environment]::SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "${KeyId}", "Machine")', 'sets AWS_ACCESS_KEY_ID'],
  ])('reports %s', (line, what) => {
    const [f, ...rest] = scanText(rule, instance(['#!/bin/bash', line]), 'template.yaml');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ resource: 'Host', severity: 'error', line: 7, column: 21 });
    expect(f!.message).toContain(`(${what})`);
  });

  it.each([
    'export AWS_ACCESS_KEY_ID=$(jq -r .Credentials.AccessKeyId creds.json)',
    'export AWS_SECRET_ACCESS_KEY=`cat /run/secret`',
    'export AWS_ACCESS_KEY_ID=$ROTATED_KEY',
    'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY',
    'rm -f /root/.aws/credentials',
    'aws configure set region ${AWS::Region}',
    'docker run -e AWS_ACCESS_KEY_ID app:latest',
  ])('does not report %s', (line) => {
    expect(scanText(rule, instance(['#!/bin/bash', line]), 'template.yaml')).toEqual([]);
  });

  it('reads cfn-init commands and their environment', () => {
    const yaml = [
      'Resources:',
      '  Host:',
      '    Type: AWS::EC2::Instance',
      '    Metadata:',
      '      AWS::CloudFormation::Init:',
      '        config:',
      '          commands:',
      '            01-sync:',
      '              command: aws s3 sync s3://bucket /opt/app',
      '              env:',
      '                AWS_ACCESS_KEY_ID: !Ref KeyId',
      '    Properties:',
      '      ImageId: ami-0c7217cdde317cfec',
      'Parameters:',
      '  KeyId:',
      '    Type: String',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml').map((f) => `${brief(f)} ${f.message.split('(')[1]!.split(')')[0]}`)).toEqual([
      'Host error 11:36 /Resources/Host/Metadata/AWS::CloudFormation::Init/config/commands/01-sync/env/AWS_ACCESS_KEY_ID sets AWS_ACCESS_KEY_ID',
    ]);
  });
});
