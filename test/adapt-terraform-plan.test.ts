import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptTerraformPlan } from '../src/adapt/terraform-plan.js';
import { loadText } from '../src/load/index.js';
import { launcher, policy, role } from './helpers/model-views.js';
import type { Node } from '../src/model/node.js';
import type { InputFormat, SourceDocument } from '../src/model/source.js';
import type { Value } from '../src/model/value.js';

const DIR = 'fixtures/terraform/adapter/plan';

function load(file: string, format: InputFormat, text = readFileSync(file, 'utf8')): SourceDocument {
  const out = loadText(text, file);
  if (out.status !== 'loaded') throw new Error(`${file}: ${out.status === 'error' ? out.message : out.reason}`);
  expect(out.doc.format).toBe(format);
  return out.doc;
}

/** Paths are long in plans: the part after the resource's `values`. */
function rel(n: Node): string {
  const p = n.pointer();
  const m = /\/resources\/\d+\/values/.exec(p);
  return m ? p.slice(m.index + m[0].length) || '/' : p;
}

function shape(values: readonly Value[]): unknown[] {
  return values.map((v) =>
    v.state === 'known'
      ? { known: v.value, at: rel(v.node) }
      : v.state === 'unknown'
        ? { unknown: v.partial ?? v.reason, at: rel(v.node) }
        : { absent: rel(v.node) },
  );
}

function at(n: Node): string {
  const r = n.doc.locate(n.path);
  return `${r.startLine}:${r.startColumn}`;
}

const AFTER_APPLY = 'the value is known only after apply';

