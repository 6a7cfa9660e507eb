import type { InstanceProfile, Link, Model, Node, RelatedNode, Resource, Role } from '../src/rule-api.js';
import {
  defineRule,
  isSet,
  knownLower,
  launcherLabel,
  linkedResourceKind,
  nameOf,
  placeKey,
  qualifiedNameOf,
  resourceAnchor,
  statementCoversAction,
  trustAllowsEc2,
} from '../src/rule-api.js';

function roleOf(model: Model, resource: Resource | undefined): Role | undefined {
  return resource ? model.roles.find((r) => r.resource === resource) : undefined;
}

function branchNote(link: Link<unknown>): string {
  const c = link.via?.condition;
  return c ? ` when condition ${c.name} is ${c.branch}` : '';
}

/** Launchers (and the written reference) that attach this profile. */
function attachments(model: Model, profile: InstanceProfile): RelatedNode[] {
  const out: RelatedNode[] = [];
  for (const l of model.launchers) {
    for (const link of l.instanceProfileLinks) {
      if (link.target === profile) out.push({ node: link.node, message: `attached by ${launcherLabel(l)}` });
    }
  }
  return out;
}


type TargetKind = 'role' | 'profile' | 'other' | 'unproven';

/** What a reference points at, as far as the input proves it (data sources count by their type). */
function targetKind(model: Model, link: Link<unknown>): TargetKind {
  const t = link.targetResource;
  if (!t) return 'unproven';
  const kind = linkedResourceKind(t);
  if (roleOf(model, t) || kind === 'role') return 'role';
  if (kind === 'instance-profile') return 'profile';
  if (kind === 'pass-through' || /^outputs?\b/i.test(link.attribute ?? '')) return 'unproven';
  return 'other';
}

