import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, globToRegExp } from '../src/iam/glob.js';

describe('globMatch', () => {
  it('matches the shapes IAM policies use', () => {
    expect(globMatch('*', '', false)).toBe(true);
    expect(globMatch('s3:Get*', 's3:GetObject', true)).toBe(true);
    expect(globMatch('S3:get*', 's3:GetObject', true)).toBe(true);
    expect(globMatch('S3:get*', 's3:GetObject', false)).toBe(false);
    expect(globMatch('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false)).toBe(false);
    expect(globMatch('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/', false)).toBe(true);
    expect(globMatch('arn:aws:s3:::b?cket/*/x', 'arn:aws:s3:::bucket/a/b/x', false)).toBe(true);
    expect(globMatch('iam:PassRole', 'iam:passrole', true)).toBe(true);
    expect(globMatch('iam:PassRole', 'iam:passrole', false)).toBe(false);
    expect(globMatch('a.b', 'axb', false)).toBe(false);
  });

  it('agrees with the regular expression on every pattern', () => {
    const text = fc.stringMatching(/^[aAbB:*?./-]{0,8}$/);
    fc.assert(
      fc.property(text, text, fc.boolean(), (pattern, candidate, ci) => {
        expect(globMatch(pattern, candidate, ci)).toBe(globToRegExp(pattern, ci).test(candidate));
      }),
      { numRuns: 2000 },
    );
  });
});
