import { describe, expect, it } from 'vitest';
import rule from '../rules/iam-user-access-key.js';
import { brief, scanFixture } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/iam-user-access-key';
const TF = 'fixtures/terraform/iam-user-access-key';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: ['BackupKey warning 34:7 /Resources/BackupKey/Properties', 'CiKey error 41:12 /Outputs/CiSecretAccessKey/Value'],
  [`${CFN}/bad.json`]: ['BackupKey warning 46:21 /Resources/BackupKey/Properties', 'CiKey error 61:16 /Outputs/CiSecretAccessKey/Value'],
  [`${TF}/bad/main.tf.json`]: [
    'aws_iam_access_key.backup warning 25:17 /resource/aws_iam_access_key/backup',
    'aws_iam_access_key.ci error 36:16 /output/ci_secret_access_key/value',
  ],
  // A plan cannot hold a non-sensitive output of the secret (Terraform refuses it), so both keys are warnings.
  [`${TF}/bad.plan.json`]: [
    'aws_iam_access_key.ci warning 55:21 /planned_values/root_module/resources/2/values',
    'aws_iam_access_key.backup warning 72:21 /planned_values/root_module/resources/3/values',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('iam-user-access-key on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (OIDC roles instead of keys)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('is an error where the secret leaves the stack, pointing back at the key', () => {
    const [backup, ci] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(backup!.message).toBe(
      'Access key BackupKey creates a long-term access key for user BackupUser, which never expires and ends up in stack outputs or state; use a role (instance profile, task role, OIDC federation) instead.',
    );
    expect(ci!.message).toBe(
      'Access key CiKey creates a long-term key for user CiUser whose secret is exposed here to anyone who can read the stack or its state; stop exposing the secret and use a role instead, or keep the secret in a secrets store.',
    );
    expect(ci!.related).toEqual([{ line: 23, column: 7, pointer: '/Resources/CiKey/Properties', message: 'access key CiKey' }]);
    const tfCi = scanFixture(rule, `${TF}/bad/main.tf.json`)[1]!;
    expect(tfCi.message).toContain('Access key aws_iam_access_key.ci creates a long-term key for user aws_iam_user.ci whose secret is exposed');
  });
});
