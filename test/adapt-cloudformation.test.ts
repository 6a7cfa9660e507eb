import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptCloudFormation } from '../src/adapt/cloudformation.js';
import { loadText } from '../src/load/index.js';
import type { Model } from '../src/model/model.js';
import { Node } from '../src/model/node.js';
import type { Json } from '../src/model/source.js';
import { fakeDoc } from './helpers/fake-doc.js';
import { launcher, policy, role, shape } from './helpers/model-views.js';

function model(resources: Record<string, Json>, extra: Record<string, Json> = {}): Model {
  return adaptCloudFormation(fakeDoc({ AWSTemplateFormatVersion: '2010-09-09', ...extra, Resources: resources }));
}

const TRUST_EC2: Json = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

describe('resources and template problems', () => {
  it('makes a Resource of every entry, with Properties (or where they would be) and Condition', () => {
    const m = model({
      Web: { Type: 'AWS::EC2::Instance', Condition: 'IsProd', Properties: { ImageId: 'ami-1' } },
      Topic: { Type: 'AWS::SNS::Topic' },
      Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://example.com/t.yaml' } },
    });
    expect(m.resources.map((r) => [r.id, r.type, r.node.pointer(), r.properties.pointer(), r.condition])).toEqual([
      ['Web', 'AWS::EC2::Instance', '/Resources/Web', '/Resources/Web/Properties', 'IsProd'],
      ['Topic', 'AWS::SNS::Topic', '/Resources/Topic', '/Resources/Topic/Properties', undefined],
      ['Nested', 'AWS::CloudFormation::Stack', '/Resources/Nested', '/Resources/Nested/Properties', undefined],
    ]);
    expect(m.resources[1]!.properties.value).toBeUndefined();
    expect(m.problems).toEqual([]);
  });

  it('reports Resources that is not a mapping', () => {
    const m = adaptCloudFormation(fakeDoc({ AWSTemplateFormatVersion: '2010-09-09', Resources: ['a'] }));
    expect(m.problems.map((p) => [p.node.pointer(), p.message])).toEqual([
      ['/Resources', 'Resources is not a mapping of logical ids to resource definitions'],
    ]);
    expect(m.resources).toEqual([]);
  });

  it('reports resources without a mapping, a Type or mapping Properties, and skips Fn::ForEach loops', () => {
    const m = model({
      Bad: 'oops',
      NoType: { Properties: {} },
      NumType: { Type: 5 },
      StrProps: { Type: 'AWS::SNS::Topic', Properties: 'x' },
      'Fn::ForEach::Topics': ['T', ['A', 'B'], { 'Topic${T}': { Type: 'AWS::SNS::Topic' } }],
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/resources.yaml' } },
    });
    expect(m.problems.map((p) => [p.node.pointer(), p.message])).toEqual([
      ['/Resources/Bad', 'resource Bad is not a mapping with Type and Properties'],
      ['/Resources/NoType', 'resource NoType has no Type'],
      ['/Resources/NumType/Type', 'the Type of resource NumType is not a string'],
      ['/Resources/StrProps/Properties', 'the Properties of resource StrProps are not a mapping'],
    ]);
    expect(m.resources.map((r) => r.id)).toEqual(['StrProps']);
  });

  it('reports a template that is not a mapping', () => {
    const m = adaptCloudFormation(fakeDoc(['Resources']));
    expect(m.problems.map((p) => p.message)).toEqual(['the template is not a mapping of sections (Parameters, Resources, Outputs, …)']);
  });

  it('finds the resource of a node and resolves through the model', () => {
    const m = model({ Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: { Ref: 'Ami' } } } }, { Parameters: { Ami: { Type: 'String', Default: 'ami-9' } } });
    const node = Node.root(m.documents[0]!).at('Resources', 'Web', 'Properties', 'ImageId')!;
    expect(m.resourceAt(node)?.id).toBe('Web');
    expect(m.resourceAt(Node.root(m.documents[0]!).at('Parameters')!)).toBeUndefined();
    expect(shape(m.resolve(node))).toEqual([{ known: 'ami-9', at: '/Resources/Web/Properties/ImageId' }]);
  });
});

