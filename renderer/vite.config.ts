import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

import { CONTENT_SECURITY_POLICY } from '../shared/csp';

/** The CSP meta tag goes in builds only: the dev server needs inline HMR code. */
const csp = (): Plugin => ({
  name: 'feather-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), csp()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    // React + libphonenumber's full metadata; a desktop app loads it from disk.
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: true },
});
