import {
  defineRule,
  describeStatement,
  describeVia,
  effectiveKind,
  isAllow,
  isScopedBy,
  principalElements,
  wholeAccountPrincipal,
} from '../src/rule-api.js';

interface Options {
  /** Account ids whose whole-account trust is expected (your own accounts). */
  trustedAccounts: string[];
}

/** Conditions that make whole-account trust deliberate: a shared secret, MFA, the organization, named principals. */
const GUARD_KEYS = [
  'sts:ExternalId',
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalArn',
  'aws:PrincipalTag/*',
  'aws:SourceIdentity',
];

export default defineRule<Options>({
  id: 'cross-account-trust',
  title: 'Role trusts a whole other account',
  description: 'A role trust policy lets every principal of an account (":root" or a bare account id) assume the role without sts:ExternalId, MFA or an organization condition.',
  docs: {
    why: [
      'Trusting `arn:aws:iam::111122223333:root` delegates the decision to that account: any user or role there',
      'that its administrators allow to call `sts:AssumeRole` can assume this role. For a third party (a vendor,',
      'a SaaS product) that opens the confused-deputy problem unless the trust requires an `sts:ExternalId`;',
      'for people it should require MFA; inside an organization, `aws:PrincipalOrgID` or `aws:PrincipalArn`',
      'limit who can use it. This is a note: whole-account trust is often intended. List your own accounts',
      'in `trustedAccounts` to silence it for them. Account ids written as `${AWS::AccountId}` or through',
      'Terraform references are unknown and do not fire.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `AssumeRolePolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: "arn:aws:iam::444455556666:root"}
      Action: sts:AssumeRole`,
        good: `AssumeRolePolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Principal: {AWS: "arn:aws:iam::444455556666:root"}
      Action: sts:AssumeRole
      Condition:
        StringEquals:
          sts:ExternalId: !Ref VendorExternalId`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"resource": {"aws_iam_role": {"vendor": {
  "assume_role_policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"444455556666\\"},\\"Action\\":\\"sts:AssumeRole\\"}]}"
}}}}`,
        good: `{"resource": {"aws_iam_role": {"vendor": {
  "assume_role_policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::444455556666:role/vendor-integration\\"},\\"Action\\":\\"sts:AssumeRole\\",\\"Condition\\":{\\"StringEquals\\":{\\"sts:ExternalId\\":\\"5f0c1b2a\\"}}}]}"
}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole",
   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}
]}`,
      },
    ],
    fix: 'Name the role or user that needs access instead of `:root`, or add a condition: `sts:ExternalId` for a third party, `aws:MultiFactorAuthPresent` for people, `aws:PrincipalOrgID` or `aws:PrincipalArn` inside your organization.',
    references: [
      { title: 'Access to AWS accounts owned by third parties (external ID)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html' },
      { title: 'IAM tutorial: delegate access across AWS accounts using IAM roles', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html' },
      { title: 'The confused deputy problem', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html' },
      { title: 'Peers: checkov CKV_AWS_61, KICS cross_account_iam_assume_role_policy_without_external_id_or_mfa', url: 'https://www.checkov.io/5.Policy%20Index/cloudformation.html' },
    ],
  },
  severity: 'note',
  securitySeverity: 5.3,
  precision: 'medium',
  tags: ['security', 'iam', 'cross-account', 'external/cwe/cwe-284'],
  cwe: [284],
  optionsSchema: {
    type: 'object',
    properties: {
      trustedAccounts: {
        type: 'array',
        items: { type: 'string', pattern: '^\\d{12}$' },
        uniqueItems: true,
        description: 'Account ids (your own) whose whole-account trust is expected.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { trustedAccounts: [] },
  frontEnds: ['cli', 'eslint'],
  check({ model, options, report }) {
    const trusted = new Set(options.trustedAccounts);
    for (const doc of model.policies) {
      if (effectiveKind(doc) !== 'trust') continue;
      for (const stmt of doc.statements) {
        if (!isAllow(stmt) || isScopedBy(stmt, GUARD_KEYS)) continue;
        for (const p of principalElements(stmt.principal)) {
          const account = wholeAccountPrincipal(p);
          if (!account || trusted.has(account)) continue;
          report({
            node: p.node,
            resource: doc.owner,
            key: account,
            message:
              `${describeStatement(stmt)}${describeVia(p.via ?? stmt.via)} lets every principal of account ${account} assume the role, with no sts:ExternalId, MFA or organization condition: ` +
              'name the role that needs access (or use aws:PrincipalArn), require sts:ExternalId for a third party, or aws:MultiFactorAuthPresent for people.',
          });
        }
      }
    }
  },
});
