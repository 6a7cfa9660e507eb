import type { AccessKey } from '../src/rule-api.js';
import { conditionNote, defineRule, knownLower, resourceAnchor } from '../src/rule-api.js';

function userName(key: AccessKey): string {
  const u = key.user;
  if (!u) return 'an IAM user';
  if (u.target) return `user ${u.target.resource.id}`;
  if (u.targetId) return `user ${u.targetId}`;
  if (u.literal) return `user ${u.literal}`;
  return 'an IAM user';
}

export default defineRule({
  id: 'iam-user-access-key',
  title: 'Long-term access key created for an IAM user',
  description: 'Finds access keys created for IAM users in templates, and reports an error when the stack exposes the secret (outputs, non-sensitive Terraform outputs).',
  docs: {
    why: [
      'An IAM user access key is a long-term credential: it never expires, works from anywhere, and is valid until someone',
      'deletes it. Creating it in a template puts the secret into the stack: CloudFormation returns `SecretAccessKey` to anyone',
      'who can read the outputs of the stack, and Terraform stores `secret` in plain text in the state file. Workloads on AWS should use',
      'roles (instance profiles, task roles, IRSA / Pod Identity); people should use IAM Identity Center; CI systems should use OIDC',
      'federation. If a key is unavoidable, create it outside the template and keep the secret in a secrets store.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'CiKey:',
          '  Type: AWS::IAM::AccessKey',
          '  Properties:',
          '    UserName: !Ref CiUser',
          'Outputs:',
          '  CiSecret:',
          '    Value: !GetAtt CiKey.SecretAccessKey',
        ].join('\n'),
        good: [
          'CiRole:',
          '  Type: AWS::IAM::Role',
          '  Properties:',
          '    AssumeRolePolicyDocument:',
          '      Version: "2012-10-17"',
          '      Statement:',
          '        - Effect: Allow',
          '          Principal: { Federated: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com" }',
          '          Action: sts:AssumeRoleWithWebIdentity',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"CiKey": { "Type": "AWS::IAM::AccessKey", "Properties": { "UserName": { "Ref": "CiUser" } } }',
        good: '"CiRole": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "...": "..." } } }',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"resource": { "aws_iam_access_key": { "ci": { "user": "${aws_iam_user.ci.name}" } } },\n"output": { "ci_secret": { "value": "${aws_iam_access_key.ci.secret}" } }',
        good: '"resource": { "aws_iam_openid_connect_provider": { "github": { "url": "https://token.actions.githubusercontent.com", "client_id_list": ["sts.amazonaws.com"] } } }',
      },
    ],
    fix: [
      'Replace the user and its key with a role the workload can assume (instance profile, task role, OIDC federation for CI).',
      'If a key must exist, create it outside infrastructure code, never output the secret (Terraform: `sensitive = true` and',
      '`pgp_key`), and rotate it at least every 90 days.',
    ].join('\n'),
    references: [
      { title: 'IAM: Manage access keys for IAM users', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
      { title: 'IAM: Security best practices (use temporary credentials)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
      { title: 'AWS::IAM::AccessKey', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-accesskey.html' },
      { title: 'Terraform aws_iam_access_key', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key' },
      { title: 'AWS Security Hub [IAM.3] IAM users\' access keys should be rotated every 90 days or less', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3' },
      { title: 'CIS AWS Foundations Benchmark 1.14: access keys are rotated every 90 days', url: 'https://www.cisecurity.org/benchmark/amazon_web_services' },
      { title: 'Peer checks: checkov CKV_AWS_273, KICS iam_access_key_is_exposed', url: 'https://docs.kics.io/latest/queries/terraform-queries/aws/7081f85c-b94d-40fd-8b45-a4f1cac75e46/' },
    ],
  },
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'very-high',
  tags: ['security', 'iam', 'credentials', 'access-key', 'external/cwe/cwe-522', 'external/cwe/cwe-200'],
  cwe: [522, 200],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    for (const key of ctx.model.accessKeys) {
      const label = `Access key ${key.resource.id}${conditionNote(key.resource)}`;
      const inactive = key.status.length > 0 && key.status.every((v) => knownLower(v) === 'inactive');
      const exposed = key.secretExposures;
      for (const node of exposed) {
        ctx.report({
          node,
          resource: key.resource,
          severity: 'error',
          key: node.pointer(),
          related: [{ node: resourceAnchor(key.resource), message: `access key ${key.resource.id}` }],
          message: `${label} creates a long-term key for ${userName(key)} whose secret is exposed here to anyone who can read the stack or its state; stop exposing the secret and use a role instead, or keep the secret in a secrets store.`,
        });
      }
      if (exposed.length) continue;
      ctx.report({
        node: resourceAnchor(key.resource),
        resource: key.resource,
        message: `${label} creates a long-term${inactive ? ' (inactive)' : ''} access key for ${userName(key)}, which never expires and ends up in stack outputs or state; use a role (instance profile, task role, OIDC federation) instead.`,
      });
    }
  },
});
