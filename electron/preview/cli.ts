import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { confStoreFactory } from '../core/conf-stores';
import { createDispatcher } from '../core/ipc-dispatch';
import { createLauncherCore } from '../core/launcher-core';
import { createKeytarSecretStore } from '../core/secrets';
import { simulatorApiVersion } from '../simulator/wire';
import { startSimulator } from '../simulator/server';
import { startPreviewServer } from './preview-server';

/**
 * `npm start` where no Electron binary can run: the same renderer build and the same core,
 * in a browser window, over loopback. Settings live where the desktop app keeps them.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const configHome = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
const userData = process.env.FEATHER_USER_DATA_DIR ?? path.join(configHome, 'Feather Launcher');

const core = createLauncherCore({
  stores: confStoreFactory(userData),
  dataDir: userData,
  secrets: createKeytarSecretStore(process.env.FEATHER_KEYCHAIN_SERVICE ?? 'Feather Launcher'),
  startSimulator: () => startSimulator({ apiVersion: simulatorApiVersion(process.env) }),
  localeRegion: Intl.DateTimeFormat().resolvedOptions().locale.split('-')[1],
});
const preview = await startPreviewServer({
  dispatchFor: (origin) => createDispatcher(core.handlers, { trustedOrigins: [origin], validateResponses: true }),
  rendererDir,
  bridgeScript: await readFile(path.join(here, 'preview-bridge.js'), 'utf8'),
  port: Number(process.env.PORT) || undefined,
});

console.log(`\nFeather Launcher (browser preview) is running. Open:\n\n  ${preview.url}\n`);
console.log('Demo mode uses the built-in simulator: no real calls. Press Ctrl+C to stop.');

const browser = [process.env.BROWSER, '/usr/bin/chromium', '/usr/bin/google-chrome'].find((b) => b && existsSync(b));
if (browser && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux') && !process.env.NO_BROWSER) {
  spawn(browser, [`--app=${preview.url}`, `--user-data-dir=${path.join(os.tmpdir(), 'feather-launcher-preview-browser')}`], { stdio: 'ignore', detached: true }).unref();
}

const stop = () => void Promise.all([preview.close(), core.close()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
