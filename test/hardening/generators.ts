/**
 * fast-check arbitraries for valid, realistic inputs: CloudFormation templates (short-form tags,
 * parameters, conditions, roles, profiles, launchers, users and keys, bucket policies), Terraform
 * `.tf.json` modules, plan and state JSON, and raw IAM policies with the AWS CLI wrappers. The
 * mutations (mutations.ts) start from these.
 */
import fc from 'fast-check';
import { MapNode, map, tag, type Tree } from './tree.js';

const ACTIONS = [
  's3:GetObject',
  's3:*',
  '*',
  'iam:PassRole',
  'iam:*',
  'ec2:Describe*',
  'sts:AssumeRole',
  'kms:Decrypt',
  'iam:CreateAccessKey',
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'dynamodb:Query',
  'S3:getobject',
  'notaservice:DoThing',
  'ec2:RunInstances',
  'lambda:CreateFunction',
  'ssm:GetParameter*',
];
const RESOURCES = ['*', 'arn:aws:s3:::app-data/*', 'arn:aws:iam::123456789012:role/app', 'arn:aws:sqs:eu-west-1:123456789012:jobs', 'arn:aws:s3:::', 'not-an-arn'];
const PRINCIPALS = (): Tree[] => [
  '*',
  map({ AWS: '*' }),
  map({ AWS: 'arn:aws:iam::123456789012:root' }),
  map({ AWS: '111122223333' }),
  map({ Service: 'ec2.amazonaws.com' }),
  map({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }),
  map({ Federated: 'cognito-identity.amazonaws.com' }),
];
const CONDITIONS = (): Tree[] => [
  map({ StringEquals: map({ 'aws:SourceAccount': '123456789012' }) }),
  map({ Bool: map({ 'aws:SecureTransport': 'false' }) }),
  map({ StringLike: map({ 'sts:ExternalId': 'team-*' }) }),
  map({ NotAStringOperator: map({ 'aws:PrincipalTag/team': 'x' }) }),
];
export const FAKE_KEY_ID = 'AKIAZ7Q3K5W2XJ4TNB6R';
const USER_DATA = [
  '#!/bin/bash\nyum install -y httpd\n',
  `#!/bin/bash\nexport AWS_ACCESS_KEY_ID=${FAKE_KEY_ID}\nexport AWS_SECRET_ACCESS_KEY=q8Vd3sPzR7tKx2LmN9bWc4YhJf6Gu1AeTo5XiK0r\n`,
  '#!/bin/bash\ncurl http://169.254.169.254/latest/meta-data/iam/security-credentials/\n',
];

type Kind = 'identity' | 'trust' | 'resource';

function statement(kind: Kind, withIntrinsics: boolean): fc.Arbitrary<Tree> {
  const resource: fc.Arbitrary<Tree> = withIntrinsics
    ? fc.oneof(fc.constantFrom(...RESOURCES), fc.constant(tag('!Sub', 'arn:${AWS::Partition}:s3:::${Bucket}/*')), fc.constant(tag('!GetAtt', 'Queue.Arn')))
    : fc.constantFrom(...RESOURCES);
  return fc
    .record({
      sid: fc.option(fc.constantFrom('ReadData', 'Admin', 'Trust', 'Deploy'), { nil: undefined }),
      effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      not: fc.boolean(),
      actions: fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
      single: fc.boolean(),
      resources: fc.array(resource, { minLength: 1, maxLength: 2 }),
      principal: fc.constantFrom(...PRINCIPALS()),
      condition: fc.option(fc.constantFrom(...CONDITIONS()), { nil: undefined }),
    })
    .map(({ sid, effect, not, actions, single, resources, principal, condition }) => {
      const action: Tree = single ? actions[0]! : actions;
      const useNot = not && actions.length === 3; // NotAction is rare but real
      return map({
        Sid: sid,
        Effect: effect,
        ...(kind === 'identity' ? {} : { Principal: principal }),
        ...(useNot ? { NotAction: action } : { Action: kind === 'trust' ? 'sts:AssumeRole' : action }),
        ...(kind === 'trust' ? {} : { Resource: resources.length === 1 ? resources[0]! : resources }),
        Condition: condition,
      });
    });
}

