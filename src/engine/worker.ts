import { parentPort, workerData } from 'node:worker_threads';
import { claimUnit, type UnitResult } from './parallel.js';
import { scanFiles, type DiscoveredFile } from './scan-files.js';
import type { ScanOptions } from './types.js';

const { units, counter, options } = workerData as { units: DiscoveredFile[][]; counter: Int32Array; options: ScanOptions };

// No top-level await: the worker is bundled as CommonJS (parallel.ts says why). A rejection ends the
// worker with an error, which the main thread reports.
async function scanUnits(): Promise<void> {
  for (let i = claimUnit(counter, units.length, true); i !== undefined; i = claimUnit(counter, units.length, true)) {
    const result: UnitResult = { unit: i, part: await scanFiles(units[i]!, options) };
    parentPort!.postMessage(result);
  }
}

void scanUnits();
