import { describe, expect, it } from 'vitest';
import rule from '../rules/imdsv1-allowed.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/imdsv1-allowed';
const TF = 'fixtures/terraform/imdsv1-allowed';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'LegacyServer error 48:21 /Resources/LegacyServer/Properties/MetadataOptions/HttpTokens',
    'DefaultServer warning 53:7 /Resources/DefaultServer/Properties',
    'WorkerTemplate warning 67:11 /Resources/WorkerTemplate/Properties/LaunchTemplateData/MetadataOptions',
    'BatchConfig error 87:21 /Resources/BatchConfig/Properties/MetadataOptions/HttpTokens',
    'AgentServer error 97:43 /Resources/AgentServer/Properties/MetadataOptions/HttpTokens/Fn::If/1',
  ],
  [`${CFN}/bad.json`]: [
    'LegacyServer error 81:25 /Resources/LegacyServer/Properties/MetadataOptions/HttpTokens',
    'DefaultServer warning 87:21 /Resources/DefaultServer/Properties',
    'WorkerTemplate warning 116:30 /Resources/WorkerTemplate/Properties/LaunchTemplateData/MetadataOptions',
    'BatchConfig error 156:25 /Resources/BatchConfig/Properties/MetadataOptions/HttpTokens',
    'AgentServer error 179:15 /Resources/AgentServer/Properties/MetadataOptions/HttpTokens/Fn::If/1',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_instance.legacy error 24:26 /resource/aws_instance/legacy/metadata_options/http_tokens',
    'aws_instance.default warning 28:18 /resource/aws_instance/default',
    'aws_launch_template.worker warning 42:29 /resource/aws_launch_template/worker/metadata_options',
    'aws_launch_configuration.batch error 67:28 /resource/aws_launch_configuration/batch/metadata_options/0/http_tokens',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_instance.legacy error 77:32 /planned_values/root_module/resources/2/values/metadata_options/0/http_tokens',
    'aws_launch_template.worker error 156:32 /planned_values/root_module/resources/3/values/metadata_options/0/http_tokens',
    'aws_launch_configuration.batch error 213:32 /planned_values/root_module/resources/4/values/metadata_options/0/http_tokens',
    // Computed in the plan but not written in `configuration`: not set, so the EC2 default applies.
    'aws_instance.default warning 233:21 /planned_values/root_module/resources/5/values',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('imdsv1-allowed on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    const got = scanFixture(rule, file);
    expect(got.map(brief)).toEqual(want);
    expect(new Set(got.map((f) => f.ruleId))).toEqual(new Set(['imdsv1-allowed']));
  });

  it.each(goods)('%s has no finding', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('says why: explicit value, parameter default, condition branch, EC2 default', () => {
    const [legacy, dflt, worker, batch, agent] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(legacy!.message).toBe(
      'Instance LegacyServer sets MetadataOptions.HttpTokens to optional, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.',
    );
    expect(dflt!.message).toBe(
      'Instance DefaultServer does not set MetadataOptions.HttpTokens, and the EC2 default allows IMDSv1 unless the AMI or the account default requires tokens; set MetadataOptions.HttpTokens to required.',
    );
    expect(worker!.message).toContain('Launch template WorkerTemplate does not set MetadataOptions.HttpTokens');
    expect(batch!.message).toContain('to optional (from the default of parameter BatchTokens)');
    expect(batch!.related).toEqual([{ line: 16, column: 14, pointer: '/Parameters/BatchTokens/Default', message: 'default of parameter BatchTokens' }]);
    expect(agent!.message).toContain('sets MetadataOptions.HttpTokens to optional (when condition UsesLegacyAgent is true)');
  });

  it('says what an absence in a plan rests on: known after apply there, and not written in its configuration', () => {
    // The plan's configuration leaves out dynamic blocks, so the message names the evidence.
    const dflt = scanFixture(rule, `${TF}/bad.plan.json`).find((f) => f.resource === 'aws_instance.default')!;
    expect(dflt.message).toBe(
      "Instance aws_instance.default does not set metadata_options.http_tokens (the plan shows it as known after apply and the plan's configuration does not write it), and the EC2 default allows IMDSv1 unless the AMI or the account default requires tokens; set metadata_options.http_tokens to required.",
    );
    const [tfDefault] = scanFixture(rule, `${TF}/bad/main.tf.json`).filter((f) => f.resource === 'aws_instance.default');
    expect(tfDefault!.message).not.toContain('plan');
  });

  it('names the Terraform settings as Terraform spells them', () => {
    const [legacy] = scanFixture(rule, `${TF}/bad/main.tf.json`);
    expect(legacy!.message).toContain('Instance aws_instance.legacy sets metadata_options.http_tokens to optional');
  });
});

