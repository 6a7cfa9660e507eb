import { describe, expect, it } from 'vitest';
import { adaptCloudFormation } from '../src/adapt/cloudformation.js';
import { adaptTerraformConfig } from '../src/adapt/terraform-config.js';
import type { Finding } from '../src/findings.js';
import { loadText } from '../src/load/index.js';
import type { Model } from '../src/model/model.js';
import { applySuppressions, type ApplySettings } from '../src/suppress/index.js';
import { parseDirective, parseReason } from '../src/suppress/directive.js';
import { mapPeerRule } from '../src/suppress/peer-map.js';

const SETTINGS: ApplySettings = { requireReason: true, peerSuppressions: true, reportUnused: true, today: '2026-06-15' };

function cfn(text: string, file = 'template.yaml'): Model {
  const out = loadText(text, file);
  if (out.status !== 'loaded') throw new Error(`fixture did not load: ${JSON.stringify(out)}`);
  return adaptCloudFormation(out.doc);
}

function tf(data: unknown, file = 'main.tf.json'): Model {
  const out = loadText(JSON.stringify(data, null, 2), file);
  if (out.status !== 'loaded') throw new Error(`fixture did not load: ${JSON.stringify(out)}`);
  return adaptTerraformConfig([out.doc]);
}

function finding(ruleId: string, line: number, resource?: string, file = 'template.yaml'): Finding {
  return {
    ruleId,
    severity: 'error',
    message: `${ruleId} at ${line}`,
    location: { file, startLine: line, startColumn: 9, endLine: line, endColumn: 20 },
    resource: resource ? { id: resource, type: 'AWS::IAM::Role' } : undefined,
    propertyPath: '/Properties',
    fingerprint: `${ruleId}-${resource ?? ''}-${line}`,
    related: [],
  };
}

const meta = (out: Finding[]) => out.filter((f) => f.ruleId === 'unused-suppression' || f.ruleId === 'suppression-reason');
const byMessage = (out: Finding[], message: string) => out.find((f) => f.message === message)!;

describe('directive syntax', () => {
  it('splits rules, reason and expiry', () => {
    expect(parseDirective(' iamlint-disable-next-line wildcard-action, passrole-wildcard -- migration ticket OPS-12 expires: 2027-01-31')).toEqual({
      kind: 'disable-next-line',
      rules: ['wildcard-action', 'passrole-wildcard'],
      reason: 'migration ticket OPS-12',
      expires: '2027-01-31',
      text: 'iamlint-disable-next-line wildcard-action, passrole-wildcard -- migration ticket OPS-12 expires: 2027-01-31',
    });
    expect(parseDirective('iamlint-enable')).toMatchObject({ kind: 'enable', rules: [], reason: '' });
    expect(parseDirective(' a normal comment')).toBeUndefined();
    expect(parseDirective(' iamlint-disble wildcard-action')).toMatchObject({ kind: 'unknown', word: 'iamlint-disble' });
  });

  it('keeps a reason around the expiry and rejects impossible dates', () => {
    expect(parseReason('accepted (expires: 2027-01-31) for the migration')).toEqual({ reason: 'accepted for the migration', expires: '2027-01-31' });
    expect(parseReason('accepted expires: 2027-02-30')).toEqual({ reason: 'accepted', badExpiry: '2027-02-30' });
    expect(parseReason('expires: 2027-01-31')).toEqual({ reason: '', expires: '2027-01-31' });
  });

  it('maps peer ids only where they match one of our rules', () => {
    expect(mapPeerRule('cfn_nag', 'W11')).toEqual(['wildcard-resource']);
    expect(mapPeerRule('cfn_nag', 'F38')).toEqual(['passrole-wildcard']);
    expect(mapPeerRule('checkov', 'CKV_AWS_79')).toEqual(['imdsv1-allowed']);
    expect(mapPeerRule('cfn-lint', 'E3510')).toEqual(['policy-syntax']);
    expect(mapPeerRule('cfn_nag', 'W35')).toEqual([]);
    expect(mapPeerRule('checkov', 'toString')).toEqual([]);
  });
});

