import type { CfnContext } from './cfn-context.js';

/** Resource types that hold a resource-based policy document, the property it is in, and how messages name it. */
const RESOURCE_POLICIES: ReadonlyMap<string, { property: string; label: string; endpoint?: boolean }> = new Map(
  Object.entries({
  'AWS::S3::BucketPolicy': { property: 'PolicyDocument', label: 'bucket policy' },
  'AWS::S3::AccessPoint': { property: 'Policy', label: 'access point policy of' },
  'AWS::S3Express::BucketPolicy': { property: 'PolicyDocument', label: 'bucket policy' },
  'AWS::SQS::QueuePolicy': { property: 'PolicyDocument', label: 'queue policy' },
  'AWS::SQS::QueueInlinePolicy': { property: 'PolicyDocument', label: 'queue policy' },
  'AWS::SNS::TopicPolicy': { property: 'PolicyDocument', label: 'topic policy' },
  'AWS::SNS::TopicInlinePolicy': { property: 'PolicyDocument', label: 'topic policy' },
  'AWS::KMS::Key': { property: 'KeyPolicy', label: 'key policy of' },
  'AWS::KMS::ReplicaKey': { property: 'KeyPolicy', label: 'key policy of' },
  'AWS::SecretsManager::ResourcePolicy': { property: 'ResourcePolicy', label: 'secret policy' },
  'AWS::ECR::Repository': { property: 'RepositoryPolicyText', label: 'repository policy of' },
  'AWS::EFS::FileSystem': { property: 'FileSystemPolicy', label: 'file system policy of' },
  'AWS::OpenSearchService::Domain': { property: 'AccessPolicies', label: 'access policy of' },
  'AWS::Elasticsearch::Domain': { property: 'AccessPolicies', label: 'access policy of' },
  'AWS::Backup::BackupVault': { property: 'AccessPolicy', label: 'access policy of' },
  'AWS::ApiGateway::RestApi': { property: 'Policy', label: 'resource policy of' },
  'AWS::Logs::ResourcePolicy': { property: 'PolicyDocument', label: 'log resource policy' },
  'AWS::EC2::VPCEndpoint': { property: 'PolicyDocument', label: 'endpoint policy of', endpoint: true },
  }),
);

/** Resource-based policies (kind `resource`); `AWS::Lambda::Permission` is a single grant, not a document. */
export function readResourcePolicies(ctx: CfnContext): void {
  for (const r of ctx.builder.resources) {
    const spec = RESOURCE_POLICIES.get(r.type);
    const node = spec && r.properties.get(spec.property);
    if (!spec || !node) continue;
    ctx.policies(node, { kind: 'resource', label: `${spec.label} ${r.id}`, owner: r, ...(spec.endpoint ? { endpointPolicy: true } : {}) });
  }
}
