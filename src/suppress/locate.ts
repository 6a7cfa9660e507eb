import type { Location } from '../findings.js';
import type { Node } from '../model/node.js';
import type { SourceDocument } from '../model/source.js';
import { locateNode, redactLine, safeRegion } from '../engine/locate.js';

/** The region of a `#` comment on a line: from the `#` to the end of the comment text. */
export function locateComment(doc: SourceDocument, line: number, text: string): Location {
  let source: string | undefined;
  try {
    source = doc.lines?.(line, line)[0];
  } catch {
    source = undefined;
  }
  if (source !== undefined) {
    const at = source.lastIndexOf('#' + text);
    if (at >= 0) return { file: doc.file, ...safeRegion({ startLine: line, startColumn: at + 1, endLine: line, endColumn: at + 2 + text.length }) };
    return { file: doc.file, ...safeRegion({ startLine: line, startColumn: 1, endLine: line, endColumn: source.length + 1 }) };
  }
  return { file: doc.file, ...safeRegion({ startLine: line, startColumn: 1, endLine: line, endColumn: 2 }) };
}

export function locateAt(node: Node): Location {
  return locateNode(node);
}

/** Lines around `line` for a code frame, when the document keeps its text. */
export function snippetAround(doc: SourceDocument | undefined, line: number): { startLine: number; lines: string[] } | undefined {
  if (!doc?.lines) return undefined;
  try {
    const startLine = Math.max(1, line - 1);
    const lines = doc.lines(startLine, line + 1).map((l) => redactLine(l, []));
    return lines.length ? { startLine, lines } : undefined;
  } catch {
    return undefined;
  }
}

/** The first line that is not blank, a comment or a YAML document marker/directive (the end of the leading comment block). */
export function firstContentLine(doc: SourceDocument): number {
  if (doc.lines) {
    const CHUNK = 200;
    for (let start = 1; ; start += CHUNK) {
      let chunk: string[];
      try {
        chunk = doc.lines(start, start + CHUNK - 1);
      } catch {
        break;
      }
      for (let i = 0; i < chunk.length; i++) {
        const t = chunk[i]!.trim();
        if (t === '' || t.startsWith('#') || t === '---' || t.startsWith('%')) continue;
        return start + i;
      }
      if (chunk.length < CHUNK) return Number.POSITIVE_INFINITY;
    }
  }
  try {
    return doc.locate([]).startLine;
  } catch {
    return 1;
  }
}
