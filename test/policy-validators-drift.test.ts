import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDocument, validateStatement } from '../src/iam/policy-validators.generated.js';
import { VALIDATORS_FILE, policyValidatorsSource } from '../src/iam/validators-source.js';

describe('precompiled policy-grammar validators', () => {
  it('match the schema (run `npm run gen:validators` after changing src/iam/policy-schema.ts)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', VALIDATORS_FILE), 'utf8')).toBe(policyValidatorsSource());
  });

  it('judge documents and statements as the schema says', () => {
    expect(validateDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })).toBe(true);
    expect(validateDocument({ Version: '2012-10-17', Statement: 'Allow everything' })).toBe(false);
    expect(validateDocument({ Statement: [], Extra: 1 })).toBe(false);
    expect(validateStatement({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' })).toBe(true);
    expect(validateStatement({ Effect: 'Allow', Actions: ['s3:GetObject'] })).toBe(false);
    expect((validateStatement as unknown as { errors: { instancePath: string; keyword: string }[] }).errors.some((e) => e.keyword === 'additionalProperties')).toBe(true);
  });
});
