import { describe, expect, it } from 'vitest';
import { parseReference, readTemplate, referencesIn, templateParts, withoutInstanceKeys } from '../src/adapt/tf-reference.js';

const brief = (refs: ReturnType<typeof referencesIn>) => refs.map((r) => [r.root, r.address, r.index, r.attribute]);

describe('parseReference', () => {
  it('reads resource, data, variable, local and module references as plans write them', () => {
    expect(parseReference('aws_iam_instance_profile.web.name')).toMatchObject({ root: 'resource', address: 'aws_iam_instance_profile.web', type: 'aws_iam_instance_profile', name: 'web', attribute: 'name' });
    expect(parseReference('aws_iam_role.app[0].arn')).toMatchObject({ address: 'aws_iam_role.app', index: 0, attribute: 'arn' });
    expect(parseReference('aws_iam_role.app["blue"]')).toMatchObject({ address: 'aws_iam_role.app', index: 'blue' });
    expect(parseReference('data.aws_iam_policy_document.trust.json')).toMatchObject({ root: 'data', address: 'data.aws_iam_policy_document.trust', attribute: 'json' });
    expect(parseReference('data.template_file.foo[1].vars["baz"]')).toMatchObject({ root: 'data', index: 1, attribute: 'vars' });
    expect(parseReference('module.iam.profile_name')).toMatchObject({ root: 'module', address: 'module.iam', attribute: 'profile_name' });
    expect(parseReference('var.profile_name')).toMatchObject({ root: 'var', address: 'var.profile_name', name: 'profile_name' });
    expect(parseReference('local.tags')).toMatchObject({ root: 'local', address: 'local.tags' });
    expect(parseReference('aws_instance.web.*.id')).toMatchObject({ address: 'aws_instance.web', index: '*' });
  });

  it('rejects what is not an object reference', () => {
    for (const text of ['count.index', 'each.value', 'path.module', 'self.arn', 'terraform.workspace', 'var', 'aws_instance', 'jsonencode(x)', '"a"', 'Version']) {
      expect(parseReference(text), text).toBeUndefined();
    }
  });
});

describe('referencesIn', () => {
  it('finds references in function calls, objects, nested templates and computed indexes', () => {
    expect(brief(referencesIn('jsonencode({ Statement = [{ Resource = "${aws_s3_bucket.b.arn}/*", Action = var.actions }] })'))).toEqual([
      ['resource', 'aws_s3_bucket.b', undefined, 'arn'],
      ['var', 'var.actions', undefined, undefined],
    ]);
    expect(brief(referencesIn('aws_iam_instance_profile.p[count.index].name'))).toEqual([['resource', 'aws_iam_instance_profile.p', undefined, 'name']]);
    expect(brief(referencesIn('lookup(local.profiles, var.env, module.iam.default)'))).toEqual([
      ['local', 'local.profiles', undefined, undefined],
      ['var', 'var.env', undefined, undefined],
      ['module', 'module.iam', undefined, 'default'],
    ]);
  });

  it('does not take for-expression variables, object keys or strings for references', () => {
    expect(brief(referencesIn('[for p_arn in var.arns : p_arn.value if p_arn != "aws_x.y"]'))).toEqual([['var', 'var.arns', undefined, undefined]]);
    expect(brief(referencesIn('{ http_tokens = "required", aws_region = data.aws_region.current.name }'))).toEqual([
      ['data', 'data.aws_region.current', undefined, 'name'],
    ]);
  });
});

describe('templates', () => {
  it('tells literals, single references and templates apart', () => {
    expect(readTemplate('ami-0abcdef1234567890')).toEqual({ literal: 'ami-0abcdef1234567890', refs: [] });
    expect(readTemplate('arn:aws:s3:::b/$${aws:username}/*')).toEqual({ literal: 'arn:aws:s3:::b/${aws:username}/*', refs: [] });
    const single = readTemplate('${aws_iam_role.web.name}');
    expect(single.single?.address).toBe('aws_iam_role.web');
    expect(single.sole).toBe('aws_iam_role.web.name');
    const fn = readTemplate('${jsonencode({ a = aws_iam_role.web.arn })}');
    expect(fn.single).toBeUndefined();
    expect(fn.sole).toBe('jsonencode({ a = aws_iam_role.web.arn })');
    expect(brief(fn.refs as ReturnType<typeof referencesIn>)).toEqual([['resource', 'aws_iam_role.web', undefined, 'arn']]);
    const mixed = readTemplate('${aws_iam_role.web.name}-profile');
    expect(mixed.single).toBeUndefined();
    expect(mixed.sole).toBeUndefined();
    expect(mixed.refs.map((r) => r.address)).toEqual(['aws_iam_role.web']);
  });

  it('splits text, interpolations with braces inside, strip markers and directives', () => {
    expect(templateParts('a-${ lookup({x = "}"}, "x") }-%{ if var.on }on%{ endif }')).toEqual([
      { kind: 'text', text: 'a-' },
      { kind: 'expr', text: 'lookup({x = "}"}, "x")' },
      { kind: 'text', text: '-' },
      { kind: 'directive', text: 'if var.on' },
      { kind: 'text', text: 'on' },
      { kind: 'directive', text: 'endif' },
    ]);
    expect(templateParts('${~ var.x ~}')).toEqual([{ kind: 'expr', text: 'var.x' }]);
    expect(templateParts('broken ${var.x')).toEqual([{ kind: 'text', text: 'broken ${var.x' }]);
  });

  it('stays bounded on deeply nested templates', () => {
    const deep = '${"'.repeat(20000) + 'x' + '"}'.repeat(20000);
    expect(() => readTemplate(deep)).not.toThrow();
    expect(readTemplate(deep).single).toBeUndefined();
  });

  it('drops instance keys from addresses', () => {
    expect(withoutInstanceKeys('module.web["a.b[0]"].aws_instance.x[0]')).toBe('module.web.aws_instance.x');
    expect(withoutInstanceKeys('module.web[1].module.inner')).toBe('module.web.module.inner');
  });
});
