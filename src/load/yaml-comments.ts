import { Lexer } from 'yaml';
import type { SourceComment } from '../model/source.js';
import type { LineTable } from './lines.js';

// The lexer's control tokens carry no source text.
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/** `#` comments of a YAML text (not `#` inside strings or block scalars), by the `yaml` lexer. */
export function yamlComments(text: string, lines: LineTable): SourceComment[] {
  const out: SourceComment[] = [];
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) {
      scalarNext = token === '\x1f';
      continue;
    }
    if (!scalarNext && token.charCodeAt(0) === 35 && text.startsWith(token, offset)) {
      const { line, column } = lines.position(offset);
      const before = text.slice(offset - (column - 1), offset);
      out.push({ line, text: token.slice(1), ownLine: before.trim() === '' });
    }
    offset += token.length;
    scalarNext = false;
  }
  return out;
}
