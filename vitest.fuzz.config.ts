import { defineConfig } from 'vitest/config';

/**
 * `npm run fuzz`: the property tests of test/hardening with many more runs per property
 * (IAMLINT_FUZZ_RUNS, default 2,000; IAMLINT_FUZZ_SEED replays a reported failure).
 */
export default defineConfig({
  test: {
    include: ['test/hardening/properties.test.ts'],
    env: { IAMLINT_FUZZ_RUNS: process.env.IAMLINT_FUZZ_RUNS ?? '2000' },
    testTimeout: 3_600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
