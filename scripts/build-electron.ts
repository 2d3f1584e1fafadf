import { build } from 'esbuild';
import { channelNames } from '../shared/contract';

/** Bundles main (ESM) and the preload (one CommonJS file, as sandboxed preloads require). */
const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: true, logLevel: 'warning' as const };

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.js',
  format: 'esm',
  external: ['electron', 'keytar', 'better-sqlite3'], // native modules load from node_modules (app.asar.unpacked)
  // Bundled CommonJS dependencies still call require(); give ESM one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: ['electron/main/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
  define: { __LAUNCHER_CHANNELS__: JSON.stringify(channelNames()) },
});
// Browser preview shell, for machines where Electron cannot run (see scripts/start.mjs).
await build({
  ...common,
  entryPoints: ['electron/preview/cli.ts'],
  outfile: 'dist/preview/cli.js',
  format: 'esm',
  external: ['keytar', 'better-sqlite3'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await build({
  ...common,
  platform: 'browser',
  target: 'chrome120',
  entryPoints: ['electron/preview/preview-bridge.ts'],
  outfile: 'dist/preview/preview-bridge.js',
  format: 'iife',
  define: { __LAUNCHER_CHANNELS__: JSON.stringify(channelNames()) },
});
console.log('built dist/electron/main.js, dist/electron/preload.cjs and dist/preview/');
