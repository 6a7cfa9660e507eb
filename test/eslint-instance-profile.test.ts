import { describe } from 'vitest';
import { bad, badJs, CDK, CDK_EC2, ok, okJs, PULUMI, PULUMI_JS, rule, SDK_EC2, tester } from './eslint-tester.js';

const CDKTF = `import { Instance } from '@cdktf/provider-aws/lib/instance';\nimport { IamRole } from '@cdktf/provider-aws/lib/iam-role';\nimport { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';\n`;
const EC2_TRUST = `JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] })`;

describe('missing-instance-profile', () => {
  tester.run('missing-instance-profile', rule('missing-instance-profile'), {
    valid: [
      // ec2.Instance creates a role and an instance profile when given neither.
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage, requireImdsv2: true });`),
      ok(`${CDK}const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });\nnew ec2.Instance(this, 'Web', { vpc, role });`),
      ok(`${CDK}new ec2.LaunchTemplate(this, 'Tpl', { role: iam.Role.fromRoleName(this, 'R', 'app') });`),
      ok(`${CDK}new ec2.LaunchTemplate(this, 'Tpl', { instanceProfile: profile });`),
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', iamInstanceProfile: 'web-profile' });`),
      ok(`${CDK}const p = new iam.CfnInstanceProfile(this, 'P', { roles: ['app'] });\nnew ec2.CfnInstance(this, 'Web', { iamInstanceProfile: p.ref });`),
      ok(`${CDK}new ec2.CfnLaunchTemplate(this, 'Tpl', { launchTemplateData: { iamInstanceProfile: { arn: profileArn } } });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', iamInstanceProfile: profile.name });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', iamInstanceProfile: 'web' });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', args);`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ...common, ami: 'ami-1' });`),
      ok(`${CDKTF}new Instance(this, 'web', { ami: 'ami-1', iamInstanceProfile: 'web' });`),
      ok(`${SDK_EC2}new RunInstancesCommand({ ImageId: 'ami-1', IamInstanceProfile: { Name: 'web' } });`),
      // Its launch template is not in the file: it may well carry the profile.
      ok(`${SDK_EC2}new RunInstancesCommand({ LaunchTemplate: { LaunchTemplateId: templateId } });`),
      ok(`${SDK_EC2}new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpTokens: 'required' });`),
      ok(`import { Instance } from '@my/constructs';\nnew Instance(this, 'web', {});`),
      okJs(`${PULUMI_JS}new aws.ec2.Instance('web', { ami: 'ami-1', iamInstanceProfile: 'web' });`),
    ],
    invalid: [
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`, [
        'warning',
        "{ imageId: 'ami-1' }",
        0,
        'Instance Web has no instance profile (iamInstanceProfile), so software on it gets no role credentials and tends to end up with long-term access keys; attach an instance profile whose role grants what the instance needs.',
      ]),
      bad(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl', { requireImdsv2: true });`, ['note', '{ requireImdsv2: true }']),
      bad(`${CDK}new ec2.CfnLaunchTemplate(this, 'Tpl', { launchTemplateData: { imageId: 'ami-1' } });`, ['note', "{ launchTemplateData: { imageId: 'ami-1' } }"]),
      bad(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', instanceType: 't3.micro' });`, ['warning', "{ ami: 'ami-1', instanceType: 't3.micro' }"]),
      bad(`${PULUMI}new aws.ec2.LaunchTemplate('lt', { imageId: 'ami-1' });`, ['note', "{ imageId: 'ami-1' }"]),
      bad(`${CDKTF}new Instance(this, 'web', { ami: 'ami-1' });`, ['warning', "{ ami: 'ami-1' }"]),
      bad(`${SDK_EC2}await client.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }));`, ['warning', "{ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }"]),
      bad(`${SDK_EC2}new CreateLaunchTemplateCommand({ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'ami-1' } });`, [
        'note',
        "{ LaunchTemplateName: 'web', LaunchTemplateData: { ImageId: 'ami-1' } }",
      ]),
      bad(`import { EC2 } from '@aws-sdk/client-ec2';\nconst ec2 = new EC2({});\nawait ec2.runInstances({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 });`, ['warning', "{ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }"]),
      // The launch template in the file has no profile either: one finding, on the instance.
      bad(`${PULUMI}const lt = new aws.ec2.LaunchTemplate('lt', { imageId: 'ami-1' });\nnew aws.ec2.Instance('web', { launchTemplate: { id: lt.id } });`, [
        'warning',
        '{ launchTemplate: { id: lt.id } }',
        0,
        'Instance web and its launch template lt set no instance profile (iamInstanceProfile), so software on the instance gets no role credentials; attach an instance profile whose role grants what the instance needs.',
      ]),
      badJs(`${PULUMI_JS}new aws.ec2.Instance('web', { ami: 'ami-1' });`, ['warning', "{ ami: 'ami-1' }"]),
      badJs(`const { CfnInstance } = require('aws-cdk-lib/aws-ec2');\nnew CfnInstance(this, 'Web', { imageId: 'ami-1' });`, ['warning', "{ imageId: 'ami-1' }"]),
      bad(`import { aws_ec2 } from 'aws-cdk-lib';\nnew aws_ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', iamInstanceProfile: undefined });`, [
        'warning',
        "{ imageId: 'ami-1', iamInstanceProfile: undefined }",
      ]),
      bad(`import * as pulumiAws from '@pulumi/aws';\nconst { ec2 } = pulumiAws;\nnew ec2.Instance('web', { ami: 'ami-1' });`, ['warning', "{ ami: 'ami-1' }"]),
      bad(`import { ec2 as compute } from '@pulumi/aws';\nnew compute.Instance('web', { ami: 'ami-1' });`, ['warning', "{ ami: 'ami-1' }"]),
    ],
  });
});

