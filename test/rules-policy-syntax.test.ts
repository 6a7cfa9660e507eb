import { describe, it, expect } from 'vitest';
import policySyntax from '../rules/policy-syntax.js';
import { adaptPolicyFile } from '../src/adapt/policy-file.js';
import type { Json } from '../src/rule-api.js';
import { fakeDoc } from './helpers/fake-doc.js';
import { adapt } from '../src/adapt/index.js';
import { loadText } from '../src/load/index.js';
import { check, compare, locate } from './helpers/policy-fixtures.js';
import { runRule } from './helpers/run-rule.js';

const P = 'fixtures/policy';
const CFN = 'fixtures/cloudformation';
const TF = 'fixtures/terraform';

const messagesOf = (root: Json) => runRule(policySyntax, adaptPolicyFile(fakeDoc(root, 'p.json'))).map((r) => r.message);

describe('policy-syntax on raw policy files', () => {
  it('reports each problem of a malformed identity policy once, at the element', () => {
    const file = `${P}/policy-syntax/bad-statements.json`;
    const r = compare(policySyntax, file, [
      { at: '"allow"', resource: 'bad-statements.json', says: ['Effect "allow"', 'write "Allow"'] },
      { at: '"acme-reports/*"', resource: 'bad-statements.json', says: ['is not an ARN'] },
      { at: '"Read"', nth: 2, resource: 'bad-statements.json', says: ['repeats the Sid "Read"'] },
      { at: '"s3:PutObject"', resource: 'bad-statements.json', says: ['both Action and NotAction'] },
      { at: '"arn:aws:s3::acme-reports"', resource: 'bad-statements.json', says: ['six colon-separated parts'] },
      { at: '"sqs:SendMessage"', resource: 'bad-statements.json', says: ['"action" is not a statement element', 'write "Action"'] },
      { at: '{"aws:SourceVpce"', resource: 'bad-statements.json', says: ['"StringEqual"', 'did you mean "StringEquals"?'] },
      { at: '{\n      "Effect": "Deny"', resource: 'bad-statements.json', says: ['statement 4', 'has no Resource'] },
    ]);
    expect(r.actual).toEqual(r.expected);
    const dup = r.reports.find((x) => x.message.includes('repeats'))!;
    expect(dup.related).toEqual([{ line: 5, column: 14, message: 'Sid "Read" first used here' }]);
  });

  it('warns about a missing Version at the document', () => {
    const r = compare(policySyntax, `${P}/policy-syntax/bad-no-version.json`, [{ at: '{', severity: 'warning', resource: 'bad-no-version.json', says: ['no Version', '2012-10-17'] }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports an unknown Version, a wildcard principal ARN and a resource-policy statement without Principal', () => {
    const r = compare(policySyntax, `${P}/policy-syntax/bad-version-value.json`, [
      { at: '"2012-10-18"', resource: 'bad-version-value.json' },
      { at: '"arn:aws:iam::*:root"', resource: 'bad-version-value.json', says: ['principal ARNs are not patterns'] },
      { at: '{\n      "Sid": "Logs"', resource: 'bad-version-value.json', says: ['has no Principal'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports a Statement that is a string', () => {
    const r = compare(policySyntax, `${P}/policy-syntax/bad-statement-string.json`, [
      { at: '"Allow everything"', resource: 'bad-statement-string.json', says: ['"Statement" must be a statement object or a list of statement objects'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports Resource in a trust policy', () => {
    const r = compare(policySyntax, `${P}/policy-syntax/bad-trust-with-resource.json`, [{ at: '"*"', resource: 'bad-trust-with-resource.json', says: ['trust policy'] }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('accepts valid identity and resource policies: set operators, IfExists, Null, policy variables, wildcard ARNs, execute-api, unique ids', () => {
    expect(check(policySyntax, `${P}/policy-syntax/good-identity.json`)).toEqual([]);
    expect(check(policySyntax, `${P}/policy-syntax/good-resource.json`)).toEqual([]);
    for (const dir of ['wildcard-action', 'admin-access', 'trust-wildcard-principal', 'cross-account-trust', 'privilege-escalation']) {
      for (const f of ['good-scoped.json', 'good-bounded.json', 'good-narrowed.json', 'good-guarded.json', 'good-self-service.json']) {
        try {
          expect(check(policySyntax, `${P}/${dir}/${f}`)).toEqual([]);
        } catch (e) {
          if (!String(e).includes('ENOENT')) throw e;
        }
      }
    }
  });

  it('names a misspelt document element in a template policy', () => {
    const yaml = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statment:',
      '          - {Effect: Allow, Action: s3:GetObject, Resource: "*"}',
      '',
    ].join('\n');
    const outcome = loadText(yaml, 'typo.yaml');
    if (outcome.status !== 'loaded') throw new Error('not loaded');
    const reports = runRule(policySyntax, adapt([outcome.doc])).map(locate);
    expect(reports.map((r) => [r.line, r.column, r.message])).toEqual([
      [7, 9, 'managed policy P: the policy has no "Statement".'],
      [9, 11, 'managed policy P: "Statment" is not a policy element: write "Statement" (element names are case-sensitive).'],
    ]);
  });

  it('checks principal shapes', () => {
    const msgs = messagesOf({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: 'arn:aws:iam::111122223333:root', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { Service: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { Aws: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:s3:::b' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Allow', Principal: {}, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      ],
    });
    expect(msgs).toEqual([
      'statement 1 of policy p.json: Principal written as a string must be "*"; name principals in an object such as {"AWS": "arn:aws:iam::111122223333:root"}.',
      'Principal {"Service": "*"} in statement 2 of policy p.json is not valid: only "*" or {"AWS": "*"} mean everyone; name the Service principal.',
      'statement 3 of policy p.json: "Aws" is not a principal type: write "AWS" (element names are case-sensitive).',
      'Principal "arn:aws:s3:::b" in statement 4 of policy p.json names service "s3": AWS principals are IAM or STS ARNs.',
      'statement 5 of policy p.json: Principal is empty: name at least one principal.',
    ]);
  });

  it('checks condition value shapes and ARN parts', () => {
    const msgs = messagesOf({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:us-east-1:12345:b/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': { team: 'a' } } } },
        { Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:amazon:s3:::b/*' },
        { Sid: 'C', Effect: 'Allow', Action: 'ec2:StartInstances', Resource: 'arn:aws:ec2:Europe:111122223333:instance/*', Principal: undefined },
      ].map((s) => JSON.parse(JSON.stringify(s)) as Json),
    });
    expect(msgs).toEqual([
      'statement 1 (Sid "A") of policy p.json: the value of condition key "aws:PrincipalTag/team" must be a string, number or boolean, or a list of them.',
      'Resource "arn:aws:s3:us-east-1:12345:b/*" in statement 1 (Sid "A") of policy p.json has a malformed account id "12345" (12 digits): fix the ARN.',
      'Resource "arn:amazon:s3:::b/*" in statement 2 (Sid "B") of policy p.json has an unknown partition "amazon" (aws, aws-cn, aws-us-gov, …): fix the ARN.',
      'Resource "arn:aws:ec2:Europe:111122223333:instance/*" in statement 3 (Sid "C") of policy p.json has a malformed region "Europe": fix the ARN.',
    ]);
  });

  it('rejects non-alphanumeric Sids in identity policies only', () => {
    expect(messagesOf({ Version: '2012-10-17', Statement: [{ Sid: 'read-all', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] })).toEqual([
      'statement 1 (Sid "read-all") of policy p.json has a Sid with characters other than letters and digits, which IAM rejects in identity policies: use only A-Z, a-z and 0-9.',
    ]);
    expect(check(policySyntax, `${P}/policy-syntax/good-resource.json`)).toEqual([]);
  });
});

describe('policy-syntax on templates', () => {
  const yamlReports = (lines: string[]) => {
    const outcome = loadText(lines.join('\n') + '\n', 't.yaml');
    if (outcome.status !== 'loaded') throw new Error('not loaded');
    return runRule(policySyntax, adapt([outcome.doc])).map(locate);
  };

  it('says when a bad value comes from a parameter default', () => {
    const got = yamlReports([
      'Parameters:',
      '  BucketArn: {Type: String, Default: my-bucket}',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - {Effect: Allow, Action: s3:GetObject, Resource: !Ref BucketArn}',
    ]);
    expect(got.map((g) => [g.line, g.column, g.message])).toEqual([
      [10, 61, 'Resource "my-bucket" (from the default of parameter BucketArn) in statement 1 of managed policy P is not an ARN (arn:partition:service:region:account:resource) or "*": fix the ARN.'],
    ]);
  });

  it('accepts legacy CloudFront origin access identity principals', () => {
    const got = yamlReports([
      'Resources:',
      '  B:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: site',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: {AWS: "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE"}',
      '            Action: s3:GetObject',
      '            Resource: arn:aws:s3:::site/*',
    ]);
    expect(got).toEqual([]);
  });

  it('reports CloudFormation YAML, checking the literal frame of !Sub ARNs', () => {
    const r = compare(policySyntax, `${CFN}/policy-syntax/bad.yaml`, [
      { at: 'Statement:', severity: 'warning', resource: 'AppPolicy', says: ['no Version'] },
      { at: 'allow', resource: 'AppPolicy' },
      { at: '!Sub "arn:${AWS::Partition}:s3::${BucketName}/*"', resource: 'AppPolicy', says: ['six colon-separated parts'] },
      { at: 'Read', nth: 2, resource: 'AppPolicy', says: ['repeats the Sid'] },
      { at: 'aws:SourceVpce', resource: 'AppPolicy', says: ['"StringEqual"'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('does not judge the shape of intrinsics: Fn::If statements, effects and conditions, !Ref values', () => {
    expect(check(policySyntax, `${CFN}/policy-syntax/good.yaml`)).toEqual([]);
    for (const rule of ['wildcard-action', 'wildcard-resource', 'privilege-escalation', 'unknown-action', 'trust-wildcard-principal']) {
      expect(check(policySyntax, `${CFN}/${rule}/good.yaml`)).toEqual([]);
    }
  });

  it('reports JSON string policies in .tf.json and plan JSON', () => {
    let r = compare(policySyntax, `${TF}/policy-syntax/bad/main.tf.json`, [
      { at: '\\"allow\\"', resource: 'aws_iam_policy.app' },
      { at: '[\\"s3:GetObject\\"]', resource: 'aws_iam_policy.app', says: ['"Actions" is not a statement element'] },
      { at: '\\"acme-app/*\\"', resource: 'aws_iam_policy.app' },
    ]);
    expect(r.actual).toEqual(r.expected);
    r = compare(policySyntax, `${TF}/policy-syntax/bad.plan.json`, [
      { at: '{\\"Statement\\"', severity: 'warning', resource: 'aws_iam_policy.app' },
      { at: '\\"read-objects\\"', resource: 'aws_iam_policy.app' },
      { at: '{\\"aws:PrincipalTag/team\\"', resource: 'aws_iam_policy.app', says: ['did you mean "StringEqualsIgnoreCaseIfExists"?'] },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(check(policySyntax, `${TF}/policy-syntax/good/main.tf.json`)).toEqual([]);
    expect(check(policySyntax, `${TF}/policy-syntax/good.plan.json`)).toEqual([]);
  });

  it('does not apply the JSON grammar to aws_iam_policy_document data sources', () => {
    for (const rule of ['wildcard-resource', 'passrole-wildcard', 'cross-account-trust', 'unknown-action']) {
      expect(check(policySyntax, `${TF}/${rule}/good/main.tf.json`)).toEqual([]);
    }
  });
});
