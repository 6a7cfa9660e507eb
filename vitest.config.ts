import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Tests that start the built CLI leave no compile cache in the system temp folder (its own tests turn it on).
    env: { IAMLINT_NO_COMPILE_CACHE: '1' },
  },
});
