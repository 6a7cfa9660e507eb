import { describe, it, expect } from 'vitest';
import { getIamCatalog, IamDataCatalog, iamDataDir, parseLevels } from '../src/iam/catalog.js';
import { editDistance } from '../src/iam/edit-distance.js';
import { globMatch } from '../src/iam/glob.js';

const iam = getIamCatalog();

describe('IAM catalog lookups', () => {
  it('knows service prefixes case-insensitively', () => {
    expect(iam.isKnownService('s3')).toBe(true);
    expect(iam.isKnownService('EC2')).toBe(true);
    expect(iam.isKnownService('s4')).toBe(false);
  });

  it('finds actions whatever their case, and not wildcard patterns', () => {
    expect(iam.actionExists('s3:GetObject')).toBe(true);
    expect(iam.actionExists('S3:getobject')).toBe(true);
    expect(iam.actionExists('s3:GetObjects')).toBe(false);
    expect(iam.actionExists('ec2:RunInstance')).toBe(false);
    expect(iam.actionExists('s3:Get*')).toBe(false);
    expect(iam.actionExists('GetObject')).toBe(false);
  });

  it('splits combined access levels', () => {
    expect(iam.accessLevels('iam:PassRole')).toEqual(['Write']);
    expect(iam.accessLevels('iam:PutRolePolicy')).toEqual(['Permissions management', 'Write']);
    expect(iam.accessLevels('sts:TagSession')).toEqual(['Tagging', 'Write']);
    expect(iam.accessLevels('ec2:DescribeInstances')).toEqual(['List']);
    expect(iam.accessLevels('s3:NoSuchThing')).toBeUndefined();
    expect(parseLevels('Permissions management, Write')).toEqual(['Permissions management', 'Write']);
  });

  it('tells actions that only accept Resource "*" from those with resource-level permissions', () => {
    expect(iam.supportsResourceLevel('ec2:DescribeInstances')).toBe(false);
    expect(iam.supportsResourceLevel('s3:ListAllMyBuckets')).toBe(false);
    expect(iam.supportsResourceLevel('ecr:GetAuthorizationToken')).toBe(false);
    expect(iam.supportsResourceLevel('s3:PutObject')).toBe(true);
    expect(iam.supportsResourceLevel('iam:PassRole')).toBe(true);
    expect(iam.supportsResourceLevel('nope:Nope')).toBeUndefined();
  });

  it('exposes the data date', () => {
    expect(iam.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('wildcard expansion', () => {
  it('expands a prefix wildcard within one service', () => {
    expect(iam.expand('iam:Pass*')).toEqual(['iam:PassRole']);
    expect(iam.expand('IAM:pass*')).toEqual(['iam:PassRole']);
  });

  it('expands ? as exactly one character', () => {
    expect(iam.expand('s3:GetObjec?')).toEqual(['s3:GetObject']);
    expect(iam.expand('s3:GetObje?')).toEqual([]);
  });

  it('expands a whole service and a full wildcard', () => {
    const s3 = iam.expand('s3:*');
    expect(s3.length).toBeGreaterThan(100);
    expect(s3.every((a) => a.startsWith('s3:'))).toBe(true);
    const all = iam.expand('*');
    expect(all.length).toBeGreaterThan(15000);
    expect(iam.expand('*:*').length).toBe(all.length);
  });

  it('expands wildcards in the service part', () => {
    const got = iam.expand('s3*:ListAll*');
    expect(got).toContain('s3:ListAllMyBuckets');
    expect(got).toContain('s3express:ListAllMyDirectoryBuckets');
    expect(got.every((a) => /^s3[^:]*:ListAll/.test(a))).toBe(true);
  });

  it('returns an exact action in its canonical case, and nothing for unknown ones', () => {
    expect(iam.expand('ec2:runinstances')).toEqual(['ec2:RunInstances']);
    expect(iam.expand('ec2:RunInstance')).toEqual([]);
    expect(iam.expand('nope:*')).toEqual([]);
  });

  it('treats regex metacharacters literally', () => {
    expect(iam.expand('s3:Get.*')).toEqual([]);
    expect(iam.expand('s3:(Get)Object')).toEqual([]);
    expect(iam.matches('s3:Get.*', 's3:GetObject')).toBe(false);
    expect(globMatch('arn:aws:s3:::a+b/*', 'arn:aws:s3:::a+b/key', false)).toBe(true);
    expect(globMatch('arn:aws:s3:::a+b/*', 'arn:aws:s3:::aab/key', false)).toBe(false);
  });

  it('matches case-insensitively and anchored', () => {
    expect(iam.matches('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(iam.matches('IAM:PASSROLE', 'iam:PassRole')).toBe(true);
    expect(iam.matches('iam:Pass', 'iam:PassRole')).toBe(false);
    expect(iam.matches('am:PassRole', 'iam:PassRole')).toBe(false);
    expect(iam.matches('*', 'iam:PassRole')).toBe(true);
  });
});

describe('suggestions for typos', () => {
  it.each([
    ['s3:GetObjects', 's3:GetObject'],
    ['ec2:RunInstance', 'ec2:RunInstances'],
    ['ec2:DescribeInstance', 'ec2:DescribeInstances'],
    ['iam:PasRole', 'iam:PassRole'],
    ['lamda:InvokeFunction', 'lambda:InvokeFunction'],
    ['cloudwatch:PutLogEvents', 'logs:PutLogEvents'],
    ['dynamodb:GetItems', 'dynamodb:GetItem'],
    ['sqs:SendMessages', 'sqs:SendMessage'],
  ])('%s → %s', (typo, expected) => {
    expect(iam.suggest(typo)).toBe(expected);
  });

  it('suggests a prefix for a wildcard pattern with a wrong service', () => {
    expect(iam.suggest('s4:Get*')).toBe('s3:Get*');
  });

  it('has no suggestion for noise', () => {
    expect(iam.suggest('zzzzzzzz:Qqqqqqqqqqqq')).toBeUndefined();
    expect(iam.suggest('no-colon')).toBeUndefined();
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('GetObject', 'GetObjects')).toBe(1);
    expect(editDistance('PassRole', 'PasRole')).toBe(1);
    expect(editDistance('PassRole', 'PsasRole')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'ABC')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('loading', () => {
  it('reads the data synchronously and quickly from the installed package', () => {
    const t0 = performance.now();
    const fresh = new IamDataCatalog(iamDataDir());
    expect(fresh.actionExists('s3:GetObject')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
