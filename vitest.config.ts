import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/electron-glue/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    pool: 'forks',
  },
});
