import type { RuleSettings, SuppressionSettings } from '../engine/types.js';
import type { FailOn } from '../report/types.js';

/** A config file, read, validated and with its paths resolved. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  file: string;
  /** Its directory: globs and paths in it are relative to this. */
  dir: string;
  rules: RuleSettings;
  /** Globs as written (relative to `dir`). */
  ignore: string[];
  overrides: { files: string[]; rules: RuleSettings }[];
  failOn?: FailOn;
  /** Absolute path. */
  baseline?: string;
  suppressions: Partial<Omit<SuppressionSettings, 'today'>>;
}

/** The names looked for, in this order, in each directory from the working directory upwards. */
export const CONFIG_FILE_NAMES = ['iamlint.config.json', 'iamlint.config.yaml', 'iamlint.config.yml', '.iamlint.yaml', '.iamlint.yml'] as const;
