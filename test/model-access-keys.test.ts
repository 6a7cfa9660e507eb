import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceAround, findAccessKeyIds, findCredentials, hasBase64Run, isSecretKeyName, maskSecret } from '../src/model/access-keys.js';
import { Node } from '../src/model/node.js';
import { fakeDoc } from './helpers/fake-doc.js';

const ID = 'AKIAPFT7V4SEH2KVJ72C';
const SECRET = 'yEZDz+TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7';

describe('access key recognition', () => {
  it('finds the four credential prefixes with a base32 body, and nothing else', () => {
    const text = [ID, 'ASIAPFT7V4SEH2KVJ72C', 'ABIAPFT7V4SEH2KVJ72C', 'ACCAPFT7V4SEH2KVJ72C'].join(' ');
    expect(findAccessKeyIds(text).map((h) => h.masked)).toEqual(['AKIA…J72C', 'ASIA…J72C', 'ABIA…J72C', 'ACCA…J72C']);
    for (const notAKey of [
      'AIDAPFT7V4SEH2KVJ72C', // user id
      'AROAPFT7V4SEH2KVJ72C', // role id
      'AIPAPFT7V4SEH2KVJ72C', // instance profile id
      'ANPAPFT7V4SEH2KVJ72C', // policy id
      'AKIAIOSFODNN7EXAMPLE', // documentation example
      'AKIAPFT7V4SEH2KVJ720', // 0 is not base32
      'XAKIAPFT7V4SEH2KVJ72C', // part of a longer word
      'AKIAPFT7V4SEH2KVJ72CQ',
    ]) {
      expect(findAccessKeyIds(notAKey), notAKey).toEqual([]);
    }
  });

  it('counts a secret only with evidence', () => {
    expect(findCredentials(`value: ${SECRET}`)).toEqual([]);
    expect(findCredentials(`aws_secret_access_key = ${SECRET}`).map((h) => h.evidence)).toEqual(['keyword']);
    expect(findCredentials(`"SecretAccessKey": "${SECRET}"`).map((h) => h.evidence)).toEqual(['keyword']);
    expect(findCredentials(`aws configure set aws_secret_access_key ${SECRET}`).map((h) => h.evidence)).toEqual(['keyword']);
    expect(findCredentials(`{"name":"AWS_SECRET_ACCESS_KEY","value":"${SECRET}"}`).map((h) => h.evidence)).toEqual(['keyword']);
    expect(findCredentials(`${ID}:${SECRET}`).map((h) => `${h.kind} ${h.evidence ?? ''}`.trim())).toEqual([
      'access-key-id',
      'secret-access-key access key id nearby',
    ]);
    expect(findCredentials(SECRET, { names: ['Parameters', 'DeploySecretAccessKey', 'Default'] }).map((h) => h.evidence)).toEqual(['key name']);
    expect(findCredentials(SECRET, { idNearby: true }).map((h) => h.evidence)).toEqual(['access key id nearby']);
  });

  it('ignores example secrets, hex digests and words', () => {
    expect(findCredentials('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual([]);
    expect(findCredentials('secret_key = 3f786850e387550fdab836ed7e6dc881de23001b')).toEqual([]);
    expect(findCredentials('secret_key = MyStackMyBucketPolicyDocumentForLogsABCD')).toEqual([]);
  });

  it('masks with the first and last four characters', () => {
    expect(maskSecret(ID)).toBe('AKIA…J72C');
    expect(maskSecret(SECRET)).toBe('yEZD…QlY7');
    expect(maskSecret('short')).toBe('…');
  });

  it('recognises secret key names however they are spelled', () => {
    for (const n of ['SecretAccessKey', 'aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'secret_key', 'secretKey', 'DeploySecretAccessKey']) {
      expect(isSecretKeyName(n), n).toBe(true);
    }
    for (const n of ['secret', 'AccessKeyId', 'Default', 'KeyName']) expect(isSecretKeyName(n), n).toBe(false);
  });

  it('reads the surroundings of a string: path keys, a sibling Name, a sibling access key id', () => {
    const doc = fakeDoc({
      Environment: [
        { Name: 'AWS_SECRET_ACCESS_KEY', Value: SECRET },
        { Id: ID, Secret: SECRET },
      ],
    });
    const root = Node.root(doc);
    expect(evidenceAround(root.at('Environment', 0, 'Value')!)).toEqual({ names: ['Environment', 'Value', 'AWS_SECRET_ACCESS_KEY'], idNearby: false });
    expect(evidenceAround(root.at('Environment', 1, 'Secret')!)).toEqual({ names: ['Environment', 'Secret'], idNearby: true });
  });
});

describe('the base64-run test before the secret scan', () => {
  it('says what /[A-Za-z0-9/+]{n}/ says', () => {
    expect(hasBase64Run(SECRET)).toBe(true);
    expect(hasBase64Run(`"${SECRET}"`)).toBe(true);
    expect(hasBase64Run(SECRET.slice(1))).toBe(false);
    expect(hasBase64Run(`${SECRET.slice(0, 20)}-${SECRET.slice(20)}`)).toBe(false);
    expect(hasBase64Run('arn:aws:iam::123456789012:role/service-role/a-long-role-name-without-forty-in-a-row')).toBe(false);
    expect(hasBase64Run('x'.repeat(39) + 'é' + 'x'.repeat(40))).toBe(true);
    expect(hasBase64Run('')).toBe(false);
    // Mostly base64 characters with a few breaks, so runs of every length near the limit occur.
    const text = fc.array(fc.constantFrom('a', 'Z', '0', '/', '+', '-', ':', 'é', '='), { maxLength: 120 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 45 }), (t, n) => hasBase64Run(t, n) === new RegExp(`[A-Za-z0-9/+]{${n}}`).test(t)),
      { numRuns: 2000 },
    );
  });
});
