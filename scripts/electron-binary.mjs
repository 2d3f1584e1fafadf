// Finds a runnable Electron binary, or says why there is none. Shared by `npm start` and the real-Electron test suite.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @returns {{ path: string } | { reason: string }} */
export function findElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const name =
      process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    const candidate = path.join(override, name);
    return existsSync(candidate) ? { path: candidate } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  try {
    const binary = createRequire(import.meta.url)('electron');
    return existsSync(binary) ? { path: binary } : { reason: `the electron package points at ${binary}, which does not exist` };
  } catch (error) {
    return { reason: `no Electron binary was downloaded (${String(error.message).split('\n')[0]})` };
  }
}
