import { parentPort, workerData } from 'node:worker_threads';
import { fileGroups } from './parallel.js';
import { scanFiles, type DiscoveredFile } from './scan-files.js';
import type { ScanOptions } from './types.js';

/** Files per message: results leave the worker as it goes, so its memory does not grow with the shard. */
const BATCH = 100;

const { paths, options } = workerData as { paths: DiscoveredFile[]; options: ScanOptions };
let batch: DiscoveredFile[] = [];
for (const group of fileGroups(paths)) {
  batch.push(...group);
  if (batch.length >= BATCH) {
    parentPort!.postMessage(await scanFiles(batch, options));
    batch = [];
  }
}
if (batch.length > 0) parentPort!.postMessage(await scanFiles(batch, options));
