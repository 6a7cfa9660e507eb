import { EVENT_ID, SCALAR_STYLE, parseEvents, type Event } from 'js-yaml';
import type { SourceComment } from '../model/source.js';
import { MAX_DEPTH } from './limits.js';
import type { LineTable } from './lines.js';

/**
 * `#` comments of a YAML text: a `#` at the start of a line or after a space or tab, outside every
 * scalar, tag and anchor the parser saw (so not inside strings or block scalars).
 */
export function yamlComments(text: string, lines: LineTable, events?: Event[]): SourceComment[] {
  if (!text.includes('#')) return [];
  const taken: number[] = []; // [start, end) pairs in document order
  for (const e of events ?? parseEvents(text, { maxDepth: MAX_DEPTH + 1 })) {
    if (e.type === EVENT_ID.SCALAR) {
      if (e.tagStart >= 0) taken.push(e.tagStart, e.tagEnd);
      if (e.anchorStart >= 0) taken.push(e.anchorStart, e.anchorEnd);
      if (e.valueStart >= 0) {
        const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
        taken.push(quoted ? e.valueStart - 1 : e.valueStart, quoted ? e.valueEnd + 1 : e.valueEnd);
      }
    } else if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      if (e.tagStart >= 0) taken.push(e.tagStart, e.tagEnd);
      if (e.anchorStart >= 0) taken.push(e.anchorStart, e.anchorEnd);
    } else if (e.type === EVENT_ID.ALIAS) taken.push(e.anchorStart, e.anchorEnd);
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < taken.length; i += 2) ranges.push([taken[i]!, taken[i + 1]!]);
  ranges.sort((a, b) => a[0] - b[0]);

  const out: SourceComment[] = [];
  let r = 0;
  for (let p = text.indexOf('#'); p !== -1; p = text.indexOf('#', p + 1)) {
    while (r < ranges.length && ranges[r]![1] <= p) r++;
    if (r < ranges.length && ranges[r]![0] <= p) continue; // inside a scalar
    const prev = text[p - 1];
    if (p > 0 && prev !== ' ' && prev !== '\t' && prev !== '\n' && prev !== '\r') continue;
    let end = p;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const { line, column } = lines.position(p);
    out.push({ line, text: text.slice(p + 1, end), ownLine: text.slice(p - (column - 1), p).trim() === '' });
    p = end;
  }
  return out;
}