describe('imdsv1-allowed follows EC2 precedence', () => {
  const tf = (resources: object) =>
    JSON.stringify({ provider: { aws: { region: 'eu-west-1' } }, resource: resources }, null, 2);

  it('reports an account default of optional as an error at the instance', () => {
    const text = tf({
      aws_ec2_instance_metadata_defaults: { this: { http_tokens: 'optional' } },
      aws_instance: { web: { ami: 'ami-0c7217cdde317cfec', instance_type: 't3.micro' } },
    });
    const [f, ...rest] = scanText(rule, text, 'main.tf.json');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ resource: 'aws_instance.web', severity: 'error', pointer: '/resource/aws_instance/web' });
    expect(f!.message).toContain('the account default in aws_ec2_instance_metadata_defaults.this is optional');
    expect(f!.related.map((r) => r.pointer)).toEqual(['/resource/aws_ec2_instance_metadata_defaults/this/http_tokens']);
  });

  it('treats an account default of no-preference as no default', () => {
    const text = tf({
      aws_ec2_instance_metadata_defaults: { this: { http_tokens: 'no-preference' } },
      aws_instance: { web: { ami: 'ami-0c7217cdde317cfec', instance_type: 't3.micro' } },
    });
    expect(scanText(rule, text, 'main.tf.json').map((f) => f.severity)).toEqual(['warning']);
  });

  it('trusts an AMI in the input whose imds_support is v2.0', () => {
    const text = tf({
      aws_ami: { golden: { name: 'golden', imds_support: 'v2.0', root_device_name: '/dev/xvda' } },
      aws_instance: {
        web: { ami: '${aws_ami.golden.id}', instance_type: 't3.micro' },
        other: { ami: 'ami-0c7217cdde317cfec', instance_type: 't3.micro' },
      },
    });
    expect(scanText(rule, text, 'main.tf.json').map(brief)).toEqual(['aws_instance.other warning 20:16 /resource/aws_instance/other']);
  });

  it('lets an instance setting override its launch template, both ways', () => {
    const yaml = [
      'Resources:',
      '  Strict:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        MetadataOptions:',
      '          HttpTokens: required',
      '  Loose:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !Ref Strict',
      '        Version: !GetAtt Strict.LatestVersionNumber',
      '      MetadataOptions:',
      '        HttpTokens: optional',
      '  Inherits:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !Ref Strict',
      '        Version: !GetAtt Strict.LatestVersionNumber',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml').map(brief)).toEqual(['Loose error 15:21 /Resources/Loose/Properties/MetadataOptions/HttpTokens']);
  });

  it('still reports a permissive template that an Auto Scaling group uses, even when an instance overrides it', () => {
    const yaml = [
      'Resources:',
      '  Shared:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        MetadataOptions:',
      '          HttpTokens: optional',
      '  Pinned:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !Ref Shared',
      '        Version: "1"',
      '      MetadataOptions:',
      '        HttpTokens: required',
      '  Group:',
      '    Type: AWS::AutoScaling::AutoScalingGroup',
      '    Properties:',
      '      MinSize: "1"',
      '      MaxSize: "2"',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !Ref Shared',
      '        Version: "1"',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml').map(brief)).toEqual([
      'Shared error 7:23 /Resources/Shared/Properties/LaunchTemplateData/MetadataOptions/HttpTokens',
    ]);
  });

  it('reports the branch of an Fn::If that leaves the setting out, naming the condition', () => {
    const yaml = [
      'Conditions:',
      '  Legacy: !Equals [!Ref AWS::Region, eu-west-1]',
      'Resources:',
      '  Web:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      ImageId: ami-0c7217cdde317cfec',
      '      MetadataOptions:',
      '        HttpTokens: !If [Legacy, !Ref AWS::NoValue, required]',
      '',
    ].join('\n');
    const [f, ...rest] = scanText(rule, yaml, 'template.yaml');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', line: 9, column: 9, pointer: '/Resources/Web/Properties/MetadataOptions' });
    expect(f!.message).toContain('does not set MetadataOptions.HttpTokens (when condition Legacy is true)');
  });

  it('stays silent when the metadata endpoint is off or the value is decided at deploy time', () => {
    const yaml = [
      'Parameters:',
      '  Tokens:',
      '    Type: String',
      'Resources:',
      '  Sealed:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      MetadataOptions:',
      '        HttpEndpoint: disabled',
      '        HttpTokens: optional',
      '  Decided:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      MetadataOptions:',
      '        HttpTokens: !Ref Tokens',
      '',
    ].join('\n');
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });
});

describe('imdsv1-allowed with an AMI looked up at plan time', () => {
  it('says nothing about an absent setting: the data source may return an AMI with imds_support v2.0', () => {
    const text = JSON.stringify({
      data: { aws_ami: { al2023: { most_recent: true, owners: ['amazon'], filter: [{ name: 'name', values: ['al2023-ami-*-x86_64'] }] } } },
      resource: { aws_instance: { app: { ami: '${data.aws_ami.al2023.id}', instance_type: 't3.micro', iam_instance_profile: 'app' } } },
    });
    expect(scanText(rule, text, 'main.tf.json')).toEqual([]);
  });
});

describe('imdsv1-allowed through YAML merge keys', () => {
  it('checks the merged settings and points at the alias they came through', () => {
    const got = scanFixture(rule, `${CFN}/merge-keys.yaml`);
    // ApiTemplate merges Hardened first and BatchTemplate writes its own MetadataOptions: both require tokens.
    expect(got.map(brief)).toEqual(['WebTemplate error 25:13 /Resources/WebTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpTokens']);
    expect(got[0]!.message).toContain('sets MetadataOptions.HttpTokens to optional');
  });
});
