import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The packaging lane (`npm run test:packaging`, and `npm test` after the build lane): its own Vitest run, because it
// needs `npm run build` first and takes a few seconds of electron-builder. The root config does not include it.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/packaging/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 240_000, // electron-builder --dir: ~5 s here, more on a loaded machine
    pool: 'forks',
  },
});
