import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HclExpr, HclObject, HclTemplate } from '../src/adapt/tf-hcl-expression.js';
import { parseHclExpression, parseJsonencodeTemplate } from '../src/adapt/tf-hcl-expression.js';

/** The value an expression stands for, opaque parts as `<text>`, for compact assertions. */
function plain(e: HclExpr | undefined): unknown {
  if (!e) return undefined;
  switch (e.kind) {
    case 'object':
      return Object.fromEntries(e.members.map((m) => [m.key, plain(m.value)]));
    case 'tuple':
      return e.items.map(plain);
    case 'template':
      return e.literal ?? { template: e.template };
    case 'literal':
      return e.value;
    case 'expression':
      return `<${e.text}>`;
  }
}

function parsed(text: string): HclExpr {
  const e = parseHclExpression(text);
  expect(e, text).toBeDefined();
  return e!;
}

const member = (o: HclExpr, key: string): HclExpr => {
  expect(o.kind).toBe('object');
  const m = (o as HclObject).members.find((x) => x.key === key);
  expect(m, key).toBeDefined();
  return m!.value;
};

describe('parseHclExpression: constructors and literals', () => {
  it('reads object constructors with = and :, bare and quoted keys, commas, line breaks and a trailing comma', () => {
    const text = '{\n  Version = "2012-10-17"\n  "Sid": "A1", Effect = "Allow",\n  Count = 3\n}';
    expect(plain(parsed(text))).toEqual({ Version: '2012-10-17', Sid: 'A1', Effect: 'Allow', Count: 3 });
    expect(plain(parsed('{ a = 1, b = [1, 2,], }'))).toEqual({ a: 1, b: [1, 2] });
    expect(plain(parsed('{}'))).toEqual({});
    expect(plain(parsed('[\n "a",\n "b"\n]'))).toEqual(['a', 'b']);
  });

  it('reads numbers, true, false and null', () => {
    expect(plain(parsed('[0, 42, 1.5, -3, 2e3, 1.25E-2, true, false, null]'))).toEqual([0, 42, 1.5, -3, 2000, 0.0125, true, false, null]);
  });

  it('records the span of every node and key in the text', () => {
    const text = '{ Action = "s3:*", Resource = ["a", "b"] }';
    const e = parsed(text) as HclObject;
    const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    expect(slice(e)).toBe(text);
    const [action, resource] = e.members;
    expect(text.slice(action!.keyStart, action!.keyEnd)).toBe('Action');
    expect(slice(action!.value)).toBe('"s3:*"');
    expect(slice(resource!.value)).toBe('["a", "b"]');
    expect(resource!.value.kind === 'tuple' && resource!.value.items.map(slice)).toEqual(['"a"', '"b"']);
  });

  it('undoes HCL escapes and maps every unit of the value back to the text', () => {
    const text = '"a\\"b\\\\c\\n\\u0041\\U0001F600"';
    const t = parsed(text) as HclTemplate;
    expect(t.literal).toBe('a"b\\c\nA\u{1F600}');
    expect(t.template).toBe(t.literal);
    expect(t.units).toEqual([1, 2, 4, 5, 7, 8, 10, 16, 16, 26]);
    expect(text[t.units[t.units.length - 1]!]).toBe('"');
  });

  it('keeps $${ and %%{ escaped in the template and undone in the literal', () => {
    const t = parsed('"arn:aws:s3:::b/$${aws:username}/%%{x}"') as HclTemplate;
    expect(t.template).toBe('arn:aws:s3:::b/$${aws:username}/%%{x}');
    expect(t.literal).toBe('arn:aws:s3:::b/${aws:username}/%{x}');
  });
});

describe('parseHclExpression: what Terraform evaluates', () => {
  it('keeps templates with interpolations as Terraform JSON templates, references recorded', () => {
    const t = parsed('"${aws_s3_bucket.b.arn}/*"') as HclTemplate;
    expect(t.kind).toBe('template');
    expect(t.literal).toBeUndefined();
    expect(t.template).toBe('${aws_s3_bucket.b.arn}/*');
    expect(t.refs.map((r) => r.address)).toEqual(['aws_s3_bucket.b']);
    // nested quotes inside the interpolation are not string escapes of the outer template
    const nested = parsed('"${lookup(var.names, "app")}-\\"x\\""') as HclTemplate;
    expect(nested.template).toBe('${lookup(var.names, "app")}-"x"');
    expect(nested.refs.map((r) => r.address)).toEqual(['var.names']);
    const directive = parsed('"%{ for k, v in var.m }${k}%{ endfor }"') as HclTemplate;
    expect(directive.template).toBe('%{ for k, v in var.m }${k}%{ endfor }');
  });

  it('keeps references, calls, for expressions and operators as expression text', () => {
    const e = parsed(
      '{ a = aws_s3_bucket.b.arn, b = var.x, c = concat(local.l, ["x"]), d = [for s in var.xs : "arn:${s}"], e = {for k, v in var.m : k => v}, f = "a" == var.v ? 1 : 2, g = !var.on, h = -var.n, i = [1][0] }',
    );
    expect(plain(e)).toEqual({
      a: '<aws_s3_bucket.b.arn>',
      b: '<var.x>',
      c: '<concat(local.l, ["x"])>',
      d: '<[for s in var.xs : "arn:${s}"]>',
      e: '<{for k, v in var.m : k => v}>',
      f: '<"a" == var.v ? 1 : 2>',
      g: '<!var.on>',
      h: '<-var.n>',
      i: '<[1][0]>',
    });
    const c = member(e, 'c');
    expect(c.kind === 'expression' && c.refs.map((r) => r.address)).toEqual(['local.l']);
    const d = member(e, 'd');
    expect(d.kind === 'expression' && d.refs.map((r) => r.address)).toEqual(['var.xs']);
  });

  it('ends an expression at a line break in an object, not inside brackets', () => {
    const e = parsed('{\n  a = concat(\n    var.x,\n    var.y\n  )\n  b = var.z\n}');
    expect(plain(e)).toEqual({ a: '<concat( var.x, var.y )>', b: '<var.z>' });
  });

  it('makes an object with a computed key an expression, and leaves its parents constructors', () => {
    const e = parsed('{ Condition = { StringEquals = { "${local.oidc}:sub" = "system:serviceaccount:app:web" } } }');
    expect(plain(e)).toEqual({ Condition: { StringEquals: '<{ "${local.oidc}:sub" = "system:serviceaccount:app:web" }>' } });
    expect(plain(parsed('{ (var.k) = 1 }'))).toBe('<{ (var.k) = 1 }>');
  });

  it('skips #, // and /* */ comments, and leaves them out of expression text', () => {
    const text = '{\n  # the version\n  Version = "2012-10-17" // required\n  /* several\n     lines */ Action = var.a # who\n  Resource = concat(/* x */ var.r)\n}';
    const e = parsed(text);
    expect(plain(e)).toEqual({ Version: '2012-10-17', Action: '<var.a>', Resource: '<concat( var.r)>' });
    const action = member(e, 'Action');
    expect(text.slice(action.start, action.end)).toBe('var.a');
  });
});