const YAML_LINES = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      # iamlint-disable-next-line wildcard-action -- build role needs it, see OPS-7
      # iamlint-disable-next-line wildcard-resource -- same ticket
      Policies: []
      RoleName: app
`;

describe('YAML comment suppressions', () => {
  it('suppresses the next line, skipping stacked directive lines', () => {
    const out = applySuppressions(cfn(YAML_LINES), [finding('wildcard-action', 8, 'AppRole'), finding('wildcard-resource', 8, 'AppRole'), finding('admin-access', 8, 'AppRole')], SETTINGS);
    expect(out).toHaveLength(3);
    expect(out[0]!.suppression).toEqual({
      kind: 'inSource',
      source: 'comment',
      justification: 'build role needs it, see OPS-7',
      location: { file: 'template.yaml', startLine: 6, startColumn: 7, endLine: 6, endColumn: 84 },
    });
    expect(out[1]!.suppression?.justification).toBe('same ticket');
    expect(out[2]!.suppression).toBeUndefined();
  });

  it('does not touch a finding on another line and reports the directive as unused', () => {
    const out = applySuppressions(cfn(YAML_LINES), [finding('wildcard-action', 9, 'AppRole'), finding('wildcard-resource', 8, 'AppRole')], SETTINGS);
    expect(out[0]!.suppression).toBeUndefined();
    const unused = meta(out);
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({
      ruleId: 'unused-suppression',
      severity: 'warning',
      message: 'The iamlint-disable-next-line comment on line 6 suppresses no wildcard-action finding on line 8; remove it, or fix the rule id or its placement.',
      location: { file: 'template.yaml', startLine: 6, startColumn: 7, endLine: 6, endColumn: 84 },
    });
    expect(unused[0]!.snippet?.lines).toContain('      # iamlint-disable-next-line wildcard-action -- build role needs it, see OPS-7');
  });

  it('reports nothing unused when reportUnused is off', () => {
    const out = applySuppressions(cfn(YAML_LINES), [], { ...SETTINGS, reportUnused: false });
    expect(out).toEqual([]);
  });

  const BLOCK = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  # iamlint-disable wildcard-action, wildcard-resource -- legacy stack, replaced in Q3
  Legacy:
    Type: AWS::IAM::ManagedPolicy
    Properties: {}
  # iamlint-enable wildcard-action
  Other:
    Type: AWS::IAM::ManagedPolicy
    Properties: {}
  # iamlint-enable
  Last:
    Type: AWS::IAM::ManagedPolicy
    Properties: {}
`;

  it('covers a block until iamlint-enable, per rule', () => {
    const out = applySuppressions(
      cfn(BLOCK),
      [finding('wildcard-action', 6, 'Legacy'), finding('wildcard-action', 10, 'Other'), finding('wildcard-resource', 10, 'Other'), finding('wildcard-resource', 14, 'Last')],
      SETTINGS,
    );
    expect(out.map((f) => [f.ruleId, f.location.startLine, f.suppression?.justification ?? null])).toEqual([
      ['wildcard-action', 6, 'legacy stack, replaced in Q3'],
      ['wildcard-action', 10, null],
      ['wildcard-resource', 10, 'legacy stack, replaced in Q3'],
      ['wildcard-resource', 14, null],
    ]);
  });

  it('reports an iamlint-enable without a block', () => {
    const out = applySuppressions(cfn(`# iamlint-enable wildcard-action\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n`), [], SETTINGS);
    expect(meta(out).map((f) => [f.message, f.location.startLine])).toEqual([
      ['The iamlint-enable wildcard-action comment on line 1 has no matching iamlint-disable above it; remove it.', 1],
    ]);
  });

  it('honours iamlint-disable-file only in the leading comment block', () => {
    const text = `# Shared build roles.
# iamlint-disable-file passrole-wildcard -- CI roles pass any role by design (SEC-31)

AWSTemplateFormatVersion: '2010-09-09'
# iamlint-disable-file wildcard-action -- too late
Resources:
  Builder:
    Type: AWS::IAM::Role
    Properties: {}
`;
    const out = applySuppressions(cfn(text), [finding('passrole-wildcard', 9, 'Builder'), finding('wildcard-action', 9, 'Builder')], SETTINGS);
    expect(out[0]!.suppression?.justification).toBe('CI roles pass any role by design (SEC-31)');
    expect(out[1]!.suppression).toBeUndefined();
    expect(meta(out).map((f) => [f.ruleId, f.location.startLine, f.message])).toEqual([
      [
        'unused-suppression',
        5,
        'The iamlint-disable-file comment on line 5 is below the first line of content and is ignored; move it into the comment block at the top of the file.',
      ],
    ]);
  });

  it('applies a trailing iamlint-disable-line to its own line', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Web:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions:
          HttpTokens: optional # iamlint-disable-line imdsv1-allowed -- vendor AMI without IMDSv2 support
`;
    const out = applySuppressions(cfn(text), [finding('imdsv1-allowed', 8, 'Web')], SETTINGS);
    expect(out[0]!.suppression).toMatchObject({ source: 'comment', justification: 'vendor AMI without IMDSv2 support', location: { startLine: 8, startColumn: 32 } });
    expect(meta(out)).toEqual([]);
  });

  it('requires a reason: a bare directive is reported and does not apply', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    # iamlint-disable-next-line wildcard-action, admin-access
    Properties: {}
`;
    const out = applySuppressions(cfn(text), [finding('wildcard-action', 6, 'AppRole')], SETTINGS);
    expect(out[0]!.suppression).toBeUndefined();
    expect(meta(out).map((f) => [f.ruleId, f.location.startLine, f.message])).toEqual([
      [
        'suppression-reason',
        5,
        'The iamlint-disable-next-line comment on line 5 gives no reason, so it does not suppress wildcard-action, admin-access; add `-- <why this is acceptable>` after the rule ids.',
      ],
    ]);
    const lenient = applySuppressions(cfn(text), [finding('wildcard-action', 6, 'AppRole')], { ...SETTINGS, requireReason: false });
    expect(lenient[0]!.suppression).toMatchObject({ source: 'comment', justification: '' });
    expect(meta(lenient).map((f) => f.message)).toEqual([
      'The iamlint-disable-next-line comment on line 5 suppresses no admin-access finding on line 6; remove it, or fix the rule id or its placement.',
    ]);
  });

  const expiring = (date: string) => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    # iamlint-disable-next-line wildcard-action -- accepted for the migration expires: ${date}
    Properties: {}
