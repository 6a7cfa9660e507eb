import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareLocations } from '../src/engine/locate.js';
import { decodeUrlEncodedJson, loadText, openEmbeddedJson } from '../src/load/index.js';
import { Node } from '../src/model/node.js';
import type { Path, Region, SourceDocument } from '../src/model/source.js';

const dir = 'fixtures/input';
const text = (name: string) => readFileSync(`${dir}/${name}`, 'utf8');

function rootOf(name: string): Node {
  const outcome = loadText(readFileSync(`${dir}/${name}`), `${dir}/${name}`);
  if (outcome.status !== 'loaded') throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return Node.root(outcome.doc);
}

function open(name: string, path: Path): Node {
  const node = rootOf(name).at(...path);
  expect(node).toBeDefined();
  const inner = openEmbeddedJson(node!);
  expect(inner).toBeDefined();
  return inner!;
}

/** The region of the only occurrence of `before + value` in the file, covering `value`: an independent oracle. */
function regionOf(source: string, before: string, value: string): Region {
  const lines = source.split(/\r?\n/);
  const hits = lines.flatMap((l, i) => (l.includes(before + value) ? [i] : []));
  expect(hits).toHaveLength(1);
  const line = hits[0]!;
  const col = lines[line]!.indexOf(before + value) + before.length + 1;
  return { startLine: line + 1, startColumn: col, endLine: line + 1, endColumn: col + value.length };
}

const located = (doc: SourceDocument, path: Path) => doc.locate(path);

