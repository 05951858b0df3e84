import { defineConfig } from 'vitest/config';

// Long runs that hold memory and caches to account (10,000 training steps): npm run test:soak.
// Their files end in .soak.ts, so `npm test` (test/**/*.test.ts) never picks them up.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    testTimeout: 1_800_000,
    pool: 'forks',
  },
});
