import { describe, expect, it } from 'vitest';
import { adapt } from '../src/adapt/index.js';
import { loadText } from '../src/load/index.js';
import {
  decodeBase64Text,
  effectiveInstanceProfile,
  effectiveMetadata,
  onlyEc2CanAssume,
  nameOf,
  qualifiedNameOf,
  trustAllowsEc2,
  userDataTexts,
} from '../src/model/ec2.js';
import type { Launcher, Model, Role } from '../src/model/model.js';
import { Node } from '../src/model/node.js';
import type { Json } from '../src/model/source.js';
import { fakeDoc } from './helpers/fake-doc.js';

function model(text: string, file: string): Model {
  const outcome = loadText(text, file);
  if (outcome.status !== 'loaded') throw new Error(`${file} did not load`);
  return adapt([outcome.doc]);
}

const tf = (resources: object) => JSON.stringify({ resource: resources }, null, 2);
const launcher = (m: Model, id: string): Launcher => m.launchers.find((l) => l.resource.id === id)!;
const role = (m: Model, id: string): Role => m.roles.find((r) => r.resource.id === id)!;

describe('effectiveMetadata', () => {
  it('decides each option separately: own setting, launch template, account default, AMI, EC2 default', () => {
    const m = model(
      tf({
        aws_ec2_instance_metadata_defaults: { acct: { http_endpoint: 'enabled', http_tokens: 'no-preference' } },
        aws_ami: { v2: { name: 'v2', imds_support: 'v2.0' } },
        aws_launch_template: { lt: { metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 2 } } },
        aws_instance: {
          own: { ami: 'ami-0c7217cdde317cfec', metadata_options: { http_tokens: 'optional' }, launch_template: { id: '${aws_launch_template.lt.id}' } },
          inherits: { launch_template: { id: '${aws_launch_template.lt.id}' } },
          image: { ami: '${aws_ami.v2.id}' },
          bare: { ami: 'ami-0c7217cdde317cfec' },
        },
      }),
      'main.tf.json',
    );
    const sources = (id: string, field: 'httpTokens' | 'httpEndpoint' | 'hopLimit') =>
      effectiveMetadata(m, launcher(m, `aws_instance.${id}`), field).map((s) => `${s.source}=${s.value.state === 'known' ? String(s.value.value) : s.value.state}`);
    expect(sources('own', 'httpTokens')).toEqual(['own=optional']);
    expect(sources('own', 'hopLimit')).toEqual(['template=2']);
    expect(sources('inherits', 'httpTokens')).toEqual(['template=required']);
    expect(sources('inherits', 'httpEndpoint')).toEqual(['account-default=enabled']);
    expect(sources('image', 'httpTokens')).toEqual(['image=required']);
    expect(sources('bare', 'httpTokens')).toEqual(['ec2-default=absent']);
    expect(sources('bare', 'hopLimit')).toEqual(['ec2-default=absent']);
  });

  it('is unknown when the launch template is outside the input', () => {
    const m = model(tf({ aws_instance: { ext: { launch_template: { id: '${var.template_id}' } } } }), 'main.tf.json');
    const [s, ...rest] = effectiveMetadata(m, launcher(m, 'aws_instance.ext'), 'httpTokens');
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ source: 'template', value: { state: 'unknown' } });
  });

  it('keeps Fn::If branches apart and carries their condition', () => {
    const yaml = [
      'Conditions:',
      '  Strict: !Equals [!Ref AWS::Region, eu-west-1]',
      'Resources:',
      '  Web:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      MetadataOptions:',
      '        HttpTokens: !If [Strict, required, !Ref AWS::NoValue]',
      '',
    ].join('\n');
    const m = model(yaml, 'template.yaml');
    expect(
      effectiveMetadata(m, launcher(m, 'Web'), 'httpTokens').map((s) => `${s.source} ${s.via?.condition?.name}=${s.via?.condition?.branch}`),
    ).toEqual(['own Strict=true', 'ec2-default Strict=false']);
  });
});

describe('effectiveInstanceProfile', () => {
  it('takes the own profile, else the template one, else none', () => {
    const m = model(
      tf({
        aws_iam_instance_profile: { p: { role: 'r' } },
        aws_launch_template: { with: { iam_instance_profile: { name: '${aws_iam_instance_profile.p.name}' } }, without: { instance_type: 't3.micro' } },
        aws_instance: {
          own: { iam_instance_profile: '${aws_iam_instance_profile.p.name}' },
          via: { launch_template: { id: '${aws_launch_template.with.id}' } },
          none: { launch_template: { id: '${aws_launch_template.without.id}' } },
        },
      }),
      'main.tf.json',
    );
    const of = (id: string) => effectiveInstanceProfile(launcher(m, `aws_instance.${id}`)).map((p) => `${p.source} ${p.launcher?.resource.id ?? '-'} ${p.links.length}`);
    expect(of('own')).toEqual(['own aws_instance.own 1']);
    expect(of('via')).toEqual(['template aws_launch_template.with 1']);
    expect(of('none')).toEqual(['none - 0']);
  });
});