`;

  it('lapses after the expiry date', () => {
    const active = applySuppressions(cfn(expiring('2026-06-15')), [finding('wildcard-action', 6, 'AppRole')], SETTINGS);
    expect(active[0]!.suppression?.justification).toBe('accepted for the migration (expires 2026-06-15)');
    const lapsed = applySuppressions(cfn(expiring('2026-06-14')), [finding('wildcard-action', 6, 'AppRole')], SETTINGS);
    expect(lapsed).toHaveLength(1);
    expect(lapsed[0]!.suppression).toBeUndefined();
  });

  it('reports an expiry that is not a date', () => {
    const out = applySuppressions(cfn(expiring('31/01/2027')), [finding('wildcard-action', 6, 'AppRole')], SETTINGS);
    expect(out[0]!.suppression).toBeUndefined();
    expect(byMessage(out, 'The iamlint-disable-next-line comment on line 5 has an invalid expiry date `31/01/2027`, so it does not suppress wildcard-action; write `expires: YYYY-MM-DD`.').ruleId).toBe(
      'suppression-reason',
    );
  });

  it('reports a misspelt directive', () => {
    const out = applySuppressions(cfn(`AWSTemplateFormatVersion: '2010-09-09'\n# iamlint-disble wildcard-action -- x\nResources: {}\n`), [], SETTINGS);
    expect(meta(out).map((f) => [f.location.startLine, f.message])).toEqual([
      [2, 'The comment `iamlint-disble` on line 2 is not an iamlint directive and suppresses nothing; use iamlint-disable-next-line, iamlint-disable-line, iamlint-disable, iamlint-enable or iamlint-disable-file.'],
    ]);
  });

  it('keeps the fingerprint of an unused suppression when lines move', () => {
    const moved = `AWSTemplateFormatVersion: '2010-09-09'\nDescription: added later\n\n` + YAML_LINES.split('\n').slice(1).join('\n');
    const a = meta(applySuppressions(cfn(YAML_LINES), [], SETTINGS)).map((f) => f.fingerprint);
    const b = meta(applySuppressions(cfn(moved), [], SETTINGS)).map((f) => f.fingerprint);
    expect(a).toHaveLength(2);
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });
});

