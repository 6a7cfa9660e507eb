/**
 * Hand-built scan results for the reporter tests: realistic findings from several input formats, as
 * the engine would produce them, without running the engine.
 */
import type { ScanResult } from '../../src/engine/types.js';
import type { Finding } from '../../src/findings.js';
import type { RuleDefinition } from '../../src/rule-api.js';
import type { RenderOptions } from '../../src/report/index.js';

export const BASE_DIR = '/work/repo';
/** The scan ran in a subfolder of the repository: displayed paths are relative to it. */
export const CWD = '/work/repo/infra';

export function options(overrides: Partial<RenderOptions> = {}): RenderOptions {
  return { color: false, quiet: false, baseDir: BASE_DIR, cwd: CWD, toolVersion: '0.1.0', failOn: 'error', ...overrides };
}

const noop = (): void => undefined;

export const imdsRule: RuleDefinition = {
  id: 'imdsv1-allowed',
  title: 'EC2 instance metadata allows IMDSv1',
  description: 'Finds EC2 instances, launch templates and launch configurations whose metadata service accepts IMDSv1 requests.',
  docs: {
    why: 'IMDSv1 answers any GET request, so an SSRF bug in the instance lets an attacker read the role credentials.',
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: 'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpTokens: optional\n',
        good: 'Template:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpTokens: required\n',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '{ "resource": { "aws_instance": { "web": { "metadata_options": { "http_tokens": "optional" } } } } }',
        good: '{ "resource": { "aws_instance": { "web": { "metadata_options": { "http_tokens": "required" } } } } }',
      },
    ],
    fix: 'Set `HttpTokens: required` (Terraform `http_tokens = "required"`).',
    references: [
      { title: 'Use IMDSv2', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html' },
    ],
  },
  severity: 'error',
  securitySeverity: 8.1,
  precision: 'very-high',
  tags: ['ec2', 'imds'],
  cwe: [1390],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check: noop,
};

