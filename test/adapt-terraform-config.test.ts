import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptTerraformConfig } from '../src/adapt/terraform-config.js';
import { defaultScanOptions } from '../src/engine/defaults.js';
import { scan } from '../src/engine/scan.js';
import { loadText } from '../src/load/index.js';
import type { Node } from '../src/model/node.js';
import type { SourceDocument } from '../src/model/source.js';
import { workspace } from './helpers/run-cli.js';
import { launcher, policy, role, shape } from './helpers/model-views.js';

const DIR = 'fixtures/terraform/adapter';

function load(file: string, text = readFileSync(file, 'utf8')): SourceDocument {
  const out = loadText(text, file);
  if (out.status !== 'loaded') throw new Error(`${file}: ${out.status === 'error' ? out.message : out.reason}`);
  expect(out.doc.format).toBe('terraform-json');
  return out.doc;
}

const moduleDocs = () => [load(`${DIR}/module/main.tf.json`), load(`${DIR}/module/iam.tf.json`)];

function at(n: Node): string {
  const r = n.doc.locate(n.path);
  return `${n.doc.file}:${r.startLine}:${r.startColumn}`;
}

describe('adaptTerraformConfig: resources', () => {
  const m = adaptTerraformConfig(moduleDocs());

  it('reads object-form and array-form resource and data blocks of both files, addressed by type.name', () => {
    expect(m.resources.map((r) => `${r.mode} ${r.id} ${r.node.doc.file.replace(`${DIR}/module/`, '')}`)).toEqual([
      'managed aws_launch_template.web main.tf.json',
      'managed aws_instance.web main.tf.json',
      'managed aws_instance.legacy main.tf.json',
      'managed aws_instance.named main.tf.json',
      'managed aws_autoscaling_group.web main.tf.json',
      'data data.aws_ami.al2023 main.tf.json',
      'managed aws_iam_role.web iam.tf.json',
      'managed aws_iam_instance_profile.web iam.tf.json',
      'managed aws_iam_policy.app iam.tf.json',
      'managed aws_iam_role_policy.extra iam.tf.json',
      'managed aws_iam_user.deploy iam.tf.json',
      'managed aws_iam_access_key.deploy iam.tf.json',
      'managed aws_iam_user_policy_attachment.deploy_admin iam.tf.json',
      'managed aws_s3_bucket_policy.site iam.tf.json',
      'data data.aws_iam_policy_document.ec2_trust iam.tf.json',
      'data data.aws_iam_policy_document.extra iam.tf.json',
    ]);
    const roleRes = m.resources.find((r) => r.id === 'aws_iam_role.web')!;
    expect(roleRes.type).toBe('aws_iam_role');
    expect(roleRes.node.pointer()).toBe('/resource/0/aws_iam_role/0/web/0');
    expect(roleRes.properties).toBe(roleRes.node);
    expect(m.problems).toEqual([]);
  });

  it('ignores "//" comments but keeps them in the document for suppressions', () => {
    const [main] = m.documents;
    expect((main!.root as Record<string, unknown>)['//']).toMatch(/^Web tier/);
    const strings = [...m.strings()].map((s) => s.value);
    expect(strings).not.toContain('tokens required, hop limit 2 for containers');
    expect(strings).not.toContain('assumed by EC2 only');
    expect(strings).toContain('ami-0abcdef1234567890');
    expect(strings).toContain('#!/bin/bash\nyum install -y httpd\n');
    expect(m.resources.some((r) => r.id.includes('//'))).toBe(false);
  });

  it('finds the resource that contains a node', () => {
    const l = launcher(m, 'aws_launch_template.web');
    expect(m.resourceAt(l.metadata.httpTokens[0]!.node)?.id).toBe('aws_launch_template.web');
  });
});

