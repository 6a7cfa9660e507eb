import type { Finding, Location, Notification, Severity } from '../findings.js';
import type { ScanResult } from '../engine/types.js';
import { codeFrame } from './code-frame.js';
import { FORMAT_LABELS, summarize } from './summary.js';
import { ANSI, PLAIN, safeLine, safeText, type Palette } from './terminal.js';
import type { RenderOptions } from './types.js';

/**
 * Human output: findings grouped by file, each as `file:line:col severity rule-id`, the message, a code
 * frame and its related locations; then a summary. Suppressed findings are counted, not shown.
 */
export function renderText(result: ScanResult, findings: readonly Finding[], opts: RenderOptions): string {
  const p = opts.color ? ANSI : PLAIN;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.suppression) continue;
    const list = byFile.get(f.location.file);
    if (list) list.push(f);
    else byFile.set(f.location.file, [f]);
  }
  for (const [file, list] of byFile) {
    out.push(p.bold(p.underline(safeLine(file))), '');
    for (const f of list) out.push(...findingBlock(f, p), '');
  }
  const orphans = unreportedNotifications(result.notifications, findings);
  if (orphans.length > 0) {
    out.push(p.bold('Errors'));
    for (const n of orphans) out.push(`  ${severityLabel(n.level, p)} ${safeLine(where(n))}: ${safeLine(n.message)}`);
    out.push('');
  }
  if (!opts.quiet) out.push(...summaryLines(result, findings, opts, p));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function findingBlock(f: Finding, p: Palette): string[] {
  const lines = [
    `${p.bold(position(f.location))} ${severityLabel(f.severity, p)} ${p.dim(safeLine(f.ruleId))}`,
    ...safeText(f.message).split(/\r\n|\n/).map((l) => `  ${l}`),
    ...codeFrame(f, p, '  '),
  ];
  for (const r of f.related) lines.push(`  ${p.dim('related')} ${position(r.location)} ${safeLine(r.message)}`);
  return lines;
}

function position(loc: Location): string {
  return `${safeLine(loc.file)}:${loc.startLine}:${loc.startColumn}`;
}

function severityLabel(severity: Severity, p: Palette): string {
  if (severity === 'error') return p.red('error');
  if (severity === 'warning') return p.yellow('warning');
  return p.cyan('note');
}

function where(n: Notification): string {
  return n.region ? `${n.file}:${n.region.startLine}:${n.region.startColumn}` : n.file;
}

/** Notifications that no `parse-error` finding of the same file already shows. */
function unreportedNotifications(notifications: readonly Notification[], findings: readonly Finding[]): Notification[] {
  const shown = new Set(findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.location.file));
  return notifications.filter((n) => !shown.has(n.file));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLines(result: ScanResult, findings: readonly Finding[], opts: RenderOptions, p: Palette): string[] {
  const s = summarize(result, findings, opts.failOn);
  const c = s.findings;
  const lines: string[] = [];
  const suppressed = c.suppressed > 0 ? `, ${c.suppressed} suppressed` : '';
  if (c.total === 0) lines.push(`${p.bold('No findings')}${suppressed}.`);
  else {
    const counts = `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.note, 'note')}`;
    const head = plural(c.total, 'finding');
    lines.push(`${s.failed ? p.red(p.bold(head)) : p.bold(head)} (${counts})${suppressed}.`);
  }
  const formats = Object.entries(s.files.byFormat)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([format, n]) => `${n} ${FORMAT_LABELS[format as keyof typeof FORMAT_LABELS] ?? format}`);
  let files = `Files: ${s.files.scanned} scanned${formats.length > 0 ? ` (${formats.join(', ')})` : ''}, ${s.files.skipped} skipped`;
  if (s.files.errors > 0) files += `, ${s.files.errors} failed`;
  lines.push(files);
  if (opts.baseline) lines.push(`Baseline: ${opts.baseline.newCount} new, ${opts.baseline.fixedCount} fixed.`);
  lines.push(`Time: ${elapsed(s.elapsedMs)}`);
  return lines;
}

export function elapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
