import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/load/index.js';
import type { LoadOutcome } from '../src/load/types.js';
import { valueAt } from '../src/load/document.js';
import type { Json, Path, SourceDocument } from '../src/model/source.js';

const dig = (root: Json, ...path: Path) => valueAt(root, path);

const dir = 'fixtures/input';
const read = (name: string) => readFileSync(`${dir}/${name}`);
const load = (name: string): LoadOutcome => loadText(read(name), `${dir}/${name}`);

function loaded(name: string): SourceDocument {
  const outcome = load(name);
  if (outcome.status !== 'loaded') throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome.doc;
}

const at = (doc: SourceDocument, path: Path) => {
  const r = doc.locate(path);
  return [r.startLine, r.startColumn, r.endLine, r.endColumn];
};

/** 1-based column just after `marker` in a one-line text: an oracle independent of the loader. */
const columnAfter = (text: string, marker: string) => {
  const i = text.indexOf(marker);
  expect(i).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(marker, i + 1)).toBe(-1);
  return i + marker.length + 1;
};

describe('format detection for JSON', () => {
  it.each([
    ['cfn-short-tags.json', 'cloudformation-json'],
    ['plan-minified.json', 'terraform-plan'],
    ['state.json', 'terraform-state'],
    ['embedded-policy.tf.json', 'terraform-json'],
    ['terraform-by-keys.json', 'terraform-json'],
    ['bom-crlf.json', 'iam-policy'],
    ['statement-is-a-string.json', 'iam-policy'],
    ['get-role-policy.json', 'iam-policy'],
    ['policy-wrapper.json', 'iam-policy'],
    ['get-policy-version.json', 'iam-policy'],
    ['deep-nesting-50.json', 'iam-policy'],
  ])('%s is %s', (name, format) => {
    expect(loaded(name).format).toBe(format);
  });

  it('skips JSON that is none of our formats, counting its size', () => {
    expect(load('package-like.json')).toMatchObject({ status: 'skipped', bytes: read('package-like.json').length });
    expect(loadText('[1, 2, 3]', 'list.json')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('its top level is a list'),
    });
    // `output` alone is a Terraform block only when every top-level key is one.
    expect(loadText('{"output": {"x": 1}, "name": "n"}', 'o.json')).toMatchObject({ status: 'skipped' });
  });

  it('skips invalid JSON that does not look like ours (editor settings with comments)', () => {
    const outcome = load('editor-settings-with-comments.json');
    expect(outcome.status).toBe('skipped');
    if (outcome.status === 'skipped') expect(outcome.reason).toMatch(/JSON error at line 2, column 3: comments are not allowed/);
  });

  it('loads an empty .tf.json module file as Terraform', () => {
    expect(loadText('{}', 'main.tf.json')).toMatchObject({ status: 'loaded', doc: { format: 'terraform-json' } });
  });
});

describe('JSON bad input', () => {
  it('reports invalid JSON with line and column', () => {
    expect(load('invalid-syntax.json')).toMatchObject({
      status: 'error',
      format: 'iam-policy',
      message: 'JSON error at line 4, column 53: a value was expected',
      region: { startLine: 4, startColumn: 53, endLine: 4, endColumn: 54 },
    });
  });

  it('reports a truncated .tf.json whatever it contains', () => {
    expect(loadText('{"resource": {', 'main.tf.json')).toMatchObject({
      status: 'error',
      format: 'terraform-json',
      message: 'JSON error at line 1, column 14: the text ends early: a closing brace was expected',
    });
  });

  it('refuses 10,000-level nesting with a clear error, before JSON.parse', () => {
    expect(load('deep-nesting-10000.json')).toMatchObject({
      status: 'error',
      message: 'JSON error at line 1, column 1014: nesting is deeper than 1000 levels',
    });
  });

  it('loads 50-level nesting', () => {
    const doc = loaded('deep-nesting-50.json');
    expect(dig(doc.root, 'Extra', ...Array<string>(50).fill('Nested'))).toBe('leaf');
  });

  it('does not count brackets inside strings as nesting', () => {
    const text = JSON.stringify({ Statement: [{ Sid: '['.repeat(5000) + '\\"' + '{'.repeat(5000), Effect: 'Allow' }] });
    expect(loadText(text, 'p.json').status).toBe('loaded');
  });
});

