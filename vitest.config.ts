import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from their sources, so a test never runs against a stale dist/.
const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@kubelite/api': src('api'),
      '@kubelite/client': src('client'),
      '@kubelite/apiserver': src('apiserver'),
      '@kubelite/scheduler': src('scheduler'),
      '@kubelite/controller-manager': src('controller-manager'),
      '@kubelite/kubelet': src('kubelet'),
      '@kubelite/proxy': src('proxy'),
      '@kubelite/cli': src('cli'),
    },
  },
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
