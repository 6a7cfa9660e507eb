import { describe, expect, it } from 'vitest';
import rule from '../rules/missing-instance-profile.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/missing-instance-profile';
const TF = 'fixtures/terraform/missing-instance-profile';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'AppServer warning 21:7 /Resources/AppServer/Properties',
    'WebGroup warning 44:27 /Resources/WebGroup/Properties/LaunchTemplate/LaunchTemplateId',
    'CanaryServer warning 50:7 /Resources/CanaryServer/Properties',
    'JumpHost warning 79:7 /Resources/JumpHost/Properties',
    'BatchLaunchConfig note 89:7 /Resources/BatchLaunchConfig/Properties',
  ],
  [`${CFN}/bad.json`]: [
    'AppServer warning 33:21 /Resources/AppServer/Properties',
    'WebGroup warning 77:31 /Resources/WebGroup/Properties/LaunchTemplate/LaunchTemplateId',
    'CanaryServer warning 91:21 /Resources/CanaryServer/Properties',
    'JumpHost warning 149:21 /Resources/JumpHost/Properties',
    'BatchLaunchConfig note 180:21 /Resources/BatchLaunchConfig/Properties',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_instance.app warning 17:14 /resource/aws_instance/app',
    'aws_autoscaling_group.web warning 40:17 /resource/aws_autoscaling_group/web/launch_template/id',
    'aws_launch_configuration.batch note 46:16 /resource/aws_launch_configuration/batch',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_instance.app warning 22:21 /planned_values/root_module/resources/0/values',
    'aws_autoscaling_group.web warning 170:15 /planned_values/root_module/resources/2/values/launch_template/0/id',
    'aws_launch_configuration.batch note 219:21 /planned_values/root_module/resources/3/values',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('missing-instance-profile on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (profiles from templates, parameters and external templates)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('follows launch templates and names the condition of an Fn::If branch', () => {
    const [app, group, canary, jump, batch] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(app!.message).toBe(
      'Instance AppServer has no instance profile (IamInstanceProfile), so software on it gets no role credentials and tends to end up with long-term access keys; attach an instance profile whose role grants what the instance needs.',
    );
    expect(group!.message).toContain('Auto Scaling group WebGroup launches instances from WebTemplate with no instance profile');
    expect(group!.related).toEqual([{ line: 30, column: 7, pointer: '/Resources/WebTemplate/Properties', message: 'launch template WebTemplate sets no instance profile' }]);
    expect(canary!.message).toContain('Instance CanaryServer and its launch template WebTemplate set no instance profile');
    expect(jump!.message).toContain('has no instance profile (IamInstanceProfile) when condition HasBastion is false');
    expect(batch!.message).toContain('Launch configuration BatchLaunchConfig defines no instance profile (IamInstanceProfile)');
  });
});

describe('missing-instance-profile edge cases', () => {
  it('does not report an instance whose metadata endpoint is off (no credentials could reach it)', () => {
    const yaml = [
      'Resources:',
      '  Appliance:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-0c7217cdde317cfec',
      '      MetadataOptions:',
      '        HttpEndpoint: disabled',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });

  it('does not report a launch template whose only user in the input adds its own profile', () => {
    const yaml = [
      'Resources:',
      '  Base:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        InstanceType: t3.micro',
      '  WithProfile:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      IamInstanceProfile: shared-profile',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !Ref Base',
      '        Version: "1"',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });
});
