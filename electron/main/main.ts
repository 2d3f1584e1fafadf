import { app, BrowserWindow, dialog, nativeTheme, protocol, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY, APP_HOST, APP_ORIGIN, APP_SCHEME, DEV_ORIGIN } from './app-origin';
import { serveRendererFile } from './app-protocol';
import { createLauncherCore } from '../core/launcher-core';
import { createDispatcher, isTrustedSender } from '../core/ipc-dispatch';
import { createKeytarSecretStore } from '../core/connection/secrets';
import { registerIpc } from './ipc';
import { denyPermissions, hardenWebContents } from './security';
import { electronStoreFactory } from './stores';
import { mainWindowOptions } from './window-options';
import { devMode } from './dev-mode';
import { installProcessGuards } from '../core/process-guards';
import { simulatorApiVersion } from '../simulator/wire';
import { startSimulator } from '../simulator/server';
import { DEMO_NUMBER_NAMES } from '../simulator/seed';
import { EVENT_CHANNEL } from '../../shared/event-channel';

/** Electron glue only: windows, protocol, IPC wiring. Everything else lives in core/. */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.resolve(here, '../renderer');
const dev = devMode(process.argv, app.isPackaged);
installProcessGuards();
const trustedOrigins = dev ? [APP_ORIGIN, DEV_ORIGIN] : [APP_ORIGIN];
const isAppUrl = (url: string) => isTrustedSender({ url, isMainFrame: true }, trustedOrigins);

// Tests and portable setups may point the app at its own data folder.
if (process.env.FEATHER_USER_DATA_DIR) app.setPath('userData', process.env.FEATHER_USER_DATA_DIR);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  const openExternal = (url: string) => {
    shell
      .openExternal(url)
      .catch((error: unknown) => console.error('[main] could not open a link:', error instanceof Error ? error.name : 'error'));
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, openExternal));

  const start = () => {
    protocol.handle(APP_SCHEME, (request) =>
      new URL(request.url).host === APP_HOST ? serveRendererFile(rendererRoot, request.url) : new Response('Not found', { status: 404 }),
    );
    denyPermissions(session.defaultSession);

    let core: ReturnType<typeof createLauncherCore>;
    try {
      core = createLauncherCore({
        stores: electronStoreFactory(app.getPath('userData')),
        dataDir: app.getPath('userData'),
        secrets: createKeytarSecretStore(process.env.FEATHER_KEYCHAIN_SERVICE ?? 'Feather Launcher'),
        startSimulator: () => startSimulator({ apiVersion: simulatorApiVersion(process.env) }),
        demoNumberNames: DEMO_NUMBER_NAMES,
        localeRegion: app.getLocaleCountryCode(),
        demoSamples: true,
      });
    } catch (error) {
      // The core reports bad or newer data files as notices and starts anyway; this is for what it cannot.
      // Say so and quit, so the single-instance lock does not silently swallow every later launch.
      dialog.showErrorBox('Feather Launcher could not start', error instanceof Error ? error.message : String(error));
      app.quit();
      return;
    }
    const dispatch = createDispatcher(core.handlers, {
      trustedOrigins,
      validateResponses: !app.isPackaged,
      onError: (channel, error) => console.error(`[ipc] ${channel}:`, error instanceof Error ? error.name : 'error'),
    });
    registerIpc(dispatch);

    win = new BrowserWindow(mainWindowOptions(path.join(here, 'preload.cjs'), nativeTheme.shouldUseDarkColors));
    win.once('ready-to-show', () => win?.show());
    win
      .loadURL(dev ? DEV_ORIGIN : APP_ENTRY)
      .catch((error: unknown) => console.error('[main] the window could not load:', error instanceof Error ? error.message : error));
    win.on('closed', () => (win = null));
    // Main → renderer events (status, directory, templates, contacts, dial requests), to our window only.
    core.events.subscribe((event, payload) => {
      if (win && !win.isDestroyed() && isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, event, payload);
    });

    app.on('before-quit', () => {
      core.close().catch((error: unknown) => console.error('[main] closing:', error instanceof Error ? error.message : error));
    });
  };
  app.whenReady().then(start, (error: unknown) => console.error('[main] not ready:', error));
  app.on('window-all-closed', () => app.quit());
}