describe('adaptTerraformConfig: values', () => {
  const m = adaptTerraformConfig(moduleDocs());

  it('keeps interpolations unknown with their text, and literals known', () => {
    const tmpl = m.resources.find((r) => r.id === 'aws_instance.web')!.properties.at('tags', 'Name')!;
    expect(shape(m.resolve(tmpl))).toEqual([{ unknown: 'web-${terraform.workspace}', at: '/resource/aws_instance/web/tags/Name' }]);
    const [v] = m.resolve(tmpl);
    expect(v?.state === 'unknown' && v.reason).toBe('Terraform expression web-${terraform.workspace} is evaluated only when Terraform runs');
    expect(shape(launcher(m, 'aws_launch_template.web').metadata.hopLimit)).toEqual([
      { known: 2, at: '/resource/aws_launch_template/web/metadata_options/http_put_response_hop_limit' },
    ]);
  });

  it('uses a variable default as a parameter default, and says when there is none', () => {
    const web = launcher(m, 'aws_instance.web');
    const [tokens] = web.metadata.httpTokens;
    expect(shape(web.metadata.httpTokens)).toEqual([{ known: 'optional', at: '/resource/aws_instance/web/metadata_options/0/http_tokens' }]);
    expect(tokens?.via?.parameter).toBe('var.tokens');
    expect(at(tokens!.via!.source!)).toBe(`${DIR}/module/main.tf.json:13:46`);
    expect(at(tokens!.node)).toBe(`${DIR}/module/main.tf.json:43:47`);
    const [ami] = web.imageId;
    expect(ami?.state === 'unknown' && ami.reason).toBe('Terraform variable var.ami_id has no default');
  });

  it('reads nested blocks written as an object or as an array of objects, and says when they are missing', () => {
    expect(launcher(m, 'aws_instance.web').metadata.block[0]?.node.pointer()).toBe('/resource/aws_instance/web/metadata_options/0');
    expect(launcher(m, 'aws_launch_template.web').metadata.block[0]?.node.pointer()).toBe('/resource/aws_launch_template/web/metadata_options');
    const legacy = launcher(m, 'aws_instance.legacy');
    expect(shape(legacy.metadata.block)).toEqual([{ absent: '/resource/aws_instance/legacy/metadata_options' }]);
    expect(shape(legacy.metadata.httpTokens)).toEqual([{ absent: '/resource/aws_instance/legacy/metadata_options/http_tokens' }]);
    expect(at(legacy.metadata.httpTokens[0]!.node)).toBe(`${DIR}/module/main.tf.json:46:7`);
    expect(shape(launcher(m, 'aws_instance.named').metadata.httpEndpoint)).toEqual([
      { known: 'disabled', at: '/resource/aws_instance/named/metadata_options/http_endpoint' },
    ]);
    expect(shape(legacy.userData)).toEqual([{ known: '#!/bin/bash\nyum install -y httpd\n', at: '/resource/aws_instance/legacy/user_data' }]);
  });

  it('follows locals and literal arguments of referenced resources', () => {
    const r = role(m, 'aws_iam_role.web');
    expect(shape(r.name)).toEqual([{ known: 'web-role', at: '/resource/0/aws_iam_role/0/web/0/name' }]);
    expect(r.name[0]?.via?.source?.pointer()).toBe('/locals/role_name');
    expect(shape(r.maxSessionDuration)).toEqual([{ known: 7200, at: '/resource/0/aws_iam_role/0/web/0/max_session_duration' }]);
  });
});

