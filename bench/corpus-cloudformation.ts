import type { Random } from './random.js';

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'dynamodb:Query', 'logs:PutLogEvents', 'kms:Decrypt', 'ec2:Describe*', 'ssm:GetParameter'];

/** One CloudFormation template in YAML short form: instances, launch templates, roles, policies, buckets. */
export function cloudFormationYaml(rnd: Random, resources: number): string {
  const out: string[] = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Description: Generated service stack',
    'Parameters:',
    '  Env:',
    '    Type: String',
    '    Default: prod',
    '    AllowedValues: [dev, prod]',
    '  InstanceType:',
    '    Type: String',
    '    Default: t3.micro',
    'Conditions:',
    "  IsProd: !Equals [!Ref Env, prod]",
    'Resources:',
  ];
  for (let i = 0; i < resources; i += 4) {
    const n = i / 4;
    const tokens = rnd.chance(0.2) ? 'optional' : 'required';
    out.push(
      `  Role${n}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      RoleName: !Sub '\${AWS::StackName}-role-${n}'`,
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: ec2.amazonaws.com }',
      '            Action: sts:AssumeRole',
      '      Policies:',
      `        - PolicyName: app-${n}`,
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      '              - Effect: Allow',
      `                Action: [${rnd.pick(ACTIONS)}, ${rnd.pick(ACTIONS)}]`,
      rnd.chance(0.15) ? "                Resource: '*'" : `                Resource: !Sub 'arn:\${AWS::Partition}:s3:::bucket-${n}/*'`,
      `  Profile${n}:`,
      '    Type: AWS::IAM::InstanceProfile',
      '    Properties:',
      `      Roles: [!Ref Role${n}]`,
      `  Template${n}:`,
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        ImageId: ami-0abcdef1234567890',
      '        InstanceType: !Ref InstanceType',
      `        IamInstanceProfile: { Arn: !GetAtt Profile${n}.Arn }`,
      '        MetadataOptions:',
      `          HttpTokens: ${tokens}`,
      '          HttpPutResponseHopLimit: 1',
      '        UserData:',
      '          Fn::Base64: !Sub |',
      '            #!/bin/bash',
      '            yum install -y httpd',
      `            echo "stack \${AWS::StackName} node ${n}" > /var/www/html/index.html`,
      `  Instance${n}:`,
      '    Type: AWS::EC2::Instance',
      '    Condition: IsProd',
      '    Properties:',
      '      LaunchTemplate:',
      `        LaunchTemplateId: !Ref Template${n}`,
      `        Version: !GetAtt Template${n}.LatestVersionNumber`,
      "      SubnetId: !ImportValue network-private-subnet",
      '      Tags:',
      '        - Key: Name',
      `          Value: !Join ['-', [app, !Ref Env, '${n}']]`,
    );
  }
  return out.join('\n') + '\n';
}

/** The same kind of stack as CloudFormation JSON. */
export function cloudFormationJson(rnd: Random, resources: number): string {
  const res: Record<string, unknown> = {};
  for (let i = 0; i < resources; i += 3) {
    const n = i / 3;
    res[`Role${n}`] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        MaxSessionDuration: rnd.chance(0.1) ? 43200 : 3600,
        ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }],
      },
    };
    res[`Policy${n}`] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        Roles: [{ Ref: `Role${n}` }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: rnd.chance(0.1) ? 's3:*' : ['s3:GetObject', 's3:ListBucket'], Resource: [{ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::data-${n}` }, { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::data-${n}/*` }] },
            { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ],
        },
      },
    };
    res[`Instance${n}`] = {
      Type: 'AWS::EC2::Instance',
      Properties: {
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.small',
        MetadataOptions: { HttpTokens: rnd.chance(0.2) ? 'optional' : 'required', HttpEndpoint: 'enabled' },
        UserData: { 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\n', 'echo ', { Ref: 'AWS::Region' }, '\n']] } },
      },
    };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: res }, null, 2) + '\n';
}
