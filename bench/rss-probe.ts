import { writeFileSync } from 'node:fs';

// Preloaded with --import into each measured process: records its peak RSS (all threads) at exit.
const out = process.env.IAMLINT_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    writeFileSync(out, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
