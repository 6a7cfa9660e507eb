import { describe, it, expect } from 'vitest';
import unknownAction from '../rules/unknown-action.js';
import { check, compare } from './helpers/policy-fixtures.js';

const P = 'fixtures/policy';
const CFN = 'fixtures/cloudformation';
const TF = 'fixtures/terraform';

describe('unknown-action', () => {
  it('catches realistic typos, each at its element, with the closest real action', () => {
    const file = `${P}/unknown-action/bad-typos.json`;
    const typos: [string, string | undefined][] = [
      ['s3:GetObjects', 's3:GetObject'],
      ['ec2:RunInstance', 'ec2:RunInstances'],
      ['ec2:DescribeInstance', 'ec2:DescribeInstances'],
      ['iam:PasRole', 'iam:PassRole'],
      ['lamda:InvokeFunction', 'lambda:InvokeFunction'],
      ['cloudwatch:PutLogEvents', 'logs:PutLogEvents'],
      ['dynamodb:GetItems', 'dynamodb:GetItem'],
      ['sqs:SendMessages', 'sqs:SendMessage'],
      ['sns:Publsh', 'sns:Publish'],
      ['kms:Decript', 'kms:Decrypt'],
      ['logs:CreateLogStreams', 'logs:CreateLogStream'],
      ['secretsmanager:GetSecret', undefined],
      ['s3:Gett*', undefined],
      ['GetObject', undefined],
      ['s3:DeleteObjects', 's3:DeleteObject'],
    ];
    const r = compare(
      unknownAction,
      file,
      typos.map(([typo, fix]) => ({ at: `"${typo}"`, resource: 'bad-typos.json', says: fix ? [`"${typo}"`, `did you mean "${fix}"?`] : [`"${typo}"`] })),
    );
    expect(r.actual).toEqual(r.expected);
    const byText = (t: string) => r.reports.find((x) => x.message.includes(`"${t}"`))!.message;
    expect(byText('lamda:InvokeFunction')).toContain('unknown service prefix "lamda"');
    expect(byText('s3:Gett*')).toContain('matches no action');
    expect(byText('GetObject')).toContain('actions are written service:ActionName');
    expect(byText('s3:DeleteObjects')).toContain('so the Deny blocks nothing for it');
  });

  it('accepts real actions in any case, wildcards that match, and NotAction lists', () => {
    expect(check(unknownAction, `${P}/unknown-action/good-real-actions.json`)).toEqual([]);
  });

  it('checks NotAction too', () => {
    const r = compare(unknownAction, `${P}/admin-access/bad-not-action-excludes-nothing.json`, [
      { at: '"iam:CreateUsers"', resource: 'bad-not-action-excludes-nothing.json', says: ['NotAction excludes nothing for it', '"iam:CreateUser"'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('honours the ignore option', () => {
    const got = check(unknownAction, `${P}/unknown-action/bad-typos.json`, { ignore: ['s3:*', 'secretsmanager:GetSecret'] });
    expect(got.some((g) => g.message.includes('"s3:'))).toBe(false);
    expect(got).toHaveLength(11);
  });

  it('reports CloudFormation YAML and skips !Ref and Fn::If values it cannot read', () => {
    const r = compare(unknownAction, `${CFN}/unknown-action/bad.yaml`, [
      { at: 's3:GetObjects', resource: 'AppPolicy' },
      { at: 'ec2:RunInstance', resource: 'AppPolicy' },
      { at: 'lamda:InvokeFunction', resource: 'AppPolicy' },
      { at: 's3:DeleteObjects', resource: 'AppPolicy' },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(check(unknownAction, `${CFN}/unknown-action/good.yaml`)).toEqual([]);
  });

  it('reports Terraform data sources and plan JSON, and skips interpolated actions', () => {
    let r = compare(unknownAction, `${TF}/unknown-action/bad/main.tf.json`, [
      { at: '"s3:GetObjects"', resource: 'data.aws_iam_policy_document.app' },
      { at: '"dynamodb:GetItems"', resource: 'data.aws_iam_policy_document.app' },
      { at: '"logs:PutLogEvent"', resource: 'data.aws_iam_policy_document.app' },
      { at: '"s3:DeleteObjects"', resource: 'data.aws_iam_policy_document.app' },
    ]);
    expect(r.actual).toEqual(r.expected);
    r = compare(unknownAction, `${TF}/unknown-action/bad.plan.json`, [
      { at: '\\"ec2:DescribeInstance\\"', resource: 'aws_iam_policy.app' },
      { at: '\\"sqs:SendMessages\\"', resource: 'aws_iam_policy.app' },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(check(unknownAction, `${TF}/unknown-action/good/main.tf.json`)).toEqual([]);
    expect(check(unknownAction, `${TF}/unknown-action/good.plan.json`)).toEqual([]);
  });
});
