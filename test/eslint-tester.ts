import * as vitest from 'vitest';
import * as espree from 'espree';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { MessageId } from '../eslint-plugin.js';
import { rules } from '../eslint-plugin.js';

export type Options = [Record<string, unknown>];
export type Valid = ValidTestCase<Options>;
export type Invalid = InvalidTestCase<MessageId, Options>;

// typescript-eslint's RuleTester needs the test framework's hooks before the first instance. Set here,
// not in a global setup file, so the other test files do not load the TypeScript parser.
RuleTester.afterAll = vitest.afterAll;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.describe = vitest.describe;

/** typescript-eslint's parser on `file.ts` unless a case says otherwise. */
export const tester = new RuleTester();

export function rule(id: string) {
  const r = rules[id];
  if (!r) throw new Error(`no ESLint rule ${id}`);
  return r;
}

/**
 * Where `needle` (the `nth` occurrence) is in `code`, as ESLint reports it: 1-based lines and columns,
 * exclusive end. `'hopLimit: «2»'` finds the context and points at the part between « and ».
 */
export function locate(code: string, needle: string, nth = 0): { line: number; column: number; endLine: number; endColumn: number } {
  const marked = /^(.*)«(.*)»(.*)$/s.exec(needle);
  const context = marked ? marked[1]! + marked[2]! + marked[3]! : needle;
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = code.indexOf(context, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} (#${nth}) is not in the code`);
  }
  if (marked) {
    index += marked[1]!.length;
    needle = marked[2]!;
  }
  const pos = (i: number) => {
    const before = code.slice(0, i).split('\n');
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  const start = pos(index);
  const end = pos(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** One expected finding: its iamlint severity (the message id) and the exact text it points at. */
export type Expect = [MessageId, string] | [MessageId, string, number] | [MessageId, string, number, string];

function errors(code: string, expected: Expect[]) {
  return expected.map(([messageId, needle, nth, message]) => ({
    messageId,
    ...locate(code, needle, nth ?? 0),
    ...(message !== undefined ? { data: { message } } : {}),
  }));
}

const JS = { filename: 'stack.js', languageOptions: { parser: espree } };

/** The test name: the code without its import lines, on one line. */
function nameOf(code: string, js = false): string {
  const body = code
    .split('\n')
    .filter((l) => !/^import |^const \w+ = require\(|^const \{[^}]*\} = require\(/.test(l))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${js ? '[js] ' : ''}${body || code.replace(/\s+/g, ' ')}`;
}

export const ok = (code: string, options?: Record<string, unknown>): Valid => ({ name: nameOf(code), code, ...(options ? { options: [options] } : {}) });
export const okJs = (code: string, options?: Record<string, unknown>): Valid => ({ ...ok(code, options), name: nameOf(code, true), ...JS });
export const bad = (code: string, ...expected: Expect[]): Invalid => ({ name: nameOf(code), code, errors: errors(code, expected) });
export const badJs = (code: string, ...expected: Expect[]): Invalid => ({ name: nameOf(code, true), code, errors: errors(code, expected), ...JS });
export const badWith = (options: Record<string, unknown>, code: string, ...expected: Expect[]): Invalid => ({
  name: `${nameOf(code)} ${JSON.stringify(options)}`,
  code,
  options: [options],
  errors: errors(code, expected),
});

export const CDK_EC2 = `import * as ec2 from 'aws-cdk-lib/aws-ec2';\n`;
export const CDK_IAM = `import * as iam from 'aws-cdk-lib/aws-iam';\n`;
export const CDK = `import { Duration, Aspects, CfnOutput, aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';\n`;
export const PULUMI = `import * as aws from '@pulumi/aws';\n`;
export const PULUMI_JS = `const aws = require('@pulumi/aws');\n`;
export const SDK_EC2 = `import { EC2Client, RunInstancesCommand, CreateLaunchTemplateCommand, ModifyInstanceMetadataOptionsCommand, ModifyInstanceMetadataDefaultsCommand } from '@aws-sdk/client-ec2';\n`;
export const SDK_IAM = `import { IAMClient, CreateRoleCommand, UpdateRoleCommand, PutRolePolicyCommand, CreatePolicyCommand, AttachRolePolicyCommand, CreateAccessKeyCommand, CreateUserCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';\n`;
