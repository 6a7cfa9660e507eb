import { describe, it, expect } from 'vitest';
import adminAccess from '../rules/admin-access.js';
import allowNotAction from '../rules/allow-not-action.js';
import wildcardAction from '../rules/wildcard-action.js';
import wildcardResource from '../rules/wildcard-resource.js';
import { check, compare } from './helpers/policy-fixtures.js';

const P = 'fixtures/policy';
const CFN = 'fixtures/cloudformation';
const TF = 'fixtures/terraform';

describe('wildcard-action', () => {
  it('reports "*" in an Allow statement of a raw policy, at the action', () => {
    const r = compare(wildcardAction, `${P}/wildcard-action/bad-full-wildcard.json`, [
      { at: '"*"', resource: 'bad-full-wildcard.json', says: ['statement 1 (Sid "ReportsBucket")', 'every action of every service', 'list only'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports a service wildcard as a warning and "*:*" as an error', () => {
    const r = compare(wildcardAction, `${P}/wildcard-action/bad-service-wildcard.json`, [
      { at: '"s3:*"', severity: 'warning', resource: 'bad-service-wildcard.json', says: ['every s3 action'] },
      { at: '"*:*"', resource: 'bad-service-wildcard.json', says: ['statement 2 of policy bad-service-wildcard.json'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('never reports Deny statements, listed actions or Describe* patterns', () => {
    expect(check(wildcardAction, `${P}/wildcard-action/good-scoped.json`)).toEqual([]);
    expect(check(wildcardAction, `${CFN}/wildcard-action/good.yaml`)).toEqual([]);
    expect(check(wildcardAction, `${TF}/wildcard-action/good/main.tf.json`)).toEqual([]);
    expect(check(wildcardAction, `${TF}/wildcard-action/good.plan.json`)).toEqual([]);
  });

  it('reports CloudFormation YAML, naming the Fn::If branch that holds "*"', () => {
    const file = `${CFN}/wildcard-action/bad.yaml`;
    const r = compare(wildcardAction, file, [
      { at: 's3:*', severity: 'warning', resource: 'OrdersRole', says: ['inline policy data of role OrdersRole'] },
      { at: '"*"]', resource: 'OrdersRole', says: ['when condition IsProd is false'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports a JSON string policy and a policy-document data source in .tf.json', () => {
    const file = `${TF}/wildcard-action/bad/main.tf.json`;
    const r = compare(wildcardAction, file, [
      { at: '\\"s3:*\\"', severity: 'warning', resource: 'aws_iam_policy.orders' },
      { at: '"*"', resource: 'data.aws_iam_policy_document.orders_table' },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports a jsonencode result in plan JSON', () => {
    const file = `${TF}/wildcard-action/bad.plan.json`;
    const r = compare(wildcardAction, file, [{ at: '\\"dynamodb:*\\"', severity: 'warning', resource: 'aws_iam_policy.orders', says: ['every dynamodb action'] }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('accepts service wildcards the options allow', () => {
    expect(check(wildcardAction, `${P}/wildcard-action/bad-service-wildcard.json`, { allowServiceWildcards: ['s3'] }).map((x) => x.line)).toEqual([12]);
  });

  it('leaves a statement that admin-access reports to admin-access', () => {
    expect(check(wildcardAction, `${P}/admin-access/bad-star-on-star.json`)).toEqual([]);
    expect(check(adminAccess, `${P}/admin-access/bad-star-on-star.json`)).toHaveLength(1);
  });
});

describe('admin-access', () => {
  it('reports "*" on "*" at the action, with the resource as related location', () => {
    const file = `${P}/admin-access/bad-star-on-star.json`;
    const r = compare(adminAccess, file, [{ at: '"*"', resource: 'bad-star-on-star.json', says: ['administrator access'] }]);
    expect(r.actual).toEqual(r.expected);
    expect(r.reports[0]!.related).toEqual([{ line: 8, column: 19, message: 'Resource "*" covers every resource' }]);
  });

  it('treats a NotAction that excludes only non-existent actions on arn:aws:*:*:*:* as administrator access', () => {
    const r = compare(adminAccess, `${P}/admin-access/bad-not-action-excludes-nothing.json`, [
      { at: '["iam:CreateUsers"]', resource: 'bad-not-action-excludes-nothing.json', says: ['NotAction excludes no real action'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports AdministratorAccess written with ${AWS::Partition}, PowerUserAccess at warning, and a "*" statement', () => {
    const file = `${CFN}/admin-access/bad.yaml`;
    const r = compare(adminAccess, file, [
      { at: '!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"', resource: 'DeployRole', says: ['role DeployRole', 'AdministratorAccess'] },
      { at: 'arn:aws:iam::aws:policy/PowerUserAccess', severity: 'warning', resource: 'Operators', says: ['group Operators'] },
      { at: '"*"', resource: 'EverythingPolicy', says: ['managed policy EverythingPolicy'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('does not report ReadOnlyAccess, a customer policy named AdministratorAccess, or a Deny of everything', () => {
    expect(check(adminAccess, `${CFN}/admin-access/good.yaml`)).toEqual([]);
    expect(check(adminAccess, `${P}/admin-access/good-bounded.json`)).toEqual([]);
    expect(check(adminAccess, `${TF}/admin-access/good/main.tf.json`)).toEqual([]);
    expect(check(adminAccess, `${TF}/admin-access/good.plan.json`)).toEqual([]);
  });

  it('reports attachments whose identity is not in the input: a role attachment, an exclusive list, an SSO permission set', () => {
    const r = compare(adminAccess, `${TF}/admin-access/bad-attachments/main.tf.json`, [
      { at: '"arn:aws:iam::aws:policy/AdministratorAccess"', resource: 'aws_iam_role_policy_attachment.legacy_deploy', says: ['attaches the AWS managed policy AdministratorAccess'] },
      { at: '"arn:aws:iam::aws:policy/PowerUserAccess"', severity: 'warning', resource: 'aws_iam_role_policy_attachments_exclusive.operators', says: ['PowerUserAccess'] },
      { at: '"arn:aws:iam::aws:policy/AdministratorAccess"', nth: 2, resource: 'aws_ssoadmin_managed_policy_attachment.admins', says: ['AdministratorAccess'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports attachments in .tf.json and plan JSON', () => {
    let r = compare(adminAccess, `${TF}/admin-access/bad/main.tf.json`, [
      { at: '"arn:aws:iam::aws:policy/AdministratorAccess"', resource: 'aws_iam_role.ci', says: ['role aws_iam_role.ci'] },
      { at: '\\"*\\"', resource: 'aws_iam_policy.everything' },
    ]);
    expect(r.actual).toEqual(r.expected);
    r = compare(adminAccess, `${TF}/admin-access/bad.plan.json`, [{ at: '"arn:aws:iam::aws:policy/AdministratorAccess"', resource: 'aws_iam_role.ci' }]);
    expect(r.actual).toEqual(r.expected);
  });
});

describe('wildcard-resource', () => {
  it('reports write actions on "*" and lowers a tag-scoped statement to a note', () => {
    const file = `${P}/wildcard-resource/bad-writes-on-star.json`;
    const r = compare(wildcardResource, file, [
      { at: '"*"', resource: 'bad-writes-on-star.json', says: ['s3:PutObject, kms:Decrypt'] },
      { at: '"*"', nth: 2, severity: 'note', resource: 'bad-writes-on-star.json', says: ['narrowed only by a condition'] },
    ]);
    expect(r.actual).toEqual(r.expected);
    // s3:GetObject is a read: not listed.
    expect(r.reports[0]!.message).not.toContain('s3:GetObject');
  });

  it('does not report Describe*/List* and other actions that only accept "*", nor Deny statements', () => {
    expect(check(wildcardResource, `${P}/wildcard-resource/good-list-only-and-scoped.json`)).toEqual([]);
  });

  it('does not report !Sub, !Join and !GetAtt ARNs in CloudFormation', () => {
    expect(check(wildcardResource, `${CFN}/wildcard-resource/good.yaml`)).toEqual([]);
    expect(check(wildcardResource, `${CFN}/wildcard-action/bad.yaml`)).toEqual([]);
  });

  it('reports CloudFormation YAML at the "*"', () => {
    const r = compare(wildcardResource, `${CFN}/wildcard-resource/bad.yaml`, [
      { at: '"*"', resource: 'WorkerPolicy', says: ['sqs:DeleteMessage', 'Sid "Queue"'] },
      { at: '"*"', nth: 2, severity: 'note', resource: 'WorkerPolicy' },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports data sources in .tf.json and plan JSON, and not interpolated ARNs', () => {
    let r = compare(wildcardResource, `${TF}/wildcard-resource/bad/main.tf.json`, [{ at: '"*"', resource: 'data.aws_iam_policy_document.worker' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(wildcardResource, `${TF}/wildcard-resource/bad.plan.json`, [{ at: '"*"', resource: 'data.aws_iam_policy_document.worker' }]);
    expect(r.actual).toEqual(r.expected);
    expect(check(wildcardResource, `${TF}/wildcard-resource/good/main.tf.json`)).toEqual([]);
    expect(check(wildcardResource, `${TF}/wildcard-resource/good.plan.json`)).toEqual([]);
  });

  it('takes extra scoping keys and ignored actions from options', () => {
    const file = `${P}/wildcard-resource/bad-writes-on-star.json`;
    expect(check(wildcardResource, file, { ignoreActions: ['s3:Put*', 'kms:*'] }).map((x) => x.severity)).toEqual(['note']);
    const cfn = check(wildcardResource, `${CFN}/wildcard-resource/bad.yaml`, { scopingConditionKeys: ['nothing:here'] });
    expect(cfn).toHaveLength(2);
  });
});

describe('allow-not-action', () => {
  it('reports NotAction and NotResource in Allow statements', () => {
    const r = compare(allowNotAction, `${P}/allow-not-action/bad-not-action.json`, [
      { at: '["iam:*"', resource: 'bad-not-action.json', says: ['every action not listed in NotAction'] },
      { at: '"arn:aws:s3:::acme-audit/*"', resource: 'bad-not-action.json', says: ['NotResource'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('does not report NotAction and NotResource in Deny statements', () => {
    expect(check(allowNotAction, `${P}/allow-not-action/good-deny-not-action.json`)).toEqual([]);
    expect(check(allowNotAction, `${CFN}/allow-not-action/good.yaml`)).toEqual([]);
    expect(check(allowNotAction, `${TF}/allow-not-action/good/main.tf.json`)).toEqual([]);
    expect(check(allowNotAction, `${TF}/allow-not-action/good.plan.json`)).toEqual([]);
  });

  it('reports CloudFormation, .tf.json data sources and plan JSON', () => {
    let r = compare(allowNotAction, `${CFN}/allow-not-action/bad.yaml`, [{ at: '[iam:*', resource: 'DevelopersGroup', says: ['group DevelopersGroup'] }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(allowNotAction, `${TF}/allow-not-action/bad/main.tf.json`, [{ at: '[\n              "iam:*"', resource: 'data.aws_iam_policy_document.developers' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(allowNotAction, `${TF}/allow-not-action/bad.plan.json`, [{ at: '[\\"iam:*\\"', resource: 'aws_iam_group_policy.developers' }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('leaves an admin-equivalent NotAction to admin-access', () => {
    expect(check(allowNotAction, `${P}/admin-access/bad-not-action-excludes-nothing.json`)).toEqual([]);
  });
});
