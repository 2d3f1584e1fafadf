import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Finds a runnable Electron: ELECTRON_OVERRIDE_DIST_PATH, or the binary the electron
 * package downloaded. Returns the reason when there is none, so the suite can say why it skipped.
 */
export function findElectron(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    const candidate = path.join(override, name);
    return existsSync(candidate) ? { path: candidate } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown as string;
    return existsSync(binary) ? { path: binary } : { reason: `the electron package points at ${binary}, which does not exist` };
  } catch (error) {
    return {
      reason: `no Electron binary was downloaded (${(error as Error).message.split('\n')[0]}); this machine cannot fetch it. Set ELECTRON_OVERRIDE_DIST_PATH to run this suite.`,
    };
  }
}
