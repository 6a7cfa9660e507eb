import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { applyBaseline } from '../baseline/apply.js';
import { buildBaseline, readBaseline, writeBaseline } from '../baseline/file.js';
import { ConfigError } from '../config/errors.js';
import { packageInfo } from '../config/package-root.js';
import { UsageError } from '../discover.js';
import { scan } from '../engine/scan.js';
import { renderTo, type Sink } from '../report/index.js';
import { runFails } from '../report/severity.js';
import type { RenderOptions } from '../report/types.js';
import type { RuleDefinition } from '../rule-api.js';
import { allRules } from '../../rules/index.js';
import { parseCliArgs } from './args.js';
import { helpText, USAGE_HINT } from './help.js';
import { listRules } from './list-rules.js';
import { planRun } from './plan.js';
import { CliUsageError } from './usage-error.js';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colors). */
  isTTY: boolean;
  /** YYYY-MM-DD for `expires:` (default: today, UTC). */
  today?: string;
  /** The rule registry (default: every rule). */
  rules?: readonly RuleDefinition<object>[];
  /** Called once the files have been scanned. */
  onScanned?: () => void;
}

/** The whole command line run, in process: returns the exit code (0 clean, 1 findings, 2 usage/config error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (text: string) => io.stderr.write(`iamlint: ${text}\n`);
  try {
    const args = parseCliArgs(argv);
    const { version } = packageInfo();
    if (args.help) {
      io.stdout.write(helpText(version));
      return 0;
    }
    if (args.version) {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const rules = io.rules ?? allRules;
    const cwd = resolve(io.cwd);
    const plan = planRun(args, { cwd, today: io.today ?? new Date().toISOString().slice(0, 10) }, rules);
    if (args.listRules) {
      io.stdout.write(listRules(rules, plan.scan.rules));
      return 0;
    }
    const paths = { cwd, baseDir: plan.baseDir };
    // Read the baseline before scanning, so a bad file fails fast.
    const baseline = plan.baseline ? readBaseline(plan.baseline, cwd) : undefined;
    const result = await scan(plan.scan, rules);
    io.onScanned?.();

    let findings = result.findings;
    let baselineCounts: RenderOptions['baseline'];
    if (baseline && plan.baseline) {
      const outcome = applyBaseline(findings, baseline, result.files, { ...paths, roots: plan.scan.paths }, display(plan.baseline, cwd));
      findings = outcome.findings;
      baselineCounts = { newCount: outcome.newCount, fixedCount: outcome.fixedCount };
    }

    if (plan.writeBaseline) {
      const recorded = findings.filter((f) => !f.suppression || f.suppression.source === 'baseline');
      writeBaseline(plan.writeBaseline, buildBaseline(recorded, paths, version));
      if (!args.quiet) say(`wrote ${recorded.length} finding${recorded.length === 1 ? '' : 's'} to the baseline ${display(plan.writeBaseline, cwd)}`);
      return 0;
    }

    const toFile = args.output !== undefined;
    const color = io.isTTY && !toFile && !args.noColor && !io.env.NO_COLOR && args.format === 'text';
    const opts: RenderOptions = {
      color,
      quiet: args.quiet,
      baseDir: plan.baseDir,
      cwd,
      sarifCategory: args.sarifCategory,
      toolVersion: version,
      failOn: plan.failOn,
      baseline: baselineCounts,
    };
    // Written as it is rendered: a large run's report is never one string.
    const { warnings } = toFile
      ? writeToFile(resolve(cwd, args.output!), (sink) => renderTo(args.format, { ...result, findings }, opts, sink))
      : renderTo(args.format, { ...result, findings }, opts, (chunk) => io.stdout.write(chunk));
    for (const w of warnings) say(`warning: ${w}`);
    if (baselineCounts && (toFile || args.format !== 'text') && !args.quiet) {
      say(`baseline: ${baselineCounts.newCount} new, ${baselineCounts.fixedCount} fixed (no longer found)`);
    }
    return runFails(findings, result.notifications, plan.failOn) ? 1 : 0;
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof UsageError) {
      say(err.message);
      io.stderr.write(`${USAGE_HINT}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      say(err.message);
      return 2;
    }
    say(`internal error: ${(err as Error).stack ?? String(err)}`);
    return 2;
  }
}

function display(file: string, cwd: string): string {
  return relative(cwd, file) || file;
}

/** Opens (creating its folder) and fills `file` with what `write` sends, one chunk at a time. */
function writeToFile<T>(file: string, write: (sink: Sink) => T): T {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    return write((chunk) => {
      const bytes = Buffer.from(chunk);
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    });
  } finally {
    closeSync(fd);
  }
}
