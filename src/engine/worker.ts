import { parentPort, workerData } from 'node:worker_threads';
import { scanFiles, type DiscoveredFile } from './scan.js';
import type { ScanOptions } from './types.js';

const { paths, options } = workerData as { paths: DiscoveredFile[]; options: ScanOptions };
parentPort!.postMessage(await scanFiles(paths, options));