export function policy(kind: Kind, withIntrinsics = false): fc.Arbitrary<MapNode> {
  return fc
    .record({
      version: fc.constantFrom('2012-10-17', '2012-10-17', '2008-10-17', undefined),
      statements: fc.array(statement(kind, withIntrinsics), { minLength: 1, maxLength: 3 }),
      asObject: fc.boolean(),
    })
    .map(({ version, statements, asObject }) =>
      map({ Version: version, Statement: asObject && statements.length === 1 ? statements[0]! : statements }),
    );
}

// ---------------------------------------------------------------- CloudFormation

const tokens = fc.constantFrom<Tree>('optional', 'required', 'Optional', tag('!Ref', 'Tokens'), tag('!If', ['IsProd', 'required', 'optional']));

const unit = fc.record({
  kind: fc.constantFrom('instance', 'launchTemplate', 'launchConfiguration', 'role', 'user', 'bucketPolicy', 'managedPolicy'),
  tokens: fc.option(tokens, { nil: undefined }),
  hop: fc.option(fc.constantFrom(1, 2, 3, 64), { nil: undefined }),
  endpoint: fc.option(fc.constantFrom('enabled', 'disabled'), { nil: undefined }),
  profile: fc.boolean(),
  trust: policy('trust'),
  inline: fc.array(policy('identity', true), { maxLength: 2 }),
  managed: fc.option(
    fc.constantFrom<Tree>('arn:aws:iam::aws:policy/AdministratorAccess', tag('!Sub', 'arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess')),
    { nil: undefined },
  ),
  session: fc.option(fc.constantFrom(3600, 43200, 50000), { nil: undefined }),
  userData: fc.option(fc.constantFrom(...USER_DATA), { nil: undefined }),
  conditional: fc.boolean(),
  suppressed: fc.constantFrom(undefined, undefined, 'metadata', 'cfn_nag'),
  resourcePolicy: policy('resource'),
});

type Unit = typeof unit extends fc.Arbitrary<infer U> ? U : never;

function metadataOptions(u: Unit): MapNode | undefined {
  if (u.tokens === undefined && u.hop === undefined && u.endpoint === undefined) return undefined;
  return map({ HttpTokens: u.tokens, HttpPutResponseHopLimit: u.hop, HttpEndpoint: u.endpoint });
}

