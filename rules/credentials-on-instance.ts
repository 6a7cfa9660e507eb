import type { Launcher, Node, ValueOrigin } from '../src/rule-api.js';
import { LAUNCHERS_WITH_OWN_SETTINGS, defineRule, describeOrigin, launcherLabel, stringsUnder, userDataTexts } from '../src/rule-api.js';

interface Match {
  /** What the script does, safe to print (never the value). */
  what: string;
  kind: 'configure' | 'file' | 'environment';
}

const CONFIGURE = /\baws\s+configure\s+set\s+(?:[\w.-]+\.)?(aws_access_key_id|aws_secret_access_key)\b/i;
const CREDENTIALS_PATH = String.raw`(?:~|\$HOME|\$\{HOME\}|/root|/home/[^\s/'"]+)?/\.aws/credentials\b`;
const WRITE_CREDENTIALS = new RegExp(
  String.raw`(?:>>?|\btee\b(?:\s+-a)?|\b(?:cp|mv|install)\b[^\n;|&]*?)\s*["']?` + CREDENTIALS_PATH,
);
const CREDENTIALS_LINE = /^\s*aws_(access_key_id|secret_access_key)\s*=\s*\S/im;
const ASSIGNMENT = /(?<![A-Za-z0-9_])(?:\$env:)?AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)\s*=\s*(.?.?.?)/gi;
const WINDOWS_ENV = /(?:SetEnvironmentVariable\(\s*["']|\bsetx\s+)AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)\b/i;

/** The value of `AWS_…=<value>` is decided at run time (`$(…)`, a shell variable), not written in the input. */
function runtimeValue(start: string): boolean {
  const v = start.replace(/^["']/, '');
  return v.startsWith('$(') || v.startsWith('`') || /^\$[A-Za-z_]/.test(v) || v.startsWith('${!') || v === '' || /^["']/.test(v);
}

/** Every pattern above needs one of these; most strings of a template (ARNs, service names) have none. */
const MAYBE_CREDENTIALS = /aws(?:[_\s]|\/credentials)/i;

function findInText(text: string): Match | undefined {
  if (!MAYBE_CREDENTIALS.test(text)) return undefined;
  const configure = CONFIGURE.exec(text);
  if (configure) return { kind: 'configure', what: `aws configure set ${configure[1]!.toLowerCase()}` };
  if (WRITE_CREDENTIALS.test(text)) return { kind: 'file', what: 'writes ~/.aws/credentials' };
  const line = CREDENTIALS_LINE.exec(text);
  if (line) return { kind: 'file', what: `aws_${line[1]!.toLowerCase()} in a credentials file` };
  for (const m of text.matchAll(ASSIGNMENT)) {
    const after = m[2] ?? '';
    const end = m.index + m[0].length - after.length;
    // `export AWS_ACCESS_KEY_ID=` ending a Fn::Join part: the value is the next part, written in the input.
    const atPartEnd = end === text.length;
    if (!atPartEnd && runtimeValue(after)) continue;
    return { kind: 'environment', what: `AWS_${m[1]!.toUpperCase()}=…` };
  }
  const win = WINDOWS_ENV.exec(text);
  if (win) return { kind: 'environment', what: `sets AWS_${win[1]!.toUpperCase()}` };
  return undefined;
}

interface Finding {
  node: Node;
  match: Match;
  source: 'user data' | 'cfn-init metadata';
  via?: ValueOrigin;
}

function scanInit(init: Node): Finding[] {
  const out: Finding[] = [];
  const walk = (n: Node, depth: number) => {
    if (depth > 12) return;
    for (const [k, c] of n.entries()) {
      if (/\/\.aws\/credentials$/.test(k)) {
        out.push({ node: c, match: { kind: 'file', what: `writes ${k}` }, source: 'cfn-init metadata' });
        continue;
      }
      if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/i.test(k)) {
        out.push({ node: c, match: { kind: 'environment', what: `sets ${k.toUpperCase()}` }, source: 'cfn-init metadata' });
        continue;
      }
      if (c.isObject) walk(c, depth + 1);
      else for (const s of stringsUnder(c)) {
        const match = findInText(s.value);
        if (match) out.push({ node: s.node, match, source: 'cfn-init metadata' });
      }
    }
  };
  walk(init, 0);
  return out;
}

function scanUserData(launcher: Launcher): Finding[] {
  const out: Finding[] = [];
  for (const t of userDataTexts(launcher)) {
    const match = findInText(t.text);
    if (match) out.push({ node: t.node, match, source: 'user data', via: t.via });
  }
  return out;
}

export default defineRule({
  id: 'credentials-on-instance',
  title: 'AWS credentials written onto an instance',
  description: 'Finds user data and cfn-init configuration that put AWS access keys on an instance (aws configure set, ~/.aws/credentials, AWS_ACCESS_KEY_ID variables).',
  docs: {
    why: [
      'Keys written by user data or cfn-init end up on the instance disk, in AMIs and snapshots made from it, in the user data',
      'that anyone with `ec2:DescribeInstanceAttribute` can read, and in the stack parameters. They are long-term credentials',
      'that nobody rotates. This is reported even when the values come from parameters or a secrets store at deploy time: the',
      'result on the instance is the same. An instance profile gives the instance temporary credentials that EC2 rotates',
      'automatically, and the AWS CLI and SDKs use them without any configuration.',
      'Credentials obtained at run time (`export AWS_ACCESS_KEY_ID=$(… sts assume-role …)`) are not reported.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'UserData:',
          '  Fn::Base64: !Sub |',
          '    #!/bin/bash',
          '    aws configure set aws_access_key_id ${DeployKeyId}',
          '    aws configure set aws_secret_access_key ${DeploySecret}',
          '    aws s3 cp s3://${ArtifactBucket}/app.tar.gz /opt/app/',
        ].join('\n'),
        good: [
          'IamInstanceProfile: !Ref AppProfile',
          'UserData:',
          '  Fn::Base64: !Sub |',
          '    #!/bin/bash',
          '    aws s3 cp s3://${ArtifactBucket}/app.tar.gz /opt/app/',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"files": { "/root/.aws/credentials": { "content": { "Fn::Sub": "[default]\\naws_access_key_id = ${DeployKeyId}\\n" }, "mode": "000600" } }',
        good: '"commands": { "01-fetch": { "command": { "Fn::Sub": "aws s3 cp s3://${ArtifactBucket}/app.tar.gz /opt/app/" } } }',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"user_data": "#!/bin/bash\\nexport AWS_ACCESS_KEY_ID=${var.deploy_key_id}\\nexport AWS_SECRET_ACCESS_KEY=${var.deploy_secret}\\n/opt/app/run"',
        good: '"iam_instance_profile": "${aws_iam_instance_profile.app.name}",\n"user_data": "#!/bin/bash\\n/opt/app/run"',
      },
    ],
    fix: 'Remove the keys from user data and cfn-init, deactivate them in IAM, and attach an instance profile whose role grants what the instance needs; the CLI and SDKs on the instance find its credentials on their own.',
    references: [
      { title: 'IAM: Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
      { title: 'Amazon EC2: IAM roles for Amazon EC2', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html' },
      { title: 'AWS CLI: Configuration and credential file settings', url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html' },
      { title: 'AWS::CloudFormation::Init', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-init.html' },
      { title: 'Peer checks: checkov CKV_AWS_46, Trivy AVD-AWS-0029 / AVD-AWS-0129', url: 'https://avd.aquasec.com/misconfig/aws/ec2/avd-aws-0029/' },
    ],
  },
  severity: 'error',
  securitySeverity: 9.1,
  precision: 'high',
  tags: ['security', 'ec2', 'credentials', 'user-data', 'external/cwe/cwe-798', 'external/cwe/cwe-522'],
  cwe: [798, 522],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    for (const launcher of ctx.model.launchers) {
      if (!LAUNCHERS_WITH_OWN_SETTINGS.has(launcher.kind)) continue;
      const findings = [...scanUserData(launcher), ...(launcher.initMetadata ? scanInit(launcher.initMetadata) : [])];
      const seen = new Set<string>();
      for (const f of findings) {
        const id = `${f.source}\u0000${f.match.kind}`;
        if (seen.has(id)) continue;
        seen.add(id);
        // Only a branch is worth naming: the parameters joined into a script say nothing about the credentials.
        const cond = f.via?.condition;
        const origin = cond ? describeOrigin({ state: 'absent', node: f.node, via: { condition: cond } }) : '';
        ctx.report({
          node: f.node,
          resource: launcher.resource,
          key: id,
          message: `${launcherLabel(launcher)} puts AWS access keys on the instance in its ${f.source} (${f.match.what})${origin}, which leaves long-term credentials on disk; remove them and attach an instance profile whose role grants what the instance needs.`,
        });
      }
    }
  },
});
