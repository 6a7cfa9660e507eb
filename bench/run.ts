/**
 * npm run bench -- [--files 100,1000,10000] [--runs 5] [--seed 42] [--big-plan-mb 50] [--jobs N] [--warm-files 1000] [--out FILE] [--corpus-dir DIR]
 *
 * Generates a seeded corpus per size, then times iamlint end to end against the parse floor (the same
 * files read and parsed by the same parsers, nothing else), alternating the two. For the sizes in
 * --warm-files (none: '') it also measures the warm ratio, both in one process once compiled (warm.ts).
 * Prints a table and writes the figures as JSON.
 *
 * The corpus is written outside the repository (default: the system temp folder): inside it, the
 * repository's .gitignore (which lists bench/corpus/) would make iamlint skip every file. Before
 * timing, one run checks that iamlint read every generated file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBigPlan, writeCorpus } from './corpus.js';
import { median, paired, runOnce, type Paired } from './measure.js';

const USAGE = `npm run bench -- [options]

  --files LIST        corpus sizes, comma-separated (default 1000)
  --runs N            timed runs per corpus, after one warm-up (default 5)
  --seed N            corpus seed: the same seed writes the same files (default 42)
  --big-plan-mb N     size of the large plan JSON; 0 leaves it out (default 50)
  --jobs N            passed to iamlint as --jobs (default: iamlint decides)
  --warm-files LIST   sizes that also get the warm ratio; '' for none (default 1000)
  --out FILE          where the JSON results go (default bench/results/latest.json)
  --corpus-dir DIR    where the corpus is written (default: the system temp folder)`;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const probe = join(here, 'usage-probe.js');
const floorScript = join(here, 'floor.js');
const warmScript = join(here, 'warm.js');
const cli = join(root, 'dist/bundle/main.cjs');

function readArgs() {
  try {
    return parseArgs({
      options: {
        files: { type: 'string', default: '1000' },
        runs: { type: 'string', default: '5' },
        seed: { type: 'string', default: '42' },
        'big-plan-mb': { type: 'string', default: '50' },
        jobs: { type: 'string' },
        'warm-files': { type: 'string', default: '1000' },
        out: { type: 'string', default: join(root, 'bench/results/latest.json') },
        'corpus-dir': { type: 'string', default: join(tmpdir(), 'iamlint-bench-corpus') },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}
const { values } = readArgs();
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const corpusDir = resolve(values['corpus-dir']);
/** A whole number at least `min`, or a usage error naming the option. */
function whole(option: string, text: string, min: number): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: --${option} takes whole numbers of at least ${min}, not "${text}"\n\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
}
const list = (option: string, text: string) => text.split(',').filter((x) => x.trim() !== '').map((x) => whole(option, x, 1));

const sizes = list('files', values.files);
const runs = whole('runs', values.runs, 1);
const seed = whole('seed', values.seed, 0);
const bigPlanMb = whole('big-plan-mb', values['big-plan-mb'], 0);
const jobArgs = values.jobs ? ['--jobs', String(whole('jobs', values.jobs, 1))] : [];
const warmSizes = new Set(list('warm-files', values['warm-files']));

interface Row {
  name: string;
  files: number;
  megabytes: number;
  iamlintMs: number;
  floorMs: number;
  ratio: number;
  /** CPU time of all threads, median; and the median paired iamlint / floor ratio of it. */
  iamlintCpuMs: number;
  floorCpuMs: number;
  cpuRatio: number;
  filesPerSecond: number;
  megabytesPerSecond: number;
  iamlintRssMiB: number;
  floorRssMiB: number;
  /** iamlint / floor in one process after both ran twice (warm.ts); undefined when not measured. */
  warmRatio?: number;
  runs: number;
}

function row(name: string, files: number, bytes: number, m: Paired): Row {
  const iamlintMs = median(m.a.map((s) => s.wallMs));
  const mb = bytes / (1024 * 1024);
  return {
    name,
    files,
    megabytes: round(mb),
    iamlintMs: round(iamlintMs),
    floorMs: round(median(m.b.map((s) => s.wallMs))),
    ratio: round(m.ratio),
    iamlintCpuMs: round(median(m.a.map((s) => s.cpuMs))),
    floorCpuMs: round(median(m.b.map((s) => s.cpuMs))),
    cpuRatio: round(m.cpuRatio),
    filesPerSecond: round(files / (iamlintMs / 1000)),
    megabytesPerSecond: round(mb / (iamlintMs / 1000)),
    iamlintRssMiB: round(median(m.a.map((s) => s.maxRssMiB))),
    floorRssMiB: round(median(m.b.map((s) => s.maxRssMiB))),
    runs,
  };
}

