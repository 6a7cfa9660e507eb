import { afterEach, describe, expect, it, vi } from 'vitest';
import { policyFolder } from './helpers/temp-dir.js';

const setFlags = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString: setFlags }));

afterEach(() => {
  setFlags.mockClear();
  vi.resetModules();
});


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

describe('tuneV8ForScan', () => {
  it('turns inlining off for any scan, caps heap growth for many files, each once', async () => {
    const { tuneV8ForScan, MANY_FILES } = await import('../src/engine/v8-settings.js');
    tuneV8ForScan(1);
    tuneV8ForScan(MANY_FILES - 1);
    expect(setFlags.mock.calls).toEqual([['--no-turbo-inlining']]);
    tuneV8ForScan(MANY_FILES);
    tuneV8ForScan(10_000);
    expect(setFlags.mock.calls).toEqual([['--no-turbo-inlining'], ['--heap-growing-percent=100']]);
  });

  it('optimises later only for worker threads with short shards', async () => {
    const { tuneV8ForScan, SHORT_SHARD } = await import('../src/engine/v8-settings.js');
    tuneV8ForScan(SHORT_SHARD, 1);
    tuneV8ForScan(2 * SHORT_SHARD, 2);
    expect(setFlags.mock.calls.flat()).not.toContain('--interrupt-budget=300000');
    tuneV8ForScan(2 * SHORT_SHARD - 1, 2);
    expect(setFlags.mock.calls.flat()).toContain('--interrupt-budget=300000');
  });

  it('gives the flags back to their defaults at exit, before the compile cache is written', async () => {
    const { tuneV8ForScan, MANY_FILES } = await import('../src/engine/v8-settings.js');
    const before = process.listeners('exit');
    tuneV8ForScan(MANY_FILES, 2);
    const added = process.listeners('exit').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    expect(process.listeners('exit')[0]).toBe(added[0]);
    process.removeListener('exit', added[0]!);
    setFlags.mockClear();
    (added[0] as () => void)();
    expect(setFlags.mock.calls).toEqual([['--turbo-inlining'], ['--heap-growing-percent=0'], ['--interrupt-budget=67584']]);
  });

  it('is set by a scan that owns its process; a library scan leaves the process alone', async () => {
    const { MANY_FILES } = await import('../src/engine/v8-settings.js');
    const many = policyFolder(MANY_FILES);
    const { scan } = await import('../src/engine/scan.js');
    expect((await scan(options(many))).files).toHaveLength(MANY_FILES);
    expect(setFlags).not.toHaveBeenCalled();
    await scan(options(policyFolder(3), true));
    expect(setFlags.mock.calls).toEqual([['--no-turbo-inlining']]);
    await scan(options(many, true));
    expect(setFlags.mock.calls).toEqual([['--no-turbo-inlining'], ['--heap-growing-percent=100']]);
  });

  it('is asked for by the CLI', async () => {
    const { planRun } = await import('../src/cli/plan.js');
    const { parseCliArgs } = await import('../src/cli/args.js');
    const { allRules } = await import('../rules/index.js');
    expect(planRun(parseCliArgs(['.']), { cwd: process.cwd(), today: '2026-12-02' }, allRules).scan.ownsProcess).toBe(true);
  });
});
