import { setFlagsFromString } from 'node:v8';

/**
 * From this many files a run is a stream of small documents, each dropped after its rules ran.
 * V8 lets the old generation grow up to four times what was live at the last full collection, so
 * the dropped documents' garbage, not what is live, set the peak: on 10,000 files in one thread
 * 550 MiB, with 70 MiB live at the end.
 */
export const MANY_FILES = 100;

let limited = false;

/**
 * Caps heap growth between full collections at twice what was live (V8's own pick goes up to four
 * times on a machine with much memory). Process-wide, so only a run that owns its process asks
 * for it (the CLI), and only for many files: one large plan keeps V8's pick, which is faster for it.
 */
export function limitHeapGrowth(files: number): void {
  if (limited || files < MANY_FILES) return;
  limited = true;
  setFlagsFromString('--heap-growing-percent=100');
  // V8 stamps a code cache with a hash of the flags in force when it is made, and the CLI makes it at
  // exit (bin.ts): with the cap still set, every later run (which starts without it) would reject the
  // cache, compile everything again and write it again. Prepended, this runs before bin.ts's listener.
  process.prependOnceListener('exit', () => setFlagsFromString('--heap-growing-percent=0'));
}