describe('adaptTerraformPlan: plan JSON', () => {
  const m = adaptTerraformPlan(load(`${DIR}/plan.json`, 'terraform-plan'));

  it('addresses every planned instance, child modules and count included, and the data sources read while planning', () => {
    expect(m.resources.map((r) => `${r.mode} ${r.id} ${r.type}`)).toEqual([
      'managed aws_iam_role.app aws_iam_role',
      'managed aws_iam_instance_profile.app aws_iam_instance_profile',
      'managed aws_iam_policy.admin aws_iam_policy',
      'managed aws_iam_role_policy_attachment.admin aws_iam_role_policy_attachment',
      'managed aws_iam_role_policy.s3 aws_iam_role_policy',
      'managed aws_instance.bastion aws_instance',
      'managed aws_ec2_instance_metadata_defaults.this aws_ec2_instance_metadata_defaults',
      'managed aws_iam_user.ci aws_iam_user',
      'managed aws_iam_access_key.ci aws_iam_access_key',
      'managed module.web.aws_iam_role.web aws_iam_role',
      'managed module.web.aws_iam_instance_profile.web aws_iam_instance_profile',
      'managed module.web.aws_instance.this[0] aws_instance',
      'managed module.web.aws_instance.this[1] aws_instance',
      'managed module.web.aws_launch_template.this aws_launch_template',
      'data data.aws_ami.al2023 aws_ami',
      'data data.aws_iam_policy_document.s3 aws_iam_policy_document',
    ]);
    const web0 = m.resources.find((r) => r.id === 'module.web.aws_instance.this[0]')!;
    expect(web0.node.pointer()).toBe('/planned_values/root_module/child_modules/0/resources/2');
    expect(web0.properties.pointer()).toBe('/planned_values/root_module/child_modules/0/resources/2/values');
    expect(m.resources.find((r) => r.id === 'data.aws_ami.al2023')?.node.pointer()).toBe('/prior_state/values/root_module/resources/0');
    expect(m.problems).toEqual([]);
  });

  it('treats after_unknown values as unknown, and unset computed values as absent', () => {
    const web0 = launcher(m, 'module.web.aws_instance.this[0]');
    expect(shape(web0.instanceProfile)).toEqual([{ unknown: AFTER_APPLY, at: '/iam_instance_profile' }]);
    expect(shape(web0.metadata.httpTokens)).toEqual([{ known: 'optional', at: '/metadata_options/0/http_tokens' }]);
    expect(at(web0.metadata.httpTokens[0]!.node)).toBe('244:36');
    // configured without http_endpoint: the computed default is "not set", as in the configuration
    expect(shape(web0.metadata.httpEndpoint)).toEqual([{ absent: '/metadata_options/0/http_endpoint' }]);
    const lt = launcher(m, 'module.web.aws_launch_template.this');
    expect(shape(lt.metadata.block)).toEqual([{ absent: '/metadata_options' }]);
    const attach = m.resources.find((r) => r.id === 'aws_iam_role_policy_attachment.admin')!;
    expect(shape(m.resolve(attach.properties.child('policy_arn')))).toEqual([{ unknown: AFTER_APPLY, at: '/policy_arn' }]);
    expect(shape(m.resolve(attach.properties.child('id')))).toEqual([{ unknown: AFTER_APPLY, at: '/id' }]);
  });

  it('reads user data from the configuration when the plan holds only its hash', () => {
    const bastion = launcher(m, 'aws_instance.bastion');
    const [ud] = bastion.userData;
    expect(ud?.state === 'known' && ud.value).toBe('#!/bin/bash\ndnf install -y amazon-ssm-agent\n');
    expect(ud?.node.pointer()).toBe('/configuration/root_module/resources/8/expressions/user_data/constant_value');
    const lt = launcher(m, 'module.web.aws_launch_template.this');
    expect(shape(lt.userData)).toEqual([{ known: 'IyEvYmluL2Jhc2gKZWNobyByZWFkeQo=', at: '/user_data' }]);
  });

  it('links an instance to a profile created in the same plan through configuration references', () => {
    const profile = m.instanceProfiles.find((p) => p.resource.id === 'module.web.aws_iam_instance_profile.web')!;
    for (const id of ['module.web.aws_instance.this[0]', 'module.web.aws_instance.this[1]']) {
      const links = launcher(m, id).instanceProfileLinks;
      expect(links.map((l) => [l.targetId, l.attribute])).toEqual([['module.web.aws_iam_instance_profile.web', 'name']]);
      expect(links[0]?.target).toBe(profile);
    }
    // name_prefix is configured, not name: the generated name is not the user's setting
    expect(shape(profile.name)).toEqual([{ absent: '/name' }]);
    const webRole = role(m, 'module.web.aws_iam_role.web');
    expect(profile.roles.map((l) => l.target)).toEqual([webRole]);
    expect(webRole.instanceProfiles).toEqual([profile]);
  });

  it('leaves a reference to one of several counted instances unlinked unless a literal index or the values say which', () => {
    const file = `${DIR}/counted-references.json`;
    const cm = adaptTerraformPlan(load(file, 'terraform-plan'));
    // `aws_iam_instance_profile.node[count.index]`: the plan's references drop the index, and the
    // profile name is known only after apply, so which profile each instance gets is not in the input.
    for (const id of ['aws_instance.node[0]', 'aws_instance.node[1]']) {
      const links = launcher(cm, id).instanceProfileLinks;
      expect(links.map((l) => [l.targetId, l.target])).toEqual([['aws_iam_instance_profile.node', undefined]]);
    }
    // A literal index names one instance.
    const [pinned] = launcher(cm, 'aws_instance.pinned').instanceProfileLinks;
    expect(pinned?.target?.resource.id).toBe('aws_iam_instance_profile.node[1]');
    // The role names are planned values: each profile's role is proven by its value.
    for (const i of [0, 1]) {
      const profile = cm.instanceProfiles.find((p) => p.resource.id === `aws_iam_instance_profile.node[${i}]`)!;
      expect(profile.roles.map((l) => l.target?.resource.id)).toEqual([`aws_iam_role.node[${i}]`]);
    }
  });

  it('records a role written where a profile belongs, confirmed by the planned value', () => {
    const [link] = launcher(m, 'aws_instance.bastion').instanceProfileLinks;
    expect(link?.targetId).toBe('aws_iam_role.app');
    expect(link?.targetResource?.type).toBe('aws_iam_role');
    expect(link?.target).toBeUndefined();
    expect(shape(launcher(m, 'aws_instance.bastion').instanceProfile)).toEqual([{ known: 'app-role', at: '/iam_instance_profile' }]);
  });

  it('follows module variables to the parent module for a launch template profile', () => {
    const lt = launcher(m, 'module.web.aws_launch_template.this');
    const app = m.instanceProfiles.find((p) => p.resource.id === 'aws_iam_instance_profile.app')!;
    expect(lt.instanceProfileLinks.map((l) => [l.targetId, l.attribute, l.target === app])).toEqual([['aws_iam_instance_profile.app', 'name', true]]);
    expect(shape(lt.instanceProfile)).toEqual([{ known: 'app-profile', at: '/iam_instance_profile/0/name' }]);
  });

  it('links an instance to its AMI data source, the metadata defaults, and reads their settings', () => {
    const bastion = launcher(m, 'aws_instance.bastion');
    expect(bastion.imageLinks.map((l) => l.target?.resource.id)).toEqual(['data.aws_ami.al2023']);
    expect(shape(m.images[0]!.imdsSupport)).toEqual([{ known: 'v2.0', at: '/imds_support' }]);
    expect(shape(m.metadataDefaults[0]!.httpTokens)).toEqual([{ known: 'required', at: '/http_tokens' }]);
    expect(shape(bastion.metadata.httpTokens)).toEqual([{ known: 'required', at: '/metadata_options/0/http_tokens' }]);
  });

  it('reads roles, trust policies from jsonencode strings, and attachments to policies created in the plan', () => {
    const app = role(m, 'aws_iam_role.app');
    expect(shape(app.name)).toEqual([{ known: 'app-role', at: '/name' }]);
    expect(shape(app.maxSessionDuration)).toEqual([{ known: 3600, at: '/max_session_duration' }]);
    const trust = app.trustPolicy!;
    expect(trust.label).toBe('trust policy of role aws_iam_role.app');
    expect(trust.kind).toBe('trust');
    expect(trust.statements[0]?.principal?.entries.map((e) => [e.type, e.values.map((v) => v.state === 'known' && v.value)])).toEqual([
      ['Service', ['ec2.amazonaws.com']],
    ]);
    expect(at(trust.statements[0]!.principal!.node)).toBe('31:145');
    const admin = policy(m, 'managed policy aws_iam_policy.admin');
    expect(admin.statements[0]?.action?.values.map((v) => v.state === 'known' && v.value)).toEqual(['*']);
    expect(app.attachedPolicies).toEqual([admin]);
    expect(admin.attachedTo).toEqual([app]);
    expect(shape(app.managedPolicyArns)).toEqual([{ unknown: AFTER_APPLY, at: '/policy_arn' }]);
    // computed and not configured on the role itself
    expect(shape(m.resolve(app.resource.properties.child('managed_policy_arns')))).toEqual([{ absent: '/managed_policy_arns' }]);
  });

  it('uses the policy-document data source statements for a policy that is its json, linked by configuration', () => {
    const doc = policy(m, 'policy document data.aws_iam_policy_document.s3');
    const app = role(m, 'aws_iam_role.app');
    expect(doc.kind).toBe('identity');
    expect(doc.attachedTo).toEqual([app]);
    expect(app.inlinePolicies).toEqual([doc]);
    const [s] = doc.statements;
    expect(shape(s!.sid)).toEqual([{ known: 'ReadArtifacts', at: '/statement/0/sid' }]);
    expect(shape(s!.action!.values)).toEqual([
      { known: 's3:GetObject', at: '/statement/0/actions/0' },
      { known: 's3:ListBucket', at: '/statement/0/actions/1' },
    ]);
    expect(s?.principal).toBeUndefined();
    expect(s?.notAction).toBeUndefined();
    expect(s?.conditionNode).toBeUndefined();
    expect(m.policies.filter((p) => p.owner?.id === 'aws_iam_role_policy.s3')).toEqual([]);
  });

  it('links an access key to its user and to a root output exposing the secret', () => {
    const key = m.accessKeys[0]!;
    const user = m.users[0]!;
    expect(key.user?.target).toBe(user);
    expect(user.accessKeys).toEqual([key]);
    expect(shape(key.status)).toEqual([{ known: 'Active', at: '/status' }]);
    expect(key.secretExposures.map((n) => n.pointer())).toEqual(['/configuration/root_module/outputs/ci_secret/expression']);
    expect(m.outputs.map((o) => [o.name, o.references.map((r) => `${r.targetId}.${r.attribute}`)])).toEqual([
      ['ci_key_id', ['aws_iam_access_key.ci.id']],
      ['ci_secret', ['aws_iam_access_key.ci.secret']],
      ['web_profile', ['module.web.aws_iam_instance_profile.web.name']],
    ]);
    expect(shape(m.resolve(m.resources.find((r) => r.id === 'aws_iam_access_key.ci')!.properties.child('secret')))).toEqual([
      { unknown: 'the plan marks the value as sensitive, so iamlint does not read it', at: '/secret' },
    ]);
  });

  it('lists each literal string once: planned values, configuration (provider keys) and variables, not the changes', () => {
    const strings = [...m.strings()];
    const values = strings.map((s) => s.value);
    expect(values).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(values).toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(values).toContain('#!/bin/bash\ndnf install -y amazon-ssm-agent\n');
    expect(values).toContain('prod');
    expect(new Set(values).size).toBe(values.length);
    const trustText = (role(m, 'aws_iam_role.app').trustPolicyProp[0] as { value: string }).value;
    expect(strings.filter((s) => s.value === trustText).map((s) => s.node.pointer())).toEqual([
      '/planned_values/root_module/resources/0/values/assume_role_policy',
    ]);
    expect(strings.some((s) => s.node.path[0] === 'resource_changes' || s.node.path[0] === 'output_changes')).toBe(false);
  });
});

