import type { CredentialHit, Model, Node, SecretEvidence } from '../src/rule-api.js';
import { defineRule, evidenceAround, findCredentials, hasBase64Run, placeKey, userDataTexts } from '../src/rule-api.js';

/** Cheap tests before the full scan: an id prefix, or a run of 40 base64 characters. */
const MAYBE_ID = /A(?:KIA|SIA|BIA|CCA)[A-Z2-7]{16}/;
const mayHoldCredentials = (text: string) => (text.length >= 20 && MAYBE_ID.test(text)) || hasBase64Run(text);

function where(model: Model, node: Node): string {
  const r = model.resourceAt(node);
  if (r) return `${r.id} (${r.type})`;
  return `The value at ${node.path.join('/') || 'the document root'}`;
}

function what(hit: CredentialHit): string {
  return hit.kind === 'access-key-id' ? `the AWS access key id ${hit.masked}` : `an AWS secret access key (${hit.masked})`;
}

export default defineRule({
  id: 'hardcoded-access-key',
  title: 'AWS access key written in the input',
  description: 'Finds AWS access key ids and secret access keys written literally anywhere: parameters, user data, cfn-init, environment variables, provider blocks, outputs.',
  docs: {
    why: [
      'A long-term access key in a template, a Terraform file or a plan is readable by everyone who can read the repository, its',
      'history, its CI logs, the deployed stack (parameters, user data and outputs are all visible in the console and API) and',
      'every copy of the state. Keys found in public repositories are abused within minutes. Temporary keys (`ASIA…`) leak the same',
      'way for as long as they live.',
      '',
      'Access key ids are recognised by their prefix (`AKIA`, `ASIA`, `ABIA`, `ACCA`) and base32 body; ids that name principals',
      '(`AIDA…` users, `AROA…` roles, `AIPA…` instance profiles, `ANPA…` policies) are not secrets and are ignored. A secret access',
      'key (40 characters) counts only with evidence: a key name such as `SecretAccessKey` or `aws_secret_access_key`, a keyword',
      'right before it, or an access key id next to it. The AWS documentation example keys (ending in `EXAMPLE`) are ignored.',
      'Messages show only the first and last four characters of a key.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'Parameters:',
          '  DeployKeyId:',
          '    Type: String',
          '    Default: AKIA…          # a real key id here',
          '    NoEcho: true',
        ].join('\n'),
        good: [
          'Parameters:',
          '  DeploySecretName:',
          '    Type: String',
          '    Default: /ci/deploy',
          '# and give the workload a role instead of keys',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"Environment": { "Variables": { "AWS_ACCESS_KEY_ID": "AKIA…", "AWS_SECRET_ACCESS_KEY": "…" } }',
        good: '"Role": { "Fn::GetAtt": ["FunctionRole", "Arn"] }',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"provider": { "aws": { "region": "eu-west-1", "access_key": "AKIA…", "secret_key": "…" } }',
        good: '"provider": { "aws": { "region": "eu-west-1", "assume_role": { "role_arn": "${var.deploy_role_arn}" } } }',
      },
      {
        format: 'CDK (TypeScript)',
        language: 'ts',
        bad: "new S3Client({ credentials: { accessKeyId: 'AKIA…', secretAccessKey: '…' } });",
        good: 'new S3Client({}); // the default provider chain finds role credentials',
      },
    ],
    fix: [
      'Delete the key from the input **and** deactivate and delete it in IAM (it is compromised once committed), then rotate',
      'anything it protected. Give workloads a role (instance profile, task role, IRSA / Pod Identity), let Terraform and the CLI',
      'use profiles, SSO or OIDC federation, and read unavoidable secrets from Secrets Manager or SSM Parameter Store at runtime.',
      'If git history holds the key, rewriting history does not un-leak it: rotate.',
    ].join('\n'),
    references: [
      { title: 'IAM: Manage access keys for IAM users (protect and rotate keys)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
      { title: 'IAM: Unique identifier prefixes (AKIA, ASIA, AIDA, AROA, …)', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids' },
      { title: 'IAM: Security best practices', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html' },
      { title: 'Terraform AWS provider: authentication and configuration', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration' },
      { title: 'Peer checks: gitleaks aws-access-token, checkov CKV_SECRET_2 / CKV_AWS_41 / CKV_AWS_45, KICS Passwords And Secrets', url: 'https://github.com/gitleaks/gitleaks' },
    ],
  },
  severity: 'error',
  securitySeverity: 9.4,
  precision: 'high',
  tags: ['security', 'secrets', 'credentials', 'access-key', 'external/cwe/cwe-798'],
  cwe: [798],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    const scan = (node: Node, text: string, suffix: string, evidence: () => SecretEvidence) => {
      const maybeSecret = hasBase64Run(text);
      if (!MAYBE_ID.test(text) && !maybeSecret) return;
      const hits = findCredentials(text, maybeSecret ? evidence() : {});
      for (const hit of hits) {
        const id = placeKey(node, hit.kind, hit.masked);
        if (seen.has(id)) continue;
        seen.add(id);
        ctx.report({
          node,
          span: text === node.value ? { start: hit.start, end: hit.end } : undefined,
          redact: [text.slice(hit.start, hit.end)],
          key: `${hit.kind}:${hit.masked}`,
          message: `${where(model, node)} contains ${what(hit)}${suffix} in plain text; remove it, deactivate and rotate the key in IAM, and let the workload use a role instead.`,
        });
      }
    };
    for (const s of model.strings(mayHoldCredentials)) scan(s.node, s.value, '', () => evidenceAround(s.node));
    // Base64 user data hides keys from a plain string scan.
    for (const launcher of model.launchers) {
      for (const t of userDataTexts(launcher)) {
        if (t.decoded) scan(t.node, t.text, ' in its base64 user data', () => ({}));
      }
    }
  },
});
