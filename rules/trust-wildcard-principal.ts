import {
  PRINCIPAL_NARROWING_KEYS,
  defineRule,
  describeStatement,
  describeVia,
  effectiveKind,
  elementsOf,
  isAllow,
  isScopedBy,
  listForMessage,
  wildcardPrincipals,
} from '../src/rule-api.js';

interface Options {
  /** More condition keys (glob patterns) that narrow who may use the statement. */
  narrowingConditionKeys: string[];
}

export default defineRule<Options>({
  id: 'trust-wildcard-principal',
  title: 'Trust or resource policy allows any principal',
  description: 'A trust or resource policy allows Principal "*" (or {"AWS": "*"}) with no condition that narrows who.',
  docs: {
    why: [
      '`"Principal": "*"` means every AWS principal in every account, and for most resource policies anonymous',
      'callers too. In a role trust policy it lets anyone who knows the role ARN assume the role; in a bucket,',
      'queue, topic or key policy it opens the resource to the internet. Conditions on `aws:PrincipalOrgID`,',
      '`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce`,',
      '`sts:ExternalId` and the like narrow the statement and silence the rule (only positive operators count:',
      '`StringNotEquals` or `…IfExists` do not narrow). Deny statements never fire.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `AssumeRolePolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: "*"}
      Action: sts:AssumeRole`,
        good: `AssumeRolePolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: "*"}
      Action: sts:AssumeRole
      Condition:
        StringEquals:
          aws:PrincipalOrgID: !Ref OrganizationId`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"resource": {"aws_s3_bucket_policy": {"site": {
  "bucket": "\${aws_s3_bucket.site.id}",
  "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::site/*\\"}]}"
}}}}`,
        good: `{"resource": {"aws_s3_bucket_policy": {"site": {
  "bucket": "\${aws_s3_bucket.site.id}",
  "policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"cloudfront.amazonaws.com\\"},\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::site/*\\",\\"Condition\\":{\\"StringEquals\\":{\\"aws:SourceArn\\":\\"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\\"}}}]}"
}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
   "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs",
   "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:events"}}}
]}`,
      },
    ],
    fix: 'Name the trusted accounts, roles or services in `Principal`, or keep `"*"` and add a condition that narrows it to your organization (`aws:PrincipalOrgID`), to specific principals (`aws:PrincipalArn`), or to the resource that calls (`aws:SourceArn`, `aws:SourceAccount`).',
    references: [
      { title: 'IAM JSON policy elements: Principal', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html' },
      { title: 'AWS global condition context keys', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html' },
      { title: 'The confused deputy problem', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html' },
      { title: 'Peers: checkov CKV_AWS_60, KICS iam_role_allows_all_principals_to_assume', url: 'https://www.checkov.io/5.Policy%20Index/cloudformation.html' },
    ],
  },
  severity: 'error',
  securitySeverity: 9.4,
  precision: 'very-high',
  tags: ['security', 'iam', 'public-access', 'external/cwe/cwe-284', 'external/cwe/cwe-732'],
  cwe: [284, 732],
  optionsSchema: {
    type: 'object',
    properties: {
      narrowingConditionKeys: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'More condition keys (wildcards allowed) that narrow who may use a `"*"` principal.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { narrowingConditionKeys: [] },
  frontEnds: ['cli', 'eslint'],
  check({ model, options, report }) {
    const keys = [...PRINCIPAL_NARROWING_KEYS, ...options.narrowingConditionKeys];
    for (const doc of model.policies) {
      const kind = effectiveKind(doc);
      // VPC endpoint policies filter what may pass through a private endpoint: `"Principal": "*"` there is
      // the documented default (callers still need their own IAM permissions), not public access.
      if (kind === 'identity' || doc.endpointPolicy) continue;
      for (const stmt of doc.statements) {
        if (!isAllow(stmt)) continue;
        const principal = wildcardPrincipals(stmt)[0];
        if (!principal || isScopedBy(stmt, keys)) continue;
        const where = `${describeStatement(stmt)}${describeVia(principal.via ?? stmt.via)}`;
        const written = principal.type === '*' ? '"*"' : `{"${principal.type}": "*"}`;
        const actions = elementsOf(stmt.action).map((a) => a.value);
        const what =
          kind === 'trust'
            ? 'lets any AWS principal in any account assume the role'
            : `allows anyone${actions.length ? ` to call ${listForMessage(actions)}` : ''}`;
        report({
          node: principal.node,
          resource: doc.owner,
          key: `statement-${stmt.index}`,
          message: `${where} ${what} (Principal ${written}) with no condition that narrows who: name the trusted principals, or add a condition such as aws:PrincipalOrgID, aws:PrincipalArn or aws:SourceArn.`,
        });
      }
    }
  },
});
