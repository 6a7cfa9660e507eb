import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MappedArray, writeJson } from '../src/report/json-writer.js';

function written(value: unknown, depth?: number): { text: string; chunks: string[] } {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c), depth);
  return { text: chunks.join(''), chunks };
}

describe('writeJson', () => {
  it('writes what JSON.stringify(value, null, 2) writes, for any JSON value and depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 5 }), (value, depth) => {
        expect(written(value, depth).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out what JSON cannot hold as JSON.stringify does: members dropped, array elements null', () => {
    const value = { a: undefined, b: [undefined, () => 1, Symbol('s'), 2], c: {}, d: [], e: { f: undefined }, g: 'line\nbreak "quoted" ✓' };
    expect(written(value).text).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(written({ only: undefined }).text).toBe('{}\n');
  });

  it('maps the elements of a MappedArray as it writes them, and whole below the levels it walks', () => {
    const made: number[] = [];
    const findings = new MappedArray([1, 2, 3], (n) => (made.push(n), { n, twice: [n, n] }));
    const plain = { report: { findings: [1, 2, 3].map((n) => ({ n, twice: [n, n] })) } };
    for (const depth of [0, 1, 2, 3]) {
      made.length = 0;
      expect(written({ report: { findings } }, depth).text).toBe(`${JSON.stringify(plain, null, 2)}\n`);
      expect(made).toEqual([1, 2, 3]);
    }
    expect(written(new MappedArray([], () => 1)).text).toBe('[]\n');
  });

  it('hands a large report over in chunks of bounded size, never as one string', () => {
    const findings = Array.from({ length: 20_000 }, (_, i) => ({ ruleId: 'wildcard-action', message: `finding ${i} `.repeat(4), location: { startLine: i + 1 } }));
    const { text, chunks } = written({ findings }, 2);
    expect(text).toBe(`${JSON.stringify({ findings }, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(20);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70 * 1024);
  });
});
