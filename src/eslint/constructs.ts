import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { memberName, unwrap } from './ast.js';
import type { Bindings } from './bindings.js';

export type Framework = 'cdk' | 'cdktf' | 'pulumi' | 'sdk';

/** How the construct's props are read into views (see views-ec2.ts and views-iam.ts). */
export type Shape =
  | 'cdk-instance'
  | 'cdk-launch-template'
  | 'cfn-instance'
  | 'cfn-launch-template'
  | 'tf-instance'
  | 'tf-launch-template'
  | 'tf-metadata-defaults'
  | 'sdk-run-instances'
  | 'sdk-launch-template'
  | 'sdk-modify-metadata'
  | 'sdk-metadata-defaults'
  | 'cdk-imdsv2-aspect'
  | 'cdk-role'
  | 'cfn-role'
  | 'tf-role'
  | 'sdk-create-role'
  | 'sdk-update-role'
  | 'cdk-instance-profile'
  | 'cfn-instance-profile'
  | 'tf-instance-profile'
  | 'cdk-policy'
  | 'cfn-policy'
  | 'tf-policy'
  | 'tf-identity-policy'
  | 'tf-attachment'
  | 'sdk-identity-policy'
  | 'sdk-trust-policy'
  | 'sdk-attach'
  | 'cdk-user'
  | 'cfn-user'
  | 'tf-user'
  | 'sdk-create-user'
  | 'cdk-group'
  | 'cfn-group'
  | 'tf-group'
  | 'cdk-access-key'
  | 'cfn-access-key'
  | 'tf-access-key'
  | 'sdk-access-key'
  | 'resource-policy';

export interface Spec {
  readonly framework: Framework;
  /** Native type: CloudFormation for CDK and the SDK, Terraform for CDKTF and Pulumi (its AWS provider is Terraform's). */
  readonly type: string;
  readonly shape: Shape;
  /** The class or command name, for synthetic ids. */
  readonly name: string;
  /** For policies and identities: the kind of identity or the policy property. */
  readonly detail?: string;
}

const SPECS = new Map<string, Spec>();

function add(framework: Framework, module: string, name: string, type: string, shape: Shape, detail?: string): void {
  SPECS.set(`${module}#${name}`, { framework, type, shape, name, detail });
}

const CDK_EC2 = 'aws-cdk-lib/aws-ec2';
const CDK_IAM = 'aws-cdk-lib/aws-iam';
add('cdk', CDK_EC2, 'Instance', 'AWS::EC2::Instance', 'cdk-instance');
add('cdk', CDK_EC2, 'LaunchTemplate', 'AWS::EC2::LaunchTemplate', 'cdk-launch-template');
add('cdk', CDK_EC2, 'CfnInstance', 'AWS::EC2::Instance', 'cfn-instance');
add('cdk', CDK_EC2, 'CfnLaunchTemplate', 'AWS::EC2::LaunchTemplate', 'cfn-launch-template');
// `Aspects.of(app).add(new ec2.InstanceRequireImdsv2Aspect())` requires tokens on everything in scope.
add('cdk', CDK_EC2, 'InstanceRequireImdsv2Aspect', 'aws-cdk-lib.Aspect', 'cdk-imdsv2-aspect');
add('cdk', CDK_EC2, 'LaunchTemplateRequireImdsv2Aspect', 'aws-cdk-lib.Aspect', 'cdk-imdsv2-aspect');
add('cdk', 'aws-cdk-lib/aws-autoscaling', 'AutoScalingGroupRequireImdsv2Aspect', 'aws-cdk-lib.Aspect', 'cdk-imdsv2-aspect');
add('cdk', CDK_IAM, 'Role', 'AWS::IAM::Role', 'cdk-role');
add('cdk', CDK_IAM, 'CfnRole', 'AWS::IAM::Role', 'cfn-role');
add('cdk', CDK_IAM, 'InstanceProfile', 'AWS::IAM::InstanceProfile', 'cdk-instance-profile');
add('cdk', CDK_IAM, 'CfnInstanceProfile', 'AWS::IAM::InstanceProfile', 'cfn-instance-profile');
add('cdk', CDK_IAM, 'Policy', 'AWS::IAM::Policy', 'cdk-policy', 'inline');
add('cdk', CDK_IAM, 'ManagedPolicy', 'AWS::IAM::ManagedPolicy', 'cdk-policy', 'managed');
add('cdk', CDK_IAM, 'CfnPolicy', 'AWS::IAM::Policy', 'cfn-policy', 'inline');
add('cdk', CDK_IAM, 'CfnManagedPolicy', 'AWS::IAM::ManagedPolicy', 'cfn-policy', 'managed');
add('cdk', CDK_IAM, 'User', 'AWS::IAM::User', 'cdk-user');
add('cdk', CDK_IAM, 'CfnUser', 'AWS::IAM::User', 'cfn-user');
add('cdk', CDK_IAM, 'Group', 'AWS::IAM::Group', 'cdk-group');
add('cdk', CDK_IAM, 'CfnGroup', 'AWS::IAM::Group', 'cfn-group');
add('cdk', CDK_IAM, 'AccessKey', 'AWS::IAM::AccessKey', 'cdk-access-key');
add('cdk', CDK_IAM, 'CfnAccessKey', 'AWS::IAM::AccessKey', 'cfn-access-key');
add('cdk', 'aws-cdk-lib/aws-s3', 'CfnBucketPolicy', 'AWS::S3::BucketPolicy', 'resource-policy', 'policyDocument:bucket policy');
add('cdk', 'aws-cdk-lib/aws-sqs', 'CfnQueuePolicy', 'AWS::SQS::QueuePolicy', 'resource-policy', 'policyDocument:queue policy');
add('cdk', 'aws-cdk-lib/aws-sns', 'CfnTopicPolicy', 'AWS::SNS::TopicPolicy', 'resource-policy', 'policyDocument:topic policy');

