import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isTerraformJsonName } from '../load/detect.js';
import { scanFiles, type DiscoveredFile, type PartialScan } from './scan-files.js';
import type { ScanOptions } from './types.js';

/**
 * Files per thread before another one pays: a worker loads the bundle again (about 37 ms to an empty
 * worker's exit), compiles each function it runs on first call and then its own optimised code, on
 * the same cores the main thread's compiler threads already use. Paired whole-process runs on 2 cores,
 * two threads (each given half the files) against one:
 * - A CLI scan, with the optimiser's settings for short shards (v8-settings.ts): 1.19 of the time at
 *   100 files, 1.02 at 200, 0.96 at 500, 0.93 at 1,000, 0.96 at 2,500, 0.90 at 4,000. One thread per 500.
 * - A library scan, which leaves V8's settings alone: 1.28 at 1,000 files, 1.06 at 4,000, 0.84 at
 *   10,000 (and 0.96 at 5,000 when measured before the settings existed). One thread per 2,500.
 */
const FILES_PER_WORKER = { tuned: 500, untuned: 2500 };

// Beside the CLI's CommonJS bundles the worker is CommonJS too (worker.cjs): an ES module worker also
// loads Node's ES loader, and a 1,000-file run's worker began scanning about 100 ms after it was made.
const workerScript = new URL(import.meta.url.endsWith('.cjs') ? './worker.cjs' : './worker.js', import.meta.url);

/** Worker threads only run from the built JavaScript (tests run the TypeScript sources in one thread). */
function workersAvailable(): boolean {
  return !fileURLToPath(import.meta.url).endsWith('.ts');
}

/** `tuned`: the scan sets V8's settings for itself (a CLI run, which owns its process). */
export function workerCount(requested: number, files: number, tuned: boolean): number {
  if (!workersAvailable()) return 1;
  if (requested > 0) return Math.min(requested, Math.max(1, files));
  return automaticThreads(files, availableParallelism(), tuned);
}

/** Threads for `files` on `cores` when the user did not say (`--jobs 0`). */
export function automaticThreads(files: number, cores: number, tuned: boolean): number {
  const perWorker = tuned ? FILES_PER_WORKER.tuned : FILES_PER_WORKER.untuned;
  return Math.max(1, Math.min(cores, Math.floor(files / perWorker)));
}

