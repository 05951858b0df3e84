import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the tests that drive a real Chromium (kept out of `npm test`, which must
// pass on a machine without one).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