describe('launchers', () => {
  const resources: Record<string, Json> = {
    Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'web-role', AssumeRolePolicyDocument: TRUST_EC2 } },
    Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { InstanceProfileName: 'web-profile', Roles: [{ Ref: 'Role' }] } },
    StackProfile: { Type: 'AWS::IAM::InstanceProfile', Properties: { InstanceProfileName: { 'Fn::Sub': '${AWS::StackName}-profile' }, Roles: ['web-role'] } },
    Template: {
      Type: 'AWS::EC2::LaunchTemplate',
      Metadata: { 'AWS::CloudFormation::Init': { config: { commands: { hello: { command: 'echo hi' } } } } },
      Properties: {
        LaunchTemplateName: { 'Fn::Sub': '${AWS::StackName}-web' },
        LaunchTemplateData: {
          ImageId: 'ami-123',
          IamInstanceProfile: { Arn: { 'Fn::GetAtt': ['Profile', 'Arn'] } },
          MetadataOptions: { HttpTokens: { 'Fn::If': ['Strict', 'required', 'optional'] }, HttpPutResponseHopLimit: 2 },
          UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\necho ${Env}' } },
        },
      },
    },
    NamedTemplate: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: { LaunchTemplateName: 'named-lt', LaunchTemplateData: { IamInstanceProfile: { Name: { Ref: 'Role' } } } },
    },
    Config: {
      Type: 'AWS::AutoScaling::LaunchConfiguration',
      Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', IamInstanceProfile: 'web-profile', MetadataOptions: { HttpTokens: 'optional' } },
    },
    ByRef: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'Template' }, Version: { 'Fn::GetAtt': ['Template', 'LatestVersionNumber'] } } } },
    ByName: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateName: 'named-lt', Version: '1' } } },
    BySubName: {
      Type: 'AWS::EC2::Instance',
      Properties: { LaunchTemplate: { LaunchTemplateName: { 'Fn::Sub': '${AWS::StackName}-web' }, Version: '$Latest' } },
    },
    External: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateId: { 'Fn::ImportValue': 'shared-lt' } } } },
    LiteralId: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateId: 'lt-0abc', Version: '3' } } },
    Plain: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        ImageId: { Ref: 'Ami' },
        IamInstanceProfile: { Ref: 'Role' },
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
      },
    },
    Bare: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', IamInstanceProfile: { 'Fn::If': ['UseProfile', { Ref: 'Profile' }, { Ref: 'AWS::NoValue' }] } } },
    ByArn: { Type: 'AWS::EC2::Instance', Properties: { IamInstanceProfile: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:instance-profile/${Role}' } } },
    ByStackName: { Type: 'AWS::EC2::Instance', Properties: { IamInstanceProfile: { 'Fn::Sub': '${AWS::StackName}-profile' } } },
    Unmatched: { Type: 'AWS::EC2::Instance', Properties: { IamInstanceProfile: 'made-in-console' } },
    Group: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: { MinSize: '1', MaxSize: '2', LaunchConfigurationName: { Ref: 'Config' } },
    },
    Mixed: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: {
        MinSize: '1',
        MaxSize: '2',
        MixedInstancesPolicy: {
          LaunchTemplate: {
            LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Template' }, Version: '1' },
            Overrides: [{ InstanceType: 't3.micro' }, { InstanceType: 'm6g.large', LaunchTemplateSpecification: { LaunchTemplateName: 'named-lt', Version: '1' } }],
          },
        },
      },
    },
    Spot: {
      Type: 'AWS::EC2::SpotFleet',
      Properties: {
        SpotFleetRequestConfigData: {
          IamFleetRole: 'arn:aws:iam::123456789012:role/fleet',
          TargetCapacity: 2,
          LaunchSpecifications: [
            { ImageId: 'ami-1', IamInstanceProfile: { Arn: { 'Fn::GetAtt': ['Profile', 'Arn'] } } },
            { ImageId: 'ami-2', UserData: 'ZWNobw==' },
          ],
        },
      },
    },
    Fleet: {
      Type: 'AWS::EC2::EC2Fleet',
      Properties: {
        TargetCapacitySpecification: { TotalTargetCapacity: 1 },
        LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Template' }, Version: '1' } }],
      },
    },
  };
  const m = model(resources, {
    Parameters: { Env: { Type: 'String', Default: 'prod' }, Ami: { Type: 'AWS::EC2::Image::Id' } },
    Conditions: { Strict: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, UseProfile: { 'Fn::Equals': ['a', 'a'] } },
  });

  it('makes a launcher of each launching resource, of the right kind', () => {
    expect(m.launchers.map((l) => [l.resource.id, l.kind])).toEqual([
      ['Template', 'launch-template'],
      ['NamedTemplate', 'launch-template'],
      ['Config', 'launch-configuration'],
      ['ByRef', 'instance'],
      ['ByName', 'instance'],
      ['BySubName', 'instance'],
      ['External', 'instance'],
      ['LiteralId', 'instance'],
      ['Plain', 'instance'],
      ['Bare', 'instance'],
      ['ByArn', 'instance'],
      ['ByStackName', 'instance'],
      ['Unmatched', 'instance'],
      ['Group', 'auto-scaling-group'],
      ['Mixed', 'auto-scaling-group'],
      ['Spot', 'spot-fleet'],
      ['Fleet', 'ec2-fleet'],
    ]);
  });

  it("reads an instance's own MetadataOptions", () => {
    const l = launcher(m, 'Plain');
    expect(shape(l.metadata.httpTokens)).toEqual([{ known: 'required', at: '/Resources/Plain/Properties/MetadataOptions/HttpTokens' }]);
    expect(shape(l.metadata.httpEndpoint)).toEqual([{ known: 'enabled', at: '/Resources/Plain/Properties/MetadataOptions/HttpEndpoint' }]);
    expect(shape(l.metadata.hopLimit)).toEqual([{ absent: '/Resources/Plain/Properties/MetadataOptions/HttpPutResponseHopLimit' }]);
    expect(l.metadata.block[0]).toMatchObject({ state: 'known', value: { HttpTokens: 'required', HttpEndpoint: 'enabled' } });
  });

  it('is absent where MetadataOptions would be when an instance has none', () => {
    const l = launcher(m, 'Bare');
    expect(shape(l.metadata.block)).toEqual([{ absent: '/Resources/Bare/Properties/MetadataOptions' }]);
    expect(shape(l.metadata.httpTokens)).toEqual([{ absent: '/Resources/Bare/Properties/MetadataOptions/HttpTokens' }]);
  });

  it('treats an empty YAML mapping (null) as setting nothing, and a non-mapping as unknown', () => {
    const odd = model({
      Empty: { Type: 'AWS::EC2::Instance', Properties: { MetadataOptions: null } },
      NoProps: { Type: 'AWS::EC2::Instance', Properties: null },
      Wrong: { Type: 'AWS::EC2::Instance', Properties: { MetadataOptions: 'required' } },
    });
    expect(shape(launcher(odd, 'Empty').metadata.httpTokens)).toEqual([{ absent: '/Resources/Empty/Properties/MetadataOptions/HttpTokens' }]);
    expect(shape(launcher(odd, 'NoProps').instanceProfile)).toEqual([{ absent: '/Resources/NoProps/Properties/IamInstanceProfile' }]);
    expect(shape(launcher(odd, 'Wrong').metadata.httpTokens)).toEqual([
      { unknown: 'HttpTokens cannot be read: its parent is not a mapping', at: '/Resources/Wrong/Properties/MetadataOptions' },
    ]);
    expect(odd.problems).toEqual([]);
  });

  it('reads a launch template: metadata with Fn::If branches, profile ARN, user data, image, cfn-init metadata', () => {
    const l = launcher(m, 'Template');
    const data = '/Resources/Template/Properties/LaunchTemplateData';
    expect(shape(l.metadata.httpTokens)).toEqual([
      { known: 'required', at: `${data}/MetadataOptions/HttpTokens/Fn::If/1` },
      { known: 'optional', at: `${data}/MetadataOptions/HttpTokens/Fn::If/2` },
    ]);
    expect(l.metadata.httpTokens[1]!.via?.condition).toEqual({ name: 'Strict', branch: false });
    expect(shape(l.metadata.hopLimit)).toEqual([{ known: 2, at: `${data}/MetadataOptions/HttpPutResponseHopLimit` }]);
    expect(shape(l.instanceProfile)).toEqual([{ unknown: 'attribute Arn of resource Profile (AWS::IAM::InstanceProfile) is known only after deployment', at: `${data}/IamInstanceProfile/Arn` }]);
    expect(l.instanceProfileLinks).toHaveLength(1);
    expect(l.instanceProfileLinks[0]).toMatchObject({ targetId: 'Profile', attribute: 'Arn' });
    expect(l.instanceProfileLinks[0]!.target?.resource.id).toBe('Profile');
    expect(shape(l.userData)).toEqual([{ known: '#!/bin/bash\necho prod', at: `${data}/UserData/Fn::Base64` }]);
    expect(shape(l.imageId)).toEqual([{ known: 'ami-123', at: `${data}/ImageId` }]);
    expect(l.initMetadata?.pointer()).toBe('/Resources/Template/Metadata/AWS::CloudFormation::Init');
    expect(l.templates).toEqual([]);
    expect(l.templatesUnknown).toBe(false);
  });

  it('links a profile property that points at a role: the classic mistake', () => {
    const l = launcher(m, 'Plain');
    expect(l.instanceProfileLinks).toHaveLength(1);
    const link = l.instanceProfileLinks[0]!;
    expect(link.targetId).toBe('Role');
    expect(link.targetResource?.type).toBe('AWS::IAM::Role');
    expect(link.target).toBeUndefined();
    expect(link.node.pointer()).toBe('/Resources/Plain/Properties/IamInstanceProfile');
    const named = launcher(m, 'NamedTemplate').instanceProfileLinks[0]!;
    expect([named.targetResource?.type, named.target, named.node.pointer()]).toEqual([
      'AWS::IAM::Role',
      undefined,
      '/Resources/NamedTemplate/Properties/LaunchTemplateData/IamInstanceProfile/Name',
    ]);
  });

  it('links Fn::If branches separately and drops the AWS::NoValue branch', () => {
    const l = launcher(m, 'Bare');
    expect(shape(l.instanceProfile)).toEqual([
      { unknown: 'resource Profile (AWS::IAM::InstanceProfile) is known only after deployment', at: '/Resources/Bare/Properties/IamInstanceProfile/Fn::If/1' },
      { absent: '/Resources/Bare/Properties/IamInstanceProfile/Fn::If/2' },
    ]);
    expect(l.instanceProfileLinks.map((x) => [x.targetId, x.target?.resource.id, x.via?.condition])).toEqual([
      ['Profile', 'Profile', { name: 'UseProfile', branch: true }],
    ]);
  });

  it('matches literal and template profile names, and keeps unmatched literals', () => {
    const config = launcher(m, 'Config').instanceProfileLinks;
    expect(config.map((x) => [x.literal, x.targetId, x.target?.resource.id])).toEqual([['web-profile', 'Profile', 'Profile']]);
    const stack = launcher(m, 'ByStackName').instanceProfileLinks;
    expect(stack.map((x) => [x.literal, x.targetId, x.target?.resource.id])).toEqual([[undefined, 'StackProfile', 'StackProfile']]);
    const unmatched = launcher(m, 'Unmatched').instanceProfileLinks;
    expect(unmatched.map((x) => [x.literal, x.targetId, x.targetResource, x.target])).toEqual([['made-in-console', undefined, undefined, undefined]]);
  });

  it('does not take a profile ARN built from a role name for the role itself', () => {
    expect(launcher(m, 'ByArn').instanceProfileLinks).toEqual([]);
  });

  it('follows LaunchTemplate references by Ref, literal name and identical Sub name', () => {
    for (const id of ['ByRef', 'ByName', 'BySubName']) {
      const l = launcher(m, id);
      expect(l.templatesUnknown, id).toBe(false);
      expect(l.templates.map((t) => t.target?.resource.id), id).toEqual([id === 'ByName' ? 'NamedTemplate' : 'Template']);
    }
    expect(launcher(m, 'ByRef').templates[0]!.node.pointer()).toBe('/Resources/ByRef/Properties/LaunchTemplate/LaunchTemplateId');
    expect(launcher(m, 'ByName').templates[0]!.literal).toBe('named-lt');
  });

  it('marks templates it cannot follow as unknown', () => {
    const ext = launcher(m, 'External');
    expect([ext.templates, ext.templatesUnknown]).toEqual([[], true]);
    const lit = launcher(m, 'LiteralId');
    expect(lit.templatesUnknown).toBe(true);
    expect(lit.templates.map((t) => [t.literal, t.target])).toEqual([['lt-0abc', undefined]]);
    expect(launcher(m, 'Plain').templatesUnknown).toBe(false);
  });

  it('links auto scaling groups to launch configurations and mixed-instances templates', () => {
    const group = launcher(m, 'Group');
    expect(group.templates.map((t) => [t.targetId, t.target?.kind])).toEqual([['Config', 'launch-configuration']]);
    expect(shape(group.metadata.httpTokens)).toEqual([{ absent: '/Resources/Group/Properties/MetadataOptions/HttpTokens' }]);
    expect(shape(group.instanceProfile)).toEqual([{ absent: '/Resources/Group/Properties/IamInstanceProfile' }]);
    const mixed = launcher(m, 'Mixed');
    expect(mixed.templates.map((t) => t.target?.resource.id)).toEqual(['Template', 'NamedTemplate']);
    expect(mixed.templatesUnknown).toBe(false);
  });

  it('reads spot fleet launch specifications and fleet template configs', () => {
    const spot = launcher(m, 'Spot');
    const specs = '/Resources/Spot/Properties/SpotFleetRequestConfigData/LaunchSpecifications';
    expect(shape(spot.instanceProfile)).toEqual([
      { unknown: 'attribute Arn of resource Profile (AWS::IAM::InstanceProfile) is known only after deployment', at: `${specs}/0/IamInstanceProfile/Arn` },
      { absent: `${specs}/1/IamInstanceProfile/Arn` },
    ]);
    expect(spot.instanceProfileLinks.map((x) => x.target?.resource.id)).toEqual(['Profile']);
    expect(shape(spot.userData)).toEqual([{ absent: `${specs}/0/UserData` }, { known: 'ZWNobw==', at: `${specs}/1/UserData` }]);
    const fleet = launcher(m, 'Fleet');
    expect(fleet.templates.map((t) => t.target?.resource.id)).toEqual(['Template']);
    expect(shape(fleet.userData)).toEqual([{ absent: '/Resources/Fleet/Properties/UserData' }]);
  });

  it('keeps an image parameter without default unknown', () => {
    expect(shape(launcher(m, 'Plain').imageId)).toEqual([{ unknown: 'parameter Ami has no default', at: '/Resources/Plain/Properties/ImageId' }]);
    expect(m.images).toEqual([]);
    expect(m.metadataDefaults).toEqual([]);
  });
});

