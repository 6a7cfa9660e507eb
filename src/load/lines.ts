import type { Region } from '../model/source.js';

/**
 * Offsets → 1-based line/column (UTF-16 code units) for one text. Line breaks are `\n`, `\r\n` and a
 * lone `\r`, as editors count them.
 */
export class LineTable {
  private starts: Int32Array | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): Int32Array {
    if (this.starts) return this.starts;
    const text = this.text;
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const hasLoneCr = text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text);
    if (hasLoneCr) count = text.length + 1; // upper bound; trimmed below
    let starts = new Int32Array(count);
    let n = 1;
    if (hasLoneCr) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[n++] = i + 1;
      }
      starts = starts.slice(0, n);
    } else {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** 0-based line index of an offset. */
  private lineIndex(offset: number): number {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const index = this.lineIndex(o);
    return { line: index + 1, column: o - this.lineStarts()[index]! + 1 };
  }

  /**
   * The region of `[start, end)`. Trailing whitespace and line breaks are left out, so a multi-line
   * node ends at the end of its last line's content; an empty range covers one character.
   */
  region(start: number, end: number): Region {
    const text = this.text;
    let s = Math.max(0, Math.min(start, text.length));
    let e = Math.max(s, Math.min(end, text.length));
    while (e > s + 1 && isSpace(text.charCodeAt(e - 1))) e--;
    // A range that starts on a line break (an empty value) moves to the character before it.
    if (e === s) {
      if (s < text.length && !isLineBreak(text.charCodeAt(s))) e = s + 1;
      else if (s > 0 && !isLineBreak(text.charCodeAt(s - 1))) s = s - 1;
    }
    const a = this.position(s);
    if (e === s) return { startLine: a.line, startColumn: a.column, endLine: a.line, endColumn: a.column + 1 };
    const b = this.position(e - 1);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column + 1 };
  }

  /** Source lines `startLine..endLine` (1-based, inclusive), without their line breaks. */
  lines(startLine: number, endLine: number): string[] {
    const starts = this.lineStarts();
    const first = Math.max(1, startLine);
    const last = Math.min(starts.length, endLine);
    const out: string[] = [];
    for (let line = first; line <= last; line++) {
      const from = starts[line - 1]!;
      const to = line < starts.length ? starts[line]! : this.text.length;
      out.push(this.text.slice(from, to).replace(/\r?\n$|\r$/, ''));
    }
    return out;
  }

  /** The whole text as a region (for an empty path on a document without a better node). */
  whole(): Region {
    const first = this.text.search(/\S/);
    if (first === -1) return { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    return this.region(first, this.text.length);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
