import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** The CSP meta tag goes in builds only: the dev server needs inline HMR code. */
const csp = (): Plugin => ({
  name: 'feather-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
    ),
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), csp()],
  build: {
    // FEATHER_RENDERER_DIST: another folder for the build (parallel work on one checkout); the e2e harness reads the same variable
    outDir: process.env.FEATHER_RENDERER_DIST
      ? path.resolve(process.env.FEATHER_RENDERER_DIST)
      : fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    // React + libphonenumber's full metadata; a desktop app loads it from disk.
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true },
});
