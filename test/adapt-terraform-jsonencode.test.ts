import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptTerraformConfig } from '../src/adapt/terraform-config.js';
import { defaultScanOptions } from '../src/engine/defaults.js';
import { scan } from '../src/engine/scan.js';
import { LoadedDocument } from '../src/load/document.js';
import { loadText } from '../src/load/index.js';
import type { Model, PolicyDocument } from '../src/model/model.js';
import type { Node } from '../src/model/node.js';
import type { Region } from '../src/model/source.js';
import type { Value } from '../src/model/value.js';

const repoRoot = join(import.meta.dirname, '..');
const DIR = 'fixtures/terraform/adapter/jsonencode';
const FILE = `${DIR}/main.tf.json`;
const source = readFileSync(join(repoRoot, FILE), 'utf8');

function model(): Model {
  const out = loadText(source, FILE);
  if (out.status !== 'loaded') throw new Error(`${FILE}: ${out.status}`);
  return adaptTerraformConfig([out.doc]);
}

function policy(m: Model, label: string): PolicyDocument {
  const p = m.policies.find((x) => x.label === label);
  if (!p) throw new Error(`no policy "${label}" in ${m.policies.map((x) => x.label).join(', ')}`);
  return p;
}

function shape(values: readonly Value[]): unknown[] {
  return values.map((v) =>
    v.state === 'known' ? { known: v.value, at: v.node.pointer() } : v.state === 'unknown' ? { unknown: v.partial ?? v.reason, at: v.node.pointer() } : { absent: v.node.pointer() },
  );
}

/** The region of `literal` in the file, found after `context` on the given line: an oracle independent of the loaders. */
function regionIn(line: number, context: string, literal: string): Region {
  const text = source.split('\n')[line - 1]!;
  const at = text.indexOf(context);
  expect(at).toBeGreaterThanOrEqual(0);
  const col = text.indexOf(literal, at + context.length) + 1;
  expect(col).toBeGreaterThan(0);
  return { startLine: line, startColumn: col, endLine: line, endColumn: col + literal.length };
}

const located = (n: Node) => n.doc.locate(n.path);

