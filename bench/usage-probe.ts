import { writeFileSync } from 'node:fs';

// Preloaded with --import into each measured process: records at exit its peak RSS and the CPU time of
// all its threads (the compiler's and the collector's included), so the table can say how much of the
// machine a run used as well as how long it took.
const out = process.env.IAMLINT_BENCH_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
  });
}
