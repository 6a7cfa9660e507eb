import type { Node, RelatedNode, Severity, Value } from '../src/rule-api.js';
import {
  defineRule,
  describeIdentity,
  describeStatement,
  describeVia,
  identitiesOf,
  isAdminStatement,
  isFullWildcard,
  placeKey,
  statementActions,
  wildcardResourceElements,
} from '../src/rule-api.js';

/** AWS managed policies that amount to administrator access, or close to it. */
const MANAGED: Record<string, { severity: Severity; grants: string }> = {
  administratoraccess: { severity: 'error', grants: 'every action on every resource' },
  poweruseraccess: { severity: 'warning', grants: 'every action except most IAM and Organizations management' },
  iamfullaccess: { severity: 'warning', grants: 'full IAM control, so the holder can give itself any permission' },
};

/** `arn:aws:iam::aws:policy/AdministratorAccess`, also with `${AWS::Partition}` or a job-function path. */
const MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(?:job-function\/)?([A-Za-z]+)$/;

function managedName(v: Value): string | undefined {
  const text = v.state === 'known' && typeof v.value === 'string' ? v.value : v.state === 'unknown' ? v.partial : undefined;
  if (!text) return undefined;
  // A placeholder may only stand for the partition: the account must be the literal `aws`.
  const m = MANAGED_ARN.exec(text.replace(/\$\{[^}]*\}/g, 'partition'));
  return m && m[1] && MANAGED[m[1].toLowerCase()] ? m[1] : undefined;
}

export default defineRule({
  id: 'admin-access',
  title: 'Policy grants administrator access',
  description: 'A policy allows every action on every resource, or an identity has AdministratorAccess (PowerUserAccess, IAMFullAccess) attached.',
  docs: {
    why: [
      'A principal with `"Action": "*"` on `"Resource": "*"` can do anything in the account: read every secret,',
      'delete every backup, create users for an attacker and turn off logging. The same holds for an `Allow`',
      'with a `NotAction` that excludes nothing real, and for the AWS managed policy `AdministratorAccess`.',
      '`PowerUserAccess` and `IAMFullAccess` are reported as warnings: the first allows everything but IAM,',
      'the second lets its holder grant itself everything. Workloads almost never need any of these.',
      'A statement reported here is not reported again by `wildcard-action`, `wildcard-resource` or `allow-not-action`.',
    ].join(' '),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: `Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { ... }
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess"`,
        good: `Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { ... }
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [cloudformation:CreateChangeSet, cloudformation:ExecuteChangeSet]
                Resource: !Sub "arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:\${AWS::AccountId}:stack/app-*"`,
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: `{"resource": {"aws_iam_role_policy_attachment": {"ci": {
  "role": "\${aws_iam_role.ci.name}",
  "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"
}}}}`,
        good: `{"resource": {"aws_iam_role_policy_attachment": {"ci": {
  "role": "\${aws_iam_role.ci.name}",
  "policy_arn": "\${aws_iam_policy.ci_deploy.arn}"
}}}}`,
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "*", "Resource": "*"}
]}`,
        good: `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["ec2:DescribeInstances"], "Resource": "*"}
]}`,
      },
    ],
    fix: 'Replace the statement or the managed policy with policies that list the actions and resources the principal needs. Keep break-glass administrator roles in a separate, monitored template and suppress the finding there with a reason.',
    references: [
      { title: 'AWS managed policy: AdministratorAccess', url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html' },
      { title: 'AWS Security Hub IAM.1: IAM policies should not allow full "*" administrative privileges', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html' },
      { title: 'CIS AWS Foundations Benchmark: no IAM policies with full "*:*" administrative privileges', url: 'https://www.cisecurity.org/benchmark/amazon_web_services' },
      { title: 'IAM JSON policy elements: NotAction', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html' },
      { title: 'Peers: checkov CKV_AWS_62 / CKV_AWS_274, cfn_nag W43, KICS iam_policies_with_full_privileges', url: 'https://www.checkov.io/5.Policy%20Index/terraform.html' },
    ],
  },
  severity: 'error',
  securitySeverity: 9.3,
  precision: 'very-high',
  tags: ['security', 'iam', 'least-privilege', 'external/cwe/cwe-269', 'external/cwe/cwe-732'],
  cwe: [269, 732],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check({ model, iam, report }) {
    for (const doc of model.policies) {
      for (const stmt of doc.statements) {
        if (!isAdminStatement(stmt, iam)) continue;
        const actions = statementActions(stmt);
        const grant = actions.mode === 'action' ? actions.patterns.find((p) => isFullWildcard(p.value)) : undefined;
        const node = grant?.node ?? actions.field!.node;
        const resources = wildcardResourceElements(stmt);
        const related: RelatedNode[] = resources.map((r) => ({ node: r.node, message: `Resource "${r.value}" covers every resource` }));
        const how = grant ? `every action ("${grant.value}")` : 'every action (its NotAction excludes no real action)';
        report({
          node,
          resource: doc.owner,
          related,
          key: `statement-${stmt.index}`,
          message: `${describeStatement(stmt)}${describeVia(grant?.via ?? stmt.via)} allows ${how} on every resource, which is administrator access: grant only the actions and resources the workload needs.`,
        });
      }
    }

    const seen = new Set<string>();
    const once = (node: Node) => {
      const key = placeKey(node);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const attached = new Set<string>();
    for (const identity of identitiesOf(model)) {
      for (const arn of identity.managedPolicyArns) {
        const name = managedName(arn);
        if (!name) continue;
        attached.add(`${identity.resource.id}\u0000${name.toLowerCase()}`);
        if (!once(arn.node)) continue;
        const info = MANAGED[name.toLowerCase()]!;
        report({
          node: arn.node,
          resource: identity.resource,
          severity: info.severity,
          key: name,
          message: `${describeIdentity(identity)} has the AWS managed policy ${name}${describeVia(arn.via)} attached, which grants ${info.grants}: attach a policy scoped to what it needs instead.`,
        });
      }
    }
    // Attachments whose identity is not in the input (another module, an existing role) still attach the policy.
    for (const { resource: r, policyArns } of model.policyAttachments) {
      for (const arn of policyArns) {
        const name = managedName(arn);
        if (!name || !once(arn.node)) continue;
        const info = MANAGED[name.toLowerCase()]!;
        report({
          node: arn.node,
          resource: r,
          severity: info.severity,
          key: name,
          message: `${r.id} attaches the AWS managed policy ${name}${describeVia(arn.via)}, which grants ${info.grants}: attach a policy scoped to what is needed instead.`,
        });
      }
    }
    for (const doc of model.policies) {
      const info = doc.managedPolicyName ? MANAGED[doc.managedPolicyName.toLowerCase()] : undefined;
      if (!info || !once(doc.node)) continue;
      // Already reported where the identity attaches it by ARN.
      if (doc.attachedTo.length && doc.attachedTo.every((i) => attached.has(`${i.resource.id}\u0000${doc.managedPolicyName!.toLowerCase()}`))) continue;
      const targets = doc.attachedTo.map(describeIdentity);
      report({
        node: doc.node,
        resource: doc.owner,
        severity: info.severity,
        key: doc.managedPolicyName,
        message: `${doc.label} is the AWS managed policy ${doc.managedPolicyName}${targets.length ? `, attached to ${targets.join(', ')},` : ''} which grants ${info.grants}: use a policy scoped to what is needed instead.`,
      });
    }
  },
});
