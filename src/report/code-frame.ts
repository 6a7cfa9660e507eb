import type { Finding } from '../findings.js';
import { safeText, type Palette } from './terminal.js';

const CONTEXT_BEFORE = 2;
const CONTEXT_AFTER = 1;
/** A region over more lines than this shows its first lines and an ellipsis. */
const MAX_REGION_LINES = 6;
/** Visible characters per line; longer lines (minified JSON) show a window around the region. */
const WIDTH = 140;
/** Characters shown before the region start when a line is windowed. */
const LEAD = 40;

/**
 * A code frame: the snippet lines with a line-number gutter, `>` on the lines of the region and `^`
 * under the region's characters on its first line. Long lines are cut to a window around the region start, and `…`
 * marks every cut (including the one the engine made when it set `snippet.columnOffset`).
 */
export function codeFrame(finding: Finding, palette: Palette, indent = '  '): string[] {
  const snippet = finding.snippet;
  const loc = finding.location;
  if (!snippet || snippet.lines.length === 0) return [];
  const snippetEnd = snippet.startLine + snippet.lines.length - 1;
  if (loc.startLine < snippet.startLine || loc.startLine > snippetEnd) return [];
  const offset = snippet.columnOffset ?? 0;

  const regionLast = Math.min(loc.endLine, loc.startLine + MAX_REGION_LINES - 1, snippetEnd);
  const first = Math.max(snippet.startLine, loc.startLine - CONTEXT_BEFORE);
  const last = regionLast < loc.endLine ? regionLast : Math.min(snippetEnd, regionLast + CONTEXT_AFTER);
  const gutterWidth = String(last).length;
  const emptyGutter = palette.dim(`${' '.repeat(gutterWidth)} |`);

  // One window for the whole frame, so the lines stay aligned: starts LEAD characters before the region.
  const startText = snippet.lines[loc.startLine - snippet.startLine] ?? '';
  const startIndex = loc.startColumn - 1 - offset;
  const windowStart = startText.length > WIDTH ? clamp(startIndex - LEAD, 0, startText.length - WIDTH) : 0;

  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = snippet.lines[n - snippet.startLine] ?? '';
    const view = windowed(text, windowStart, offset > 0);
    const inRegion = n >= loc.startLine && n <= regionLast;
    const marker = inRegion ? palette.red('>') : ' ';
    out.push(`${indent}${marker} ${palette.dim(`${String(n).padStart(gutterWidth)} |`)} ${safeText(view.text)}`.trimEnd());
    // Carets go under the first line of the region only; `>` marks the rest of a multi-line region.
    if (n !== loc.startLine) continue;
    // The region on this line as indexes into `text`, end exclusive.
    let from = startIndex;
    let to = n === loc.endLine ? loc.endColumn - 1 - offset : text.length;
    if (to <= from) to = from + 1;
    from = Math.max(from - windowStart, 0) + view.shift;
    to = Math.min(to - windowStart + view.shift, view.end);
    if (to <= from) continue; // the region is outside the visible part of this line
    out.push(`${indent}  ${emptyGutter} ${' '.repeat(from)}${palette.red('^'.repeat(to - from))}`);
  }
  if (regionLast < loc.endLine) out.push(`${indent}  ${emptyGutter} …`);
  return out;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(n, hi));
}

/**
 * The part of a line from `start`, at most WIDTH characters, with `…` where it was cut. `shift` is
 * where index `start` lands in the result; `end` is the last caret position (one past the text when
 * the line's real end is visible, so an insertion point at the end of a line can be shown).
 */
function windowed(line: string, start: number, cutBefore: boolean): { text: string; shift: number; end: number } {
  const head = start > 0 || cutBefore ? '…' : '';
  const body = line.slice(start, start + WIDTH);
  const cutAfter = start + WIDTH < line.length;
  return {
    text: head + body + (cutAfter ? '…' : ''),
    shift: head.length,
    end: head.length + body.length + (cutAfter ? 0 : 1),
  };
}
