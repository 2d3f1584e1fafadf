import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { redactKeys } from '../core/connection/key-hint';
import { confStoreFactory } from '../core/storage/conf-stores';
import { createDispatcher } from '../core/ipc-dispatch';
import { createLauncherCore } from '../core/launcher-core';
import { createKeytarSecretStore } from '../core/connection/secrets';
import { simulatorApiVersion } from '../simulator/wire';
import { startSimulator } from '../simulator/server';
import { DEMO_NUMBER_NAMES } from '../simulator/seed';
import { startPreviewServer } from './preview-server';

/**
 * `npm start` where no Electron binary can run: the same renderer build and the same core,
 * in a browser window, over loopback. Settings live where the desktop app keeps them.
 */

// Once serving, a stray error must not take the app down with a half-written store: log it
// (without the session token or anything that looks like a key) and keep serving. Before that
// (the port is taken, the data folder cannot be written…) there is nothing to keep: say why and exit 1.
let sessionToken = '';
let serving = false;
const scrub = (text: string) => redactKeys(sessionToken ? text.split(sessionToken).join('<token>') : text);
const describe = (error: unknown) => scrub(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
const guard = (what: string) => (error: unknown) => {
  if (!serving) {
    console.error(`preview: could not start: ${describe(error)}`);
    process.exit(1);
  }
  console.error(`preview: ${what} (still running): ${describe(error)}`);
};
process.on('unhandledRejection', guard('unhandled rejection'));
process.on('uncaughtException', guard('uncaught exception'));

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const configHome = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
const userData = process.env.FEATHER_USER_DATA_DIR ?? path.join(configHome, 'Feather Launcher');
/** The preview browser's own profile: inside the app's data folder, 0700 — never a shared /tmp path. */
const browserProfile = path.join(userData, 'preview-browser');

const core = createLauncherCore({
  stores: confStoreFactory(userData),
  dataDir: userData,
  secrets: createKeytarSecretStore(process.env.FEATHER_KEYCHAIN_SERVICE ?? 'Feather Launcher'),
  // demo mode's calls outlive a restart, in the same data folder as the desktop app's
  startSimulator: () =>
    startSimulator({ apiVersion: simulatorApiVersion(process.env), stateFile: path.join(userData, 'simulator-state.json') }),
  demoNumberNames: DEMO_NUMBER_NAMES,
  demoSamples: true,
  localeRegion: Intl.DateTimeFormat().resolvedOptions().locale.split('-')[1],
});
let opener: string | undefined;
const removeOpener = () => {
  const file = opener;
  opener = undefined;
  return file ? rm(file, { force: true }) : Promise.resolve();
};
const preview = await startPreviewServer({
  dispatchFor: (origin) =>
    createDispatcher(core.handlers, {
      trustedOrigins: [origin],
      validateResponses: true,
      onError: (channel, error) => console.error(`preview: ${channel}: ${describe(error)}`),
    }),
  rendererDir,
  bridgeScript: await readFile(path.join(here, 'preview-bridge.js'), 'utf8'),
  port: Number(process.env.PORT) || undefined,
  subscribe: (listener) => core.events.subscribe(listener),
  // a file chosen for an import: its bytes go straight to the import's worker
  receiveUpload: () => core.contacts.imports.receive(),
  // The browser has the token now: the opener file has done its job.
  onFirstAuthenticatedRequest: () => void removeOpener().catch((error: unknown) => console.error(`preview: ${describe(error)}`)),
  log: (message) => console.error(scrub(message)),
});
sessionToken = new URLSearchParams(new URL(preview.url).hash.slice(1)).get('token') ?? '';
serving = true;

console.log(`\nFeather Launcher (browser preview) is running. Open:\n\n  ${preview.url}\n`);
console.log(`Demo mode uses the built-in simulator: no real calls. Data: ${userData}. Press Ctrl+C to stop.`);

/** Creates the profile folder 0700 (and makes an existing one 0700), refusing a symlink or someone else's folder. */
async function privateFolder(dir: string) {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory() || (typeof process.getuid === 'function' && info.uid !== process.getuid())) {
    throw new Error(`${dir} is not a folder of this user`);
  }
  await chmod(dir, 0o700);
}

/**
 * Opening the browser without putting the token on its command line (argv is visible to every
 * user through `ps`). We write a tiny HTML file, mode 0600, inside the 0700 browser profile, that
 * redirects (meta refresh) to the address with the token in its fragment, and open that file's
 * path instead. Chosen over a one-time code in the URL because a code on argv can still be raced
 * by another local user who reads `ps`; the file can only be read by this user. The file is
 * deleted as soon as the page's first authenticated request arrives, and on exit.
 */
async function openBrowser(browser: string): Promise<ChildProcess> {
  await privateFolder(browserProfile);
  const file = path.join(browserProfile, `open-${randomBytes(8).toString('hex')}.html`);
  const href = preview.url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0; url=${href}"><title>Feather Launcher</title></head><body><a href="${href}">Open Feather Launcher</a></body></html>\n`;
  await writeFile(file, html, { mode: 0o600, flag: 'wx' });
  opener = file;
  const child = spawn(
    browser,
    [`--app=${pathToFileURL(file).href}`, `--user-data-dir=${browserProfile}`, '--no-first-run', '--no-default-browser-check'],
    {
      stdio: 'ignore',
      // its own process group, so Ctrl+C reaches us first and we end the whole browser below
      detached: true,
    },
  );
  child.on('error', (error) => console.error(`preview: could not start the browser (${error.message}); open the address above.`));
  return child;
}

let browserProcess: ChildProcess | undefined;
const browser = [process.env.BROWSER, '/usr/bin/chromium', '/usr/bin/google-chrome'].find((b) => b && existsSync(b));
if (browser && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux') && !process.env.NO_BROWSER) {
  try {
    browserProcess = await openBrowser(browser);
  } catch (error) {
    console.error(`preview: could not open the browser: ${describe(error)}`);
  }
}

function stopBrowser() {
  const child = browserProcess;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // the browser and its helper processes: the process group we started it in
    if (process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
    else child.kill();
  } catch {
    child.kill();
  }
}

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the browser preview…');
  stopBrowser();
  // never hang on the way out
  setTimeout(() => process.exit(1), 5000).unref();
  Promise.allSettled([preview.close(), core.close(), removeOpener()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
process.on('exit', stopBrowser);

// Also end when whoever started us is gone without telling us (scripts/start.mjs killed with SIGKILL, or
// a shell in between that died of a signal without passing it on): a preview nobody can stop with Ctrl+C
// any more must not keep serving. An orphan is re-parented (its ppid changes); on Windows, where the
// ppid stays, ask whether that process still exists.
const parent = process.ppid;
const watchParent = setInterval(() => {
  let gone = process.ppid !== parent;
  if (!gone) {
    try {
      process.kill(parent, 0);
    } catch (error) {
      gone = (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  if (!gone) return;
  clearInterval(watchParent);
  stop();
}, 200);
watchParent.unref();