function unitResources(u: Unit, n: number): [string, Tree][] {
  const out: [string, Tree][] = [];
  const metadata =
    u.suppressed === 'metadata'
      ? map({ iamlint: map({ suppress: [map({ rule: 'imdsv1-allowed', reason: 'Legacy AMI, replaced next quarter.' })] }) })
      : u.suppressed === 'cfn_nag'
        ? map({ cfn_nag: map({ rules_to_suppress: [map({ id: 'W11', reason: 'Needed by the deploy tool.' })] }) })
        : undefined;
  const resource = (id: string, type: string, props: Record<string, Tree | undefined>, extra: Record<string, Tree | undefined> = {}) =>
    out.push([id, map({ Type: type, ...extra, Properties: map(props) })]);
  const role = () =>
    resource(`Role${n}`, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: u.trust,
      Policies: u.inline.length ? u.inline.map((doc, i) => map({ PolicyName: `inline-${n}-${i}`, PolicyDocument: doc })) : undefined,
      ManagedPolicyArns: u.managed === undefined ? undefined : [u.managed],
      MaxSessionDuration: u.session,
    });
  const profile = () => resource(`Profile${n}`, 'AWS::IAM::InstanceProfile', { Roles: [tag('!Ref', `Role${n}`)] });
  const userData = u.userData === undefined ? undefined : tag('!Base64', n % 2 ? tag('!Sub', u.userData) : u.userData);
  const condition = u.conditional ? { Condition: 'IsProd' } : {};
  switch (u.kind) {
    case 'instance':
      role();
      if (u.profile) profile();
      resource(
        `Instance${n}`,
        'AWS::EC2::Instance',
        {
          ImageId: 'ami-0abcdef1234567890',
          InstanceType: tag('!Ref', 'InstanceType'),
          IamInstanceProfile: u.profile ? tag('!Ref', `Profile${n}`) : undefined,
          MetadataOptions: metadataOptions(u),
          UserData: userData,
          Tags: [map({ Key: 'Name', Value: tag('!Join', ['-', ['app', tag('!Ref', 'Env'), String(n)]]) })],
        },
        { ...condition, Metadata: metadata },
      );
      break;
    case 'launchTemplate':
      role();
      profile();
      resource(
        `Template${n}`,
        'AWS::EC2::LaunchTemplate',
        {
          LaunchTemplateData: map({
            ImageId: 'ami-0abcdef1234567890',
            IamInstanceProfile: u.profile ? map({ Arn: tag('!GetAtt', `Profile${n}.Arn`) }) : map({ Name: tag('!Ref', `Profile${n}`) }),
            MetadataOptions: metadataOptions(u),
            UserData: userData,
          }),
        },
        { Metadata: metadata },
      );
      resource(`Fleet${n}`, 'AWS::AutoScaling::AutoScalingGroup', {
        MinSize: '1',
        MaxSize: '3',
        LaunchTemplate: map({ LaunchTemplateId: tag('!Ref', `Template${n}`), Version: tag('!GetAtt', `Template${n}.LatestVersionNumber`) }),
      });
      break;
    case 'launchConfiguration':
      role();
      profile();
      resource(`Config${n}`, 'AWS::AutoScaling::LaunchConfiguration', {
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.micro',
        IamInstanceProfile: tag('!Ref', `Profile${n}`),
        MetadataOptions: metadataOptions(u),
      });
      break;
    case 'role':
      role();
      break;
    case 'user':
      resource(`User${n}`, 'AWS::IAM::User', {
        Policies: u.inline.length ? [map({ PolicyName: `user-${n}`, PolicyDocument: u.inline[0]! })] : undefined,
        ManagedPolicyArns: u.managed === undefined ? undefined : [u.managed],
      });
      resource(`Key${n}`, 'AWS::IAM::AccessKey', { UserName: tag('!Ref', `User${n}`), Status: 'Active' });
      break;
    case 'bucketPolicy':
      resource(`BucketPolicy${n}`, 'AWS::S3::BucketPolicy', { Bucket: tag('!Ref', 'Bucket'), PolicyDocument: u.resourcePolicy });
      break;
    case 'managedPolicy':
      role();
      resource(`Policy${n}`, 'AWS::IAM::ManagedPolicy', { Roles: [tag('!Ref', `Role${n}`)], PolicyDocument: u.inline[0] ?? u.resourcePolicy });
      break;
  }
  return out;
}

export const cloudFormation: fc.Arbitrary<MapNode> = fc
  .record({
    description: fc.option(fc.constantFrom('Web tier', 'Stack with "quotes" and: colons', 'Ünïcödé stack 😀'), { nil: undefined }),
    units: fc.array(unit, { minLength: 1, maxLength: 3 }),
    outputs: fc.boolean(),
    sam: fc.boolean(),
  })
  .map(({ description, units, outputs, sam }) => {
    const resources: [string, Tree][] = [
      ['Bucket', map({ Type: 'AWS::S3::Bucket' })],
      ['Queue', map({ Type: 'AWS::SQS::Queue' })],
    ];
    units.forEach((u, n) => resources.push(...unitResources(u, n)));
    const firstKey = units.findIndex((u) => u.kind === 'user');
    return map({
      AWSTemplateFormatVersion: '2010-09-09',
      Transform: sam ? 'AWS::Serverless-2016-10-31' : undefined,
      Description: description,
      Parameters: map({
        Env: map({ Type: 'String', Default: 'prod', AllowedValues: ['dev', 'prod'] }),
        InstanceType: map({ Type: 'String', Default: 't3.micro' }),
        Tokens: map({ Type: 'String', Default: 'optional', AllowedValues: ['optional', 'required'] }),
      }),
      Conditions: map({ IsProd: tag('!Equals', [tag('!Ref', 'Env'), 'prod']) }),
      Resources: new MapNode(resources),
      Outputs:
        outputs && firstKey >= 0 ? map({ Secret: map({ Value: tag('!GetAtt', `Key${firstKey}.SecretAccessKey`) }) }) : undefined,
    });
  });

// ---------------------------------------------------------------- Terraform configuration

