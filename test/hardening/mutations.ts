/**
 * Mutations of valid documents: on the tree (delete or duplicate a key, change a value's type, put an
 * intrinsic function where a literal was, nest a value deeply) and on the bytes (truncate, insert
 * random bytes or a NUL, flip quotes, CRLF or lone CR line ends, a byte order mark, repeated, dropped
 * or tab-indented lines, suppression comments).
 */
import fc from 'fast-check';
import { DeepNode, MapNode, TagNode, children, map, tag, type Tree } from './tree.js';

export type TreeMutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number; value: Tree | 'copy' }
  | { op: 'retype'; at: number; value: Tree }
  | { op: 'intrinsic'; at: number; form: number }
  | { op: 'nest'; at: number; depth: number; asMap: boolean };

export type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'bytes'; at: number; bytes: Uint8Array }
  | { op: 'nul'; at: number }
  | { op: 'flipQuote'; nth: number; to: string }
  | { op: 'lineEnds'; to: '\r\n' | '\r' }
  | { op: 'bom' }
  | { op: 'repeatLine' | 'dropLine' | 'tabIndent'; line: number }
  | { op: 'comment'; line: number; text: string };

export interface Mutation {
  tree: TreeMutation[];
  text: TextMutation[];
}

const REPLACEMENTS = (): Tree[] => [
  42,
  -1,
  3.5,
  1e21,
  true,
  false,
  null,
  '',
  '*',
  ' ',
  'x'.repeat(2000),
  '😀é\u200b\u2028',
  'line one\nline two\n',
  '${var.http_tokens}',
  '${aws_iam_role.app0.arn}',
  '{"Statement": "*"}',
  '%7B%22Statement%22%3A%22*%22%7D',
  [],
  new MapNode([]),
  ['*'],
  map({ Ref: 'Missing' }),
  map({ 'Fn::GetAtt': 'NoDot' }),
  map({ Effect: 'Allow', Action: '*', Resource: '*' }),
  new MapNode([['__proto__', map({ polluted: true })]]),
  map({ constructor: 'x', toString: 1, hasOwnProperty: 'y' }),
];

/** An intrinsic function put in place of `v` (some are malformed on purpose). */
function intrinsic(form: number, v: Tree): Tree {
  const forms: (() => Tree)[] = [
    () => tag('!Ref', 'AWS::NoValue'),
    () => tag('!Ref', 'Missing'),
    () => tag('!If', ['IsProd', v, 'other']),
    () => tag('!If', ['NoSuchCondition', v, tag('!Ref', 'AWS::NoValue')]),
    () => tag('!Sub', '${Missing}-${AWS::Region}'),
    () => tag('!Sub', ['${Name}-x', map({ Name: v })]),
    () => tag('!GetAtt', 'Role0.Arn'),
    () => tag('!GetAtt', ['Ghost', 'Arn']),
    () => tag('!Join', ['', [v]]),
    () => tag('!Select', [0, [v]]),
    () => tag('!FindInMap', ['Regions', tag('!Ref', 'AWS::Region'), 'Tokens']),
    () => tag('!ImportValue', 'shared-tokens'),
    () => tag('!Base64', v),
    () => tag('!Split', [',', 'a,b']),
    () => tag('!Ref', [v]),
    () => tag('!Bogus', v),
    () => tag('!GetAZs', ''),
    () => tag('!Cidr', ['10.0.0.0/16', 4, 8]),
    () => tag('!Transform', map({ Name: 'AWS::Include', Parameters: map({ Location: 's3://bucket/snippet.yaml' }) })),
    () => '${aws_instance.app0.id}',
    () => map({ 'Fn::If': ['IsProd', v] }),
    () => tag('!Condition', 'IsProd'),
  ];
  return forms[form % forms.length]!();
}

export const INTRINSIC_FORMS = 22;

function nest(v: Tree, depth: number, asMap: boolean): Tree {
  return new DeepNode(depth, asMap, v);
}

function countNodes(t: Tree): number {
  let n = 1;
  for (const c of children(t)) n += countNodes(c);
  return n;
}

