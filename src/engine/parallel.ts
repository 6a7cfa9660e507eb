import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isTerraformJsonName } from '../load/detect.js';
import { scanFiles, type DiscoveredFile, type PartialScan } from './scan-files.js';
import type { ScanOptions } from './types.js';

/**
 * Files per thread before another one pays (so a second thread from 1,000 files): a worker loads the
 * bundle again (about 45 ms to an empty worker's exit), compiles each function it runs on first call
 * and then its own optimised code, on the same cores the main thread's compiler threads already use.
 * With the optimiser's settings for short shards (v8-settings.ts), paired whole-process runs on 2
 * cores, two threads against one: 1.19 of the time at 100 files, 1.02 at 200, 0.96 at 500, 0.93 at
 * 1,000, 0.96 at 2,500, 0.90 at 4,000.
 */
const FILES_PER_WORKER = 500;

const workerScript = new URL('./worker.js', import.meta.url);

/** Worker threads only run from the built JavaScript (tests run the TypeScript sources in one thread). */
function workersAvailable(): boolean {
  return !fileURLToPath(import.meta.url).endsWith('.ts');
}

export function workerCount(requested: number, files: number): number {
  if (!workersAvailable()) return 1;
  if (requested > 0) return Math.min(requested, Math.max(1, files));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER)));
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
 * Files split into `jobs` shards, file groups kept whole; each group goes to the shard with the fewest
 * files so far, so the split depends only on the file list.
 */
export function shardFiles(paths: readonly DiscoveredFile[], jobs: number): DiscoveredFile[][] {
  const shards: DiscoveredFile[][] = Array.from({ length: Math.max(1, jobs) }, () => []);
  for (const group of fileGroups(paths)) {
    let target = shards[0]!;
    for (const s of shards) if (s.length < target.length) target = s;
    target.push(...group);
  }
  return shards.filter((s) => s.length > 0);
}

/**
 * Scans `jobs` shards at once: the first in this thread (which would otherwise wait), each other one in
 * a worker thread. A worker that fails (an exception, running out of memory, an exit without a result)
 * does not fail the run: its shard is scanned again in this thread, where scanFiles turns per-file
 * problems into messages. The caller sorts, so the result does not depend on timing.
 */
export async function scanInWorkers(
  paths: readonly DiscoveredFile[],
  options: ScanOptions,
  jobs: number,
  script: URL = workerScript,
): Promise<PartialScan> {
  const [own = [], ...others] = shardFiles(paths, jobs);
  // Workers start first, so they load while this thread scans its own shard.
  const running = others.map((shard) =>
    runWorker(script, shard, options).catch((err: Error) => {
      process.emitWarning(`iamlint: a scan worker failed (${err.message}); its ${shard.length} files are scanned in the main thread`);
      return scanFiles(shard, options);
    }),
  );
  const parts = [await scanFiles(own, options), ...(await Promise.all(running))];
  return {
    findings: parts.flatMap((p) => p.findings),
    files: parts.flatMap((p) => p.files),
    notifications: parts.flatMap((p) => p.notifications),
  };
}

/**
 * A worker sends its results in batches (worker.ts), so it never holds a whole shard's findings. The
 * shard is complete when every file has its report; the promise settles on exit only, which every way
 * a worker can end (done, an exception, out of memory, process.exit in a dependency) reaches once.
 */
function runWorker(script: URL, paths: DiscoveredFile[], options: ScanOptions): Promise<PartialScan> {
  return new Promise((resolve, reject) => {
    const result: PartialScan = { findings: [], files: [], notifications: [] };
    let failure: Error | undefined;
    const worker = new Worker(script, { workerData: { paths, options } });
    worker.on('message', (part: PartialScan) => {
      for (const f of part.findings) result.findings.push(f);
      for (const f of part.files) result.files.push(f);
      for (const n of part.notifications) result.notifications.push(n);
    });
    worker.once('error', (err) => {
      failure = err;
    });
    worker.once('messageerror', (err) => {
      failure = err;
    });
    worker.once('exit', (code) => {
      if (code === 0 && !failure && result.files.length === paths.length) resolve(result);
      else reject(failure ?? new Error(`exited with code ${code} after reporting ${result.files.length} of ${paths.length} files`));
    });
  });
}