// Pulumi (`@pulumi/aws`) and CDKTF (`@cdktf/provider-aws`) share the Terraform AWS provider's schema.
const tf = (framework: 'pulumi' | 'cdktf', module: (m: string) => string) => {
  const p = framework === 'pulumi';
  add(framework, module(p ? 'ec2' : 'instance'), 'Instance', 'aws_instance', 'tf-instance');
  add(framework, module(p ? 'ec2' : 'launch-template'), 'LaunchTemplate', 'aws_launch_template', 'tf-launch-template');
  add(framework, module(p ? 'ec2' : 'ec2-instance-metadata-defaults'), p ? 'InstanceMetadataDefaults' : 'Ec2InstanceMetadataDefaults', 'aws_ec2_instance_metadata_defaults', 'tf-metadata-defaults');
  add(framework, module(p ? 'iam' : 'iam-role'), p ? 'Role' : 'IamRole', 'aws_iam_role', 'tf-role');
  add(framework, module(p ? 'iam' : 'iam-instance-profile'), p ? 'InstanceProfile' : 'IamInstanceProfile', 'aws_iam_instance_profile', 'tf-instance-profile');
  add(framework, module(p ? 'iam' : 'iam-policy'), p ? 'Policy' : 'IamPolicy', 'aws_iam_policy', 'tf-policy');
  add(framework, module(p ? 'iam' : 'iam-role-policy'), p ? 'RolePolicy' : 'IamRolePolicy', 'aws_iam_role_policy', 'tf-identity-policy', 'role');
  add(framework, module(p ? 'iam' : 'iam-user-policy'), p ? 'UserPolicy' : 'IamUserPolicy', 'aws_iam_user_policy', 'tf-identity-policy', 'user');
  add(framework, module(p ? 'iam' : 'iam-group-policy'), p ? 'GroupPolicy' : 'IamGroupPolicy', 'aws_iam_group_policy', 'tf-identity-policy', 'group');
  add(framework, module(p ? 'iam' : 'iam-role-policy-attachment'), p ? 'RolePolicyAttachment' : 'IamRolePolicyAttachment', 'aws_iam_role_policy_attachment', 'tf-attachment', 'role');
  add(framework, module(p ? 'iam' : 'iam-user-policy-attachment'), p ? 'UserPolicyAttachment' : 'IamUserPolicyAttachment', 'aws_iam_user_policy_attachment', 'tf-attachment', 'user');
  add(framework, module(p ? 'iam' : 'iam-group-policy-attachment'), p ? 'GroupPolicyAttachment' : 'IamGroupPolicyAttachment', 'aws_iam_group_policy_attachment', 'tf-attachment', 'group');
  add(framework, module(p ? 'iam' : 'iam-user'), p ? 'User' : 'IamUser', 'aws_iam_user', 'tf-user');
  add(framework, module(p ? 'iam' : 'iam-group'), p ? 'Group' : 'IamGroup', 'aws_iam_group', 'tf-group');
  add(framework, module(p ? 'iam' : 'iam-access-key'), p ? 'AccessKey' : 'IamAccessKey', 'aws_iam_access_key', 'tf-access-key');
  add(framework, module(p ? 's3' : 's3-bucket-policy'), p ? 'BucketPolicy' : 'S3BucketPolicy', 'aws_s3_bucket_policy', 'resource-policy', 'policy:bucket policy');
  add(framework, module(p ? 'sqs' : 'sqs-queue-policy'), p ? 'QueuePolicy' : 'SqsQueuePolicy', 'aws_sqs_queue_policy', 'resource-policy', 'policy:queue policy');
  add(framework, module(p ? 'sns' : 'sns-topic-policy'), p ? 'TopicPolicy' : 'SnsTopicPolicy', 'aws_sns_topic_policy', 'resource-policy', 'policy:topic policy');
};
tf('pulumi', (m) => `@pulumi/aws/${m}`);
tf('cdktf', (m) => `@cdktf/provider-aws/lib/${m}`);