describe('roles, profiles and their policies', () => {
  const m = model(
    {
      AppRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: TRUST_EC2,
          MaxSessionDuration: { Ref: 'Session' },
          ManagedPolicyArns: [
            { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess' },
            { 'Fn::If': ['IsProd', 'arn:aws:iam::aws:policy/ReadOnlyAccess', { Ref: 'AWS::NoValue' }] },
            { Ref: 'Managed' },
          ],
          Policies: [
            {
              PolicyName: 'S3Access',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: ['s3:GetObject', { 'Fn::If': ['IsProd', 's3:PutObject', { Ref: 'AWS::NoValue' }] }], Resource: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' } },
                  { 'Fn::If': ['IsProd', { Effect: 'Allow', Action: 'ec2:*', Resource: '*' }, { Ref: 'AWS::NoValue' }] },
                ],
              },
            },
          ],
        },
      },
      Bucket: { Type: 'AWS::S3::Bucket' },
      Managed: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }, Roles: [{ Ref: 'AppRole' }] },
      },
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'extra', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] }, Roles: ['app-role-name'], Groups: [{ Ref: 'Ops' }] },
      },
      Named: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app-role-name', AssumeRolePolicyDocument: { 'Fn::ImportValue': 'trust' } } },
      Narrow: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'n', RoleName: { Ref: 'Named' }, PolicyDocument: { Statement: [] } } },
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'AppRole' }] } },
      Empty: { Type: 'AWS::IAM::InstanceProfile', Properties: {} },
      ToUser: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Dev' }, 'external-role'] } },
      Dev: {
        Type: 'AWS::IAM::User',
        Properties: { UserName: 'dev', Policies: [{ PolicyName: 'self', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:ChangePassword', Resource: '*' }] } }] },
      },
      Ops: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'] } },
    },
    { Parameters: { Session: { Type: 'Number', Default: 43200 } } },
  );

  it('reads trust policy, session duration and name', () => {
    const r = role(m, 'AppRole');
    expect(r.trustPolicy?.kind).toBe('trust');
    expect(r.trustPolicy?.label).toBe('trust policy of role AppRole');
    expect(r.trustPolicy?.owner?.id).toBe('AppRole');
    expect(r.trustPolicy?.statements[0]?.principal?.entries.map((e) => [e.type, shape(e.values)])).toEqual([
      ['Service', [{ known: 'ec2.amazonaws.com', at: '/Resources/AppRole/Properties/AssumeRolePolicyDocument/Statement/0/Principal/Service' }]],
    ]);
    expect(shape(r.trustPolicyProp)[0]).toMatchObject({ at: '/Resources/AppRole/Properties/AssumeRolePolicyDocument' });
    expect(r.maxSessionDuration[0]).toMatchObject({ state: 'known', value: 43200, via: { parameter: 'Session' } });
    expect(shape(r.name)).toEqual([{ absent: '/Resources/AppRole/Properties/RoleName' }]);
  });

  it('keeps a trust policy that cannot be read as unreadable, not empty', () => {
    const r = role(m, 'Named');
    expect(r.trustPolicy?.unreadable).toBe('the policy document cannot be read: Fn::ImportValue reads an export of another stack at deploy time');
    expect(r.trustPolicy?.statements).toEqual([]);
  });

  it('lists managed policy ARNs with partial values and Fn::If flattened', () => {
    expect(shape(role(m, 'AppRole').managedPolicyArns)).toEqual([
      { unknown: 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', at: '/Resources/AppRole/Properties/ManagedPolicyArns/0' },
      { known: 'arn:aws:iam::aws:policy/ReadOnlyAccess', at: '/Resources/AppRole/Properties/ManagedPolicyArns/1/Fn::If/1' },
      { unknown: 'resource Managed (AWS::IAM::ManagedPolicy) is known only after deployment', at: '/Resources/AppRole/Properties/ManagedPolicyArns/2' },
    ]);
  });

  it('reads inline statements with Fn::If-flattened actions and statements', () => {
    const doc = policy(m, 'inline policy S3Access of role AppRole');
    expect(doc.kind).toBe('identity');
    expect(doc.attachedTo.map((i) => i.resource.id)).toEqual(['AppRole']);
    expect(doc.statements).toHaveLength(2);
    const [first, second] = doc.statements;
    expect(shape(first!.action!.values)).toEqual([
      { known: 's3:GetObject', at: '/Resources/AppRole/Properties/Policies/0/PolicyDocument/Statement/0/Action/0' },
      { known: 's3:PutObject', at: '/Resources/AppRole/Properties/Policies/0/PolicyDocument/Statement/0/Action/1/Fn::If/1' },
    ]);
    expect(shape(first!.resource!.values)).toEqual([{ unknown: 'arn:aws:s3:::${Bucket}/*', at: '/Resources/AppRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource' }]);
    expect(second!.via?.condition).toEqual({ name: 'IsProd', branch: true });
    expect(second!.node.pointer()).toBe('/Resources/AppRole/Properties/Policies/0/PolicyDocument/Statement/1/Fn::If/1');
  });

  it('attaches managed policies, policy resources and role policies to their identities', () => {
    const app = role(m, 'AppRole');
    expect(app.attachedPolicies.map((p) => p.label)).toEqual(['managed policy Managed']);
    expect(policy(m, 'managed policy Managed').attachedTo.map((i) => i.resource.id)).toEqual(['AppRole']);
    const named = role(m, 'Named');
    expect(named.inlinePolicies.map((p) => p.label)).toEqual(['policy Extra', 'role policy Narrow']);
    expect(policy(m, 'policy Extra').attachedTo.map((i) => `${i.kind}:${i.resource.id}`)).toEqual(['role:Named', 'group:Ops']);
    expect(m.groups[0]!.inlinePolicies.map((p) => p.label)).toEqual(['policy Extra']);
    expect(shape(m.groups[0]!.managedPolicyArns)).toEqual([{ known: 'arn:aws:iam::aws:policy/PowerUserAccess', at: '/Resources/Ops/Properties/ManagedPolicyArns/0' }]);
  });

  it('wires instance profiles to roles, both ways', () => {
    const profile = m.instanceProfiles.find((p) => p.resource.id === 'Profile')!;
    expect(profile.roles.map((l) => [l.targetId, l.target?.resource.id])).toEqual([['AppRole', 'AppRole']]);
    expect(role(m, 'AppRole').instanceProfiles.map((p) => p.resource.id)).toEqual(['Profile']);
    const empty = m.instanceProfiles.find((p) => p.resource.id === 'Empty')!;
    expect(shape(empty.rolesProp)).toEqual([{ absent: '/Resources/Empty/Properties/Roles' }]);
    expect(empty.roles).toEqual([]);
    const toUser = m.instanceProfiles.find((p) => p.resource.id === 'ToUser')!;
    expect(toUser.roles.map((l) => [l.targetId, l.targetResource?.type, l.target, l.literal])).toEqual([
      ['Dev', 'AWS::IAM::User', undefined, undefined],
      [undefined, undefined, undefined, 'external-role'],
    ]);
  });

  it('reads users with their inline policies', () => {
    const dev = m.users[0]!;
    expect(dev.resource.id).toBe('Dev');
    expect(shape(dev.name)).toEqual([{ known: 'dev', at: '/Resources/Dev/Properties/UserName' }]);
    expect(dev.inlinePolicies.map((p) => p.label)).toEqual(['inline policy self of user Dev']);
  });

  it('puts every document in policies', () => {
    expect(m.policies.map((p) => `${p.kind}:${p.label}`)).toEqual([
      'trust:trust policy of role AppRole',
      'identity:inline policy S3Access of role AppRole',
      'trust:trust policy of role Named',
      'identity:inline policy self of user Dev',
      'identity:managed policy Managed',
      'identity:policy Extra',
      'identity:role policy Narrow',
    ]);
  });
});

