import type { Launcher, Node, ProfileSetting, RelatedNode, Severity } from '../src/rule-api.js';
import {
  defineRule,
  effectiveInstanceProfile,
  isSet,
  isTemplate,
  launcherLabel,
  metadataEndpointOff,
  nameOf,
  placeKey,
  resourceAnchor,
  templateUsers,
} from '../src/rule-api.js';

const GROUPS: ReadonlySet<Launcher['kind']> = new Set(['auto-scaling-group', 'ec2-fleet', 'spot-fleet']);

function optionName(launcher: Launcher): string {
  const v = launcher.instanceProfile[0];
  return v ? nameOf(v.node, 'IamInstanceProfile') : 'IamInstanceProfile';
}

function branchNote(p: ProfileSetting): string {
  const c = p.via?.condition;
  return c ? ` when condition ${c.name} is ${c.branch}` : '';
}

export default defineRule({
  id: 'missing-instance-profile',
  title: 'EC2 instance without an instance profile',
  description: 'Finds instances, Auto Scaling groups and fleets that launch instances with no instance profile, from their own settings or their launch template.',
  docs: {
    why: [
      'An instance profile is how an EC2 instance gets an IAM role: EC2 delivers the role\'s temporary, automatically rotated',
      'credentials through the instance metadata service, and the AWS CLI and SDKs pick them up without any configuration.',
      'An instance without one has no AWS identity, and the usual workaround is to copy long-term access keys onto it,',
      'which then leak through AMIs, backups, logs and user data. CloudFormation and Terraform never create the profile',
      'for you (only the console does): define an `AWS::IAM::InstanceProfile` / `aws_iam_instance_profile` and attach it.',
      '',
      'Instances that really need no AWS access should still get a profile with a role that grants nothing (or only',
      '`AmazonSSMManagedInstanceCore` for Session Manager), which makes the intent explicit. Launch templates and launch',
      'configurations without a profile that nothing in the input uses are reported as notes, since an instance may add one.',
      'Launchers that disable the metadata endpoint are not reported: a profile could not deliver credentials to them.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: ['AppServer:', '  Type: AWS::EC2::Instance', '  Properties:', '    ImageId: !Ref AmiId', '    InstanceType: t3.small'].join('\n'),
        good: [
          'AppRole:',
          '  Type: AWS::IAM::Role',
          '  Properties:',
          '    AssumeRolePolicyDocument:',
          '      Version: "2012-10-17"',
          '      Statement:',
          '        - Effect: Allow',
          '          Principal: { Service: ec2.amazonaws.com }',
          '          Action: sts:AssumeRole',
          'AppProfile:',
          '  Type: AWS::IAM::InstanceProfile',
          '  Properties:',
          '    Roles: [!Ref AppRole]',
          'AppServer:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    ImageId: !Ref AmiId',
          '    InstanceType: t3.small',
          '    IamInstanceProfile: !Ref AppProfile',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"AppServer": {\n  "Type": "AWS::EC2::Instance",\n  "Properties": { "ImageId": { "Ref": "AmiId" }, "InstanceType": "t3.small" }\n}',
        good: '"AppServer": {\n  "Type": "AWS::EC2::Instance",\n  "Properties": {\n    "ImageId": { "Ref": "AmiId" },\n    "InstanceType": "t3.small",\n    "IamInstanceProfile": { "Ref": "AppProfile" }\n  }\n}',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"aws_instance": { "app": { "ami": "${var.ami_id}", "instance_type": "t3.small" } }',
        good: '"aws_instance": { "app": { "ami": "${var.ami_id}", "instance_type": "t3.small", "iam_instance_profile": "${aws_iam_instance_profile.app.name}" } }',
      },
    ],
    fix: [
      'Create a role that trusts `ec2.amazonaws.com`, wrap it in an instance profile, and set `IamInstanceProfile` /',
      '`iam_instance_profile` on the instance or in its launch template (`LaunchTemplateData.IamInstanceProfile`). In CDK,',
      '`ec2.Instance` creates both for you unless you pass `role` or `instanceProfile`.',
    ].join('\n'),
    references: [
      { title: 'IAM: Use instance profiles', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html' },
      { title: 'Amazon EC2: IAM roles for Amazon EC2', url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html' },
      { title: 'AWS::IAM::InstanceProfile', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-instanceprofile.html' },
      { title: 'Terraform aws_iam_instance_profile', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_instance_profile' },
      { title: 'Peer checks: checkov CKV2_AWS_41, KICS ec2_instance_has_no_iam_role, cdk-nag EC2InstanceProfileAttached', url: 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md' },
    ],
  },
  severity: 'warning',
  securitySeverity: 4.0,
  precision: 'medium',
  tags: ['security', 'ec2', 'instance-profile', 'credentials', 'external/cwe/cwe-522'],
  cwe: [522],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    const report = (node: Node, launcher: Launcher, severity: Severity, message: string, related: RelatedNode[], key?: string) => {
      const id = placeKey(node, message);
      if (seen.has(id)) return;
      seen.add(id);
      ctx.report({ node, resource: launcher.resource, severity, message, related, key });
    };
    for (const launcher of model.launchers) {
      // With the metadata endpoint off a profile could not deliver credentials anyway: no AWS identity is the intent.
      if (metadataEndpointOff(model, launcher)) continue;
      const label = launcherLabel(launcher);
      const option = optionName(launcher);
      if (isTemplate(launcher)) {
        if (templateUsers(model, launcher).length) continue; // each user is judged with this template
        for (const v of launcher.instanceProfile) {
          if (v.state === 'unknown' || isSet(v)) continue;
          const c = v.via?.condition;
          report(
            resourceAnchor(launcher.resource),
            launcher,
            'note',
            `${label} defines no instance profile (${option})${c ? ` when condition ${c.name} is ${c.branch}` : ''}, so instances launched from it get no role credentials unless they add one; set ${option} to an instance profile.`,
            [],
            c ? `${c.name}=${c.branch}` : undefined,
          );
        }
        continue;
      }
      const group = GROUPS.has(launcher.kind);
      if (group && launcher.templates.length === 0 && launcher.kind !== 'spot-fleet') continue;
      for (const p of effectiveInstanceProfile(launcher)) {
        if (p.source !== 'none') continue;
        const key = p.via?.condition ? `${p.via.condition.name}=${p.via.condition.branch}` : undefined;
        const viaTemplates = launcher.templates.filter((t) => t.target);
        const names = viaTemplates.map((t) => t.target!.resource.id).join(', ');
        const related: RelatedNode[] = viaTemplates.map((t) => ({
          node: resourceAnchor(t.target!.resource),
          message: `launch template ${t.target!.resource.id} sets no instance profile`,
        }));
        if (group) {
          const node = viaTemplates[0]?.node ?? resourceAnchor(launcher.resource);
          report(
            node,
            launcher,
            'warning',
            `${label} launches instances from ${names || 'a launch specification'} with no instance profile${branchNote(p)}, so they get no role credentials; set an instance profile in the launch template or launch configuration.`,
            related,
            key,
          );
          continue;
        }
        const message = viaTemplates.length
          ? `${label} and its launch template ${names} set no instance profile (${option})${branchNote(p)}, so software on the instance gets no role credentials; attach an instance profile whose role grants what the instance needs.`
          : `${label} has no instance profile (${option})${branchNote(p)}, so software on it gets no role credentials and tends to end up with long-term access keys; attach an instance profile whose role grants what the instance needs.`;
        report(resourceAnchor(launcher.resource), launcher, 'warning', message, related, key);
      }
    }
  },
});
