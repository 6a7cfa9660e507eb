import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gitTopLevel } from '../config/git-root.js';
import { rebaseGlobs, rebaseIgnore } from '../config/globs.js';
import { findConfigFile, loadConfig } from '../config/load.js';
import { didYouMean } from '../config/suggest.js';
import type { LoadedConfig } from '../config/types.js';
import type { RuleSettings, ScanOptions } from '../engine/types.js';
import { DEFAULT_MAX_FILE_SIZE } from '../load/types.js';
import type { RuleDefinition } from '../rule-api.js';
import type { FailOn } from '../report/types.js';
import type { CliArgs } from './args.js';
import { CliUsageError } from './usage-error.js';

export interface RunPlan {
  scan: ScanOptions;
  failOn: FailOn;
  /** Absolute paths. */
  baseline?: string;
  writeBaseline?: string;
  baseDir: string;
  config?: LoadedConfig;
}

export interface PlanEnv {
  cwd: string;
  today: string;
}

/** Config file, then command-line flags on top: the engine's ScanOptions and the CLI's own settings. */
export function planRun(args: CliArgs, env: PlanEnv, rules: readonly RuleDefinition<object>[]): RunPlan {
  const cwd = resolve(env.cwd);
  const gitTop = gitTopLevel(cwd);
  const baseDir = args.baseDir ? existingDir(resolve(cwd, args.baseDir)) : (gitTop ?? cwd);
  const config = readConfig(args, cwd, gitTop, rules);

  const ids = rules.map((r) => r.id);
  for (const { id } of args.rules) {
    if (!ids.includes(id)) throw new CliUsageError(`--rule ${id}: unknown rule${didYouMean(id, ids) || '; run iamlint --list-rules to see the rule ids'}`);
  }

  const ruleSettings: RuleSettings = { ...config?.rules };
  const overrides = (config?.overrides ?? []).map((o) => ({
    files: config ? rebaseGlobs(o.files, config.dir, cwd) : o.files,
    rules: { ...o.rules },
  }));
  // A level given on the command line wins everywhere, also over per-path overrides.
  for (const { id, level } of args.rules) {
    ruleSettings[id] = { ...ruleSettings[id], level };
    for (const o of overrides) if (o.rules[id]?.level) o.rules[id] = { ...o.rules[id], level };
  }

  const ignore = [...(config ? config.ignore.flatMap((g) => rebaseIgnore(g, config.dir, cwd)) : []), ...args.ignore];
  const s = config?.suppressions ?? {};
  return {
    scan: {
      paths: args.paths,
      cwd,
      baseDir,
      ignore,
      maxFileSize: args.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      rules: ruleSettings,
      overrides,
      suppressions: {
        requireReason: s.requireReason ?? true,
        peerSuppressions: s.peerSuppressions ?? true,
        reportUnused: s.reportUnused ?? true,
        today: env.today,
      },
      jobs: args.jobs ?? 0,
      // Code frames are for people: machine formats drop them, which keeps memory per finding small.
      snippets: args.format === 'text',
      ownsProcess: true,
    },
    failOn: args.failOn ?? config?.failOn ?? 'error',
    baseline: args.baseline ? resolve(cwd, args.baseline) : config?.baseline,
    writeBaseline: args.writeBaseline ? resolve(cwd, args.writeBaseline) : undefined,
    baseDir,
    config,
  };
}

function readConfig(args: CliArgs, cwd: string, gitTop: string | undefined, rules: readonly RuleDefinition<object>[]): LoadedConfig | undefined {
  if (args.noConfig) {
    if (args.config) throw new CliUsageError('--config and --no-config cannot be used together');
    return undefined;
  }
  const file = args.config ? resolve(cwd, args.config) : findConfigFile(cwd, gitTop);
  return file ? loadConfig(file, rules, cwd) : undefined;
}

function existingDir(dir: string): string {
  let ok: boolean;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new CliUsageError(`--base-dir ${dir}: not a directory`);
  return dir;
}