describe('parseHclExpression: giving up', () => {
  it.each([
    ['an unterminated object', '{ a = 1'],
    ['members without a separator', '{ a = 1 b = 2 }'],
    ['a duplicate key', '{ a = 1, a = 2 }'],
    ['a value on the line after =', '{ a =\n 1 }'],
    ['a heredoc', '{ a = <<EOT\nx\nEOT\n}'],
    ['a line break in a quoted string', '"a\nb"'],
    ['an unknown escape', '"a\\qb"'],
    ['a short unicode escape', '"\\u00"'],
    ['an unterminated string', '"abc'],
    ['an unterminated interpolation', '"${var.x"'],
    ['a comment inside an interpolation', '"${var.x # }"'],
    ['an escaped brace after $', '"$\\u007Bvar.x}"'],
    ['an unterminated block comment', '{ a = 1 /* }'],
    ['mismatched brackets', 'concat(var.a]'],
    ['a key that is a traversal', '{ a.b = 1 }'],
    ['a stray operator', '{ a = * }'],
    ['an empty text', '  '],
    ['two expressions', '1 2'],
    ['two names in a row', '{ a = var.x var.y }'],
    ['an object constructor after a name', '{ a = var.x { b = 1 } }'],
    ['two names in a row inside an interpolation', '"${var.x var.y}"'],
  ])('gives up on %s', (_what, text) => {
    expect(parseHclExpression(text)).toBeUndefined();
  });

  it('gives up beyond the nesting limit and reads just below it', () => {
    expect(parseHclExpression('['.repeat(200) + ']'.repeat(200))).toBeUndefined();
    expect(plain(parsed('['.repeat(20) + '1' + ']'.repeat(20)))).toBeDefined();
    expect(parseHclExpression('concat(' + '('.repeat(100) + ')'.repeat(100) + ')')).toBeUndefined();
  });

  it('gives up on texts past the size limit', () => {
    expect(parseHclExpression(`["${'a'.repeat(600 * 1024)}"]`)).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    const pieces = ['{', '}', '[', ']', '(', ')', '"', '\\', '${', '%{', '$${', '=', ':', ',', '\n', ' ', '#', '//', '/*', '*/', 'a', 'var.x', '1', '-', 'for', '<<', '~'];
    const texts = fc.oneof(fc.string(), fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join('')));
    fc.assert(
      fc.property(texts, (t) => {
        parseHclExpression(t);
        parseJsonencodeTemplate(`\${jsonencode(${t})}`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseJsonencodeTemplate', () => {
  it('reads the argument of a string that is exactly one jsonencode interpolation, offsets in the whole string', () => {
    const text = '${jsonencode({ Action = "*" })}';
    const e = parseJsonencodeTemplate(text);
    expect(plain(e)).toEqual({ Action: '*' });
    const action = member(e!, 'Action');
    expect(text.slice(action.start, action.end)).toBe('"*"');
  });

  it('allows blanks, line breaks, comments and strip markers around the call', () => {
    expect(plain(parseJsonencodeTemplate('\n  ${~ jsonencode( # policy\n  { a = 1 }\n  ) ~}\n'))).toEqual({ a: 1 });
    expect(plain(parseJsonencodeTemplate('${jsonencode(local.policy)}'))).toBe('<local.policy>');
  });

  it('is undefined for other strings', () => {
    for (const text of [
      '{"Version": "2012-10-17"}',
      'x-${jsonencode({ a = 1 })}',
      '${jsonencode({ a = 1 })}-x',
      '${jsonencode({ a = 1 })}${var.b}',
      '${merge(jsonencode({ a = 1 }))}',
      '${jsonencodex({ a = 1 })}',
      '${jsonencode({ a = 1 }, 2)}',
      '${jsonencode({ a = 1 }',
      '${jsonencode({ a = 1 b = 2 })}',
      '$${jsonencode({ a = 1 })}',
    ]) {
      expect(parseJsonencodeTemplate(text), text).toBeUndefined();
    }
  });
});
