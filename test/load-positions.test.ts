import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { valueAt } from '../src/load/document.js';
import { loadText } from '../src/load/index.js';
import { parseYaml } from '../src/load/yaml.js';
import type { Json, Path, SourceDocument } from '../src/model/source.js';

/**
 * Property: the region located for any node of a document, cut out of the file (re-indented to its
 * column), parses back to that node's value. Checked over generated data written as YAML in several
 * styles and as JSON with several indentations and line endings.
 */

const key = fc.oneof(
  fc.constantFrom('Type', 'Properties', 'Action', 'a b', 'k: v', '#x', "it's", '"q"', '1', '0x1F', 'true', 'null', '-', '?', 'é'),
  fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '__proto__'),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('line1\nline2\n', 'a # b', '*', 's3:*', '', ' lead', 'trail ', 'multi\nline', '{"Statement": []}', '2012-10-17'),
);
const value: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;
const root = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });

function paths(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((c, i) => out.push(...paths(c, [...prefix, i])));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push(...paths(v[k]!, [...prefix, k]));
  return out;
}

/** The text of a region, with the first line padded to its column so indentation is kept. */
function cut(doc: SourceDocument, path: Path): string {
  const r = doc.locate(path);
  const lines = doc.lines!(r.startLine, r.endLine);
  expect(lines.length).toBe(r.endLine - r.startLine + 1);
  if (lines.length === 1) return ' '.repeat(r.startColumn - 1) + lines[0]!.slice(r.startColumn - 1, r.endColumn - 1);
  const last = lines.length - 1;
  return lines.map((l, i) => (i === 0 ? ' '.repeat(r.startColumn - 1) + l.slice(r.startColumn - 1) : i === last ? l.slice(0, r.endColumn - 1) : l)).join('\n');
}

function check(text: string, file: string, reparse: (s: string) => Json): void {
  const outcome = loadText(text, file);
  if (outcome.status !== 'loaded') throw new Error(`${file} did not load: ${JSON.stringify(outcome)}\n${text}`);
  const doc = outcome.doc;
  for (const p of paths(doc.root)) {
    const expected = valueAt(doc.root, p);
    const piece = cut(doc, p);
    // Data reached through an alias is located at the alias, which cannot be parsed on its own.
    if (/^\s*\*\S+$/.test(piece)) continue;
    let actual: Json;
    try {
      actual = reparse(piece);
    } catch (e) {
      throw new Error(`path ${JSON.stringify(p)}: region ${JSON.stringify(doc.locate(p))} text ${JSON.stringify(piece)} does not parse: ${String(e)}\n--- file ---\n${text}`, { cause: e });
    }
    // A long-form key under a short-form tag (`!Ref X` at …/Ref, `!GetAtt A.B` at …/Fn::GetAtt/1) is
    // located at the tagged node, which parses to the intrinsic around the value.
    const last = p[p.length - 1];
    const candidates = [actual];
    if (typeof last === 'string' && /^(Ref|Condition|Fn::)/.test(last)) candidates.push(valueAt(actual, [last]) as Json);
    if (p[p.length - 2] === 'Fn::GetAtt') candidates.push(valueAt(actual, p.slice(-2)) as Json);
    expect(candidates, `path ${JSON.stringify(p)}`).toContainEqual(expected);
  }
}

const yamlValue = (s: string): Json => {
  const r = parseYaml(s);
  if (!r.ok) throw new Error(r.kind === 'error' ? r.message : r.kind);
  return r.value;
};

describe('located regions hold exactly their node', () => {
  it('in YAML of every dump style', () => {
    fc.assert(
      fc.property(
        root,
        fc.record({
          flowLevel: fc.constantFrom(-1, 0, 1, 2),
          indent: fc.constantFrom(2, 4),
          quoteStyle: fc.constantFrom<'single' | 'double'>('single', 'double'),
          forceQuotes: fc.boolean(),
          crlf: fc.boolean(),
        }),
        (data, style) => {
          let text = dump({ AWSTemplateFormatVersion: '2010-09-09', ...data }, { ...style, lineWidth: -1 });
          if (style.crlf) text = text.replace(/\n/g, '\r\n');
          check(text, 'gen.yaml', yamlValue);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('in JSON of every indentation', () => {
    fc.assert(
      fc.property(root, fc.constantFrom(0, 1, 2, '\t'), fc.boolean(), (data, indent, crlf) => {
        let text = JSON.stringify({ Statement: [], ...data }, null, indent);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        check(text, 'gen.json', (s) => JSON.parse(s) as Json);
      }),
      { numRuns: 150 },
    );
  });

  it('for CloudFormation short forms, anchors and flow collections written by hand', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Conditions:',
      '  C: !Equals [ !Ref Env , "prod" ]   # trailing comment',
      'Resources:',
      '  R: &res',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Tags: [ {Key: a, Value: !Sub "x-${Env}"},',
      '              {Key: b, Value: !GetAtt R.Arn} ]',
      '      Path: !If',
      '        - C',
      '        - /prod/',
      '        - !Ref AWS::NoValue',
      '      Policies: &p !Sub',
      '        - "${A}"',
      '        - A: !Base64 { "Fn::Sub": "y" }',
      '      "quoted key": |',
      '        keep',
      '',
      '      80: port',
      '  Copy: *res',
    ].join('\n');
    check(text, 'hand.yaml', yamlValue);
    const outcome = loadText(text, 'hand.yaml');
    if (outcome.status !== 'loaded') throw new Error('not loaded');
    expect(outcome.doc.locate(['Resources', 'Copy', 'Properties', 'Path'])).toEqual({ startLine: 21, startColumn: 9, endLine: 21, endColumn: 13 });
    expect(outcome.doc.comments!()).toEqual([{ line: 3, text: ' trailing comment', ownLine: false }]);
  });
});