describe('adaptTerraformConfig: links', () => {
  const m = adaptTerraformConfig(moduleDocs());
  const profile = m.instanceProfiles.find((p) => p.resource.id === 'aws_iam_instance_profile.web')!;

  it('links an instance to its launch template, and the template to its profile and AMI', () => {
    const web = launcher(m, 'aws_instance.web');
    expect(web.templates.map((t) => [t.targetId, t.attribute, t.target?.kind])).toEqual([['aws_launch_template.web', 'id', 'launch-template']]);
    expect(web.templatesUnknown).toBe(false);
    expect(shape(web.instanceProfile)).toEqual([{ absent: '/resource/aws_instance/web/iam_instance_profile' }]);
    const lt = launcher(m, 'aws_launch_template.web');
    expect(lt.instanceProfileLinks).toHaveLength(1);
    expect(lt.instanceProfileLinks[0]?.target).toBe(profile);
    expect(lt.instanceProfileLinks[0]?.node.pointer()).toBe('/resource/aws_launch_template/web/iam_instance_profile/name');
    expect(shape(lt.instanceProfile)).toEqual([{ known: 'web-profile', at: '/resource/aws_launch_template/web/iam_instance_profile/name' }]);
    const image = m.images.find((i) => i.resource.id === 'data.aws_ami.al2023')!;
    expect(lt.imageLinks.map((l) => l.target)).toEqual([image]);
    expect(image.imdsSupport[0]?.state).toBe('unknown');
  });

  it('records a role written where a profile belongs (the classic mistake)', () => {
    const legacy = launcher(m, 'aws_instance.legacy');
    expect(legacy.instanceProfileLinks).toHaveLength(1);
    const [link] = legacy.instanceProfileLinks;
    expect(link?.targetId).toBe('aws_iam_role.web');
    expect(link?.targetResource?.type).toBe('aws_iam_role');
    expect(link?.target).toBeUndefined();
    expect(link?.attribute).toBe('name');
  });

  it('matches a literal profile name (here a variable default) to the profile', () => {
    const named = launcher(m, 'aws_instance.named');
    const [link] = named.instanceProfileLinks;
    expect(link?.literal).toBe('web-profile');
    expect(link?.via?.parameter).toBe('var.profile_name');
    expect(link?.target).toBe(profile);
  });

  it('follows an auto scaling group to its launch template by name', () => {
    const asg = launcher(m, 'aws_autoscaling_group.web');
    expect(asg.templates.map((t) => [t.literal, t.target?.resource.id])).toEqual([['web-lt', 'aws_launch_template.web']]);
    expect(asg.templatesUnknown).toBe(false);
    expect(shape(asg.metadata.httpTokens)).toEqual([{ absent: '/resource/aws_autoscaling_group/web/metadata_options/http_tokens' }]);
  });

  it('links profile → role and role → profile', () => {
    const r = role(m, 'aws_iam_role.web');
    expect(profile.roles.map((l) => [l.targetId, l.attribute])).toEqual([['aws_iam_role.web', 'name']]);
    expect(profile.roles[0]?.target).toBe(r);
    expect(r.instanceProfiles).toEqual([profile]);
    expect(shape(profile.rolesProp)).toEqual([{ known: 'web-role', at: '/resource/1/aws_iam_instance_profile/web/role' }]);
  });

  it('links an access key to its user and to the outputs that expose its secret', () => {
    const key = m.accessKeys[0]!;
    const user = m.users.find((u) => u.resource.id === 'aws_iam_user.deploy')!;
    expect(key.user?.target).toBe(user);
    expect(user.accessKeys).toEqual([key]);
    expect(key.secretExposures.map((n) => n.pointer())).toEqual(['/output/deploy_secret/value']);
    expect(m.outputs.map((o) => [o.name, o.references.map((r) => `${r.targetId}.${r.attribute}`), shape(o.sensitive)[0]])).toEqual([
      ['deploy_secret', ['aws_iam_access_key.deploy.secret'], { absent: '/output/deploy_secret/sensitive' }],
      ['deploy_secret_sensitive', ['aws_iam_access_key.deploy.secret'], { known: true, at: '/output/deploy_secret_sensitive/sensitive' }],
      ['deploy_key_id', ['aws_iam_access_key.deploy.id'], { absent: '/output/deploy_key_id/sensitive' }],
    ]);
    expect(m.outputs[0]?.references[0]?.target?.id).toBe('aws_iam_access_key.deploy');
  });

  it('attaches managed policies by literal user name and by reference', () => {
    const user = m.users.find((u) => u.resource.id === 'aws_iam_user.deploy')!;
    expect(shape(user.managedPolicyArns)).toEqual([
      { known: 'arn:aws:iam::aws:policy/AdministratorAccess', at: '/resource/1/aws_iam_user_policy_attachment/deploy_admin/policy_arn' },
    ]);
    const r = role(m, 'aws_iam_role.web');
    expect(shape(r.managedPolicyArns)).toEqual([
      { known: 'arn:aws:iam::aws:policy/ReadOnlyAccess', at: '/resource/0/aws_iam_role/0/web/0/managed_policy_arns/0' },
      { unknown: '${aws_iam_policy.app.arn}', at: '/resource/0/aws_iam_role/0/web/0/managed_policy_arns/1' },
    ]);
    const app = policy(m, 'managed policy aws_iam_policy.app');
    expect(r.attachedPolicies).toEqual([app]);
    expect(app.attachedTo).toEqual([r]);
  });
});

