import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanNesting } from '../src/load/json-containers.js';
import { JsonIndex } from '../src/load/json-index.js';
import { JsonPositions, parseJson } from '../src/load/json.js';
import { PathPositions, type PathHit } from '../src/load/json-paths.js';
import type { Json, Path } from '../src/model/source.js';

/**
 * PathPositions (one pass for a known set of paths) must answer exactly what the full index answers:
 * the deepest existing node, its range and its member name's range, for present and absent paths.
 */

function fromIndex(text: string, path: Path): PathHit | undefined {
  const index = JsonIndex.build(text);
  const { node, depth } = index.find(path);
  if (node < 0) return undefined;
  const [start, end] = index.range(node);
  const [keyStart, keyEnd] = index.keyRange(node) ?? [-1, -1];
  return { depth, start, end, keyStart, keyEnd };
}

const key = fc.oneof(fc.constantFrom('a', 'b', 'Statement', 'x"y', 'back\\slash', 'é', '0', '12'), fc.string({ minLength: 1, maxLength: 4 }));
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
})).node;

function paths(v: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((c, i) => out.push(...paths(c, [...prefix, i])));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push(...paths(v[k]!, [...prefix, k]));
  return out;
}

/** Existing paths, and each also extended by a missing member, a missing index and a digit string. */
function probes(v: Json): Path[] {
  return paths(v).flatMap((p) => [p, [...p, 'missing'], [...p, 99], [...p, '0'], [...p, 0, 'deeper']]);
}

describe('PathPositions', () => {
  it('finds what the full index finds, for any JSON and any layout', () => {
    fc.assert(
      fc.property(value, fc.constantFrom(0, 1, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const wanted = probes(v);
        const sparse = new PathPositions(text, wanted);
        const stepping = new PathPositions(text, wanted, scanNesting(text, 1000, true).containers);
        for (const p of wanted) {
          expect(sparse.find(p), JSON.stringify(p)).toEqual(fromIndex(text, p));
          expect(stepping.find(p), JSON.stringify(p)).toEqual(sparse.find(p));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes the last of duplicate member names, as JSON.parse does, subtree included', () => {
    const text = '{"a": {"b": 1, "c": [1, 2]}, "z": 0, "a": {"c": [3]}}';
    const wanted: Path[] = [['a', 'b'], ['a', 'c', 0], ['a', 'c', 1], ['z']];
    const sparse = new PathPositions(text, wanted);
    for (const p of wanted) expect(sparse.find(p)).toEqual(fromIndex(text, p));
    expect(text.slice(sparse.find(['a', 'c', 0])!.start, sparse.find(['a', 'c', 0])!.end)).toBe('3');
    expect(sparse.find(['a', 'b'])!.depth).toBe(1);
  });

  it('says nothing about a path it was not asked for', () => {
    const sparse = new PathPositions('{"a": {"b": 1}, "c": 2}', [['a', 'b']]);
    expect(sparse.find(['c'])).toBeUndefined();
    expect(sparse.find(['a', 'b'])).toMatchObject({ depth: 2 });
    expect(sparse.find(['a'])).toMatchObject({ depth: 1 });
  });
});

describe('JsonPositions.prepare', () => {
  it('gives the same spans as the full index for a large text', () => {
    const big = { resources: Array.from({ length: 3000 }, (_, i) => ({ address: `aws_instance.node[${i}]`, values: { ami: `ami-${i}`, tags: { Name: `n-${i}` }, list: [i, `s${i}`] } })) };
    const text = JSON.stringify(big);
    expect(text.length).toBeGreaterThan(256 * 1024);
    const wanted: Path[] = [['resources', 7, 'values', 'ami'], ['resources', 2999, 'values', 'list', 1], ['resources', 10, 'values', 'missing'], ['resources', 5000], ['nope']];
    const parsed = parseJson(text, true);
    expect(parsed.ok && parsed.containers).toBeTruthy();
    const prepared = new JsonPositions(text, parsed.ok ? parsed.containers : undefined);
    prepared.prepare(wanted);
    const plain = new JsonPositions(text);
    for (const p of wanted) {
      expect(prepared.span(p)).toEqual(plain.span(p));
      expect(prepared.stringLiteral(p)).toEqual(plain.stringLiteral(p));
    }
    expect(text.slice(...prepared.span(['resources', 7, 'values', 'ami']))).toBe('"ami-7"');
    // Everything was answered from the one pass: no index of every value was built.
    expect((prepared as unknown as { index?: unknown }).index).toBeUndefined();
  });
});

describe('scanNesting', () => {
  it('records where every container ends, strings with brackets and escapes skipped', () => {
    const v: Json = { a: [1, { b: ']}\\"{[' }, []], c: {}, 'd[': [[{}]] };
    const text = JSON.stringify(v, null, 1);
    const { deepAt, containers } = scanNesting(text, 10, true);
    expect(deepAt).toBe(-1);
    const index = JsonIndex.build(text);
    let checked = 0;
    for (const p of paths(v)) {
      const [start, end] = index.range(index.find(p).node);
      if (text[start] !== '[' && text[start] !== '{') continue;
      expect(containers!.endOf(start), JSON.stringify(p)).toBe(end);
      checked++;
    }
    expect(checked).toBe(8);
    expect(containers!.endOf(1)).toBe(-1);
  });

  it('stops at the first bracket deeper than the limit, and records nothing for unbalanced text', () => {
    expect(scanNesting('[[[1]]]', 2, true)).toEqual({ deepAt: 2 });
    expect(scanNesting('[[1]', 5, true).containers).toBeUndefined();
    expect(scanNesting('][', 5, true).containers).toBeUndefined();
    expect(scanNesting('[1]', 5, false).containers).toBeUndefined();
  });

  it('grows past its first guess of the container count', () => {
    const text = JSON.stringify(Array.from({ length: 5000 }, (_, i) => [i]));
    const { containers } = scanNesting(text, 10, true);
    const last = text.lastIndexOf('[');
    expect(containers!.endOf(last)).toBe(last + String(4999).length + 2);
    expect(containers!.endOf(0)).toBe(text.length);
  });
});
