import type { InputFormat, Json } from '../model/source.js';

export type Syntax = 'json' | 'yaml';

export type Detection = { format: InputFormat } | { skip: string };

/** File names whose extension says what they hold. `.tfplan.json` and the like are plain `.json`. */
export function extensionSyntax(file: string): Syntax | 'template' | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.template')) return 'template';
  return undefined;
}

export function isTerraformJsonName(file: string): boolean {
  return file.toLowerCase().endsWith('.tf.json');
}

const TERRAFORM_BLOCKS = new Set([
  'resource',
  'data',
  'provider',
  'terraform',
  'variable',
  'output',
  'module',
  'locals',
  'moved',
  'import',
  'check',
  'removed',
]);

const NOT_OURS =
  'not a CloudFormation template, Terraform JSON configuration, Terraform plan or state, or IAM policy document';

/** What a parsed file is, by content (and the `.tf.json` name). */
export function detectFormat(root: Json, file: string, syntax: Syntax): Detection {
  if (isTerraformJsonName(file)) return syntax === 'json' ? { format: 'terraform-json' } : { skip: NOT_OURS };
  if (!isObject(root)) return { skip: `${NOT_OURS} (its top level is ${describe(root)})` };

  if (typeof root.format_version === 'string') {
    if ('planned_values' in root || 'resource_changes' in root || 'prior_state' in root) return { format: 'terraform-plan' };
    if ('values' in root || typeof root.terraform_version === 'string') return { format: 'terraform-state' };
  }
  if (isCloudFormation(root)) return { format: syntax === 'json' ? 'cloudformation-json' : 'cloudformation-yaml' };
  if (syntax === 'json' && isTerraformConfig(root)) return { format: 'terraform-json' };
  if (isPolicy(root)) return { format: 'iam-policy' };
  return { skip: NOT_OURS };
}

function isCloudFormation(root: { [key: string]: Json }): boolean {
  if ('AWSTemplateFormatVersion' in root) return true;
  if (hasServerlessTransform(root.Transform)) return true;
  const resources = root.Resources;
  const entries = isObject(resources) ? Object.values(resources) : Array.isArray(resources) ? resources : [];
  return entries.some((r) => isObject(r) && typeof r.Type === 'string' && /^(AWS|Custom|Alexa)::/.test(r.Type));
}

function hasServerlessTransform(transform: Json | undefined): boolean {
  if (typeof transform === 'string') return transform.startsWith('AWS::Serverless');
  if (Array.isArray(transform)) return transform.some((t) => typeof t === 'string' && t.startsWith('AWS::Serverless'));
  return false;
}

function isTerraformConfig(root: { [key: string]: Json }): boolean {
  const keys = Object.keys(root).filter((k) => k !== '//');
  return keys.length > 0 && keys.every((k) => TERRAFORM_BLOCKS.has(k)) && keys.some((k) => typeof root[k] === 'object' && root[k] !== null);
}

/**
 * A policy document (`Statement`), or one of the wrappers the AWS CLI prints: `{"PolicyDocument": …}`
 * (`get-role-policy`, possibly URL-encoded), `{"Policy": {"PolicyDocument": …}}`,
 * `{"PolicyVersion": {"Document": …}}` (`get-policy-version`), `{"Policy": "<json>"}` (`get-bucket-policy`),
 * `{"Role": {"AssumeRolePolicyDocument": …}}` (`get-role`), `{"Attributes": {"Policy": …}}` (SQS).
 */
function isPolicy(root: { [key: string]: Json }): boolean {
  if ('Statement' in root) return true;
  if (isPolicyDocumentValue(root.PolicyDocument)) return true;
  const policy = root.Policy;
  if (isObject(policy) && isPolicyDocumentValue(policy.PolicyDocument)) return true;
  if (isPolicyDocumentValue(policy)) return true; // get-bucket-policy: {"Policy": "<json>"}
  const version = root.PolicyVersion;
  if (isObject(version) && isPolicyDocumentValue(version.Document)) return true;
  const role = root.Role; // get-role
  if (isObject(role) && isPolicyDocumentValue(role.AssumeRolePolicyDocument)) return true;
  const attributes = root.Attributes; // sqs get-queue-attributes
  if (isObject(attributes) && isPolicyDocumentValue(attributes.Policy)) return true;
  return false;
}

function isPolicyDocumentValue(v: Json | undefined): boolean {
  if (isObject(v)) return 'Statement' in v;
  if (typeof v !== 'string') return false;
  const text = /^\s*%7B/i.test(v) ? safeDecodeURIComponent(v) : v;
  return text !== undefined && /^\s*\{/.test(text) && text.includes('"Statement"');
}

/** URL-decoding as RFC 3986 has it (IAM's encoding): `+` stays a plus. */
export function safeDecodeURIComponent(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/**
 * For a file that failed to parse: does its text look like one of our formats? Then the failure is a
 * parse error worth reporting; otherwise (editor settings with comments, Helm templates, …) the file
 * is skipped like any other file that is not ours.
 */
export function guessFormat(text: string, file: string, syntax: Syntax): InputFormat | undefined {
  if (isTerraformJsonName(file)) return 'terraform-json';
  const head = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  if (/AWSTemplateFormatVersion|\bAWS::[A-Za-z0-9]+::|\bCustom::|AWS::Serverless/.test(head)) {
    return syntax === 'json' ? 'cloudformation-json' : 'cloudformation-yaml';
  }
  if (/"format_version"\s*:/.test(head) && /"(planned_values|resource_changes|values)"\s*:/.test(head)) return 'terraform-plan';
  if (/["']?\b(Statement|PolicyDocument)\b["']?\s*:/.test(head)) return 'iam-policy';
  return undefined;
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: Json): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'empty';
  return `a ${typeof v}`;
}
