import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { Node as JsonNode } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import type { Json, Region } from '../model/source.js';
import type { Fragment, Mark } from './fragment.js';

export interface IndexToLoc {
  getLocFromIndex(index: number): TSESTree.Position;
}

/**
 * For a string literal's raw text (without its quotes), the source offset of each character of its
 * value (plus one past the end), so that a position inside the value maps back to the source even when
 * the literal has escapes (`"{\"Action\": \"*\"}"`). Undefined when the decoding does not add up.
 */
export function valueOffsets(raw: string, value: string, template: boolean): number[] | undefined {
  const out: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === undefined) return undefined;
      if (next === '\r' || next === '\n' || next === '\u2028' || next === '\u2029') {
        i += next === '\r' && raw[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      let len = 2;
      let units = 1;
      if (next === 'x') len = 4;
      else if (next === 'u') {
        if (raw[i + 2] === '{') {
          const close = raw.indexOf('}', i + 3);
          if (close < 0) return undefined;
          len = close - i + 1;
          units = parseInt(raw.slice(i + 3, close), 16) > 0xffff ? 2 : 1;
        } else len = 6;
      } else if (!template && /[0-7]/.test(next)) {
        const m = /^[0-7]{1,3}/.exec(raw.slice(i + 1))!;
        len = 1 + m[0].length;
      }
      for (let u = 0; u < units; u++) out.push(i);
      i += len;
      continue;
    }
    if (template && c === '\r' && raw[i + 1] === '\n') {
      out.push(i);
      i += 2;
      continue;
    }
    out.push(i);
    i++;
  }
  out.push(raw.length);
  return out.length === value.length + 1 ? out : undefined;
}

/** The text of a string literal, where its value starts in the source, and how value offsets map to source offsets. */
export function stringSource(node: TSESTree.Node, sourceText: string): { value: string; start: number; offsets?: number[] } | undefined {
  if (node.type === T.Literal && typeof node.value === 'string') {
    const raw = sourceText.slice(node.range[0] + 1, node.range[1] - 1);
    return { value: node.value, start: node.range[0] + 1, offsets: valueOffsets(raw, node.value, false) };
  }
  if (node.type === T.TemplateLiteral && node.expressions.length === 0) {
    const q = node.quasis[0];
    const value = q?.value.cooked;
    if (!q || value == null) return undefined;
    return { value, start: node.range[0] + 1, offsets: valueOffsets(q.value.raw, value, true) };
  }
  return undefined;
}

/**
 * Source offsets of the text a template literal with expressions stands for in the literal mirror,
 * `quasi${expression}quasi`: escapes in the quasis are decoded, and a placeholder maps onto the
 * expression as written (exactly when written without spaces, `${x}`).
 */
export function templateOffsets(node: TSESTree.TemplateLiteral, sourceText: string, placeholder: (e: TSESTree.Node) => string): number[] | undefined {
  const out: number[] = [];
  for (const [i, q] of node.quasis.entries()) {
    const cooked = q.value.cooked;
    if (cooked == null) return undefined;
    const rawStart = sourceText.indexOf(q.value.raw, q.range[0]);
    const offsets = valueOffsets(q.value.raw, cooked, true);
    if (rawStart < 0 || !offsets) return undefined;
    for (const o of offsets.slice(0, -1)) out.push(rawStart + o);
    const e = node.expressions[i];
    if (!e) {
      out.push(rawStart + offsets[offsets.length - 1]!);
      continue;
    }
    const text = placeholder(e);
    const written = sourceText.slice(e.range[0] - 2, e.range[1] + 1);
    for (let k = 0; k < text.length; k++) out.push(written === text ? e.range[0] - 2 + k : e.range[0]);
  }
  return out;
}

/**
 * A JSON document written as a string literal (`'{"Version": …}'`, a policy in a JSON string), as a
 * fragment whose every value is located exactly inside the literal. Undefined when it is not JSON.
 */
export function jsonStringFragment(node: TSESTree.Node, sourceText: string, locs: IndexToLoc): Fragment | undefined {
  const src = stringSource(node, sourceText);
  if (!src || !/^\s*[[{]/.test(src.value)) return undefined;
  let value: Json;
  try {
    value = JSON.parse(src.value) as Json;
  } catch {
    return undefined;
  }
  const tree = parseTree(src.value);
  const marks: Mark[] = [{ path: [], node }];
  const offsets = src.offsets;
  if (tree && offsets) {
    const region = (n: JsonNode): Region => {
      const a = locs.getLocFromIndex(src.start + offsets[n.offset]!);
      const b = locs.getLocFromIndex(src.start + offsets[n.offset + n.length]!);
      return { startLine: a.line, startColumn: a.column + 1, endLine: b.line, endColumn: b.column + 1 };
    };
    const visit = (n: JsonNode, path: (string | number)[]) => {
      if (path.length) marks.push({ path, region: region(n) });
      if (n.type === 'object') {
        for (const p of n.children ?? []) {
          const [k, v] = p.children ?? [];
          if (k && v && typeof k.value === 'string') visit(v, [...path, k.value]);
        }
      } else if (n.type === 'array') {
        (n.children ?? []).forEach((c, i) => visit(c, [...path, i]));
      }
    };
    visit(tree, []);
  }
  return { value, marks };
}
