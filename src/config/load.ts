import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { RuleSettings } from '../engine/types.js';
import type { RuleDefinition } from '../rule-api.js';
import type { FailOn } from '../report/types.js';
import { ConfigError } from './errors.js';
import { parseConfigText } from './parse.js';
import { readRuleSettings } from './rule-settings.js';
import { CONFIG_FILE_NAMES, type LoadedConfig } from './types.js';
import { validateConfigShape } from './validate.js';

/** Config files are small; anything bigger is a mistake (or hostile). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The first config file in `cwd` or a folder above it, stopping after `stopAt` (the git top level) or at the root. */
export function findConfigFile(cwd: string, stopAt?: string): string | undefined {
  let dir = resolve(cwd);
  const stop = stopAt ? resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    dir = parent;
  }
}

interface RawConfig {
  rules?: Record<string, never>;
  ignore?: string[];
  overrides?: { files: string[]; rules: Record<string, never> }[];
  failOn?: FailOn;
  baseline?: string;
  suppressions?: { requireReason?: boolean; peerSuppressions?: boolean; reportUnused?: boolean };
}

/** Reads and validates one config file. `cwd` only shapes the displayed path. */
export function loadConfig(file: string, rules: readonly RuleDefinition<object>[], cwd: string): LoadedConfig {
  const abs = resolve(cwd, file);
  const display = relative(cwd, abs) || abs;
  let text: string;
  try {
    const size = statSync(abs).size;
    if (size > MAX_CONFIG_BYTES) throw new ConfigError(display, `config file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES}`);
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(display, code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? (err as Error).message})`);
  }
  const parsed = parseConfigText(display, text.replace(/^\uFEFF/, ''));
  validateConfigShape(display, parsed);
  const raw = parsed.data as RawConfig;
  const settings = (r: Record<string, never> | undefined, pointer: string): RuleSettings =>
    r ? readRuleSettings(r, pointer, rules, display, parsed) : {};
  const dir = dirname(abs);
  return {
    file: abs,
    dir,
    rules: settings(raw.rules, '/rules'),
    ignore: raw.ignore ?? [],
    overrides: (raw.overrides ?? []).map((o, i) => ({ files: o.files, rules: settings(o.rules, `/overrides/${i}/rules`) })),
    failOn: raw.failOn,
    baseline: raw.baseline ? resolve(dir, raw.baseline) : undefined,
    suppressions: { ...raw.suppressions },
  };
}