describe('openEmbeddedJson', () => {
  it('locates announced paths from one pass, in the embedded text and the outer one, as the full index does', () => {
    const policy = ['resource', 'aws_iam_policy', 'admin', 'policy'];
    const paths: Path[] = [['Statement', 0, 'Action'], ['Statement', 0, 'Sid'], ['Statement', 0], []];
    const plain = open('embedded-policy.tf.json', policy);
    const prepared = open('embedded-policy.tf.json', policy);
    // What a run does once its rules have reported: findings are on nodes, which exist.
    prepareLocations(paths.map((p) => prepared.at(...p)!));
    for (const p of paths) expect(located(prepared.doc, p)).toEqual(located(plain.doc, p));
    // Neither document built an index of every value.
    const indexOf = (doc: SourceDocument) => (doc as unknown as { positions: { index?: unknown } }).positions.index;
    expect(indexOf(prepared.doc)).toBeUndefined();
    expect(indexOf(prepared.doc.embeddedIn!.doc)).toBeUndefined();
    expect(indexOf(plain.doc)).toBeDefined();
  });

  it('positions a policy inside a Terraform JSON string exactly, through \\" and \\u escapes', () => {
    const inner = open('embedded-policy.tf.json', ['resource', 'aws_iam_policy', 'admin', 'policy']);
    expect(inner.doc.file).toBe('fixtures/input/embedded-policy.tf.json');
    expect(inner.doc.format).toBe('terraform-json');
    expect(inner.value).toStrictEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'All!', Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const source = text('embedded-policy.tf.json');
    expect(located(inner.doc, ['Statement', 0, 'Action'])).toEqual(regionOf(source, '\\"Action\\": ', '\\"*\\"'));
    expect(located(inner.doc, ['Statement', 0, 'Sid'])).toEqual(regionOf(source, '\\"Sid\\": ', '\\"All\\\\u0021\\"'));
    // An absent member of an array item: the item (the whole statement object).
    const line = source.split('\n')[6]!;
    const from = line.indexOf('{\\"Sid\\"');
    const to = line.indexOf('\\"*\\"}', from) + '\\"*\\"}'.length;
    expect(located(inner.doc, ['Statement', 0, 'Condition'])).toEqual({ startLine: 7, startColumn: from + 1, endLine: 7, endColumn: to + 1 });
    expect(inner.doc.lines!(7, 7)[0]).toContain('\\"Action\\": \\"*\\"');
    expect(inner.doc.embeddedIn?.path).toEqual(['resource', 'aws_iam_policy', 'admin', 'policy']);
    expect(inner.doc.embeddedIn?.doc.format).toBe('terraform-json');
  });

  it('positions a jsonencode result in a minified plan exactly', () => {
    const inner = open('plan-minified.json', ['planned_values', 'root_module', 'resources', 1, 'values', 'policy']);
    expect(inner.doc.format).toBe('terraform-plan');
    const source = text('plan-minified.json');
    expect(located(inner.doc, ['Statement', 0, 'Action'])).toEqual(regionOf(source, '\\"Action\\":', '\\"*\\"'));
  });

  it('positions a policy in a YAML literal block and a single-quoted string exactly', () => {
    const source = text('embedded-policy-in-yaml.yaml');
    const literal = open('embedded-policy-in-yaml.yaml', ['Resources', 'Literal', 'Properties', 'PolicyDocument']);
    expect(located(literal.doc, ['Statement', 0, 'Action'])).toEqual(regionOf(source, '"Effect": "Allow", "Action": ', '"*"'));
    expect(located(literal.doc, ['Version'])).toEqual(regionOf(source, '"Version": ', '"2012-10-17"'));
    expect(located(literal.doc, [])).toEqual({ startLine: 7, startColumn: 9, endLine: 10, endColumn: 10 });
    const quoted = open('embedded-policy-in-yaml.yaml', ['Resources', 'Quoted', 'Properties', 'PolicyDocument']);
    expect(located(quoted.doc, ['Statement', 0, 'Action'])).toEqual(regionOf(source, '"Action": ', '"iam:*"'));
  });

  it('falls back to the whole outer string for a folded YAML scalar', () => {
    const outer = rootOf('embedded-policy-in-yaml.yaml');
    const node = outer.at('Resources', 'Folded', 'Properties', 'PolicyDocument')!;
    const inner = openEmbeddedJson(node)!;
    expect(inner.value).toStrictEqual({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(located(inner.doc, ['Statement', 0, 'Action'])).toEqual({ startLine: 18, startColumn: 23, endLine: 20, endColumn: 42 });
    expect(located(inner.doc, ['Statement', 0, 'Action'])).toEqual(outer.doc.locate(node.path));
  });

  it('opens a URL-encoded PolicyDocument and points at the whole encoded string', () => {
    const outer = rootOf('get-role-policy.json');
    const node = outer.get('PolicyDocument')!;
    const inner = openEmbeddedJson(node)!;
    expect(inner.value).toStrictEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const whole = outer.doc.locate(['PolicyDocument']);
    expect(whole.startLine).toBe(4);
    expect(whole.startColumn).toBe(23);
    expect(located(inner.doc, ['Statement', 0, 'Action'])).toEqual(whole);
    expect(JSON.parse(decodeUrlEncodedJson(node.value as string)!)).toStrictEqual(inner.value);
  });

  it('returns undefined for strings that are not a JSON object or array', () => {
    const outer = rootOf('embedded-policy-in-yaml.yaml');
    expect(openEmbeddedJson(outer.at('Resources', 'NotJson', 'Properties', 'PolicyDocument')!)).toBeUndefined();
    const tf = loadText('{"resource": {"aws_iam_policy": {"p": {"policy": "${data.aws_iam_policy_document.x.json}", "n": "{not json", "s": "\\"str\\""}}}}', 'm.tf.json');
    if (tf.status !== 'loaded') throw new Error(JSON.stringify(tf));
    const p = Node.root(tf.doc).at('resource', 'aws_iam_policy', 'p')!;
    expect(openEmbeddedJson(p.get('policy')!)).toBeUndefined();
    expect(openEmbeddedJson(p.get('n')!)).toBeUndefined();
    expect(openEmbeddedJson(p.get('s')!)).toBeUndefined();
    expect(openEmbeddedJson(p)).toBeUndefined();
    expect(decodeUrlEncodedJson('%ZZ')).toBeUndefined();
    expect(decodeUrlEncodedJson('plain')).toBeUndefined();
  });

  it('opens a string inside an embedded document (nested), still exact', () => {
    const innerJson = JSON.stringify({ Statement: [{ Action: '*' }] });
    const middle = JSON.stringify({ policy: innerJson });
    const outerText = JSON.stringify({ Statement: [], Wrapped: middle });
    const outcome = loadText(outerText, 'nested.json');
    if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
    const level1 = openEmbeddedJson(Node.root(outcome.doc).get('Wrapped')!)!;
    const level2 = openEmbeddedJson(level1.get('policy')!)!;
    expect(level2.value).toStrictEqual({ Statement: [{ Action: '*' }] });
    const r = level2.doc.locate(['Statement', 0, 'Action']);
    // Escaped twice in the file: \\\"*\\\"
    expect(r.startLine).toBe(1);
    expect(outerText.slice(r.startColumn - 1, r.endColumn - 1)).toBe('\\\\\\"*\\\\\\"');
  });

  it('works on documents it did not load, pointing at the outer node', () => {
    const synthetic: SourceDocument = {
      file: 'src/app.ts',
      format: 'source',
      root: { policy: '{"Statement": []}' },
      locate: () => ({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 30 }),
    };
    const inner = openEmbeddedJson(Node.root(synthetic).get('policy')!)!;
    expect(inner.value).toStrictEqual({ Statement: [] });
    expect(inner.doc.locate(['Statement'])).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 30 });
  });
});