describe('adaptTerraformPlan: minified plan', () => {
  const m = adaptTerraformPlan(load(`${DIR}/plan-minified.json`, 'terraform-plan'));

  it('locates values on the single line exactly', () => {
    const lt = launcher(m, 'aws_launch_template.app');
    expect(shape(lt.metadata.httpTokens)).toEqual([{ known: 'optional', at: '/metadata_options/0/http_tokens' }]);
    const text = readFileSync(`${DIR}/plan-minified.json`, 'utf8');
    expect(at(lt.metadata.httpTokens[0]!.node)).toBe(`1:${text.indexOf('"http_tokens":"optional"') + '"http_tokens":'.length + 1}`);
    expect(shape(lt.metadata.hopLimit)).toEqual([{ known: 3, at: '/metadata_options/0/http_put_response_hop_limit' }]);
    expect(shape(lt.instanceProfile)).toEqual([{ absent: '/iam_instance_profile' }]);
    const ops = policy(m, 'managed policy aws_iam_policy.ops');
    const action = ops.statements[0]!.action!;
    expect(action.values.map((v) => v.state === 'known' && v.value)).toEqual(['ec2:Describe*', 's3:*']);
    // inside the embedded string: the `"s3:*"` element, as escaped in the file
    expect(at(action.values[1]!.node)).toBe(`1:${text.indexOf('\\"s3:*\\"') + 1}`);
  });
});