describe('access keys and outputs', () => {
  const m = model(
    {
      Dev: { Type: 'AWS::IAM::User', Properties: { UserName: 'dev' } },
      Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: { Ref: 'Dev' }, Status: 'Active' } },
      ByName: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'dev' } },
      Stored: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { SecretString: { 'Fn::Sub': '{"id":"${Key}","secret":"${Key.SecretAccessKey}"}' } },
      },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::GetAtt': 'ByName.SecretAccessKey' } } },
    },
    {
      Outputs: {
        KeyId: { Value: { Ref: 'Key' } },
        Secret: { Value: { 'Fn::GetAtt': ['Key', 'SecretAccessKey'] } },
        Both: { Value: { 'Fn::Sub': '${Key}:${Key.SecretAccessKey}:${AWS::Region}' }, Export: { Name: 'both' } },
        Joined: { Value: { 'Fn::Join': [':', [{ Ref: 'Dev' }, { Ref: 'Missing' }]] } },
      },
    },
  );

  it('links keys to users by Ref and by name, with status', () => {
    const [key, byName] = m.accessKeys;
    expect(key!.user?.target?.resource.id).toBe('Dev');
    expect(byName!.user).toMatchObject({ literal: 'dev', targetId: 'Dev' });
    expect(shape(key!.status)).toEqual([{ known: 'Active', at: '/Resources/Key/Properties/Status' }]);
    expect(shape(byName!.status)).toEqual([{ absent: '/Resources/ByName/Properties/Status' }]);
    expect(m.users[0]!.accessKeys.map((k) => k.resource.id)).toEqual(['Key', 'ByName']);
  });

  it('finds every exposure of a secret access key except storage in Secrets Manager', () => {
    expect(m.accessKeys[0]!.secretExposures.map((n) => n.pointer())).toEqual(['/Outputs/Secret/Value', '/Outputs/Both/Value']);
    expect(m.accessKeys[1]!.secretExposures.map((n) => n.pointer())).toEqual(['/Resources/Param/Properties/Value']);
  });

  it('makes output views with the references of their values', () => {
    expect(m.outputs.map((o) => [o.name, o.value.pointer(), o.references.map((r) => `${r.targetId}${r.attribute ? '.' + r.attribute : ''}:${r.target?.type ?? '-'}`)])).toEqual([
      ['KeyId', '/Outputs/KeyId/Value', ['Key:AWS::IAM::AccessKey']],
      ['Secret', '/Outputs/Secret/Value', ['Key.SecretAccessKey:AWS::IAM::AccessKey']],
      ['Both', '/Outputs/Both/Value', ['Key:AWS::IAM::AccessKey', 'Key.SecretAccessKey:AWS::IAM::AccessKey']],
      ['Joined', '/Outputs/Joined/Value', ['Dev:AWS::IAM::User', 'Missing:-']],
    ]);
    expect(m.outputs[0]!.sensitive[0]!.state).toBe('absent');
  });
});

