import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers/temp-dir.js';

const setFlags = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString: setFlags }));

afterEach(() => {
  setFlags.mockClear();
  vi.resetModules();
});

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

/** A folder of `count` small policy files. */
function policies(count: number): string {
  const dir = tempDir('iamlint-heap-');
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `p${i}.json`), POLICY);
  return dir;
}

const options = (dir: string, ownsProcess?: boolean) => ({
  paths: [dir],
  cwd: dir,
  ignore: [],
  maxFileSize: 1024 * 1024,
  rules: {},
  overrides: [],
  suppressions: { requireReason: true, peerSuppressions: true, reportUnused: true, today: '2026-12-02' },
  jobs: 1,
  ownsProcess,
});

describe('limitHeapGrowth', () => {
  it('caps heap growth once, and only for a run of many files', async () => {
    const { limitHeapGrowth, MANY_FILES } = await import('../src/engine/heap.js');
    limitHeapGrowth(1);
    limitHeapGrowth(MANY_FILES - 1);
    expect(setFlags).not.toHaveBeenCalled();
    limitHeapGrowth(MANY_FILES);
    limitHeapGrowth(10_000);
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=100']]);
  });

  it('is set by a scan that owns its process and has many files; a library scan leaves the process alone', async () => {
    const { MANY_FILES } = await import('../src/engine/heap.js');
    const many = policies(MANY_FILES);
    const { scan } = await import('../src/engine/scan.js');
    expect((await scan(options(many))).files).toHaveLength(MANY_FILES);
    expect(setFlags).not.toHaveBeenCalled();
    await scan(options(policies(3), true));
    expect(setFlags).not.toHaveBeenCalled();
    await scan(options(many, true));
    expect(setFlags).toHaveBeenCalledOnce();
  });

  it('is asked for by the CLI', async () => {
    const { planRun } = await import('../src/cli/plan.js');
    const { parseCliArgs } = await import('../src/cli/args.js');
    const { allRules } = await import('../rules/index.js');
    expect(planRun(parseCliArgs(['.']), { cwd: process.cwd(), today: '2026-12-02' }, allRules).scan.ownsProcess).toBe(true);
  });
});