const tfTokens = fc.constantFrom<Tree>('optional', 'required', '${var.http_tokens}', 'OPTIONAL');

const tfUnit = fc.record({
  tokens: fc.option(tfTokens, { nil: undefined }),
  hop: fc.option(fc.constantFrom(1, 2, 5), { nil: undefined }),
  trust: policy('trust'),
  inline: policy('identity'),
  inlineAsDocument: fc.boolean(),
  profile: fc.boolean(),
  launchTemplate: fc.boolean(),
  userData: fc.option(fc.constantFrom(...USER_DATA), { nil: undefined }),
  key: fc.boolean(),
});

/** `main.tf.json`: resource blocks in the object form or the array-of-objects form, `"//"` comments, a variable. */
export const terraformConfig: fc.Arbitrary<MapNode> = fc
  .record({ units: fc.array(tfUnit, { minLength: 1, maxLength: 3 }), arrays: fc.boolean(), comment: fc.boolean() })
  .map(({ units, arrays, comment }) => {
    const blocks: [string, string, MapNode][] = [];
    const data: [string, string, MapNode][] = [];
    units.forEach((u, n) => {
      blocks.push(['aws_iam_role', `app${n}`, map({ name: `app-${n}`, assume_role_policy: JSON.stringify(dataOf(u.trust)) })]);
      if (u.inlineAsDocument) {
        data.push([
          'aws_iam_policy_document',
          `app${n}`,
          map({ statement: [map({ effect: 'Allow', actions: ['s3:GetObject', '*'], resources: ['*'] })] }),
        ]);
      }
      blocks.push([
        'aws_iam_role_policy',
        `app${n}`,
        map({
          role: `\${aws_iam_role.app${n}.id}`,
          policy: u.inlineAsDocument ? `\${data.aws_iam_policy_document.app${n}.json}` : JSON.stringify(dataOf(u.inline)),
        }),
      ]);
      if (u.profile) blocks.push(['aws_iam_instance_profile', `app${n}`, map({ role: `\${aws_iam_role.app${n}.name}` })]);
      const metadata = u.tokens === undefined && u.hop === undefined ? undefined : map({ http_tokens: u.tokens, http_put_response_hop_limit: u.hop });
      const launcher = map({
        ami: '${data.aws_ami.al2023.id}',
        instance_type: 't3.micro',
        iam_instance_profile: u.profile ? (u.launchTemplate ? map({ name: `\${aws_iam_instance_profile.app${n}.name}` }) : `\${aws_iam_instance_profile.app${n}.name}`) : undefined,
        metadata_options: metadata,
        user_data: u.userData,
        '//': comment ? 'iamlint-disable-next-line imds-hop-limit -- the proxy container needs two hops' : undefined,
      });
      blocks.push([u.launchTemplate ? 'aws_launch_template' : 'aws_instance', `app${n}`, launcher]);
      if (u.key) {
        blocks.push(['aws_iam_user', `deploy${n}`, map({ name: `deploy-${n}` })]);
        blocks.push(['aws_iam_access_key', `deploy${n}`, map({ user: `\${aws_iam_user.deploy${n}.name}` })]);
      }
    });
    const section = (list: [string, string, MapNode][]): Tree => {
      if (arrays) return list.map(([type, name, body]) => map({ [type]: [map({ [name]: [body] })] }));
      const byType = new Map<string, [string, Tree][]>();
      for (const [type, name, body] of list) byType.set(type, [...(byType.get(type) ?? []), [name, body]]);
      return new MapNode([...byType].map(([type, entries]) => [type, new MapNode(entries)]));
    };
    return map({
      '//': comment ? 'Generated module' : undefined,
      variable: map({ http_tokens: map({ type: 'string', default: 'optional' }) }),
      data: data.length ? section(data) : undefined,
      resource: section(blocks),
    });
  });

function dataOf(t: MapNode): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of t.entries) out[k] = v instanceof MapNode ? dataOf(v) : Array.isArray(v) ? v.map((x) => (x instanceof MapNode ? dataOf(x) : x)) : v;
  return out;
}

// ---------------------------------------------------------------- Terraform plan and state