export const wildcardRule: RuleDefinition<{ allowReadOnly: boolean; services: string[] }> = {
  id: 'wildcard-action',
  title: 'Policy allows every action',
  description: 'Finds Allow statements whose Action is `*` or `service:*` for a sensitive service.',
  docs: {
    why: 'A wildcard action grants every present and future permission, including `iam:PassRole` and `iam:CreateAccessKey`.',
    examples: [
      {
        format: 'IAM policy',
        language: 'json',
        bad: '{ "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }] }',
        good: '{ "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }] }',
      },
    ],
    fix: 'List the actions the principal needs; start from IAM Access Analyzer policy generation.',
    references: [{ title: 'Grant least privilege', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege' }],
  },
  severity: 'error',
  securitySeverity: 9.3,
  precision: 'high',
  tags: ['iam', 'least-privilege'],
  cwe: [269, 732],
  optionsSchema: {
    type: 'object',
    properties: {
      allowReadOnly: { type: 'boolean', description: 'Accept `service:Get*`-style read wildcards.' },
      services: { type: 'array', items: { type: 'string' }, description: 'Services where `service:*` is reported | even when read-only.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { allowReadOnly: true, services: ['iam', 'sts'] },
  frontEnds: ['cli'],
  check: noop,
};

export const keyRule: RuleDefinition = {
  ...imdsRule,
  id: 'hardcoded-access-key',
  title: 'Hard-coded AWS access key',
  description: 'Finds AWS access key ids and secret keys written into templates and policies.',
  severity: 'warning',
  securitySeverity: 5.5,
  precision: 'medium',
  tags: ['secrets'],
  cwe: [798],
};

const imdsFinding: Finding = {
  ruleId: 'imdsv1-allowed',
  severity: 'error',
  message: 'Launch template AppTemplate allows IMDSv1 because MetadataOptions.HttpTokens is optional; set it to required.',
  location: { file: 'templates/app.yaml', startLine: 12, startColumn: 23, endLine: 12, endColumn: 31 },
  resource: { id: 'AppTemplate', type: 'AWS::EC2::LaunchTemplate' },
  propertyPath: '/Properties/LaunchTemplateData/MetadataOptions/HttpTokens',
  fingerprint: '9d1c2a7f0b3e4d5c6a7b8c9d0e1f2a3b',
  related: [
    { location: { file: 'templates/app.yaml', startLine: 14, startColumn: 9, endLine: 14, endColumn: 45 }, message: 'the instance profile AppProfile [attached here]' },
    { location: { file: 'templates/app.yaml', startLine: 31, startColumn: 7, endLine: 31, endColumn: 15 }, message: 'the role AppRole it grants.' },
  ],
  snippet: {
    startLine: 10,
    lines: [
      '    LaunchTemplateData:',
      '      MetadataOptions:',
      '        HttpTokens:   optional',
      '        HttpPutResponseHopLimit: 1',
      '      IamInstanceProfile: { Arn: !GetAtt AppProfile.Arn }',
    ],
  },
};

const wildcardFinding: Finding = {
  ruleId: 'wildcard-action',
  severity: 'error',
  message: 'Policy policies/admin.json allows every action with `"Action": "*"` in statement 0; list the actions it needs.',
  location: { file: 'policies/admin.json', startLine: 5, startColumn: 17, endLine: 5, endColumn: 20 },
  resource: { id: 'policies/admin.json', type: 'policy-file' },
  propertyPath: '/Statement/0/Action',
  fingerprint: '1f2e3d4c5b6a79880796a5b4c3d2e1f0',
  related: [],
  snippet: { startLine: 4, lines: ['      "Effect": "Allow",', '      "Action": "*",', '      "Resource": "*"'] },
};

/** A minified plan: everything on line 1, the finding far to the right. */
const planLine = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[${'{"address":"aws_s3_bucket.logs","values":{}},'.repeat(400)}{"address":"aws_instance.web","values":{"metadata_options":[{"http_tokens":"optional"}]}}]}}}`;
const planColumn = planLine.indexOf('"optional"') + 1;
export const PLAN_COLUMN = planColumn;

const planFinding: Finding = {
  ruleId: 'imdsv1-allowed',
  severity: 'error',
  message: 'Instance aws_instance.web allows IMDSv1 because metadata_options.http_tokens is optional; set it to required.',
  location: { file: 'plan/tfplan.json', startLine: 1, startColumn: planColumn, endLine: 1, endColumn: planColumn + 10 },
  resource: { id: 'aws_instance.web', type: 'aws_instance' },
  propertyPath: '/values/metadata_options/0/http_tokens',
  fingerprint: '0a0b0c0d0e0f10111213141516171819',
  related: [],
  snippet: { startLine: 1, lines: [planLine.slice(planColumn - 121, planColumn - 121 + 400)], columnOffset: planColumn - 121 },
};

const suppressedFinding: Finding = {
  ruleId: 'imdsv1-allowed',
  severity: 'error',
  message: 'Instance aws_instance.bastion allows IMDSv1 because metadata_options is absent; add metadata_options with http_tokens = "required".',
  location: { file: 'tf/main.tf.json', startLine: 8, startColumn: 7, endLine: 8, endColumn: 18 },
  resource: { id: 'aws_instance.bastion', type: 'aws_instance' },
  propertyPath: '',
  fingerprint: 'aa00bb11cc22dd33ee44ff5566778899',
  related: [],
  suppression: {
    kind: 'inSource',
    source: 'metadata',
    justification: 'Legacy AMI without IMDSv2 support; replaced in Q3.',
    location: { file: 'tf/main.tf.json', startLine: 9, startColumn: 9, endLine: 9, endColumn: 70 },
  },
};

const keyFinding: Finding = {
  ruleId: 'hardcoded-access-key',
  severity: 'warning',
  message: 'User DeployUser has an access key id written in Outputs.Key; remove it and rotate the key.',
  location: { file: 'templates/app.yaml', startLine: 40, startColumn: 12, endLine: 42, endColumn: 5 },
  resource: { id: 'DeployUser', type: 'AWS::IAM::User' },
  propertyPath: '/Value',
  fingerprint: 'ffeeddccbbaa99887766554433221100',
  related: [],
};

const parseErrorFinding: Finding = {
  ruleId: 'parse-error',
  severity: 'error',
  message: 'templates/broken.yaml:3:9: a flow sequence [ is not closed; close it with ].',
  location: { file: 'templates/broken.yaml', startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 },
  propertyPath: '',
  fingerprint: '77777777777777777777777777777777',
  related: [],
  snippet: { startLine: 1, lines: ['Resources:', '  Role:', '    Tags: [a, b', ''] },
};

const noteFinding: Finding = {
  ruleId: 'wildcard-action',
  severity: 'note',
  message: 'Policy policies/read.json allows s3:Get* in statement 0, which includes s3:GetObject on every bucket; list the objects it reads.',
  location: { file: 'policies/read.json', startLine: 4, startColumn: 17, endLine: 4, endColumn: 25 },
  resource: { id: 'policies/read.json', type: 'policy-file' },
  propertyPath: '/Statement/0/Action',
  fingerprint: '12121212121212121212121212121212',
  related: [],
};

export function mixedResult(): ScanResult {
  return {
    findings: [planFinding, wildcardFinding, noteFinding, imdsFinding, keyFinding, parseErrorFinding, suppressedFinding].sort((a, b) =>
      a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : a.location.startLine - b.location.startLine,
    ),
    files: [
      { file: 'package.json', status: 'skipped', reason: 'not a supported input', bytes: 812 },
      { file: 'plan/tfplan.json', status: 'scanned', format: 'terraform-plan', bytes: planLine.length },
      { file: 'policies/admin.json', status: 'scanned', format: 'iam-policy', bytes: 210 },
      { file: 'policies/read.json', status: 'scanned', format: 'iam-policy', bytes: 190 },
      { file: 'templates/app.yaml', status: 'scanned', format: 'cloudformation-yaml', bytes: 2048 },
      { file: 'templates/broken.yaml', status: 'error', format: 'cloudformation-yaml', reason: 'a flow sequence [ is not closed', bytes: 33 },
      { file: 'templates/clean.yaml', status: 'scanned', format: 'cloudformation-yaml', bytes: 600 },
      { file: 'tf/main.tf.json', status: 'scanned', format: 'terraform-json', bytes: 900 },
    ],
    notifications: [
      {
        file: 'templates/broken.yaml',
        level: 'error',
        message: 'a flow sequence [ is not closed; close it with ].',
        region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 },
      },
    ],
    rules: [keyRule, imdsRule, wildcardRule as RuleDefinition<object> as RuleDefinition],
    elapsedMs: 1234.5,
  };
}

export function cleanResult(): ScanResult {
  return {
    findings: [],
    files: [{ file: 'templates/clean.yaml', status: 'scanned', format: 'cloudformation-yaml', bytes: 600 }],
    notifications: [],
    rules: [imdsRule, wildcardRule as RuleDefinition<object> as RuleDefinition],
    elapsedMs: 12.3,
  };
}
