import { describe, expect, it } from 'vitest';
import rule from '../rules/instance-profile-role.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/instance-profile-role';
const TF = 'fixtures/terraform/instance-profile-role';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'ReportHost error 28:27 /Resources/ReportHost/Properties/IamInstanceProfile',
    'ReportTemplate error 39:16 /Resources/ReportTemplate/Properties/LaunchTemplateData/IamInstanceProfile/Arn',
    'ProcessorRole error 51:15 /Resources/ProcessorRole/Properties/AssumeRolePolicyDocument/Statement/0/Principal',
  ],
  [`${CFN}/bad.json`]: [
    'ReportHost error 40:31 /Resources/ReportHost/Properties/IamInstanceProfile',
    'ReportTemplate error 57:20 /Resources/ReportTemplate/Properties/LaunchTemplateData/IamInstanceProfile/Arn',
    'ProcessorRole error 78:28 /Resources/ProcessorRole/Properties/AssumeRolePolicyDocument/Statement/0/Principal',
  ],
  // The trust policy is a JSON string: its principal is located inside the string.
  [`${TF}/bad/main.tf.json`]: [
    'aws_iam_role.processor error 22:111 /Statement/0/Principal',
    'aws_iam_instance_profile.spare error 30:16 /resource/aws_iam_instance_profile/spare',
    'aws_instance.report error 38:33 /resource/aws_instance/report/iam_instance_profile',
    'aws_launch_template.report error 53:42 /resource/aws_launch_template/report/iam_instance_profile/arn',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_iam_role.processor error 38:118 /Statement/0/Principal',
    'aws_iam_instance_profile.spare error 77:21 /planned_values/root_module/resources/3/values',
    'aws_instance.report error 99:37 /planned_values/root_module/resources/4/values/iam_instance_profile',
    'aws_launch_template.report error 224:15 /planned_values/root_module/resources/6/values/iam_instance_profile/0/arn',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('instance-profile-role on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (URLSuffix principals, data sources, roles from parameters)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('points at the other end of each link', () => {
    const [host, template, trust] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(host!.message).toBe(
      'Instance ReportHost sets IamInstanceProfile to role ReportRole, not to an instance profile, and only the console creates a profile for a role; create an instance profile with this role and reference the profile.',
    );
    expect(host!.related).toEqual([{ line: 12, column: 7, pointer: '/Resources/ReportRole/Properties', message: 'role ReportRole' }]);
    expect(template!.message).toContain('Launch template ReportTemplate sets IamInstanceProfile.Arn to role ReportRole');
    expect(trust!.message).toContain('Role ProcessorRole, used by instance profile ProcessorProfile, has a trust policy that does not allow ec2.amazonaws.com to call sts:AssumeRole');
    expect(trust!.related).toEqual([
      { line: 60, column: 11, pointer: '/Resources/ProcessorProfile/Properties/Roles/0', message: 'wrapped by instance profile ProcessorProfile' },
      { line: 67, column: 27, pointer: '/Resources/Processor/Properties/IamInstanceProfile', message: 'attached by Instance Processor' },
    ]);
  });

  it('reports a profile without a role in Terraform', () => {
    const spare = scanFixture(rule, `${TF}/bad/main.tf.json`)[1]!;
    expect(spare.message).toBe(
      'Instance profile aws_iam_instance_profile.spare has no role, so instances it is attached to get no credentials; add the role the instances should use.',
    );
  });
});

