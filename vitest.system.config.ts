import { defineConfig } from 'vitest/config';

// Tests that need system packages (Debian's python3-onnx, ffmpeg, espeak-ng): npm run test:system.
export default defineConfig({
  test: {
    include: ['test/system/**/*.system.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