describe('adaptTerraformConfig: policies', () => {
  const m = adaptTerraformConfig(moduleDocs());

  it('reads an aws_iam_policy_document data source into statements, typed by its use', () => {
    const r = role(m, 'aws_iam_role.web');
    const trust = r.trustPolicy!;
    expect(trust).toBe(policy(m, 'policy document data.aws_iam_policy_document.ec2_trust'));
    expect(trust.kind).toBe('trust');
    expect(trust.owner?.id).toBe('data.aws_iam_policy_document.ec2_trust');
    expect(trust.unreadable).toBeUndefined();
    expect(trust.version.map((v) => v.state === 'known' && v.value)).toEqual(['2012-10-17']);
    const [s] = trust.statements;
    expect(s?.node.pointer()).toBe('/data/aws_iam_policy_document/ec2_trust/statement');
    expect(shape(s!.effect)).toEqual([{ known: 'Allow', at: '/data/aws_iam_policy_document/ec2_trust/statement/effect' }]);
    expect(s?.action?.node.pointer()).toBe('/data/aws_iam_policy_document/ec2_trust/statement/actions');
    expect(shape(s!.action!.values)).toEqual([{ known: 'sts:AssumeRole', at: '/data/aws_iam_policy_document/ec2_trust/statement/actions/0' }]);
    expect(s?.principal?.entries.map((e) => [e.type, shape(e.values)])).toEqual([
      ['Service', [{ known: 'ec2.amazonaws.com', at: '/data/aws_iam_policy_document/ec2_trust/statement/principals/identifiers/0' }]],
    ]);
    expect(at(s!.action!.node)).toBe(`${DIR}/module/iam.tf.json:58:22`);
    expect(shape(r.trustPolicyProp)[0]).toEqual({
      unknown: '${data.aws_iam_policy_document.ec2_trust.json}',
      at: '/resource/0/aws_iam_role/0/web/0/assume_role_policy',
    });
  });

  it('reads statement lists, defaults, conditions and &{} policy variables', () => {
    const extra = policy(m, 'policy document data.aws_iam_policy_document.extra');
    const r = role(m, 'aws_iam_role.web');
    expect(extra.kind).toBe('identity');
    expect(extra.attachedTo).toEqual([r]);
    expect(r.inlinePolicies).toContain(extra);
    const [allow, deny] = extra.statements;
    expect(shape(allow!.sid)).toEqual([{ known: 'OwnPrefix', at: '/data/aws_iam_policy_document/extra/statement/0/sid' }]);
    expect(shape(allow!.resource!.values)).toEqual([
      { known: 'arn:aws:s3:::shared-bucket/${aws:username}/*', at: '/data/aws_iam_policy_document/extra/statement/0/resources/0' },
    ]);
    expect(allow?.conditions.map((c) => [c.operator, c.key, shape(c.values)])).toEqual([
      ['StringEquals', 'aws:PrincipalOrgID', [{ known: 'o-a1b2c3d4e5', at: '/data/aws_iam_policy_document/extra/statement/0/condition/0/values/0' }]],
    ]);
    expect(allow?.conditionsUnknown).toBe(false);
    expect(shape(deny!.effect)).toEqual([{ known: 'Deny', at: '/data/aws_iam_policy_document/extra/statement/1/effect' }]);
    expect(deny?.action).toBeUndefined();
    expect(shape(deny!.notAction!.values)).toEqual([{ known: 'iam:*', at: '/data/aws_iam_policy_document/extra/statement/1/not_actions/0' }]);
  });

  it('opens JSON string policies, positioned inside the string', () => {
    const logs = policy(m, 'inline policy logs of role aws_iam_role.web');
    expect(logs.kind).toBe('identity');
    expect(logs.attachedTo).toEqual([role(m, 'aws_iam_role.web')]);
    const action = logs.statements[0]!.action!;
    expect(action.values.map((v) => v.state === 'known' && v.value)).toEqual(['logs:*']);
    expect(at(action.node)).toBe(`${DIR}/module/iam.tf.json:16:112`);
  });

  it('keeps interpolations inside a JSON string policy unknown, and reads a jsonencode() policy in place', () => {
    const site = policy(m, 'resource policy of aws_s3_bucket_policy.site');
    expect(site.kind).toBe('resource');
    const [res] = site.statements[0]!.resource!.values;
    expect(res?.state === 'unknown' && res.partial).toBe('${aws_s3_bucket.site.arn}/*');
    const app = policy(m, 'managed policy aws_iam_policy.app');
    expect(app.unreadable).toBeUndefined();
    expect(app.node.doc.embeddedIn?.path).toEqual(['resource', 1, 'aws_iam_policy', 'app', 'policy']);
    const action = app.statements[0]!.action!;
    expect(shape(action.values)).toEqual([{ known: 's3:*', at: '/Statement/0/Action' }]);
    expect(at(action.node)).toBe(`${DIR}/module/iam.tf.json:31:107`);
  });

  it('names inline policy resources after the identity they attach to', () => {
    expect(m.policies.map((p) => p.label).sort()).toEqual([
      'inline policy logs of role aws_iam_role.web',
      'managed policy aws_iam_policy.app',
      'policy document data.aws_iam_policy_document.ec2_trust',
      'policy document data.aws_iam_policy_document.extra',
      'resource policy of aws_s3_bucket_policy.site',
    ]);
  });
});

