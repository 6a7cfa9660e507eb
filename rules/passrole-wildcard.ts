import type { Element, Statement } from '../src/rule-api.js';
import {
  defineRule,
  describeStatement,
  describeVia,
  elementCoveringAllOfType,
  grantingElements,
  isAdminStatement,
  isAllow,
  isIdentityPolicy,
  resourceCovers,
  scopingConditionsOnPresentKey,
} from '../src/rule-api.js';

const PROBE_ROLE = 'arn:aws:iam::111122223333:role/zz9-any-role';

/** The Resource element that lets the statement pass every role, if any. */
function everyRole(stmt: Statement): Element | undefined {
  if (stmt.resource) return elementCoveringAllOfType(stmt, 'iam', 'role');
  return resourceCovers(stmt, PROBE_ROLE);
}

/** Words for the missing limit: no condition on the key at all, or one that lets every service through. */
function serviceLimit(stmt: Statement): string {
  const written = stmt.conditions.filter((c) => c.key.toLowerCase() === 'iam:passedtoservice');
  if (written.length === 0) return 'with no iam:PassedToService condition';
  return `and its iam:PassedToService condition (${written.map((c) => c.operator).join(', ')}) does not limit which services receive the role`;
}

export default defineRule({
  id: 'passrole-wildcard',
  title: 'iam:PassRole allowed on every role',
  description: 'An Allow statement grants iam:PassRole (directly or through iam:*, iam:Pass*, *) on "*" or on every role, without an iam:PassedToService condition.',
  docs: {
    why: [
      '`iam:PassRole` lets a principal hand a role to an AWS service: an EC2 instance profile, a Lambda',
      'function, a CloudFormation stack, a Glue job. On every role, the principal can launch an instance or a',
      'function with the most privileged role in the account, an administrator role included, and act with',
      'its permissions: a privilege escalation that does not need any IAM write permission. The rule expands',
      '`iam:*`, `iam:Pass*` and `*` with the AWS action data, and treats `arn:aws:iam::*:role/*` like `*`.',
      'An `iam:PassedToService` condition limits the damage and silences the rule: `StringEquals`, also in its',
      '`IfExists` form or with `ForAnyValue:`/`ForAllValues:` (every PassRole request carries the key, with one',
      'value), but not `StringLike "*"` or a `Not` operator, which let every service through. Deny statements never fire.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: "*"`,
        good: `Statement:
  - Effect: Allow
    Action: iam:PassRole
    Resource: !GetAtt WorkerRole.Arn
    Condition:
      StringEquals:
        iam:PassedToService: ec2.amazonaws.com`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"launcher": {"statement": [{
  "actions": ["iam:Pass*", "ec2:RunInstances"],
  "resources": ["arn:aws:iam::111122223333:role/*"]
}]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"launcher": {"statement": [{
  "actions": ["iam:PassRole"],
  "resources": ["\${aws_iam_role.worker.arn}"],
  "condition": [{"test": "StringEquals", "variable": "iam:PassedToService", "values": ["ec2.amazonaws.com"]}]
}]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app/worker",
   "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}
]}`,
      },
    ],
    fix: 'List the ARNs of the roles the principal may pass, and add `"Condition": {"StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}}` naming the service that receives them.',
    references: [
      { title: 'Granting a user permissions to pass a role to an AWS service', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html' },
      { title: 'IAM condition keys: iam:PassedToService', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService' },
      { title: 'Rhino Security Labs: AWS IAM privilege escalation methods', url: 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/' },
      { title: 'Peers: cfn_nag F38/F39/F40, KICS iam_role_policy_passrole_allows_all, Access Analyzer "Pass role with star in resource"', url: 'https://github.com/stelligent/cfn_nag' },
    ],
  },
  severity: 'error',
  securitySeverity: 8.8,
  precision: 'very-high',
  tags: ['security', 'iam', 'privilege-escalation', 'external/cwe/cwe-269'],
  cwe: [269],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, report }) {
    for (const doc of model.policies) {
      if (!isIdentityPolicy(doc)) continue;
      for (const stmt of doc.statements) {
        if (!isAllow(stmt) || isAdminStatement(stmt, iam)) continue;
        const grant = grantingElements(stmt, 'iam:PassRole', iam)[0];
        if (!grant) continue;
        const roles = everyRole(stmt);
        if (!roles) continue;
        // Every PassRole request carries iam:PassedToService: an IfExists or set operator on it still limits the services.
        if (stmt.conditionsUnknown || scopingConditionsOnPresentKey(stmt, ['iam:PassedToService']).length > 0) continue;
        const through =
          grant.node === stmt.notAction?.node ? ' (through NotAction)' : grant.value.toLowerCase() === 'iam:passrole' ? '' : ` (through "${grant.value}")`;
        report({
          node: grant.node,
          resource: doc.owner,
          key: `statement-${stmt.index}`,
          related: [{ node: roles.node, message: `"${roles.value}" covers every role` }],
          message:
            `${describeStatement(stmt)}${describeVia(grant.via ?? stmt.via)} allows iam:PassRole${through} on every role ${serviceLimit(stmt)}: ` +
            'its holder can launch an instance, function or stack with any role, an administrator role included, and use its permissions; ' +
            'list the role ARNs it may pass and add an iam:PassedToService condition.',
        });
      }
    }
  },
});