describe('CloudFormation Metadata suppressions', () => {
  const JSON_TEMPLATE = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      DeployRole: {
        Type: 'AWS::IAM::Role',
        Metadata: {
          iamlint: {
            suppress: [
              { rule: 'passrole-wildcard', reason: 'deploys any service role; reviewed in SEC-12' },
              { rule: 'wildcard-resource', reason: 'temporary', expires: '2026-01-01' },
              { rule: 'admin-access' },
            ],
          },
        },
        Properties: { AssumeRolePolicyDocument: {} },
      },
    },
  };

  it('suppresses findings of the resource, located at the entry, in JSON templates', () => {
    const model = cfn(JSON.stringify(JSON_TEMPLATE, null, 2), 'stack.json');
    const out = applySuppressions(
      model,
      [finding('passrole-wildcard', 17, 'DeployRole', 'stack.json'), finding('wildcard-resource', 17, 'DeployRole', 'stack.json'), finding('passrole-wildcard', 30, 'OtherRole', 'stack.json')],
      SETTINGS,
    );
    expect(out[0]!.suppression).toEqual({
      kind: 'inSource',
      source: 'metadata',
      justification: 'deploys any service role; reviewed in SEC-12',
      location: { file: 'stack.json', startLine: 9, startColumn: 13, endLine: 12, endColumn: 14 },
    });
    expect(out[1]!.suppression).toBeUndefined(); // expired on 2026-01-01
    expect(out[2]!.suppression).toBeUndefined(); // another resource
    expect(meta(out).map((f) => [f.ruleId, f.resource?.id, f.location.startLine, f.message])).toEqual([
      [
        'suppression-reason',
        'DeployRole',
        18,
        'The Metadata.iamlint suppression on resource DeployRole gives no reason, so it does not suppress admin-access; add a `reason`.',
      ],
    ]);
  });

  it('reads template-level Metadata as file scope, and reports a malformed block', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Metadata:
  iamlint:
    suppress:
      - rule: [wildcard-action, wildcard-resource]
        reason: sandbox account only
Resources:
  Sandbox:
    Type: AWS::IAM::Role
    Metadata:
      iamlint:
        rule: admin-access
    Properties: {}
`;
    const out = applySuppressions(cfn(text), [finding('wildcard-action', 13, 'Sandbox'), finding('wildcard-resource', 13, 'Sandbox')], SETTINGS);
    expect(out.slice(0, 2).map((f) => f.suppression?.justification)).toEqual(['sandbox account only', 'sandbox account only']);
    expect(meta(out).map((f) => [f.location.startLine, f.message])).toEqual([
      [12, 'The Metadata.iamlint block of resource Sandbox has no `suppress` list, so it suppresses nothing; write `suppress: [{ rule, reason }]`.'],
    ]);
  });
});

describe('peer-tool suppressions', () => {
  const PEERS = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  CiRole:
    Type: AWS::IAM::Role
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - id: W11
            reason: describe calls need *
          - id: W35
            reason: not ours
      checkov:
        skip:
          - id: CKV_AWS_79
      cfn-lint:
        config:
          ignore_checks: [W3037, E3002]
    Properties: {}
`;
  const findings = () => [finding('wildcard-resource', 19, 'CiRole'), finding('imdsv1-allowed', 19, 'CiRole'), finding('unknown-action', 19, 'CiRole')];

  it('maps cfn_nag, checkov and cfn-lint ids to ours', () => {
    const out = applySuppressions(cfn(PEERS), findings(), SETTINGS);
    expect(out[0]!.suppression).toMatchObject({ kind: 'inSource', source: 'cfn_nag', justification: 'cfn_nag W11: describe calls need *', location: { startLine: 8 } });
    // checkov's entry has no comment: with requireReason it is reported and does not apply.
    expect(out[1]!.suppression).toBeUndefined();
    // cfn-lint has no reason field, so none is required.
    expect(out[2]!.suppression).toMatchObject({ source: 'cfn-lint', justification: 'cfn-lint ignore_checks W3037' });
    expect(meta(out).map((f) => [f.ruleId, f.location.startLine, f.message])).toEqual([
      [
        'suppression-reason',
        14,
        'The checkov suppression of CKV_AWS_79 on resource CiRole (imdsv1-allowed) gives no reason, so it does not suppress imdsv1-allowed; add a `comment`.',
      ],
    ]);
  });

  it('ignores peer suppressions when turned off, and never reports them unused', () => {
    const off = applySuppressions(cfn(PEERS), findings(), { ...SETTINGS, peerSuppressions: false });
    expect(off.every((f) => !f.suppression)).toBe(true);
    expect(meta(off)).toEqual([]);
    const none = applySuppressions(cfn(PEERS), [], { ...SETTINGS, requireReason: false });
    expect(meta(none)).toEqual([]);
  });
});

