import type { EffectiveSetting, ProfileSetting, RelatedNode, ValueOrigin } from '../src/rule-api.js';
import {
  defineRule,
  effectiveInstanceProfile,
  effectiveMetadata,
  isSet,
  knownLower,
  launcherLabel,
  LAUNCHERS_WITH_OWN_SETTINGS,
  mergeOrigin,
  metadataOptionName,
  placeKey,
} from '../src/rule-api.js';

/** Two branch choices that cannot both hold (the same condition, opposite branches). */
function exclusive(a: ValueOrigin | undefined, b: ValueOrigin | undefined): boolean {
  const x = a?.condition;
  const y = b?.condition;
  return !!x && !!y && x.name === y.name && x.branch !== y.branch;
}

function profileName(p: ProfileSetting): string {
  const link = p.links[0];
  if (link?.targetId) return link.targetId;
  if (p.value.state === 'known' && typeof p.value.value === 'string') return p.value.value;
  return link?.literal ?? 'an instance profile';
}

export default defineRule({
  id: 'imds-disabled-with-profile',
  title: 'Instance profile attached but metadata endpoint disabled',
  description: 'Finds launchers that attach an instance profile while disabling the instance metadata endpoint, so the role credentials can never reach the instance.',
  docs: {
    why: [
      'An instance receives its role credentials only from the instance metadata service. With `HttpEndpoint: disabled`',
      'the instance profile is attached but useless: the AWS CLI and SDKs on the instance find no credentials, and teams',
      'under pressure often "fix" that by copying long-term access keys onto the instance, which is far worse.',
      'Either the profile is not needed (remove it, and the permissions with it) or the endpoint must be on, with IMDSv2 required.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'Worker:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    IamInstanceProfile: !Ref WorkerProfile',
          '    MetadataOptions:',
          '      HttpEndpoint: disabled',
        ].join('\n'),
        good: [
          'Worker:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    IamInstanceProfile: !Ref WorkerProfile',
          '    MetadataOptions:',
          '      HttpEndpoint: enabled',
          '      HttpTokens: required',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"LaunchTemplateData": {\n  "IamInstanceProfile": { "Arn": { "Fn::GetAtt": ["WorkerProfile", "Arn"] } },\n  "MetadataOptions": { "HttpEndpoint": "disabled" }\n}',
        good: '"LaunchTemplateData": {\n  "IamInstanceProfile": { "Arn": { "Fn::GetAtt": ["WorkerProfile", "Arn"] } },\n  "MetadataOptions": { "HttpEndpoint": "enabled", "HttpTokens": "required" }\n}',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"iam_instance_profile": "${aws_iam_instance_profile.worker.name}",\n"metadata_options": { "http_endpoint": "disabled" }',
        good: '"iam_instance_profile": "${aws_iam_instance_profile.worker.name}",\n"metadata_options": { "http_endpoint": "enabled", "http_tokens": "required" }',
      },
    ],
    fix: 'Enable the metadata endpoint and require tokens (`HttpEndpoint: enabled`, `HttpTokens: required`), or remove the instance profile if the instance needs no AWS permissions.',
    references: [
      { title: 'Amazon EC2: Retrieve security credentials from instance metadata', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html' },
      { title: 'Amazon EC2: Configure the instance metadata options', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html' },
      { title: 'IAM: Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
    ],
  },
  severity: 'warning',
  securitySeverity: 3.5,
  precision: 'high',
  tags: ['security', 'ec2', 'imds', 'instance-profile', 'correctness', 'external/cwe/cwe-684'],
  cwe: [684],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    for (const launcher of model.launchers) {
      if (!LAUNCHERS_WITH_OWN_SETTINGS.has(launcher.kind)) continue;
      const disabled = effectiveMetadata(model, launcher, 'httpEndpoint').filter((s) => knownLower(s.value) === 'disabled');
      if (!disabled.length) continue;
      // A profile the input proves: a literal, or a reference to a profile or role of the input (a value known
      // only at deploy time, like a parameter without a default, may be empty).
      const profiles = effectiveInstanceProfile(launcher).filter(
        (p) => p.source !== 'none' && p.launcher && (isSet(p.value) || p.links.some((l) => l.targetResource)),
      );
      for (const endpoint of disabled) {
        for (const profile of profiles) {
          if (exclusive(endpoint.via, profile.via)) continue;
          // Both from the launch template: reported on the template itself.
          if (endpoint.source !== 'own' && profile.source !== 'own') continue;
          const onEndpoint = endpoint.source === 'own';
          const node = onEndpoint ? endpoint.value.node : profile.value.node;
          const related: RelatedNode[] = onEndpoint
            ? [{ node: profile.value.node, message: `instance profile ${profileName(profile)}` }]
            : [{ node: endpoint.value.node, message: `metadata endpoint disabled ${endpointWhere(endpoint)}` }];
          const via = mergeOrigin(endpoint.via, profile.via);
          const cond = via?.condition ? ` (when condition ${via.condition.name} is ${via.condition.branch})` : '';
          const id = placeKey(node);
          if (seen.has(id)) continue;
          seen.add(id);
          ctx.report({
            node,
            resource: launcher.resource,
            related,
            key: via?.condition ? `${via.condition.name}=${via.condition.branch}` : undefined,
            message: `${launcherLabel(launcher)} attaches instance profile ${profileName(profile)} but the instance metadata endpoint is disabled ${endpointWhere(endpoint)}${cond}, so the role's credentials never reach the instance; set ${metadataOptionName(launcher, 'httpEndpoint')} to enabled (with tokens required) or remove the profile.`,
          });
        }
      }
    }
  },
});

function endpointWhere(s: EffectiveSetting): string {
  if (s.source === 'account-default') return `by the account default in ${s.defaults?.resource.id ?? 'the input'}`;
  if (s.source === 'template' && s.launcher) return `by its launch template ${s.launcher.resource.id}`;
  return 'in its metadata options';
}
