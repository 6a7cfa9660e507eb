import type { Random } from './random.js';

/** A Terraform configuration module in JSON syntax. */
export function terraformConfig(rnd: Random, resources: number): string {
  const resource: Record<string, Record<string, unknown>> = { aws_instance: {}, aws_iam_role: {}, aws_iam_instance_profile: {}, aws_iam_role_policy: {} };
  for (let i = 0; i < resources; i += 4) {
    const n = i / 4;
    resource.aws_iam_role![`app${n}`] = {
      name: `app-${n}`,
      assume_role_policy: '${data.aws_iam_policy_document.ec2_trust.json}',
      max_session_duration: 3600,
    };
    resource.aws_iam_instance_profile![`app${n}`] = { name: `app-${n}`, role: `\${aws_iam_role.app${n}.name}` };
    resource.aws_iam_role_policy![`app${n}`] = {
      role: `\${aws_iam_role.app${n}.id}`,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: rnd.chance(0.1) ? '*' : ['sqs:SendMessage'], Resource: rnd.chance(0.5) ? '*' : `arn:aws:sqs:eu-west-1:123456789012:queue-${n}` }],
      }),
    };
    resource.aws_instance![`app${n}`] = {
      ami: '${data.aws_ami.al2023.id}',
      instance_type: 't3.micro',
      iam_instance_profile: `\${aws_iam_instance_profile.app${n}.name}`,
      metadata_options: { http_tokens: rnd.chance(0.2) ? 'optional' : 'required', http_endpoint: 'enabled' },
      tags: { Name: `app-${n}` },
    };
  }
  return (
    JSON.stringify(
      {
        '//': 'generated module',
        data: {
          aws_ami: { al2023: { most_recent: true, owners: ['amazon'] } },
          aws_iam_policy_document: {
            ec2_trust: { statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }] }] },
          },
        },
        resource,
      },
      null,
      2,
    ) + '\n'
  );
}

interface PlanResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: number;
  provider_name: string;
  schema_version: number;
  values: Record<string, unknown>;
  sensitive_values: Record<string, unknown>;
}

/** `terraform show -json` output for a plan of `count` instances with roles and policies. */
export function terraformPlan(rnd: Random, count: number, pretty: boolean): string {
  const resources: PlanResource[] = [];
  const changes: unknown[] = [];
  const provider = 'registry.terraform.io/hashicorp/aws';
  for (let i = 0; i < count; i++) {
    const tokens = rnd.chance(0.2) ? 'optional' : 'required';
    const instance: PlanResource = {
      address: `module.fleet.aws_instance.node[${i}]`,
      mode: 'managed',
      type: 'aws_instance',
      name: 'node',
      index: i,
      provider_name: provider,
      schema_version: 1,
      values: {
        ami: 'ami-0abcdef1234567890',
        instance_type: 't3.micro',
        metadata_options: [{ http_endpoint: 'enabled', http_put_response_hop_limit: 1, http_tokens: tokens, instance_metadata_tags: 'disabled' }],
        tags: { Name: `node-${i}`, Team: rnd.pick(['payments', 'search', 'platform']) },
        user_data: null,
        credit_specification: [],
        ebs_block_device: [],
        root_block_device: [{ volume_size: 20, volume_type: 'gp3', encrypted: true }],
      },
      sensitive_values: { metadata_options: [{}], tags: {}, root_block_device: [{}] },
    };
    const policy: PlanResource = {
      address: `module.fleet.aws_iam_role_policy.node[${i}]`,
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name: 'node',
      index: i,
      provider_name: provider,
      schema_version: 0,
      values: {
        name: `node-${i}`,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Sid: 'Queue', Effect: 'Allow', Action: rnd.chance(0.05) ? 'sqs:*' : ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: `arn:aws:sqs:eu-west-1:123456789012:q-${i}` }],
        }),
      },
      sensitive_values: {},
    };
    resources.push(instance, policy);
    changes.push(
      { address: instance.address, module_address: 'module.fleet', mode: 'managed', type: 'aws_instance', name: 'node', index: i, provider_name: provider, change: { actions: ['create'], before: null, after: instance.values, after_unknown: { id: true, arn: true, iam_instance_profile: true, metadata_options: [{}] }, before_sensitive: false, after_sensitive: { metadata_options: [{}] } } },
      { address: policy.address, module_address: 'module.fleet', mode: 'managed', type: 'aws_iam_role_policy', name: 'node', index: i, provider_name: provider, change: { actions: ['create'], before: null, after: policy.values, after_unknown: { id: true, role: true }, before_sensitive: false, after_sensitive: {} } },
    );
  }
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { child_modules: [{ address: 'module.fleet', resources }] } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: provider, expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: {
        module_calls: {
          fleet: {
            source: './modules/fleet',
            module: {
              resources: [
                { address: 'aws_instance.node', mode: 'managed', type: 'aws_instance', name: 'node', provider_config_key: 'aws', expressions: { ami: { constant_value: 'ami-0abcdef1234567890' }, iam_instance_profile: { references: ['aws_iam_instance_profile.node.name', 'aws_iam_instance_profile.node'] } }, schema_version: 1, count_expression: { constant_value: count } },
                { address: 'aws_iam_role_policy.node', mode: 'managed', type: 'aws_iam_role_policy', name: 'node', provider_config_key: 'aws', expressions: { role: { references: ['aws_iam_role.node.id', 'aws_iam_role.node'] } }, schema_version: 0, count_expression: { constant_value: count } },
              ],
            },
          },
        },
      },
    },
  };
  return pretty ? JSON.stringify(plan, null, 2) + '\n' : JSON.stringify(plan);
}

/** A raw identity policy as `aws iam get-policy-version` users save it. */
export function policyFile(rnd: Random): string {
  const statements = [];
  for (let i = 0, n = rnd.int(1, 6); i < n; i++) {
    statements.push({
      Sid: `S${i}`,
      Effect: rnd.chance(0.9) ? 'Allow' : 'Deny',
      Action: rnd.chance(0.1) ? 'iam:PassRole' : [rnd.pick(['s3:GetObject', 'ec2:DescribeInstances', 'kms:Decrypt', 'dynamodb:GetItem'])],
      Resource: rnd.chance(0.3) ? '*' : `arn:aws:s3:::bucket-${rnd.int(1, 99)}/*`,
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2) + '\n';
}
