import type { ScanResult } from '../engine/types.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { writeJsonReport } from './json.js';
import type { Sink } from './json-writer.js';
import { renderJunit } from './junit.js';
import { sarifLog, writeSarif } from './sarif.js';
import { UploadSizeMeter, sarifLimitWarnings } from './sarif-limits.js';
import { quietFilter } from './severity.js';
import { renderText } from './text.js';
import type { OutputFormat, RenderOptions } from './types.js';

export type { FailOn, OutputFormat, RenderOptions } from './types.js';
export type { Sink } from './json-writer.js';
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

/** The output as one string, and for SARIF the GitHub upload limits it breaks. */
export function renderChecked(format: OutputFormat, result: ScanResult, opts: RenderOptions): { output: string; warnings: string[] } {
  const pieces: string[] = [];
  const { warnings } = renderTo(format, result, opts, (chunk) => pieces.push(chunk));
  return { output: pieces.join(''), warnings };
}

/**
 * The output written to `sink` in chunks (JSON and SARIF are never one string: a large run's report is
 * tens of megabytes), and for SARIF the GitHub upload limits it breaks, found on the log object and on
 * the size of what was written.
 */
export function renderTo(format: OutputFormat, result: ScanResult, opts: RenderOptions, sink: Sink): { warnings: string[] } {
  const findings = opts.quiet ? quietFilter(result.findings, opts.failOn) : result.findings;
  switch (format) {
    case 'sarif': {
      const log = sarifLog(result, findings, opts);
      const meter = new UploadSizeMeter();
      writeSarif(log, (chunk) => {
        meter.add(chunk);
        sink(chunk);
      });
      return { warnings: sarifLimitWarnings(log, meter.finish()) };
    }
    case 'json':
      writeJsonReport(result, findings, opts, sink);
      break;
    case 'text':
      sink(renderText(result, findings, opts));
      break;
    case 'github':
      sink(renderGithub(findings, opts));
      break;
    case 'junit':
      sink(renderJunit(result, findings, opts));
      break;
    case 'gitlab':
      sink(renderGitlab(findings, result.rules, opts.cwd, opts.baseDir));
      break;
  }
  return { warnings: [] };
}
