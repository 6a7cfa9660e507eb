import { describe, it, expect } from 'vitest';
import crossAccountTrust from '../rules/cross-account-trust.js';
import trustWildcardPrincipal from '../rules/trust-wildcard-principal.js';
import { adaptPolicyFile } from '../src/adapt/policy-file.js';
import { fakeDoc } from './helpers/fake-doc.js';
import { check, compare } from './helpers/policy-fixtures.js';
import { runRule } from './helpers/run-rule.js';

const P = 'fixtures/policy';
const CFN = 'fixtures/cloudformation';
const TF = 'fixtures/terraform';

describe('trust-wildcard-principal', () => {
  it('reports {"AWS": "*"} in a trust policy whose only condition is negated', () => {
    const r = compare(trustWildcardPrincipal, `${P}/trust-wildcard-principal/bad-trust-anyone.json`, [
      { at: '"*"', resource: 'bad-trust-anyone.json', says: ['assume the role', '{"AWS": "*"}', 'aws:PrincipalOrgID'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports a public bucket policy', () => {
    const r = compare(trustWildcardPrincipal, `${P}/trust-wildcard-principal/bad-public-bucket.json`, [
      { at: '"*"', resource: 'bad-public-bucket.json', says: ['allows anyone to call s3:GetObject'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('does not report narrowed statements, Deny, service principals or VPC endpoint policies', () => {
    expect(check(trustWildcardPrincipal, `${P}/trust-wildcard-principal/good-narrowed.json`)).toEqual([]);
    expect(check(trustWildcardPrincipal, `${CFN}/trust-wildcard-principal/good.yaml`)).toEqual([]);
    expect(check(trustWildcardPrincipal, `${TF}/trust-wildcard-principal/good/main.tf.json`)).toEqual([]);
    expect(check(trustWildcardPrincipal, `${TF}/trust-wildcard-principal/good.plan.json`)).toEqual([]);
    expect(check(trustWildcardPrincipal, `${P}/policy-syntax/good-resource.json`)).toEqual([]);
  });

  it('reports CloudFormation trust and bucket policies', () => {
    const r = compare(trustWildcardPrincipal, `${CFN}/trust-wildcard-principal/bad.yaml`, [
      { at: '"*"', resource: 'SharedRole', says: ['trust policy of role SharedRole'] },
      { at: '"*"', nth: 2, resource: 'SiteBucketPolicy', says: ['bucket policy SiteBucketPolicy'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports JSON-string policies in .tf.json and a plan', () => {
    let r = compare(trustWildcardPrincipal, `${TF}/trust-wildcard-principal/bad/main.tf.json`, [
      { at: '\\"*\\"', resource: 'aws_iam_role.shared' },
      { at: '\\"*\\"', nth: 2, resource: 'aws_sqs_queue_policy.events' },
    ]);
    expect(r.actual).toEqual(r.expected);
    r = compare(trustWildcardPrincipal, `${TF}/trust-wildcard-principal/bad.plan.json`, [{ at: '\\"*\\"', resource: 'aws_s3_bucket_policy.site' }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('accepts extra narrowing keys from options, but never a negated operator', () => {
    const model = adaptPolicyFile(
      fakeDoc({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:q', Condition: { StringEquals: { 'acme:Caller': 'billing' } } }],
      }),
    );
    expect(runRule(trustWildcardPrincipal, model)).toHaveLength(1);
    expect(runRule(trustWildcardPrincipal, model, { narrowingConditionKeys: ['ACME:caller'] })).toHaveLength(0);
    expect(check(trustWildcardPrincipal, `${P}/trust-wildcard-principal/bad-trust-anyone.json`, { narrowingConditionKeys: ['aws:PrincipalOrgID'] })).toHaveLength(1);
  });
});

describe('cross-account-trust', () => {
  it('reports each whole-account principal, ARN root and bare id', () => {
    const r = compare(crossAccountTrust, `${P}/cross-account-trust/bad-whole-account.json`, [
      { at: '"arn:aws:iam::444455556666:root"', resource: 'bad-whole-account.json', says: ['account 444455556666', 'sts:ExternalId'] },
      { at: '"777788889999"', resource: 'bad-whole-account.json', says: ['account 777788889999'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('does not report ExternalId, MFA, a named role, a service, or the own account through ${AWS::AccountId}', () => {
    expect(check(crossAccountTrust, `${P}/cross-account-trust/good-guarded.json`)).toEqual([]);
    expect(check(crossAccountTrust, `${CFN}/cross-account-trust/good.yaml`)).toEqual([]);
    expect(check(crossAccountTrust, `${TF}/cross-account-trust/good/main.tf.json`)).toEqual([]);
    expect(check(crossAccountTrust, `${TF}/cross-account-trust/good.plan.json`)).toEqual([]);
  });

  it('reports CloudFormation, a data source used as assume_role_policy, and a plan', () => {
    let r = compare(crossAccountTrust, `${CFN}/cross-account-trust/bad.yaml`, [{ at: 'arn:aws:iam::444455556666:root', resource: 'VendorRole' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(crossAccountTrust, `${TF}/cross-account-trust/bad/main.tf.json`, [{ at: '"arn:aws:iam::444455556666:root"', resource: 'data.aws_iam_policy_document.vendor_trust' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(crossAccountTrust, `${TF}/cross-account-trust/bad.plan.json`, [{ at: '\\"444455556666\\"', resource: 'aws_iam_role.vendor' }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('skips trusted accounts from options', () => {
    expect(check(crossAccountTrust, `${P}/cross-account-trust/bad-whole-account.json`, { trustedAccounts: ['777788889999'] })).toHaveLength(1);
  });

  it('is not about resource policies', () => {
    expect(check(crossAccountTrust, `${P}/policy-syntax/good-resource.json`)).toEqual([]);
  });
});
