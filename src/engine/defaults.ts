import { DEFAULT_MAX_FILE_SIZE } from '../load/types.js';
import type { ScanOptions } from './types.js';

/** Options as the CLI uses them with no flags and no config file. */
export function defaultScanOptions(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    paths: ['.'],
    cwd: process.cwd(),
    ignore: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    rules: {},
    overrides: [],
    suppressions: {
      requireReason: true,
      peerSuppressions: true,
      reportUnused: true,
      today: new Date().toISOString().slice(0, 10),
    },
    jobs: 0,
    ...overrides,
  };
}
