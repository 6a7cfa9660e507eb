import { describe, expect, it } from 'vitest';
import { memo } from '../src/model/memo.js';

describe('memo', () => {
  it('computes once per object and answers from the object after that, false included', () => {
    const once = memo<object, boolean>('test flag');
    const a = {};
    const b = {};
    let calls = 0;
    const compute = () => (calls++, false);
    expect(once(a, compute)).toBe(false);
    expect(once(a, compute)).toBe(false);
    expect(once(b, compute)).toBe(false);
    expect(calls).toBe(2);
  });

  it('keeps two memos of one object apart', () => {
    const first = memo<object, string>('first');
    const second = memo<object, string>('second');
    const o = {};
    expect(first(o, () => 'one')).toBe('one');
    expect(second(o, () => 'two')).toBe('two');
    expect(first(o, () => 'other')).toBe('one');
  });

  it('keeps what a memo computed while another memo of the same object was computing', () => {
    const inner = memo<object, string>('inner');
    const outer = memo<object, string>('outer');
    const o = {};
    let innerCalls = 0;
    expect(outer(o, (k) => `outer of ${inner(k, () => (innerCalls++, 'inner'))}`)).toBe('outer of inner');
    expect(inner(o, () => 'again')).toBe('inner');
    expect(outer(o, () => 'again')).toBe('outer of inner');
    expect(innerCalls).toBe(1);
  });

  it('leaves no trace that keys, spread, JSON or equality see', () => {
    const once = memo<{ id: string }, number[]>('lengths');
    const view = { id: 'aws_instance.web' };
    once(view, (v) => [v.id.length]);
    expect(Object.keys(view)).toEqual(['id']);
    expect(JSON.stringify(view)).toBe('{"id":"aws_instance.web"}');
    expect({ ...view }).toStrictEqual({ id: 'aws_instance.web' });
    expect(once({ ...view }, () => [0])).toEqual([0]);
  });
});
