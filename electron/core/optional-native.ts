import { createRequire } from 'node:module';

/**
 * The one place that loads an optional native addon (keytar) at run time. It is required lazily,
 * so a missing or broken build is reported where it is used instead of failing the app's start.
 * The only `createRequire` in electron/, shared/ and renderer/ (eslint.config.js keeps it that way).
 */
export function loadOptionalNative(name: 'keytar'): unknown {
  return createRequire(import.meta.url)(name);
}

/** Where a native addon's entry is, for a worker thread that loads it itself (a path resolved from main, not from the thread's working folder). */
export function nativeModulePath(name: 'better-sqlite3'): string {
  return createRequire(import.meta.url).resolve(name);
}
