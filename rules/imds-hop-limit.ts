import type { Launcher, Model } from '../src/rule-api.js';
import {
  LAUNCHERS_WITH_OWN_SETTINGS,
  defineRule,
  describeOrigin,
  effectiveMetadata,
  isTemplate,
  knownNumber,
  launcherLabel,
  metadataOptionName,
  templateUsers,
  metadataEndpointOff,
} from '../src/rule-api.js';

interface Options {
  max: number;
}

/** Every instance in the input that uses the template sets its own hop limit within `max`. */
function overriddenByEveryUser(model: Model, template: Launcher, max: number): boolean {
  const users = templateUsers(model, template);
  return (
    users.length > 0 &&
    users.every((u) =>
      effectiveMetadata(model, u, 'hopLimit').every((s) => {
        const n = knownNumber(s.value);
        return s.source === 'own' && n !== undefined && n <= max;
      }),
    )
  );
}

export default defineRule<Options>({
  id: 'imds-hop-limit',
  title: 'Instance metadata hop limit above the allowed maximum',
  description: 'Finds metadata options whose HTTP PUT response hop limit lets metadata tokens travel further than the configured maximum (default 1).',
  docs: {
    why: [
      'The hop limit (`HttpPutResponseHopLimit` / `http_put_response_hop_limit`) is the IP time-to-live of the IMDSv2 token response.',
      'With 1, only processes on the instance itself can obtain a token and read the role credentials; every extra hop lets the',
      'token reach one more network layer: containers behind a bridge network, pods, or a host the instance forwards traffic for.',
      'A limit of 2 is common and reasonable on container hosts (ECS on EC2, EKS nodes) that need IMDS inside containers; anything',
      'higher is rarely needed. Set the rule option `max` to the largest value your fleet needs.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: [
          'NodeTemplate:',
          '  Type: AWS::EC2::LaunchTemplate',
          '  Properties:',
          '    LaunchTemplateData:',
          '      MetadataOptions:',
          '        HttpTokens: required',
          '        HttpPutResponseHopLimit: 5',
        ].join('\n'),
        good: [
          'NodeTemplate:',
          '  Type: AWS::EC2::LaunchTemplate',
          '  Properties:',
          '    LaunchTemplateData:',
          '      MetadataOptions:',
          '        HttpTokens: required',
          '        HttpPutResponseHopLimit: 1',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 4 }',
        good: '"MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 1 }',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"metadata_options": { "http_tokens": "required", "http_put_response_hop_limit": 3 }',
        good: '"metadata_options": { "http_tokens": "required", "http_put_response_hop_limit": 1 }',
      },
      {
        format: 'CDK (TypeScript)',
        language: 'ts',
        bad: "new ec2.LaunchTemplate(this, 'Nodes', { requireImdsv2: true, httpPutResponseHopLimit: 4 });",
        good: "new ec2.LaunchTemplate(this, 'Nodes', { requireImdsv2: true, httpPutResponseHopLimit: 1 });",
      },
    ],
    fix: [
      'Lower the hop limit to 1. On container hosts that need IMDS inside containers use 2 and configure the rule:',
      '`rules: { "imds-hop-limit": { options: { max: 2 } } }`. Prefer giving containers their own role (ECS task roles,',
      'EKS Pod Identity or IRSA) over letting them borrow the instance role through IMDS.',
    ].join('\n'),
    references: [
      { title: 'Amazon EC2: Instance metadata access considerations (hop limit and containers)', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html#imds-considerations' },
      { title: 'AWS::EC2::LaunchTemplate MetadataOptions', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-metadataoptions.html' },
      { title: 'AWS Security Hub [AutoScaling.4] Launch configurations should not have a hop limit greater than 1', url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-4' },
      { title: 'Peer check: checkov CKV_AWS_341', url: 'https://www.checkov.io/5.Policy%20Index/terraform.html' },
    ],
  },
  severity: 'note',
  securitySeverity: 3.0,
  precision: 'high',
  tags: ['security', 'ec2', 'imds', 'containers', 'external/cwe/cwe-668'],
  cwe: [668],
  optionsSchema: {
    type: 'object',
    properties: {
      max: { type: 'integer', minimum: 1, maximum: 64, description: 'The largest hop limit that is not reported (2 for container hosts).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { max: 1 },
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const max = ctx.options.max;
    for (const launcher of model.launchers) {
      if (!LAUNCHERS_WITH_OWN_SETTINGS.has(launcher.kind)) continue;
      if (metadataEndpointOff(model, launcher)) continue;
      if (isTemplate(launcher) && overriddenByEveryUser(model, launcher, max)) continue;
      const option = metadataOptionName(launcher, 'hopLimit');
      for (const v of launcher.metadata.hopLimit) {
        const n = knownNumber(v);
        if (n === undefined || n <= max) continue;
        ctx.report({
          node: v.node,
          resource: launcher.resource,
          message: `${launcherLabel(launcher)} sets ${option} to ${n}${describeOrigin(v)}, so metadata tokens and the role's credentials reach processes up to ${n} network hops away; lower it to ${max === 1 ? '1 (2 on container hosts that need IMDS)' : String(max)}.`,
          key: v.via?.condition ? `${v.via.condition.name}=${v.via.condition.branch}` : undefined,
          related: v.via?.source ? [{ node: v.via.source, message: `default of parameter ${v.via.parameter ?? ''}`.trim() }] : undefined,
        });
      }
    }
  },
});
