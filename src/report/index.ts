import type { ScanResult } from '../engine/types.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif, sarifLog, serializeSarif } from './sarif.js';
import { sarifLimitWarnings } from './sarif-limits.js';
import { quietFilter } from './severity.js';
import { renderText } from './text.js';
import type { OutputFormat, RenderOptions } from './types.js';

export type { FailOn, OutputFormat, RenderOptions } from './types.js';
export { OUTPUT_FORMATS } from './types.js';
export { failsAt } from './severity.js';

/**
 * One scan result in one output format. Every reporter is a small module without third-party
 * dependencies, so importing this costs little on one-file runs. With `quiet`, every format gets only
 * the findings at or above `failOn` (errors when it is `never`); the text format also drops its summary.
 */
export function render(format: OutputFormat, result: ScanResult, opts: RenderOptions): string {
  return renderChecked(format, result, opts).output;
}

/**
 * The output, and for SARIF the GitHub upload limits it breaks, found on the log object itself
 * (reading the text back would hold a second copy of a large log at the end of the run).
 */
export function renderChecked(format: OutputFormat, result: ScanResult, opts: RenderOptions): { output: string; warnings: string[] } {
  if (format !== 'sarif') return { output: renderFindings(format, result, opts), warnings: [] };
  const log = sarifLog(result, visibleFindings(result, opts), opts);
  const output = serializeSarif(log);
  return { output, warnings: sarifLimitWarnings(log, output) };
}

function visibleFindings(result: ScanResult, opts: RenderOptions) {
  return opts.quiet ? quietFilter(result.findings, opts.failOn) : result.findings;
}

function renderFindings(format: OutputFormat, result: ScanResult, opts: RenderOptions): string {
  const findings = visibleFindings(result, opts);
  switch (format) {
    case 'text':
      return renderText(result, findings, opts);
    case 'json':
      return renderJson(result, findings, opts);
    case 'sarif':
      return renderSarif(result, findings, opts);
    case 'github':
      return renderGithub(findings, opts);
    case 'junit':
      return renderJunit(result, findings, opts);
    case 'gitlab':
      return renderGitlab(findings, result.rules, opts.cwd, opts.baseDir);
  }
}
