import { setFlagsFromString } from 'node:v8';

/**
 * From this many files a run is a stream of small documents, each dropped after its rules ran.
 * V8 lets the old generation grow up to four times what was live at the last full collection, so
 * the dropped documents' garbage, not what is live, set the peak: on 10,000 files in one thread
 * 550 MiB, with 70 MiB live at the end.
 */
export const MANY_FILES = 100;

/** The settings below, as V8 flags: what a scan sets, and their defaults, given back at exit. */
const NO_INLINING = { set: '--no-turbo-inlining', reset: '--turbo-inlining' };
const HEAP_GROWTH_CAP = { set: '--heap-growing-percent=100', reset: '--heap-growing-percent=0' };

const applied = new Set<{ set: string; reset: string }>();

/**
 * Process-wide V8 settings for a scan, so only a run that owns its process asks for them (the CLI):
 *
 * - No inlining in the optimising compiler. A run is short and goes through much code (every rule,
 *   every adapter) a thousand times or so: optimising it with inlining cost more compiler time than
 *   the faster code gave back. Paired whole-process runs on 2 cores: 1,000 files 0.88 of the wall
 *   time and 0.78 of the CPU, 10,000 files 0.94, the 55 MB plan 0.91, one file 0.97; the parse floor
 *   with the flag 1.02 (no change). Set here, once the files are found, not when the process starts:
 *   Node's own modules loaded after a flag change are compiled again (about 5 ms at start-up).
 * - For many files, heap growth between full collections capped at twice what was live (V8's own
 *   pick goes up to four times on a machine with much memory). One large plan keeps V8's pick, which
 *   is faster for it.
 */
export function tuneV8ForScan(files: number): void {
  apply(NO_INLINING);
  if (files >= MANY_FILES) apply(HEAP_GROWTH_CAP);
}

function apply(setting: { set: string; reset: string }): void {
  if (applied.has(setting)) return;
  if (applied.size === 0) {
    // V8 stamps a code cache with a hash of the flags in force when it is made, and the CLI makes it
    // at exit (bin.ts): with these still set, every later run (which starts without them) would reject
    // the cache, compile everything again and write it again. Prepended: runs before bin.ts's listener.
    process.prependOnceListener('exit', () => {
      for (const s of applied) setFlagsFromString(s.reset);
    });
  }
  applied.add(setting);
  setFlagsFromString(setting.set);
}
