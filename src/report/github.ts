import type { Finding, Severity } from '../findings.js';
import { ciPath } from './paths.js';
import type { RenderOptions } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Workflow command data: `%`, CR and LF are encoded (the runner decodes them). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values: as data, and `:` and `,` too, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one line per unsuppressed finding, so pull requests get
 * annotations without code scanning. Columns are sent only for one-line regions (the runner rejects
 * `col`/`endColumn` when `line` and `endLine` differ); `endColumn` is exclusive like everywhere else.
 */
export function renderGithub(findings: readonly Finding[], opts: RenderOptions): string {
  const lines: string[] = [];
  for (const f of findings) {
    if (f.suppression) continue;
    const loc = f.location;
    const props: [string, string | number][] = [['file', ciPath(loc.file, opts.cwd, opts.baseDir)], ['line', loc.startLine]];
    if (loc.endLine === loc.startLine) {
      props.push(['col', loc.startColumn], ['endLine', loc.endLine], ['endColumn', Math.max(loc.endColumn, loc.startColumn + 1)]);
    } else props.push(['endLine', Math.max(loc.endLine, loc.startLine)]);
    props.push(['title', f.ruleId]);
    let message = f.message;
    for (const r of f.related) {
      const at = `${ciPath(r.location.file, opts.cwd, opts.baseDir)}:${r.location.startLine}:${r.location.startColumn}`;
      message += `\nRelated: ${r.message.trim().replace(/\.$/, '')} (${at})`;
    }
    const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
    lines.push(`::${COMMAND[f.severity]} ${properties}::${escapeData(message)}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
