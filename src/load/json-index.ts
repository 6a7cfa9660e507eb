import type { Path } from '../model/source.js';

/**
 * Offsets of every value of a (valid) JSON text, built in one pass when a document is first located.
 * Values are numbered in document order; for each: [start, end) of the value, [keyStart, keyEnd) of its
 * member name (-1 for array items and the root) and `next`, the number of the first value after its
 * subtree, so children are walked by hopping from one sibling to the next.
 */
export class JsonIndex {
  private count = 0;
  private start: Int32Array;
  private end: Int32Array;
  private keyStart: Int32Array;
  private keyEnd: Int32Array;
  private next: Int32Array;
  private readonly memberCache = new Map<number, Map<string, number>>();
  private readonly itemCache = new Map<number, Int32Array>();

  private constructor(private readonly text: string) {
    // Every value but a container's first follows a comma, so commas + brackets + 1 is enough (strings
    // holding commas only make it larger): the arrays are allocated once, never doubled and copied.
    const capacity = Math.max(16, 1 + occurrences(text, ',') + occurrences(text, '[') + occurrences(text, '{'));
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.keyStart = new Int32Array(capacity);
    this.keyEnd = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  static build(text: string): JsonIndex {
    const index = new JsonIndex(text);
    index.scan();
    index.trim();
    return index;
  }

  /** The arrays grow by doubling; a large plan's index is kept while its findings are located, so drop the slack. */
  private trim(): void {
    const n = this.count;
    if (n >= this.start.length * 0.75) return;
    this.start = this.start.slice(0, n);
    this.end = this.end.slice(0, n);
    this.keyStart = this.keyStart.slice(0, n);
    this.keyEnd = this.keyEnd.slice(0, n);
    this.next = this.next.slice(0, n);
  }

  get size(): number {
    return this.count;
  }

  private alloc(start: number, keyStart: number, keyEnd: number): number {
    if (this.count === this.start.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.keyStart = grow(this.keyStart);
      this.keyEnd = grow(this.keyEnd);
      this.next = grow(this.next);
    }
    const i = this.count++;
    this.start[i] = start;
    this.keyStart[i] = keyStart;
    this.keyEnd[i] = keyEnd;
    return i;
  }

  private scan(): void {
    const text = this.text;
    const n = text.length;
    const stack: number[] = [];
    const isObject: boolean[] = [];
    let i = skipWs(text, 0);
    let ks = -1;
    let ke = -1;
    let expectValue = i < n;
    while (i <= n) {
      if (expectValue) {
        const idx = this.alloc(i, ks, ke);
        ks = ke = -1;
        const c = text.charCodeAt(i);
        if (c === 123 || c === 91) {
          stack.push(idx);
          isObject.push(c === 123);
          i = skipWs(text, i + 1);
          const d = text.charCodeAt(i);
          if (d === 125 || d === 93) {
            expectValue = false;
            continue; // the closing bracket is handled below
          }
          if (c === 123) {
            ks = i;
            ke = stringEnd(text, i);
            i = skipWs(text, skipWs(text, ke) + 1); // past ':'
          }
          continue;
        }
        if (c === 34) i = stringEnd(text, i);
        else while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
        this.end[idx] = i;
        this.next[idx] = idx + 1;
        expectValue = false;
        continue;
      }
      i = skipWs(text, i);
      if (stack.length === 0 || i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        i = skipWs(text, i + 1);
        if (isObject[isObject.length - 1]) {
          ks = i;
          ke = stringEnd(text, i);
          i = skipWs(text, skipWs(text, ke) + 1);
        }
        expectValue = true;
      } else if (c === 125 || c === 93) {
        const top = stack.pop()!;
        isObject.pop();
        this.end[top] = i + 1;
        this.next[top] = this.count;
        i++;
      } else break; // not valid JSON: stop with what is indexed
    }
    // Containers left open (truncated text) end at the end of the text.
    for (const top of stack) {
      this.end[top] = n;
      this.next[top] = this.count;
    }
  }

  range(node: number): [number, number] {
    return [this.start[node]!, this.end[node]!];
  }

  /** The member name's range (with quotes), or undefined for array items and the root. */
  keyRange(node: number): [number, number] | undefined {
    const s = this.keyStart[node]!;
    return s < 0 ? undefined : [s, this.keyEnd[node]!];
  }

  isString(node: number): boolean {
    return this.text.charCodeAt(this.start[node]!) === 34;
  }

  /** The child value at a key or index; -1 when absent. Duplicate names: the last wins, as in JSON.parse. */
  child(node: number, segment: string | number): number {
    const open = this.text.charCodeAt(this.start[node]!);
    if (open === 91) {
      const k = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (k < 0) return -1;
      return this.item(node, k);
    }
    if (open !== 123) return -1;
    return this.member(node, String(segment));
  }

  /** Walks a path as far as it exists: the deepest node reached and how many segments it matched. */
  find(path: Path): { node: number; depth: number } {
    let node = 0;
    if (this.count === 0) return { node: -1, depth: 0 };
    let depth = 0;
    for (const segment of path) {
      const c = this.child(node, segment);
      if (c < 0) break;
      node = c;
      depth++;
    }
    return { node, depth };
  }

  private item(node: number, k: number): number {
    const cached = this.itemCache.get(node);
    if (cached) return k < cached.length ? cached[k]! : -1;
    const end = this.next[node]!;
    const items: number[] = [];
    for (let c = node + 1; c < end; c = this.next[c]!) items.push(c);
    if (items.length > 32) this.itemCache.set(node, Int32Array.from(items));
    return items[k] ?? -1;
  }

  private member(node: number, key: string): number {
    const cached = this.memberCache.get(node);
    if (cached) return cached.get(key) ?? -1;
    const end = this.next[node]!;
    let hit = -1;
    let children = 0;
    for (let c = node + 1; c < end; c = this.next[c]!) {
      children++;
      if (this.keyIs(c, key)) hit = c;
    }
    if (children > 32) {
      const map = new Map<string, number>();
      for (let c = node + 1; c < end; c = this.next[c]!) map.set(this.keyText(c), c);
      this.memberCache.set(node, map);
    }
    return hit;
  }

  private keyIs(node: number, key: string): boolean {
    const s = this.keyStart[node]!;
    const e = this.keyEnd[node]!;
    const text = this.text;
    let escaped = false;
    for (let i = s + 1; i < e - 1; i++) {
      if (text.charCodeAt(i) === 92) {
        escaped = true;
        break;
      }
    }
    if (!escaped) return e - s - 2 === key.length && text.startsWith(key, s + 1);
    return this.keyText(node) === key;
  }

  private keyText(node: number): string {
    return jsonKeyText(this.text, this.keyStart[node]!, this.keyEnd[node]!);
  }
}

export function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

function occurrences(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++;
  return count;
}

/** The decoded text of the string literal at [start, end) (quotes included). */
export function jsonKeyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  if (raw.indexOf('\\') === -1) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return raw;
  }
}

/** `i` at an opening quote: the offset just after the closing quote (escapes honoured). */
export function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j !== -1) {
    let k = j - 1;
    let backslashes = 0;
    while (text.charCodeAt(k) === 92) {
      backslashes++;
      k--;
    }
    if ((backslashes & 1) === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9 || c === 58;
}
