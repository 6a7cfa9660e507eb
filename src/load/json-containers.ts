import { stringEnd } from './json-index.js';

/**
 * Where each array and object of a JSON text ends, recorded by the bracket-depth pass the loader
 * makes anyway: a later pass over a large text (locating findings) steps over a container it does not
 * need in one lookup instead of reading it again.
 */
export class ContainerEnds {
  constructor(
    /** Opening offsets, ascending. */
    private readonly opens: Int32Array,
    /** The offset just after the matching close, for each entry of `opens`. */
    private readonly ends: Int32Array,
  ) {}

  /** Where the last lookup ended: a pass over the text asks in ascending order, so the next answer is near. */
  private cursor = 0;

  /** The offset just after the container that opens at `open`; -1 when none opens there. */
  endOf(open: number): number {
    const opens = this.opens;
    let i = this.cursor;
    if (i < opens.length && opens[i]! <= open) {
      // Forward from the last answer: over one pass these steps add up to the number of containers.
      while (i < opens.length && opens[i]! < open) i++;
    } else {
      i = lowerBound(opens, open);
    }
    this.cursor = i;
    return i < opens.length && opens[i] === open ? this.ends[i]! : -1;
  }
}

/** The first index whose value is at least `x`. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface NestingScan {
  /** Offset of the first bracket nested deeper than the limit, or -1. */
  deepAt: number;
  /** Each container's end, when asked for and the brackets balance. */
  containers?: ContainerEnds;
}

/** One pass over the brackets outside strings: the depth check, and when `record` is set every container's end. */
export function scanNesting(text: string, max: number, record: boolean): NestingScan {
  let depth = 0;
  const n = text.length;
  // About one container per 60 characters in Terraform plans; grown by doubling when there are more.
  let opens: Int32Array = new Int32Array(record ? Math.max(1024, n >> 6) : 0);
  let ends: Int32Array = new Int32Array(opens.length);
  const open = new Int32Array(record ? max + 1 : 0);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) {
      if (++depth > max) return { deepAt: i };
      if (!record) continue;
      if (count === opens.length) {
        opens = grow(opens);
        ends = grow(ends);
      }
      open[depth - 1] = count;
      opens[count] = i;
      ends[count++] = -1;
    } else if (c === 125 || c === 93) {
      // A close with nothing open is not JSON (the parse fails): nothing more to record.
      if (depth === 0) record = false;
      else if (record) ends[open[depth - 1]!] = i + 1;
      depth--;
    }
  }
  if (!record || depth !== 0) return { deepAt: -1 };
  return { deepAt: -1, containers: new ContainerEnds(opens.slice(0, count), ends.slice(0, count)) };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
