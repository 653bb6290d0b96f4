import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'main',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'test/integration/**/*.test.ts'],
          // Numeric tests take seconds on a 2-core machine and several times that under load;
          // speed is measured by the benchmarks, so a limit here only guards against a hang.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [svelte(), svelteTesting()],
        resolve: { alias: { $api: fileURLToPath(new URL('./src-main/api', import.meta.url)) } },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.ts'],
          setupFiles: ['test/setup/jest-dom.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