const EC2 = '@aws-sdk/client-ec2';
const IAM = '@aws-sdk/client-iam';
add('sdk', EC2, 'RunInstancesCommand', 'AWS::EC2::Instance', 'sdk-run-instances');
add('sdk', EC2, 'CreateLaunchTemplateCommand', 'AWS::EC2::LaunchTemplate', 'sdk-launch-template');
add('sdk', EC2, 'CreateLaunchTemplateVersionCommand', 'AWS::EC2::LaunchTemplate', 'sdk-launch-template');
add('sdk', EC2, 'ModifyInstanceMetadataOptionsCommand', 'AWS::EC2::Instance', 'sdk-modify-metadata');
add('sdk', EC2, 'ModifyInstanceMetadataDefaultsCommand', 'AWS::EC2::InstanceMetadataDefaults', 'sdk-metadata-defaults');
add('sdk', IAM, 'CreateRoleCommand', 'AWS::IAM::Role', 'sdk-create-role');
add('sdk', IAM, 'UpdateRoleCommand', 'AWS::IAM::Role', 'sdk-update-role');
add('sdk', IAM, 'PutRolePolicyCommand', 'AWS::IAM::RolePolicy', 'sdk-identity-policy', 'role');
add('sdk', IAM, 'PutUserPolicyCommand', 'AWS::IAM::UserPolicy', 'sdk-identity-policy', 'user');
add('sdk', IAM, 'PutGroupPolicyCommand', 'AWS::IAM::GroupPolicy', 'sdk-identity-policy', 'group');
add('sdk', IAM, 'CreatePolicyCommand', 'AWS::IAM::ManagedPolicy', 'sdk-identity-policy', 'managed');
add('sdk', IAM, 'CreatePolicyVersionCommand', 'AWS::IAM::ManagedPolicy', 'sdk-identity-policy', 'managed');
add('sdk', IAM, 'UpdateAssumeRolePolicyCommand', 'AWS::IAM::Role', 'sdk-trust-policy');
add('sdk', IAM, 'AttachRolePolicyCommand', 'AWS::IAM::Role', 'sdk-attach', 'role');
add('sdk', IAM, 'AttachUserPolicyCommand', 'AWS::IAM::User', 'sdk-attach', 'user');
add('sdk', IAM, 'AttachGroupPolicyCommand', 'AWS::IAM::Group', 'sdk-attach', 'group');
add('sdk', IAM, 'CreateUserCommand', 'AWS::IAM::User', 'sdk-create-user');
add('sdk', IAM, 'CreateAccessKeyCommand', 'AWS::IAM::AccessKey', 'sdk-access-key');
add('sdk', '@aws-sdk/client-s3', 'PutBucketPolicyCommand', 'AWS::S3::BucketPolicy', 'resource-policy', 'Policy:bucket policy');

/** SDK clients whose methods are the commands (`new EC2().runInstances({...})`, v2 `new AWS.EC2()`). */
const CLIENTS: ReadonlyMap<string, string> = new Map([
  [`${EC2}#EC2`, EC2],
  [`${IAM}#IAM`, IAM],
  ['@aws-sdk/client-s3#S3', '@aws-sdk/client-s3'],
  ['aws-sdk#EC2', EC2],
  ['aws-sdk#IAM', IAM],
  ['aws-sdk#S3', '@aws-sdk/client-s3'],
]);

export interface Recognized {
  readonly spec: Spec;
  readonly node: TSESTree.NewExpression | TSESTree.CallExpression;
  /** The argument with the construct's id or name (CDK, CDKTF, Pulumi). */
  readonly idArg?: TSESTree.Node;
  readonly propsArg?: TSESTree.Node;
}

/** What a `new` expression or SDK client call creates, if it is one of the recognised APIs. */
export function recognize(node: TSESTree.Node, bindings: Bindings, target: (e: TSESTree.Node) => TSESTree.Node): Recognized | undefined {
  if (node.type === T.NewExpression) {
    const key = bindings.symbolKeyOf(node.callee);
    const spec = key ? SPECS.get(key) : undefined;
    if (!spec) return undefined;
    const args = node.arguments.map((a) => (a.type === T.SpreadElement ? undefined : a));
    if (spec.framework === 'sdk') return { spec, node, propsArg: args[0] };
    if (spec.framework === 'pulumi') return { spec, node, idArg: args[0], propsArg: args[1] };
    return { spec, node, idArg: args[1], propsArg: args[2] };
  }
  if (node.type === T.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type !== T.MemberExpression) return undefined;
    const method = memberName(callee);
    if (!method) return undefined;
    const client = target(callee.object);
    if (client.type !== T.NewExpression) return undefined;
    const module = CLIENTS.get(bindings.symbolKeyOf(client.callee) ?? '');
    if (!module) return undefined;
    const spec = SPECS.get(`${module}#${method[0]!.toUpperCase()}${method.slice(1)}Command`);
    const arg = node.arguments[0];
    return spec ? { spec, node, propsArg: arg && arg.type !== T.SpreadElement ? arg : undefined } : undefined;
  }
  return undefined;
}
