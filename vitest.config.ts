import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/browser needs Chromium: it runs in `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**', 'test/system/**'],
    testTimeout: 60_000,
    // Two cores in CI: forks keep the memory tests honest (one heap per file).
    pool: 'forks',
  },
});
