import type { Path } from '../model/source.js';
import type { ContainerEnds } from './json-containers.js';
import { jsonKeyText as keyText, skipWs, stringEnd } from './json-index.js';

/** Where the deepest existing node of a path sits: `depth` segments matched, then its ranges. */
export interface PathHit {
  depth: number;
  start: number;
  end: number;
  /** The member name's range (quotes included); -1 for array items and the root. */
  keyStart: number;
  keyEnd: number;
}

interface Want {
  children: Map<string, Want>;
  hit?: { start: number; end: number; keyStart: number; keyEnd: number };
}

/**
 * Positions of a known set of paths, found in one pass over the text that steps only into the
 * subtrees holding them and skips the rest without recording anything. A large plan's findings
 * are located this way without an index of every value, which would be the largest thing in memory
 * at the end of its run. Semantics are JsonIndex's: a duplicate member name's last occurrence wins,
 * array items are addressed by number or by a string of digits.
 */
export class PathPositions {
  private readonly root: Want = { children: new Map() };

  constructor(
    private readonly text: string,
    paths: Iterable<Path>,
    /** Container ends recorded while parsing: skipped containers are then stepped over in one lookup. */
    private readonly containers?: ContainerEnds,
  ) {
    for (const path of paths) {
      let w = this.root;
      for (const seg of path) {
        const key = String(seg);
        let child = w.children.get(key);
        if (!child) w.children.set(key, (child = { children: new Map() }));
        w = child;
      }
    }
    const start = skipWs(text, 0);
    if (start < text.length) this.walk(start, -1, -1, this.root);
  }

  /** The deepest existing node of the path; undefined when the path was not asked for. */
  find(path: Path): PathHit | undefined {
    let w = this.root;
    if (!w.hit) return undefined;
    let hit = w.hit;
    let depth = 0;
    for (const seg of path) {
      const child = w.children.get(String(seg));
      if (!child) return undefined;
      if (!child.hit) break;
      w = child;
      hit = child.hit;
      depth++;
    }
    return { depth, ...hit };
  }

  private walk(start: number, keyStart: number, keyEnd: number, want: Want): number {
    // A later duplicate replaces an earlier one, its subtree included.
    if (want.hit) clearHits(want);
    const c = this.text.charCodeAt(start);
    let end: number;
    if (want.children.size === 0) end = this.skip(start);
    else if (c === 123) end = this.object(start, want);
    else if (c === 91) end = this.array(start, want);
    else end = this.skip(start);
    want.hit = { start, end, keyStart, keyEnd };
    return end;
  }

  private skip(i: number): number {
    const c = this.text.charCodeAt(i);
    if (this.containers && (c === 123 || c === 91)) {
      const end = this.containers.endOf(i);
      if (end >= 0) return end;
    }
    return skipValue(this.text, i);
  }

  private object(open: number, want: Want): number {
    const text = this.text;
    let i = skipWs(text, open + 1);
    if (text.charCodeAt(i) === 125) return i + 1;
    for (;;) {
      if (text.charCodeAt(i) !== 34) return i; // not valid JSON: stop here
      const ks = i;
      const ke = stringEnd(text, i);
      const valueStart = skipWs(text, skipWs(text, ke) + 1);
      const child = want.children.get(keyText(text, ks, ke));
      const valueEnd = child ? this.walk(valueStart, ks, ke, child) : this.skip(valueStart);
      i = skipWs(text, valueEnd);
      const c = text.charCodeAt(i);
      if (c === 44) i = skipWs(text, i + 1);
      else return c === 125 ? i + 1 : i;
    }
  }

  private array(open: number, want: Want): number {
    const text = this.text;
    const byIndex = new Map<number, Want[]>();
    for (const [key, child] of want.children) {
      if (!/^\d+$/.test(key)) continue;
      const k = Number(key);
      byIndex.set(k, [...(byIndex.get(k) ?? []), child]);
    }
    let i = skipWs(text, open + 1);
    if (text.charCodeAt(i) === 93) return i + 1;
    for (let k = 0; ; k++) {
      let valueEnd = -1;
      const wanted = byIndex.get(k);
      if (wanted) for (const child of wanted) valueEnd = this.walk(i, -1, -1, child);
      if (valueEnd < 0) valueEnd = this.skip(i);
      i = skipWs(text, valueEnd);
      const c = text.charCodeAt(i);
      if (c === 44) i = skipWs(text, i + 1);
      else return c === 93 ? i + 1 : i;
    }
  }
}

function clearHits(want: Want): void {
  want.hit = undefined;
  for (const child of want.children.values()) if (child.hit) clearHits(child);
}

/** The offset just after the value starting at `i`: strings by their quotes, containers by bracket depth. */
function skipValue(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    while (j < n && !isDelimiter(text.charCodeAt(j))) j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < n; j++) {
    const d = text.charCodeAt(j);
    if (d === 34) j = stringEnd(text, j) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
  }
  return n;
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9 || c === 58;
}
