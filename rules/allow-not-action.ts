import { defineRule, describeStatement, describeVia, isAdminStatement, isAllow } from '../src/rule-api.js';

export default defineRule({
  id: 'allow-not-action',
  title: 'Allow statement uses NotAction, NotResource or NotPrincipal',
  description: 'An Allow statement grants everything except a list (NotAction, NotResource, NotPrincipal), so it grows with every new action, resource or principal.',
  docs: {
    why: [
      '`"Effect": "Allow"` with `NotAction` allows every action that is not listed, today and every action AWS',
      'adds later; a typo in the list allows the action it meant to exclude. `NotResource` allows every resource',
      'but the listed ones and `NotPrincipal` allows every principal but the listed ones. These elements are',
      'meant for `Deny` statements, where they are safe and are not reported. An `Allow` with a `NotAction` that',
      'excludes nothing real on every resource is administrator access and is reported by `admin-access` instead.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `PolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      NotAction: ["iam:*", "organizations:*"]
      Resource: "*"`,
        good: `PolicyDocument:
  Version: "2012-10-17"
  Statement:
    - Effect: Allow
      Action: ["ec2:Describe*", "cloudwatch:GetMetricData"]
      Resource: "*"
    - Effect: Deny
      NotAction: ["iam:Get*", "iam:List*"]
      Resource: "*"
      Condition: {StringNotEquals: {aws:PrincipalTag/admin: "true"}}`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"ops": {"statement": [{
  "not_actions": ["iam:*"],
  "resources": ["*"]
}]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"ops": {"statement": [{
  "actions": ["ssm:StartSession"],
  "resources": ["arn:aws:ec2:*:111122223333:instance/*"]
}]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::audit-logs/*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
]}`,
      },
    ],
    fix: 'List what is allowed in `Action`, `Resource` and `Principal`. To carve an exception out of a broad grant, keep the grant narrow and add a separate `Deny` statement with `NotAction`/`NotResource`.',
    references: [
      { title: 'IAM JSON policy elements: NotAction', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html' },
      { title: 'IAM JSON policy elements: NotResource', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html' },
      { title: 'IAM JSON policy elements: NotPrincipal', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html' },
      { title: 'Peers: cfn_nag W14-W17, F6; Parliament NOTRESOURCE_WITH_ALLOW, NOTPRINCIPAL_WITH_ALLOW', url: 'https://github.com/duo-labs/parliament' },
    ],
  },
  severity: 'warning',
  securitySeverity: 6.8,
  precision: 'very-high',
  tags: ['security', 'iam', 'least-privilege', 'external/cwe/cwe-732'],
  cwe: [732],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, report }) {
    for (const doc of model.policies) {
      for (const stmt of doc.statements) {
        if (!isAllow(stmt) || isAdminStatement(stmt, iam)) continue;
        const where = `${describeStatement(stmt)}${describeVia(stmt.via)}`;
        if (stmt.notAction) {
          report({
            node: stmt.notAction.node,
            resource: doc.owner,
            key: 'NotAction',
            message: `${where} allows every action not listed in NotAction, including actions AWS adds later: list the allowed actions in Action, and use NotAction only in Deny statements.`,
          });
        }
        if (stmt.notResource) {
          report({
            node: stmt.notResource.node,
            resource: doc.owner,
            key: 'NotResource',
            message: `${where} applies to every resource not listed in NotResource: list the resources in Resource, and use NotResource only in Deny statements.`,
          });
        }
        if (stmt.notPrincipal) {
          report({
            node: stmt.notPrincipal.node,
            resource: doc.owner,
            key: 'NotPrincipal',
            message: `${where} allows every principal not listed in NotPrincipal, including anonymous users: name the principals in Principal instead.`,
          });
        }
      }
    }
  },
});
