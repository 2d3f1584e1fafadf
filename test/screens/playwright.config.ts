import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 2,
  reporter: [['list']],
  use: { actionTimeout: 10_000 },
  outputDir: '../../test-results/screens',
});