describe('trust policies', () => {
  const roles = (statements: object[]) =>
    model(
      tf({
        aws_iam_role: Object.fromEntries(
          statements.map((s, i) => [`r${i}`, { assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [s].flat() }) }]),
        ),
      }),
      'main.tf.json',
    );
  const ec2 = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

  it('says whether EC2 may assume the role', () => {
    const m = roles([
      ec2,
      { ...ec2, Principal: { Service: 'lambda.amazonaws.com' } },
      { ...ec2, Action: 'sts:*' },
      { ...ec2, Principal: '*' },
      { ...ec2, Principal: { Service: ['ssm.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
      [ec2, { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      [ec2, { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
      { ...ec2, Action: 'sts:AssumeRoleWithWebIdentity' },
      { ...ec2, NotAction: 'iam:*', Action: undefined },
    ]);
    expect(m.roles.map((r) => trustAllowsEc2(r))).toEqual(['yes', 'no', 'yes', 'yes', 'yes', 'no', 'yes', 'no', 'yes']);
  });

  it('is unknown when the principal is only known at deploy time, and yes for ec2.<URL suffix>', () => {
    const yaml = [
      'Parameters:',
      '  Svc:',
      '    Type: String',
      'Resources:',
      '  Suffix:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: !Sub "ec2.${AWS::URLSuffix}" }',
      '            Action: sts:AssumeRole',
      '  Param:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: !Ref Svc }',
      '            Action: sts:AssumeRole',
      '',
    ].join('\n');
    const m = model(yaml, 'template.yaml');
    expect(trustAllowsEc2(role(m, 'Suffix'))).toBe('yes');
    expect(trustAllowsEc2(role(m, 'Param'))).toBe('unknown');
  });

  it('says whether only EC2 can assume the role', () => {
    const m = roles([
      ec2,
      { ...ec2, Principal: { Service: ['ec2.amazonaws.com', 'ssm.amazonaws.com'] } },
      [ec2, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }],
      [ec2, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject' }],
      { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
    ]);
    expect(m.roles.map((r) => onlyEc2CanAssume(r))).toEqual(['yes', 'no', 'no', 'yes', 'no']);
  });
});

describe('user data', () => {
  it('decodes base64 scripts and leaves other strings alone', () => {
    const script = '#!/bin/bash\necho hello\n';
    expect(decodeBase64Text(Buffer.from(script).toString('base64'))).toBe(script);
    expect(decodeBase64Text('dGVzdA==')).toBeUndefined(); // too short to be a script
    expect(decodeBase64Text('not base64 at all, just words')).toBeUndefined();
    expect(decodeBase64Text(Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5]).toString('base64'))).toBeUndefined();
  });

  it('gives the literal parts of the user data, its resolved text and the decoded text', () => {
    const yaml = [
      'Parameters:',
      '  Bucket:',
      '    Type: String',
      '    Default: artifacts',
      'Resources:',
      '  Web:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      UserData:',
      '        Fn::Base64: !Join ["", ["#!/bin/bash\\n", "aws s3 cp s3://", !Ref Bucket, "/app.tgz /opt\\n"]]',
      '',
    ].join('\n');
    const m = model(yaml, 'template.yaml');
    const texts = userDataTexts(launcher(m, 'Web')).map((t) => `${t.node.pointer()} ${JSON.stringify(t.text)}`);
    expect(texts).toContain('/Resources/Web/Properties/UserData/Fn::Base64/Fn::Join/1/1 "aws s3 cp s3://"');
    expect(texts).toContain('/Resources/Web/Properties/UserData/Fn::Base64 "#!/bin/bash\\naws s3 cp s3://artifacts/app.tgz /opt\\n"');
  });
});

describe('names in messages', () => {
  it('qualifies generic names with their parent and skips intrinsics and indexes', () => {
    const doc = fakeDoc({});
    const at = (...path: (string | number)[]) => new Node(doc, path, undefined);
    expect(qualifiedNameOf(at('Resources', 'T', 'Properties', 'LaunchTemplateData', 'IamInstanceProfile', 'Arn'), 'x')).toBe('IamInstanceProfile.Arn');
    expect(qualifiedNameOf(at('resource', 'aws_launch_template', 't', 'iam_instance_profile', 0, 'name'), 'x')).toBe('iam_instance_profile.name');
    expect(qualifiedNameOf(at('Resources', 'I', 'Properties', 'IamInstanceProfile', 'Fn::If', 1), 'x')).toBe('IamInstanceProfile');
    expect(qualifiedNameOf(at(), 'fallback')).toBe('fallback');
  });

  it('gives the same names for nodes reached by walking, without building their paths', () => {
    const doc = fakeDoc({ Resources: { T: { Properties: { LaunchTemplateData: { IamInstanceProfile: { Arn: { 'Fn::If': ['C', 'a', 'b'] } } } } } } });
    const base = new Node(doc, ['Resources', 'T'], (doc.root as { Resources: { T: Json } }).Resources.T);
    const branch = base.at('Properties', 'LaunchTemplateData', 'IamInstanceProfile', 'Arn', 'Fn::If', 1)!;
    expect(qualifiedNameOf(branch, 'x')).toBe('IamInstanceProfile.Arn');
    expect(nameOf(branch, 'x')).toBe('Arn');
    const profile = base.at('Properties', 'LaunchTemplateData', 'IamInstanceProfile')!;
    expect(qualifiedNameOf(profile, 'x')).toBe('IamInstanceProfile');
    // The walk goes on into the stored path above the first node: here the only names are up there.
    expect(qualifiedNameOf(new Node(doc, ['Resources', 'T', 'Arn'], null).child(0).child(1), 'x')).toBe('T.Arn');
    expect(nameOf(Node.root(doc).child(0), 'fallback')).toBe('fallback');
    expect(branch.lastKeys(3, (k) => typeof k === 'string')).toEqual(['IamInstanceProfile', 'Arn', 'Fn::If']);
    expect(branch.lastKeys(9, () => true)).toEqual(['Resources', 'T', 'Properties', 'LaunchTemplateData', 'IamInstanceProfile', 'Arn', 'Fn::If', 1]);
  });
});
