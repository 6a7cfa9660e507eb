import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  wallMs: number;
  /** User and system time of all the process's threads. */
  cpuMs: number;
  maxRssMiB: number;
  status: number | null;
}

/** Runs `node --import probe script args` once; wall time from outside, peak RSS and CPU time from the process itself. */
export function runOnce(probe: string, script: string, args: string[]): Sample {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-bench-'));
  const usageFile = join(dir, 'usage.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', probe, script, ...args], {
    env: { ...process.env, IAMLINT_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let maxRssMiB = NaN;
  let cpuMs = NaN;
  try {
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKiB: number; cpuMicros: number };
    maxRssMiB = usage.maxRssKiB / 1024;
    cpuMs = usage.cpuMicros / 1000;
  } catch {
    process.stderr.write(`no usage figures from ${script}: ${child.stderr?.toString().slice(0, 500)}\n`);
  }
  rmSync(dir, { recursive: true, force: true });
  // A crashed run is fast: timing it would flatter whichever side crashed.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${script} exited ${child.status ?? child.signal}: ${child.stderr?.toString().slice(0, 2000)}`);
  }
  return { wallMs, cpuMs, maxRssMiB, status: child.status };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Paired {
  a: Sample[];
  b: Sample[];
  /** Median of the per-pair wall-time ratios a/b: robust when the machine's speed drifts during the run. */
  ratio: number;
  /** The same for CPU time: above `ratio` when a's extra threads (compiler, collector, workers) ran beside its main one. */
  cpuRatio: number;
}

/** Alternates A and B after one warm-up of each, so drift affects both alike. */
export function paired(runs: number, a: () => Sample, b: () => Sample): Paired {
  a();
  b();
  const as: Sample[] = [];
  const bs: Sample[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const sa = a();
    const sb = b();
    as.push(sa);
    bs.push(sb);
    ratios.push(sa.wallMs / sb.wallMs);
    cpuRatios.push(sa.cpuMs / sb.cpuMs);
  }
  return { a: as, b: bs, ratio: median(ratios), cpuRatio: median(cpuRatios) };
}
