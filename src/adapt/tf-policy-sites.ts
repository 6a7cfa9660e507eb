/** Which Terraform arguments hold IAM policy documents, and what kind of policy each is. */

/** Resource types whose argument is a resource-based policy (it names principals). */
export const RESOURCE_POLICY_ARGS: Readonly<Record<string, string>> = {
  aws_api_gateway_rest_api: 'policy',
  aws_api_gateway_rest_api_policy: 'policy',
  aws_backup_vault_policy: 'policy',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_cloudwatch_log_resource_policy: 'policy_document',
  aws_codeartifact_domain_permissions_policy: 'policy_document',
  aws_codeartifact_repository_permissions_policy: 'policy_document',
  aws_dynamodb_resource_policy: 'policy',
  aws_ecr_registry_policy: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_ecrpublic_repository_policy: 'policy',
  aws_efs_file_system_policy: 'policy',
  aws_elasticsearch_domain: 'access_policies',
  aws_elasticsearch_domain_policy: 'access_policies',
  aws_glacier_vault: 'access_policy',
  aws_glacier_vault_lock: 'policy',
  aws_kinesis_resource_policy: 'policy',
  aws_kms_key: 'policy',
  aws_kms_key_policy: 'policy',
  aws_opensearch_domain: 'access_policies',
  aws_opensearch_domain_policy: 'access_policies',
  aws_s3_access_point: 'policy',
  aws_s3_bucket: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_s3control_access_point_policy: 'policy',
  aws_s3control_bucket_policy: 'policy',
  aws_secretsmanager_secret: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_sns_topic: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_vpc_endpoint: 'policy',
  aws_vpc_endpoint_policy: 'policy',
};

/** Of those, VPC endpoint policies: they limit what passes through an endpoint and grant nothing. */
export const ENDPOINT_POLICY_RESOURCES: ReadonlySet<string> = new Set(['aws_vpc_endpoint', 'aws_vpc_endpoint_policy']);

/** Inline identity policies in their own resource: the argument naming the identity. */
export const INLINE_POLICY_RESOURCES: Readonly<Record<string, { identity: 'role' | 'user' | 'group'; arg: string }>> = {
  aws_iam_role_policy: { identity: 'role', arg: 'role' },
  aws_iam_user_policy: { identity: 'user', arg: 'user' },
  aws_iam_group_policy: { identity: 'group', arg: 'group' },
};

/** Managed-policy attachments: the argument(s) naming identities and the one holding the policy ARN(s). */
export const ATTACHMENT_RESOURCES: Readonly<
  Record<string, { identities: { kind: 'role' | 'user' | 'group'; arg: string; list?: boolean }[]; policy: string; policyList?: boolean }>
> = {
  aws_iam_role_policy_attachment: { identities: [{ kind: 'role', arg: 'role' }], policy: 'policy_arn' },
  aws_iam_user_policy_attachment: { identities: [{ kind: 'user', arg: 'user' }], policy: 'policy_arn' },
  aws_iam_group_policy_attachment: { identities: [{ kind: 'group', arg: 'group' }], policy: 'policy_arn' },
  aws_iam_policy_attachment: {
    identities: [
      { kind: 'role', arg: 'roles', list: true },
      { kind: 'user', arg: 'users', list: true },
      { kind: 'group', arg: 'groups', list: true },
    ],
    policy: 'policy_arn',
  },
  aws_iam_role_policy_attachments_exclusive: { identities: [{ kind: 'role', arg: 'role_name' }], policy: 'policy_arns', policyList: true },
  aws_iam_user_policy_attachments_exclusive: { identities: [{ kind: 'user', arg: 'user_name' }], policy: 'policy_arns', policyList: true },
  aws_iam_group_policy_attachments_exclusive: { identities: [{ kind: 'group', arg: 'group_name' }], policy: 'policy_arns', policyList: true },
};

/** Attachments of managed policies to something other than an IAM identity: the argument holding the ARN. */
export const OTHER_POLICY_ATTACHMENTS: Readonly<Record<string, string>> = {
  aws_ssoadmin_managed_policy_attachment: 'managed_policy_arn',
};

/** Policy-document data sources whose `json` output other resources use as a policy. */
export const POLICY_DOCUMENT_DATA = 'aws_iam_policy_document';
export const POLICY_DOCUMENT_OUTPUTS = new Set(['json', 'minified_json']);
