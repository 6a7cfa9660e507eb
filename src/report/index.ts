import type { ScanResult } from '../engine/types.js';
import { renderGithub } from './github.js';
import { renderGitlab } from './gitlab.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
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
  const findings = opts.quiet ? quietFilter(result.findings, opts.failOn) : result.findings;
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
