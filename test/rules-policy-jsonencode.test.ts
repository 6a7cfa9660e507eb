/**
 * The policy rules over `"policy": "${jsonencode({ … })}"` in .tf.json modules, scanned through the engine
 * the way the CLI scans a folder: each finding's rule id, resource, severity and exact region inside the
 * jsonencode text, computed from the file text rather than written down as numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScanOptions } from '../src/engine/defaults.js';
import { scan } from '../src/engine/scan.js';
import type { Finding } from '../src/findings.js';

const root = join(import.meta.dirname, '..');
const TF = 'fixtures/terraform';
const twin = (rule: string, kind: 'bad' | 'good') => `${TF}/${rule}/${kind}-jsonencode/main.tf.json`;

interface Spot {
  /** Text that occurs once in the file, at or before the node. */
  after: string;
  /** The node's text, found from `after` on: the whole string literal (with its escaped quotes) or array. */
  at: string;
  /** When `at` is only the start of the node: the text the node ends with. */
  end?: string;
}

interface Want extends Spot {
  resource: string;
  severity: Finding['severity'];
  propertyPath: string;
  says: string[];
  related?: (Spot & { message: string })[];
}

/** The region of a spot, from the file text alone. */
function regionOf(file: string, s: Spot) {
  const text = readFileSync(join(root, file), 'utf8');
  const from = text.indexOf(s.after);
  if (from < 0 || text.indexOf(s.after, from + 1) >= 0) throw new Error(`${s.after} must occur exactly once in ${file}`);
  const start = text.indexOf(s.at, from);
  if (start < 0) throw new Error(`${s.at} does not follow ${s.after} in ${file}`);
  const stop = s.end === undefined ? start + s.at.length : text.indexOf(s.end, start) + s.end.length;
  const pos = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  };
  const a = pos(start);
  const b = pos(stop);
  return { file, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

const BAD: Record<string, Want[]> = {
  'wildcard-action': [
    {
      after: 'Sid      = \\"OrdersTable\\"',
      at: '\\"*\\"',
      resource: 'aws_iam_role_policy.orders_table',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action',
      says: ['inline policy aws_iam_role_policy.orders_table of role aws_iam_role.orders', 'every action of every service ("*")'],
    },
    {
      after: '\\"s3:*\\"',
      at: '\\"s3:*\\"',
      resource: 'aws_iam_policy.exports',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/Action/0',
      says: ['managed policy aws_iam_policy.exports', 'every s3 action'],
    },
  ],
  'admin-access': [
    {
      after: 'Action   = \\"*\\"',
      at: '\\"*\\"',
      resource: 'aws_iam_policy.break_glass',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action',
      says: ['managed policy aws_iam_policy.break_glass', 'administrator access'],
      related: [{ after: 'Resource = \\"*\\"', at: '\\"*\\"', message: 'Resource "*" covers every resource' }],
    },
    {
      after: 'Action = [\\"*\\"]',
      at: '\\"*\\"',
      resource: 'aws_iam_role_policy.ci_everything',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action/0',
      says: ['inline policy aws_iam_role_policy.ci_everything of role aws_iam_role.ci'],
      related: [{ after: 'Resource = [\\"*\\"]', at: '\\"*\\"', message: 'Resource "*" covers every resource' }],
    },
  ],
  'wildcard-resource': [
    {
      after: 'Sid      = \\"Queue\\"',
      at: '\\"*\\"',
      resource: 'aws_iam_role_policy.queue',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/Resource',
      says: ['(sqs:DeleteMessage) on Resource "*"'],
    },
    {
      // aws:ResourceAccount narrows the statement to one account: a note, not a warning.
      after: 'Sid      = \\"OwnAccountObjects\\"',
      at: '\\"*\\"',
      resource: 'aws_iam_policy.uploads',
      severity: 'note',
      propertyPath: '/policy#/Statement/0/Resource',
      says: ['(s3:PutObject)', 'narrowed only by a condition'],
    },
  ],
  'allow-not-action': [
    {
      after: 'NotAction = [',
      at: '[\\"iam:*\\", \\"organizations:*\\"]',
      resource: 'aws_iam_group_policy.developers',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/NotAction',
      says: ['of group aws_iam_group.developers', 'every action not listed in NotAction'],
    },
    {
      after: 'NotResource = ',
      at: '\\"${aws_s3_bucket.reports.arn}/payroll/*\\"',
      resource: 'aws_iam_policy.readers',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/NotResource',
      says: ['every resource not listed in NotResource'],
    },
  ],
  'passrole-wildcard': [
    {
      after: 'Sid      = \\"PassAnyRole\\"',
      at: '\\"iam:PassRole\\"',
      resource: 'aws_iam_policy.launcher',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action',
      says: ['launch an instance, function or stack with any role', 'iam:PassedToService'],
      related: [{ after: 'Sid      = \\"PassAnyRole\\"', at: '\\"*\\"', message: '"*" covers every role' }],
    },
    {
      after: '\\"iam:Pass*\\"',
      at: '\\"iam:Pass*\\"',
      resource: 'aws_iam_role_policy.deployer',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action/0',
      says: ['through "iam:Pass*"', 'of role aws_iam_role.deployer'],
      related: [
        { after: '\\"iam:Pass*\\"', at: '\\"arn:aws:iam::111122223333:role/*\\"', message: '"arn:aws:iam::111122223333:role/*" covers every role' },
      ],
    },
  ],
  'privilege-escalation': [
    {
      // The two inline policies of one role make the path together: reported on the role.
      after: 'Sid      = \\"Functions\\"',
      at: '\\"lambda:CreateFunction\\"',
      resource: 'aws_iam_role.build',
      severity: 'error',
      // relative to the role, so it names the aws_iam_role_policy that holds the node
      propertyPath: '/resource/aws_iam_role_policy/launch/policy#/Statement/0/Action/0',
      says: ['role aws_iam_role.build (build) gets from its policies combined', 'lambda:CreateFunction + lambda:InvokeFunction + iam:PassRole'],
      related: [
        {
          after: 'Sid      = \\"Functions\\"',
          at: '\\"lambda:InvokeFunction\\"',
          message: 'lambda:InvokeFunction is granted by statement 1 (Sid "Functions") of inline policy aws_iam_role_policy.launch of role aws_iam_role.build',
        },
        {
          after: 'Sid      = \\"PassRoles\\"',
          at: '\\"iam:PassRole\\"',
          message: 'iam:PassRole is granted by statement 1 (Sid "PassRoles") of inline policy aws_iam_role_policy.pass of role aws_iam_role.build',
        },
      ],
    },
    {
      after: 'Sid      = \\"ResetUsers\\"',
      at: '\\"iam:CreateAccessKey\\"',
      resource: 'aws_iam_user_policy.helpdesk',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Action/0',
      says: ['of user aws_iam_user.helpdesk', 'create access keys for other users'],
    },
  ],
  'trust-wildcard-principal': [
    {
      after: 'Principal = { AWS = ',
      at: '\\"*\\"',
      resource: 'aws_iam_role.shared',
      severity: 'error',
      propertyPath: '/assume_role_policy#/Statement/0/Principal/AWS',
      says: ['trust policy of role aws_iam_role.shared', 'Principal {"AWS": "*"}'],
    },
    {
      after: 'Principal = \\"*\\"',
      at: '\\"*\\"',
      resource: 'aws_s3_bucket_policy.site',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Principal',
      says: ['resource policy of aws_s3_bucket_policy.site', 'anyone to call s3:GetObject'],
    },
  ],
  'cross-account-trust': [
    {
      after: 'AWS = \\"arn:aws:iam::444455556666:root',
      at: '\\"arn:aws:iam::444455556666:root\\"',
      resource: 'aws_iam_role.vendor',
      severity: 'note',
      propertyPath: '/assume_role_policy#/Statement/0/Principal/AWS',
      says: ['every principal of account 444455556666', 'sts:ExternalId'],
    },
    {
      after: '[\\"555566667777\\"]',
      at: '\\"555566667777\\"',
      resource: 'aws_iam_role.auditor',
      severity: 'note',
      propertyPath: '/assume_role_policy#/Statement/0/Principal/AWS/0',
      says: ['every principal of account 555566667777'],
    },
  ],
  'unknown-action': [
    {
      after: '\\"s3:GetObjects\\"',
      at: '\\"s3:GetObjects\\"',
      resource: 'aws_iam_role_policy.app',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/Action/0',
      says: ['did you mean "s3:GetObject"?'],
    },
    {
      after: '\\"logs:PutLogEvent\\"',
      at: '\\"logs:PutLogEvent\\"',
      resource: 'aws_iam_role_policy.app',
      severity: 'warning',
      propertyPath: '/policy#/Statement/1/Action/1',
      says: ['statement 2 (Sid "Logs")', 'did you mean "logs:PutLogEvents"?'],
    },
    {
      after: '\\"ec2:DescribeInstance\\"',
      at: '\\"ec2:DescribeInstance\\"',
      resource: 'aws_iam_policy.inventory',
      severity: 'warning',
      propertyPath: '/policy#/Statement/0/Action',
      says: ['did you mean "ec2:DescribeInstances"?'],
    },
  ],
  'policy-syntax': [
    {
      after: 'Effect   = \\"allow\\"',
      at: '\\"allow\\"',
      resource: 'aws_iam_policy.app',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Effect',
      says: ['Effect "allow"', 'write "Allow"'],
    },
    {
      after: 'Resource = \\"acme-app/*\\"',
      at: '\\"acme-app/*\\"',
      resource: 'aws_iam_policy.app',
      severity: 'error',
      propertyPath: '/policy#/Statement/0/Resource',
      says: ['Resource "acme-app/*"', 'is not an ARN'],
    },
    {
      // The Sid of the second statement, the first Sid after statement 1's Effect.
      after: 'Effect   = \\"allow\\"',
      at: '\\"Objects\\"',
      resource: 'aws_iam_policy.app',
      severity: 'error',
      propertyPath: '/policy#/Statement/1/Sid',
      says: ['statement 2 (Sid "Objects")', 'repeats the Sid "Objects"'],
      related: [{ after: 'Statement = [\\n      {\\n        Sid      = ', at: '\\"Objects\\"', message: 'Sid "Objects" first used here' }],
    },
    {
      // No Version: reported at the encoded object itself, from its brace to its closing brace.
      after: '"assume_role_policy": "${jsonencode(',
      at: '{\\n    Statement',
      end: '}]\\n  }',
      resource: 'aws_iam_role.app',
      severity: 'warning',
      propertyPath: '/assume_role_policy#',
      says: ['trust policy of role aws_iam_role.app has no Version', 'version 2008-10-17'],
    },
  ],
};

const POLICY_RULES = Object.keys(BAD).sort();

describe('policy rules over jsonencode() policies in .tf.json modules', async () => {
  const dirs = POLICY_RULES.flatMap((r) => [`${TF}/${r}/bad-jsonencode`, `${TF}/${r}/good-jsonencode`]);
  const result = await scan(defaultScanOptions({ paths: dirs, cwd: root }));
  const byFile = (file: string) => result.findings.filter((f) => f.location.file === file);

  it('has a bad and a good jsonencode twin for every policy rule, each read as Terraform JSON', () => {
    expect(POLICY_RULES).toHaveLength(10);
    for (const rule of POLICY_RULES) {
      for (const kind of ['bad', 'good'] as const) {
        const file = twin(rule, kind);
        expect(existsSync(join(root, file)), file).toBe(true);
        expect(readFileSync(join(root, file), 'utf8')).toContain('${jsonencode({');
        expect(result.files.find((f) => f.file === file)).toMatchObject({ status: 'scanned', format: 'terraform-json' });
      }
    }
  });

  it.each(POLICY_RULES)('%s: the bad twin is reported at the exact node inside the jsonencode text', (rule) => {
    const file = twin(rule, 'bad');
    const wants = BAD[rule]!;
    const got = byFile(file).filter((f) => f.ruleId === rule);
    expect(got.map((f) => ({ ruleId: f.ruleId, resource: f.resource?.id, severity: f.severity, location: f.location, propertyPath: f.propertyPath }))).toEqual(
      wants.map((w) => ({ ruleId: rule, resource: w.resource, severity: w.severity, location: regionOf(file, w), propertyPath: w.propertyPath })),
    );
    got.forEach((f, i) => {
      const w = wants[i]!;
      expect(f.message).toContain(w.resource);
      for (const words of w.says) expect(f.message).toContain(words);
      if (w.related) {
        expect(f.related.map((r) => ({ line: r.location.startLine, column: r.location.startColumn, message: r.message }))).toEqual(
          w.related.map((r) => {
            const at = regionOf(file, r);
            return { line: at.startLine, column: at.startColumn, message: r.message };
          }),
        );
      }
    });
  });

  it.each(POLICY_RULES)('%s: the good twin has no finding from any rule', (rule) => {
    expect(byFile(twin(rule, 'good')).map((f) => `${f.ruleId} ${f.location.startLine}:${f.location.startColumn} ${f.message}`)).toEqual([]);
  });
});
