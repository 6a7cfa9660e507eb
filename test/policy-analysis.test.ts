import { describe, it, expect } from 'vitest';
import { adaptPolicyFile } from '../src/adapt/policy-file.js';
import { getIamCatalog } from '../src/iam/catalog.js';
import {
  appliesToAllResources,
  conditionKeyMatches,
  coversAllOfType,
  effectiveKind,
  grantedActions,
  grantingElements,
  grantsAction,
  grantsEveryAction,
  isAdminStatement,
  isRestrictiveOperator,
  isScopedBy,
  isServiceWildcard,
  isFullWildcard,
  isWildcardResource,
  kindFromContent,
  policiesOfIdentity,
  resourcesMayInclude,
  scopingConditions,
  statementEffect,
  templatePattern,
  usesJsonGrammar,
  wholeAccountPrincipal,
  wildcardPrincipals,
  wildcardResourceElements,
  RESOURCE_SCOPING_KEYS,
  PRINCIPAL_NARROWING_KEYS,
} from '../src/iam/policy-analysis.js';
import type { Json, Statement } from '../src/rule-api.js';
import { fakeDoc } from './helpers/fake-doc.js';
import { modelOf } from './helpers/policy-fixtures.js';

const iam = getIamCatalog();

/** The statements of a raw policy, through the policy-file adapter. */
function statements(...stmts: Json[]): Statement[] {
  const model = adaptPolicyFile(fakeDoc({ Version: '2012-10-17', Statement: stmts }));
  return model.policies[0]!.statements as Statement[];
}
const one = (stmt: Json): Statement => statements(stmt)[0]!;

describe('effect', () => {
  it('is allow, deny, invalid or unknown', () => {
    expect(statementEffect(one({ Effect: 'Allow', Action: '*', Resource: '*' })).verdict).toBe('allow');
    expect(statementEffect(one({ Effect: 'Deny', Action: '*', Resource: '*' })).verdict).toBe('deny');
    expect(statementEffect(one({ Action: '*', Resource: '*' })).verdict).toBe('invalid');
    expect(statementEffect(one({ Effect: 'allow', Action: '*', Resource: '*' })).verdict).toBe('invalid');
  });

  it('treats an unresolved Effect as unknown and an Fn::If with an Allow branch as allow', () => {
    const cfn = modelOf('fixtures/cloudformation/policy-syntax/good.yaml');
    const tags = cfn.policies[0]!.statements.find((s) => s.sid.some((v) => v.state === 'known' && v.value === 'Tags'))!;
    const effect = statementEffect(tags);
    expect(effect.verdict).toBe('allow');
    expect(effect.value?.via?.condition).toEqual({ name: 'IsProd', branch: false });
  });

  it('defaults a missing effect to Allow outside the JSON grammar (aws_iam_policy_document)', () => {
    const model = modelOf('fixtures/terraform/passrole-wildcard/bad/main.tf.json');
    const doc = model.policies.find((d) => d.owner?.type === 'aws_iam_policy_document')!;
    expect(usesJsonGrammar(doc)).toBe(false);
    expect(statementEffect(doc.statements[0]!).verdict).toBe('allow');
  });
});

