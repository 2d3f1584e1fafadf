import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // renderer units (test/renderer) run in jsdom: each file says so with `@vitest-environment jsdom`
    include: [
      'test/unit/**/*.test.ts',
      'test/renderer/**/*.test.{ts,tsx}',
      'test/contract/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/electron-glue/**/*.test.ts',
      'test/boundaries/**/*.test.ts',
    ],
    environment: 'node',
    // one temp folder per run, removed at its end (test/support/temp-root.ts)
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 15_000,
    pool: 'forks',
  },
});