describe('instance-profile-role proof', () => {
  const template = (resources: string[]) => ['Resources:', ...resources.map((l) => '  ' + l), ''].join('\n');

  it('reports a role ARN written where a profile belongs, and a reference to something that is not a profile', () => {
    const yaml = template([
      'Group:',
      '  Type: AWS::EC2::SecurityGroup',
      '  Properties:',
      '    GroupDescription: web',
      'ByArn:',
      '  Type: AWS::EC2::LaunchTemplate',
      '  Properties:',
      '    LaunchTemplateData:',
      '      IamInstanceProfile:',
      '        Arn: arn:aws:iam::111122223333:role/web',
      'ByRef:',
      '  Type: AWS::EC2::Instance',
      '  Properties:',
      '    IamInstanceProfile: !Ref Group',
    ]);
    expect(scanText(rule, yaml, 'template.yaml').map((f) => `${brief(f)} | ${f.message.split(',')[0]}`)).toEqual([
      'ByArn error 11:16 /Resources/ByArn/Properties/LaunchTemplateData/IamInstanceProfile/Arn | Launch template ByArn sets IamInstanceProfile.Arn to a role ARN',
      'ByRef error 15:27 /Resources/ByRef/Properties/IamInstanceProfile | Instance ByRef sets IamInstanceProfile to Group (AWS::EC2::SecurityGroup)',
    ]);
  });

  it('does not pick one of two roles given the same name for a profile that names it', () => {
    const role = (id: string, service: string) => [
      `${id}:`,
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    RoleName: app-role',
      '    AssumeRolePolicyDocument:',
      '      Statement:',
      `        - { Effect: Allow, Principal: { Service: ${service} }, Action: sts:AssumeRole }`,
    ];
    const profile = ['Profile:', '  Type: AWS::IAM::InstanceProfile', '  Properties:', '    Roles: [app-role]'];
    // Which role the literal means is not proven (the stack cannot create both); the first is not guessed.
    expect(scanText(rule, template([...role('LambdaRole', 'lambda.amazonaws.com'), ...role('HostRole', 'ec2.amazonaws.com'), ...profile]), 'template.yaml')).toEqual([]);
    // One role of that name: the literal is linked, and its trust policy judged.
    expect(scanText(rule, template([...role('LambdaRole', 'lambda.amazonaws.com'), ...profile]), 'template.yaml').map(brief)).toEqual([
      'LambdaRole error 8:41 /Resources/LambdaRole/Properties/AssumeRolePolicyDocument/Statement/0/Principal',
    ]);

    const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
    const tf = (roles: Record<string, string>) =>
      JSON.stringify(
        {
          resource: {
            aws_iam_role: Object.fromEntries(Object.entries(roles).map(([name, service]) => [name, { name: 'app-role', assume_role_policy: trust(service) }])),
            aws_iam_instance_profile: { host: { name: 'host', role: 'app-role' } },
          },
        },
        null,
        2,
      );
    expect(scanText(rule, tf({ lambda: 'lambda.amazonaws.com', host: 'ec2.amazonaws.com' }), 'main.tf.json')).toEqual([]);
    expect(scanText(rule, tf({ lambda: 'lambda.amazonaws.com' }), 'main.tf.json').map(brief)).toEqual(['aws_iam_role.lambda error 6:111 /Statement/0/Principal']);
  });

  it('stays silent on stack outputs, custom resources and parameters', () => {
    const yaml = template([
      'Shared:',
      '  Type: AWS::CloudFormation::Stack',
      '  Properties:',
      '    TemplateURL: https://s3.amazonaws.com/templates-111122223333/iam.yaml',
      'Lookup:',
      '  Type: Custom::ProfileLookup',
      '  Properties:',
      '    ServiceToken: arn:aws:lambda:eu-west-1:111122223333:function:lookup',
      'FromStack:',
      '  Type: AWS::EC2::Instance',
      '  Properties:',
      '    IamInstanceProfile: !GetAtt Shared.Outputs.ProfileName',
      'FromCustom:',
      '  Type: AWS::EC2::Instance',
      '  Properties:',
      '    IamInstanceProfile: !GetAtt Lookup.Name',
      'ByName:',
      '  Type: AWS::EC2::Instance',
      '  Properties:',
      '    IamInstanceProfile: platform-baseline',
    ]);
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });

  it('does not judge a trust policy it cannot read, and accepts EC2 among other principals', () => {
    const yaml = template([
      'Opaque:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    AssumeRolePolicyDocument: !ImportValue shared-trust-policy',
      'Mixed:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    AssumeRolePolicyDocument:',
      '      Statement:',
      '        - Effect: Allow',
      '          Principal: { Service: [ssm.amazonaws.com, ec2.amazonaws.com] }',
      '          Action: ["sts:AssumeRole", "sts:TagSession"]',
      'P1:',
      '  Type: AWS::IAM::InstanceProfile',
      '  Properties:',
      '    Roles: [!Ref Opaque]',
      'P2:',
      '  Type: AWS::IAM::InstanceProfile',
      '  Properties:',
      '    Roles: [!Ref Mixed]',
    ]);
    expect(scanText(rule, yaml, 'template.yaml')).toEqual([]);
  });

  it('honours an explicit Deny of EC2 in the trust policy', () => {
    const yaml = template([
      'Blocked:',
      '  Type: AWS::IAM::Role',
      '  Properties:',
      '    AssumeRolePolicyDocument:',
      '      Statement:',
      '        - Effect: Allow',
      '          Principal: { Service: ec2.amazonaws.com }',
      '          Action: sts:AssumeRole',
      '        - Effect: Deny',
      '          Principal: "*"',
      '          Action: "sts:*"',
      'Profile:',
      '  Type: AWS::IAM::InstanceProfile',
      '  Properties:',
      '    Roles: [!Ref Blocked]',
    ]);
    expect(scanText(rule, yaml, 'template.yaml').map(brief)).toEqual([
      'Blocked error 8:24 /Resources/Blocked/Properties/AssumeRolePolicyDocument/Statement/0/Principal',
    ]);
  });
});

describe('instance-profile-role on references a template does not define', () => {
  it('reports the instance and the profile at the dangling references', () => {
    expect(scanFixture(rule, `${CFN}/bad-undefined-reference.yaml`).map(brief)).toEqual([
      'WorkerProfile error 21:11 /Resources/WorkerProfile/Properties/Roles/0',
      'Worker error 28:27 /Resources/Worker/Properties/IamInstanceProfile',
    ]);
  });

  it('stays silent in Terraform, where other files of the module may define the resource', () => {
    const text = JSON.stringify({
      resource: { aws_instance: { app: { ami: 'ami-0c02fb55956c7d316', instance_type: 't3.micro', iam_instance_profile: '${aws_iam_instance_profile.elsewhere.name}', metadata_options: { http_tokens: 'required' } } } },
    });
    expect(scanText(rule, text, 'main.tf.json')).toEqual([]);
  });
});

describe('instance-profile-role on a trust policy with statements the template does not show', () => {
  it('does not claim that EC2 cannot assume the role', () => {
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: lambda.amazonaws.com }',
      '            Action: sts:AssumeRole',
      '          - !ImportValue shared-ec2-trust-statement',
      '  Profile:',
      '    Type: AWS::IAM::InstanceProfile',
      '    Properties:',
      '      Roles: [!Ref Role]',
      '',
    ].join('\n');
    expect(scanText(rule, text, 'stack.yaml')).toEqual([]);
    expect(scanText(rule, text.replace('          - !ImportValue shared-ec2-trust-statement\n', ''), 'stack.yaml').map((f) => f.ruleId)).toEqual(['instance-profile-role']);
  });
});
