import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 2,
  reporter: [['list']],
  outputDir: '../../test-results/screens',
});
