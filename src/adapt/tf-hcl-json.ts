/**
 * The block structure of Terraform's JSON configuration syntax (HCL JSON): at every block and label
 * level the value may be an object or an array of objects, and `"//"` properties are comments.
 */
import type { Node } from '../model/node.js';

export const COMMENT_KEY = '//';

/** Object members other than `"//"` comments. */
export function members(node: Node | undefined): [string, Node][] {
  if (!node?.isObject) return [];
  return node.entries().filter(([k]) => k !== COMMENT_KEY);
}

/** The objects a block-level value stands for: the object itself, or each object of an array. */
export function objectsOf(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.isObject) return [node];
  if (node.isArray) return node.items().filter((n) => n.isObject);
  return [];
}

/** Values at a block level that are neither an object nor an array of objects (syntax errors). */
export function malformedAt(node: Node | undefined): Node[] {
  if (!node || node.isObject || node.value === null) return [];
  if (node.isArray) return node.items().filter((n) => !n.isObject);
  return [node];
}

export interface LabelledBody {
  readonly labels: string[];
  readonly body: Node;
}

/**
 * Walks `labels` label levels below a block type (`resource` has two: type and name) and yields each
 * body with its labels; several bodies for one label path are all yielded (the array form).
 */
export function labelledBodies(blockType: Node | undefined, labels: number, onMalformed?: (n: Node) => void): LabelledBody[] {
  const out: LabelledBody[] = [];
  const walk = (node: Node, depth: number, path: string[]) => {
    for (const bad of malformedAt(node)) onMalformed?.(bad);
    for (const obj of objectsOf(node)) {
      if (depth === labels) {
        out.push({ labels: path, body: obj });
        continue;
      }
      for (const [key, child] of members(obj)) walk(child, depth + 1, [...path, key]);
    }
  };
  if (blockType) walk(blockType, 0, []);
  return out;
}

/** Nested blocks written as `key` inside a body: `{…}` or `[{…}, …]`. */
export function nestedBlocks(body: Node | undefined, key: string): Node[] {
  return objectsOf(body?.get(key));
}

/** `"dynamic": {"<key>": {…}}`: a block generated at plan time, so its contents are not known here. */
export function dynamicBlock(body: Node | undefined, key: string): Node | undefined {
  for (const dyn of objectsOf(body?.get('dynamic'))) {
    const hit = dyn.get(key);
    if (hit) return hit;
  }
  return undefined;
}
