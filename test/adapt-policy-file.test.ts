import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { adaptPolicyFile } from '../src/adapt/policy-file.js';
import { JsonDocument } from '../src/load/json.js';
import type { Json, Model } from '../src/rule-api.js';
import { fakeDoc } from './helpers/fake-doc.js';
import { loadFixture, positionOf } from './helpers/policy-fixtures.js';

const W = 'fixtures/policy/wrappers';

/** A positioned JSON document without format detection (for CLI shapes the loader does not detect). */
function jsonFile(file: string): Model {
  const text = readFileSync(file, 'utf8');
  return adaptPolicyFile(new JsonDocument(file, 'iam-policy', JSON.parse(text) as Json, text));
}

describe('adaptPolicyFile', () => {
  it('reads a bare identity policy with one synthetic resource named after the file', () => {
    const model = adaptPolicyFile(loadFixture('fixtures/policy/wildcard-action/bad-full-wildcard.json'));
    expect(model.resources.map((r) => [r.id, r.type])).toEqual([['bad-full-wildcard.json', 'policy-file']]);
    const [doc] = model.policies;
    expect(doc!.kind).toBe('identity');
    expect(doc!.label).toBe('policy bad-full-wildcard.json');
    expect(doc!.owner).toBe(model.resources[0]);
    expect(doc!.statements).toHaveLength(1);
    expect(model.resourceAt(doc!.statements[0]!.node)).toBe(model.resources[0]);
    expect(model.problems).toEqual([]);
  });

  it('decides trust and resource policies by content', () => {
    expect(adaptPolicyFile(loadFixture('fixtures/policy/cross-account-trust/good-guarded.json')).policies[0]!.kind).toBe('trust');
    expect(adaptPolicyFile(loadFixture('fixtures/policy/trust-wildcard-principal/bad-public-bucket.json')).policies[0]!.kind).toBe('resource');
  });

  it('opens the URL-encoded PolicyDocument of get-role-policy and names the role in the label', () => {
    const file = `${W}/get-role-policy.json`;
    const model = adaptPolicyFile(loadFixture(file));
    const [doc] = model.policies;
    expect(doc!.label).toBe('inline policy uploads of role app-role (get-role-policy.json)');
    expect(doc!.kind).toBe('identity');
    const action = doc!.statements[0]!.action!.values[0]!;
    expect(action.state === 'known' && action.value).toBe('s3:*');
    // Positions inside URL-encoded text cannot be traced: the whole string is the location.
    const region = action.node.doc.locate(action.node.path);
    expect({ line: region.startLine, column: region.startColumn }).toEqual(positionOf(file, '"%7B'));
  });

  it('reads get-policy-version output', () => {
    const file = `${W}/get-policy-version.json`;
    const model = adaptPolicyFile(loadFixture(file));
    const [doc] = model.policies;
    expect(doc!.label).toBe('policy version v3 in get-policy-version.json');
    const res = doc!.statements[0]!.resource!.values[0]!;
    const region = res.node.doc.locate(res.node.path);
    expect({ line: region.startLine, column: region.startColumn }).toEqual(positionOf(file, '"*"'));
  });

  it('reads get-role output as a trust policy and a role', () => {
    const model = jsonFile(`${W}/get-role.json`);
    const [doc] = model.policies;
    expect(doc!.kind).toBe('trust');
    expect(doc!.label).toBe('trust policy of role vendor-access (get-role.json)');
    expect(model.roles).toHaveLength(1);
    const role = model.roles[0]!;
    expect(role.trustPolicy).toBe(doc);
    expect(role.name.map((v) => v.state === 'known' && v.value)).toEqual(['vendor-access']);
    expect(role.maxSessionDuration.map((v) => v.state === 'known' && v.value)).toEqual([3600]);
  });

  it('reads a policy held as a JSON string (get-bucket-policy), positioned inside the string', () => {
    const file = `${W}/get-bucket-policy.json`;
    const model = jsonFile(file);
    const [doc] = model.policies;
    expect(doc!.kind).toBe('resource');
    const principal = doc!.statements[0]!.principal!.wildcard!;
    const region = principal.node.doc.locate(principal.node.path);
    expect({ line: region.startLine, column: region.startColumn }).toEqual(positionOf(file, '\\"*\\"'));
  });

  it('reports a file without a policy document as a problem', () => {
    const model = adaptPolicyFile(fakeDoc({ Something: 'else' }, 'other.json'));
    expect(model.policies).toEqual([]);
    expect(model.problems.map((p) => p.message)).toEqual([
      'other.json holds no IAM policy document (expected "Statement", or a "PolicyDocument" / "Policy" / "AssumeRolePolicyDocument" wrapper)',
    ]);
  });

  it('keeps a Statement that is not a list or object readable for the syntax rule', () => {
    const model = adaptPolicyFile(loadFixture('fixtures/policy/policy-syntax/bad-statement-string.json'));
    expect(model.policies[0]!.statements).toEqual([]);
    expect(model.policies[0]!.statementNode?.value).toBe('Allow everything');
    expect(model.policies[0]!.unreadable).toBeUndefined();
  });

  it('treats every value as known', () => {
    const model = adaptPolicyFile(fakeDoc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '${not.an.expression}', Resource: '*' }] }));
    const v = model.policies[0]!.statements[0]!.action!.values[0]!;
    expect(v.state).toBe('known');
  });
});