describe('resource policies and SAM', () => {
  const m = model({
    BucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: 'b', PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
    },
    Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [] } } },
    Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryPolicyText: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]}' } },
    Logs: {
      Type: 'AWS::Logs::ResourcePolicy',
      Properties: { PolicyName: 'p', PolicyDocument: { 'Fn::Sub': '{"Statement":[{"Effect":"Allow","Principal":{"Service":"es.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"${Env}"}]}' } },
    },
    Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', Principal: '*', FunctionName: 'f' } },
    Fn: {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Policies: ['AmazonS3ReadOnlyAccess', { S3CrudPolicy: { BucketName: 'b' } }, { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] }],
      },
    },
  }, { Parameters: { Env: { Type: 'String', Default: '*' } } });

  it('reads resource policies of each kind, opening JSON strings', () => {
    expect(m.policies.map((p) => `${p.kind}:${p.label}:${p.statements.length}:${p.owner?.id}`)).toEqual([
      'identity:policy of function Fn:1:Fn',
      'resource:bucket policy BucketPolicy:1:BucketPolicy',
      'resource:key policy of Key:0:Key',
      'resource:repository policy of Repo:1:Repo',
      'resource:log resource policy Logs:1:Logs',
    ]);
    const repo = policy(m, 'repository policy of Repo');
    expect(repo.unreadable).toBeUndefined();
    expect(repo.statements[0]!.principal?.wildcard).toMatchObject({ state: 'known', value: '*' });
    // The JSON string is its own document, positioned inside this file.
    expect(repo.statements[0]!.node.pointer()).toBe('/Statement/0');
    expect(repo.statements[0]!.node.doc.file).toBe('template.yaml');
    const logs = policy(m, 'log resource policy Logs');
    expect(shape(logs.statements[0]!.resource!.values)).toEqual([{ known: '*', at: '/Statement/0/Resource' }]);
    expect(logs.node.doc).not.toBe(m.documents[0]);
  });
});

