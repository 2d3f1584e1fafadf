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

/**
 * The window is in English: React Aria's strings for its other 30-odd locales are left out (as
 * @react-aria/optimize-locales-plugin does; its dictionaries skip empty locales and fall back to
 * en-US), about 30 KB of the first chunk.
 */
const ARIA_LOCALE =
  /[\\/]react-(?:aria|aria-components|stately)[\\/]dist[\\/]private[\\/]intl[\\/](?:[^\\/]+[\\/])?([a-z]{2}-[A-Z]{2})\.m?js$/;
const englishOnly = (): Plugin => ({
  name: 'feather-aria-english-only',
  load: (id) => {
    const locale = ARIA_LOCALE.exec(id)?.[1];
    return locale && locale !== 'en-US' ? 'export default null;' : null;
  },
});

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** `react-dom` for …/node_modules/react-dom/cjs/…; null for the app's own files and virtual modules. */
const packageOf = (id: string) => /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id)?.[1]?.replace('\\', '/') ?? null;

/**
 * `.vite/bundle-report.json`: each chunk with its static and lazy imports, its CSS, the packages and
 * the app's own files in it, and what each of those files imports (to name the import that brought
 * a package in). scripts/check-bundle.mjs and .size-limit.mjs read it to tell the first load from
 * the lazy screens and to keep main-only code out. Not packaged (electron-builder.yml).
 */
const bundleReport = (): Plugin => ({
  name: 'feather-bundle-report',
  apply: 'build',
  generateBundle(_options, bundle) {
    const own = (id: string) => !id.startsWith('\0') && packageOf(id) === null;
    const name = (id: string) => packageOf(id) ?? path.relative(repoRoot, id).split(path.sep).join('/');
    const unique = (names: string[]) => [...new Set(names)].sort();
    const chunks = Object.values(bundle).flatMap((c) =>
      c.type !== 'chunk'
        ? []
        : [
            {
              file: c.fileName,
              entry: c.isEntry,
              lazy: c.isDynamicEntry,
              imports: c.imports,
              dynamicImports: c.dynamicImports,
              css: [...(c.viteMetadata?.importedCss ?? [])],
              packages: unique(c.moduleIds.filter((id) => !own(id) && !id.startsWith('\0')).map(name)),
              sources: unique(c.moduleIds.filter(own).map(name)),
            },
          ],
    );
    const graph: Record<string, string[]> = {};
    for (const c of Object.values(bundle)) {
      if (c.type !== 'chunk') continue;
      for (const id of c.moduleIds.filter(own))
        graph[name(id)] = unique((this.getModuleInfo(id)?.importedIds ?? []).filter((i) => !i.startsWith('\0')).map(name));
    }
    this.emitFile({ type: 'asset', fileName: '.vite/bundle-report.json', source: JSON.stringify({ chunks, graph }, null, 1) });
  },
});

/**
 * The Contacts screen's code is asked for as the window starts (renderer/src/contacts-code.ts); a
 * `modulepreload` for its chunks in index.html has the browser fetch them beside the entry chunk
 * instead of after it has run. In the e2e harness they arrived ~100 ms after the entry had been asked
 * for; side by side in one Chromium (10k contacts) the list's first paint came 20–50 ms sooner. They
 * count in the first load's budget (scripts/bundle-files.mjs reads the links). Not in palette.html.
 * The chunk has no CSS of its own today; should it get some, that still loads when the screen does.
 */
const CONTACTS_SCREEN = /[\\/]renderer[\\/]src[\\/]screens[\\/]contacts[\\/]contacts-screen\.tsx$/;
const preloadContacts = (): Plugin => ({
  name: 'feather-preload-contacts',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, { filename, bundle }) {
      if (!bundle || path.basename(filename) !== 'index.html') return html;
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const screen = chunks.find((c) => c.facadeModuleId && CONTACTS_SCREEN.test(c.facadeModuleId));
      if (!screen) throw new Error('feather-preload-contacts: no chunk for renderer/src/screens/contacts/contacts-screen.tsx');
      const linked = new Set([...html.matchAll(/\b(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]));
      const files = [screen.fileName, ...screen.imports].filter(
        (file) => !linked.has(file) && !chunks.find((c) => c.fileName === file)?.isEntry,
      );
      const links = files.map((file) => `<link rel="modulepreload" crossorigin href="./${file}">`).join('\n    ');
      return html.replace('</head>', `  ${links}\n  </head>`);
    },
  },
});

/**
 * The small modules several screens share (a few hundred bytes each) go in one chunk: as their own
 * chunks, the Contacts screen asked for seven files where it now asks for two (every file is a request
 * the window waits on; the palette, which shares the directory store, loads the same chunk).
 */
const SCREEN_SHARED =
  /[\\/](?:renderer[\\/]src[\\/](?:screens[\\/]dial[\\/]card-format\.ts|stores[\\/]directory-store\.ts|components[\\/](?:field-error|country-select)\.tsx)|shared[\\/](?:identifiers|countries|country-words|history[\\/]outcomes)\.ts)$/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), csp(), englishOnly(), bundleReport(), preloadContacts()],
  build: {
    // FEATHER_RENDERER_DIST: another folder for the build (parallel work on one checkout); the e2e harness reads the same variable
    outDir: process.env.FEATHER_RENDERER_DIST
      ? path.resolve(process.env.FEATHER_RENDERER_DIST)
      : fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    modulePreload: { polyfill: false },
    // The first chunk is React, the stores and the shell; with the Contacts screen's preloaded chunks the
    // first load is ~96 kB gzip (the budget is 150 kB gzip, checked in npm test by scripts/check-bundle.mjs).
    // The other screens load lazily, Dial (React Aria's combobox) at once when the window starts on it.
    // Main-only code (zod, libphonenumber, the import pipeline) never ships here.
    chunkSizeWarningLimit: 500,
    // two windows, one build: the main window and the hotkey palette (its own page, sharing React and the stores)
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        palette: fileURLToPath(new URL('./palette.html', import.meta.url)),
      },
      // only the modules named: what they import (React, the stores) stays where it was
      output: { codeSplitting: { groups: [{ name: 'screen-shared', test: SCREEN_SHARED, includeDependenciesRecursively: false }] } },
    },
  },
  server: { port: 5173, strictPort: true },
});
