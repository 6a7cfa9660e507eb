import { describe, expect, it } from 'vitest';
import rule from '../rules/max-session-duration.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/max-session-duration';
const TF = 'fixtures/terraform/max-session-duration';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'EngineerRole warning 17:27 /Resources/EngineerRole/Properties/MaxSessionDuration',
    'PipelineRole warning 35:27 /Resources/PipelineRole/Properties/MaxSessionDuration',
    'BreakGlassRole error 48:27 /Resources/BreakGlassRole/Properties/MaxSessionDuration',
    'ReportHostRole note 60:27 /Resources/ReportHostRole/Properties/MaxSessionDuration',
  ],
  [`${CFN}/bad.json`]: [
    'EngineerRole warning 19:31 /Resources/EngineerRole/Properties/MaxSessionDuration',
    'PipelineRole warning 50:31 /Resources/PipelineRole/Properties/MaxSessionDuration',
    'BreakGlassRole error 73:31 /Resources/BreakGlassRole/Properties/MaxSessionDuration',
    'ReportHostRole note 93:31 /Resources/ReportHostRole/Properties/MaxSessionDuration',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_iam_role.engineer warning 18:33 /resource/aws_iam_role/engineer/max_session_duration',
    'aws_iam_role.break_glass error 23:33 /resource/aws_iam_role/break_glass/max_session_duration',
    'aws_iam_role.report_host note 28:33 /resource/aws_iam_role/report_host/max_session_duration',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_iam_role.engineer warning 18:37 /planned_values/root_module/resources/0/values/max_session_duration',
    'aws_iam_role.break_glass error 41:37 /planned_values/root_module/resources/1/values/max_session_duration',
    'aws_iam_role.report_host note 64:37 /planned_values/root_module/resources/2/values/max_session_duration',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('max-session-duration on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (3600, unset, decided at deploy time)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('explains each severity', () => {
    const [engineer, pipeline, breakGlass, reportHost] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(engineer!.message).toBe(
      'Role EngineerRole sets MaxSessionDuration to 43200 (12 hours), above the allowed 3600 seconds, so stolen session credentials stay valid longer; lower it to 3600 or less.',
    );
    expect(pipeline!.message).toContain('to 28800 (8 hours) (from the default of parameter PipelineSessionSeconds)');
    expect(pipeline!.related.map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual(['7:14 default of parameter PipelineSessionSeconds']);
    expect(breakGlass!.message).toBe(
      'Role BreakGlassRole sets MaxSessionDuration to 86400, outside the 3600–43200 seconds IAM accepts, so the deployment fails; use 3600 (one hour, the default).',
    );
    expect(reportHost!.message).toContain('only ec2.amazonaws.com can assume it and instance-profile credentials ignore this limit, so the setting has no effect');
  });

  it('honours the maxSeconds option but never accepts an out-of-range value', () => {
    expect(scanFixture(rule, `${TF}/bad/main.tf.json`, { maxSeconds: 43200 }).map(brief)).toEqual([
      'aws_iam_role.break_glass error 23:33 /resource/aws_iam_role/break_glass/max_session_duration',
    ]);
    expect(scanFixture(rule, `${CFN}/bad.yaml`, { maxSeconds: 28800 }).map((f) => f.resource)).toEqual(['EngineerRole', 'BreakGlassRole']);
  });

  it('reports values below the minimum and an Fn::If branch, and keeps other principals in the warning', () => {
    const yaml = [
      'Conditions:',
      '  Long: !Equals [!Ref AWS::Region, eu-west-1]',
      'Resources:',
      '  Short:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      MaxSessionDuration: 900',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: ec2.amazonaws.com }',
      '            Action: sts:AssumeRole',
      '  Shared:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      MaxSessionDuration: !If [Long, 14400, 3600]',
      '      AssumeRolePolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal: { Service: [ec2.amazonaws.com, ssm.amazonaws.com] }',
      '            Action: sts:AssumeRole',
      '',
    ].join('\n');
    const found = scanText(rule, yaml, 'template.yaml');
    expect(found.map(brief)).toEqual([
      'Short error 7:27 /Resources/Short/Properties/MaxSessionDuration',
      'Shared warning 16:38 /Resources/Shared/Properties/MaxSessionDuration/Fn::If/1',
    ]);
    expect(found[1]!.message).toContain('to 14400 (4 hours) (when condition Long is true)');
  });
});
