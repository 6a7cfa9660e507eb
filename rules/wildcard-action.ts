import {
  defineRule,
  describeStatement,
  describeVia,
  isAdminStatement,
  isAllow,
  isFullWildcard,
  isServiceWildcard,
  statementActions,
} from '../src/rule-api.js';

interface Options {
  /** Service prefixes whose `service:*` is accepted (e.g. `logs`). */
  allowServiceWildcards: string[];
}

export default defineRule<Options>({
  id: 'wildcard-action',
  title: 'Allow statement grants a wildcard action',
  description: 'An Allow statement grants every action ("*", "*:*") or every action of a service ("s3:*").',
  docs: {
    why: [
      'A wildcard action grants everything the service offers today and everything AWS adds later, including',
      'destructive and permission-changing actions the workload never needs. `"*"` grants every action of every',
      'service; `"s3:*"` grants every S3 action, such as `s3:DeleteBucket` and `s3:PutBucketPolicy`.',
      'Deny statements are never reported (a wildcard Deny is a good thing), and a statement that allows',
      '`"*"` on every resource is reported once, by `admin-access`.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "s3:*"
            Resource: !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}/*"`,
        good: `Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, s3:PutObject]
            Resource: !Sub "arn:\${AWS::Partition}:s3:::\${Bucket}/*"`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"app": {"statement": [{
  "actions": ["dynamodb:*"],
  "resources": ["\${aws_dynamodb_table.orders.arn}"]
}]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"app": {"statement": [{
  "actions": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
  "resources": ["\${aws_dynamodb_table.orders.arn}"]
}]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::reports/*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::reports/*"}
]}`,
      },
    ],
    fix: 'List the actions the workload calls. IAM Access Analyzer policy generation, or CloudTrail history, shows which ones those are. If a service wildcard is deliberate, allow it with the `allowServiceWildcards` option.',
    references: [
      { title: 'AWS IAM: Grant least privilege', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' },
      { title: 'IAM JSON policy elements: Action', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html' },
      { title: 'AWS Security Hub IAM.21: policies should not allow wildcard actions for services', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html' },
      { title: 'Peers: checkov CKV_AWS_63, cfn_nag F3/F4/F5, KICS iam_policy_grants_full_permissions', url: 'https://www.checkov.io/5.Policy%20Index/cloudformation.html' },
    ],
  },
  severity: 'error',
  securitySeverity: 8.0,
  precision: 'very-high',
  tags: ['security', 'iam', 'least-privilege', 'external/cwe/cwe-732'],
  cwe: [732],
  optionsSchema: {
    type: 'object',
    properties: {
      allowServiceWildcards: {
        type: 'array',
        items: { type: 'string', pattern: '^[a-z0-9-]+$' },
        uniqueItems: true,
        description: 'Service prefixes whose `service:*` is accepted (for example `logs`).',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { allowServiceWildcards: [] },
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, options, report }) {
    const allowed = new Set(options.allowServiceWildcards.map((s) => s.toLowerCase()));
    for (const doc of model.policies) {
      for (const stmt of doc.statements) {
        if (!isAllow(stmt) || isAdminStatement(stmt, iam)) continue;
        const actions = statementActions(stmt);
        if (actions.mode !== 'action') continue;
        for (const el of actions.patterns) {
          const where = `${describeStatement(stmt)}${describeVia(el.via ?? stmt.via)}`;
          if (isFullWildcard(el.value)) {
            report({
              node: el.node,
              resource: doc.owner,
              key: el.value,
              message: `${where} allows every action of every service ("${el.value}"): list only the actions the workload needs.`,
            });
          } else if (isServiceWildcard(el.value)) {
            const service = el.value.slice(0, el.value.indexOf(':')).toLowerCase();
            if (allowed.has(service) || !iam.isKnownService(service)) continue;
            report({
              node: el.node,
              resource: doc.owner,
              severity: 'warning',
              key: el.value,
              message: `${where} allows every ${service} action ("${el.value}"): list only the ${service} actions the workload needs.`,
            });
          }
        }
      }
    }
  },
});
