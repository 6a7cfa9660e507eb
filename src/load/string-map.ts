/**
 * Where each character of a decoded string literal sits in the source text: `offsets[i]` is the source
 * offset of decoded UTF-16 unit `i`, and `offsets[decoded.length]` the offset just after the last one.
 * Built only when a position inside an embedded document is needed.
 */
export interface StringMap {
  decoded: string;
  offsets: Int32Array;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A JSON string literal `text[start] === '"'` … `text[end - 1] === '"'`. */
export function jsonStringMap(text: string, start: number, end: number): StringMap | undefined {
  const out: string[] = [];
  const offsets: number[] = [];
  let i = start + 1;
  const last = end - 1;
  while (i < last) {
    const c = text[i]!;
    if (c !== '\\') {
      offsets.push(i);
      out.push(c);
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === 'u') {
      const hex = text.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
      offsets.push(i);
      out.push(String.fromCharCode(parseInt(hex, 16)));
      i += 6;
    } else if (e !== undefined && e in SIMPLE_ESCAPES) {
      offsets.push(i);
      out.push(SIMPLE_ESCAPES[e]!);
      i += 2;
    } else return undefined;
  }
  offsets.push(last);
  return { decoded: out.join(''), offsets: Int32Array.from(offsets) };
}

/** A single-line YAML plain or single-quoted scalar `[start, end)` (quotes included for quoted ones). */
export function yamlFlowScalarMap(text: string, start: number, end: number, style: 'plain' | 'single' | 'double'): StringMap | undefined {
  const out: string[] = [];
  const offsets: number[] = [];
  const quoted = style !== 'plain';
  let i = quoted ? start + 1 : start;
  const last = quoted ? end - 1 : end;
  while (i < last) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') return undefined; // folded lines: no exact mapping
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      offsets.push(i);
      out.push("'");
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const e = text[i + 1];
      if (e === 'u' || e === 'x') {
        const len = e === 'u' ? 4 : 2;
        const hex = text.slice(i + 2, i + 2 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return undefined;
        offsets.push(i);
        out.push(String.fromCharCode(parseInt(hex, 16)));
        i += 2 + len;
        continue;
      }
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        offsets.push(i);
        out.push(SIMPLE_ESCAPES[e]!);
        i += 2;
        continue;
      }
      return undefined;
    }
    offsets.push(i);
    out.push(c);
    i++;
  }
  offsets.push(last);
  return { decoded: out.join(''), offsets: Int32Array.from(offsets) };
}

/**
 * A literal block scalar (`|`, `|-`, `|+`) whose header starts at `start` and whose content ends by
 * `end`: content lines lose their indentation, line breaks become `\n`. Explicit indentation
 * indicators are not mapped (undefined).
 */
export function yamlLiteralBlockMap(text: string, start: number, end: number): StringMap | undefined {
  let i = start;
  if (text[i] !== '|') return undefined;
  let headerEnd = i;
  while (headerEnd < end && text[headerEnd] !== '\n' && text[headerEnd] !== '\r') headerEnd++;
  const header = text.slice(i + 1, headerEnd).replace(/\s*#.*$/, '').trim();
  if (/\d/.test(header)) return undefined;
  i = text[headerEnd] === '\r' && text[headerEnd + 1] === '\n' ? headerEnd + 2 : headerEnd + 1;
  // Indentation: that of the first non-empty line.
  let indent = -1;
  for (let j = i; j < end; ) {
    let k = j;
    while (k < end && text[k] === ' ') k++;
    if (k < end && text[k] !== '\n' && text[k] !== '\r') {
      indent = k - j;
      break;
    }
    j = nextLine(text, k, end);
  }
  if (indent < 0) return { decoded: '', offsets: Int32Array.of(i) };
  const out: string[] = [];
  const offsets: number[] = [];
  while (i < end) {
    let k = i;
    while (k < end && k - i < indent && text[k] === ' ') k++;
    let e = k;
    while (e < end && text[e] !== '\n' && text[e] !== '\r') e++;
    for (let p = k; p < e; p++) {
      offsets.push(p);
      out.push(text[p]!);
    }
    if (e >= end) break;
    offsets.push(e);
    out.push('\n');
    i = nextLine(text, e, end);
  }
  offsets.push(Math.min(i, end));
  return { decoded: out.join(''), offsets: Int32Array.from(offsets) };
}

function nextLine(text: string, i: number, end: number): number {
  while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i + 1;
}

/**
 * Checks a map against the value the parser produced: trailing line breaks may differ (chomping), the
 * rest must be identical. Returns offsets for exactly `value.length + 1` positions, or undefined.
 */
export function fitMap(map: StringMap | undefined, value: string): Int32Array | undefined {
  if (!map) return undefined;
  if (map.decoded === value) return map.offsets;
  const a = map.decoded.replace(/\n+$/, '');
  const b = value.replace(/\n+$/, '');
  if (a !== b) return undefined;
  const out = new Int32Array(value.length + 1);
  const lastIndex = map.offsets.length - 1;
  for (let i = 0; i <= value.length; i++) out[i] = map.offsets[Math.min(i, lastIndex)]!;
  return out;
}
