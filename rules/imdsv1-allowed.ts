import type { EffectiveSetting, Launcher, Model, Node, RelatedNode, Severity } from '../src/rule-api.js';
import {
  defineRule,
  describeOrigin,
  effectiveMetadata,
  isTemplate,
  knownLower,
  launcherLabel,
  LAUNCHERS_WITH_OWN_SETTINGS,
  metadataAnchor,
  metadataEndpointOff,
  metadataOptionName,
  placeKey,
  templateUsers,
} from '../src/rule-api.js';

/** Every way instances of this launcher end up: tokens required, or the metadata endpoint off. */
function provenSafe(model: Model, launcher: Launcher): boolean {
  if (metadataEndpointOff(model, launcher)) return true;
  return effectiveMetadata(model, launcher, 'httpTokens').every((s) => knownLower(s.value) === 'required');
}

interface Verdict {
  node: Node;
  severity: Severity;
  message: string;
  related: RelatedNode[];
  key: string | undefined;
}

function judge(launcher: Launcher, setting: EffectiveSetting): Verdict | undefined {
  const label = launcherLabel(launcher);
  const option = metadataOptionName(launcher, 'httpTokens');
  const origin = describeOrigin({ ...setting.value, via: setting.via });
  const key = setting.via?.condition ? `${setting.via.condition.name}=${setting.via.condition.branch}` : undefined;
  const related: RelatedNode[] = [];
  if (setting.via?.source) related.push({ node: setting.via.source, message: `default of parameter ${setting.via.parameter ?? ''}`.trim() });
  const v = setting.value;
  if (setting.source === 'own' && knownLower(v) === 'optional') {
    return {
      node: v.node,
      severity: 'error',
      message: `${label} sets ${option} to optional${origin}, so its instance metadata service answers IMDSv1 requests without a session token; set it to required.`,
      related,
      key,
    };
  }
  if (setting.source === 'account-default' && knownLower(v) === 'optional') {
    related.push({ node: v.node, message: `account default of ${setting.defaults?.resource.id ?? 'the account'}` });
    return {
      node: metadataAnchor(launcher),
      severity: 'error',
      message: `${label} does not set ${option} and the account default in ${setting.defaults?.resource.id ?? 'the input'} is optional${origin}, so IMDSv1 is allowed; set ${option} to required.`,
      related,
      key,
    };
  }
  if (setting.source === 'ec2-default') {
    return {
      node: metadataAnchor(launcher),
      severity: 'warning',
      message: `${label} does not set ${option}${origin}, and the EC2 default allows IMDSv1 unless the AMI or the account default requires tokens; set ${option} to required.`,
      related,
      key,
    };
  }
  return undefined;
}