describe('policies held in strings built by intrinsics', () => {
  const m = model(
    {
      Plain: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'a', PolicyDocument: { 'Fn::Sub': 'not json ${Env}' } } },
      Later: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'b', PolicyDocument: { 'Fn::Sub': '{"Statement":[{"Resource":"${Bucket.Arn}"}]}' } } },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
    { Parameters: { Env: { Type: 'String', Default: 'x' } } },
  );

  it('says why a string policy cannot be read', () => {
    expect(policy(m, 'log resource policy Plain').unreadable).toBe('the policy is a string that is not JSON');
    expect(policy(m, 'log resource policy Later').unreadable).toBe(
      'the policy document cannot be read: attribute Arn of resource Bucket (AWS::S3::Bucket) is known only after deployment',
    );
  });
});

describe('conditional policy documents', () => {
  const doc = (action: string): Json => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
  const m = model({
    Switch: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { 'Fn::If': ['Shared', TRUST_EC2, { Version: '2012-10-17', Statement: [] }] },
        Policies: [{ PolicyName: 'p', PolicyDocument: { 'Fn::If': ['Shared', doc('s3:*'), { Ref: 'AWS::NoValue' }] } }],
      },
    },
    Both: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { 'Fn::If': ['Shared', doc('sqs:*'), doc('sns:*')] }, Roles: [{ Ref: 'Switch' }] } },
  });

  it('reads each branch as its own document, naming the condition', () => {
    expect(m.policies.map((p) => `${p.label}:${p.statements.length}`)).toEqual([
      'trust policy of role Switch (when condition Shared is true):1',
      'trust policy of role Switch (when condition Shared is false):0',
      'inline policy p of role Switch (when condition Shared is true):1',
      'managed policy Both (when condition Shared is true):1',
      'managed policy Both (when condition Shared is false):1',
    ]);
    const r = role(m, 'Switch');
    expect(r.trustPolicy).toBeUndefined();
    expect(r.trustPolicyProp).toHaveLength(2);
    expect(r.inlinePolicies.map((p) => p.node.pointer())).toEqual(['/Resources/Switch/Properties/Policies/0/PolicyDocument/Fn::If/1']);
    expect(r.attachedPolicies.map((p) => p.attachedTo.map((i) => i.resource.id))).toEqual([['Switch'], ['Switch']]);
  });
});

