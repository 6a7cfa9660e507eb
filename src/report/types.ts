import type { Severity } from '../findings.js';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'junit' | 'gitlab';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'junit', 'gitlab'];

/** `--fail-on`: the lowest severity that makes the run fail; `never` never fails on findings. */
export type FailOn = Severity | 'never';

export interface RenderOptions {
  /** ANSI colors in the text output (the CLI decides: TTY, no `--no-color`, no `NO_COLOR`). */
  color: boolean;
  /**
   * Only findings at or above the `failOn` threshold (errors when `failOn` is `never`), in every format;
   * the text output also drops its summary.
   */
  quiet: boolean;
  /** Absolute repository root: SARIF, GitLab, GitHub and JUnit paths are relative to it, with `/` separators. */
  baseDir: string;
  /** Absolute working directory: findings' `location.file` is relative to it. */
  cwd: string;
  /** SARIF `automationDetails.id` becomes `<category>/`. */
  sarifCategory?: string;
  toolVersion: string;
  failOn: FailOn;
  /** Set when `--baseline` filtered the findings. */
  baseline?: { newCount: number; fixedCount: number };
}
