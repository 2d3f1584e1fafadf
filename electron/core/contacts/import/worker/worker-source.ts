import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The import worker's code, as one CommonJS script that `new Worker(source, { eval: true })` runs.
 *
 * Built apps (the Electron main bundle, the preview's): scripts/build-electron.ts bundles
 * import-worker.ts on its own (dist/electron/import-worker.cjs) and defines
 * `__IMPORT_WORKER__` as its path from the bundle that starts it; it is read with `fs`. In the
 * packaged app that file is inside app.asar, which Electron's `fs` reads (and checks against the
 * archive's integrity hashes) but a Worker started from a path inside the archive might not load —
 * so the source is read and evaluated rather than started by path; that keeps it inside the checked
 * archive (an asarUnpack'd file would sit outside it) and is the same path in tests as in the app.
 *
 * From the TypeScript sources (tests, the bench, `npm run dev`) there is no such file: the worker is
 * bundled here by esbuild's command line (a dev dependency), once per process.
 */
declare const __IMPORT_WORKER__: string | undefined;

let source: Promise<string> | null = null;
const run = (file: string, args: string[]) =>
  new Promise<{ stdout: string }>((resolve, reject) =>
    execFile(file, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve({ stdout }),
    ),
  );

export function importWorkerSource(): Promise<string> {
  source ??= (typeof __IMPORT_WORKER__ === 'string' ? builtSource(__IMPORT_WORKER__) : bundledHere()).catch((error: unknown) => {
    source = null; // the next import tries again
    throw error;
  });
  return source;
}

function builtSource(relative: string): Promise<string> {
  return readFile(path.join(path.dirname(fileURLToPath(import.meta.url)), relative), 'utf8');
}

/** The entry point, next to this file in the sources (or, in a test's own bundle, under the working folder). */
function entryPoint(): string {
  const here = typeof import.meta.url === 'string' ? path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-worker.ts') : '';
  if (here && existsSync(here)) return here;
  const fromRoot = path.resolve('electron/core/contacts/import/worker/import-worker.ts');
  if (existsSync(fromRoot)) return fromRoot;
  throw new Error('The import worker was not built (scripts/build-electron.ts) and its sources are not here.');
}

/** esbuild's command line (its binary, or the script that runs it), run as a program of its own: from a test's jsdom realm its API refuses to run. */
async function bundledHere(): Promise<string> {
  const entry = entryPoint();
  const root = path.resolve(path.dirname(entry), '../../../../..');
  const { stdout } = await run(path.join(root, 'node_modules', 'esbuild', 'bin', 'esbuild'), [
    entry,
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--log-level=error',
  ]);
  return stdout;
}