describe('adaptTerraformPlan: state JSON', () => {
  const m = adaptTerraformPlan(load(`${DIR}/state.json`, 'terraform-state'));

  it('reads current values, matching literal names and ARNs to the resources they name', () => {
    expect(m.resources.map((r) => r.id)).toEqual([
      'data.aws_ami.al2023',
      'aws_iam_access_key.svc',
      'aws_iam_instance_profile.app',
      'aws_iam_role.app',
      'aws_iam_role_policy.ssm',
      'aws_iam_role_policy_attachment.ssm',
      'aws_iam_user.svc',
      'aws_instance.app',
      'aws_instance.worker',
    ]);
    const app = launcher(m, 'aws_instance.app');
    const profile = m.instanceProfiles[0]!;
    expect(app.instanceProfileLinks.map((l) => [l.literal, l.target])).toEqual([['app-profile', profile]]);
    expect(profile.roles.map((l) => [l.literal, l.target?.resource.id])).toEqual([['app-role', 'aws_iam_role.app']]);
    expect(shape(app.metadata.httpTokens)).toEqual([{ known: 'optional', at: '/metadata_options/0/http_tokens' }]);
    const worker = launcher(m, 'aws_instance.worker');
    expect(shape(worker.instanceProfile)).toEqual([{ absent: '/iam_instance_profile' }]);
    expect(worker.instanceProfileLinks).toEqual([]);
    expect(m.accessKeys[0]?.user?.target).toBe(m.users[0]);
    expect(app.imageLinks.map((l) => [l.literal, l.target?.resource.id])).toEqual([['ami-0123456789abcdef0', 'data.aws_ami.al2023']]);
    expect(shape(m.images[0]!.imdsSupport)).toEqual([{ known: 'v2.0', at: '/imds_support' }]);
  });

  it('does not list an inline policy or managed ARN twice when the role repeats what other resources attach', () => {
    const r = role(m, 'aws_iam_role.app');
    expect(r.inlinePolicies.map((p) => p.label)).toEqual(['inline policy aws_iam_role_policy.ssm of role aws_iam_role.app']);
    expect(shape(r.managedPolicyArns)).toEqual([{ known: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', at: '/policy_arn' }]);
    expect(m.policies.map((p) => p.label)).toEqual(['trust policy of role aws_iam_role.app', 'inline policy aws_iam_role_policy.ssm of role aws_iam_role.app']);
  });

  it('never reads sensitive values, and outputs carry their sensitivity', () => {
    const values = [...m.strings()].map((s) => s.value);
    expect(values).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(values).toContain('AKIAIOSFODNN7EXAMPLE');
    const key = m.resources.find((r) => r.id === 'aws_iam_access_key.svc')!;
    expect(m.resolve(key.properties.child('secret'))[0]?.state).toBe('unknown');
    expect(m.outputs.map((o) => [o.name, shape(o.sensitive)[0]])).toEqual([
      ['key_id', { known: false, at: '/values/outputs/key_id/sensitive' }],
      ['key_secret', { known: true, at: '/values/outputs/key_secret/sensitive' }],
    ]);
    expect(m.accessKeys[0]?.secretExposures).toEqual([]);
  });
});

describe('adaptTerraformPlan: input shape', () => {
  it('reports values that are not shaped like a plan, and reads what it can', () => {
    const text = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [{ address: 'aws_iam_user.ok', mode: 'managed', type: 'aws_iam_user', name: 'ok', values: { name: 'ok' } }, { mode: 'managed' }],
          child_modules: [{ address: 'module.bad', resources: { not: 'an array' } }],
        },
      },
    });
    const m = adaptTerraformPlan(load('bad-plan.json', 'terraform-plan', text));
    expect(m.users.map((u) => u.resource.id)).toEqual(['aws_iam_user.ok']);
    expect(m.problems.map((p) => [p.node.pointer(), p.message])).toEqual([
      ['/planned_values/root_module/resources/1', 'a resource in the values needs "address", "type" and "name"'],
      ['/planned_values/root_module/child_modules/0/resources', '"resources" must be an array'],
    ]);
  });
});