/** The tree with one mutation applied at the node with this pre-order index (the root is 0). */
export function applyTreeMutation(root: Tree, m: TreeMutation): Tree {
  const target = m.at % countNodes(root);
  const replace = (v: Tree): Tree => {
    switch (m.op) {
      case 'retype':
        return m.value;
      case 'intrinsic':
        return intrinsic(m.form, v);
      case 'nest':
        return nest(v, m.depth, m.asMap);
      default:
        return v;
    }
  };
  if (target === 0) return m.op === 'delete' ? null : m.op === 'duplicate' ? [root, root] : replace(root);
  let index = 0;
  const walk = (t: Tree): Tree => {
    if (t instanceof MapNode) {
      const entries: [string, Tree][] = [];
      for (const [k, v] of t.entries) {
        const here = ++index;
        if (here === target) {
          if (m.op === 'delete') {
            index += countNodes(v) - 1;
            continue;
          }
          if (m.op === 'duplicate') {
            entries.push([k, v], [k, m.value === 'copy' ? v : m.value]);
            index += countNodes(v) - 1;
            continue;
          }
          entries.push([k, replace(v)]);
          index += countNodes(v) - 1;
          continue;
        }
        entries.push([k, walk(v)]);
      }
      return new MapNode(entries);
    }
    if (t instanceof TagNode) {
      const here = ++index;
      if (here === target) {
        index += countNodes(t.arg) - 1;
        return m.op === 'delete' ? new TagNode(t.tag, t.key, null) : new TagNode(t.tag, t.key, replace(t.arg));
      }
      return new TagNode(t.tag, t.key, walk(t.arg));
    }
    if (t instanceof DeepNode) {
      const here = ++index;
      if (here === target) {
        index += countNodes(t.inner) - 1;
        return m.op === 'delete' ? new DeepNode(t.depth, t.asMap, null) : new DeepNode(t.depth, t.asMap, replace(t.inner));
      }
      return new DeepNode(t.depth, t.asMap, walk(t.inner));
    }
    if (Array.isArray(t)) {
      const items: Tree[] = [];
      for (const v of t) {
        const here = ++index;
        if (here === target) {
          index += countNodes(v) - 1;
          if (m.op === 'delete') continue;
          if (m.op === 'duplicate') items.push(v, m.value === 'copy' ? v : m.value);
          else items.push(replace(v));
          continue;
        }
        items.push(walk(v));
      }
      return items;
    }
    return t;
  };
  return walk(root);
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The bytes with one mutation applied; positions are taken modulo the length. */
export function applyTextMutation(input: Buffer, m: TextMutation): Buffer {
  const at = (n: number) => n % (input.length + 1);
  switch (m.op) {
    case 'truncate':
      return input.subarray(0, at(m.at));
    case 'bytes':
      return Buffer.concat([input.subarray(0, at(m.at)), m.bytes, input.subarray(at(m.at))]);
    case 'nul':
      return Buffer.concat([input.subarray(0, at(m.at)), Buffer.from([0]), input.subarray(at(m.at))]);
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), input]);
    case 'lineEnds':
      return Buffer.from(input.toString('latin1').replace(/\r?\n/g, m.to), 'latin1');
    case 'flipQuote': {
      const text = input.toString('latin1');
      const quotes = [...text.matchAll(/["']/g)].map((q) => q.index);
      if (quotes.length === 0) return input;
      const i = quotes[m.nth % quotes.length]!;
      return Buffer.from(text.slice(0, i) + m.to + text.slice(i + 1), 'latin1');
    }
    default: {
      const lines = splitLines(input.toString('latin1'));
      const i = m.line % lines.length;
      const line = lines[i]!;
      if (m.op === 'repeatLine') lines.splice(i, 0, line);
      else if (m.op === 'dropLine') lines.splice(i, 1);
      else if (m.op === 'tabIndent') lines[i] = line.replace(/^ {0,2}/, '\t');
      else if (m.op === 'comment') lines.splice(i, 0, `${/^\s*/.exec(line)![0]}# ${m.text}`);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

const position = fc.nat({ max: 1_000_000 });

export const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: position }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, value: fc.oneof(fc.constant('copy' as const), fc.constantFrom(...REPLACEMENTS())) }),
  fc.record({ op: fc.constant('retype' as const), at: position, value: fc.oneof(fc.constantFrom(...REPLACEMENTS()), fc.string({ unit: 'binary', maxLength: 12 })) }),
  fc.record({ op: fc.constant('intrinsic' as const), at: position, form: fc.nat({ max: INTRINSIC_FORMS - 1 }) }),
  fc.record({
    op: fc.constant('nest' as const),
    at: position,
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 990, max: 1002 }), fc.constant(10_000)),
    asMap: fc.boolean(),
  }),
);

const DIRECTIVES = [
  'iamlint-disable-next-line imdsv1-allowed -- legacy AMI without IMDSv2 support',
  'iamlint-disable-next-line wildcard-action',
  'iamlint-disable-line imds-hop-limit -- containers need two hops (expires: 2020-01-01)',
  'iamlint-disable -- whole block',
  'iamlint-enable',
  'iamlint-disable-file wildcard-resource -- generated file',
  'iamlint-frobnicate everything',
  'cfn_nag rules_to_suppress W11',
];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('bytes' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
  fc.record({ op: fc.constant('nul' as const), at: position }),
  fc.record({ op: fc.constant('flipQuote' as const), nth: position, to: fc.constantFrom("'", '"', '', '`') }),
  fc.record({ op: fc.constant('lineEnds' as const), to: fc.constantFrom('\r\n' as const, '\r' as const) }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constantFrom('repeatLine' as const, 'dropLine' as const, 'tabIndent' as const), line: position }),
  fc.record({ op: fc.constant('comment' as const), line: position, text: fc.constantFrom(...DIRECTIVES) }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  tree: fc.array(treeMutation, { maxLength: 3 }),
  text: fc.array(textMutation, { maxLength: 2 }),
});

export function mutateTree(root: Tree, ms: readonly TreeMutation[]): Tree {
  return ms.reduce(applyTreeMutation, root);
}

export function mutateText(text: string, ms: readonly TextMutation[]): Buffer {
  return ms.reduce(applyTextMutation, Buffer.from(text, 'utf8'));
}
