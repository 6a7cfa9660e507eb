import { describe, expect, it } from 'vitest';
import { loadText, openEmbeddedJson } from '../src/load/index.js';
import { Node, placeKey } from '../src/model/node.js';

describe('placeKey', () => {
  const text = JSON.stringify({
    resource: {
      aws_iam_policy: {
        a: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
        b: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
      },
    },
  });
  const outcome = loadText(text, 'main.tf.json');
  if (outcome.status !== 'loaded') throw new Error(JSON.stringify(outcome));
  const root = Node.root(outcome.doc);
  const statementOf = (name: string) => openEmbeddedJson(root.at('resource', 'aws_iam_policy', name, 'policy')!)!.at('Statement', 0)!;

  it('tells the same inner place of two documents held in strings of one file apart', () => {
    const a = statementOf('a');
    const b = statementOf('b');
    expect(a.path).toEqual(b.path);
    expect(placeKey(a)).not.toBe(placeKey(b));
    expect(placeKey(a)).toBe(placeKey(statementOf('a')));
  });

  it('names the file, the place and the qualifiers', () => {
    const n = root.at('resource', 'aws_iam_policy', 'a')!;
    expect(placeKey(n, 'kind', undefined)).toBe('main.tf.json\u0000/resource/aws_iam_policy/a\u0000kind\u0000');
    expect(placeKey(statementOf('a'))).toBe('main.tf.json\u0000/resource/aws_iam_policy/a/policy#/Statement/0');
  });
});