describe('templates loaded from YAML and JSON files', () => {
  function load(name: string): { m: Model; text: string } {
    const file = `fixtures/cloudformation/adapter/${name}`;
    const text = readFileSync(file, 'utf8');
    const outcome = loadText(text, file);
    if (outcome.status !== 'loaded') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
    return { m: adaptCloudFormation(outcome.doc), text };
  }

  /** 1-based line and column of the nth occurrence of `needle` in the text. */
  function posOf(text: string, needle: string, nth = 1): { line: number; column: number } {
    let index = -1;
    for (let i = 0; i < nth; i++) {
      index = text.indexOf(needle, index + 1);
      if (index < 0) throw new Error(`"${needle}" #${nth} not in fixture`);
    }
    const before = text.slice(0, index).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  }

  function startOf(node: Node): { line: number; column: number } {
    const r = node.doc.locate(node.path);
    return { line: r.startLine, column: r.startColumn };
  }

  describe('web-stack.yaml (short-form tags)', () => {
    const { m, text } = load('web-stack.yaml');

    it('loads as CloudFormation YAML with every resource, the nested stack included', () => {
      expect(m.documents[0]!.format).toBe('cloudformation-yaml');
      expect(m.problems).toEqual([]);
      expect(m.resources.map((r) => `${r.id}:${r.type}`)).toEqual([
        'WebRole:AWS::IAM::Role',
        'AssetBucket:AWS::S3::Bucket',
        'WebProfile:AWS::IAM::InstanceProfile',
        'WebTemplate:AWS::EC2::LaunchTemplate',
        'WebServer:AWS::EC2::Instance',
        'Bastion:AWS::EC2::Instance',
        'WebGroup:AWS::AutoScaling::AutoScalingGroup',
        'Network:AWS::CloudFormation::Stack',
      ]);
      expect(m.resources.find((r) => r.id === 'WebServer')?.condition).toBe('IsProd');
    });

    it('reads launch template metadata through !If, parameter defaults and !FindInMap, located exactly', () => {
      const l = launcher(m, 'WebTemplate');
      const [strict, loose] = l.metadata.httpTokens;
      expect(strict).toMatchObject({ state: 'known', value: 'required', via: { condition: { name: 'IsProd', branch: true } } });
      expect(startOf(strict!.node)).toEqual(posOf(text, 'required, !Ref TokenSetting'));
      expect(loose).toMatchObject({ state: 'known', value: 'optional', via: { parameter: 'TokenSetting', condition: { name: 'IsProd', branch: false } } });
      expect(startOf(loose!.node)).toEqual(posOf(text, '!Ref TokenSetting'));
      expect(startOf(loose!.via!.source!)).toEqual(posOf(text, 'optional\n'));
      const [hops] = l.metadata.hopLimit;
      expect(hops).toMatchObject({ state: 'known', value: 1, via: { parameter: 'Env' } });
      expect(startOf(hops!.node)).toEqual(posOf(text, '!FindInMap'));
      expect(startOf(hops!.via!.source!)).toEqual(posOf(text, '1\n'));
    });

    it('keeps SSM-typed image ids and deploy-time user data unknown', () => {
      const l = launcher(m, 'WebTemplate');
      expect(l.imageId[0]).toMatchObject({ state: 'unknown', reason: 'parameter LatestAmi is read from Systems Manager at deploy time' });
      const [userData] = l.userData;
      expect(userData).toMatchObject({ state: 'unknown', reason: 'AWS::StackName is known only at deploy time' });
      expect(userData!.state === 'unknown' && userData!.partial).toBe(
        '#!/bin/bash\n/opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource WebTemplate --region ${AWS::Region}\n',
      );
      expect(l.initMetadata?.pointer()).toBe('/Resources/WebTemplate/Metadata/AWS::CloudFormation::Init');
    });

    it('links the template profile by !GetAtt and the Bastion profile to the role it wrongly names', () => {
      const [good] = launcher(m, 'WebTemplate').instanceProfileLinks;
      expect([good!.targetId, good!.attribute, good!.target?.resource.id]).toEqual(['WebProfile', 'Arn', 'WebProfile']);
      expect(startOf(good!.node)).toEqual(posOf(text, '!GetAtt WebProfile.Arn'));
      const [bad] = launcher(m, 'Bastion').instanceProfileLinks;
      expect([bad!.targetId, bad!.targetResource?.type, bad!.target]).toEqual(['WebRole', 'AWS::IAM::Role', undefined]);
      expect(startOf(bad!.node)).toEqual(posOf(text, '!Ref WebRole #'));
    });

    it("reads the Bastion's own metadata options with both endpoint branches", () => {
      const l = launcher(m, 'Bastion');
      expect(l.metadata.httpTokens.map((v) => v.state === 'known' && v.value)).toEqual(['required']);
      expect(startOf(l.metadata.httpTokens[0]!.node)).toEqual(posOf(text, 'required', 2));
      expect(l.metadata.httpEndpoint.map((v) => [v.state === 'known' && v.value, v.via?.condition?.branch])).toEqual([
        ['enabled', true],
        ['disabled', false],
      ]);
      expect(l.templates).toEqual([]);
    });

    it('follows the instance template by its !Sub name and the group template by !Ref', () => {
      const server = launcher(m, 'WebServer');
      expect([server.templates.map((t) => t.target?.resource.id), server.templatesUnknown]).toEqual([['WebTemplate'], false]);
      expect(startOf(server.templates[0]!.node)).toEqual(posOf(text, '!Sub ${AWS::StackName}-web', 2));
      expect(server.metadata.httpTokens[0]!.state).toBe('absent');
      const group = launcher(m, 'WebGroup');
      expect([group.templates.map((t) => [t.targetId, t.target?.kind]), group.templatesUnknown]).toEqual([[['WebTemplate', 'launch-template']], false]);
    });

    it('reads the role: trust, session, managed ARNs with partial values, Fn::If-flattened actions', () => {
      const r = role(m, 'WebRole');
      const service = r.trustPolicy!.statements[0]!.principal!.entries[0]!;
      expect(service.values[0]).toMatchObject({ state: 'unknown', partial: 'ec2.${AWS::URLSuffix}' });
      expect(r.maxSessionDuration[0]).toMatchObject({ state: 'known', value: 7200 });
      expect(startOf(r.maxSessionDuration[0]!.node)).toEqual(posOf(text, '7200'));
      expect(r.managedPolicyArns.map((v) => [v.state === 'unknown' && v.partial, v.via?.condition?.branch])).toEqual([
        ['arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore', undefined],
        ['arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', false],
      ]);
      expect(startOf(r.managedPolicyArns[1]!.node)).toEqual(posOf(text, "!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess'"));
      const stmt = r.inlinePolicies[0]!.statements[0]!;
      expect(stmt.action!.values.map((v) => [v.state === 'known' && v.value, v.via?.condition?.branch])).toEqual([
        ['s3:GetObject', undefined],
        ['s3:PutObject', false],
      ]);
      expect(startOf(stmt.action!.values[1]!.node)).toEqual(posOf(text, 's3:PutObject'));
      expect(stmt.resource!.values[0]).toMatchObject({ state: 'unknown', partial: '${AssetBucket.Arn}/*' });
      expect(r.instanceProfiles.map((p) => p.resource.id)).toEqual(['WebProfile']);
    });

    it('reads outputs with their references', () => {
      expect(m.outputs.map((o) => [o.name, o.references.map((x) => `${x.targetId}.${x.attribute}`)])).toEqual([['ProfileArn', ['WebProfile.Arn']]]);
      expect(startOf(m.outputs[0]!.value)).toEqual(posOf(text, '!GetAtt WebProfile.Arn', 2));
    });
  });

  describe('iam-stack.json', () => {
    const { m, text } = load('iam-stack.json');

    it('loads as CloudFormation JSON', () => {
      expect(m.documents[0]!.format).toBe('cloudformation-json');
      expect(m.problems).toEqual([]);
    });

    it('links the user, its managed policy, its access key and the output exposing the secret', () => {
      const user = m.users[0]!;
      expect(user.name[0]).toMatchObject({ state: 'known', value: 'deploy-test', via: { parameter: 'Stage' } });
      expect(user.attachedPolicies.map((p) => p.label)).toEqual(['managed policy DeployPolicy']);
      expect(policy(m, 'managed policy DeployPolicy').attachedTo.map((i) => i.resource.id)).toEqual(['DeployUser']);
      const key = m.accessKeys[0]!;
      expect(key.user?.target).toBe(user);
      expect(user.accessKeys).toEqual([key]);
      expect(key.secretExposures.map((n) => n.pointer())).toEqual(['/Outputs/DeploySecret/Value']);
      expect(startOf(key.secretExposures[0]!)).toEqual(posOf(text, '{ "Fn::GetAtt": ["DeployKey"'));
    });

    it('flattens a list-valued Fn::If in Action and an Fn::If statement with AWS::NoValue', () => {
      const doc = policy(m, 'managed policy DeployPolicy');
      expect(doc.statements.map((s) => [s.effect[0]!.state === 'known' && s.effect[0]!.value, s.via?.condition])).toEqual([
        ['Allow', undefined],
        ['Deny', { name: 'IsTest', branch: false }],
      ]);
      const actions = doc.statements[0]!.action!.values;
      expect(actions.map((v) => [v.state === 'known' && v.value, v.via?.condition?.branch])).toEqual([
        ['cloudformation:*', true],
        ['iam:PassRole', true],
        ['cloudformation:CreateStack', false],
      ]);
      expect(startOf(actions[1]!.node)).toEqual(posOf(text, '"iam:PassRole"'));
    });

    it('keeps a principal built from a parameter without default unknown', () => {
      const trust = role(m, 'CrossAccountRole').trustPolicy!;
      expect(trust.statements[0]!.principal!.entries[0]!.values[0]).toMatchObject({
        state: 'unknown',
        reason: 'parameter TrustedAccount has no default',
        partial: 'arn:aws:iam::${TrustedAccount}:root',
      });
      expect(policy(m, 'key policy of ArtifactKey').kind).toBe('resource');
    });

    it('reads the launch configuration and the group that uses it', () => {
      const config = launcher(m, 'WorkerConfig');
      expect(config.instanceProfileLinks.map((l) => l.target?.resource.id)).toEqual(['WorkerProfile']);
      expect(config.userData[0]).toMatchObject({ state: 'known', value: '#!/bin/bash\necho test > /etc/stage' });
      expect(config.metadata.httpTokens[0]!.state).toBe('absent');
      expect(startOf(config.metadata.httpTokens[0]!.node).line).toBe(posOf(text, '"ImageId": "ami-0abcdef1234567890"').line - 1);
      expect(launcher(m, 'Workers').templates.map((t) => t.target?.resource.id)).toEqual(['WorkerConfig']);
      expect(m.instanceProfiles[0]!.roles.map((l) => l.target?.resource.id)).toEqual(['CrossAccountRole']);
    });
  });
});