/** Files that must be scanned together: the `.tf.json` files of one folder (one model, as scanFiles groups them); every other file alone. */
export function fileGroups(paths: readonly DiscoveredFile[]): DiscoveredFile[][] {
  const groups: DiscoveredFile[][] = [];
  const modules = new Map<string, DiscoveredFile[]>();
  for (const p of paths) {
    if (!isTerraformJsonName(p.abs)) {
      groups.push([p]);
      continue;
    }
    const dir = dirname(p.abs);
    const group = modules.get(dir);
    if (group) group.push(p);
    else {
      const fresh = [p];
      modules.set(dir, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/**
 * Work units: file groups packed into units of at least `size` files, YAML files first, then JSON
 * ones, then Terraform modules (each in discovery order). Threads take units one at a time, so they
 * finish together however fast each one starts and runs: with fixed halves, the main thread (which
 * starts at once) finished about 100 ms before the worker at 1,000 files on 2 cores. Units against
 * halves, paired whole-process runs: 0.96 of the wall time at 1,000 files, 0.98 at 2,500, 0.99 at
 * 10,000.
 *
 * The main thread takes units from the front and workers from the back (claimUnit), so each thread
 * runs mostly one parser and one adapter and warms up less code: against units in discovery order,
 * 0.975 of the wall time at 1,000 files, 0.984 at 2,500, 0.969 at 10,000 (CPU 0.96–0.98).
 */
export function workUnits(paths: readonly DiscoveredFile[], size = UNIT_FILES): DiscoveredFile[][] {
  const bySyntax: DiscoveredFile[][][] = [[], [], []];
  for (const group of fileGroups(paths)) bySyntax[syntaxRank(group[0]!.abs)]!.push(group);
  const units: DiscoveredFile[][] = [];
  let unit: DiscoveredFile[] = [];
  for (const group of bySyntax.flat()) {
    unit.push(...group);
    if (unit.length >= size) {
      units.push(unit);
      unit = [];
    }
  }
  if (unit.length > 0) units.push(unit);
  return units;
}

/** 0 YAML (and names of no known syntax, read by content), 1 JSON, 2 a `.tf.json` module. */
function syntaxRank(abs: string): number {
  if (isTerraformJsonName(abs)) return 2;
  return abs.toLowerCase().endsWith('.json') ? 1 : 0;
}

/** Small enough that the last unit taken costs little waiting, large enough that a unit's setup does not count. */
const UNIT_FILES = 20;

/** What a worker posts for each unit it scanned. */
export interface UnitResult {
  unit: number;
  part: PartialScan;
}

/**
 * The counters threads share: [units taken, taken from the front, taken from the back]. Every claim
 * first takes a ticket from the total, so front and back never meet: with F front and B back claims
 * granted, F + B <= units, and the front indices 0..F-1 stay below the back ones units-B..units-1.
 */
export function unitCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
}

/** Takes the next unit from the front (or the back); undefined when none is left. */
export function claimUnit(counter: Int32Array, units: number, fromBack = false): number | undefined {
  if (Atomics.add(counter, 0, 1) >= units) return undefined;
  const k = Atomics.add(counter, fromBack ? 2 : 1, 1);
  return fromBack ? units - 1 - k : k;
}

/**
 * Scans with `jobs` threads: this one, taking units from the front, and `jobs - 1` workers, taking
 * them from the back. A worker that fails (an exception, running out of memory, an exit before its
 * last unit) does not fail the run: once every worker has ended, the units nobody reported are scanned
 * in this thread, where scanFiles turns per-file problems into messages. The caller sorts, so the
 * result does not depend on which thread scanned what.
 */
export async function scanInWorkers(
  paths: readonly DiscoveredFile[],
  options: ScanOptions,
  jobs: number,
  script: URL = workerScript,
  unitFiles = UNIT_FILES,
): Promise<PartialScan> {
  const units = workUnits(paths, unitFiles);
  const counter = unitCounter();
  const reported = new Uint8Array(units.length);
  const result: PartialScan = { findings: [], files: [], notifications: [] };
  const add = (unit: number, part: PartialScan) => {
    reported[unit] = 1;
    for (const f of part.findings) result.findings.push(f);
    for (const f of part.files) result.files.push(f);
    for (const n of part.notifications) result.notifications.push(n);
  };
  // Workers start first, so they load while this thread scans.
  const running = Array.from({ length: Math.max(0, jobs - 1) }, () => runWorker(script, units, counter, options, add));
  for (let i = claimUnit(counter, units.length); i !== undefined; i = claimUnit(counter, units.length)) add(i, await scanFiles(units[i]!, options));
  const failures = (await Promise.allSettled(running)).flatMap((o) => (o.status === 'rejected' ? [(o.reason as Error).message] : []));
  const missed = [...units.keys()].filter((i) => !reported[i]);
  const files = missed.reduce((n, i) => n + units[i]!.length, 0);
  for (const why of failures) process.emitWarning(`iamlint: a scan worker failed (${why}); the files it had not reported are scanned in the main thread`);
  if (failures.length === 0 && files > 0) process.emitWarning(`iamlint: a scan worker ended before reporting ${files} files; they are scanned in the main thread`);
  for (const i of missed) add(i, await scanFiles(units[i]!, options));
  return result;
}

/**
 * A worker posts each unit's results as soon as it is scanned (worker.ts), so it never holds many
 * files' findings. The promise settles on exit only, which every way a worker can end (done, an
 * exception, out of memory, process.exit in a dependency) reaches once.
 */
function runWorker(script: URL, units: DiscoveredFile[][], counter: Int32Array, options: ScanOptions, add: (unit: number, part: PartialScan) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const worker = new Worker(script, { workerData: { units, counter, options } });
    worker.on('message', ({ unit, part }: UnitResult) => add(unit, part));
    worker.once('error', (err) => {
      failure = err;
    });
    worker.once('messageerror', (err) => {
      failure = err;
    });
    worker.once('exit', (code) => {
      if (code === 0 && !failure) resolve();
      else reject(failure ?? new Error(`exited with code ${code}`));
    });
  });
}