describe('adaptTerraformPlan: sensitivity marks', () => {
  // Providers write every block's shape into sensitive_values with nothing marked; a `true` may sit deep inside one.
  const instance = (address: string, sensitive: unknown, afterSensitive: unknown) => ({
    address,
    mode: 'managed',
    type: 'aws_instance',
    name: address.split('.')[1],
    values: {
      ami: 'ami-0abcdef1234567890',
      user_data: `#!/bin/bash\necho ${address} ready\n`,
      metadata_options: [{ http_tokens: 'optional', http_endpoint: 'enabled' }],
      root_block_device: [{ kms_key_id: `arn:aws:kms:eu-west-1:123456789012:alias/${address}`, volume_size: 20 }],
      tags: { Name: 'web' },
    },
    sensitive_values: sensitive,
    ...(afterSensitive === undefined ? {} : { after_sensitive: afterSensitive }),
  });
  const text = JSON.stringify({
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          instance('aws_instance.shapes', { metadata_options: [{}], root_block_device: [{}], tags: {} }, undefined),
          instance('aws_instance.deep', { metadata_options: [{}], root_block_device: [{ kms_key_id: true }], tags: {} }, undefined),
          instance('aws_instance.user_data', { metadata_options: [{}], tags: {} }, undefined),
        ],
      },
    },
    resource_changes: [
      { address: 'aws_instance.user_data', mode: 'managed', type: 'aws_instance', name: 'user_data', change: { actions: ['create'], after_unknown: {}, after_sensitive: { metadata_options: [{}], user_data: true } } },
    ],
  });
  const m = adaptTerraformPlan(load('marks.plan.json', 'terraform-plan', text));
  const props = (id: string) => m.resources.find((r) => r.id === id)!.properties;

  it('reads every value of an instance whose marks only repeat the shape of its blocks', () => {
    expect(shape(launcher(m, 'aws_instance.shapes').metadata.httpTokens)).toEqual([{ known: 'optional', at: '/metadata_options/0/http_tokens' }]);
    expect(shape(launcher(m, 'aws_instance.shapes').userData)).toEqual([{ known: '#!/bin/bash\necho aws_instance.shapes ready\n', at: '/user_data' }]);
    expect(shape(m.resolve(props('aws_instance.shapes').at('root_block_device', 0, 'kms_key_id')!))).toEqual([
      { known: 'arn:aws:kms:eu-west-1:123456789012:alias/aws_instance.shapes', at: '/root_block_device/0/kms_key_id' },
    ]);
    expect([...m.strings()].map((s) => s.value)).toContain('arn:aws:kms:eu-west-1:123456789012:alias/aws_instance.shapes');
  });

  it('still hides a value marked deep inside a block, and a value marked only in the change', () => {
    const sensitive = { unknown: 'the plan marks the value as sensitive, so iamlint does not read it' };
    expect(shape(m.resolve(props('aws_instance.deep').at('root_block_device', 0, 'kms_key_id')!))).toEqual([{ ...sensitive, at: '/root_block_device/0/kms_key_id' }]);
    expect(shape(m.resolve(props('aws_instance.deep').at('root_block_device', 0, 'volume_size')!))).toEqual([{ known: 20, at: '/root_block_device/0/volume_size' }]);
    expect(shape(launcher(m, 'aws_instance.deep').metadata.httpTokens)).toEqual([{ known: 'optional', at: '/metadata_options/0/http_tokens' }]);
    expect(shape(launcher(m, 'aws_instance.user_data').userData)).toEqual([{ ...sensitive, at: '/user_data' }]);
    const strings = [...m.strings()].map((s) => s.value);
    expect(strings).not.toContain('arn:aws:kms:eu-west-1:123456789012:alias/aws_instance.deep');
    expect(strings).not.toContain('#!/bin/bash\necho aws_instance.user_data ready\n');
    expect(strings).toContain('#!/bin/bash\necho aws_instance.deep ready\n');
  });
});