const planUnit = fc.record({
  tokens: fc.option(fc.constantFrom('optional', 'required'), { nil: undefined }),
  unknownTokens: fc.boolean(),
  policy: policy('identity'),
  trust: policy('trust'),
  module: fc.boolean(),
  count: fc.integer({ min: 1, max: 3 }),
});

/** `terraform show -json` of a plan (planned_values, resource_changes, configuration) or of the state (values). */
export const terraformPlan: fc.Arbitrary<MapNode> = fc
  .record({ units: fc.array(planUnit, { minLength: 1, maxLength: 3 }), state: fc.boolean() })
  .map(({ units, state }) => {
    const root: Tree[] = [];
    const child: Tree[] = [];
    const changes: Tree[] = [];
    const configured: Tree[] = [];
    units.forEach((u, n) => {
      for (let i = 0; i < u.count; i++) {
        const prefix = u.module ? 'module.fleet.' : '';
        const addr = (type: string) => `${prefix}${type}.app${n}${u.count > 1 ? `[${i}]` : ''}`;
        const instance = map({
          ami: 'ami-0abcdef1234567890',
          iam_instance_profile: `app-${n}`,
          metadata_options: u.unknownTokens ? [] : [map({ http_tokens: u.tokens ?? null, http_endpoint: 'enabled', http_put_response_hop_limit: 1 })],
          tags: map({ Name: `app-${n}-${i}` }),
        });
        const rolePolicy = map({ name: `app-${n}`, role: `app-${n}`, policy: JSON.stringify(dataOf(u.policy)) });
        const role = map({ name: `app-${n}`, assume_role_policy: JSON.stringify(dataOf(u.trust)), max_session_duration: 3600 });
        for (const [type, values] of [
          ['aws_instance', instance],
          ['aws_iam_role_policy', rolePolicy],
          ['aws_iam_role', role],
        ] as const) {
          const resource = map({
            address: addr(type),
            mode: 'managed',
            type,
            name: `app${n}`,
            index: u.count > 1 ? i : undefined,
            provider_name: 'registry.terraform.io/hashicorp/aws',
            schema_version: 1,
            values,
            sensitive_values: map({}),
          });
          (u.module ? child : root).push(resource);
          changes.push(
            map({
              address: addr(type),
              module_address: u.module ? 'module.fleet' : undefined,
              mode: 'managed',
              type,
              name: `app${n}`,
              change: map({
                actions: ['create'],
                before: null,
                after: values,
                after_unknown: map({ id: true, arn: true, metadata_options: u.unknownTokens && type === 'aws_instance' ? true : undefined }),
              }),
            }),
          );
        }
      }
      configured.push(
        map({
          address: `aws_instance.app${n}`,
          mode: 'managed',
          type: 'aws_instance',
          name: `app${n}`,
          expressions: map({ iam_instance_profile: map({ references: [`aws_iam_instance_profile.app${n}.name`, `aws_iam_instance_profile.app${n}`] }) }),
        }),
      );
    });
    const rootModule = map({ resources: root, child_modules: child.length ? [map({ address: 'module.fleet', resources: child })] : undefined });
    if (state) return map({ format_version: '1.0', terraform_version: '1.9.8', values: map({ root_module: rootModule }) });
    return map({
      format_version: '1.2',
      terraform_version: '1.9.8',
      planned_values: map({ root_module: rootModule }),
      resource_changes: changes,
      configuration: map({ root_module: map({ resources: configured }) }),
    });
  });

// ---------------------------------------------------------------- raw policies

/** A policy file: the document itself or one of the shapes the AWS CLI prints. */
export const policyFile: fc.Arbitrary<MapNode> = fc
  .record({ doc: fc.oneof(policy('identity'), policy('trust'), policy('resource')), wrapper: fc.constantFrom('none', 'none', 'role-policy', 'role-policy-encoded', 'policy', 'version') })
  .map(({ doc, wrapper }) => {
    switch (wrapper) {
      case 'role-policy':
        return map({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: doc });
      case 'role-policy-encoded':
        return map({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(dataOf(doc))) });
      case 'policy':
        return map({ Policy: map({ PolicyName: 'p', PolicyDocument: doc }) });
      case 'version':
        return map({ PolicyVersion: map({ VersionId: 'v1', IsDefaultVersion: true, Document: doc }) });
      default:
        return doc;
    }
  });