describe('principals written with intrinsics', () => {
  const text = [
    'Parameters:',
    '  Trusted: { Type: String }',
    'Conditions:',
    '  IsPublic: !Equals [!Ref Trusted, open]',
    'Resources:',
    '  Topic:',
    '    Type: AWS::SNS::Topic',
    '  TopicPolicy:',
    '    Type: AWS::SNS::TopicPolicy',
    '    Properties:',
    '      Topics: [!Ref Topic]',
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    "            Principal: !If [IsPublic, '*', { AWS: !Ref Trusted }]",
    '            Action: sns:Publish',
    '            Resource: !Ref Topic',
    '          - Effect: Allow',
    '            Principal: !Ref Trusted',
    '            Action: sns:Subscribe',
    '            Resource: !Ref Topic',
    '',
  ].join('\n');
  const outcome = loadText(text, 'topic.yaml');
  if (outcome.status !== 'loaded') throw new Error('did not load');
  const doc = adaptCloudFormation(outcome.doc).policies[0]!;

  it('reads each Fn::If branch: the "*" branch is a wildcard, the other an AWS principal', () => {
    const p = doc.statements[0]!.principal!;
    expect(p.wildcard).toMatchObject({ state: 'known', value: '*', via: { condition: { name: 'IsPublic', branch: true } } });
    expect(p.entries.map((e) => [e.type, e.values.map((v) => v.state)])).toEqual([['AWS', ['unknown']]]);
  });

  it('keeps a principal known only at deploy time as an unknown entry, not as no principal', () => {
    const p = doc.statements[1]!.principal!;
    expect(p.wildcard).toBeUndefined();
    expect(p.entries.map((e) => [e.type, e.values.map((v) => v.state)])).toEqual([['', ['unknown']]]);
  });
});

describe('references inside strings', () => {
  const text = [
    'Resources:',
    '  AppRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument: { Statement: [] }',
    '  Legacy:',
    '    Type: AWS::IAM::InstanceProfile',
    '    Properties:',
    '      Roles: [!Sub "${AppRole}-legacy", !Join ["-", [!Ref AppRole, old]]]',
    '  Current:',
    '    Type: AWS::IAM::InstanceProfile',
    '    Properties:',
    '      Roles: [!Ref AppRole]',
    '  Host:',
    '    Type: AWS::EC2::Instance',
    '    Properties:',
    "      IamInstanceProfile: !Join ['', ['arn:aws:iam::123456789012:instance-profile/', !Ref Current]]",
    '',
  ].join('\n');
  const outcome = loadText(text, 'refs.yaml');
  if (outcome.status !== 'loaded') throw new Error('did not load');
  const m = adaptCloudFormation(outcome.doc);
  const profile = (id: string) => m.instanceProfiles.find((p) => p.resource.id === id)!;

  it('does not link a name built around a reference to the referenced role', () => {
    expect(profile('Legacy').roles.map((l) => l.targetId)).not.toContain('AppRole');
    expect(profile('Current').roles.map((l) => l.targetId)).toEqual(['AppRole']);
  });

  it('links an ARN whose last part is the reference', () => {
    expect(launcher(m, 'Host').instanceProfileLinks.map((l) => l.targetId)).toEqual(['Current']);
  });
});
