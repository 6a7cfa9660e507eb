import { describe } from 'vitest';
import { bad, badJs, badWith, CDK, CDK_EC2, ok, okJs, PULUMI, PULUMI_JS, rule, SDK_EC2, tester } from './eslint-tester.js';

const CDKTF_INSTANCE = `import { Instance } from '@cdktf/provider-aws/lib/instance';\n`;
const CDKTF_ROOT = `import { launchTemplate, ec2InstanceMetadataDefaults } from '@cdktf/provider-aws';\n`;

describe('imdsv1-allowed', () => {
  tester.run('imdsv1-allowed', rule('imdsv1-allowed'), {
    valid: [
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage, requireImdsv2: true });`),
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage, httpTokens: ec2.HttpTokens.REQUIRED });`),
      ok(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl', { requireImdsv2: true });`),
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', metadataOptions: { httpTokens: 'required' } });`),
      // The endpoint is off: no credentials are served at all.
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', metadataOptions: { httpEndpoint: 'disabled' } });`),
      ok(`${CDK}Aspects.of(this).add(new ec2.InstanceRequireImdsv2Aspect());\nnew ec2.Instance(this, 'Web', { vpc, instanceType, machineImage });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', metadataOptions: { httpTokens: 'required' } });`),
      ok(`${PULUMI}new aws.ec2.InstanceMetadataDefaults('defaults', { httpTokens: 'required' });\nnew aws.ec2.Instance('web', { ami: 'ami-1' });`),
      ok(`${PULUMI}const lt = new aws.ec2.LaunchTemplate('lt', { metadataOptions: { httpTokens: 'required' } });\nnew aws.ec2.Instance('web', { launchTemplate: { id: lt.id } });`),
      ok(`${CDKTF_INSTANCE}new Instance(this, 'web', { ami: 'ami-1', metadataOptions: { httpTokens: 'required' } });`),
      ok(`${CDKTF_ROOT}new ec2InstanceMetadataDefaults.Ec2InstanceMetadataDefaults(this, 'defaults', { httpTokens: 'required' });\nnew launchTemplate.LaunchTemplate(this, 'lt', { imageId: 'ami-1' });`),
      ok(`${SDK_EC2}await ec2.send(new ModifyInstanceMetadataDefaultsCommand({ HttpTokens: 'required' }));\nawait ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }));`),
      ok(`${SDK_EC2}await ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1, MetadataOptions: { HttpTokens: 'required' } }));`),
      // Only the hop limit changes; the tokens setting stays whatever it is.
      ok(`${SDK_EC2}await ec2.send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpPutResponseHopLimit: 1 }));`),
      // The launch template is not in this file, so what it sets is unknown.
      ok(`${SDK_EC2}new RunInstancesCommand({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'base' } });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', metadataOptions: { httpTokens: props.tokens } });`),
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', { ...baseProps });`),
      ok(`${CDK_EC2}new ec2.Instance(this, 'Web', props);`),
      ok(`import { Instance } from './shapes';\nnew Instance(this, 'Web', { httpTokens: 'optional' });`),
      ok(`${CDK_EC2}export function make(ec2: any) {\n  return new ec2.Instance(this, 'Web', { httpTokens: 'optional' });\n}`),
      ok(`import type { Instance } from 'aws-cdk-lib/aws-ec2';\ndeclare const I: typeof Instance;\nnew I(this, 'Web', { vpc });`),
      okJs(`const { Instance } = require('./instance');\nnew Instance(this, 'Web', {});`),
      okJs(`${PULUMI_JS}new aws.ec2.Instance('web', { metadataOptions: { httpTokens: 'required' } });`),
    ],
    invalid: [
      bad(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage });`, [
        'warning',
        '{ vpc, instanceType, machineImage }',
        0,
        'Instance Web does not set props.requireImdsv2, and the EC2 default allows IMDSv1 unless the AMI or the account default requires tokens; set props.requireImdsv2 to required.',
      ]),
      // An explicit false is the same as not setting it: reported where the setting belongs.
      bad(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, requireImdsv2: false });`, ['warning', '{ vpc, requireImdsv2: false }']),
      bad(`${CDK_EC2}new ec2.Instance(this, 'Web', { vpc, httpTokens: ec2.HttpTokens.OPTIONAL });`, [
        'error',
        'ec2.HttpTokens.OPTIONAL',
        0,
        'Instance Web sets props.httpTokens to optional, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.',
      ]),
      bad(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl', {\n  httpTokens: ec2.LaunchTemplateHttpTokens.OPTIONAL,\n});`, ['error', 'ec2.LaunchTemplateHttpTokens.OPTIONAL']),
      bad(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl');`, ['warning', 'ec2.LaunchTemplate']),
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1', metadataOptions: { httpTokens: 'optional' } });`, ['error', "'optional'"]),
      bad(`${CDK}new ec2.CfnLaunchTemplate(this, 'Tpl', {\n  launchTemplateData: { metadataOptions: { httpTokens: 'optional' } },\n});`, ['error', "'optional'"]),
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { imageId: 'ami-1' });`, ['warning', "{ imageId: 'ami-1' }"]),
      bad(`import { Instance, HttpTokens } from 'aws-cdk-lib/aws-ec2';\nnew Instance(this, 'Web', { vpc, httpTokens: HttpTokens.OPTIONAL });`, ['error', 'HttpTokens.OPTIONAL']),
      bad(`${PULUMI}new aws.ec2.Instance('web', { ami: 'ami-1', metadataOptions: { httpTokens: 'optional' } });`, [
        'error',
        "'optional'",
        0,
        'Instance web sets metadataOptions.httpTokens to optional, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.',
      ]),
      bad(`${PULUMI}new aws.ec2.LaunchTemplate('lt', { imageId: 'ami-1' });`, ['warning', "{ imageId: 'ami-1' }"]),
      bad(`${PULUMI}new aws.ec2.InstanceMetadataDefaults('defaults', { httpTokens: 'optional' });\nnew aws.ec2.Instance('web', { ami: 'ami-1' });`, ['error', "{ ami: 'ami-1' }"]),
      bad(`${CDKTF_INSTANCE}new Instance(this, 'web', { ami: 'ami-1', metadataOptions: { httpTokens: 'optional' } });`, ['error', "'optional'"]),
      bad(`${CDKTF_ROOT}new launchTemplate.LaunchTemplate(this, 'lt', { metadataOptions: { httpTokens: \`optional\` } });`, ['error', '`optional`']),
      bad(`${SDK_EC2}await ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MetadataOptions: { HttpTokens: 'optional' } }));`, [
        'error',
        "'optional'",
        0,
        'Instance RunInstancesCommand (line 2) sets MetadataOptions.HttpTokens to optional, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.',
      ]),
      bad(`${SDK_EC2}await ec2.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }));`, ['warning', "{ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }"]),
      bad(`${SDK_EC2}new CreateLaunchTemplateCommand({\n  LaunchTemplateName: 'web',\n  LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } },\n});`, ['error', "'optional'"]),
      bad(`${SDK_EC2}new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpTokens: 'optional' });`, ['error', "'optional'"]),
      bad(`import AWS from 'aws-sdk';\nnew AWS.EC2({ region }).runInstances({ ImageId: 'ami-1', MetadataOptions: { HttpTokens: 'optional' } }).promise();`, ['error', "'optional'"]),
      bad(`${PULUMI}const tokens = 'optional';\nnew aws.ec2.Instance('web', { metadataOptions: { httpTokens: tokens } });`, ['error', 'httpTokens: «tokens»']),
      badJs(`const ec2 = require('aws-cdk-lib/aws-ec2');\nnew ec2.Instance(this, 'Web', { vpc, httpTokens: ec2.HttpTokens.OPTIONAL });`, ['error', 'ec2.HttpTokens.OPTIONAL']),
      badJs(`${PULUMI_JS}new aws.ec2.Instance('web', { ami: 'ami-1', metadataOptions: { httpTokens: 'optional' } });`, ['error', "'optional'"]),
    ],
  });
});

