import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile, PartialScan } from './scan.js';
import type { ScanOptions } from './types.js';

/** Below this many files a worker's start-up (≈ 40 ms each, plus loading the rules again) costs more than it saves. */
const FILES_PER_WORKER = 150;

const workerScript = new URL('./worker.js', import.meta.url);

/** Worker threads only run from the built JavaScript (tests run the TypeScript sources in one thread). */
function workersAvailable(): boolean {
  return fileURLToPath(import.meta.url).endsWith('.js');
}

export function workerCount(requested: number, files: number): number {
  if (!workersAvailable()) return 1;
  if (requested > 0) return Math.min(requested, Math.max(1, files));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Splits the files into shards (a Terraform module's files stay together: they form one model) and
 * scans each shard in a worker thread. The caller sorts, so the result does not depend on timing.
 */
export async function scanInWorkers(paths: readonly DiscoveredFile[], options: ScanOptions, jobs: number): Promise<PartialScan> {
  const shards: DiscoveredFile[][] = Array.from({ length: jobs }, () => []);
  const byDir = new Map<string, DiscoveredFile[]>();
  for (const p of paths) {
    const key = p.abs.endsWith('.tf.json') ? dirname(p.abs) : p.abs;
    const group = byDir.get(key);
    if (group) group.push(p);
    else byDir.set(key, [p]);
  }
  let i = 0;
  for (const group of byDir.values()) shards[i++ % jobs]!.push(...group);
  const parts = await Promise.all(shards.filter((s) => s.length).map((shard) => runWorker(shard, options)));
  return {
    findings: parts.flatMap((p) => p.findings),
    files: parts.flatMap((p) => p.files),
    notifications: parts.flatMap((p) => p.notifications),
  };
}

function runWorker(paths: DiscoveredFile[], options: ScanOptions): Promise<PartialScan> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { paths, options } });
    worker.once('message', (part: PartialScan) => resolve(part));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
    });
  });
}