describe('Terraform JSON "//" suppressions', () => {
  const config = {
    '//': ['Network module.', 'iamlint-disable-file hardcoded-access-key -- test fixture keys, never deployed'],
    resource: {
      aws_instance: {
        bastion: { '//': 'iamlint-disable imdsv1-allowed, missing-instance-profile -- vendor image, ticket NET-4', ami: 'ami-123', instance_type: 't3.micro' },
        web: { '//': 'just a comment', ami: 'ami-456' },
      },
    },
  };

  it('suppresses the resource block and the file', () => {
    const out = applySuppressions(
      tf(config),
      [
        finding('imdsv1-allowed', 10, 'aws_instance.bastion', 'main.tf.json'),
        finding('imdsv1-allowed', 13, 'aws_instance.web', 'main.tf.json'),
        finding('hardcoded-access-key', 13, 'aws_instance.web', 'main.tf.json'),
      ],
      SETTINGS,
    );
    expect(out[0]!.suppression).toEqual({
      kind: 'inSource',
      source: 'comment',
      justification: 'vendor image, ticket NET-4',
      location: { file: 'main.tf.json', startLine: 9, startColumn: 15, endLine: 9, endColumn: 103 },
    });
    expect(out[1]!.suppression).toBeUndefined();
    expect(out[2]!.suppression?.justification).toBe('test fixture keys, never deployed');
    expect(meta(out).map((f) => [f.resource?.id, f.message])).toEqual([
      [
        'aws_instance.bastion',
        'The "//" iamlint-disable comment on resource aws_instance.bastion suppresses no missing-instance-profile finding on resource aws_instance.bastion; remove it, or fix the rule id or its placement.',
      ],
    ]);
  });
});
