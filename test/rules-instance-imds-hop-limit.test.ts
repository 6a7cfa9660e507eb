import { describe, expect, it } from 'vitest';
import rule from '../rules/imds-hop-limit.js';
import { brief, scanFixture, scanText } from './helpers/scan-fixture.js';

const CFN = 'fixtures/cloudformation/imds-hop-limit';
const TF = 'fixtures/terraform/imds-hop-limit';

const expected: Record<string, string[]> = {
  [`${CFN}/bad.yaml`]: [
    'ContainerHostTemplate note 41:36 /Resources/ContainerHostTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpPutResponseHopLimit',
    'BuildHost note 62:34 /Resources/BuildHost/Properties/MetadataOptions/HttpPutResponseHopLimit',
  ],
  [`${CFN}/bad.json`]: [
    'ContainerHostTemplate note 64:40 /Resources/ContainerHostTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpPutResponseHopLimit',
    'BuildHost note 110:38 /Resources/BuildHost/Properties/MetadataOptions/HttpPutResponseHopLimit',
  ],
  [`${TF}/bad/main.tf.json`]: [
    'aws_launch_template.container_host note 25:42 /resource/aws_launch_template/container_host/metadata_options/http_put_response_hop_limit',
    'aws_instance.build_host note 49:42 /resource/aws_instance/build_host/metadata_options/http_put_response_hop_limit',
  ],
  [`${TF}/bad.plan.json`]: [
    'aws_launch_template.container_host note 69:48 /planned_values/root_module/resources/0/values/metadata_options/0/http_put_response_hop_limit',
    'aws_instance.build_host note 189:48 /planned_values/root_module/resources/2/values/metadata_options/0/http_put_response_hop_limit',
  ],
};

const goods = [`${CFN}/good.yaml`, `${CFN}/good.json`, `${TF}/good/main.tf.json`, `${TF}/good.plan.json`];

describe('imds-hop-limit on the fixtures', () => {
  it.each(Object.entries(expected))('%s', (file, want) => {
    expect(scanFixture(rule, file).map(brief)).toEqual(want);
  });

  it.each(goods)('%s has no finding (limit 1, unknown limit, endpoint disabled)', (file) => {
    expect(scanFixture(rule, file)).toEqual([]);
  });

  it('says how far the token travels and what to use instead', () => {
    const [template, host] = scanFixture(rule, `${CFN}/bad.yaml`);
    expect(template!.message).toBe(
      "Launch template ContainerHostTemplate sets MetadataOptions.HttpPutResponseHopLimit to 3, so metadata tokens and the role's credentials reach processes up to 3 network hops away; lower it to 1 (2 on container hosts that need IMDS).",
    );
    expect(host!.message).toContain('sets MetadataOptions.HttpPutResponseHopLimit to 2');
  });

  it('allows 2 with the option max: 2', () => {
    expect(scanFixture(rule, `${CFN}/bad.yaml`, { max: 2 }).map(brief)).toEqual([
      'ContainerHostTemplate note 41:36 /Resources/ContainerHostTemplate/Properties/LaunchTemplateData/MetadataOptions/HttpPutResponseHopLimit',
    ]);
    expect(scanFixture(rule, `${TF}/bad.plan.json`, { max: 3 })).toEqual([]);
    expect(scanFixture(rule, `${CFN}/bad.yaml`, { max: 2 })[0]!.message).toContain('lower it to 2.');
  });

  it('reads numbers written as strings and through mappings and parameter defaults', () => {
    const yaml = [
      'Parameters:',
      '  Hops:',
      '    Type: Number',
      '    Default: 4',
      'Resources:',
      '  A:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      LaunchTemplateData:',
      '        MetadataOptions:',
      '          HttpTokens: required',
      '          HttpPutResponseHopLimit: "3"',
      '  B:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      MetadataOptions:',
      '        HttpTokens: required',
      '        HttpPutResponseHopLimit: !Ref Hops',
      '',
    ].join('\n');
    const found = scanText(rule, yaml, 'template.yaml');
    expect(found.map(brief)).toEqual([
      'A note 12:36 /Resources/A/Properties/LaunchTemplateData/MetadataOptions/HttpPutResponseHopLimit',
      'B note 18:34 /Resources/B/Properties/MetadataOptions/HttpPutResponseHopLimit',
    ]);
    expect(found[1]!.message).toContain('to 4 (from the default of parameter Hops)');
  });
});
