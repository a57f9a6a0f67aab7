import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Component tests start real processes and measure fsync-bound behaviour: keep files serial
    // on these 2-core machines so they do not starve one another.
    fileParallelism: false,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