export default defineRule({
  id: 'imdsv1-allowed',
  title: 'Instance metadata service allows IMDSv1',
  description: 'Finds instances, launch templates and launch configurations whose metadata options do not require session tokens (IMDSv2).',
  docs: {
    why: [
      'An EC2 instance gets the temporary credentials of its instance-profile role from the instance metadata service (IMDS).',
      'With IMDSv1 allowed (`HttpTokens: optional`), any request that reaches `169.254.169.254` gets those credentials back:',
      'a server-side request forgery in a web application, an open proxy or a misconfigured WAF on the instance is enough to steal them.',
      'IMDSv2 requires a session token obtained with a `PUT` request first, which such requests cannot send.',
      '',
      'When `HttpTokens` is not set, EC2 decides: the instance-level setting wins over the launch template, then the account default',
      '(`aws_ec2_instance_metadata_defaults` / `ModifyInstanceMetadataDefaults`), then the AMI (`ImdsSupport: v2.0` makes tokens required),',
      'and otherwise tokens are optional. iamlint follows that order: an explicit `optional` is an error, a missing setting is a warning',
      'unless the same input proves that the launch template, the account default or the AMI requires tokens, and nothing is reported',
      'when the metadata endpoint is disabled.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'WebServer:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    ImageId: !Ref LatestAmiId',
          '    InstanceType: t3.micro',
          '    MetadataOptions:',
          '      HttpTokens: optional',
        ].join('\n'),
        good: [
          'WebServer:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    ImageId: !Ref LatestAmiId',
          '    InstanceType: t3.micro',
          '    MetadataOptions:',
          '      HttpTokens: required',
          '      HttpEndpoint: enabled',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"AppTemplate": {\n  "Type": "AWS::EC2::LaunchTemplate",\n  "Properties": {\n    "LaunchTemplateData": { "InstanceType": "t3.small" }\n  }\n}',
        good: '"AppTemplate": {\n  "Type": "AWS::EC2::LaunchTemplate",\n  "Properties": {\n    "LaunchTemplateData": {\n      "InstanceType": "t3.small",\n      "MetadataOptions": { "HttpTokens": "required" }\n    }\n  }\n}',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"aws_instance": {\n  "web": {\n    "ami": "${data.aws_ami.al2.id}",\n    "instance_type": "t3.micro",\n    "metadata_options": { "http_tokens": "optional" }\n  }\n}',
        good: '"aws_instance": {\n  "web": {\n    "ami": "${data.aws_ami.al2.id}",\n    "instance_type": "t3.micro",\n    "metadata_options": { "http_tokens": "required", "http_endpoint": "enabled" }\n  }\n}',
      },
      {
        format: 'CDK (TypeScript)',
        language: 'ts',
        bad: "new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage });",
        good: "new ec2.Instance(this, 'Web', { vpc, instanceType, machineImage, requireImdsv2: true });",
      },
    ],
    fix: [
      'Set `HttpTokens` / `http_tokens` to `required` on the instance, its launch template or launch configuration, or set an',
      'account-wide default with `aws_ec2_instance_metadata_defaults { http_tokens = "required" }`. Before switching, check that the',
      'software on the instance uses a current AWS SDK or CLI (all of them support IMDSv2). In CDK use `requireImdsv2: true`, or',
      '`Aspects.of(app).add(new ec2.InstanceRequireImdsv2Aspect())` for a whole app.',
    ].join('\n'),
    references: [
      { title: 'Amazon EC2: Use IMDSv2', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html' },
      { title: 'Amazon EC2: Configure instance metadata options for new instances', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html' },
      { title: 'AWS::EC2::Instance MetadataOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-instance-metadataoptions.html' },
      { title: 'AWS::EC2::LaunchTemplate MetadataOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-metadataoptions.html' },
      { title: 'Terraform aws_ec2_instance_metadata_defaults', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_instance_metadata_defaults' },
      { title: 'AWS Security Hub [EC2.8] EC2 instances should use IMDSv2', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8' },
      { title: 'AWS Security Hub [EC2.170] EC2 launch templates should use IMDSv2', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-170' },
      { title: 'AWS Security Hub [AutoScaling.3] Launch configurations should require IMDSv2', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-3' },
      { title: 'CIS AWS Foundations Benchmark v3.0 5.6: EC2 metadata service allows only IMDSv2', url: 'https://www.cisecurity.org/benchmark/amazon_web_services' },
      { title: 'Peer checks: checkov CKV_AWS_79, Trivy AVD-AWS-0028 / AVD-AWS-0130, cdk-nag EC2IMDSv2Enabled', url: 'https://avd.aquasec.com/misconfig/aws/ec2/avd-aws-0028/' },
    ],
  },
  severity: 'error',
  securitySeverity: 7.5,
  precision: 'high',
  tags: ['security', 'ec2', 'imds', 'credentials', 'external/cwe/cwe-1390', 'external/cwe/cwe-918'],
  cwe: [1390, 918],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    for (const launcher of model.launchers) {
      if (!LAUNCHERS_WITH_OWN_SETTINGS.has(launcher.kind)) continue; // groups and fleets: their templates are reported
      if (metadataEndpointOff(model, launcher)) continue;
      if (isTemplate(launcher)) {
        const users = templateUsers(model, launcher);
        if (users.length && users.every((u) => provenSafe(model, u))) continue;
      }
      const inherits = launcher.templates.some((t) => t.target);
      for (const setting of effectiveMetadata(model, launcher, 'httpTokens')) {
        // A value that comes through a launch template in the input is reported on the template.
        if (setting.source !== 'own' && inherits) continue;
        const verdict = judge(launcher, setting);
        if (!verdict) continue;
        const id = placeKey(verdict.node, verdict.message);
        if (seen.has(id)) continue;
        seen.add(id);
        ctx.report({ ...verdict, resource: launcher.resource });
      }
    }
  },
});