describe('adaptTerraformConfig: module shape', () => {
  it('applies override files: their arguments and blocks replace the original ones', () => {
    const m = adaptTerraformConfig([load(`${DIR}/override/main_override.tf.json`), load(`${DIR}/override/main.tf.json`)]);
    expect(m.problems).toEqual([]);
    expect(m.resources.map((r) => r.id)).toEqual(['aws_instance.app']);
    const app = launcher(m, 'aws_instance.app');
    expect(app.resource.node.doc.file).toBe(`${DIR}/override/main.tf.json`);
    expect(shape(app.metadata.httpTokens)).toEqual([{ known: 'required', at: '/resource/aws_instance/app/metadata_options/http_tokens' }]);
    expect(app.metadata.httpTokens[0]!.node.doc.file).toBe(`${DIR}/override/main_override.tf.json`);
    expect(shape(app.imageId)).toEqual([{ known: 'ami-0abcdef1234567890', at: '/resource/aws_instance/app/ami' }]);
  });

  it('reports a resource defined twice in one file, and malformed blocks', () => {
    const doc = load(
      'mod/main.tf.json',
      JSON.stringify({ resource: [{ aws_iam_user: { ci: { name: 'ci' } } }, { aws_iam_user: { ci: { name: 'ci2' } }, aws_iam_group: 'oops' }] }, null, 1),
    );
    const m = adaptTerraformConfig([doc]);
    expect(m.users.map((u) => u.resource.node.pointer())).toEqual(['/resource/0/aws_iam_user/ci']);
    expect(m.problems.map((p) => [p.node.pointer(), p.message])).toEqual([
      ['/resource/1/aws_iam_group', 'a resource block must be an object (or an array of objects) in Terraform JSON syntax'],
      ['/resource/1/aws_iam_user/ci', 'aws_iam_user.ci is defined twice; Terraform rejects duplicate resource blocks'],
    ]);
  });

  it('reports a resource defined in two files of one module at the second definition, and reads the rest', () => {
    const iam = load('app/iam.tf.json', JSON.stringify({
      resource: {
        aws_iam_role: { app: { name: 'app', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } },
        aws_iam_instance_profile: { app: { name: 'app', role: '${aws_iam_role.app.name}' } },
      },
      data: { aws_iam_policy_document: { trust: { statement: { actions: ['sts:AssumeRole'], principals: { type: 'Service', identifiers: ['ec2.amazonaws.com'] } } } } },
    }, null, 2));
    const mainText = JSON.stringify({
      resource: {
        aws_instance: { web: { ami: 'ami-0abcdef1234567890', iam_instance_profile: '${aws_iam_instance_profile.app.name}' } },
        aws_iam_role: { app: { name: 'app-copy', assume_role_policy: '${data.aws_iam_policy_document.trust.json}' } },
      },
      data: { aws_iam_policy_document: { trust: { statement: { actions: ['sts:AssumeRole'], principals: { type: 'AWS', identifiers: ['*'] } } } } },
    }, null, 2);
    const main = load('app/main.tf.json', mainText);
    const m = adaptTerraformConfig([iam, main]);
    expect(m.problems.map((p) => [p.node.doc.file, p.node.pointer(), p.message])).toEqual([
      ['app/main.tf.json', '/resource/aws_iam_role/app', 'aws_iam_role.app is defined twice, in iam.tf.json and main.tf.json; Terraform rejects duplicate resource blocks'],
      ['app/main.tf.json', '/data/aws_iam_policy_document/trust', 'data.aws_iam_policy_document.trust is defined twice, in iam.tf.json and main.tf.json; Terraform rejects duplicate data blocks'],
    ]);
    const second = m.problems[0]!.node;
    const at = mainText.indexOf('"app": {') + '"app": '.length;
    const before = mainText.slice(0, at).split('\n');
    expect(second.doc.locate(second.path)).toMatchObject({ startLine: before.length, startColumn: before.at(-1)!.length + 1 });
    // The first definitions count; the other blocks of the second file are still read and linked.
    expect(m.roles.map((r) => [r.resource.id, r.resource.node.doc.file])).toEqual([['aws_iam_role.app', 'app/iam.tf.json']]);
    expect(m.roles[0]!.trustPolicy!.statements[0]!.principal!.node.doc.file).toBe('app/iam.tf.json');
    const web = launcher(m, 'aws_instance.web');
    expect(web.resource.node.doc.file).toBe('app/main.tf.json');
    expect(web.instanceProfileLinks.map((l) => l.target?.resource.id)).toEqual(['aws_iam_instance_profile.app']);
    expect(m.instanceProfiles[0]!.roles.map((l) => l.target?.resource.node.doc.file)).toEqual(['app/iam.tf.json']);
  });

  it('scans such a module: a parse-error at the second definition, the other rules still run on both files', async () => {
    const role = (name: string) => ({
      name,
      assume_role_policy: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
    });
    const compute = JSON.stringify({
      resource: {
        aws_iam_role: { app: role('app-copy') },
        aws_instance: { web: { ami: 'ami-0abcdef1234567890', instance_type: 't3.micro', metadata_options: { http_tokens: 'optional' } } },
      },
    }, null, 2);
    const cwd = workspace({ 'infra/iam.tf.json': JSON.stringify({ resource: { aws_iam_role: { app: role('app') } } }, null, 2), 'infra/compute.tf.json': compute });
    const result = await scan(defaultScanOptions({ paths: ['infra'], cwd }));
    const lines = compute.split('\n');
    const at = (needle: string, start: string) => {
      const i = lines.findIndex((l) => l.includes(needle));
      return [i + 1, lines[i]!.indexOf(start) + 1];
    };
    // compute.tf.json sorts first, so it holds the first definition and iam.tf.json the second.
    expect(result.findings.map((f) => [f.ruleId, f.location.file, f.location.startLine, f.location.startColumn, f.message])).toEqual([
      ['missing-instance-profile', 'infra/compute.tf.json', ...at('"web": {', '{'), expect.stringContaining('aws_instance.web')],
      ['imdsv1-allowed', 'infra/compute.tf.json', ...at('"http_tokens"', '"optional"'), expect.stringContaining('aws_instance.web')],
      ['parse-error', 'infra/iam.tf.json', 4, 14, 'aws_iam_role.app is defined twice, in compute.tf.json and iam.tf.json; Terraform rejects duplicate resource blocks'],
    ]);
  });

  it('does not report a resource that an override file redefines', () => {
    const base = load('ovr/main.tf.json', JSON.stringify({ resource: { aws_iam_user: { ci: { name: 'ci' } } } }));
    const over = load('ovr/main_override.tf.json', JSON.stringify({ resource: { aws_iam_user: { ci: { name: 'ci-bot' } } } }));
    const m = adaptTerraformConfig([over, base]);
    expect(m.problems).toEqual([]);
    expect(m.users.map((u) => [u.resource.id, u.resource.node.doc.file])).toEqual([['aws_iam_user.ci', 'ovr/main.tf.json']]);
  });

  it('keeps values reached through cyclic locals unknown', () => {
    const doc = load(
      'cycle/main.tf.json',
      JSON.stringify({
        locals: { a: '${local.b}', b: '${local.a}', many: '${local.a}-${local.a}-${local.many}' },
        output: { o: { value: '${local.many}' } },
        resource: { aws_instance: { x: { ami: 'ami-0abcdef1234567890', iam_instance_profile: '${local.a}' } } },
      }),
    );
    const m = adaptTerraformConfig([doc]);
    const x = launcher(m, 'aws_instance.x');
    expect(x.instanceProfile[0]?.state).toBe('unknown');
    expect(x.instanceProfileLinks).toEqual([]);
    expect(m.outputs[0]?.references).toEqual([]);
  });

  it('treats dynamic blocks as unknown and escaped $${ as literal text', () => {
    const doc = load(
      'dyn/main.tf.json',
      JSON.stringify({
        resource: {
          aws_launch_template: {
            lt: {
              user_data: 'echo $${HOME}',
              dynamic: { metadata_options: { for_each: '${var.md}', content: { http_tokens: '${metadata_options.value}' } } },
            },
          },
        },
      }),
    );
    const m = adaptTerraformConfig([doc]);
    const lt = launcher(m, 'aws_launch_template.lt');
    expect(lt.metadata.block[0]?.state).toBe('unknown');
    expect(lt.metadata.httpTokens[0]?.state).toBe('unknown');
    expect(shape(lt.userData)).toEqual([{ known: 'echo ${HOME}', at: '/resource/aws_launch_template/lt/user_data' }]);
  });
});