describe('actions', () => {
  it('classifies wildcards', () => {
    expect(['*', '*:*', '**'].map(isFullWildcard)).toEqual([true, true, true]);
    expect(['s3:*', 'iam:Pass*', '*:Get*'].map(isFullWildcard)).toEqual([false, false, false]);
    expect(['s3:*', 'S3:**', 's3:Get*', '*:*'].map(isServiceWildcard)).toEqual([true, true, false, false]);
  });

  it('finds what grants an action, case-insensitively and through wildcards', () => {
    const s = one({ Effect: 'Allow', Action: ['s3:GetObject', 'IAM:pass*'], Resource: '*' });
    expect(grantingElements(s, 'iam:PassRole', iam).map((e) => e.value)).toEqual(['IAM:pass*']);
    expect(grantsAction(s, 's3:getobject', iam)).toBe(true);
    expect(grantsAction(s, 's3:PutObject', iam)).toBe(false);
  });

  it('expands NotAction as everything except, and proves nothing when NotAction has unknown parts', () => {
    const s = one({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' });
    expect(grantsAction(s, 'iam:PassRole', iam)).toBe(false);
    expect(grantsAction(s, 'ec2:RunInstances', iam)).toBe(true);
    expect(grantingElements(s, 'ec2:RunInstances', iam)[0]!.node).toBe(s.notAction!.node);
    const granted = grantedActions(s, iam);
    expect(granted).toContain('s3:DeleteBucket');
    expect(granted.some((a) => a.startsWith('iam:'))).toBe(false);
  });

  it('knows when every action is granted', () => {
    expect(grantsEveryAction(one({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' }), iam)).toBe(true);
    expect(grantsEveryAction(one({ Effect: 'Allow', NotAction: ['s3:NoSuchAction'], Resource: '*' }), iam)).toBe(true);
    expect(grantsEveryAction(one({ Effect: 'Allow', NotAction: [], Resource: '*' }), iam)).toBe(true);
    expect(grantsEveryAction(one({ Effect: 'Allow', NotAction: ['s3:GetObject'], Resource: '*' }), iam)).toBe(false);
    expect(grantsEveryAction(one({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), iam)).toBe(false);
  });

  it('expands a statement to canonical action names, skipping unknown ones', () => {
    const s = one({ Effect: 'Allow', Action: ['s3:getobject', 'iam:Pass*', 's3:NoSuch'], Resource: '*' });
    expect(grantedActions(s, iam).sort()).toEqual(['iam:PassRole', 's3:GetObject']);
  });
});

describe('resources', () => {
  it('matches effectively-* patterns with wildcards, not string comparison', () => {
    const star = ['*', 'arn:*', 'arn:aws:*', 'arn:aws:*:*:*:*', 'arn:*:*:*:*:*', 'arn:aws-cn:*:*:*:*', 'arn:aws:*:*:*:?*'];
    expect(star.map(isWildcardResource)).toEqual(star.map(() => true));
    const notStar = ['arn:aws:s3:::*', 'arn:aws:iam::*:*', 'arn:aws:*:*:*:*/*', 'arn:aws:s3:::bucket/*', 'bucket', 'arn:aws:*:us-east-1:*:*'];
    expect(notStar.map(isWildcardResource)).toEqual(notStar.map(() => false));
  });

  it('covers every role of an account, or not', () => {
    expect(coversAllOfType('arn:aws:iam::111122223333:role/*', 'iam', 'role')).toBe(true);
    expect(coversAllOfType('arn:aws:iam::*:role/*', 'iam', 'role')).toBe(true);
    expect(coversAllOfType('arn:aws:iam::*:*', 'iam', 'role')).toBe(true);
    expect(coversAllOfType('*', 'iam', 'role')).toBe(true);
    expect(coversAllOfType('arn:aws:iam::111122223333:role/app-*', 'iam', 'role')).toBe(false);
    expect(coversAllOfType('arn:aws:iam::111122223333:role/app/worker', 'iam', 'role')).toBe(false);
    expect(coversAllOfType('arn:aws:iam::111122223333:user/*', 'iam', 'role')).toBe(false);
    expect(coversAllOfType('arn:aws:iam::111122223333:user/${aws:username}', 'iam', 'user')).toBe(false);
  });

  it('turns template ARNs into patterns only where a placeholder fills partition, region or account', () => {
    expect(templatePattern('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*')).toBe('arn:*:iam::*:role/*');
    expect(coversAllOfType(templatePattern('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*'), 'iam', 'role')).toBe(true);
    expect(templatePattern('arn:aws:s3:::${Bucket}/*')).toBe('arn:aws:s3:::\u0000/*');
    expect(isWildcardResource(templatePattern('arn:aws:s3:::${Bucket}/*'))).toBe(false);
    expect(isWildcardResource(templatePattern('${Prefix}*'))).toBe(false);
    expect(templatePattern('arn:aws:${Service}:::x')).toBe('arn:aws:\u0000:::x');
  });

  it('never treats !Sub or !Join ARNs as "*"', () => {
    const model = modelOf('fixtures/cloudformation/wildcard-resource/good.yaml');
    const stmts = model.policies.flatMap((d) => d.statements);
    const sid = (s: Statement) => s.sid.map((v) => (v.state === 'known' ? v.value : '')).join('');
    expect(stmts.filter(appliesToAllResources).map(sid)).toEqual(['Inventory', 'NoDeletes']);
    expect(wildcardResourceElements(stmts.find((s) => sid(s) === 'Objects')!)).toEqual([]);
  });

  it('knows whether resources can include a service', () => {
    const s = one({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::reports/*'] });
    expect(resourcesMayInclude(s, 's3:GetObject', iam)).toBe(true);
    expect(resourcesMayInclude(s, 'ec2:RunInstances', iam)).toBe(false);
    expect(resourcesMayInclude(one({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:ec2:*:*:*' }), 'ec2:DescribeInstances', iam)).toBe(false);
    expect(resourcesMayInclude(one({ Effect: 'Allow', Action: '*', Resource: '*' }), 'ec2:DescribeInstances', iam)).toBe(true);
  });
});

describe('conditions', () => {
  it('matches condition keys case-insensitively, with wildcards', () => {
    expect(conditionKeyMatches('AWS:resourcetag/Team', RESOURCE_SCOPING_KEYS)).toBe(true);
    expect(conditionKeyMatches('ec2:ResourceTag/env', RESOURCE_SCOPING_KEYS)).toBe(true);
    expect(conditionKeyMatches('aws:sourceip', RESOURCE_SCOPING_KEYS)).toBe(false);
    expect(conditionKeyMatches('AWS:PRINCIPALORGID', PRINCIPAL_NARROWING_KEYS)).toBe(true);
  });

  it('counts only positive operators as restrictive', () => {
    expect(['StringEquals', 'ForAnyValue:StringLike', 'ArnLike', 'Bool', 'stringequals'].map(isRestrictiveOperator)).toEqual([true, true, true, true, true]);
    expect(['StringNotEquals', 'StringEqualsIfExists', 'ForAllValues:StringEquals', 'Null', 'ArnNotLike', 'NotIpAddress'].map(isRestrictiveOperator)).toEqual([
      false, false, false, false, false, false,
    ]);
  });

  it('finds scoping conditions, ignoring "*" values and Bool false', () => {
    const s = one({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { StringLike: { 'aws:PrincipalArn': '*' }, Bool: { 'aws:MultiFactorAuthPresent': 'false' }, StringEquals: { 'AWS:SourceAccount': '111122223333' } },
    });
    expect(scopingConditions(s, PRINCIPAL_NARROWING_KEYS).map((c) => c.key)).toEqual(['AWS:SourceAccount']);
    expect(isScopedBy(s, ['aws:PrincipalArn'])).toBe(false);
  });

  it('treats a condition block it cannot read as possibly scoping', () => {
    const model = modelOf('fixtures/cloudformation/policy-syntax/good.yaml');
    const tags = model.policies[0]!.statements.find((s) => s.sid.some((v) => v.state === 'known' && v.value === 'Tags'))!;
    expect(tags.conditionsUnknown).toBe(true);
    expect(isScopedBy(tags, RESOURCE_SCOPING_KEYS)).toBe(true);
  });
});

describe('principals and kinds', () => {
  it('finds wildcard and whole-account principals', () => {
    const [a, b] = statements(
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root', '*', '777788889999'] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { Service: '*' }, Action: 'sts:AssumeRole' },
    );
    expect(wildcardPrincipals(a!).map((p) => p.value)).toEqual(['*']);
    expect(wildcardPrincipals(b!)).toEqual([]);
    const accounts = a!.principal!.entries[0]!.values.map((v) => wholeAccountPrincipal({ type: 'AWS', value: String(v.state === 'known' ? v.value : ''), node: v.node }));
    expect(accounts).toEqual(['444455556666', undefined, '777788889999']);
    expect(wholeAccountPrincipal({ type: 'AWS', value: 'arn:aws:iam::444455556666:role/x', node: a!.node })).toBeUndefined();
  });

  it('decides a document kind by content', () => {
    expect(kindFromContent(statements({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }))).toBe('identity');
    expect(kindFromContent(statements({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }))).toBe('trust');
    expect(kindFromContent(statements({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }))).toBe('trust');
    expect(kindFromContent(statements({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }))).toBe('resource');
    const model = modelOf('fixtures/terraform/cross-account-trust/bad/main.tf.json');
    expect(model.policies.map(effectiveKind)).toEqual(['trust']);
  });
});

describe('administrator statements and identities', () => {
  it('recognises "*" on "*" only in identity policies', () => {
    const [admin, bucket] = [
      statements({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })[0]!,
      statements({ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: '*', Resource: '*' })[0]!,
    ];
    expect(isAdminStatement(admin, iam)).toBe(true);
    expect(isAdminStatement(bucket, iam)).toBe(false);
  });

  it('collects the policies attached to one role, each once', () => {
    const model = modelOf('fixtures/cloudformation/privilege-escalation/bad.yaml');
    const role = model.roles.find((r) => r.resource.id === 'BuildRole')!;
    expect(policiesOfIdentity(role, model).map((d) => d.label)).toEqual(['policy LaunchPolicy', 'policy PassPolicy', 'managed policy PolicyAdmin']);
  });
});
