import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Two cores in CI: forks keep the memory tests honest (one heap per file).
    pool: 'forks',
  },
});