describe('adaptTerraformConfig: jsonencode() policies in .tf.json', () => {
  const m = model();

  it('reads a multi-line jsonencode policy of aws_iam_policy into statements', () => {
    const p = policy(m, 'managed policy aws_iam_policy.reports');
    expect(p.unreadable).toBeUndefined();
    expect(p.kind).toBe('identity');
    expect(p.node.doc.embeddedIn?.path).toEqual(['resource', 'aws_iam_policy', 'reports', 'policy']);
    expect(shape(p.version)).toEqual([{ known: '2012-10-17', at: '/Version' }]);
    expect(p.statements).toHaveLength(2);
    const [read, list] = p.statements;
    expect(shape(read!.sid)).toEqual([{ known: 'ReadReports', at: '/Statement/0/Sid' }]);
    expect(shape(read!.effect)).toEqual([{ known: 'Allow', at: '/Statement/0/Effect' }]);
    expect(shape(read!.action!.values)).toEqual([{ known: '*', at: '/Statement/0/Action' }]);
    expect(shape(list!.action!.values)).toEqual([{ known: 's3:ListBucket', at: '/Statement/1/Action/0' }]);
  });

  it('keeps resources built from references unknown, with the template as partial text', () => {
    const [read, list] = policy(m, 'managed policy aws_iam_policy.reports').statements;
    const [objects] = read!.resource!.values;
    expect(objects).toMatchObject({ state: 'unknown', partial: '${aws_s3_bucket.b.arn}/*' });
    expect(objects?.state === 'unknown' && objects.reason).toMatch(/^Terraform expression \$\{aws_s3_bucket\.b\.arn\}\/\* is evaluated only when Terraform runs/);
    const [bucket] = list!.resource!.values;
    expect(bucket).toMatchObject({ state: 'unknown', partial: '${aws_s3_bucket.b.arn}' });
  });

  it('reads the Condition block', () => {
    const [read] = policy(m, 'managed policy aws_iam_policy.reports').statements;
    expect(read!.conditionsUnknown).toBe(false);
    expect(read!.conditions.map((c) => [c.operator, c.key, shape(c.values)])).toEqual([
      ['Bool', 'aws:SecureTransport', [{ known: 'true', at: '/Statement/0/Condition/Bool/aws:SecureTransport' }]],
    ]);
  });

  it('positions every node exactly inside the jsonencode text of the .tf.json file', () => {
    const [read, list] = policy(m, 'managed policy aws_iam_policy.reports').statements;
    expect(located(read!.action!.node)).toEqual(regionIn(37, 'Action   = ', '\\"*\\"'));
    expect(located(read!.action!.node)).toEqual({ startLine: 37, startColumn: 179, endLine: 37, endColumn: 184 });
    expect(located(read!.resource!.node)).toEqual(regionIn(37, 'Resource = ', '\\"${aws_s3_bucket.b.arn}/*\\"'));
    expect(located(list!.resource!.node)).toEqual(regionIn(37, 's3:ListBucket', 'aws_s3_bucket.b.arn'));
    expect(located(list!.action!.values[0]!.node)).toEqual(regionIn(37, 'Action   = [', '\\"s3:ListBucket\\"'));
    // an absent element: the statement object, from its opening brace to its closing one
    const stmt = located(list!.node.child('NotAction'));
    const line = source.split('\n')[36]!;
    const open = line.indexOf('{', line.indexOf('},\\n') + 1);
    expect(stmt).toEqual({ startLine: 37, startColumn: open + 1, endLine: 37, endColumn: line.indexOf('},\\n    ]') + 2 });
    // an absent member of an object member: that member's key
    expect(located(read!.conditionNode!.child('StringLike'))).toEqual(regionIn(37, '\\n        ', 'Condition'));
  });

  it('maps string values unit by unit to the file', () => {
    const [read] = policy(m, 'managed policy aws_iam_policy.reports').statements;
    const sid = read!.sid[0]!.node;
    expect(sid.doc).toBeInstanceOf(LoadedDocument);
    const span = (sid.doc as LoadedDocument).stringSpan(sid.path);
    expect(span?.value).toBe('ReadReports');
    const offsets = [...span!.offsets!];
    expect(offsets).toHaveLength('ReadReports'.length + 1);
    expect(offsets.slice(0, -1).map((o) => source[o]).join('')).toBe('ReadReports');
    expect(source.slice(offsets[offsets.length - 1]!, offsets[offsets.length - 1]! + 2)).toBe('\\"');
  });

  it('finds the owning resource of nodes inside the jsonencode text', () => {
    const p = policy(m, 'managed policy aws_iam_policy.reports');
    expect(m.resourceAt(p.statements[0]!.action!.node)?.id).toBe('aws_iam_policy.reports');
    const role = m.roles.find((r) => r.resource.id === 'aws_iam_role.app')!;
    expect(role.attachedPolicies).toContain(p);
    expect(p.attachedTo).toEqual([role]);
  });

  it('reads a jsonencode trust policy, a variable without a default staying unknown', () => {
    const role = m.roles.find((r) => r.resource.id === 'aws_iam_role.app')!;
    const trust = role.trustPolicy!;
    expect(trust.kind).toBe('trust');
    expect(trust.unreadable).toBeUndefined();
    const [s] = trust.statements;
    expect(shape(s!.action!.values)).toEqual([{ known: 'sts:AssumeRole', at: '/Statement/0/Action' }]);
    expect(s!.principal?.entries.map((e) => [e.type, shape(e.values)])).toEqual([
      ['Service', [{ known: 'ec2.amazonaws.com', at: '/Statement/0/Principal/Service' }]],
    ]);
    expect(s!.conditions.map((c) => [c.operator, c.key, shape(c.values)])).toEqual([
      ['StringEquals', 'aws:SourceAccount', [{ unknown: '${var.account_id}', at: '/Statement/0/Condition/StringEquals/aws:SourceAccount' }]],
    ]);
    expect(s!.conditions[0]!.values[0]).toMatchObject({ state: 'unknown', reason: 'Terraform variable var.account_id has no default' });
    expect(located(s!.principal!.entries[0]!.node)).toEqual(regionIn(27, 'Service = ', '\\"ec2.amazonaws.com\\"'));
    expect(m.resourceAt(s!.node)?.id).toBe('aws_iam_role.app');
  });

  it('splices in a local written as JSON, positioned at the reference', () => {
    const logs = policy(m, 'inline policy logs of role aws_iam_role.app');
    expect(logs.unreadable).toBeUndefined();
    const [s] = logs.statements;
    expect(shape(s!.action!.values).map((v) => (v as { known: string }).known)).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(shape(s!.resource!.values)).toEqual([{ known: 'arn:aws:logs:*:*:log-group:/app/*', at: '/Statement/0/Resource' }]);
    expect(located(s!.action!.node)).toEqual(regionIn(30, 'Statement = ', 'local.log_statements'));
  });

  it('reads the colon form of a resource policy, a reference in a condition staying unknown', () => {
    const queue = policy(m, 'resource policy of aws_sqs_queue.events');
    expect(queue.kind).toBe('resource');
    const [s] = queue.statements;
    expect(shape(s!.action!.values)).toEqual([{ known: 'sqs:SendMessage', at: '/Statement/0/Action' }]);
    expect(s!.conditions.map((c) => [c.operator, c.key, shape(c.values)])).toEqual([
      ['ArnEquals', 'aws:SourceArn', [{ unknown: '${aws_sns_topic.events.arn}', at: '/Statement/0/Condition/ArnEquals/aws:SourceArn' }]],
    ]);
  });

  it('reads jsonencode(local.x) as the local written as JSON, positioned in the locals block', () => {
    const topic = policy(m, 'resource policy of aws_sns_topic_policy.events');
    expect(topic.unreadable).toBeUndefined();
    expect(topic.node.pointer()).toBe('/locals/topic_policy');
    const [s] = topic.statements;
    expect(shape(s!.action!.values)).toEqual([{ known: 'sns:Publish', at: '/locals/topic_policy/Statement/0/Action' }]);
    expect(s!.resource!.values[0]).toMatchObject({ state: 'unknown', partial: '${aws_sns_topic.events.arn}' });
    expect(located(s!.action!.node)).toEqual(regionIn(13, '"Action": ', '"sns:Publish"'));
  });

  it('leaves a jsonencode of a computed value unreadable, saying why', () => {
    const merged = policy(m, 'inline policy aws_iam_role_policy.merged of role aws_iam_role.app');
    expect(merged.statements).toEqual([]);
    expect(merged.unreadable).toMatch(/^the policy document cannot be read: it is the Terraform expression jsonencode\(…\)/);
  });
});

describe('policy rules over jsonencode policies in .tf.json', async () => {
  const result = await scan(defaultScanOptions({ paths: [DIR], cwd: repoRoot }));
  const findings = result.findings.filter((f) => f.location.file === FILE);

  it('reports the wildcard action at the "*" inside the jsonencode text', () => {
    const hits = findings.filter((f) => f.ruleId === 'wildcard-action');
    expect(hits.map((f) => [f.resource?.id, f.location])).toEqual([
      ['aws_iam_policy.reports', { file: FILE, ...regionIn(37, 'Action   = ', '\\"*\\"') }],
    ]);
    expect(hits[0]!.location).toMatchObject({ startLine: 37, startColumn: 179 });
    expect(hits[0]!.message).toContain('aws_iam_policy.reports');
    expect(hits[0]!.propertyPath).toBe('/policy#/Statement/0/Action');
  });

  it('does not take the ${aws_s3_bucket.b.arn}/* resource, nor unknown values, for wildcards or syntax errors', () => {
    expect(findings.filter((f) => f.ruleId === 'wildcard-resource')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'admin-access')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'policy-syntax')).toEqual([]);
  });
});
