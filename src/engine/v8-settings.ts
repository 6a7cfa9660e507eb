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
// 67584 is V8's default (66 KB of bytecode run between checks) in Node 20. Were it another in a later
// Node, a run that set this would only leave a cache the next run rewrites once.
const LATER_OPTIMISATION = { set: '--interrupt-budget=300000', reset: '--interrupt-budget=67584' };

/** Below this many files per thread, threads spend much of their run warming up (see tuneV8ForScan). */
export const SHORT_SHARD = 2000;

const applied = new Set<{ set: string; reset: string }>();

/**
 * Process-wide V8 settings for a scan of `files` in `threads` threads, so only a run that owns its
 * process asks for them (the CLI):
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
 * - With worker threads and short shards, functions optimised after 4.4 times as much bytecode run as
 *   V8's default. Every thread compiles its own optimised code, on two cores shared with the threads
 *   scanning: fewer, later compiles. Paired whole-process runs, two threads with against without: 0.86
 *   of the time at 2,500 files, 1.02 at 4,000, 1.06 at 10,000 (where a thread runs long enough to
 *   repay early optimising); two threads with it against one thread: 0.93 at 1,000 files.
 */
export function tuneV8ForScan(files: number, threads = 1): void {
  apply(NO_INLINING);
  if (files >= MANY_FILES) apply(HEAP_GROWTH_CAP);
  if (threads > 1 && files / threads < SHORT_SHARD) apply(LATER_OPTIMISATION);
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
