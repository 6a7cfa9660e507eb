import { defineRule, describeOrigin, knownNumber, nameOf, onlyEc2CanAssume } from '../src/rule-api.js';

interface Options {
  maxSeconds: number;
}

const MIN = 3600;
const MAX = 43200;

function duration(seconds: number): string {
  const hours = seconds / 3600;
  return Number.isInteger(hours) ? `${hours} hour${hours === 1 ? '' : 's'}` : `${seconds} seconds`;
}

export default defineRule<Options>({
  id: 'max-session-duration',
  title: 'Role session duration longer than allowed',
  description: 'Finds roles whose maximum session duration exceeds the configured limit (default 3600 seconds, the AWS default), and values IAM rejects.',
  docs: {
    why: [
      '`MaxSessionDuration` / `max_session_duration` is how long the credentials from `sts:AssumeRole` stay valid when the caller',
      'asks for a long session. Stolen session credentials cannot be revoked one by one (only by revoking all sessions of the role),',
      'so a 12-hour maximum gives an attacker 12 hours. Keep it at the default of one hour unless people or tools really need longer,',
      'and set the rule option `maxSeconds` to the longest session your organisation accepts.',
      '',
      'IAM accepts 3600 to 43200 seconds; anything else makes the deployment fail, which is reported as an error.',
      'Credentials that EC2 delivers through an instance profile are not subject to this limit, so for a role that only',
      '`ec2.amazonaws.com` can assume the setting has no effect: that is reported as a note.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'DeployRole:',
          '  Type: AWS::IAM::Role',
          '  Properties:',
          '    MaxSessionDuration: 43200',
          '    AssumeRolePolicyDocument:',
          '      Version: "2012-10-17"',
          '      Statement:',
          '        - Effect: Allow',
          '          Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }',
          '          Action: sts:AssumeRole',
        ].join('\n'),
        good: [
          'DeployRole:',
          '  Type: AWS::IAM::Role',
          '  Properties:',
          '    MaxSessionDuration: 3600',
          '    AssumeRolePolicyDocument:',
          '      Version: "2012-10-17"',
          '      Statement:',
          '        - Effect: Allow',
          '          Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }',
          '          Action: sts:AssumeRole',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"DeployRole": { "Type": "AWS::IAM::Role", "Properties": { "MaxSessionDuration": 28800, "AssumeRolePolicyDocument": { "...": "..." } } }',
        good: '"DeployRole": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "...": "..." } } }',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"aws_iam_role": { "deploy": { "name": "deploy", "max_session_duration": 43200, "assume_role_policy": "${data.aws_iam_policy_document.deploy_trust.json}" } }',
        good: '"aws_iam_role": { "deploy": { "name": "deploy", "max_session_duration": 3600, "assume_role_policy": "${data.aws_iam_policy_document.deploy_trust.json}" } }',
      },
      {
        format: 'CDK (TypeScript)',
        language: 'ts',
        bad: "new iam.Role(this, 'Deploy', { assumedBy, maxSessionDuration: Duration.hours(12) });",
        good: "new iam.Role(this, 'Deploy', { assumedBy });",
      },
    ],
    fix: 'Remove `MaxSessionDuration` (the default is one hour) or lower it to the limit; callers that need longer sessions can re-assume the role. Raise the rule option `maxSeconds` if your policy allows longer sessions.',
    references: [
      { title: 'IAM: Update the maximum session duration for a role', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration' },
      { title: 'IAM API: CreateRole MaxSessionDuration (3600–43200; instance-profile credentials are not subject to it)', url: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html' },
      { title: 'IAM: Revoke IAM role temporary security credentials', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html' },
      { title: 'Terraform aws_iam_role max_session_duration', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role#max_session_duration' },
      { title: 'Requested of peers: checkov issue 7521; cfn-lint E3034 checks only the range', url: 'https://github.com/bridgecrewio/checkov/issues/7521' },
    ],
  },
  severity: 'warning',
  securitySeverity: 4.0,
  precision: 'high',
  tags: ['security', 'iam', 'session', 'external/cwe/cwe-613'],
  cwe: [613],
  optionsSchema: {
    type: 'object',
    properties: {
      maxSeconds: {
        type: 'integer',
        minimum: MIN,
        maximum: MAX,
        description: 'The longest maximum session duration, in seconds, that is not reported.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { maxSeconds: 3600 },
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const limit = ctx.options.maxSeconds;
    for (const role of ctx.model.roles) {
      for (const v of role.maxSessionDuration) {
        const n = knownNumber(v);
        if (n === undefined) continue;
        const option = nameOf(v.node, 'MaxSessionDuration');
        const origin = describeOrigin(v);
        const key = v.via?.condition ? `${v.via.condition.name}=${v.via.condition.branch}` : undefined;
        const related = v.via?.source ? [{ node: v.via.source, message: `default of parameter ${v.via.parameter ?? ''}`.trim() }] : undefined;
        const base = { node: v.node, resource: role.resource, key, related };
        if (!Number.isInteger(n) || n < MIN || n > MAX) {
          ctx.report({
            ...base,
            severity: 'error',
            message: `Role ${role.resource.id} sets ${option} to ${n}${origin}, outside the 3600–43200 seconds IAM accepts, so the deployment fails; ${limit === MIN ? 'use 3600 (one hour, the default)' : `use a whole number of seconds from 3600 to ${limit}`}.`,
          });
          continue;
        }
        if (n <= limit) continue;
        if (onlyEc2CanAssume(role) === 'yes') {
          ctx.report({
            ...base,
            severity: 'note',
            message: `Role ${role.resource.id} sets ${option} to ${n} (${duration(n)})${origin}, but only ec2.amazonaws.com can assume it and instance-profile credentials ignore this limit, so the setting has no effect; remove it.`,
          });
          continue;
        }
        ctx.report({
          ...base,
          message: `Role ${role.resource.id} sets ${option} to ${n} (${duration(n)})${origin}, above the allowed ${limit} seconds, so stolen session credentials stay valid longer; lower it to ${limit} or less.`,
        });
      }
    }
  },
});
