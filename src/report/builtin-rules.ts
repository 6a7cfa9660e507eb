import type { DocumentedRule } from '../docs/rule-meta.js';

/**
 * Findings that do not come from a rule in rules/: files iamlint recognised but could not read.
 * They get a SARIF descriptor and a docs page like the rules do.
 */
export const PARSE_ERROR_RULE: DocumentedRule = {
  id: 'parse-error',
  title: 'Input could not be parsed',
  description: 'A file that looks like a supported input (CloudFormation, Terraform JSON or plan, IAM policy) could not be read or parsed, so it was not checked.',
  docs: {
    why:
      'A template or policy that iamlint cannot parse is a file it cannot check: any problem in it goes unreported. ' +
      'The same file usually fails in CloudFormation, Terraform or IAM too, or it relies on syntax that a reviewer cannot read reliably either. ' +
      'Parse errors are reported at the failing position and the run goes on with the other files.',
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: [unclosed\n',
        good: 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: app-role\n',
      },
      {
        format: 'IAM policy',
        language: 'json',
        bad: '{ "Version": "2012-10-17", "Statement": "Allow everything" }\n',
        good: '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*" }]\n}\n',
      },
    ],
    fix:
      'Fix the syntax at the reported position (the message says what was expected). Limits on file size, nesting depth and ' +
      'YAML aliases protect the run from hostile input; split very large files rather than raising them. ' +
      'Files that are not meant to be checked can be excluded with `--ignore`.',
    references: [
      { title: 'CloudFormation template anatomy', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html' },
      { title: 'IAM JSON policy element reference', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html' },
    ],
  },
  severity: 'error',
  securitySeverity: 0,
  precision: 'very-high',
  tags: ['correctness'],
  cwe: [],
  frontEnds: ['cli'],
};

export const UNUSED_SUPPRESSION_RULE: DocumentedRule = {
  id: 'unused-suppression',
  title: 'Suppression that does not apply',
  description: 'A suppression (comment, template metadata or peer-tool suppression) that matches no finding, has expired or is written wrongly.',
  docs: {
    why:
      'Suppressions outlive the findings they were written for. One that matches nothing hides the next real finding at that place, ' +
      'one without a reason cannot be reviewed, and an expired one was meant to be revisited. Reporting them keeps the list of accepted risks honest, ' +
      'like ESLint does for unused disable directives.',
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: 'Resources:\n  # iamlint-disable-next-line imdsv1-allowed\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions:\n          HttpTokens: required\n',
        good: 'Resources:\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions:\n          HttpTokens: required\n',
      },
    ],
    fix:
      'Delete suppressions that no longer match anything, give every suppression a reason after ` -- `, and renew or remove expired ones ' +
      '(`expires: YYYY-MM-DD`).',
    references: [{ title: 'ESLint: report unused disable directives', url: 'https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives' }],
  },
  severity: 'warning',
  securitySeverity: 0,
  precision: 'very-high',
  tags: ['maintainability'],
  cwe: [],
  frontEnds: ['cli'],
};

export const SUPPRESSION_REASON_RULE: DocumentedRule = {
  id: 'suppression-reason',
  title: 'Suppression without a reason',
  description: 'A suppression that gives no reason; it does not apply until it says why the finding is accepted.',
  docs: {
    why:
      'A suppression is an accepted risk. Without a reason nobody reviewing the change, or the next audit, can tell whether the risk ' +
      'was understood or merely silenced, so by default a suppression without a reason does not suppress anything and is reported instead.',
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: 'Resources:\n  # iamlint-disable-next-line imdsv1-allowed\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n',
        good: 'Resources:\n  # iamlint-disable-next-line imdsv1-allowed -- legacy AMI without IMDSv2 support, replaced in Q3 expires: 2027-09-30\n  Template:\n    Type: AWS::EC2::LaunchTemplate\n',
      },
    ],
    fix: 'Add the reason after ` -- `, optionally with `expires: YYYY-MM-DD`; or set `suppressions.requireReason: false` in the config file.',
    references: [{ title: 'iamlint suppressions', url: 'https://github.com/iamlint/iamlint/blob/main/docs/suppressions.md' }],
  },
  severity: 'warning',
  securitySeverity: 0,
  precision: 'very-high',
  tags: ['maintainability'],
  cwe: [],
  frontEnds: ['cli'],
};

export const BUILTIN_RULES: readonly DocumentedRule[] = [PARSE_ERROR_RULE, SUPPRESSION_REASON_RULE, UNUSED_SUPPRESSION_RULE];

/** The descriptor for a rule id that neither the registry nor the built-ins know (so every result still has a rule). */
export function unknownRule(id: string): DocumentedRule {
  return {
    id,
    title: id,
    description: `Findings reported by iamlint under the id ${id}.`,
    docs: { why: 'This id is not in the rule registry of this iamlint version.', examples: [], fix: 'See the message of each finding.', references: [] },
    severity: 'warning',
    securitySeverity: 0,
    precision: 'medium',
    tags: [],
    cwe: [],
    frontEnds: ['cli'],
  };
}
