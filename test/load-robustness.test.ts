import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText, openEmbeddedJson } from '../src/load/index.js';
import { Node } from '../src/model/node.js';
import type { Json, Path, Region, SourceDocument } from '../src/model/source.js';

const seeds = [
  'cfn-short-tags.yaml',
  'cfn-short-tags.json',
  'bom-crlf.yaml',
  'embedded-policy.tf.json',
  'embedded-policy-in-yaml.yaml',
  'plan-minified.json',
  'get-role-policy.json',
  'aliases-small.yaml',
  'duplicate-keys.yaml',
].map((name) => ({ name, bytes: readFileSync(`fixtures/input/${name}`) }));

type Edit = { at: number; kind: 'insert' | 'delete' | 'replace' | 'truncate'; bytes: number[] };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Edit['kind']>('insert', 'delete', 'replace', 'truncate'),
  bytes: fc.array(
    fc.oneof(
      fc.constantFrom(...Buffer.from('{}[]":,\'!&*#|>-\n\r\t \\%0aZ')),
      fc.integer({ min: 0, max: 255 }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
});

function mutate(bytes: Buffer, edits: Edit[]): Buffer {
  let b = Buffer.from(bytes);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % (b.length + 1);
    const add = Buffer.from(e.bytes);
    if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), add, b.subarray(at)]);
    else if (e.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.bytes.length)]);
    else if (e.kind === 'replace') b = Buffer.concat([b.subarray(0, at), add, b.subarray(at + add.length)]);
    else b = b.subarray(0, at);
  }
  return b;
}

function inside(region: Region, doc: SourceDocument, lineCount: number): void {
  expect(region.startLine).toBeGreaterThanOrEqual(1);
  expect(region.startColumn).toBeGreaterThanOrEqual(1);
  expect(region.endLine).toBeLessThanOrEqual(lineCount);
  expect(region.endLine > region.startLine || region.endColumn > region.startColumn).toBe(true);
  const last = doc.lines!(region.endLine, region.endLine)[0]!;
  expect(region.endColumn - 1).toBeLessThanOrEqual(Math.max(1, last.length));
}

function somePaths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length > 200) return out;
  out.push(prefix, [...prefix, 'Absent']);
  if (Array.isArray(v)) v.forEach((c, i) => somePaths(c, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) somePaths(v[k]!, [...prefix, k], out);
  return out;
}

describe('loading mutated inputs', () => {
  it('never throws; regions of loaded documents, errors and warnings lie inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), ({ name, bytes }, edits) => {
        const input = mutate(bytes, edits);
        const outcome = loadText(input, name);
        const text = input.toString('utf8').replace(/^\uFEFF/, '');
        const lineCount = text.split(/\r\n|\r|\n/).length;
        if (outcome.status === 'error' && outcome.region) {
          expect(outcome.region.startLine).toBeLessThanOrEqual(lineCount);
          expect(outcome.region.startColumn).toBeGreaterThanOrEqual(1);
        }
        if (outcome.status !== 'loaded') return;
        const doc = outcome.doc;
        for (const w of outcome.warnings ?? []) inside(w.region, doc, lineCount);
        for (const c of doc.comments!()) expect(c.line).toBeLessThanOrEqual(lineCount);
        for (const p of somePaths(doc.root)) {
          inside(doc.locate(p), doc, lineCount);
          const node = Node.root(doc).at(...p);
          const inner = node && openEmbeddedJson(node);
          if (inner) inside(inner.doc.locate(['Statement', 0, 'Action']), doc, lineCount);
        }
      }),
      { numRuns: 300 },
    );
  });
});