describe('instance-profile-role', () => {
  tester.run('instance-profile-role', rule('instance-profile-role'), {
    valid: [
      ok(`${CDK}const role = new iam.Role(this, 'R', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });\nnew ec2.Instance(this, 'Web', { vpc, role });`),
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, machineImage, instanceType });`),
      ok(`${CDK}const role = new iam.CfnRole(this, 'R', { assumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } });\nconst p = new iam.CfnInstanceProfile(this, 'P', { roles: [role.ref] });\nnew ec2.CfnInstance(this, 'Web', { iamInstanceProfile: p.ref });`),
      ok(`${PULUMI}const role = new aws.iam.Role('r', { assumeRolePolicy: ${EC2_TRUST} });\nconst profile = new aws.iam.InstanceProfile('p', { role: role.name });\nnew aws.ec2.Instance('web', { iamInstanceProfile: profile.name });`),
      ok(`${PULUMI}const role = new aws.iam.Role('r', { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'ec2.amazonaws.com' }) });\nnew aws.iam.InstanceProfile('p', { role: role.name });`),
      ok(`${CDKTF}const role = new IamRole(this, 'r', { assumeRolePolicy: ${EC2_TRUST} });\nconst p = new IamInstanceProfile(this, 'p', { role: role.name });\nnew Instance(this, 'web', { iamInstanceProfile: p.name });`),
      ok(`${CDK}new iam.InstanceProfile(this, 'P');`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { iamInstanceProfile: someRole.name });`),
    ],
    invalid: [
      bad(
        `${PULUMI}const role = new aws.iam.Role('app', { assumeRolePolicy: ${EC2_TRUST} });\nnew aws.ec2.Instance('web', { ami: 'ami-1', iamInstanceProfile: role.name });`,
        [
          'error',
          'role.name',
          0,
          'Instance web sets iamInstanceProfile to role app, not to an instance profile, and only the console creates a profile for a role; create an instance profile with this role and reference the profile.',
        ],
      ),
      bad(`${CDK}const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });\nnew ec2.CfnInstance(this, 'Web', { iamInstanceProfile: role.roleName });`, ['error', 'role.roleName']),
      bad(`${CDK}const role = new iam.CfnRole(this, 'AppRole', { assumeRolePolicyDocument: {} });\nnew ec2.CfnLaunchTemplate(this, 'Tpl', { launchTemplateData: { iamInstanceProfile: { name: role.ref } } });`, ['error', 'role.ref']),
      bad(
        `${CDKTF}const role = new IamRole(this, 'r', { assumeRolePolicy: ${EC2_TRUST} });\nnew Instance(this, 'web', { ami: 'ami-1', iamInstanceProfile: role.name });`,
        ['error', 'iamInstanceProfile: «role.name»'],
      ),
      // A role that EC2 may not assume, behind a profile: instances get no credentials.
      bad(
        `${CDK}const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });\nnew ec2.Instance(this, 'Web', { vpc, role });`,
        ['error', "new iam.ServicePrincipal('lambda.amazonaws.com')"],
      ),
      bad(
        `${PULUMI}const role = new aws.iam.Role('app', { assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });\nnew aws.iam.InstanceProfile('prof', { role: role.name });`,
        ['error', "{ Service: 'ecs-tasks.amazonaws.com' }"],
      ),
      bad(`${CDK}const role = new iam.Role(this, 'AppRole', { assumedBy: new iam.AccountRootPrincipal() });\nnew iam.InstanceProfile(this, 'Prof', { role });`, ['error', 'new iam.AccountRootPrincipal()']),
      badJs(`${PULUMI_JS}const role = new aws.iam.Role('app', { assumeRolePolicy: ${EC2_TRUST} });\nnew aws.ec2.LaunchTemplate('lt', { iamInstanceProfile: { name: role.name } });`, ['error', 'name: «role.name»']),
    ],
  });
});
