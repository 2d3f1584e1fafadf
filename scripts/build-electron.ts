import { build, type Plugin } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { channelNames } from '../shared/contract';

/** Bundles main (ESM) and the preload (one CommonJS file, as sandboxed preloads require). */
const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: true, logLevel: 'warning' as const };

/**
 * The preload checks main's events with zod (shared/main-events.ts `checkEvent`), so it bundles
 * zod; esbuild cannot shake `z.locales` (zod's error messages in 40-odd languages) off the `z`
 * namespace, and nothing here uses them: English (`en`, loaded by zod itself) is kept.
 */
const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};
/** The window's side of the bridge: small and quick to parse on every window load. */
const windowSide = { minify: true, plugins: [zodWithoutLocales], metafile: true };

/**
 * The import worker (electron/core/contacts/import/worker/import-worker.ts): its own bundle, one CommonJS
 * script, because main and the preview start it from its source text (`new Worker(source, { eval: true })`,
 * see worker-source.ts: a Worker started from a path inside app.asar may not load; read with fs, it does,
 * and stays inside the archive). Minified: it carries papaparse, jschardet and libphonenumber's full metadata.
 * Each bundle that starts it is told where it is, relative to itself (`__IMPORT_WORKER__`).
 */
await build({
  ...common,
  entryPoints: ['electron/core/contacts/import/worker/import-worker.ts'],
  outfile: 'dist/electron/import-worker.cjs',
  format: 'cjs',
  minify: true,
  sourcemap: false,
});
await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.js',
  format: 'esm',
  external: ['electron', 'keytar', 'better-sqlite3'], // native modules load from node_modules (app.asar.unpacked)
  // Bundled CommonJS dependencies still call require(); give ESM one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  define: { __IMPORT_WORKER__: JSON.stringify('import-worker.cjs') },
});
const preload = await build({
  ...common,
  ...windowSide,
  entryPoints: ['electron/main/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
  define: { __LAUNCHER_CHANNELS__: JSON.stringify(channelNames()) },
});
// what the preload holds, for scripts/check-bundle.mjs (not packaged: electron-builder.yml)
await writeFile('dist/electron/preload.meta.json', JSON.stringify(preload.metafile));
// Browser preview shell, for machines where Electron cannot run (see scripts/start.mjs).
await build({
  ...common,
  entryPoints: ['electron/preview/cli.ts'],
  outfile: 'dist/preview/cli.js',
  format: 'esm',
  external: ['keytar', 'better-sqlite3'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  define: { __IMPORT_WORKER__: JSON.stringify('../electron/import-worker.cjs') },
});
await build({
  ...common,
  ...windowSide,
  platform: 'browser',
  target: 'chrome120',
  entryPoints: ['electron/preview/preview-bridge.ts'],
  outfile: 'dist/preview/preview-bridge.js',
  format: 'iife',
  define: { __LAUNCHER_CHANNELS__: JSON.stringify(channelNames()) },
});
console.log('built dist/electron/main.js, dist/electron/import-worker.cjs, dist/electron/preload.cjs and dist/preview/');
