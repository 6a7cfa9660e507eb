import type { FileReport, Finding, Notification, Severity } from '../findings.js';
import type { RuleDefinition } from '../rule-api.js';

export type RuleLevel = Severity | 'off';

export interface RuleSetting {
  /** Overrides the rule's default severity for every finding of the rule; `off` disables it. */
  level?: RuleLevel;
  options?: Record<string, unknown>;
}

export type RuleSettings = Record<string, RuleSetting>;

export interface SuppressionSettings {
  /** A suppression without a reason is itself reported (and does not suppress). Default true. */
  requireReason: boolean;
  /** Honour cfn_nag, checkov and cfn-lint suppressions that map to our rules. Default true. */
  peerSuppressions: boolean;
  /** Report suppressions that matched nothing. Default true. */
  reportUnused: boolean;
  /** Today, for `expires:` (tests pass a fixed date). */
  today: string;
}

export interface ScanOptions {
  paths: string[];
  /** Working directory that displayed paths are relative to. */
  cwd: string;
  ignore: string[];
  maxFileSize: number;
  rules: RuleSettings;
  /** Per-path rule settings: later entries win. */
  overrides: { files: string[]; rules: RuleSettings }[];
  suppressions: SuppressionSettings;
  /** Worker threads: 0 = decide by file count, 1 = single thread. */
  jobs: number;
  /** Repository root (absolute): fingerprints use paths relative to it, so they do not depend on the working directory. */
  baseDir?: string;
  /** Keep source lines for code frames (only the text report shows them; default true). */
  snippets?: boolean;
  /**
   * The run owns its process (the CLI): with many files, cap the heap's growth between full
   * collections (a process-wide V8 setting), so peak memory follows what is live. Default false.
   */
  ownsProcess?: boolean;
}

export interface ScanResult {
  /** Sorted by file, line, column, rule id: the same whatever the parallelism. */
  findings: Finding[];
  files: FileReport[];
  notifications: Notification[];
  /** The rules that ran (enabled), in id order. */
  rules: RuleDefinition<object>[];
  elapsedMs: number;
}
