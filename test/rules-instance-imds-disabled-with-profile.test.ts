import { describe, expect, it } from 'vitest';
import rule from '../rules/imds-disabled-with-profile.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/imds-disabled-with-profile';
const TF = 'fixtures/terraform/imds-disabled-with-profile';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'Worker warning 38:23 /Resources/Worker/Properties/MetadataOptions/HttpEndpoint',
    'HardenedWorker warning 54:27 /Resources/HardenedWorker/Properties/IamInstanceProfile',
    'FleetTemplate warning 68:25 /Resources/FleetTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpEndpoint',
  ],
  [`${CFN}/bad.json`]: [
    'Worker warning 59:27 /Resources/Worker/Properties/MetadataOptions/HttpEndpoint',
    'HardenedWorker warning 84:31 /Resources/HardenedWorker/Properties/IamInstanceProfile',
    'FleetTemplate warning 114:29 /Resources/FleetTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpEndpoint',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_instance.worker warning 35:28 /resource/aws_instance/worker/metadata_options/http_endpoint',
    'aws_instance.hardened_worker warning 41:33 /resource/aws_instance/hardened_worker/iam_instance_profile',
    'aws_launch_template.fleet warning 61:28 /resource/aws_launch_template/fleet/metadata_options/http_endpoint',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_instance.worker warning 74:34 /planned_values/root_module/resources/2/values/metadata_options/0/http_endpoint',
    'aws_launch_template.fleet warning 231:34 /planned_values/root_module/resources/4/values/metadata_options/0/http_endpoint',
    'aws_instance.hardened_worker warning 277:37 /planned_values/root_module/resources/5/values/iam_instance_profile',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('imds-disabled-with-profile on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (endpoint enabled, or disabled without a profile)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('relates the profile and the setting that disables the endpoint', () => {
    const [worker, hardened] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(worker!.message).toBe(
      "Instance Worker attaches instance profile WorkerProfile but the instance metadata endpoint is disabled in its metadata options, so the role's credentials never reach the instance; set MetadataOptions.HttpEndpoint to enabled (with tokens required) or remove the profile.",
    );
    expect(worker!.related).toEqual([{ line: 36, column: 27, pointer: '/Resources/Worker/Properties/IamInstanceProfile', message: 'instance profile WorkerProfile' }]);
    expect(hardened!.message).toContain('disabled by its launch template HardenedTemplate');
    expect(hardened!.related).toEqual([
      {
        line: 48,
        column: 25,
        pointer: '/Resources/HardenedTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpEndpoint',
        message: 'metadata endpoint disabled by its launch template HardenedTemplate',
      },
    ]);
  });

  it('takes the account default into account and keeps Fn::If branches apart', () => {
    const tf = JSON.stringify(
      {
        resource: {
          aws_ec2_instance_metadata_defaults: { this: { http_endpoint: 'disabled' } },
          aws_instance: { app: { ami: 'ami-0c7217cdde317cfec', iam_instance_profile: 'app' } },
        },
      },
      null,
      2,
    );
    const [f] = scanText(rule, tf, 'main.tf.json');
    expect(f).toMatchObject({ resource: 'aws_instance.app', pointer: '/resource/aws_instance/app/iam_instance_profile' });
    expect(f!.message).toContain('disabled by the account default in aws_ec2_instance_metadata_defaults.this');

    const yaml = [
      'Conditions:',
      '  Sealed: !Equals [!Ref AWS::Region, eu-west-1]',
      'Resources:',
      '  Host:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      IamInstanceProfile: !If [Sealed, !Ref AWS::NoValue, app-profile]',
      '      MetadataOptions:',
      '        HttpEndpoint: !If [Sealed, disabled, enabled]',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });
});

describe('imds-disabled-with-profile on values known only at deploy time', () => {
  it('does not treat a parameter without a default as an attached profile', () => {
    const text = [
      'Parameters:',
      '  ProfileName: { Type: String }',
      'Resources:',
      '  Box:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-0c02fb55956c7d316',
      '      IamInstanceProfile: !Ref ProfileName',
      '      MetadataOptions: { HttpEndpoint: disabled }',
      '',
    ].join('\n');
    expect(scanText(rule, text, 'stack.yaml')).toEqual([]);
  });
});