describe('imds-hop-limit', () => {
  tester.run('imds-hop-limit', rule('imds-hop-limit'), {
    valid: [
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 } });`),
      ok(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl', { requireImdsv2: true, httpPutResponseHopLimit: 2 });`, { max: 2 }),
      ok(`${PULUMI}new aws.ec2.LaunchTemplate('lt', { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: hops } });`),
      ok(`${SDK_EC2}new RunInstancesCommand({ MetadataOptions: { HttpTokens: 'required' } });`),
    ],
    invalid: [
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } });`, ['note', 'HopLimit: «2»']),
      bad(`${CDK_EC2}new ec2.LaunchTemplate(this, 'Tpl', { requireImdsv2: true, httpPutResponseHopLimit: 3 });`, ['note', 'HopLimit: «3»']),
      badWith({ max: 2 }, `${PULUMI}new aws.ec2.Instance('web', { metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 5 } });`, ['note', 'HopLimit: «5»']),
      bad(`${SDK_EC2}new ModifyInstanceMetadataOptionsCommand({ InstanceId: id, HttpPutResponseHopLimit: 4 });`, ['note', 'HopLimit: «4»']),
    ],
  });
});

describe('imds-disabled-with-profile', () => {
  tester.run('imds-disabled-with-profile', rule('imds-disabled-with-profile'), {
    valid: [
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { iamInstanceProfile: 'web-profile', metadataOptions: { httpTokens: 'required' } });`),
      ok(`${CDK}new ec2.CfnInstance(this, 'Web', { metadataOptions: { httpEndpoint: 'disabled' } });`),
      ok(`${PULUMI}new aws.ec2.Instance('web', { iamInstanceProfile: profileName, metadataOptions: { httpEndpoint: 'enabled' } });`),
    ],
    invalid: [
      bad(`${CDK}new ec2.CfnInstance(this, 'Web', { iamInstanceProfile: 'web-profile', metadataOptions: { httpEndpoint: 'disabled' } });`, ['warning', "'disabled'"]),
      bad(`${PULUMI}new aws.ec2.LaunchTemplate('lt', { iamInstanceProfile: { name: 'web' }, metadataOptions: { httpEndpoint: 'disabled' } });`, ['warning', "'disabled'"]),
      bad(`${SDK_EC2}new RunInstancesCommand({ IamInstanceProfile: { Name: 'web' }, MetadataOptions: { HttpEndpoint: 'disabled' } });`, ['warning', "'disabled'"]),
    ],
  });
});