/** The warm ratio for a corpus (bench/warm.ts, in its own process). */
function warmRatio(target: string): number {
  const r = spawnSync(process.execPath, [warmScript, target, String(runs)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`warm run failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  return round((JSON.parse(r.stdout) as { ratio: number }).ratio);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** One run whose JSON output must account for every generated file, or the figures would time nothing. */
function verify(target: string, files: number): void {
  const r = spawnSync(process.execPath, [cli, '--format', 'json', '--fail-on', 'never', ...jobArgs, target], { maxBuffer: 1024 * 1024 * 1024, encoding: 'utf8' });
  const summary = (JSON.parse(r.stdout || '{}') as { summary?: { files: { scanned: number; skipped: number; errors: number }; findings: { total: number } } }).summary;
  const seen = summary ? summary.files.scanned + summary.files.skipped + summary.files.errors : 0;
  if (!summary || summary.files.scanned !== files || seen !== files) {
    throw new Error(`iamlint read ${summary?.files.scanned ?? 0} of the ${files} files in ${target} (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  }
  process.stderr.write(`  checked: ${summary.files.scanned} files scanned, ${summary.findings.total} findings\n`);
}

function measure(target: string): Paired {
  return paired(
    runs,
    () => runOnce(probe, cli, ['--format', 'json', '--output', '/dev/null', '--fail-on', 'never', ...jobArgs, target]),
    () => runOnce(probe, floorScript, [target]),
  );
}

const rows: Row[] = [];
for (const size of sizes) {
  const dir = join(corpusDir, String(size));
  const stats = writeCorpus(dir, size, seed);
  process.stderr.write(`corpus ${size}: ${stats.files} files, ${(stats.bytes / 1048576).toFixed(1)} MB ${JSON.stringify(stats.byKind)} in ${dir}\n`);
  verify(dir, stats.files);
  const measured = row(`${size} files`, stats.files, stats.bytes, measure(dir));
  if (warmSizes.has(size)) measured.warmRatio = warmRatio(dir);
  rows.push(measured);
}
if (bigPlanMb > 0) {
  const path = join(corpusDir, 'big-plan/plan.json');
  const bytes = writeBigPlan(path, bigPlanMb, seed);
  process.stderr.write(`big plan: ${(bytes / 1048576).toFixed(1)} MB in ${path}\n`);
  verify(path, 1);
  rows.push(row(`plan JSON ${Math.round(bytes / 1048576)} MB`, 1, bytes, measure(path)));
}

const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version };
const header = ['corpus', 'MB', 'iamlint ms', 'floor ms', 'ratio', 'warm ratio', 'CPU ms', 'floor CPU ms', 'CPU ratio', 'files/s', 'MB/s', 'RSS MiB', 'floor RSS MiB'];
const lines = rows.map((r) =>
  [r.name, r.megabytes, r.iamlintMs, r.floorMs, `${r.ratio}x`, r.warmRatio === undefined ? '-' : `${r.warmRatio}x`, r.iamlintCpuMs, r.floorCpuMs, `${r.cpuRatio}x`, r.filesPerSecond, r.megabytesPerSecond, r.iamlintRssMiB, r.floorRssMiB].map(String),
);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
process.stdout.write(
  `medians of ${runs} runs after a warm-up; ratio = median of paired iamlint/floor wall times; warm ratio = the same, both in one process after two runs each; CPU = user + system time of all threads (compiler, collector, workers), CPU ratio paired like ratio\n`,
);
process.stdout.write(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}\n\n`);
process.stdout.write(fmt(header) + '\n' + lines.map(fmt).join('\n') + '\n');
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), machine, seed, runs, rows }, null, 2) + '\n');
process.stdout.write(`\nwritten: ${values.out}\n`);
