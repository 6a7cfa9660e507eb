import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { RuleLevel } from '../engine/types.js';
import { OUTPUT_FORMATS, type FailOn, type OutputFormat } from '../report/types.js';
import { didYouMean } from '../config/suggest.js';
import { CliUsageError } from './usage-error.js';

export interface CliArgs {
  paths: string[];
  format: OutputFormat;
  output?: string;
  failOn?: FailOn;
  /** `--rule ID=level`, in order (later wins). */
  rules: { id: string; level: RuleLevel }[];
  ignore: string[];
  config?: string;
  noConfig: boolean;
  baseDir?: string;
  sarifCategory?: string;
  maxFileSize?: number;
  jobs?: number;
  baseline?: string;
  writeBaseline?: string;
  listRules: boolean;
  noColor: boolean;
  quiet: boolean;
  version: boolean;
  help: boolean;
}

export const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  rule: { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  'base-dir': { type: 'string' },
  'sarif-category': { type: 'string' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'list-rules': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'never'];
const LEVELS: readonly RuleLevel[] = ['off', 'note', 'warning', 'error'];

/** Parses the command line (without `node` and the script). Throws CliUsageError. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliUsageError(describeParseError(err as Error & { code?: string }));
  }
  const v = parsed.values;
  const format = (v.format ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    throw new CliUsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${v.format}")`);
  }
  const failOn = v['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) {
    throw new CliUsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  }
  return {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format,
    output: nonEmpty('--output', v.output),
    failOn,
    rules: (v.rule ?? []).map(parseRuleFlag),
    ignore: (v.ignore ?? []).map((g) => nonEmpty('--ignore', g)!),
    config: nonEmpty('--config', v.config),
    noConfig: v['no-config'] ?? false,
    baseDir: nonEmpty('--base-dir', v['base-dir']),
    sarifCategory: nonEmpty('--sarif-category', v['sarif-category']),
    maxFileSize: v['max-file-size'] === undefined ? undefined : parseSize(v['max-file-size']),
    jobs: v.jobs === undefined ? undefined : parseJobs(v.jobs),
    baseline: nonEmpty('--baseline', v.baseline),
    writeBaseline: nonEmpty('--write-baseline', v['write-baseline']),
    listRules: v['list-rules'] ?? false,
    noColor: v['no-color'] ?? false,
    quiet: v.quiet ?? false,
    version: v.version ?? false,
    help: v.help ?? false,
  };
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new CliUsageError(`${flag} needs a value`);
  return value;
}

export function parseRuleFlag(text: string): { id: string; level: RuleLevel } {
  const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(text);
  if (!m) throw new CliUsageError(`--rule takes ID=off|note|warning|error (got "${text}")`);
  const level = m[2]!.toLowerCase() as RuleLevel;
  if (!LEVELS.includes(level)) throw new CliUsageError(`--rule ${m[1]}: the level must be one of ${LEVELS.join(', ')} (got "${m[2]}")`);
  return { id: m[1]!, level };
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `1048576`, `512KB`, `10MB`, `1.5GB` (binary units). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1) throw new CliUsageError(`--max-file-size takes a size such as 1048576, 512KB or 10MB (got "${text}")`);
  return bytes;
}

function parseJobs(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new CliUsageError(`--jobs takes a whole number (0 = automatic, 1 = no worker threads; got "${text}")`);
  return Number(text.trim());
}

function describeParseError(err: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(err.message)?.[1];
  const names = Object.keys(OPTIONS).map((n) => `--${n}`);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}${option?.startsWith('--') ? didYouMean(option, names) : ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!option) return err.message;
      return `${/--[\w-]+/.exec(option)?.[0] ?? option} ${/argument missing/i.test(err.message) ? 'needs a value' : 'does not take a value'}`;
    default:
      return err.message;
  }
}
