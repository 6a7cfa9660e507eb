import { describe, it, expect } from 'vitest';
import passroleWildcard from '../rules/passrole-wildcard.js';
import privilegeEscalation from '../rules/privilege-escalation.js';
import { check, compare, positionOf } from './helpers/policy-fixtures.js';

const P = 'fixtures/policy';
const CFN = 'fixtures/cloudformation';
const TF = 'fixtures/terraform';

describe('passrole-wildcard', () => {
  it('reports iam:PassRole granted directly, through iam:Pass* and through IAM:*, on every role', () => {
    const file = `${P}/passrole-wildcard/bad-passrole.json`;
    const r = compare(passroleWildcard, file, [
      { at: '"iam:PassRole"', resource: 'bad-passrole.json', says: ['launch an instance, function or stack with any role', 'iam:PassedToService'] },
      { at: '"iam:Pass*"', resource: 'bad-passrole.json', says: ['through "iam:Pass*"'] },
      { at: '"IAM:*"', resource: 'bad-passrole.json', says: ['through "IAM:*"'] },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(r.reports[1]!.related).toEqual([{ ...positionOf(file, '"arn:aws:iam::111122223333:role/*"'), message: '"arn:aws:iam::111122223333:role/*" covers every role' }]);
  });

  it('does not report a PassedToService condition, named roles, a prefix, or Deny', () => {
    expect(check(passroleWildcard, `${P}/passrole-wildcard/good-scoped.json`)).toEqual([]);
    expect(check(passroleWildcard, `${CFN}/passrole-wildcard/good.yaml`)).toEqual([]);
    expect(check(passroleWildcard, `${TF}/passrole-wildcard/good/main.tf.json`)).toEqual([]);
    expect(check(passroleWildcard, `${TF}/passrole-wildcard/good.plan.json`)).toEqual([]);
  });

  it('counts IfExists and set operators on iam:PassedToService as limits (every PassRole request carries the key), not a condition that lets every service through', () => {
    expect(check(passroleWildcard, `${P}/passrole-wildcard/good-passedtoservice-operators.json`)).toEqual([]);
    const r = compare(passroleWildcard, `${P}/passrole-wildcard/bad-passedtoservice-any.json`, [
      { at: '"iam:PassRole"', resource: 'bad-passedtoservice-any.json', says: ['its iam:PassedToService condition (StringLike) does not limit which services receive the role'] },
      { at: '"iam:PassRole"', nth: 2, resource: 'bad-passedtoservice-any.json', says: ['(StringNotEqualsIfExists) does not limit'] },
    ]);
    expect(r.actual).toEqual(r.expected);
  });

  it('reports CloudFormation, a .tf.json data source and a plan', () => {
    let r = compare(passroleWildcard, `${CFN}/passrole-wildcard/bad.yaml`, [{ at: 'iam:PassRole', resource: 'LauncherPolicy' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(passroleWildcard, `${TF}/passrole-wildcard/bad/main.tf.json`, [{ at: '"iam:PassRole"', resource: 'data.aws_iam_policy_document.launcher' }]);
    expect(r.actual).toEqual(r.expected);
    r = compare(passroleWildcard, `${TF}/passrole-wildcard/bad.plan.json`, [{ at: '\\"iam:PassRole\\"', resource: 'aws_iam_policy.launcher' }]);
    expect(r.actual).toEqual(r.expected);
  });
});

describe('privilege-escalation', () => {
  it('reports IAM writes on every user and every role, one finding per statement', () => {
    const file = `${P}/privilege-escalation/bad-iam-writes.json`;
    const r = compare(privilegeEscalation, file, [
      { at: '"iam:CreateAccessKey"', resource: 'bad-iam-writes.json', says: ['2 privilege-escalation paths', 'iam:CreateAccessKey, iam:UpdateLoginProfile'] },
      // An MFA condition does not limit what is granted.
      { at: '"iam:AttachRolePolicy"', resource: 'bad-iam-writes.json', says: ['attach AdministratorAccess to a role'] },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(r.reports[0]!.related.map((x) => x.message)).toEqual(['iam:UpdateLoginProfile is granted by statement 1 (Sid "HelpDesk") of policy bad-iam-writes.json']);
  });

  it('reports ec2:RunInstances with iam:PassRole to EC2 across two statements, PassRole as related location', () => {
    const file = `${P}/privilege-escalation/bad-passrole-run-instances.json`;
    const r = compare(privilegeEscalation, file, [{ at: '"ec2:RunInstances"', resource: 'bad-passrole-run-instances.json', says: ['ec2:RunInstances + iam:PassRole', 'instance metadata'] }]);
    expect(r.actual).toEqual(r.expected);
    expect(r.reports[0]!.related).toEqual([{ ...positionOf(file, '"iam:PassRole"'), message: 'iam:PassRole is granted by statement 2 (Sid "PassForEc2") of policy bad-passrole-run-instances.json' }]);
  });

  it('judges iam:PassedToService with IfExists the way passrole-wildcard does: EC2 allowed is a path, Lambda only is not', () => {
    const file = `${P}/privilege-escalation/bad-passrole-if-exists.json`;
    const r = compare(privilegeEscalation, file, [{ at: '"ec2:RunInstances"', resource: 'bad-passrole-if-exists.json', says: ['ec2:RunInstances + iam:PassRole'] }]);
    expect(r.actual).toEqual(r.expected);
    expect(check(privilegeEscalation, `${P}/privilege-escalation/good-passrole-if-exists.json`)).toEqual([]);
    // Both statements limit the services, so passrole-wildcard has nothing to say about either file.
    expect(check(passroleWildcard, [file])).toEqual([]);
    expect(check(passroleWildcard, [`${P}/privilege-escalation/good-passrole-if-exists.json`])).toEqual([]);
  });

  it('does not report self-service ARNs, PassRole limited to another service, limiting conditions, or paths a Deny blocks', () => {
    expect(check(privilegeEscalation, `${P}/privilege-escalation/good-self-service.json`)).toEqual([]);
    expect(check(privilegeEscalation, `${CFN}/privilege-escalation/good.yaml`)).toEqual([]);
    expect(check(privilegeEscalation, `${TF}/privilege-escalation/good/main.tf.json`)).toEqual([]);
    expect(check(privilegeEscalation, `${TF}/privilege-escalation/good.plan.json`)).toEqual([]);
  });

  it('does not count "*" on an S3 bucket ARN as a Glue or EC2 permission', () => {
    expect(check(privilegeEscalation, `${P}/wildcard-action/bad-full-wildcard.json`)).toEqual([]);
  });

  it('combines the policies attached to one CloudFormation role', () => {
    const file = `${CFN}/privilege-escalation/bad.yaml`;
    const r = compare(privilegeEscalation, file, [
      { at: 'ec2:RunInstances', resource: 'BuildRole', says: ['role BuildRole gets from its policies combined', 'ec2:RunInstances + iam:PassRole'] },
      { at: 'iam:CreatePolicyVersion', resource: 'PolicyAdmin' },
    ]);
    expect(r.actual).toEqual(r.expected);
    // The PassRole statement is in another policy, with `iam:PassedToService: ec2.*` that still allows EC2.
    expect(r.reports[0]!.related).toEqual([{ ...positionOf(file, 'iam:PassRole'), message: 'iam:PassRole is granted by statement 1 of policy PassPolicy' }]);
  });

  it('combines inline policies of a Terraform role and reports a plan', () => {
    let r = compare(privilegeEscalation, `${TF}/privilege-escalation/bad/main.tf.json`, [
      { at: '\\"lambda:CreateFunction\\"', resource: 'aws_iam_role.build', says: ['lambda:CreateFunction + lambda:InvokeFunction + iam:PassRole'] },
      { at: '\\"iam:CreateLoginProfile\\"', resource: 'aws_iam_user_policy.helpdesk' },
    ]);
    expect(r.actual).toEqual(r.expected);
    expect(r.reports[0]!.related).toHaveLength(2);
    r = compare(privilegeEscalation, `${TF}/privilege-escalation/bad.plan.json`, [{ at: '\\"iam:CreateAccessKey\\"', resource: 'aws_iam_user_policy.helpdesk' }]);
    expect(r.actual).toEqual(r.expected);
  });

  it('lets options switch paths off', () => {
    const file = `${P}/privilege-escalation/bad-iam-writes.json`;
    const got = check(privilegeEscalation, file, { ignorePaths: ['create-access-key', 'update-login-profile'] });
    expect(got.map((g) => g.line)).toEqual([13]);
  });
});

describe('privilege-escalation and NotResource', () => {
  it('does not count a step whose service NotResource excludes entirely', async () => {
    const { loadText } = await import('../src/load/index.js');
    const { adaptPolicyFile } = await import('../src/adapt/policy-file.js');
    const rule = (await import('../rules/privilege-escalation.js')).default;
    const { runRule } = await import('./helpers/run-rule.js');
    const policy = (notResource: string) => {
      const o = loadText(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Allow', Action: 'ec2:RunInstances', NotResource: notResource },
          ],
        }),
        'launcher.json',
      );
      if (o.status !== 'loaded') throw new Error('did not load');
      return runRule(rule, adaptPolicyFile(o.doc));
    };
    expect(policy('arn:aws:ec2:*:*:*')).toEqual([]);
    expect(policy('arn:aws:s3:::logs/*').length).toBeGreaterThan(0);
  });
});
