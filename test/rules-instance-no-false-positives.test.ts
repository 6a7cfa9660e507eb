import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { modelOf } from './helpers/policy-fixtures.js';
import { scanFixture } from './helpers/scan-fixture.js';

const FILE = 'fixtures/cloudformation/no-false-positives/complex.yaml';
const INSTANCE_RULES = [
  'credentials-on-instance',
  'hardcoded-access-key',
  'iam-user-access-key',
  'imds-disabled-with-profile',
  'imds-hop-limit',
  'imdsv1-allowed',
  'instance-profile-role',
  'max-session-duration',
  'missing-instance-profile',
];

describe('a template full of intrinsics, nested stacks and conditions', () => {
  const rules = allRules.filter((r) => INSTANCE_RULES.includes(r.id));

  it('registers every instance rule', () => {
    expect(rules.map((r) => r.id)).toEqual(INSTANCE_RULES);
  });

  it.each(INSTANCE_RULES)('%s reports nothing', (id) => {
    const rule = rules.find((r) => r.id === id)!;
    expect(scanFixture(rule, FILE)).toEqual([]);
  });

  it('is read as a whole: launchers, profiles and roles are all in the model', () => {
    const model = modelOf(FILE);
    expect(model.launchers.map((l) => `${l.kind} ${l.resource.id}`).sort()).toEqual([
      'auto-scaling-group WebGroup',
      'instance Bastion',
      'instance Worker',
      'launch-template WebTemplate',
    ]);
    expect(model.instanceProfiles.map((p) => p.resource.id).sort()).toEqual(['BastionProfile', 'InstanceProfile']);
    expect(model.roles.map((r) => r.resource.id).sort()).toEqual(['AuditRole', 'BastionRole', 'InstanceRole']);
  });
});