/** `arn:aws:iam::123456789012:role/app`: an IAM role ARN written where a profile belongs. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|\$\{[^}]+\}):role\//;

export default defineRule({
  id: 'instance-profile-role',
  title: 'Broken instance profile wiring',
  description: 'Finds instance profile references that point at a role instead of a profile or at nothing the template defines, profiles without a role, and profile roles that EC2 cannot assume.',
  docs: {
    why: [
      'An instance gets role credentials only through the chain instance → instance profile → role, and the role must trust',
      '`ec2.amazonaws.com` to call `sts:AssumeRole`. Each link is easy to get wrong in templates:',
      '',
      '- `IamInstanceProfile: !Ref AppRole` or `iam_instance_profile = aws_iam_role.app.name` names a **role**. It only works',
      '  in the console, which silently creates a profile with the same name; a template never does, so the deployment fails or,',
      '  worse, picks up an unrelated profile that happens to share the name.',
      '- An instance profile without a role (`Roles` missing or empty) attaches nothing.',
      '- In a CloudFormation template, a `!Ref` or `!GetAtt` to a logical id the template does not define (a profile or role',
      '  renamed in a refactor) fails the deployment. In Terraform another file of the module may define it, so nothing is said.',
      '- A profile whose role trusts only another service (`lambda.amazonaws.com`) or an account deploys fine, but EC2 cannot',
      '  assume it, so the instance silently has no credentials, and people reach for access keys.',
      '',
      'Related locations point at the other end of each link.',
    ].join('\n'),
    examples: [
      {
        format: 'CloudFormation YAML',
        language: 'yaml',
        bad: ['AppServer:', '  Type: AWS::EC2::Instance', '  Properties:', '    ImageId: !Ref AmiId', '    IamInstanceProfile: !Ref AppRole'].join('\n'),
        good: [
          'AppProfile:',
          '  Type: AWS::IAM::InstanceProfile',
          '  Properties:',
          '    Roles: [!Ref AppRole]',
          'AppServer:',
          '  Type: AWS::EC2::Instance',
          '  Properties:',
          '    ImageId: !Ref AmiId',
          '    IamInstanceProfile: !Ref AppProfile',
        ].join('\n'),
      },
      {
        format: 'CloudFormation JSON',
        language: 'json',
        bad: '"AppRole": {\n  "Type": "AWS::IAM::Role",\n  "Properties": {\n    "AssumeRolePolicyDocument": {\n      "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]\n    }\n  }\n}',
        good: '"AppRole": {\n  "Type": "AWS::IAM::Role",\n  "Properties": {\n    "AssumeRolePolicyDocument": {\n      "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]\n    }\n  }\n}',
      },
      {
        format: 'Terraform JSON',
        language: 'json',
        bad: '"aws_instance": { "app": { "ami": "${var.ami_id}", "iam_instance_profile": "${aws_iam_role.app.name}" } }',
        good: '"aws_iam_instance_profile": { "app": { "role": "${aws_iam_role.app.name}" } },\n"aws_instance": { "app": { "ami": "${var.ami_id}", "iam_instance_profile": "${aws_iam_instance_profile.app.name}" } }',
      },
    ],
    fix: [
      'Create an `AWS::IAM::InstanceProfile` / `aws_iam_instance_profile` with `Roles: [!Ref AppRole]` / `role = aws_iam_role.app.name`',
      'and reference the profile (its name on instances, its name or ARN in launch templates). Give the role a trust policy with',
      '`Principal: { Service: ec2.amazonaws.com }` and `Action: sts:AssumeRole`.',
    ].join('\n'),
    references: [
      { title: 'IAM: Use instance profiles', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html' },
      { title: 'IAM: Use an IAM role to grant permissions to applications running on Amazon EC2 instances', url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html' },
      { title: 'AWS::IAM::InstanceProfile', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-instanceprofile.html' },
      { title: 'AWS::EC2::Instance IamInstanceProfile', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-iaminstanceprofile' },
      { title: 'Terraform aws_iam_instance_profile', url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_instance_profile' },
    ],
  },
  severity: 'error',
  securitySeverity: 6.0,
  precision: 'very-high',
  tags: ['security', 'ec2', 'iam', 'instance-profile', 'trust-policy', 'external/cwe/cwe-522'],
  cwe: [522],
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  defaultOptions: {},
  frontEnds: ['cli', 'eslint'],
  check(ctx) {
    const { model } = ctx;
    const seen = new Set<string>();
    const report = (node: Node, resource: Resource, message: string, related: RelatedNode[], key?: string) => {
      const id = placeKey(node, key);
      if (seen.has(id)) return;
      seen.add(id);
      ctx.report({ node, resource, message, related, key });
    };

    // Instance → profile.
    for (const launcher of model.launchers) {
      const label = launcherLabel(launcher);
      for (const link of launcher.instanceProfileLinks) {
        const option = qualifiedNameOf(link.node, 'IamInstanceProfile');
        if (link.target) continue;
        const key = link.via?.condition ? `${link.via.condition.name}=${link.via.condition.branch}` : undefined;
        const kind = targetKind(model, link);
        const t = link.targetResource;
        if (model.closedReferences && link.targetId !== undefined && !t) {
          report(
            link.node,
            launcher.resource,
            `${label} sets ${option} to ${link.targetId}${branchNote(link)}, which is not defined in this template, so the deployment fails; reference an AWS::IAM::InstanceProfile of the template, or the name or ARN of an existing profile.`,
            [],
            key,
          );
        } else if (kind === 'role' && t) {
          report(
            link.node,
            launcher.resource,
            `${label} sets ${option} to role ${t.id}${branchNote(link)}, not to an instance profile, and only the console creates a profile for a role; create an instance profile with this role and reference the profile.`,
            [{ node: resourceAnchor(t), message: `role ${t.id}` }],
            key,
          );
        } else if (kind === 'other' && t) {
          report(
            link.node,
            launcher.resource,
            `${label} sets ${option} to ${t.id} (${t.type})${branchNote(link)}, which is not an instance profile; reference an instance profile instead.`,
            [{ node: resourceAnchor(t), message: `${t.id} (${t.type})` }],
            key,
          );
        } else if (link.literal !== undefined && ROLE_ARN.test(link.literal)) {
          report(
            link.node,
            launcher.resource,
            `${label} sets ${option} to a role ARN${branchNote(link)}, not an instance profile; use the ARN or name of an instance profile that contains the role.`,
            [],
            key,
          );
        }
      }
    }

    // Profile → role, and the role's trust policy.
    const trustFailures = new Map<Role, { profile: InstanceProfile; link: Link<Role> }[]>();
    for (const profile of model.instanceProfiles) {
      const label = `Instance profile ${profile.resource.id}`;
      for (const v of profile.rolesProp) {
        if (v.state === 'unknown' || isSet(v)) continue;
        const c = v.via?.condition;
        const option = nameOf(v.node, 'Roles');
        report(
          v.state === 'known' ? v.node : resourceAnchor(profile.resource),
          profile.resource,
          `${label} has no role${option.toLowerCase() === 'role' ? '' : ` (${option})`}${c ? ` when condition ${c.name} is ${c.branch}` : ''}, so instances it is attached to get no credentials; add the role the instances should use.`,
          attachments(model, profile),
          c ? `${c.name}=${c.branch}` : undefined,
        );
      }
      for (const link of profile.roles) {
        const option = nameOf(link.node, 'Roles');
        if (link.target) {
          if (trustAllowsEc2(link.target) === 'no') {
            const list = trustFailures.get(link.target) ?? [];
            list.push({ profile, link });
            trustFailures.set(link.target, list);
          }
          continue;
        }
        const t = link.targetResource;
        if (model.closedReferences && link.targetId !== undefined && !t) {
          report(
            link.node,
            profile.resource,
            `${label} lists ${link.targetId} in ${option}${branchNote(link)}, which is not defined in this template, so the deployment fails; list a role of the template, or the name of an existing role.`,
            [],
          );
        } else if (t && (targetKind(model, link) === 'other' || (targetKind(model, link) === 'profile' && t !== profile.resource))) {
          report(
            link.node,
            profile.resource,
            `${label} lists ${t.id} (${t.type}) in ${option}${branchNote(link)}, which is not an IAM role; list the role the instances should use.`,
            [{ node: resourceAnchor(t), message: `${t.id} (${t.type})` }],
          );
        }
      }
    }
    for (const [role, uses] of trustFailures) {
      // The principal of the statement that grants sts:AssumeRole to someone else is the most specific proof.
      const grant = role.trustPolicy?.statements.find(
        (st) => st.effect.every((e) => knownLower(e) === 'allow') && statementCoversAction(st, 'sts:AssumeRole') === 'yes',
      );
      const node = grant?.principal?.node ?? grant?.node ?? role.trustPolicy?.node ?? resourceAnchor(role.resource);
      const profiles = [...new Set(uses.map((u) => u.profile.resource.id))].join(', ');
      const related: RelatedNode[] = [];
      for (const u of uses) {
        related.push({ node: u.link.node, message: `wrapped by instance profile ${u.profile.resource.id}` });
        related.push(...attachments(model, u.profile));
      }
      report(
        node,
        role.resource,
        `Role ${role.resource.id}, used by instance profile ${profiles}, has a trust policy that does not allow ec2.amazonaws.com to call sts:AssumeRole, so instances with the profile get no credentials; add a statement allowing the service principal ec2.amazonaws.com the action sts:AssumeRole.`,
        related,
      );
    }
  },
});
