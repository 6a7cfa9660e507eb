import {
  RESOURCE_SCOPING_KEYS,
  defineRule,
  describeStatement,
  describeVia,
  grantedActions,
  isAdminStatement,
  isAllow,
  isIdentityPolicy,
  isScopedBy,
  listForMessage,
  statementActions,
  wildcardResourceElements,
} from '../src/rule-api.js';
import type { AccessLevel } from '../src/rule-api.js';

interface Options {
  /** More condition keys (glob patterns) that scope a statement to specific resources. */
  scopingConditionKeys: string[];
  /** Actions (glob patterns) that may stay on `*`. */
  ignoreActions: string[];
}

const RISKY_LEVELS: readonly AccessLevel[] = ['Write', 'Permissions management', 'Tagging'];

export default defineRule<Options>({
  id: 'wildcard-resource',
  title: 'Write or permissions actions allowed on every resource',
  description: 'An Allow statement grants write, permissions-management or tagging actions on Resource "*" although those actions accept specific ARNs.',
  docs: {
    why: [
      'With `"Resource": "*"` a write action applies to every matching resource in the account: `s3:PutObject` on',
      'every bucket, `kms:Decrypt` with every key, `sqs:DeleteQueue` on every queue. The rule uses the AWS service',
      'authorization data to report only actions that support resource-level permissions and that write, tag or',
      'change permissions: actions that only accept `*` (most `Describe*` and `List*`, `ecr:GetAuthorizationToken`)',
      'and read-only statements do not fire, nor do Deny statements. A statement scoped by a condition such as',
      '`aws:ResourceTag/…`, `aws:ResourceAccount` or `aws:ResourceOrgID` is reported as a note.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Policies:
  - PolicyName: queue-writer
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [sqs:SendMessage, sqs:DeleteMessage]
          Resource: "*"`,
        good: `Policies:
  - PolicyName: queue-writer
    PolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [sqs:SendMessage, sqs:DeleteMessage]
          Resource: !GetAtt JobsQueue.Arn`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"writer": {"statement": [{
  "actions": ["s3:PutObject"],
  "resources": ["*"]
}]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"writer": {"statement": [{
  "actions": ["s3:PutObject"],
  "resources": ["\${aws_s3_bucket.uploads.arn}/*"]
}]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
]}`,
      },
    ],
    fix: 'Name the resources in `Resource` (ARNs, `!GetAtt X.Arn`, `${aws_x.y.arn}`), or scope the statement with a condition such as `aws:ResourceTag/team`. Keep actions that only accept `*` in a statement of their own.',
    references: [
      { title: 'IAM JSON policy elements: Resource', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html' },
      { title: 'Service Authorization Reference: actions, resources and condition keys', url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html' },
      { title: 'AWS IAM: Grant least privilege', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' },
      { title: 'Peers: checkov CKV_AWS_355/356, cfn_nag W11/W12/W13, Parliament RESOURCE_STAR', url: 'https://www.checkov.io/5.Policy%20Index/terraform.html' },
    ],
  },
  severity: 'warning',
  securitySeverity: 6.5,
  precision: 'high',
  tags: ['security', 'iam', 'least-privilege', 'external/cwe/cwe-732'],
  cwe: [732],
  optionsSchema: {
    type: 'object',
    properties: {
      scopingConditionKeys: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'More condition keys (wildcards allowed) that scope a statement to specific resources and lower the finding to a note.',
      },
      ignoreActions: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Actions (wildcards allowed, case-insensitive) that may stay on `"*"`.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { scopingConditionKeys: [], ignoreActions: [] },
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, options, report }) {
    const scopingKeys = [...RESOURCE_SCOPING_KEYS, ...options.scopingConditionKeys];
    for (const doc of model.policies) {
      if (!isIdentityPolicy(doc)) continue;
      for (const stmt of doc.statements) {
        if (!isAllow(stmt) || isAdminStatement(stmt, iam)) continue;
        // NotAction statements are allow-not-action's finding.
        if (statementActions(stmt).mode !== 'action') continue;
        const stars = wildcardResourceElements(stmt);
        const star = stars[0];
        if (!star) continue;
        const risky = grantedActions(stmt, iam).filter(
          (a) =>
            iam.supportsResourceLevel(a) === true &&
            (iam.accessLevels(a) ?? []).some((l) => RISKY_LEVELS.includes(l)) &&
            !options.ignoreActions.some((p) => iam.matches(p, a)),
        );
        if (risky.length === 0) continue;
        const scoped = isScopedBy(stmt, scopingKeys);
        const noun = risky.length === 1 ? 'action' : 'actions';
        report({
          node: star.node,
          resource: doc.owner,
          severity: scoped ? 'note' : undefined,
          key: `statement-${stmt.index}`,
          message:
            `${describeStatement(stmt)}${describeVia(star.via ?? stmt.via)} allows ${risky.length} write, permissions or tagging ${noun} (${listForMessage(risky)}) ` +
            `on Resource "${star.value}" although ${risky.length === 1 ? 'it accepts' : 'they accept'} specific ARNs` +
            (scoped ? ', narrowed only by a condition' : '') +
            ': name the resources in Resource.',
        });
      }
    }
  },
});