describe('JSON positions', () => {
  it('points at values, keys of absent members and array items', () => {
    const doc = loaded('bom-crlf.json');
    expect(at(doc, ['Version'])).toEqual([2, 14, 2, 26]);
    expect(at(doc, ['Statement', 0, 'Action'])).toEqual([4, 36, 4, 39]);
    expect(at(doc, ['Statement', 0])).toEqual([4, 5, 4, 58]);
    expect(at(doc, ['Statement', 0, 'Condition'])).toEqual([4, 5, 4, 58]);
    expect(at(doc, ['Statement', 3])).toEqual([3, 3, 3, 14]);
    expect(at(doc, ['Statement'])).toEqual([3, 16, 5, 4]);
    expect(at(doc, [])).toEqual([1, 1, 6, 2]);
    expect(doc.lines!(4, 4)).toEqual(['    { "Effect": "Allow", "Action": "*", "Resource": "*" }']);
    expect(doc.comments!()).toEqual([]);
  });

  it('has exact columns in a minified plan', () => {
    const text = read('plan-minified.json').toString('utf8');
    expect(text.includes('\n')).toBe(false);
    const doc = loaded('plan-minified.json');
    const resources = ['planned_values', 'root_module', 'resources'];
    const tokens = [...resources, 0, 'values', 'metadata_options', 0, 'http_tokens'];
    const col = columnAfter(text, '"http_tokens":');
    expect(at(doc, tokens)).toEqual([1, col, 1, col + '"optional"'.length]);
    const hop = columnAfter(text, '"http_put_response_hop_limit":');
    expect(at(doc, [...resources, 0, 'values', 'metadata_options', 0, 'http_put_response_hop_limit'])).toEqual([1, hop, 1, hop + 1]);
    const address = columnAfter(text, '"address":"aws_iam_policy.admin"') - '"aws_iam_policy.admin"'.length;
    expect(at(doc, [...resources, 1, 'address'])).toEqual([1, address, 1, address + '"aws_iam_policy.admin"'.length]);
  });

  it('finds the last of duplicate JSON keys, as JSON.parse keeps it', () => {
    const o = loadText('{"Statement": [], "Version": "2008-10-17", "Version": "2012-10-17"}', 'd.json');
    if (o.status !== 'loaded') throw new Error(JSON.stringify(o));
    expect(dig(o.doc.root, 'Version')).toBe('2012-10-17');
    expect(at(o.doc, ['Version'])).toEqual([1, 55, 1, 67]);
  });

  it('matches keys written with escapes', () => {
    const o = loadText('{"Statement": [{"Act\\u0069on": "*"}]}', 'e.json');
    if (o.status !== 'loaded') throw new Error(JSON.stringify(o));
    expect(at(o.doc, ['Statement', 0, 'Action'])).toEqual([1, 32, 1, 35]);
  });

  it('locates in wide objects and long arrays (cached child tables)', () => {
    const statements = Array.from({ length: 200 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `svc${i}:Get`, Resource: '*' }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const o = loadText(text, 'wide.json');
    if (o.status !== 'loaded') throw new Error(JSON.stringify(o));
    for (const i of [0, 150, 37, 199]) {
      const col = columnAfter(text, `"Sid":"S${i}","Effect":"Allow","Action":`);
      expect(at(o.doc, ['Statement', i, 'Action'])).toEqual([1, col, 1, col + `"svc${i}:Get"`.length]);
    }
    expect(at(o.doc, ['Statement', 200, 'Action'])).toEqual([1, 25, 1, 36]);
  });
});