describe('adaptTerraformConfig: launchers, fleets and attachments', () => {
  const m = adaptTerraformConfig([load(`${DIR}/fleet/main.tf.json`)]);
  const batchProfile = m.instanceProfiles.find((p) => p.resource.id === 'aws_iam_instance_profile.batch')!;

  it('maps every EC2 launcher type to its kind', () => {
    expect(m.launchers.map((l) => [l.resource.id, l.kind])).toEqual([
      ['aws_launch_configuration.batch', 'launch-configuration'],
      ['aws_autoscaling_group.batch', 'auto-scaling-group'],
      ['aws_autoscaling_group.external', 'auto-scaling-group'],
      ['aws_spot_instance_request.cheap', 'spot-instance-request'],
      ['aws_spot_fleet_request.workers', 'spot-fleet'],
      ['aws_ec2_fleet.mixed', 'ec2-fleet'],
    ]);
  });

  it('reads a launch configuration and follows an auto scaling group to it', () => {
    const lc = launcher(m, 'aws_launch_configuration.batch');
    expect(shape(lc.metadata.httpTokens)).toEqual([{ known: 'optional', at: '/resource/aws_launch_configuration/batch/metadata_options/http_tokens' }]);
    expect(lc.instanceProfileLinks.map((l) => l.target)).toEqual([batchProfile]);
    expect(shape(lc.userData)).toEqual([{ known: 'IyEvYmluL2Jhc2gKZWNobyBiYXRjaAo=', at: '/resource/aws_launch_configuration/batch/user_data_base64' }]);
    const image = m.images.find((i) => i.resource.id === 'aws_ami.golden')!;
    expect(lc.imageLinks.map((l) => l.target)).toEqual([image]);
    expect(shape(image.imdsSupport)).toEqual([{ known: 'v2.0', at: '/resource/aws_ami/golden/imds_support' }]);
    const asg = launcher(m, 'aws_autoscaling_group.batch');
    expect(asg.templates.map((t) => [t.targetId, t.target])).toEqual([['aws_launch_configuration.batch', lc]]);
    expect(asg.templatesUnknown).toBe(false);
  });

  it('says when a template reference cannot be followed', () => {
    const external = launcher(m, 'aws_autoscaling_group.external');
    expect(external.templates.map((t) => [t.literal, t.target])).toEqual([['lt-0123456789abcdef0', undefined]]);
    expect(external.templatesUnknown).toBe(true);
    const fleet = launcher(m, 'aws_ec2_fleet.mixed');
    expect(fleet.templates.map((t) => [t.targetId, t.targetResource])).toEqual([['aws_launch_template.missing', undefined]]);
    expect(fleet.templatesUnknown).toBe(true);
  });

  it('reads spot requests and every launch specification of a spot fleet', () => {
    const spot = launcher(m, 'aws_spot_instance_request.cheap');
    expect(spot.instanceProfileLinks.map((l) => [l.literal, l.target])).toEqual([['batch-profile', batchProfile]]);
    expect(shape(spot.metadata.httpTokens)).toEqual([{ known: 'required', at: '/resource/aws_spot_instance_request/cheap/metadata_options/http_tokens' }]);
    const fleet = launcher(m, 'aws_spot_fleet_request.workers');
    expect(shape(fleet.instanceProfile)).toEqual([
      { unknown: '${aws_iam_instance_profile.batch.arn}', at: '/resource/aws_spot_fleet_request/workers/launch_specification/0/iam_instance_profile_arn' },
    ]);
    expect(fleet.instanceProfileLinks.map((l) => [l.attribute, l.target])).toEqual([['arn', batchProfile]]);
    expect(shape(fleet.imageId).map((v) => (v as { known: string }).known)).toEqual(['ami-0abcdef1234567890', 'ami-0abcdef1234567890']);
  });

  it('reads metadata defaults, literal role names of profiles, and profiles without a role', () => {
    expect(shape(m.metadataDefaults[0]!.httpTokens)).toEqual([{ known: 'required', at: '/resource/aws_ec2_instance_metadata_defaults/account/http_tokens' }]);
    const r = role(m, 'aws_iam_role.batch');
    expect(batchProfile.roles.map((l) => [l.literal, l.target])).toEqual([['batch', r]]);
    expect(r.instanceProfiles).toEqual([batchProfile]);
    const empty = m.instanceProfiles.find((p) => p.resource.id === 'aws_iam_instance_profile.empty')!;
    expect(shape(empty.rolesProp)).toEqual([{ absent: '/resource/aws_iam_instance_profile/empty/role' }]);
    expect(empty.roles).toEqual([]);
  });

  it('attaches policies to roles and groups through list attachments, once each', () => {
    const audit = policy(m, 'managed policy aws_iam_policy.audit');
    const r = role(m, 'aws_iam_role.batch');
    const ops = m.groups.find((g) => g.resource.id === 'aws_iam_group.ops')!;
    expect(r.attachedPolicies).toEqual([audit]);
    expect(ops.attachedPolicies).toEqual([audit]);
    expect(audit.attachedTo).toEqual([r, ops]);
    expect(shape(r.managedPolicyArns)).toEqual([
      { unknown: '${aws_iam_policy.audit.arn}', at: '/resource/aws_iam_policy_attachment/audit/policy_arn' },
      { known: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', at: '/resource/aws_iam_role_policy_attachments_exclusive/batch/policy_arns/0' },
      { unknown: '${aws_iam_policy.audit.arn}', at: '/resource/aws_iam_role_policy_attachments_exclusive/batch/policy_arns/1' },
    ]);
    const groupPolicy = policy(m, 'inline policy aws_iam_group_policy.ops of group aws_iam_group.ops');
    expect(ops.inlinePolicies).toEqual([groupPolicy]);
    expect(groupPolicy.attachedTo).toEqual([ops]);
  });

  it('reads resource policies such as a KMS key policy', () => {
    const key = policy(m, 'resource policy of aws_kms_key.data');
    expect(key.kind).toBe('resource');
    expect(key.statements[0]?.principal?.entries.map((e) => e.type)).toEqual(['AWS']);
    expect(role(m, 'aws_iam_role.batch').trustPolicy?.statements[0]?.principal?.entries[0]?.type).toBe('Service');
  });
});

describe('policy ARNs matched by name', () => {
  const doc = (text: string) => {
    const o = loadText(text, 'iam.tf.json');
    if (o.status !== 'loaded') throw new Error('did not load');
    return o.doc;
  };
  const module = (policyArn: string) =>
    adaptTerraformConfig([
      doc(
        JSON.stringify({
          resource: {
            aws_iam_role: { app: { name: 'app', assume_role_policy: '{"Statement":[]}' } },
            aws_iam_policy: { ro: { name: 'ReadOnlyAccess', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } },
            aws_iam_role_policy_attachment: { app: { role: '${aws_iam_role.app.name}', policy_arn: policyArn } },
          },
        }),
      ),
    ]);

  it('does not take an AWS-managed policy ARN for a customer policy of the same name', () => {
    expect(role(module('arn:aws:iam::aws:policy/ReadOnlyAccess'), 'aws_iam_role.app').attachedPolicies).toEqual([]);
  });

  it('links a customer policy ARN of the account to the policy of that name', () => {
    const attached = role(module('arn:aws:iam::123456789012:policy/ReadOnlyAccess'), 'aws_iam_role.app').attachedPolicies;
    expect(attached.map((p) => p.owner?.id)).toEqual(['aws_iam_policy.ro']);
  });
});
